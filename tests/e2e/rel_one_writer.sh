#!/bin/sh
# Promise 5 (one writer): a second reel on a project refuses with a message
# naming the first (its pid) and changes nothing; once the first is killed
# with -9, its stale lock is taken over.
. "$(dirname "$0")/../lib/common.sh"
. "$REEL_TOP/tests/reliability/lib.sh"

P=$T/song
"$REEL" -q "$P" -c 'track-add a in=1' || fail "cannot create a project"
cp "$P/project.ini" "$T/before.ini"

# hold DIR: a reel at the plain prompt on DIR, its stdin a pipe that stays
# open; HOLD_PID is that reel.
hold() {
	mkfifo "$T/fifo.$1"
	"$REEL" --plain "$P" < "$T/fifo.$1" > "$T/hold.$1.out" \
	    2> "$T/hold.$1.err" &
	HOLD_PID=$!
	T_PIDS="$T_PIDS $HOLD_PID"
	exec 9> "$T/fifo.$1"
	wait_for "$P/.reel.lock" "pid=$HOLD_PID" 10 ||
	    fail "reel $HOLD_PID did not take the lock"
}

hold 1
first=$HOLD_PID
run_to second "$REEL" "$P" -c 'gain a -6'
say "    second reel: $(cat "$T/second.err")"
[ "$RC" -eq 1 ] || fail "a second reel ran (status $RC)"
grep -q "pid $first" "$T/second.err" ||
    fail "the refusal does not name the first reel (pid $first)"
ok "a second reel refuses, naming pid $first"
cmp -s "$P/project.ini" "$T/before.ini" ||
    fail "the refused reel changed project.ini"
ok "the refused reel changed nothing"
run_to third "$REEL" "$P" -c info
[ "$RC" -eq 1 ] && grep -q "pid $first" "$T/third.err" ||
    fail "even a reel that only reads must not open a locked project"
ok "a reading reel refuses too"

kill -9 "$first"
wait "$first" 2>/dev/null
exec 9>&-
grep -q "pid=$first" "$P/.reel.lock" ||
    fail "the killed reel's lock file is gone (nothing stale to take over)"
run_to after "$REEL" "$P" -c 'gain a -6'
[ "$RC" -eq 0 ] || fail "the stale lock of a killed reel was not taken over: $(cat "$T/after.err")"
grep -q '^gain = -6.00' "$P/project.ini" || fail "the change was not saved"
ok "after kill -9 of the first, the stale lock is taken over"

hold 2
second=$HOLD_PID
run_to fourth "$REEL" "$P" -c info
[ "$RC" -eq 1 ] && grep -q "pid $second" "$T/fourth.err" ||
    fail "the new holder (pid $second) is not named: $(cat "$T/fourth.err")"
ok "the new holder is named (pid $second)"
exec 9>&-
wait "$second"
[ ! -e "$P/.reel.lock" ] || fail "a reel that quit left its lock file"
ok "a reel that quits removes its lock"
done_test
