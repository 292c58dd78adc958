#!/bin/sh
# The strip editor with LV2 plugins at 80x24: x42's EQ (fil4) and delay
# line (nodelay) on a track.  The insert row names them short; the
# parameters list with their units; the description line gives a
# frequency's range, unit and log scale, a toggle's on/off, an integer's
# whole steps and an enumeration's labels; a plugin without controls
# says so.  A control is nudged (a third
# of an octave, 1250 -> 992 Hz) and values typed (freq3 = 1k, gain3 =
# 9.5), landing in fx-list; the render then gains 9.5 dB on a 1 kHz tone at
# the band's centre, as a peaking filter at its centre frequency must.
. "$(dirname "$0")/lib.inc"
need sox

FIL4=http://gareus.org/oss/lv2/fil4#stereo
[ -f /usr/lib/lv2/fil4.lv2/manifest.ttl ] ||
    fail "x42-plugins is needed (make deps-test)"
sox -n -r 48000 -c 2 -b 32 -e floating-point "$T/s.wav" synth 1 \
    sine 1000 vol 0.25 2>/dev/null
sox -n -r 48000 -b 32 -e signed-integer -c 2 -t raw "$T/in.raw" trim 0 30
file_devices "$T/in.raw" /dev/null
reel_cfg "$T/song" -c "import $T/s.wav track=s; fx-add s lv2:$FIL4;
    fx-set s 1 q3=1; fx-add s lv2:http://gareus.org/oss/lv2/nodelay;
    fx-add s lv2:http://gareus.org/oss/lv2/zeroconvolv#Mono" \
    > /dev/null 2>&1 || fail "could not build the project"

tui_start --device reeltest --sample-format S32_LE --config "$CFG" \
    "$T/song"
check "up at 80x24" tui_wait "STOP" 15
tui_keys 3
check "the mix screen" tui_wait "master"
tui_keys Enter
check "Enter opens the strip editor on the EQ, by its plugin name" \
    tui_wait "insert 1: x42-eq - Parametric Equalizer Stereo  active" 5
check "the insert row names the plugins short" \
    tui_wait "inserts: 1 fil4#stereo  2 nodelay" 5
check "a toggle: enable, on or off" tui_wait "on or off" 5
# freq3's range as the bundle gives it.
range() {
	awk -v s="\"$1\"" '$1 == "lv2:symbol" && $2 ~ s { p = 1 }
	    p && $1 == "lv2:minimum" { lo = $2 + 0 }
	    p && $1 == "lv2:maximum" { print lo " to " $2 + 0; exit }' \
	    /usr/lib/lv2/fil4.lv2/fil4.ttl
}
for i in $(seq 22); do tui_keys j; done
check "freq3: its range ($(range freq3)), unit and log scale" \
    tui_wait "freq3: Frequency 3, $(range freq3) Hz" 5
check "freq3 moves in thirds of an octave" \
    tui_wait "log scale: a step is a third of an octave" 5
tui_keys Left
check "a nudge down a third of an octave: 1250 -> 992 Hz" \
    tui_wait "s 1 lv2:$FIL4 freq3 992 Hz" 5
tui_keys Enter
check "Enter asks for freq3" tui_wait ":fx-set s 1 freq3=" 5
tui_type "1k"
tui_keys Enter
check "1k typed: 1000 Hz" tui_wait "freq3 1000 Hz" 5
tui_keys j j
check "gain3 selected" tui_wait "gain3: Gain 3, $(range gain3) dB" 5
tui_keys Enter
check "Enter asks for the value" tui_wait ":fx-set s 1 gain3=" 5
tui_type "9.5"
tui_keys Enter
check "the typed value is set" tui_wait "gain3 9.5 dB" 5
tui_keys Tab
check "Tab: the delay line" tui_wait "insert 2: No Delay Line  active" 5
check "an integer: whole steps" tui_wait "whole steps" 5
tui_keys j
check "an enumeration lists its labels" \
    tui_wait "one of: Delay, do not report latency | Delay" 5
tui_keys Tab
check "a plugin without controls (x42's convolver) says so" \
    tui_wait "no controls" 5
tui_keys Right
check "a nudge there is refused, naming the parameter" \
    tui_wait "fx-nudge: PARAM: lv2:http://gareus.org/oss/lv2/zeroconvolv" 5
tui_keys q
tui_wait_exit 10 || fail "reel did not quit"

run_to ls "$REEL" --config "$CFG" "$T/song" -c "fx-remove s 3; fx-list s;
    render eq.wav format=wav32f"
[ "$RC" -eq 0 ] || { cat "$T/ls.err"; fail "fx-list: exit $RC"; }
check "fx-list: freq3 1000 Hz" grep -q "^  freq3  *1000 Hz\$" "$T/ls.out"
check "fx-list: gain3 9.5 dB" grep -q "^  gain3  *9.5 dB\$" "$T/ls.out"
rin=$(sox "$T/s.wav" -n trim 0.5 stats 2>&1 | awk '/^RMS lev dB/ {print $4}')
rout=$(sox "$T/song/renders/eq.wav" -n trim 0.5 stats 2>&1 |
    awk '/^RMS lev dB/ {print $4}')
g=$(fcalc "$rout - ($rin)")
if awk -v g="$g" 'BEGIN { exit !(g > 9.45 && g < 9.55) }'; then
	ok "the render: a 1 kHz tone gains $g dB (the typed 9.5)"
else
	soft_fail "the render: a 1 kHz tone gains $g dB, want 9.5 +- 0.05"
fi
done_test
