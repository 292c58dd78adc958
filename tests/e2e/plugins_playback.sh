#!/bin/sh
# Plugins from Debian's x42-plugins and ladspa-sdk in the whole graph:
# x42-dpl with true peak on, 12 dB into its -1 dBFS threshold, keeps the
# true peak that ffmpeg's EBU R128 meter (4x oversampling, an independent
# meter) measures under -1 dBTP (within the meter's 0.1 dB); and `play`
# through the ALSA file device writes the very float samples `render`
# writes with x42-eq on a stereo track, LADSPA amp on a mono one, and
# x42-dpl (it reports latency: compensated in both) on a group bus and on
# the master, and x42's convolver (its state restored with a preset's
# impulse; its worker a thread in playback, immediate in a render).
# (Plugins need not be block-size invariant: x42's delay
# line glides to its delay over its first block, whose length differs
# between a render and a period; it is tested in plugins.sh instead.)
. "$(dirname "$0")/../lib/common.sh"
need sox ffmpeg

RATE=48000
B=768
P="$T/song"
DPL=http://gareus.org/oss/lv2/dpl#stereo
sox -n -r $RATE -c 2 -b 24 "$T/loud.wav" synth 2 square 3000 vol 0.5 \
    2>/dev/null
run_to tp "$REEL" --config "$CFG" "$T/tp" -c "import $T/loud.wav track=a;
    gain a 12; fx-add master lv2:$DPL;
    fx-set master 1 threshold=-1 truepeak=on; render tp.wav format=wav32f"
[ "$RC" -eq 0 ] || { cat "$T/tp.err"; fail "dpl: exit $RC"; }
tp=$(ffmpeg -nostats -hide_banner -i "$T/tp/renders/tp.wav" \
    -af ebur128=peak=true -f null - 2>&1 |
    awk '/True peak:/ { p = 1 } p && /Peak:/ { print $2; exit }')
if [ -n "$tp" ] && db_below "$tp" -0.9; then
	ok "x42-dpl, 12 dB into -1 dBTP: ffmpeg measures $tp dBTP"
else
	soft_fail "x42-dpl: true peak '$tp' dBTP, want under -1 (+0.1)"
fi

sox -n -r $RATE -c 1 -b 24 "$T/a.wav" synth 2.5 pluck 220 vol 0.7 \
    2>/dev/null
sox -n -r $RATE -c 2 -b 24 "$T/b.wav" synth 2.5 pinknoise vol 0.4 \
    2>/dev/null
sox -n -r $RATE -c 1 -b 24 "$T/c.wav" synth 2.5 square 110 vol 0.3 \
    2>/dev/null
head -c $((RATE * 8 * 3)) /dev/zero > "$T/in.raw"
run_to setup "$REEL" --config "$CFG" "$P" -c "import $T/a.wav track=a;
    import $T/b.wav track=b at=0.2; import $T/c.wav track=c;
    fx-add a ladspa:amp_mono; fx-set a 1 gain=0.7;
    fx-add a lv2:http://gareus.org/oss/lv2/zeroconvolv#Mono;
    fx-preset a 2 'No-OP Mono';
    fx-add b lv2:http://gareus.org/oss/lv2/fil4#stereo;
    fx-set b 1 freq2=500 gain2=-6 HSgain=3;
    bus-add grp; route c grp; fx-add grp lv2:$DPL;
    fx-set grp 1 threshold=-9;
    fx-add master lv2:$DPL; fx-set master 1 threshold=-3"
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
same later 0.75 1.1 52800
done_test
