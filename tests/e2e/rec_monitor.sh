#!/bin/sh
# Input monitoring (issue 4), through the file device (latency = 0, the
# playback file starts with the 768-frame prefill, so output frame 768 + r
# is what the mixer made of input frame r).  An armed mono track panned
# hard left, the capture a counter (A: from frame 0, B: from 1000000):
#   monitor on:   `play 1` outputs the input, frame for frame
#   monitor off:  `play 1` outputs nothing; `record 1` neither
#   monitor auto: `play 1` outputs nothing (no take yet); `record 1`
#                 outputs the input; then `play 1` (capture B) outputs the
#                 take (capture A), not the input
# and `monitor` shows the software monitoring latency once the device is
# open ((768 + 256) / 48000 = 21.3 ms).
. "$(dirname "$0")/../lib/common.sh"
need python3

B=768
counter_raw "$T/inA.raw" 60000
counter_raw "$T/inB.raw" 60000 1000000
config_write "$CFG" "latency = 0"

# pass NAME INFILE PROJECT COMMANDS: one reel run; its playback in
# $T/NAME.raw.
pass() {
	file_devices "$2" "$T/$1.raw"
	run_to "$1" reel_file "$T/$3" -c "$4"
	if [ "$RC" -ne 0 ]; then
		cat "$T/$1.err"
		soft_fail "$1: exit $RC"
	fi
}
pass on "$T/inA.raw" on 'track-add v in=1; pan v -1; arm v; monitor v on;
    play 1; monitor v on'
pass off-play "$T/inA.raw" off 'track-add v in=1; pan v -1; arm v;
    monitor v off; play 1'
pass off-rec "$T/inA.raw" off 'record 1'
pass auto-play "$T/inA.raw" auto 'track-add v in=1; pan v -1; arm v;
    monitor v auto; play 1'
pass auto-rec "$T/inA.raw" auto 'record 1'
pass auto-take "$T/inB.raw" auto 'play 1'

if grep -q 'software monitoring latency 21.3 ms' "$T/on.err"; then
	ok "monitor v on (device open): '$(grep 'monitoring latency' \
	    "$T/on.err")'"
else
	cat "$T/on.err"
	soft_fail "monitor v on does not show the monitoring latency"
fi

py "$T" "$B" <<'EOF' || T_SOFT=$((T_SOFT + 1))
import sys
from reellib import *
T, B = sys.argv[1], int(sys.argv[2])
cnt = lambda f: (f + 1) / 8388608.0
N = 48000
def out(name):
    l, r = read_raw('%s/%s.raw' % (T, name))
    return l, r
def is_input(name, base, what):
    l, r = out(name)
    good = l[:B] == [0.0] * B and l[B:B + N] == [cnt(base + i)
        for i in range(N)] and max(map(abs, r)) == 0.0
    if not check(good, '%s: playback frames %d..%d = %s frames %d..%d, '
                 'bit-exact (prefill silent, right silent)' %
                 (name, B, B + N - 1, what, base, base + N - 1)):
        print('      got: ' + fmt_spans(spans(l)))
def is_silent(name, why):
    l, r = out(name)
    check(len(l) >= B + N and max(map(abs, l + r)) == 0.0,
          '%s: %d frames of silence (%s)' % (name, len(l), why))
is_input('on', 0, 'input (capture A)')
is_silent('off-play', 'monitor off, nothing recorded')
is_silent('off-rec', 'monitor off while recording')
is_silent('auto-play', 'monitor auto, playing, no take')
is_input('auto-rec', 0, 'input (capture A) while recording')
is_input('auto-take', 0, 'the take while playing (not the input, now '
         'capture B from 1000000): capture A')
done()
EOF
done_test
