#!/bin/sh
# What you export is exactly what you heard: `play` through the ALSA file
# device in FLOAT_LE writes, after its B frames of prefill, the very float
# samples `render format=wav32f` writes for the same range (a recorded take
# with its latency offset, an imported mono and an imported stereo take,
# gains and pans), from the start and from a later position.
. "$(dirname "$0")/../lib/common.sh"
need sox soxi

RATE=48000
B=768
P="$T/song"
sox -n -r $RATE -c 2 -b 24 "$T/src.wav" synth 3 sine 440 whitenoise \
    vol 0.5 2>/dev/null
s32raw "$T/src.wav" "$T/in.raw"
sox -n -r $RATE -c 1 -b 24 "$T/m.wav" synth 2.2 sine 187 vol 0.4 2>/dev/null
sox -n -r 44100 -c 2 -b 16 "$T/s.wav" synth 1.7 pinknoise vol 0.3 \
    2>/dev/null
file_devices "$T/in.raw" "$T/rec.raw"
run_to setup reel_file "$P" -c "track-add gtr in=2; arm gtr; record 2;
    disarm gtr; import $T/m.wav track=bass at=0.3;
    import $T/s.wav track=pad; gain gtr -4.5; pan gtr 0.3; gain bass 1.5; pan bass -0.8;
    gain pad -2; pan pad 0.25"
[ "$RC" -eq 0 ] || { cat "$T/setup.err"; fail "setup: exit $RC"; }
say "project: gtr (recorded, start $(ini_get "$P/project.ini" \
    "take gtr 1" start)), bass (mono at 0.3 s), pad (stereo, from 44.1 kHz)"

# same NAME LOCATE_S DUR_S START_FRAME N
same() {
	name=$1; at=$2; dur=$3; from=$4; n=$5
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
	on=$(( $(wc -c < "$T/$name.raw") / 8 ))
	slice "$T/$name.raw" "$T/$name-p.raw" 8 $B "$n"
	pk=$(peak_of "$P/renders/$name.wav")
	if [ "$rn" -eq "$n" ] && [ "$pk" != "-inf" ] &&
	    rawcmp "$T/$name-p.raw" "$T/$name-r.raw" 8; then
		ok "$name: played frames $B..$((B + n - 1)) of $on =" \
		    "render of $from..$((from + n - 1)), float for float" \
		    "($n frames, peak $pk dB)"
	else
		soft_fail "$name: playback and render differ (render $rn" \
		    "frames, played $on, expected $n)"
	fi
	head -c $((B * 8)) /dev/zero > "$T/zero.raw"
	slice "$T/$name.raw" "$T/$name-pre.raw" 8 0 $B
	if rawcmp "$T/$name-pre.raw" "$T/zero.raw" 8; then
		ok "$name: the $B prefill frames are silence"
	else
		soft_fail "$name: the prefill is not silent"
	fi
	tail -c +$(( (B + n) * 8 + 1)) "$T/$name.raw" > "$T/$name-tail.raw"
	tn=$(( $(wc -c < "$T/$name-tail.raw") / 8 ))
	head -c $((tn * 8)) /dev/zero > "$T/zero.raw"
	if rawcmp "$T/$name-tail.raw" "$T/zero.raw" 8; then
		ok "$name: the $tn frames after the end are silence"
	else
		soft_fail "$name: sound after the end of the pass"
	fi
}
same whole 0 2.2 0 105600
same later 0.75 1.1 36000 52800
done_test
