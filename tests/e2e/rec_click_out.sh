#!/bin/sh
# The click has its own output routing (issue 4): `click-out 3` sends it to
# device outputs 3 and 4 alone, for the players' headphones, and keeps it
# out of the mix on outputs 1 and 2; `click-out main` puts it back in the
# mix.  Through the ALSA file device, which opens as many outputs as asked.
. "$(dirname "$0")/../lib/common.sh"
need python3

counter_raw "$T/in.raw" 200000
config_write "$CFG" "latency = 0"
p="$T/p"
file_devices "$T/in.raw" "$T/out4.raw"
run_to a reel_file "$p" -c 'tempo 120; click on; click-out 3; play 2'
[ "$RC" -eq 0 ] || fail "play with click-out 3: exit $RC: $(cat "$T/a.err")"
grep -q '^click-out = 3$' "$p/project.ini" || fail "project.ini lacks click-out"
file_devices "$T/in.raw" "$T/out2.raw"
run_to b reel_file "$p" -c 'click-out main; play 2'
[ "$RC" -eq 0 ] || fail "play with click-out main: exit $RC: $(cat "$T/b.err")"

py "$T/out4.raw" "$T/out2.raw" <<'PYEOF'
from reellib import *
four = read_raw(sys.argv[1], ch=4)
two = read_raw(sys.argv[2], ch=2)
B = 768                 # the file device's prefill
def onsets(x):
    on, last = [], -10**9
    for i, v in enumerate(x):
        if abs(v) > 1e-3:
            if i - last > 4800:
                on.append(i - B)
            last = i
    return on
want = [k * 24000 for k in range(4)]
check(onsets(four[2]) == want and onsets(four[3]) == want,
      'click-out 3: clicks on outputs 3 and 4 at %r' % onsets(four[2]))
check(max(abs(v) for v in four[0] + four[1]) == 0.0,
      'click-out 3: outputs 1 and 2 (the mix) carry no click')
check(onsets(two[0]) == want and onsets(two[1]) == want,
      'click-out main: the click is in the mix on 1 and 2 at %r' %
      onsets(two[0]))
done()
PYEOF
[ $? -eq 0 ] || fail "checks above"
done_test
