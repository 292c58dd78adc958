#!/bin/sh
# Punch-in with pre-roll (issue 4).  Take 1: 4 s recorded from capture A.
# Then `xfade 0` (hard cuts at the punch edges), `preroll 1`,
# `punch 1.5 2.5` from capture B: the pass rolls from 0.5 s, records, and
# the new take 2 covers 1.5..2.5, comped in at once (take 1 0..1.5, take 2
# 1.5..2.5, take 1 2.5..4).  Checked, with latency = 0 and with the file
# device's own (768 frames):
#   - project.ini: take 2's range and start, the three comp ranges
#   - the render outside [1.5, 2.5) s is the render of take 1 alone, byte
#     for byte; inside, capture B frame (t - 0.5 s) + latency at frame t
#   - the playback file of the punch pass: during the pre-roll (0.5..1.5 s)
#     it is take 1's audio (the armed track plays its old audio outside
#     the punch range); inside the range nothing (monitor off)
# Both captures are counters (counter_raw; B starts at frame 1000000), so
# every sample names the capture and frame it came from.
. "$(dirname "$0")/../lib/common.sh"
need python3

RATE=48000
B=768
counter_raw "$T/inA.raw" 260000
counter_raw "$T/inB.raw" 160000 1000000
say "capture A: counter from frame 0; capture B: counter from frame 1000000"

punch_case() {
	name=$1; lat=$2
	if [ "$lat" = auto ]; then L=$B; else L=$lat; fi
	p="$T/$name"
	say "-- $name: latency $lat (L = $L)"
	config_write "$CFG" "latency = $lat"
	file_devices "$T/inA.raw" "$T/$name-out1.raw"
	run_to "$name-1" reel_file "$p" -c 'track-add v in=1; pan v -1; arm v;
	    monitor v off; record 4; xfade 0;
	    render before.wav format=wav32f start=0 end=4'
	[ "$RC" -eq 0 ] || { cat "$T/$name-1.err"
		soft_fail "$name: recording take 1: exit $RC"; return; }
	file_devices "$T/inB.raw" "$T/$name-out2.raw"
	run_to "$name-2" reel_file "$p" -c 'preroll 1; punch 1.5 2.5; takes v;
	    render after.wav format=wav32f start=0 end=4'
	[ "$RC" -eq 0 ] || { cat "$T/$name-2.err"
		soft_fail "$name: punch: exit $RC"; return; }
	ini="$p/project.ini"
	got="range=$(ini_get "$ini" "take v 2" range)"
	got="$got start=$(ini_get "$ini" "take v 2" start)"
	want="range=72000 120000 start=$((24000 - L))"
	if [ "$got" = "$want" ]; then
		ok "$name: take 2: $got (rolled from 0.5 s, less the latency)"
	else
		soft_fail "$name: take 2: '$got'; expected '$want'"
	fi
	if grep -q '^\*  2  at 0:01.500   length 0:01.000 ' "$T/$name-2.out"
	then
		ok "$name: takes v: take 2 at 0:01.500, length 0:01.000"
	else
		sed 's/^/      /' "$T/$name-2.out"
		soft_fail "$name: 'takes v' does not list take 2 at 1.5 s, 1 s"
	fi
	got=$(for i in 1 2 3 4; do ini_get "$ini" "track v" comp-$i |
	    cut -d' ' -f1-3; done | tr '\n' ',')
	want="0 72000 1,72000 120000 2,120000 192000 1,"
	if [ "$got" = "$want" ]; then
		ok "$name: comp (start end take): $got"
	else
		soft_fail "$name: comp: '$got'; expected '$want'"
	fi
	# Outside the punch: the same floats as take 1 alone.
	wav_data "$p/renders/before.wav" "$T/before.raw"
	wav_data "$p/renders/after.wav" "$T/after.raw"
	slice "$T/before.raw" "$T/x.raw" 8 0 72000
	slice "$T/after.raw" "$T/y.raw" 8 0 72000
	slice "$T/before.raw" "$T/x2.raw" 8 120000 72000
	slice "$T/after.raw" "$T/y2.raw" 8 120000 72000
	if rawcmp "$T/x.raw" "$T/y.raw" 8 && rawcmp "$T/x2.raw" "$T/y2.raw" 8
	then
		ok "$name: render frames 0..71999 and 120000..191999" \
		    "identical to take 1's render (cmp of the float data)"
	else
		soft_fail "$name: the punch changed audio outside [1.5, 2.5)"
	fi
	py "$p/renders" "$T/$name-out2.raw" "$L" "$B" "$name" <<'EOF' ||
import sys
from reellib import *
d, out, L, B, name = sys.argv[1], sys.argv[2], int(sys.argv[3]), \
    int(sys.argv[4]), sys.argv[5]
cnt = lambda f: (f + 1) / 8388608.0
_, _, (before, _) = read_wav(d + '/before.wav')
_, _, (after, _) = read_wav(d + '/after.wav')
check(before == [cnt(t + L) for t in range(192000)],
      '%s: take 1 alone: frame t = capture A frame t + %d (t < 192000)' %
      (name, L))
inside = after[72000:120000]
if not check(inside == [cnt(1000000 + t - 24000 + L)
                        for t in range(72000, 120000)],
             '%s: render frames 72000..119999 = capture B frames %d..%d '
             '(t - 24000 + %d), bit-exact' % (name, 48000 + L, 95999 + L,
                                              L)):
    print('      got: ' + fmt_spans(spans(inside, 72000)))
# The punch pass's playback: B frames of prefill, then from timeline
# 24000 (0.5 s) on.  Pre-roll 24000..71999: take 1; the punch: silence.
l, r = read_raw(out)
pre = l[B:B + 48000]
if not check(pre == [cnt(t + L) for t in range(24000, 72000)],
             '%s: punch pass playback frames %d..%d (timeline 0.5..1.5 s, '
             'the pre-roll) = take 1 (capture A frames %d..%d)' %
             (name, B, B + 47999, 24000 + L, 71999 + L)):
    print('      got: ' + fmt_spans(spans(pre, 24000)))
punch = l[B + 48000:B + 96000]
check(len(punch) == 48000 and max(map(abs, punch)) == 0.0,
      '%s: playback over the punch (frames %d..%d): silence (take 1 cut '
      'out, monitor off)' % (name, B + 48000, B + 95999))
check(len(l) == B + 96000 + L,
      '%s: the pass rolled %d frames (pre-roll 48000 + punch 48000 + '
      'latency %d) after the %d-frame prefill' % (name, len(l) - B, L, B))
done()
EOF
	T_SOFT=$((T_SOFT + 1))
}

punch_case lat0 0
punch_case latency auto
done_test
