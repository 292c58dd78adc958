#!/bin/sh
# Interactive sessions keep real time (issue 8, item 3).  On the ALSA file
# device, which no hardware clock paces (scripts run it as fast as the disk
# goes), the full-screen interface and --plain are paced by the system
# clock: pressing r, waiting about 2 s and stopping makes a take of about
# 2 s, not minutes; a 2 s `record 2` takes about 2 s of wall time.  The
# status line and `status` name the device and its pacing; a script on the
# same device says it freewheels.
. "$(dirname "$0")/lib.inc"
need sox soxi

sine_raw "$T/in.raw" 30
file_devices "$T/in.raw" /dev/null
"$REEL" --config "$CFG" "$T/song" -c 'track-add vox in=1; arm vox' \
    2>/dev/null || fail "could not set up the project"
DEV="--device reeltest --sample-format S32_LE --config $CFG"

# take_secs N: seconds in take vox N.
take_secs() {
	_f=$T/song/$(ini_get "$T/song/project.ini" "take vox $1" file)
	soxi -D "$_f" 2>/dev/null
}

# within X LO HI: LO <= X <= HI (floating point).
within() {
	awk -v x="$1" -v lo="$2" -v hi="$3" \
	    'BEGIN { exit !(x != "" && x + 0 >= lo && x + 0 <= hi) }'
}

# --- the full-screen interface
tui_start -e LC_ALL=C.UTF-8 $DEV "$T/song"
check "up" tui_wait "STOP" 15
check "the status line names the device and its pacing" \
    tui_wait "reeltest file (paced)" 10
t0=$(now_ms)
tui_keys r
check "recording" tui_wait "recording vox, take 1" 10
sleep 2
tui_keys .
check "stopped" tui_wait "stopped at" 10
el=$(( $(now_ms) - t0 ))
s1=$(take_secs 1)
say "    r ... . : $el ms of wall time, take 1 holds $s1 s"
check "take 1 is about the time r was held (1.5 s to $el ms + 0.5 s)" \
    within "$s1" 1.5 "$(fcalc "$el / 1000 + 0.5")"
tui_keys q
check "q quits" tui_wait_exit 10
check "exit status 0" [ "$TUI_RC" = 0 ]
tui_cleanup_server

# --- the plain session, on a terminal
tui_start -e LC_ALL=C.UTF-8 --plain $DEV "$T/song"
check "the plain prompt" tui_wait "reel>" 15
t0=$(now_ms)
tui_type "record"
tui_keys Enter
check "recording" tui_wait "recording vox, take 2" 10
sleep 2
tui_type "stop"
tui_keys Enter
check "stopped" tui_wait "stopped at" 10
el=$(( $(now_ms) - t0 ))
s2=$(take_secs 2)
say "    record ... stop: $el ms of wall time, take 2 holds $s2 s"
tui_type "status"
tui_keys Enter
check "status names the device and its pacing" \
    tui_wait "device reeltest: file (paced)" 10
check "take 2 is about the time between record and stop" \
    within "$s2" 1.5 "$(fcalc "$el / 1000 + 0.5")"
t0=$(now_ms)
tui_type "record 2"
tui_keys Enter
check "a timed recording" tui_wait "recorded vox, take 3" 10
el=$(( $(now_ms) - t0 ))
say "    record 2: done after $el ms of wall time, take 3 $(take_secs 3) s"
check "record 2 takes at least 2 s of wall time at the prompt" \
    [ "$el" -ge 1900 ]
tui_type "quit"
tui_keys Enter
check "quit" tui_wait_exit 10

# --- a script on the same device freewheels, and says so
t0=$(now_ms)
run_to script "$REEL" $DEV "$T/song" -c 'record 20; status'
el=$(( $(now_ms) - t0 ))
say "    -c 'record 20': $el ms; $(cat "$T/script.out")"
check "the script succeeds" [ "$RC" -eq 0 ]
check "a script freewheels: 20 s recorded in less than 10 s" \
    [ "$el" -lt 10000 ]
check "status in a script says freewheel" \
    grep -q "device reeltest: file (freewheel)" "$T/script.out"
done_test
