#!/bin/sh
# The Master screen at 80x24: key 5 opens it; it shows the master chain
# (an EQ with its changed parameters, the fader), the loudness figures
# and the short-term graph; while a 1 kHz tone at -20 dBFS plays, the
# live integrated loudness reads -20 LUFS (the meter thread measures the
# engine's ring); p switches the listening mode to phone and the screen
# says so; master-target draws its target; the Help screen lists it;
# ASCII without a UTF-8 locale.
. "$(dirname "$0")/lib.inc"

P=$T/song
sox -D -n -r 48000 -c 2 -b 24 "$T/t.wav" synth 30 sine 1000 gain -20
run_to setup reel_cfg -q "$P" -c "import $T/t.wav track=a;
    fx-add master eq; fx-set master 1 b1.type=lowshelf b1.gain=-3"
[ "$RC" -eq 0 ] || { cat "$T/setup.err"; fail "setting up: reel exited $RC"; }

tui_start -e LC_ALL=C.UTF-8 --device null --config "$CFG" "$P"
check "the interface comes up" tui_wait "STOP" 15
check "the header lists 5 Master" tui_wait "5 Master"
tui_keys 5
check "5 opens the Master screen" tui_wait "Master chain"
check "the chain shows the EQ's changed parameters" \
    tui_wait "1 eq     b1.type=lowshelf b1.gain=-3"
check "and the fader" tui_wait "fader +0.0 dB"
check "the loudness column" tui_wait "integrated"
check "the graph" tui_wait "Short-term loudness"
tui_keys Space
check "while it plays the live integrated loudness reads -20.x LUFS" \
    tui_wait "integrated  -20." 20
tui_keys p
check "p: listen phone, shown" tui_wait "listen      phone"
tui_keys f
check "f: back to flat" tui_wait "listen      flat"
tui_keys Space
tui_keys :
tui_type "master-target -16"
tui_keys Enter
check "master-target's target is shown" tui_wait "target      -16.0 LUFS" 30
tui_keys ?
check "Help lists the Master screen's keys" tui_wait "On the Master screen"
tui_keys q
tui_keys q
check "q quits" tui_wait_exit 10
check "nothing on stderr (sanitizers, stray prints)" \
    sh -c "! grep -q . '$T/tui.err'"
[ -s "$T/tui.err" ] && sed 's/^/    stderr: /' "$T/tui.err" | head -n 20
done_test
