#!/bin/sh
# kill -9 during a recording through a real-time device (the ALSA jack
# plugin on jackd -d dummy), at 3 random moments: each time the next start
# recovers the take (sox reads it; it holds at least the time recorded
# less one second; project.ini gives its length as on disk), the stale
# lock is taken over, and no earlier take or edit is lost.  (The 20-kill
# version belongs to issue 5.)
. "$(dirname "$0")/../lib/common.sh"
need sox soxi jackd

RATE=48000
ROUNDS=${KILL_ROUNDS:-3}
P="$T/song"
jack_start
say "jackd -d dummy running as '$JACK_NAME' (pid $JACK_PID)"
run_to mk "$REEL" --config "$CFG" "$P" -c 'track-add a in=1;
    track-add b in=1,2; arm a; arm b'
[ "$RC" -eq 0 ] || { cat "$T/mk.err"; fail "setup: exit $RC"; }

: > "$T/kept.sums"	# takes that must stay as they are
r=1
while [ $r -le "$ROUNDS" ]; do
	rnd=$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')
	wait_s=$(awk -v n="$rnd" 'BEGIN { printf "%.2f", 1.5 + n / 65535 * 2.5 }')
	say "-- round $r: kill -9 after ${wait_s} s of recording"
	"$REEL" --config "$CFG" --device reeljack "$P" -c 'record 20' \
	    > "$T/rec$r.out" 2> "$T/rec$r.err" &
	pid=$!
	T_PIDS="$T_PIDS $pid"
	# The take is in project.ini as "recording" just before capture.
	i=0
	until [ "$(ini_get "$P/project.ini" "take a $r" state)" = recording ]
	do
		if ! kill -0 $pid 2>/dev/null || [ $i -ge 200 ]; then
			cat "$T/rec$r.err"
			fail "round $r: the recording did not start"
		fi
		sleep 0.05; i=$((i + 1))
	done
	t0=$(now_ms)
	sleep "$wait_s"
	kill -9 $pid
	t1=$(now_ms)
	wait $pid 2>/dev/null
	elapsed=$((t1 - t0))
	run_to open$r "$REEL" --config "$CFG" "$P" -c "info; takes a"
	if [ "$RC" -ne 0 ]; then
		cat "$T/open$r.err"
		soft_fail "round $r: the project does not open after kill -9"
	fi
	grep -q "recovered take a $r" "$T/open$r.err" &&
	    grep -q "recovered take b $r" "$T/open$r.err" &&
	    ok "round $r: reopening says: $(grep recovered "$T/open$r.err" |
	    sed 's/^reel: //' | paste -sd ';' -)" ||
	    soft_fail "round $r: no 'recovered take' notes:" \
	    "$(cat "$T/open$r.err")"
	for tr in a b; do
		file=$(ini_get "$P/project.ini" "take $tr $r" file)
		st=$(ini_get "$P/project.ini" "take $tr $r" state)
		len=$(ini_get "$P/project.ini" "take $tr $r" length)
		n=$(frames "$P/$file" 2>/dev/null)
		min=$(( (elapsed - 1000) * RATE / 1000 ))
		if [ -n "$n" ] && sox "$P/$file" -n 2>/dev/null &&
		    [ "$n" -ge $min ] && [ "$len" = "$n" ] &&
		    [ "$st" = recovered ]; then
			ok "round $r: take $tr $r: $n frames" \
			    "($(fcalc "$n / $RATE") s) after $elapsed ms of" \
			    "recording (at least $min); state $st"
		else
			soft_fail "round $r: take $tr $r: file has ${n:-no}" \
			    "frames (at least $min needed), project.ini" \
			    "length $len, state $st"
		fi
	done
	# Earlier takes and edits are untouched.
	if [ -s "$T/kept.sums" ]; then
		if (cd "$P" && md5sum -c --quiet "$T/kept.sums"); then
			ok "round $r: the $(wc -l < "$T/kept.sums") earlier" \
			    "take files are unchanged"
		else
			soft_fail "round $r: an earlier take file changed"
		fi
	fi
	g=$(ini_get "$P/project.ini" "track a" gain)
	if [ $r -gt 1 ] && [ "$g" != "-$((r - 1)).00" ]; then
		soft_fail "round $r: gain of a is $g, expected -$((r - 1)).00"
	fi
	(cd "$P" && md5sum "$(ini_get project.ini "take a $r" file)" \
	    "$(ini_get project.ini "take b $r" file)") >> "$T/kept.sums"
	# An edit that must survive the next kill.
	run_to edit "$REEL" --config "$CFG" "$P" -c "gain a -$r"
	r=$((r + 1))
done
n=$(grep -c '^\[take ' "$P/project.ini")
if [ "$n" -eq $((2 * ROUNDS)) ]; then
	ok "project.ini lists all $n takes; gain a = $(ini_get \
	    "$P/project.ini" "track a" gain)"
else
	soft_fail "project.ini lists $n takes, expected $((2 * ROUNDS))"
fi
done_test
