#!/bin/sh
# Automation plays as it renders: `play` through the ALSA file device
# (FLOAT_LE) writes, after its B frames of prefill, the very float
# samples `render format=wav32f` writes for the same range, with gain,
# pan, mute, send and EQ-band lanes (linear and step points) a de-esser (its chunks run on across blocks) and a
# look-ahead limiter on the master (the graph prerolls its latency, so
# the lanes are read ahead of what is heard).  From the start and from a
# position inside a ramp, where the period and render blocks cut the
# automation cells differently.
. "$(dirname "$0")/../lib/common.sh"
need sox

RATE=48000
B=768
P="$T/song"
sox -n -r $RATE -c 1 -b 24 "$T/a.wav" synth 2.5 sine 440 vol 0.6 \
    2>/dev/null
sox -n -r $RATE -c 2 -b 24 "$T/b.wav" synth 2.5 pinknoise vol 0.4 \
    2>/dev/null
head -c $((RATE * 8 * 3)) /dev/zero > "$T/in.raw"
run_to setup "$REEL" --config "$CFG" "$P" -c "import $T/a.wav track=a;
    import $T/b.wav track=b;
    bus-add verb; fx-add verb reverb; send a verb -10;
    fx-add a deess; fx-set a 1 threshold=-40; auto a 1.freq 0.3 3000;
    auto a 1.freq 1.9 8000;
    fx-add b eq; fx-set b 1 b1.type=peak b1.freq=800 b1.q=1;
    auto a gain 0.1 -30; auto a gain 1.3 0; auto a gain 1.6 -12 curve=step;
    auto a pan 0 -0.8; auto a pan 2 0.8;
    auto a send.verb 0.5 -40; auto a send.verb 1.5 0;
    auto b mute 0.7 on; auto b mute 0.9 off;
    auto b 1.b1.gain 0.2 -12; auto b 1.b1.gain 1.8 9;
    auto b 1.b1.freq 0 200; auto b 1.b1.freq 2 4000;
    fx-add master limit; fx-set master 1 ceiling=-1 lookahead=5"
[ "$RC" -eq 0 ] || { cat "$T/setup.err"; fail "setup: exit $RC"; }

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
same later 0.7731 1.1 52800
done_test
