#!/bin/sh
# Real time through the ALSA jack plugin on jackd -d dummy: `record 10`
# is paced by the device (at least 9.5 s of wall clock, not freewheeled),
# the takes hold exactly 10 s plus the latency the device reported (their
# start is -latency), and the xruns reel reports (stderr, `status`) are
# the ones project.ini marks: none reported, none marked.  Whether an
# xrun happens at all depends on the host's scheduling, so it is a figure
# here (make soak judges real time under stress).  jackd must start: if
# it cannot, this fails with the reason.
. "$(dirname "$0")/../lib/common.sh"
need sox soxi jackd

RATE=48000
SECS=10
P="$T/song"
jack_start
say "jackd -d dummy -r 48000 -p 256 running as '$JACK_NAME' (pid $JACK_PID)"
run_to mk "$REEL" --config "$CFG" "$P" -c 'track-add a in=1;
    track-add b in=1,2; arm a; arm b'
[ "$RC" -eq 0 ] || { cat "$T/mk.err"; fail "setup: exit $RC"; }

# pass N: records take N of a and b, and checks it.  FAILS counts the
# failed checks, JX the xruns jackd logged of its own during the pass.
pass() {
	n=$1; FAILS=0
	say "-- pass $n; load average $(cut -d' ' -f1-3 /proc/loadavg) on" \
	    "$(nproc) CPU(s)"
	jx0=$(grep -c XRun "$T/jackd.log")
	# stderr is stamped line by line as it comes, to time the pass.
	t0=$(now_ms)
	{ "$REEL" --config "$CFG" --device reeljack "$P" -c \
	    "record $SECS; status" 2>&1 >"$T/rec.out"; echo "exit $?"; } |
	    while IFS= read -r line; do
		printf '%s %s\n' "$(now_ms)" "$line"
	    done > "$T/rec.stamped"
	t1=$(now_ms)
	ms=$((t1 - t0))
	JX=$(( $(grep -c XRun "$T/jackd.log") - jx0 ))
	RC=$(sed -n 's/^[0-9]* exit //p' "$T/rec.stamped")
	grep -v '^[0-9]* exit ' "$T/rec.stamped" | cut -d' ' -f2- > "$T/rec.err"
	sed 's/^/      stderr: /' "$T/rec.err"
	a=$(awk '/recording a, take/ { print $1; exit }' "$T/rec.stamped")
	b=$(awk '/recorded a, take/ { print $1; exit }' "$T/rec.stamped")
	[ -n "$a" ] && [ -n "$b" ] && say "the pass itself: $((b - a)) ms" \
	    "from 'recording' to 'recorded'; start-up $((a - t0)) ms, the" \
	    "rest $((t1 - b)) ms; jackd's own xruns meanwhile: $JX"
	sed 's/^/      stdout: /' "$T/rec.out"
	[ "$RC" -eq 0 ] || fail "record $SECS: exit $RC"
	# Paced, not freewheeled; the upper bound only catches a hang.
	if [ $ms -ge 9500 ] && [ $ms -le 60000 ]; then
		ok "record $SECS took $ms ms of wall clock (paced: >= 9500)"
	else
		say "FAIL  record $SECS took $ms ms of wall clock (expected" \
		    "9500..60000: real time)"; FAILS=$((FAILS + 1))
	fi
	XR=$(sed -n 's/.*xruns \([0-9]*\),.*/\1/p' "$T/rec.out")
	if [ -z "$XR" ]; then
		say "FAIL  status does not report xruns"; FAILS=$((FAILS + 1))
	else
		say "figure: $XR xrun(s) reported by reel, $JX by jackd itself"
	fi
	for tr in a b; do
		start=$(ini_get "$P/project.ini" "take $tr $n" start)
		len=$(ini_get "$P/project.ini" "take $tr $n" length)
		range=$(ini_get "$P/project.ini" "take $tr $n" range)
		xr=$(ini_get "$P/project.ini" "take $tr $n" xruns)
		file=$(ini_get "$P/project.ini" "take $tr $n" file)
		nf=$(frames "$P/$file")
		lat=$((0 - start))
		want=$((SECS * RATE + lat))
		# A pass with no xrun marks none; a take marks at most the
		# 64 first positions of the xruns the session counted.
		nx=$(printf '%s\n' "$xr" | wc -w)
		if [ "$nf" -eq $want ] && [ "$len" = "$nf" ] &&
		    [ "$range" = "0 $((SECS * RATE))" ] && [ $lat -ge 768 ] &&
		    [ "$nx" -le "${XR:-0}" ]; then
			ok "take $tr $n: $nf frames = $SECS s + $lat frames of" \
			    "latency (start $start, range $range), $nx xrun" \
			    "position(s) marked of ${XR:-0} counted"
		else
			say "FAIL  take $tr $n: $nf frames (expected $want)," \
			    "length $len, start $start, range $range, xruns" \
			    "'$xr'"; FAILS=$((FAILS + 1))
		fi
	done
}

pass 1
[ $FAILS -eq 0 ] || soft_fail "$FAILS check(s) of the pass failed" \
    "(jackd's own xruns during it: $JX)"
done_test
