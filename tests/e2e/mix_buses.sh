#!/bin/sh
# Buses, sends and routes through render, against Python: a post-fader
# send and a pre-fader send into an aux bus with a utility gain give
# dry + send level x bus gain, sample for sample; a group bus with a
# compressor turns a steady sine down by the static curve's figure;
# solo in place keeps the aux return of a soloed track; loops and the
# removal of a bus in use are refused by name; project.ini reads back
# to the same file and the same samples, and undo restores it.
. "$(dirname "$0")/../lib/common.sh"
need sox python3

RATE=48000
P="$T/song"
sox -n -r $RATE -c 1 -b 24 "$T/a.wav" synth 1 sine 440 vol 0.5 2>/dev/null
sox -n -r $RATE -c 1 -b 24 "$T/b.wav" synth 1 whitenoise vol 0.3 \
    2>/dev/null
sox -n -r $RATE -c 1 -b 24 "$T/c.wav" synth 1 sine 1000 vol 0.5 \
    2>/dev/null
run_to setup "$REEL" --config "$CFG" "$P" -c "import $T/a.wav track=a;
    import $T/b.wav track=b; import $T/c.wav track=c; mute c;
    bus-add verb; fx-add verb utility; fx-set verb 1 gain=-6;
    send a verb -10; send b verb -4 pre; gain b -20; pan a 0.4;
    render sends.wav format=wav32f"
[ "$RC" -eq 0 ] || { cat "$T/setup.err"; fail "setup: exit $RC"; }

# mix NAME A_ON B_ON: the expected render of a and b through verb.
py "$P/renders/sends.wav" "$T/a.wav" "$T/b.wav" <<'EOF'
import math, sys, reellib
ch, rate, r = reellib.read_wav(sys.argv[1])
xa = reellib.read_wav(sys.argv[2])[2][0]
xb = reellib.read_wav(sys.argv[3])[2][0]
def pan(p):
    t = (p + 1) / 2
    return math.cos(t * math.pi / 2), math.cos((1 - t) * math.pi / 2)
db = lambda d: 10 ** (d / 20)
(pl, pr), (cl, cr) = pan(0.4), pan(0)
u, sa, sb, gb = db(-6), db(-10), db(-4), db(-20)
worst = 0
for i in range(len(xa)):
    for c, (p, q) in enumerate(((pl, cl), (pr, cr))):
        want = xa[i] * p * (1 + sa * u) + xb[i] * gb * q + xb[i] * sb * u
        worst = max(worst, abs(r[c][i] - want))
reellib.check(len(r[0]) == len(xa), 'render is %d frames (want %d)'
    % (len(r[0]), len(xa)))
reellib.check(worst < 2e-6, 'a post-fader send (-10 dB, panned 0.4) and '
    'a pre-fader send (-4 dB, fader -20 dB) into a bus with a -6 dB '
    'utility: mix = dry + send x bus gain, worst error %.2g' % worst)
reellib.done()
EOF
[ $? -eq 0 ] || soft_fail "sends against python"

# Solo a: its send's return stays, b (and b's pre send) falls silent.
run_to solo "$REEL" --config "$CFG" "$P" -c "solo a;
    render solo.wav format=wav32f; unsolo a"
[ "$RC" -eq 0 ] || { cat "$T/solo.err"; fail "solo: exit $RC"; }
py "$P/renders/solo.wav" "$T/a.wav" <<'EOF'
import math, sys, reellib
r = reellib.read_wav(sys.argv[1])[2]
xa = reellib.read_wav(sys.argv[2])[2][0]
t = 1.4 / 2
pl, pr = math.cos(t * math.pi / 2), math.cos((1 - t) * math.pi / 2)
k = 1 + 10 ** (-10 / 20) * 10 ** (-6 / 20)
worst = max(max(abs(r[0][i] - xa[i] * pl * k), abs(r[1][i] - xa[i] * pr * k))
    for i in range(len(xa)))
reellib.check(worst < 2e-6, 'solo a: a dry + its verb return, b silent '
    '(worst error %.2g)' % worst)
reellib.done()
EOF
[ $? -eq 0 ] || soft_fail "solo in place against python"

# A group bus with a compressor: c alone (solo), a steady sine.
run_to grp "$REEL" --config "$CFG" "$P" -c "unmute c; bus-add grp;
    route c grp; fx-add grp comp;
    fx-set grp 1 threshold=-20 ratio=4 attack=5 release=50;
    solo c; render grp.wav format=wav32f; unsolo c"
