#!/bin/sh
# Recording onto a track with clips (issue 10).  Take 1 (4 s, capture A)
# is moved to start at 2 s (`move`: the track gets a clip list); then a
# punch over 1..2 s (capture B) is comped in as always and gets a clip of
# its own on top (position 48000, length 48000, offset 48000).  The
# render is, frame for frame (counters name every sample): silence before
# 1 s, B over 1..2 s, and from 2 s on the moved clip playing the comp's
# 0..4 s -- which now holds B over 1..2 s, as a moved clip plays whatever
# the comp holds in its source range.
. "$(dirname "$0")/../lib/common.sh"
need python3

counter_raw "$T/inA.raw" 260000
counter_raw "$T/inB.raw" 160000 1000000
config_write "$CFG" "latency = 0"
P="$T/song"
file_devices "$T/inA.raw" "$T/out1.raw"
run_to r1 reel_file "$P" -c 'track-add v in=1; pan v -1; arm v;
    monitor v off; record 4; xfade 0; move v 1 2'
[ "$RC" -eq 0 ] || { cat "$T/r1.err"; fail "take 1 and move: exit $RC"; }
file_devices "$T/inB.raw" "$T/out2.raw"
run_to r2 reel_file "$P" -c 'preroll 0; punch 1 2;
    render mix.wav format=wav32f end=6'
[ "$RC" -eq 0 ] || { cat "$T/r2.err"; fail "punch: exit $RC"; }
ini="$P/project.ini"
got="$(ini_get "$ini" "track v" clips) $(ini_get "$ini" "clip v 2" position)"
got="$got $(ini_get "$ini" "clip v 2" length) $(ini_get "$ini" "clip v 2" offset)"
got="$got $(ini_get "$ini" "clip v 1" position)"
if [ "$got" = "2 48000 48000 48000 96000" ]; then
	ok "project.ini: 2 clips; the punch's at 48000, 48000 long, offset" \
	    "48000, on top of the moved one at 96000"
else
	soft_fail "clips: '$got'"
fi
py "$P/renders/mix.wav" <<'PYEOF'
import sys
from reellib import *
_, _, (l, _) = read_wav(sys.argv[1])
cnt = lambda f: (f + 1) / 8388608.0
def comp(s):                    # the comp at recording time s
    return cnt(1000000 + s - 48000) if 48000 <= s < 96000 else cnt(s)
want = [0.0] * 48000 + [cnt(1000000 + t - 48000) for t in range(48000, 96000)]
want += [comp(t - 96000) for t in range(96000, 288000)]
if not check(l == want, 'render = silence, B over 1..2 s, then the comp '
             '(A, B over 1..2 s, A) from 2 s: %d frames bit-exact' % len(want)):
    print('      got: ' + fmt_spans(spans(l)))
done()
PYEOF
[ $? -eq 0 ] || soft_fail "the render of the clips"
done_test
