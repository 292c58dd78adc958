#!/bin/sh
# Real time through the ALSA jack plugin on jackd -d dummy: `record 10`
# takes between 9.5 and 12 s of wall clock, the takes hold exactly 10 s
# plus the latency the device reported (their start is -latency), and no
# xrun is reported (stderr, `status`, project.ini).  jackd must start: if
# it cannot, this fails with the reason.
. "$(dirname "$0")/../lib/common.sh"
need sox soxi jackd

RATE=48000
SECS=10
P="$T/song"
jack_start
say "jackd -d dummy -r 48000 -p 256 running as '$JACK_NAME' (pid $JACK_PID)"
say "load average: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null) on" \
    "$(nproc) CPU(s)"
run_to mk "$REEL" --config "$CFG" "$P" -c 'track-add a in=1;
    track-add b in=1,2; arm a; arm b'
[ "$RC" -eq 0 ] || { cat "$T/mk.err"; fail "setup: exit $RC"; }

# stderr is stamped line by line as it comes, to time the pass itself.
t0=$(now_ms)
{ "$REEL" --config "$CFG" --device reeljack "$P" -c "record $SECS; status" \
    2>&1 >"$T/rec.out"; echo "exit $?"; } | while IFS= read -r line; do
	printf '%s %s\n' "$(now_ms)" "$line"
done > "$T/rec.stamped"
t1=$(now_ms)
ms=$((t1 - t0))
RC=$(sed -n 's/^[0-9]* exit //p' "$T/rec.stamped")
grep -v '^[0-9]* exit ' "$T/rec.stamped" | cut -d' ' -f2- > "$T/rec.err"
sed 's/^/      stderr: /' "$T/rec.err"
a=$(awk '/recording a, take/ { print $1; exit }' "$T/rec.stamped")
b=$(awk '/recorded a, take/ { print $1; exit }' "$T/rec.stamped")
[ -n "$a" ] && [ -n "$b" ] && say "the pass itself: $((b - a)) ms from" \
    "'recording' to 'recorded'; start-up $((a - t0)) ms, the rest" \
    "$((t1 - b)) ms"
sed 's/^/      stdout: /' "$T/rec.out"
[ "$RC" -eq 0 ] || fail "record $SECS: exit $RC"
if [ $ms -ge 9500 ] && [ $ms -le 12000 ]; then
	ok "record $SECS took $ms ms of wall clock (9500..12000)"
else
	soft_fail "record $SECS took $ms ms of wall clock (expected" \
	    "9500..12000: real time)"
fi
if grep -qi xrun "$T/rec.err"; then
	soft_fail "xruns reported on stderr"
else
	ok "no xrun reported on stderr"
fi
if grep -q "xruns 0," "$T/rec.out"; then
	ok "status: $(grep -o 'xruns [0-9]*, device [^,]*' "$T/rec.out")"
else
	soft_fail "status does not say 'xruns 0'"
fi
say "load average after: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)"
for tr in a b; do
	start=$(ini_get "$P/project.ini" "take $tr 1" start)
	len=$(ini_get "$P/project.ini" "take $tr 1" length)
	range=$(ini_get "$P/project.ini" "take $tr 1" range)
	xr=$(ini_get "$P/project.ini" "take $tr 1" xruns)
	file=$(ini_get "$P/project.ini" "take $tr 1" file)
	n=$(frames "$P/$file")
	lat=$((0 - start))
	want=$((SECS * RATE + lat))
	if [ "$n" -eq $want ] && [ "$len" = "$n" ] &&
	    [ "$range" = "0 $((SECS * RATE))" ] && [ $lat -ge 768 ] &&
	    [ -z "$xr" ]; then
		ok "take $tr: $n frames = $SECS s + $lat frames of latency" \
		    "(start $start, range $range), no xruns marked"
	else
		soft_fail "take $tr: $n frames (expected $want), length $len," \
		    "start $start, range $range, xruns '${xr}'"
	fi
done
done_test