[ "$RC" -eq 0 ] || { cat "$T/grp.err"; fail "group: exit $RC"; }
py "$P/renders/grp.wav" "$T/c.wav" <<'EOF'
import math, sys, reellib
r = reellib.read_wav(sys.argv[1])[2]
x = reellib.read_wav(sys.argv[2])[2][0]
n = len(x)
tail = range(n - 4800, n)
g = math.cos(math.pi / 4)
pin = max(abs(x[i]) * g for i in tail)
pout = max(abs(r[0][i]) for i in tail)
det = 20 * math.log10(pin)
want = -20 + (det + 20) / 4 - det
got = 20 * math.log10(pout / pin)
reellib.check(abs(got - want) < 0.2, 'group bus, comp 4:1 at -20 dBFS, '
    'sine in at %.2f dBFS: gain %.3f dB, static curve %.3f dB'
    % (det, got, want))
reellib.done()
EOF
[ $? -eq 0 ] || soft_fail "group compressor against python"

# Loops are refused, naming them; nothing changes.
run_to route "$REEL" --config "$CFG" "$P" -c "route grp verb"
[ "$RC" -eq 0 ] || { cat "$T/route.err"; fail "route grp verb: exit $RC"; }
cp "$P/project.ini" "$T/before.ini"
run_to loop1 "$REEL" --config "$CFG" "$P" -c "route verb grp"
if [ "$RC" -ne 0 ] &&
    grep -qx "reel: route: verb -> grp -> verb would loop" "$T/loop1.err"
then
	ok "loop refused: $(cat "$T/loop1.err")"
else
	soft_fail "route loop: exit $RC, '$(cat "$T/loop1.err")'"
fi
run_to loop2 "$REEL" --config "$CFG" "$P" -c "send verb grp -6"
grep -qx "reel: send: verb -> grp -> verb would loop" "$T/loop2.err" ||
    soft_fail "send loop: '$(cat "$T/loop2.err")'"
run_to loop3 "$REEL" --config "$CFG" "$P" -c "send grp grp -6"
grep -qx "reel: send: grp -> grp would loop" "$T/loop3.err" ||
    soft_fail "send to itself: '$(cat "$T/loop3.err")'"
run_to rm "$REEL" --config "$CFG" "$P" -c "bus-remove verb"
if [ "$RC" -ne 0 ] && grep -q "verb is fed by a (send), b (send), grp (route)" \
    "$T/rm.err"; then
	ok "bus-remove of a bus in use refused: $(cat "$T/rm.err")"
else
	soft_fail "bus-remove verb: exit $RC, '$(cat "$T/rm.err")'"
fi
run_to undo "$REEL" --config "$CFG" "$P" -c "route grp master; undo"
if cmp -s "$T/before.ini" "$P/project.ini"; then
	ok "refused commands changed nothing; undo restores project.ini"
else
	soft_fail "project.ini changed"; diff "$T/before.ini" "$P/project.ini"
fi

# Round trip: everything read back and written again is the same file,
# and renders the same samples.
run_to rt1 "$REEL" --config "$CFG" "$P" -c "send c verb -7.25 pre;
    pan verb -0.3; gain grp -1.5; render rt1.wav format=wav32f"
cp "$P/project.ini" "$T/rt.ini"
run_to rt2 "$REEL" --config "$CFG" "$P" -c "save; render rt2.wav format=wav32f;
    info"
wav_data "$P/renders/rt1.wav" "$T/rt1.raw"
wav_data "$P/renders/rt2.wav" "$T/rt2.raw"
if cmp -s "$T/rt.ini" "$P/project.ini" && cmp -s "$T/rt1.raw" "$T/rt2.raw"
then
	ok "project.ini with buses, sends and routes reads back to the same" \
	    "file and renders identical samples"
else
	soft_fail "round trip differs"
fi
grep -q '^send.verb = -7.25 pre$' "$P/project.ini" &&
    grep -q '^\[bus grp\]$' "$P/project.ini" &&
    grep -q '^route = grp$' "$P/project.ini" ||
    soft_fail "project.ini lacks the bus, send or route lines"
grep -q '^send     c -> verb -7.25 dB pre$' "$T/rt2.out" &&
    grep -q '^route    c -> grp$' "$T/rt2.out" &&
    grep -q '^  grp  *-1.5dB' "$T/rt2.out" ||
    soft_fail "info lacks buses, routes or sends: $(cat "$T/rt2.out")"
done_test
