#!/bin/sh
# Real time through the ALSA jack plugin on jackd -d dummy: `record 10`
# takes between 9.5 and 12 s of wall clock, the takes hold exactly 10 s
# plus the latency the device reported (their start is -latency), and no
# xrun is reported (stderr, `status`, project.ini).  jackd must start: if
# it cannot, this fails with the reason.  When the machine is so busy that
# jackd itself logs xruns during the pass, reel cannot be blamed for
# them: the pass is tried once more, and that one must be clean.
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
	if [ $ms -ge 9500 ] && [ $ms -le 12000 ]; then
		ok "record $SECS took $ms ms of wall clock (9500..12000)"
	else
		say "FAIL  record $SECS took $ms ms of wall clock (expected" \
		    "9500..12000: real time)"; FAILS=$((FAILS + 1))
	fi
	if grep -qi xrun "$T/rec.err"; then
		say "FAIL  xruns reported on stderr"; FAILS=$((FAILS + 1))
	else
		ok "no xrun reported on stderr"
	fi
	if grep -q "xruns 0," "$T/rec.out"; then
		ok "status: $(grep -o 'xruns [0-9]*, device [^,]*' \
		    "$T/rec.out")"
	else
		say "FAIL  status does not say 'xruns 0'"; FAILS=$((FAILS + 1))
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
		if [ "$nf" -eq $want ] && [ "$len" = "$nf" ] &&
		    [ "$range" = "0 $((SECS * RATE))" ] && [ $lat -ge 768 ] &&
		    [ -z "$xr" ]; then
			ok "take $tr $n: $nf frames = $SECS s + $lat frames of" \
			    "latency (start $start, range $range), no xruns" \
			    "marked"
		else
			say "FAIL  take $tr $n: $nf frames (expected $want)," \
			    "length $len, start $start, range $range, xruns" \
			    "'$xr'"; FAILS=$((FAILS + 1))
		fi
	done
}

pass 1
if [ $FAILS -gt 0 ] && [ $JX -gt 0 ]; then
	say "jackd itself logged $JX xrun(s) during pass 1: the machine is" \
	    "too busy to tell; once more"
	pass 2
fi
[ $FAILS -eq 0 ] || soft_fail "$FAILS check(s) of the last pass failed" \
    "(jackd's own xruns during it: $JX)"
done_test
