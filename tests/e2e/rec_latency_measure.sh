#!/bin/sh
# latency-measure finds the round trip through a loopback and later takes
# are shifted by it.  The loopback: on a jackd -d dummy server, reel's own
# playback port is connected to its capture port while it measures.
. "$(dirname "$0")/../lib/common.sh"
need jackd jack_lsp jack_connect soxi
jack_start

# Without a loopback nothing comes back: a clear error, exit 1.
run_to none "$REEL" -q "$T/p" --device reeljack -c 'latency-measure seconds=1'
[ "$RC" -eq 1 ] || fail "no loopback: exit $RC, expected 1"
grep -q "latency-measure: no impulse came back" "$T/none.err" ||
	fail "no loopback: message was: $(cat "$T/none.err")"
[ ! -f "$XDG_CONFIG_HOME/reel/latency.ini" ] ||
	fail "a failed measurement stored a figure"
ok "without a loopback: $(cat "$T/none.err")"

"$REEL" -q "$T/p" --device reeljack -c 'latency-measure seconds=3' \
    > "$T/m.out" 2> "$T/m.err" &
pid=$!
T_PIDS="$T_PIDS $pid"
i=0
while [ $i -lt 100 ]; do
	outs=$(jack_lsp 2>/dev/null | grep '^reel\.P.*:out_000$' | head -n 1)
	ins=$(jack_lsp 2>/dev/null | grep '^reel\.C.*:in_000$' | head -n 1)
	[ -n "$outs" ] && [ -n "$ins" ] && break
	sleep 0.05; i=$((i + 1))
done
[ -n "$outs" ] && [ -n "$ins" ] || fail "reel's jack ports did not appear"
jack_connect "$outs" "$ins" || fail "jack_connect $outs $ins"
wait "$pid"; rc=$?
[ "$rc" -eq 0 ] || fail "latency-measure exit $rc: $(cat "$T/m.err")"
lat=$(sed -n 's/^round trip \([0-9]*\) frames.*/\1/p' "$T/m.out")
[ -n "$lat" ] || fail "no figure in: $(cat "$T/m.out")"
# A loopback of software buffers: at least a period, at most a second.
[ "$lat" -ge 256 ] && [ "$lat" -le 48000 ] ||
	fail "round trip $lat frames is not plausible"
grep -q "^frames = $lat\$" "$XDG_CONFIG_HOME/reel/latency.ini" ||
	fail "latency.ini does not hold $lat"
ok "measured round trip $lat frames, stored for reeljack"

# The next recording on that device is shifted by the measured figure.
"$REEL" -q "$T/p" --device reeljack -c 'track-add a in=1; arm a; record 1' ||
	fail "record after measuring"
start=$(sed -n '/^\[take a 1\]/,/^$/s/^start = //p' "$T/p/project.ini")
[ "$start" = "-$lat" ] || fail "take start $start, expected -$lat"
len=$(soxi -s "$T/p/audio/a-1.wav")
[ "$len" -eq $((48000 + lat)) ] || fail "take has $len frames"
ok "take shifted by the measured $lat frames ($len frames on disk)"
done_test
