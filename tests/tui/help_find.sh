#!/bin/sh
# find on Help and Log, by keys at 80x24: / asks for a word and brings the
# next line holding it to the top, with the cursor on it (a screen reader
# reads it first), and the message line says which line of how many; n
# goes to the next one, round past the end; a word no line holds is one
# line of error and the screen stays; on Log a line is a message.
. "$(dirname "$0")/lib.inc"

file_devices /dev/zero /dev/null
P=$T/song
sox -n -r 48000 -c 1 -b 24 "$T/a.wav" synth 1 sine 440 vol 0.3 2>/dev/null
run_to setup reel_cfg -q "$P" -c "import $T/a.wav track=vox"
[ "$RC" -eq 0 ] || { cat "$T/setup.err"; fail "setting up: reel exited $RC"; }

tui_start -e LC_ALL=C.UTF-8 --device reeltest --sample-format S32_LE \
    --config "$CFG" "$P"
check "the interface comes up" tui_wait "STOP" 15
cursor_row() { tui_tmux display -p '#{cursor_y}'; }
# holds TEXT PATTERN: grep -E on one line of the screen.
holds() { printf '%s\n' "$1" | grep -Eq -- "$2"; }

tui_keys '?'
check "help" tui_wait "Help" 5
tui_keys /
check "/ asks what to find" tui_wait ":find" 5
tui_type stems
tui_keys Enter
check "the message says which line of how many" \
    tui_wait "'stems': line " 5
top=$(tui_row 1)
say "    top line: $top"
check "the line holding the word is at the top" holds "$top" '^  stems ' 
check "with the cursor on it" [ "$(cursor_row)" = 1 ]
msg=$(tui_row 23)
n1=$(printf '%s' "$msg" | sed -n "s/.*line \([0-9]*\) of.*/\1/p")

tui_keys /
tui_type render
tui_keys Enter
check "another word" tui_wait "'render': line " 5
msg=$(tui_row 23)
a=$(printf '%s' "$msg" | sed -n "s/.*line \([0-9]*\) of.*/\1/p")
tui_keys n
check "n: the next line holding it" tui_wait_gone "line $a of" 5
msg=$(tui_row 23)
b=$(printf '%s' "$msg" | sed -n "s/.*line \([0-9]*\) of.*/\1/p")
say "    'render' at lines $a, then $b"
check "further down" [ "${b:-0}" -gt "${a:-0}" ]
row=$(tui_row "$(($(cursor_row)))")
check "the cursor's line holds it ($row)" holds "$row" '[Rr][Ee][Nn][Dd][Ee][Rr]' 

tui_keys /
tui_type zzqqxx
tui_keys Enter
check "a word no line holds: one line of error" \
    tui_wait "no line of the help has 'zzqqxx'" 5
check "the screen stays where it was" holds "$(tui_row 1)" \
    '[Rr][Ee][Nn][Dd][Ee][Rr]' 
say "    (stems was line $n1)"

# Log: a render's message found among the others.
tui_keys q
tui_keys :
tui_type "render"
tui_keys Enter
check "a render" tui_wait "rendered" 15
tui_keys 4
check "the log" tui_wait "Log" 5
tui_keys /
tui_type RENDERED
tui_keys Enter
check "on Log, in any case: the render's message" \
    tui_wait "'RENDERED': line " 5
row=$(tui_row "$(cursor_row)")
check "the cursor on it ($row)" holds "$row" '^rendered ' 
tui_keys q
tui_keys :
tui_type quit
tui_keys Enter
tui_wait_exit 10
done_test
