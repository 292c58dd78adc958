#!/bin/sh
# loudness FILE against EBU Tech 3342 (loudness range) signals generated
# here with sox, within +-1 LU; against ffmpeg's ebur128 filter
# (peak=true) on noise that swells (I +-0.1, LRA and true peak +-0.2);
# `loudness mix` equals `loudness` of the same mix rendered.
. "$(dirname "$0")/../lib/common.sh"
need sox ffmpeg python3

P="$T/song"
sine() {	# OUT SECONDS DBFS
	sox -n -r 48000 -c 2 -b 24 "$1" synth "$2" sine 1000 gain "$3" \
	    2>/dev/null
}
measure() {	# FILE: loudness output in $T/m.out
	run_to m "$REEL" --config "$CFG" "$P" -c "loudness $1"
	[ "$RC" -eq 0 ] || { cat "$T/m.err"; fail "loudness $1: exit $RC"; }
}
field() { awk -v k="$1:" '$1 == k { print $2 }' "$T/m.out"; }
near() {	# WHAT GOT WANT LO HI
	if awk -v g="$2" -v w="$3" -v lo="$4" -v hi="$5" \
	    'BEGIN { exit !(g - w >= lo - 1e-9 && g - w <= hi + 1e-9) }'; then
		ok "$1: $2 (want $3, $4..+$5)"
	else
		soft_fail "$1: $2, want $3 ($4..+$5)"
	fi
}

"$REEL" --config "$CFG" "$P" -c "info" >/dev/null 2>&1
# Tech 3342 cases 1-4: loudness range.
sine "$T/l20.wav" 20 -20; sine "$T/l30.wav" 20 -30
sox "$T/l20.wav" "$T/l30.wav" "$T/r1.wav"
measure "$T/r1.wav"
near "3342 case 1 (-20/-30 dBFS) LRA" "$(field range)" 10 -1 1
sine "$T/l15.wav" 20 -15
sox "$T/l20.wav" "$T/l15.wav" "$T/r2.wav"
measure "$T/r2.wav"
near "3342 case 2 (-20/-15 dBFS) LRA" "$(field range)" 5 -1 1
sine "$T/l40.wav" 20 -40
sox "$T/l40.wav" "$T/l20.wav" "$T/r3.wav"
measure "$T/r3.wav"
near "3342 case 3 (-40/-20 dBFS) LRA" "$(field range)" 20 -1 1
sine "$T/l50.wav" 20 -50; sine "$T/l35.wav" 20 -35
sox "$T/l50.wav" "$T/l35.wav" "$T/l20.wav" "$T/l35.wav" "$T/l50.wav" \
    "$T/r4.wav"
measure "$T/r4.wav"
near "3342 case 4 (-50/-35/-20/-35/-50 dBFS) LRA" "$(field range)" 15 -1 1

# Against ffmpeg's ebur128 filter (peak=true) on pink noise that swells.
# The noise is sox's repeatable one (-R): the two meters interpolate
# between samples with different filters, and a rare noise whose loudest
# peak falls badly for them parted them by 0.5 dB in one fresh run.
sox -R -n -r 48000 -c 2 -b 24 "$T/n1.wav" synth 12 pinknoise gain -18 \
    2>/dev/null
sox -R -n -r 48000 -c 2 -b 24 "$T/n2.wav" synth 12 pinknoise gain -8 \
    2>/dev/null
sox "$T/n1.wav" "$T/n2.wav" "$T/noise.wav"
measure "$T/noise.wav"
ffmpeg -nostdin -hide_banner -i "$T/noise.wav" -af ebur128=peak=true \
    -f null - 2>"$T/ff.txt"
ffi=$(awk '/^ *I:/ { v = $2 } END { print v }' "$T/ff.txt")
ffl=$(awk '/^ *LRA:/ { v = $2 } END { print v }' "$T/ff.txt")
fft=$(awk '/^ *Peak:/ { v = $2 } END { print v }' "$T/ff.txt")
near "noise I against ffmpeg" "$(field integrated)" "$ffi" -0.1 0.1
near "noise LRA against ffmpeg" "$(field range)" "$ffl" -0.2 0.2
near "noise true peak against ffmpeg" "$(field true-peak)" "$fft" -0.2 0.2

# The mix: the measurement of the render path equals the rendered file's.
run_to imp "$REEL" --config "$CFG" "$P" -c "import $T/noise.wav track=a;
    fx-add master eq; fx-set master 1 b1.type=lowshelf b1.gain=-6;
    render mix.wav format=wav32f; loudness mix"
[ "$RC" -eq 0 ] || { cat "$T/imp.err"; fail "mix: exit $RC"; }
tail -n 6 "$T/imp.out" > "$T/mix.out"
measure "$P/renders/mix.wav"
if cmp -s "$T/mix.out" "$T/m.out"; then
	ok "loudness mix = loudness of the rendered mix ($(head -1 "$T/m.out"))"
else
	soft_fail "loudness mix differs from the render's"
	diff "$T/mix.out" "$T/m.out"
fi

done_test
