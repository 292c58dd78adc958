#!/bin/sh
# Cancelling a long operation from the editing form (issue 14): on a
# 180 s mono take, v selects the clip, p opens the form, tab picks stretch,
# right nudges the ratio to 1.05 and a applies it; while the progress bar
# runs on the message line, esc cancels.  The message says so, the form
# stays open, project.ini is byte-identical (cmp) to before (also after
# q saved on the way out) and audio/ holds the same files as before: no
# result, no partial file.  A render typed at the prompt shows the same
# bar, and esc leaves no file in renders/.  On the Takes screen, a
# selection and e open the form over it.
. "$(dirname "$0")/lib.inc"
need sox

sox -n -r 48000 -c 1 -b 24 "$T/long.wav" synth 180 sine 220 vol 0.5 \
    2>/dev/null
P=$T/song
run_to setup reel_cfg -q "$P" -c "import $T/long.wav track=v"
[ "$RC" -eq 0 ] || { cat "$T/setup.err"; fail "setting up: exit $RC"; }

tui_start -e LC_ALL=C -e NO_COLOR=1 --device null --config "$CFG" "$P"
check "the interface comes up" tui_wait "STOP" 15
tui_keys v
check "v selects the clip" tui_wait "selection 0:00.000 to 3:00.000" 5
tui_keys p
check "p opens the form" tui_wait "edit: [denoise]" 5
i=0
while ! tui_tmux capture-pane -p | grep -qF "[stretch]" && [ $i -lt 8 ]; do
	tui_keys Tab
	sleep 0.2
	i=$((i + 1))
done
tui_keys Right
tui_wait "1.05" 5 || soft_fail "right did not nudge the ratio to 1.05"
cp "$P/project.ini" "$T/before.ini"
ls -a "$P/audio" > "$T/before.ls"
tui_keys a
check "a runs stretch with a progress bar" tui_wait "esc cancels" 20
tui_keys Escape
check "esc cancels it" tui_wait "stretch: cancelled" 10
check "the form stays open" tui_wait "[stretch]" 2
check "project.ini is byte-identical after the cancel" \
    cmp "$T/before.ini" "$P/project.ini"
ls -a "$P/audio" > "$T/after.ls"
check "audio/ holds the same files (no result, no partial file)" \
    cmp "$T/before.ls" "$T/after.ls" || diff "$T/before.ls" "$T/after.ls"
tui_keys Escape
tui_wait_gone "[stretch]" 5 || soft_fail "esc did not close the form"

ls -A "$P/renders" > "$T/before.renders" 2>/dev/null
tui_keys :
tui_type "render long.flac"
tui_keys Enter
check "a render shows the bar" tui_wait "render [" 20
tui_keys Escape
check "esc cancels the render" \
    tui_wait "render: cancelled; nothing was written" 10
ls -A "$P/renders" > "$T/after.renders" 2>/dev/null
check "renders/ holds what it held before (no file, no partial)" \
    cmp "$T/before.renders" "$T/after.renders"
# The Takes screen's selection opens the form too (e), on the Arrangement.
tui_keys 2
tui_wait "Takes" 5 >/dev/null
tui_keys v L L e
check "e on the Takes screen opens the form over its selection" \
    tui_wait "edit: [" 5
tui_screen > /dev/null
# (Not the Arrangement's selection, the whole 3:00 clip.)
sel=$(grep -o '^| v  0:00.000 to [0-9:.]*' "$T/screen.txt")
say "    form: $sel"
check "which the form names" [ -n "$sel" -a "${sel##* }" != 3:00.000 ]
tui_keys Escape q
tui_wait_exit 10 || soft_fail "q did not quit"
check "reel ends with status 0, sanitizers quiet" [ "$TUI_RC" = 0 ] ||
    cat "$T/tui.err"
check "project.ini is byte-identical after quitting" \
    cmp "$T/before.ini" "$P/project.ini"
done_test
