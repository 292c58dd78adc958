#!/bin/sh
# Loop recording (issue 4): with a loop of 2 s, `record 10` on an armed mono
# track makes five takes, one per pass, each over the loop (range 0 96000),
# and take p plays capture frames [p * 96000, (p + 1) * 96000) (+ the
# latency) to the sample.  With `loop 1 3`, `record 5` keeps the partial
# third pass (1 s, range 48000 96000) and a backing track plays the loop
# on every pass (the playback file shows it).  With a count-in of one bar
# at 120 BPM in 4/4 (96000 frames) the takes are still five of 2 s, and
# the first starts at capture frame 96000 (+ the latency).  Through the
# ALSA file device, with latency = 0 and (with the count-in) the device's
# own (period 256 x 3 = 768 frames).
#
# The capture is a counter (tests/lib/common.sh counter_raw): every sample
# says which capture frame it is, so each take's solo render shows exactly
# which frames landed where.
. "$(dirname "$0")/../lib/common.sh"
need python3 sox

RATE=48000
LOOP=96000	# 2 s loops
B=768		# the file device's latency
counter_raw "$T/in.raw" 700000
# The backing track: a mono counter from frame 3000000, 24-bit.
counter_raw "$T/bed.raw" 200000 3000000
sox -t raw -r $RATE -e signed-integer -b 32 -c 2 "$T/bed.raw" -b 24 \
    "$T/bed.wav" remix 1
say "capture: counter, frame i = (i + 1) / 2^23 on the left;" \
    "bed.wav: counter from frame 3000000"

# loop_case NAME LATENCY LOOP-START RECORD-SECONDS NTAKES LEAD PRE-COMMANDS
#   LATENCY: 0 or auto (expected B); LOOP-START: whole seconds; LEAD:
#   count-in frames; PRE-COMMANDS may import the bed (panned right).
loop_case() {
	name=$1; lat=$2; ls=$3; sec=$4; ntakes=$5; lead=$6; pre=$7
	if [ "$lat" = auto ]; then L=$B; else L=$lat; fi
	S=$((ls * RATE))
	p="$T/$name"
	say "-- $name: latency $lat (L = $L), $pre loop $ls $((ls + 2));" \
	    "record $sec"
	config_write "$CFG" "latency = $lat"
	file_devices "$T/in.raw" "$T/$name-out.raw"
	run_to "$name" reel_file "$p" -c "track-add v in=1; pan v -1; arm v;
	    monitor v off; $pre loop $ls $((ls + 2)); record $sec; takes v"
	if [ "$RC" -ne 0 ]; then
		cat "$T/$name.err"
		soft_fail "$name: reel exited $RC"
		return
	fi
	ini="$p/project.ini"
	n=$(grep -c '^\[take v [0-9]*\]$' "$ini")
	listed=$(grep -c '^[ *] *[0-9]*  at ' "$T/$name.out")
	if [ "$n" -eq "$ntakes" ] && [ "$listed" -eq "$ntakes" ]; then
		ok "$name: $n takes in project.ini ([take v 1..$ntakes])," \
		    "$listed listed by 'takes v'"
	else
		sed 's/^/      /' "$T/$name.out"
		soft_fail "$name: $n takes in project.ini, $listed listed;" \
		    "expected $ntakes"
		return
	fi
	# Each take: over the loop, a start that puts pass k's audio on the
	# loop (start = S - (L + lead) - k * LOOP), the last maybe partial.
	total=$((sec * RATE)); bad=0; renders=""; desc=""
	k=0
	while [ $k -lt "$ntakes" ]; do
		id=$((k + 1))
		len=$((total - k * LOOP)); [ $len -gt $LOOP ] && len=$LOOP
		want="range=$S $((S + len)) start=$((S - L - lead - k * LOOP))"
		got="range=$(ini_get "$ini" "take v $id" range)"
		got="$got start=$(ini_get "$ini" "take v $id" start)"
		if [ "$got" != "$want" ]; then
			soft_fail "$name: take $id: $got; expected $want"
			bad=1
		fi
		desc="$desc $id:$len"
		renders="$renders take v $id; render t$id.wav format=wav32f"
		renders="$renders start=$ls end=$((ls + len / RATE));"
		k=$((k + 1))
	done
	[ $bad -eq 0 ] && ok "$name: takes (id:frames)$desc over range" \
	    "$S.., starts $S - (L + lead) - k * $LOOP (L = $L, lead = $lead)"
	# The newest audio on top: the last pass over what it covers, the
	# one before it after a partial last pass.
	got=$(for i in 1 2 3; do ini_get "$ini" "track v" comp-$i; done |
	    tr '\n' ',')
	last=$((total - (ntakes - 1) * LOOP))
	want="$S $((S + last)) $ntakes 480,"
	[ $last -lt $LOOP ] &&
	    want="$want$((S + last)) $((S + LOOP)) $((ntakes - 1)) 480,"
	if [ "$got" = "$want" ]; then
		ok "$name: the comp is the newest audio: $got"
	else
		soft_fail "$name: comp '$got'; expected '$want'"
	fi
	# Solo render of each take as the whole comp.
	run_to "$name-r" reel_file "$p" -c "disarm v; solo v; $renders"
	if [ "$RC" -ne 0 ]; then
		cat "$T/$name-r.err"
		soft_fail "$name: rendering the takes: exit $RC"
		return
	fi
	py "$p/renders" "$ntakes" "$total" "$LOOP" "$L" "$lead" "$S" \
	    "$name" "$T/$name-out.raw" "$B" <<'EOF'
import sys
from reellib import *
d = sys.argv[1]
ntakes, total, loop, lat, lead, S = map(int, sys.argv[2:8])
name, out, B = sys.argv[8], sys.argv[9], int(sys.argv[10])
cnt = lambda f: (f + 1) / 8388608.0
for k in range(ntakes):
    n = min(loop, total - k * loop)
    _, _, (l, r) = read_wav('%s/t%d.wav' % (d, k + 1))
    first = lead + lat + k * loop
    want = [cnt(first + t) for t in range(n)]
    if not check(len(l) == n and l == want and max(map(abs, r)) == 0.0,
                 '%s: take %d (%d frames): timeline %d..%d = capture '
                 'frames %d..%d, bit-exact' % (name, k + 1, len(l), S,
                                               S + n - 1, first,
                                               first + n - 1)):
        print('      got: ' + fmt_spans(spans(l, S)))
# The backing track (right) loops with the passes: playback frame B + r
# is bed frame S + r mod loop (the pass rolls total + latency frames).
l, r = read_raw(out)
if 'bed' in name:
    rolled = total + lat
    want = [cnt(3000000 + S + i % loop) for i in range(rolled)]
    if not check(r[:B] == [0.0] * B and r[B:B + rolled] == want,
                 '%s: playback (right): the bed, timeline %d..%d on each '
                 'pass: %s' % (name, S, S + loop - 1,
                               fmt_spans(spans(r[B:B + rolled], B)))):
        print('      got: ' + fmt_spans(spans(r)))
done()
EOF
	[ $? -eq 0 ] || T_SOFT=$((T_SOFT + 1))
}

loop_case five 0 0 10 5 0 ""
loop_case partial-bed 0 1 5 3 0 "import $T/bed.wav track=bed; pan bed 1;"
loop_case count-in auto 0 10 5 96000 "tempo 120; meter 4/4; count-in 1;"
done_test
