#!/bin/sh
# Safety: quitting while recording asks first; SIGHUP (the SSH link
# drops) during a long recording stops it cleanly: the take is closed and
# kept, the project saved (take state ok), the file readable, and the
# terminal handed back.  Then SIGTERM on an idle screen.
. "$(dirname "$0")/lib.inc"
need sox soxi

# The interface paces the file device in real time: `record 600` runs for
# a good while.
sine_raw "$T/in.raw" 10
file_devices "$T/in.raw" /dev/null
"$REEL" --config "$CFG" "$T/song" -c 'track-add vox in=1; arm vox' \
    2>/dev/null || fail "could not set up the project"

tui_start -e LC_ALL=C.UTF-8 --device reeltest --sample-format S32_LE \
    --config "$CFG" "$T/song"
check "up" tui_wait "STOP" 15
tui_keys :
tui_type "record 600"
tui_keys Enter
check "recording" tui_wait "recording vox, take 1" 10
check "the take is in project.ini as recording before any audio" \
    sh -c "grep -A12 '^\[take vox 1\]' '$T/song/project.ini' | grep -q '^state = recording'"

# q while recording asks; n keeps recording.
tui_keys q
check "quitting while recording asks first" tui_wait "keep the take and quit? (y/n)"
tui_keys n
check "n carries on recording" tui_wait "still recording"
check "still REC in the status line" tui_wait " REC " 2
kill -0 "$TUI_PID" 2>/dev/null || fail "reel is gone"
sleep 1

# The link drops.
kill -HUP "$TUI_PID"
check "reel ends after SIGHUP" tui_wait_exit 30
say "    exit status: $TUI_RC"
check "exit status 128+1 (stopped by SIGHUP, take kept)" [ "$TUI_RC" = 129 ]
ini=$T/song/project.ini
check "project.ini: take 1 is closed (state ok)" \
    sh -c "grep -A12 '^\[take vox 1\]' '$ini' | grep -q '^state = ok'"
check "project.ini: take 1 is active" \
    sh -c "grep -A14 '^\[track vox\]' '$ini' | grep -q '^active-take = 1'"
file=$T/song/$(ini_get "$ini" "take vox 1" file)
len=$(ini_get "$ini" "take vox 1" length)
check "the take file is readable by soxi" soxi "$file" >/dev/null
frames=$(soxi -s "$file")
say "    take: $frames frames in the file, length $len in project.ini"
check "the take has audio (more than a second)" [ "$frames" -gt 48000 ]
check "project.ini's length is the file's" [ "$frames" = "$len" ]
check "shorter than the 600 s asked for (stopped by the hang-up)" \
    [ "$frames" -lt 28800000 ]
pk=$(peak_of "$file")
say "    peak of the take: $pk dBFS"
check "the take holds the sine (about -6 dBFS)" \
    awk -v p="$pk" 'BEGIN { exit !(p + 0 > -7 && p + 0 < -5) }'
check "no sanitizer report or stray output on stderr" \
    sh -c "! grep -q . '$T/tui.err'"
[ -s "$T/tui.err" ] && sed 's/^/    stderr: /' "$T/tui.err" | head -n 20
tui_cleanup_server

# SIGTERM on an idle screen: a clean exit, the terminal restored.
tui_start -e LC_ALL=C.UTF-8 --device reeltest --sample-format S32_LE \
    --config "$CFG" "$T/song"
check "up again, with the take on the arrangement" tui_wait " in 1 " 15
kill -TERM "$TUI_PID"
check "reel ends after SIGTERM" tui_wait_exit 10
check "exit status 128+15" [ "$TUI_RC" = 143 ]
check "the pane's shell runs on after reel (the terminal came back)" \
    tui_wait_gone "STOP" 5
done_test
