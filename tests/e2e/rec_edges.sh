#!/bin/sh
# The edges of a punch (issue 4), with latency 0 so that the punch take's
# file ends exactly at the punch-out:
#   - auto monitoring in the pre-roll: the armed track's old take is heard
#     alone until the punch-in, the input only from there on;
#   - a comp crossfade is fitted to the audio both takes have: at the
#     punch-out the punch take has no audio after the boundary, so the
#     crossfade there shrinks to a hard cut (no dip); at the punch-in both
#     takes have audio and the full 10 ms crossfade is kept.
# Captures are counters (counter_raw): every sample names its source frame.
. "$(dirname "$0")/../lib/common.sh"
need python3

counter_raw "$T/inA.raw" 260000
counter_raw "$T/inB.raw" 160000 1000000
config_write "$CFG" "latency = 0"
p="$T/p"
file_devices "$T/inA.raw" "$T/out1.raw"
run_to rec reel_file "$p" -c 'track-add v in=1; pan v -1; arm v;
    monitor v off; record 4'
[ "$RC" -eq 0 ] || fail "recording take 1: exit $RC: $(cat "$T/rec.err")"
file_devices "$T/inB.raw" "$T/out2.raw"
run_to punch reel_file "$p" -c 'monitor v auto; preroll 1; punch 1.5 2.5;
    render after.wav format=wav32f start=0 end=4'
[ "$RC" -eq 0 ] || fail "punch: exit $RC: $(cat "$T/punch.err")"

py "$T/out2.raw" "$p/renders/after.wav" <<'PYEOF'
from reellib import *
out, wav = sys.argv[1], sys.argv[2]
B = 768                 # the file device's prefill
left = read_raw(out)[0]
# Pre-roll: the pass rolls from 0.5 s (24000); the punch-in is at 72000.
pre = [frame_of(x) for x in left[B:B + 48000]]
check(all(f == 24000 + i for i, f in enumerate(pre)),
      'pre-roll 0.5..1.5 s: the output is take 1 alone (frames 24000..71999)'
      ' under auto monitoring, no input mixed in')
inside = [frame_of(x) for x in left[B + 48000:B + 96000]]
# Inside the punch: take 1 is cut out, the input (capture B) is heard.
check(all(f is not None and f >= 1000000 for f in inside),
      'inside the punch: the input is heard (capture B), take 1 is not')
ch, rate, (l, r) = read_wav(wav)
x = [frame_of(v) for v in l]
# Punch-out at 120000: punch take covers timeline 24000..119999 only.
check(x[119999] == 1000000 + 96000 - 1 and x[120000] == 120000,
      'punch-out: hard cut at 120000 (punch take to 119999, take 1 from '
      '120000): %r %r' % (x[119999], x[120000]))
check(all(v is not None for v in x[119000:121000]),
      'no frame around the punch-out is a blend or a dip')
# Punch-in at 72000: a 480-frame equal-power crossfade over [71760, 72240).
# A blend can land on a counter value by chance: most must not.
blend = [v is None for v in x[71760:72240]]
check(sum(blend) >= 400 and x[71759] == 71759 and
      x[72240] == 1000000 + 72240 - 24000,
      'punch-in: the full 10 ms crossfade over 71760..72239 (%d blended)' %
      sum(blend))
done()
PYEOF
[ $? -eq 0 ] || fail "checks above"
done_test
