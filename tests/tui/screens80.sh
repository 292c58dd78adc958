#!/bin/sh
# Long text at 80x24 (issue 8, items 12 and 15): nothing is cut off with no
# way to read it.
#   The status line keeps transport, position, record state and xruns and
#   leaves out whole fields (the device's long note first), never half of
#   one (it showed "reeltest: 480").
#   A message longer than the line (':status') ends "(more in Log: 4)";
#   the Log wraps it, so all of it can be read; so does a long error.
#   Help: its header wraps; keys are told in words with the key as typed
#   ("[  pan left by 0.1", not "lbracket"); the most used keys come first;
#   long command descriptions wrap.
#   Tab at the prompt lists every candidate, on as many rows as needed.
. "$(dirname "$0")/lib.inc"

file_devices /dev/zero /dev/null
P=$T/song
run_to setup reel_cfg -q "$P" -c "track-add vox in=1"
[ "$RC" -eq 0 ] || { cat "$T/setup.err"; fail "setting up: reel exited $RC"; }

tui_start -e LC_ALL=C.UTF-8 --device reeltest --sample-format S32_LE \
    --config "$CFG" "$P"
check "the interface comes up" tui_wait "STOP" 15

# The status line.
tui_keys a
check "arming shows on the status line" tui_wait "armed"
st=$(tui_row 22)
say "    status: $st"
check "it has the transport, position, armed and xruns" \
    sh -c "printf '%s' '$st' | grep -q '^ STOP  0:00.000 .*armed.*xruns 0'"
# The device note is whole or absent.
tui_keys :
tui_type status
tui_keys Enter
check "status answers on the message line" tui_wait "stopped at 0:00.000"
msg=$(tui_row 23)
say "    message: $msg"
check "a message too long for the line says where the rest is" \
    sh -c "printf '%s' '$msg' | grep -q '(more in Log: 4) *$'"
st=$(tui_row 22)
check "no field of the status line is cut (the device whole or absent)" \
    sh -c "! printf '%s' '$st' | grep -q reeltest ||
    printf '%s' '$st' | grep -q 'reeltest file (paced)'"
tui_keys 4
check "4 opens the Log" tui_wait "stopped at 0:00.000"
tui_screen > /dev/null
# The wrapped rows joined must hold the whole answer, to its last words.
whole=$(grep -A3 '^stopped at 0:00.000' "$T/screen.txt" | sed 's/^  //' |
    tr '\n' ' ' | tr -s ' ')
say "    log: $whole"
check "the Log wraps the message: all of it shows (record time left)" \
    sh -c "printf '%s' '$whole' | grep -q 'device reeltest: .*record time left'"
tui_keys Escape :
tui_type "arm a-track-with-a-name-long-enough-to-push-the-error-well-past-eighty-columns"
tui_keys Enter
check "a long error shows on the message line" tui_wait "arm: no track named" 5
tui_keys 4
check "the Log shows the long error's end on a wrapped row" \
    tui_wait "past-eighty-columns'"
tui_keys Escape

# Help.
tui_keys 3 '?'
check "? opens help" tui_wait "Most used:"
tui_screen > /dev/null
check "the help header wraps: its end shows" \
    grep -q "insert, parameter)" "$T/screen.txt"
first=$(grep -A1 '^Most used:' "$T/screen.txt" | tail -n 1)
say "    first key: $first"
check "the first key listed is play (space)" \
    sh -c "printf '%s' '$first' | grep -q '^  space  *play'"
check "record and arm follow" sh -c \
    "grep -A4 '^Most used:' '$T/screen.txt' | grep -q '^  r  *record' &&
    grep -A4 '^Most used:' '$T/screen.txt' | grep -q '^  a  *arm'"
check "[ is told as typed and in words on the Mix screen" \
    tui_find "  [          pan left by 0.1"
check "= is told as typed (beside +, the same command)" \
    tui_find "  + =        zoom in"
check "a long command description wraps to its end" \
    tui_find "store the device's round trip"
tui_keys q

# Tab lists every candidate.
tui_keys :
tui_type t
tui_keys Tab
check "tab shows the candidates" tui_wait "track-add"
tui_screen > /dev/null
check "all of them, past the first row (toggle, take-note)" \
    sh -c "grep -q 'toggle' '$T/screen.txt' && grep -q 'take-note' '$T/screen.txt'"
tui_keys Escape

tui_keys q
check "q quits" tui_wait_exit 10
check "reel exited with status 0" [ "$TUI_RC" = 0 ]
check "nothing on stderr (sanitizers, stray prints)" \
    sh -c "! grep -q . '$T/tui.err'"
[ -s "$T/tui.err" ] && sed 's/^/    stderr: /' "$T/tui.err" | head -n 20
done_test
