#!/bin/sh
# What you hear is what you render, with the whole mix graph active:
# `play` through the ALSA file device (FLOAT_LE) writes, after its B
# frames of prefill, the very float samples `render format=wav32f`
# writes for the same range, with an EQ, a compressor, a gate, a delay
# on a group bus with its own limiter, a reverb on an aux bus fed by a
# post and a pre-fader send, and a look-ahead limiter on the master
# (the graph delays its output; playback prerolls it as render does).
# From the start and from a later position.
. "$(dirname "$0")/../lib/common.sh"
need sox

RATE=48000
B=768
P="$T/song"
sox -n -r $RATE -c 1 -b 24 "$T/a.wav" synth 2.5 pluck 220 vol 0.7 \
    2>/dev/null
sox -n -r $RATE -c 2 -b 24 "$T/b.wav" synth 2.5 pinknoise vol 0.4 \
    2>/dev/null
sox -n -r $RATE -c 1 -b 24 "$T/c.wav" synth 2.5 square 110 vol 0.3 \
    2>/dev/null
head -c $((RATE * 8 * 3)) /dev/zero > "$T/in.raw"
run_to setup "$REEL" --config "$CFG" "$P" -c "import $T/a.wav track=a;
    import $T/b.wav track=b at=0.2; import $T/c.wav track=c;
    fx-add a eq; fx-set a 1 b1.type=hp b1.freq=120;
    fx-set a 1 b2.type=peak b2.freq=900 b2.gain=-4 b2.q=1.5;
    fx-add b comp; fx-set b 1 threshold=-24 ratio=3 attack=3 release=80;
    fx-add c gate; fx-set c 1 threshold=-30;
    bus-add verb; fx-add verb reverb;
    bus-add grp; fx-add grp delay; fx-set grp 1 time=90 feedback=40;
    fx-add grp limit; fx-set grp 2 ceiling=-6 lookahead=3;
    route a grp; route c grp; send a verb -8; send b verb -12 pre;
    send grp verb -10; gain verb -3; pan grp 0.2;
    fx-add master limit; fx-set master 1 ceiling=-1 lookahead=5;
    fx-add master comp; fx-set master 2 threshold=-12 ratio=2"
[ "$RC" -eq 0 ] || { cat "$T/setup.err"; fail "setup: exit $RC"; }
say "graph: eq on a, comp on b, gate on c, a+c -> grp (delay, limiter" \
    "3 ms), sends to verb (reverb), master limiter 5 ms + comp"

# same NAME LOCATE_S DUR_S N
same() {
	name=$1; at=$2; dur=$3; n=$4
	file_devices "$T/in.raw" "$T/$name.raw"
	run_to "$name-play" "$REEL" --config "$CFG" --device reeltest \
	    --sample-format FLOAT_LE "$P" -c "locate $at; play $dur"
	[ "$RC" -eq 0 ] || { cat "$T/$name-play.err"
		soft_fail "$name: play exit $RC"; return; }
	run_to "$name-render" "$REEL" --config "$CFG" "$P" -c \
	    "render $name.wav format=wav32f start=$at end=$(fcalc "$at + $dur")"
	[ "$RC" -eq 0 ] || { cat "$T/$name-render.err"
		soft_fail "$name: render exit $RC"; return; }
	wav_data "$P/renders/$name.wav" "$T/$name-r.raw"
	rn=$(( $(wc -c < "$T/$name-r.raw") / 8 ))
	slice "$T/$name.raw" "$T/$name-p.raw" 8 $B "$n"
	pk=$(peak_of "$P/renders/$name.wav")
	if [ "$rn" -eq "$n" ] && [ "$pk" != "-inf" ] &&
	    rawcmp "$T/$name-p.raw" "$T/$name-r.raw" 8; then
		ok "$name: played frames $B..$((B + n - 1)) = render from" \
		    "$at s, float for float ($n frames, peak $pk dB)"
	else
		soft_fail "$name: playback and render differ (render $rn" \
		    "frames, expected $n)"
	fi
}
same whole 0 2 96000
same later 0.75 1.1 52800
grep -q '^id = ' "$P/project.ini" || soft_fail "inserts saved without id"
done_test
