#!/bin/sh
# The full-screen interface on a test ALSA file device, at 80x24: open a
# new project, add a track through the prompt (with tab completion), arm,
# record, see the clip on the arrangement, see the meters move on the mix
# screen, the help screen from the live keymap (with a user override),
# prompt history, and a clean quit.
. "$(dirname "$0")/lib.inc"
need sox soxi

sine_raw "$T/in.raw" 20
file_devices "$T/in.raw" /dev/null
# A user keymap overrides one key; the help screen must show it.
mkdir -p "$XDG_CONFIG_HOME/reel"
printf '[global]\nF5 = info\n' > "$XDG_CONFIG_HOME/reel/keymap.ini"

tui_start -e LC_ALL=C.UTF-8 --device reeltest --sample-format S32_LE \
    --config "$CFG" "$T/song"
check "the arrangement screen comes up at 80x24" tui_wait "STOP" 15
check "the header names the project and the screens" \
    tui_wait "reel  song"
check "an empty project says how to add a track" tui_wait "no tracks yet"

# Add a track through the prompt, completing the command and the key.
tui_keys :
tui_type "track-a"
tui_keys Tab
check "tab completes the command name" tui_wait ":track-add"
tui_type "vox i"
tui_keys Tab
check "tab completes a key of the command (in=)" tui_wait ":track-add vox in="
tui_type "1"
tui_keys Enter
check "the new track is a row of the arrangement" tui_wait " in 1 "
check "project.ini has the track" grep -q '^\[track vox\]' "$T/song/project.ini"

# Arm with the prompt and a completed track name.
tui_keys :
tui_type "arm v"
tui_keys Tab
check "tab completes a track name" tui_wait ":arm vox"
tui_keys Enter
check "the status line says a track is armed" tui_wait "armed"
check "project.ini: armed" grep -q '^armed = yes' "$T/song/project.ini"

# Record (r) a few seconds of the file device, then stop (.).
tui_keys r
check "recording shows in the status line" tui_wait "REC " 10
check "the take is announced" tui_wait "recording vox, take 1"
sleep 1
tui_keys .
check "stop is announced" tui_wait "stopped at" 20
check "project.ini has take 1, state ok" \
    sh -c "grep -A12 '^\[take vox 1\]' '$T/song/project.ini' | grep -q '^state = ok'"
take=$T/song/$(ini_get "$T/song/project.ini" "take vox 1" file)
check "the take file is readable by soxi" soxi -D "$take" >/dev/null
say "    take: $(soxi -D "$take") s"
tui_keys 0
# The clip: the take number at its start, the waveform overview below.
tui_screen > /dev/null
row=$(grep -n '^ vox ' "$T/screen.txt" | head -n 1 | cut -d: -f1)
clip=$(tui_cells $((row - 1)) 14 66)
wave=$(tui_cells "$row" 14 66)
say "    clip row: $clip"
say "    wave row: $(printf '%s' "$wave" | cut -c1-40)"
check "the clip starts with its take number" \
    sh -c "printf '%s' '$clip' | grep -q '^1'"
check "the clip shows a waveform overview" \
    sh -c "printf '%s' '$wave' | grep -q '▇'"

# The takes screen lists it, active.
tui_keys 2
check "the takes screen lists take 1 as active" tui_wait "* take 1"
tui_keys Escape	# on the takes screen, 1 picks take 1

# The mix screen: play, and the strip's meter and peak move.
tui_keys 3
check "the mix screen shows the strip and the master" tui_wait "master"
check "the strip shows its input and gain" tui_wait "+0.0dB"
tui_keys Space
check "playing" tui_wait "PLAY" 10
sleep 0.5
tui_screen > /dev/null
tui_keys .
meter=$(tui_cells 13 6 2 7 | grep -c '█')
say "    meter cells lit in the vox strip: $meter"
check "the meter moved while playing" [ "$meter" -gt 3 ]
peak=$(tui_cells 10 0 8 | sed 's/^pk *//')
say "    peak shown: $peak dB"
check "the strip's peak readout is about -6 dBFS (the sine's level)" \
    awk -v p="$peak" 'BEGIN { exit !(p + 0 > -7.5 && p + 0 < -5) }'
check "stopped again" tui_wait "STOP" 20
tui_keys 1

# Help: generated from the live keymap, with the user's override.
tui_keys '?'
check "? opens help with the default keys" tui_wait "play-toggle"
check "help shows the bindings of the screen it came from" \
    tui_wait "On the Arrange screen:"
check "help shows the user's keymap.ini override (F5 = info)" \
    tui_find "F5         show the project:"
check "help lists the commands too" tui_find "track-add       add a track"
tui_keys q
check "q leaves help" tui_wait_gone "On the Arrange screen:"

# A long answer opens the log; history recalls the last command.
tui_keys F5
check "F5 runs info (from the user's keymap), shown in the log" \
    tui_wait "tracks   1"
tui_keys Escape
tui_keys :
tui_keys Up
check "up at the prompt recalls the last command" tui_wait ":arm vox"
tui_keys Escape
check "history is kept in XDG_STATE_HOME" grep -q "track-add vox in=1" \
    "$T/.state/reel/history"

# An unknown command at the prompt: an error on the message line.
tui_keys :
tui_type "frobnicate"
tui_keys Enter
check "errors show on the message line" tui_wait "unknown command 'frobnicate'"

# The cursor sits on the focused item (the selected track's name).
cur=$(tui_tmux display-message -p '#{cursor_y} #{cursor_x} #{cursor_flag}')
say "    cursor: $cur"
check "the terminal cursor is on the selected track, visible" \
    [ "$cur" = "3 1 1" ]

tui_keys q
check "q quits" tui_wait_exit 10
check "reel exited with status 0" [ "$TUI_RC" = 0 ]
check "nothing on stderr (sanitizers, stray prints)" \
    sh -c "! grep -v 'created new project' '$T/tui.err' | grep -q ."
[ -s "$T/tui.err" ] && sed 's/^/    stderr: /' "$T/tui.err" | head -n 20
done_test
