#!/bin/sh
# Automation of an LV2 plugin's control port: x42's EQ (fil4) on a 1 kHz
# tone, its band 3 centred on 1 kHz, gain3 automated by `auto` in steps
# 0 dB, then +12 dB from 1 s, then -6 dB from 2 s.  A peaking band gains
# exactly its gain at its centre, so the render's level in each second
# is the tone's plus the lane's value (sox measures both); the lane is
# saved in project.ini under the port's symbol and renders the same
# after reopening.
. "$(dirname "$0")/../lib/common.sh"
need sox

FIL4=http://gareus.org/oss/lv2/fil4#stereo
[ -f /usr/lib/lv2/fil4.lv2/manifest.ttl ] ||
    fail "x42-plugins is needed (make deps-test)"
P="$T/song"
sox -n -r 48000 -c 2 -b 32 -e floating-point "$T/s.wav" synth 3 \
    sine 1000 vol 0.25 2>/dev/null

run_to a "$REEL" --config "$CFG" "$P" -c "import $T/s.wav track=s;
    fx-add s lv2:$FIL4; fx-set s 1 freq3=1000 q3=1;
    auto s 1.gain3 0 0 curve=step; auto s 1.gain3 1 12 curve=step;
    auto s 1.gain3 2 -6 curve=step; autos s; render a.wav format=wav32f"
[ "$RC" -eq 0 ] || { cat "$T/a.err"; fail "auto: exit $RC"; }
grep -q "^s 1.gain3: read, 3 points" "$T/a.out" ||
    soft_fail "autos: $(cat "$T/a.out")"

rms() {
	sox "$1" -n trim "$2" 0.6 stats 2>&1 | awk '/^RMS lev dB/ { print $4 }'
}
rin=$(rms "$T/s.wav" 0.3)
for seg in "0.3 0" "1.3 12" "2.3 -6"; do
	set -- $seg
	g=$(awk -v o="$(rms "$P/renders/a.wav" "$1")" -v i="$rin" \
	    'BEGIN { printf "%.2f", o - i }')
	if awk -v g="$g" -v w="$2" 'BEGIN { d = g - w; exit !(d < 0.05 &&
	    d > -0.05) }'; then
		ok "from $1 s the tone gains $g dB (the lane says $2)"
	else
		soft_fail "from $1 s the tone gains $g dB, the lane says $2"
	fi
done

run_to b "$REEL" --config "$CFG" "$P" -c "render b.wav format=wav32f"
[ "$RC" -eq 0 ] || { cat "$T/b.err"; fail "reopen: exit $RC"; }
wav_data "$P/renders/a.wav" "$T/a.raw"
wav_data "$P/renders/b.wav" "$T/b.raw"
if grep -q "^\[auto s 1.gain3\]" "$P/project.ini" &&
    cmp -s "$T/a.raw" "$T/b.raw"; then
	ok "the lane is saved as [auto s 1.gain3]; reopened, identical samples"
else
	soft_fail "reopened: $(grep '^\[auto' "$P/project.ini");" \
	    "$(cmp "$T/a.raw" "$T/b.raw" 2>&1)"
fi
done_test
