#!/bin/sh
# loudness FILE against EBU Tech 3341 signals generated here with sox and
# python, within its tolerances (I, M, S +-0.1 LU; true peak +0.2/-0.4
# dB); silence prints -inf; the output is exactly six lines in the
# documented form; a missing file is one line.
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

# Tech 3341 cases 1-5.
sine "$T/c1.wav" 20 -23
measure "$T/c1.wav"
awk 'NR==1 && !/^integrated: -?[0-9]+\.[0-9] LUFS$/ { e=1 }
     NR==2 && !/^range: [0-9]+\.[0-9] LU$/ { e=1 }
     NR==3 && !/^true-peak: -?[0-9]+\.[0-9] dBTP$/ { e=1 }
     NR==4 && !/^sample-peak: -?[0-9]+\.[0-9] dBFS$/ { e=1 }
     NR==5 && !/^momentary-max: -?[0-9]+\.[0-9] LUFS$/ { e=1 }
     NR==6 && !/^short-term-max: -?[0-9]+\.[0-9] LUFS$/ { e=1 }
     END { exit e || NR != 6 }' "$T/m.out" &&
    ok "six lines in the documented form and order" ||
    { cat "$T/m.out"; soft_fail "loudness output not in the form"; }
near "3341 case 1 (-23 dBFS 1 kHz) I" "$(field integrated)" -23 -0.1 0.1
near "3341 case 1 M max" "$(field momentary-max)" -23 -0.1 0.1
near "3341 case 1 S max" "$(field short-term-max)" -23 -0.1 0.1
sine "$T/c2.wav" 20 -33
measure "$T/c2.wav"
near "3341 case 2 (-33 dBFS) I" "$(field integrated)" -33 -0.1 0.1
sine "$T/a.wav" 10 -36; sine "$T/b.wav" 60 -23
sox "$T/a.wav" "$T/b.wav" "$T/a.wav" "$T/c3.wav"
measure "$T/c3.wav"
near "3341 case 3 (-36/-23/-36 dBFS, 10/60/10 s) I" "$(field integrated)" \
    -23 -0.1 0.1
sine "$T/q.wav" 10 -72
sox "$T/q.wav" "$T/a.wav" "$T/b.wav" "$T/a.wav" "$T/q.wav" "$T/c4.wav"
measure "$T/c4.wav"
near "3341 case 4 (-72/-36/-23/-36/-72 dBFS) I" "$(field integrated)" \
    -23 -0.1 0.1
sine "$T/x.wav" 20 -26; sine "$T/y.wav" 20.1 -20
sox "$T/x.wav" "$T/y.wav" "$T/x.wav" "$T/c5.wav"
measure "$T/c5.wav"
near "3341 case 5 (-26/-20/-26 dBFS, 20/20.1/20 s) I" \
    "$(field integrated)" -23 -0.1 0.1

# Tech 3341 true-peak cases: sines of peak amplitude 0.5 (-6.02 dBTP)
# whose samples miss the crest (frequency fs/4, fs/6, fs/8 at phase
# offsets), and a full-scale 0 dBTP one: +0.2/-0.4 dB.
for c in "4 45" "6 60" "8 67.5" "4 0"; do
	set -- $c
	python3 -S - "$T/tp.raw" "$1" "$2" <<'PYEOF'
import array, math, sys
out, div, ph = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
amp = 0.5
a = array.array('f', (amp * math.sin(2 * math.pi * i / div +
    math.radians(ph)) for i in range(48000 * 3) for _ in (0, 1)))
open(out, 'wb').write(a.tobytes())
PYEOF
	sox -t f32 -r 48000 -c 2 "$T/tp.raw" -e floating-point -b 32 \
	    "$T/tp.wav"
	measure "$T/tp.wav"
	near "true peak, fs/$1 phase $2 deg, peak 0.5" "$(field true-peak)" \
	    -6.0 -0.4 0.2
done

# Silence: no figure.
sox -D -n -r 48000 -c 2 -b 16 "$T/sil.wav" trim 0 5
measure "$T/sil.wav"
[ "$(grep -c -- ': -inf ' "$T/m.out")" -eq 6 ] &&
    ok "silence: every figure -inf" ||
    { cat "$T/m.out"; soft_fail "silence: not -inf"; }

run_to bad "$REEL" --config "$CFG" "$P" -c "loudness $T/nothere.wav"
[ "$RC" -ne 0 ] && grep -q "^.*loudness: FILE: .*nothere.wav" "$T/bad.err" &&
    ok "a missing file: one line naming the command and FILE" ||
    { cat "$T/bad.err"; soft_fail "missing file error"; }
done_test
