#!/bin/sh
# The overdub of issue 8, item 1, in real time through JACK (jackd -d
# dummy): `count-in 1; locate 0; record` with no length, stopped by SIGINT.
# reel's left output is patched into its first input, which track b
# records: what b holds past 0:00 is what the song played.  Before the
# fix the pass said "the disk fell behind (N frames of silence)" and b
# heard nothing but the count-in's click.  (The file-device matrix in
# overdub_countin.sh checks the same float for float; here it is the
# level of track a's sine through the loop, which jackd's own xruns under
# load cannot turn into silence.)
. "$(dirname "$0")/../lib/common.sh"
. "$REEL_TOP/tests/reliability/lib.sh"
need sox soxi jackd jack_lsp jack_connect

RATE=48000
P="$T/song"
sox -n -r $RATE -c 1 -b 24 "$T/a.wav" synth 8 sine 440 vol 0.5 2>/dev/null
run_to setup "$REEL" --config "$CFG" "$P" -c "tempo 120;
    import $T/a.wav track=a; track-add b in=1; monitor b off; arm b;
    count-in 1; click-level -60"
[ "$RC" -eq 0 ] || { cat "$T/setup.err"; fail "setup: exit $RC"; }
jack_start
bg_start rec "$REEL" --config "$CFG" --device reeljack "$P" \
    -c 'locate 0; record'
pid=$BG_PID
i=0; out=""; in=""
while [ $i -lt 200 ] && { [ -z "$out" ] || [ -z "$in" ]; }; do
	sleep 0.05; i=$((i + 1))
	jack_lsp > "$T/ports" 2>/dev/null
	out=$(grep -E "\.$pid\.[0-9]+:out_000\$" "$T/ports" | head -n 1)
	in=$(grep -E "\.$pid\.[0-9]+:in_000\$" "$T/ports" | head -n 1)
done
if [ -n "$out" ] && [ -n "$in" ] && jack_connect "$out" "$in" 2>/dev/null
then
	say "patched $out -> $in"
else
	cat "$T/ports"
	fail "could not patch reel's ports (out '$out', in '$in')"
fi
wait_for "$T/rec.err" "recording b" 20 || fail "no recording"
# The count-in (2 s), then 1.5 s of the song.
sleep 3.5
kill -INT "$pid"
bg_wait_max "$pid" 10
sed 's/^/      /' "$T/rec.err"
check "SIGINT ends the open-ended pass: exit 130" [ "$BG_RC" -eq 130 ]
check "nothing fell behind" sh -c "! grep -q 'fell behind' '$T/rec.err'"
st=$(ini_get "$P/project.ini" "take b 1" start)
f=$P/$(ini_get "$P/project.ini" "take b 1" file)
n=$(soxi -s "$f")
say "take b: start $st, $n frames"
# Timeline 0:00 is file frame -start; past it, 1 s of the song.
sox "$f" "$T/b0.wav" trim "$((-st))s" 48000s 2>/dev/null
pk=$(peak_of "$T/b0.wav")
say "peak of take b over 0:00..0:01: $pk dBFS (a's sine: -6 dBFS, centre" \
    "pan -3 dB)"
check "track a is heard through the loop after the count-in" \
    awk -v p="$pk" 'BEGIN { exit !(p != "-inf" && p + 0 > -15) }'
done_test
