#!/bin/sh
# reel --plain, the line-oriented session for screen readers: on a
# terminal (tmux) a prompt with completion and history; recording and
# stopping announced as short lines; where, meters and status on demand;
# no animation.  Then the same commands through a pipe.
. "$(dirname "$0")/lib.inc"
need sox

sine_raw "$T/in.raw" 10
file_devices "$T/in.raw" /dev/null

tui_start -e LC_ALL=C.UTF-8 --plain --device reeltest \
    --sample-format S32_LE --config "$CFG" "$T/song"
check "the plain prompt comes up" tui_wait "reel>" 15
tui_type "track-add vox in=1"
tui_keys Enter
tui_type "arm v"
tui_keys Tab
check "tab completes a track name" tui_wait "reel> arm vox"
tui_keys Enter
tui_type "rec"
tui_keys Tab
check "tab completes a command" tui_wait "reel> record"
tui_type "3"
tui_keys Enter
check "recording is announced" tui_wait "recording vox, take 1, from 0:00.000" 10
check "and its end" tui_wait "recorded vox, take 1, 0:03.000" 20
check "and the stop, back where it began (auto-return)" tui_wait "stopped at 0:03.000, back to 0:00.000"
tui_type "where"
tui_keys Enter
check "where says the position" tui_wait "0:00.000"
tui_type "fx-add vox eq"
tui_keys Enter
check "fx-add says what went where" tui_wait "vox: eq added in slot 1"
tui_type "play"
tui_keys Enter
check "playing is announced" tui_wait "playing from 0:00.000" 10
sleep 0.3
tui_type "meters"
tui_keys Enter
check "meters gives the track's peak in dBFS" tui_wait "vox            -6.0 dBFS"
check "and the master's" tui_wait "master "
tui_type "stop"
tui_keys Enter
check "stop is announced" tui_wait "stopped at" 10
tui_type "status"
tui_keys Enter
check "status answers" tui_wait "stopped at 0:00.000"
tui_keys Up Up
check "up recalls history" tui_wait "reel> stop"
tui_keys C-u
tui_type "screen mix"
tui_keys Enter
check "screen commands say they are not for the plain session" \
    tui_wait "error: screen: not in the plain session"
# Nothing animates: the screen stays byte for byte the same while idle.
tui_screen > "$T/a.txt"
sleep 1
tui_screen > "$T/b.txt"
check "no animation while idle" cmp -s "$T/a.txt" "$T/b.txt"
tui_type "quit"
tui_keys Enter
check "quit leaves" tui_wait_exit 10
check "status 0" [ "$TUI_RC" = 0 ]
check "nothing on stderr" sh -c "! grep -v 'created new project' '$T/tui.err' | grep -q ."
[ -s "$T/tui.err" ] && sed 's/^/    stderr: /' "$T/tui.err" | head -n 20
check "history kept for next time" grep -q "^arm vox$" "$T/.state/reel/history"

# Through a pipe: the same commands, answers on stdout.
printf 'takes vox\nwhere\nfrobnicate\nquit\n' | "$REEL" --plain --config "$CFG" \
    "$T/song" > "$T/pipe.out" 2> "$T/pipe.err"
rc=$?
sed 's/^/    out: /' "$T/pipe.out"
sed 's/^/    err: /' "$T/pipe.err"
check "piped: status 0" [ "$rc" = 0 ]
check "piped: takes lists take 1" grep -q '^\*  *1 ' "$T/pipe.out"
check "piped: errors on stderr" grep -q "unknown command 'frobnicate'" "$T/pipe.err"
done_test
