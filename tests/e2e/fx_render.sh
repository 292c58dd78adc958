#!/bin/sh
# Inserts through render: a peaking EQ band nulls against sox's
# `equalizer` below -70 dB; a look-ahead limiter that does not act leaves
# the render sample-aligned with the dry signal (latency compensated) and
# a loud one keeps every sample under its ceiling; inserts saved in
# project.ini and read back render the same samples; bad parameters get
# one line naming the range.
. "$(dirname "$0")/../lib/common.sh"
need sox soxi

RATE=48000
P="$T/song"
sox -n -r $RATE -c 2 -b 24 "$T/n.wav" synth 2 whitenoise vol 0.3 \
    2>/dev/null
run_to imp "$REEL" --config "$CFG" "$P" -c "import $T/n.wav track=a"
[ "$RC" -eq 0 ] || { cat "$T/imp.err"; fail "import: exit $RC"; }

# null NAME RENDER REF LIMIT: peak of the difference relative to the
# reference's RMS.
null() {
	d=$(sox -D -m -v 1 "$2" -v -1 "$3" -n stats 2>&1 |
	    awk '/^Pk lev dB/ { print $4 }')
	r=$(sox -D "$3" -n stats 2>&1 | awk '/^RMS lev dB/ { print $4 }')
	rel=-inf
	[ "$d" = "-inf" ] || rel=$(fcalc "$d - ($r)")
	if db_below "$rel" "$4"; then
		ok "$1: difference peaks $rel dB under the signal's RMS" \
		    "(limit $4)"
	else
		soft_fail "$1: difference at $rel dB (limit $4)"
	fi
}

run_to eq "$REEL" --config "$CFG" "$P" -c "fx-add a eq;
    fx-set a 1 b1.type=peak b1.freq=1000 b1.gain=6 b1.q=2;
    render eq.wav format=wav32f"
[ "$RC" -eq 0 ] || { cat "$T/eq.err"; fail "eq: exit $RC"; }
grep -qx 1 "$T/eq.out" || soft_fail "fx-add printed '$(cat "$T/eq.out")'"
sox -D "$T/n.wav" -e floating-point -b 32 "$T/ref-eq.wav" \
    equalizer 1000 2q 6
null "peak 1 kHz +6 dB Q 2 against sox equalizer" "$P/renders/eq.wav" \
    "$T/ref-eq.wav" -70

# The same project read back from project.ini renders the same samples.
run_to eq2 "$REEL" --config "$CFG" "$P" -c "render eq2.wav format=wav32f"
wav_data "$P/renders/eq.wav" "$T/eq.raw"
wav_data "$P/renders/eq2.wav" "$T/eq2.raw"
if cmp -s "$T/eq.raw" "$T/eq2.raw"; then
	ok "reopened project renders identical samples"
else
	soft_fail "reopened project renders differently"
fi
grep -q '^b1.freq = 1000$' "$P/project.ini" ||
    soft_fail "project.ini lacks b1.freq = 1000"

# A limiter 5 ms ahead, far above the signal: a pure delay, compensated.
run_to lim "$REEL" --config "$CFG" "$P" -c "fx-remove a 1;
    fx-add a limit; fx-set a 1 ceiling=0 lookahead=5;
    render lim.wav format=wav32f"
[ "$RC" -eq 0 ] || { cat "$T/lim.err"; fail "limit: exit $RC"; }
sox -D "$T/n.wav" -e floating-point -b 32 "$T/ref-dry.wav"
n1=$(frames "$P/renders/lim.wav"); n2=$(frames "$T/ref-dry.wav")
[ "$n1" -eq "$n2" ] || soft_fail "limit render: $n1 frames, want $n2"
null "limiter with 240 frames of look-ahead, latency compensated" \
    "$P/renders/lim.wav" "$T/ref-dry.wav" -140

# Loud: +12 dB (a utility moved in front of it) into a -3 dBFS ceiling,
# every sample under it.
run_to lim2 "$REEL" --config "$CFG" "$P" -c "fx-add a utility;
    fx-set a 2 gain=12; fx-move a 2 1; fx-set a 2 ceiling=-3 lookahead=1;
    render lim2.wav format=wav32f"
[ "$RC" -eq 0 ] || { cat "$T/lim2.err"; fail "limit 2: exit $RC"; }
pk=$(peak_of "$P/renders/lim2.wav")
if db_below "$pk" -2.9999; then
	ok "limiter at -3 dBFS, 12 dB of gain in: sample peak $pk dBFS"
else
	soft_fail "limiter: sample peak $pk dBFS above -3"
fi

run_to bad "$REEL" --config "$CFG" "$P" -c "fx-set a 2 ceiling=3"
if [ "$RC" -ne 0 ] && grep -q "ceiling=3: out of range -24..0 dB" \
    "$T/bad.err"; then
	ok "out of range: $(cat "$T/bad.err")"
else
	soft_fail "fx-set ceiling=3: exit $RC, '$(cat "$T/bad.err")'"
fi
run_to bad2 "$REEL" --config "$CFG" "$P" -c "fx-set a 2 knee=3"
grep -q "limit has no parameter 'knee'" "$T/bad2.err" ||
    soft_fail "unknown parameter: '$(cat "$T/bad2.err")'"
done_test
