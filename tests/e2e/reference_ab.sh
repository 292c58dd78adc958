#!/bin/sh
# reference FILE and ab-reference: a reference at another rate (44.1 kHz)
# and level is heard, once switched, at the mix's integrated loudness
# (ffmpeg's ebur128 on a render of the monitor path: within 0.2 LU of the
# mix's), at the same position (the reference's tone changes at 2 s, and
# so does the render's), in the reference's spectrum (its 3 kHz, not the
# mix's 1 kHz); switched back, the monitor path is the mix.
. "$(dirname "$0")/../lib/common.sh"
need sox ffmpeg

P="$T/song"
sox -D -n -r 48000 -c 2 -b 24 "$T/mix.wav" synth 4 sine 1000 gain -20
sox -D -n -r 44100 -c 2 -b 16 "$T/r1.wav" synth 2 sine 3000 gain -6
sox -D -n -r 44100 -c 2 -b 16 "$T/r2.wav" synth 2 sine 3000 gain -12
sox -D "$T/r1.wav" "$T/r2.wav" "$T/ref.wav"
run_to r "$REEL" --config "$CFG" "$P" -c "import $T/mix.wav track=a;
    reference $T/ref.wav; ab-reference;
    render ab.wav format=wav32f monitor=on;
    ab-reference mix; render back.wav format=wav32f monitor=on;
    render mixr.wav format=wav32f"
[ "$RC" -eq 0 ] || { cat "$T/r.err"; fail "reference: exit $RC"; }
ffi() {
	ffmpeg -nostdin -hide_banner -i "$1" -af ebur128 -f null - 2>&1 |
	    awk '/^ *I:/ { v = $2 } END { print v }'
}
band() {	# FILE START FILTER...: RMS dB of a second through a filter
	f=$1; st=$2; shift 2
	sox -D "$f" -n trim "$st" 1 "$@" stats 2>&1 |
	    awk '/^RMS lev dB/ { print $4; exit }'
}
R="$P/renders"
im=$(ffi "$R/mixr.wav")
ia=$(ffi "$R/ab.wav")
if awk -v a="$ia" -v m="$im" 'BEGIN { d = a - m; exit !(d < 0.2 && d > -0.2) }'
then ok "the reference is heard at the mix's loudness: $ia vs $im LUFS"
else soft_fail "reference at $ia LUFS, the mix at $im"; fi
# Its own level step at 2 s: -6 dB, at the same position.
a1=$(band "$R/ab.wav" 0.5); a2=$(band "$R/ab.wav" 2.5)
d=$(fcalc "$a2 - ($a1)")
if awk -v d="$d" 'BEGIN { exit !(d < -5.8 && d > -6.2) }'
then ok "the reference's step at 2 s is there: $d dB"
else soft_fail "reference step: $d dB, want -6"; fi
hi=$(band "$R/ab.wav" 0.5 sinc 2000); lo=$(band "$R/ab.wav" 0.5 sinc -2000)
if awk -v h="$hi" -v l="$lo" 'BEGIN { exit !(h > l + 40) }'
then ok "what is heard is the reference's 3 kHz ($hi dB), not 1 kHz ($lo dB)"
else soft_fail "spectrum: above 2 kHz $hi dB, below $lo dB"; fi
pk=$(peak_db "$R/back.wav" "$R/mixr.wav")
db_below "$pk" -140 && ok "ab-reference mix: the monitor path is the mix" ||
    soft_fail "back to the mix: differs by $pk dB"
run_to bad "$REEL" --config "$CFG" "$P" -c "ab-reference"
grep -q "ab-reference: no reference loaded" "$T/bad.err" &&
    ok "ab-reference with none loaded: one line" ||
    soft_fail "no reference: $(cat "$T/bad.err")"
done_test
