#!/bin/sh
# --plain on a terminal (issue 8, items 9 and 16): each change confirmed
# in a short line under the prompt ("track vox added", "armed vox", "vox
# gain -3.0 dB", "at 1:23.450", "loop 0:30.000 to 0:45.000"), undo and
# redo say what; quitting while recording asks with a prompt of its own
# ("Quit while recording? [y/n] ") in place of "reel> ", n carries on,
# C-d asks the same, y keeps the take and leaves.
. "$(dirname "$0")/lib.inc"
need sox

sine_raw "$T/in.raw" 30
file_devices "$T/in.raw" /dev/null
config_write "$CFG" "freewheel = no"

tui_start -e LC_ALL=C.UTF-8 --plain --device reeltest \
    --sample-format S32_LE --config "$CFG" "$T/song"
check "the plain prompt comes up" tui_wait "reel>" 15
say_line() {
	tui_type "$1"
	tui_keys Enter
}
# tui_wait_n TEXT N: until TEXT is on N lines of the screen.
tui_wait_n() {
	_i=0
	while [ $_i -lt 200 ]; do
		[ "$(tui_tmux capture-pane -p | grep -cF -- "$1")" -ge "$2" ] &&
			return 0
		sleep 0.05
		_i=$((_i + 1))
	done
	tui_screen | sed 's/^/    | /'
	return 1
}
# prompt_back: the last line written is the command prompt, empty.
prompt_back() {
	tui_tmux capture-pane -p | grep -v '^ *$' | tail -n 1 |
	    grep -q '^reel> *$'
}
say_line "track-add vox in=1"
check "track-add is confirmed" tui_wait "track vox added, mono, input 1"
say_line "arm vox"
check "arm is confirmed" tui_wait "armed vox"
say_line "gain vox -3"
check "gain is confirmed with its value" tui_wait "vox gain -3.0 dB"
say_line "locate 1:23.45"
check "locate says where" tui_wait "at 1:23.450"
say_line "loop 0:30 0:45"
check "loop is confirmed" tui_wait "loop 0:30.000 to 0:45.000"
say_line "undo"
check "undo says what it undid" \
    tui_wait "undo: loop off -> 0:30.000 to 0:45.000"
say_line "redo"
check "redo says what it redid" \
    tui_wait "redo: loop off -> 0:30.000 to 0:45.000"
say_line "loop off"
say_line "locate 0"
say_line "record 20"
check "recording is announced" tui_wait "recording vox, take 1" 10
say_line "quit"
check "quit while recording asks with its own prompt" \
    tui_wait "Quit while recording? [y/n]"
check "in place of the command prompt" \
    [ "$(tui_screen | grep -c 'reel> quit$')" = 1 ]
say_line "n"
check "n: still recording" tui_wait "still recording"
check "and the command prompt is back" prompt_back
tui_keys C-d
check "C-d asks the same" tui_wait_n "Quit while recording? [y/n]" 2
say_line "y"
check "y: stops and leaves" tui_wait_exit 10
check "status 0" [ "$TUI_RC" = 0 ]
check "the take is kept whole" \
    [ "$(ini_get "$T/song/project.ini" "take vox 1" state)" = ok ]
done_test
