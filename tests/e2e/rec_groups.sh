#!/bin/sh
# Take groups (issue 4): a kit recorded on two tracks in one pass and
# comped together stays phase-aligned.  kick (in=1) and snare (in=2) record
# two passes together (captures A and B); snare also has a take of its own
# from an earlier pass, so its take numbers differ from kick's (pass 2 is
# kick 1 / snare 2, pass 3 kick 2 / snare 3).  After `group-add kit kick
# snare`, `comp kick 1 0 1` puts snare's take of the same pass (2) over
# 0..1 s too, and a render (kick hard left, snare hard right) has on both
# sides the same capture frames, the snare channel 100 frames behind the
# kick as in the capture, crossfades included (the equal-power model,
# computed here).  `take kick 1` follows the group too; a comp naming a
# take whose pass the group lacks is refused; after `ungroup snare` kick's
# comp edits leave snare alone.  With the file device's latency (768).
. "$(dirname "$0")/../lib/common.sh"
need python3

RATE=48000
L=768
D=100		# the snare input lags the kick input by D frames
counter_raw "$T/inA.raw" 100000 0 $D
counter_raw "$T/inB.raw" 100000 1000000 $D
counter_raw "$T/inC.raw" 100000 2000000 $D
say "captures A, B, C: counters from frames 0, 1000000, 2000000;" \
    "input 2 = input 1 $D frames later (+ 2^22)"
P="$T/p"
ini="$P/project.ini"

file_devices "$T/inC.raw" "$T/out.raw"
run_to c reel_file "$P" -c 'track-add kick in=1; track-add snare in=2;
    pan kick -1; pan snare 1; monitor kick off; monitor snare off;
    arm snare; record 2'
[ "$RC" -eq 0 ] || { cat "$T/c.err"; fail "snare alone: exit $RC"; }
file_devices "$T/inA.raw" "$T/out.raw"
run_to a reel_file "$P" -c 'arm kick; record 2'
[ "$RC" -eq 0 ] || { cat "$T/a.err"; fail "kit pass 1: exit $RC"; }
file_devices "$T/inB.raw" "$T/out.raw"
run_to b reel_file "$P" -c 'record 2'
[ "$RC" -eq 0 ] || { cat "$T/b.err"; fail "kit pass 2: exit $RC"; }
passes=""
for k in "kick 1" "kick 2" "snare 1" "snare 2" "snare 3"; do
	passes="$passes $(echo "$k" | tr ' ' '/')"
	passes="$passes:$(ini_get "$ini" "take $k" pass)"
done
if [ "$passes" = " kick/1:2 kick/2:3 snare/1:1 snare/2:2 snare/3:3" ]; then
	ok "takes and their passes (track/take:pass):$passes"
else
	soft_fail "takes and passes:$passes"
fi

run_to g reel_file "$P" -c 'disarm kick; disarm snare;
    group-add kit kick snare; comp kick 1 0 1;
    render g.wav format=wav32f start=0 end=2'
[ "$RC" -eq 0 ] || { cat "$T/g.err"; fail "group comp: exit $RC"; }
comps() {
	for _i in 1 2 3; do
		ini_get "$ini" "track $1" comp-$_i
	done | tr '\n' ','
}
got="group=$(ini_get "$ini" "track kick" group)/"
got="$got$(ini_get "$ini" "track snare" group) kick:$(comps kick)"
got="$got snare:$(comps snare)"
want="group=kit/kit kick:0 48000 1 480,48000 96000 2 480,"
want="$want snare:0 48000 2 480,48000 96000 3 480,"
if [ "$got" = "$want" ]; then
	ok "comp kick 1 0 1 on the group: $got"
else
	soft_fail "group comp: '$got'; expected '$want'"
fi

py "$P/renders/g.wav" "$L" "$D" <<'EOF' || T_SOFT=$((T_SOFT + 1))
import sys
from reellib import *
path, L, D = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
_, _, (kick, snare) = read_wav(path)
cnt = lambda f: (f + 1) / 8388608.0
A, Bc = 0, 1000000
def src(base, right):
    off = (1 << 22) - D if right else 0
    return lambda t: cnt(base + t + L + off)
N = 96000
for name, x, right in (('kick', kick, False), ('snare', snare, True)):
    want = comp_model(N, [(0, 48000, src(A, right), 0),
                          (48000, 96000, src(Bc, right), 480)])
    m, at, n = maxdiff(x, want)
    check(len(x) == N and m < 1e-6,
          '%s: %d frames = pass 1 (capture A) over 0..1 s, pass 2 (B) over '
          '1..2 s, 480-frame equal-power crossfade at 1 s; max error %.3g'
          % (name, len(x), m))
# Phase: outside the crossfade both sides are counters; the snare side
# must name the frame the kick side names, minus D, plus 2^22.
outside = [t for t in range(N) if not 47760 <= t < 48240]
offs = set(frame_of(snare[t]) - frame_of(kick[t]) for t in outside)
sp = lambda x: fmt_spans(spans(x[:47760]) + spans(x[48240:], 48240))
check(offs == {(1 << 22) - D},
      'snare frame - kick frame = 2^22 - %d at all %d frames outside the '
      'crossfade: the %d-frame input offset, nothing more' %
      (D, len(outside), D))
print('      kick: %s\n      snare: %s' % (sp(kick), sp(snare)))
done()
EOF

# take on one member sets the group; a take from a pass the group lacks
# is refused with nothing changed.
cp "$ini" "$T/before.ini"
run_to bad reel_file "$P" -c 'comp snare 1 0 1'
if [ "$RC" -eq 1 ] && cmp -s "$ini" "$T/before.ini" &&
    grep -q 'kick.*no take from the pass' "$T/bad.err"; then
	ok "comp snare 1 (snare's own pass): refused, exit 1," \
	    "project.ini unchanged: $(cat "$T/bad.err")"
else
	cat "$T/bad.err"
	soft_fail "comp snare 1 on the group: exit $RC"
fi
run_to take reel_file "$P" -c 'take kick 1'
got="kick:$(comps kick) snare:$(comps snare)"
want="kick:0 96000 1 480, snare:0 96000 2 480,"
if [ "$RC" -eq 0 ] && [ "$got" = "$want" ]; then
	ok "take kick 1 on the group: $got"
else
	soft_fail "take kick 1: exit $RC, '$got'; expected '$want'"
fi
run_to ungroup reel_file "$P" -c 'ungroup snare; comp kick 2 0.5 1'
got="kick:$(comps kick) snare:$(comps snare)"
want="kick:0 24000 1 480,24000 48000 2 480,48000 96000 1 480,"
want="$want snare:0 96000 2 480,"
if [ "$RC" -eq 0 ] && [ "$got" = "$want" ] &&
    [ -z "$(ini_get "$ini" "track snare" group)" ]; then
	ok "after ungroup snare, comp kick 2 0.5 1 leaves snare: $got"
else
	soft_fail "ungroup: exit $RC, '$got'; expected '$want'"
fi
done_test
