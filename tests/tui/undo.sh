#!/bin/sh
# Undo in the full-screen interface (issue 8, item 9): a burst of 50 gain
# nudges (a held fader key) is one undo step, saved a few times rather
# than 50 (counted with strace: renames of project.ini and fsyncs); u and
# U undo and redo on every screen and the message line says what; Help
# lists them; the Log keeps one line for the burst.  Then kill -9: a
# burst is on disk within about a second, and a take recorded right after
# a burst is never lost (takes are saved before the first sample).
. "$(dirname "$0")/lib.inc"
need strace sox

P=$T/song
gain_is() {
	awk -v t="[track $1]" -v b="$2" '$0 == t { a = 1; next }
	    /^\[/ { a = 0 } a && /^gain = / { g = $3; exit }
	    END { exit !(g != "" && g + 0 == b + 0) }' "$P/project.ini"
}
# wait_gain TRACK DB SECONDS: until project.ini holds it; prints the time.
wait_gain() {
	_t0=$(now_ms)
	while ! gain_is "$1" "$2"; do
		[ $(( $(now_ms) - _t0 )) -gt $(($3 * 1000)) ] && return 1
		sleep 0.05
	done
	say "    project.ini had gain $2 after $(( $(now_ms) - _t0 )) ms"
}
# saves: renames of project.ini and fsyncs so far in the strace log.
saves() {
	grep -c 'rename(.*project\.ini\.tmp.*project\.ini")' "$T/st.log"
}
fsyncs() {
	grep -c 'fsync(' "$T/st.log"
}
# all 'CMD && CMD ...': for check, several conditions as one.
all() {
	eval "$1"
}
# log_lines TEXT: how many lines of the screen hold TEXT.
log_lines() {
	tui_screen | grep -c -- "$1"
}

sine_raw "$T/in.raw" 30
file_devices "$T/in.raw" /dev/null
config_write "$CFG" "freewheel = no"
"$REEL" -q --config "$CFG" "$P" -c 'track-add vox in=1; track-add bass in=2' ||
    fail "cannot create the project"

# --- a burst under strace --------------------------------------------------------
REEL_TRACED=$REEL
REEL=strace
# (LeakSanitizer does not work under ptrace.)
tui_start -e LC_ALL=C.UTF-8 -e ASAN_OPTIONS=detect_leaks=0 \
    -f -e trace=rename,fsync -o "$T/st.log" \
    "$REEL_TRACED" --device reeltest --sample-format S32_LE --config "$CFG" "$P"
REEL=$REEL_TRACED
check "the arrangement comes up" tui_wait "STOP" 15
tui_keys 3
check "the mix screen" tui_wait "master"
s0=$(saves); f0=$(fsyncs)
keys=""
i=0
while [ $i -lt 50 ]; do keys="$keys j"; i=$((i + 1)); done
# shellcheck disable=SC2086
tui_keys $keys
check "50 nudges of vox's fader: the message line says where it is" \
    tui_wait "vox gain -50.0 dB" 10
check "project.ini has the burst's end within a few seconds" \
    wait_gain vox -50 5
sleep 0.5
s1=$(saves); f1=$(fsyncs)
say "    the burst of 50: $((s1 - s0)) saves of project.ini, $((f1 - f0)) fsyncs"
check "the saves are coalesced: at most 3 for 50 moves" \
    all '[ $((s1 - s0)) -ge 1 ] && [ $((s1 - s0)) -le 3 ]' 

# One step: u undoes all 50, U redoes them.
tui_keys u
check "u undoes the burst as one step, and says so" \
    tui_wait "undo: gain vox +0.0 dB -> -50.0 dB"
check "project.ini: gain 0 again" wait_gain vox 0 5
tui_keys U
check "U redoes it" tui_wait "redo: gain vox +0.0 dB -> -50.0 dB"
check "project.ini: gain -50" wait_gain vox -50 5

# u and U on every screen (the Takes screen's digits pick takes: esc
# leaves it for the Log).
for sc in 1:Arrange 2:Takes Escape-4:Log; do
	k=${sc%%:*}
	case $k in *-*) tui_keys "${k%-*}" "${k#*-}" u ;; *) tui_keys "$k" u ;; esac
	check "u undoes on the ${sc#*:} screen" \
	    tui_wait "undo: gain vox +0.0 dB -> -50.0 dB"
	tui_keys U
	check "U redoes on the ${sc#*:} screen" \
	    tui_wait "redo: gain vox +0.0 dB -> -50.0 dB"
done
check "the Log shows it" tui_wait "vox gain -50.0 dB"
tui_screen | grep 'gain' | sed 's/^/    log: /'
check "the Log keeps one line for the burst, not 50" \
    [ "$(log_lines 'vox gain')" = 1 ]
tui_keys '?'
check "Help lists U (redo) on every screen" tui_find "U          redo"
check "and u (undo)" tui_find "u          undo"
tui_keys '?' u
check "u undoes on the Help screen too" \
    tui_wait "undo: gain vox +0.0 dB -> -50.0 dB"
tui_keys q q
check "q quits" tui_wait_exit 10
check "status 0" [ "$TUI_RC" = 0 ]
check "project.ini: gain 0 after the undo" gain_is vox 0

# Without coalescing every move was a save: the strace figures of one
# more burst through plain -c commands (50 saves) show the difference.
ASAN_OPTIONS=detect_leaks=0 strace -f -e trace=rename -o "$T/st2.log" \
    "$REEL" -q --config "$CFG" "$P" \
    -c "$(i=0; while [ $i -lt 50 ]; do printf 'nudge gain vox -1; '; \
    i=$((i + 1)); done)"
say "    the same 50 moves in a script: $(grep -c 'project\.ini")' \
    "$T/st2.log") saves (scripts save each change)"

# --- kill -9 after a burst ---------------------------------------------------
tui_start -e LC_ALL=C.UTF-8 --device reeltest --sample-format S32_LE \
    --config "$CFG" "$P"
check "reel again" tui_wait "STOP" 15
tui_keys 3
check "the mix screen again" tui_wait "master"
tui_keys l k k k k k k k k k k
check "10 nudges of bass's fader" tui_wait "bass gain +10.0 dB" 10
check "the burst reaches project.ini within a few seconds" \
    wait_gain bass 10 5
kill -9 "$TUI_PID"
check "killed" tui_wait_exit 10
run_to open "$REEL" --config "$CFG" "$P" -c info
check "the project opens after kill -9" [ "$RC" = 0 ]
check "with the burst's gain" gain_is bass 10

# --- a take recorded right after a burst, then kill -9 -----------------------
tui_start -e LC_ALL=C.UTF-8 --device reeltest --sample-format S32_LE \
    --config "$CFG" "$P"
check "reel once more" tui_wait "STOP" 15
tui_keys a 3 k k k k k r
check "recording right after a burst" tui_wait "recording vox, take 1" 10
sleep 1
kill -9 "$TUI_PID"
check "killed while recording" tui_wait_exit 10
run_to rec "$REEL" --config "$CFG" "$P" -c 'takes vox'
sed 's/^/    /' "$T/rec.err" "$T/rec.out"
check "the take is recovered" grep -q "recovered take vox 1" "$T/rec.err"
take=$P/$(ini_get "$P/project.ini" "take vox 1" file)
check "its file holds audio" [ "$(soxi -s "$take" 2>/dev/null || echo 0)" -gt 0 ]
check "and the burst before it was saved with it (-50 + 5 dB)" \
    gain_is vox -45
done_test
