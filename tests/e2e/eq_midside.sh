#!/bin/sh
# The EQ's mid/side bands: with a 1 kHz tone in the middle (L = R) and a
# 3 kHz tone at the sides (L = -R), a -12 dB peak at 1 kHz, Q 2, with
# b1.ch=mid changes the mid, (L+R)/2, as sox's equalizer does it (within
# 0.1 dB) and leaves the side, (L-R)/2; with b1.ch=side the mid stays.
. "$(dirname "$0")/../lib/common.sh"
need sox

P="$T/song"
sox -D -n -r 48000 -c 1 -b 24 "$T/m.wav" synth 3 sine 1000 gain -12
sox -D -n -r 48000 -c 1 -b 24 "$T/s.wav" synth 3 sine 3000 gain -12
sox -D -M "$T/m.wav" "$T/s.wav" "$T/ms.wav" remix 1,2 1,2v-1
run_to r "$REEL" --config "$CFG" "$P" -c "import $T/ms.wav track=a;
    fx-add master eq;
    fx-set master 1 b1.type=peak b1.freq=1000 b1.gain=-12 b1.q=2 b1.ch=mid;
    render mid.wav format=wav32f;
    fx-set master 1 b1.ch=side; render side.wav format=wav32f"
[ "$RC" -eq 0 ] || { cat "$T/r.err"; fail "render: exit $RC"; }
lvl() {	# FILE REMIX: RMS dB of the middle second
	sox -D "$1" -n remix "$2" trim 1 1 stats 2>&1 |
	    awk '/^RMS lev dB/ { print $4; exit }'
}
chk() {	# WHAT GOT WANT TOL
	d=$(fcalc "$2 - ($3)")
	if awk -v d="$d" -v t="$4" 'BEGIN { exit !(d <= t && d >= -t) }'
	then ok "$1: $(printf '%.2f' "$d") dB"
	else soft_fail "$1: $d dB, want 0 +-$4"; fi
}
im=$(lvl "$T/ms.wav" 1v0.5,2v0.5); is=$(lvl "$T/ms.wav" 1v0.5,2v-0.5)
R="$P/renders"
sox -D "$T/ms.wav" "$T/mref.wav" remix 1v0.5,2v0.5 equalizer 1000 2q -12
ref=$(sox -D "$T/mref.wav" -n trim 1 1 stats 2>&1 |
    awk '/^RMS lev dB/ { print $4; exit }')
say "mid: $im dB in, sox equalizer $ref dB"
chk "b1.ch=mid: the mid as sox's equalizer makes it" \
    "$(lvl "$R/mid.wav" 1v0.5,2v0.5)" "$ref" 0.1
chk "b1.ch=mid: side 3 kHz unchanged" "$(lvl "$R/mid.wav" 1v0.5,2v-0.5)" \
    "$is" 0.3
chk "b1.ch=side: mid 1 kHz unchanged" "$(lvl "$R/side.wav" 1v0.5,2v0.5)" \
    "$im" 0.05
done_test
