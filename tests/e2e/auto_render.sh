#!/bin/sh
# Automation through render, against curves python computes: a gain
# ramp -20 dB -> 0 dB over 1 s (linear in dB) lands on the expected gain
# at chosen samples and a step point switches on its frame; a pan ramp
# follows the constant-power law at the automated position; a pre-fader
# send's level ramps in dB; an EQ band's gain stepped to +12 dB changes
# the level of a tone at the band's frequency by 12 dB from that frame
# on (after the processor's smoothing).  Bad PARAMs and VALUEs get one
# line; the lanes are saved as [auto STRIP PARAM] and a reopened project
# renders the same samples and writes the same project.ini.
. "$(dirname "$0")/../lib/common.sh"
need sox

RATE=48000
P="$T/song"
sox -n -r $RATE -c 1 -b 24 "$T/s.wav" synth 3 sine 1000 vol 0.5 \
    2>/dev/null
run_to setup "$REEL" --config "$CFG" "$P" -c "import $T/s.wav track=a;
    import $T/s.wav track=b; import $T/s.wav track=c;
    import $T/s.wav track=d;
    auto a gain 0.5 -20; auto a gain 1.5 0; auto a gain 110000f -6 curve=step;
    auto b pan 0.5 -1; auto b pan 1.5 1;
    bus-add fxb; send c fxb -30 pre; gain c -144;
    auto c send.fxb 0.5 -30; auto c send.fxb 1.5 0;
    fx-add d eq; fx-set d 1 b1.type=peak b1.freq=1000 b1.q=1 b1.gain=0;
    auto d 1.b1.gain 0 0; auto d 1.b1.gain 1.0 12 curve=step"
[ "$RC" -eq 0 ] || { cat "$T/setup.err"; fail "setup: exit $RC"; }

for x in a b c d; do
	run_to "r$x" "$REEL" --config "$CFG" "$P" -c "solo $x;
	    render $x.wav format=wav32f end=2.5; unsolo $x"
	[ "$RC" -eq 0 ] || { cat "$T/r$x.err"; fail "render $x: exit $RC"; }
done

py "$P/renders" "$T/s.wav" <<'EOF'
import math, sys
from reellib import *
d, src = sys.argv[1], sys.argv[2]
_, rate, (x,) = read_wav(src)
def ch(name):
    return read_wav(d + '/' + name + '.wav')[2]
C = math.cos(math.pi / 4)
def db(v):
    return 20 * math.log10(v)
def ramp(i, t0, v0, t1, v1):
    if i <= t0: return v0
    if i >= t1: return v1
    return v0 + (v1 - v0) * (i - t0) / (t1 - t0)
# Samples where the sine is well away from zero, over the whole range.
picks = [i for i in range(1000, 110000, 997) if abs(x[i]) > 0.3]
picks += [i for i in (109998, 109999, 110000, 110001) if abs(x[i]) > 0.05]

L, R = ch('a')
worst = 0
for i in picks:
    g = 10 ** (ramp(i, 24000, -20, 72000, 0) / 20) * C
    if i >= 110000: g = 10 ** (-6 / 20) * C
    worst = max(worst, abs(db(L[i] / x[i]) - db(g)), abs(db(R[i] / x[i]) - db(g)))
check(worst < 0.01, 'gain ramp -20 -> 0 dB over 1 s (linear in dB), step '
      'to -6 dB at frame 110000: worst error %.5f dB at %d samples'
      % (worst, len(picks)))
i = max(j for j in range(109980, 110000) if abs(x[j]) > 0.05)
k = min(j for j in range(110000, 110020) if abs(x[j]) > 0.05)
check(abs(db(L[i] / x[i]) - db(C)) < 0.001 and
      abs(db(L[k] / x[k]) - db(10 ** (-6 / 20) * C)) < 0.001,
      'the step lands on its frame: %d at %.3f dB, %d at %.3f dB'
      % (i, db(L[i] / x[i] / C), k, db(L[k] / x[k] / C)))

L, R = ch('b')
worst = 0
for i in picks:
    p = ramp(i, 24000, -1, 72000, 1)
    t = (p + 1) / 2
    gl, gr = math.cos(t * math.pi / 2), math.cos((1 - t) * math.pi / 2)
    worst = max(worst, abs(L[i] - gl * x[i]), abs(R[i] - gr * x[i]))
check(worst < 2e-4, 'pan ramp hard left -> hard right over 1 s '
      '(constant power): worst sample error %.2e' % worst)

L, R = ch('c')
worst = 0
for i in picks:
    g = 10 ** (ramp(i, 24000, -30, 72000, 0) / 20)
    worst = max(worst, abs(db(L[i] / x[i]) - db(g)), abs(db(R[i] / x[i]) - db(g)))
check(worst < 0.01, 'pre-fader send ramp -30 -> 0 dB (linear in dB), '
      'fader at -144: worst error %.5f dB' % worst)

L, R = ch('d')
def level(a, b):
    return db(math.sqrt(sum(v * v for v in L[a:b]) / (b - a)) /
              math.sqrt(sum(v * v for v in x[a:b]) / (b - a)) / C)
before, edge, after = level(24000, 47952), level(47000, 47952), \
    level(60000, 96000)
check(abs(before) < 0.05 and abs(edge) < 0.05 and abs(after - 12) < 0.1,
      'EQ band 1 kHz gain stepped 0 -> +12 dB at 1.0 s: %.3f dB before, '
      '%.3f dB just before the step, %.3f dB after' % (before, edge, after))
done()
EOF
[ $? -eq 0 ] || soft_fail "rendered curves differ from the expected ones"

grep -q '^\[auto a gain\]$' "$P/project.ini" &&
    grep -qx 'point = 110000 -6 step' "$P/project.ini" &&
    grep -q '^\[auto d 1.b1.gain\]$' "$P/project.ini" ||
    soft_fail "project.ini lacks the [auto] sections"

# Reopened: the same project.ini, the same samples.
cp "$P/project.ini" "$T/before.ini"
run_to again "$REEL" --config "$CFG" "$P" -c "save; solo a;
    render a2.wav format=wav32f end=2.5"
wav_data "$P/renders/a.wav" "$T/a.raw"
wav_data "$P/renders/a2.wav" "$T/a2.raw"
if cmp -s "$T/a.raw" "$T/a2.raw" && [ "$RC" -eq 0 ]; then
	ok "reopened project renders identical samples"
else
	soft_fail "reopened project renders differently"
fi
sed '/^solo = /d' "$P/project.ini" > "$T/x1"
sed '/^solo = /d' "$T/before.ini" > "$T/x2"
cmp -s "$T/x1" "$T/x2" && ok "project.ini round-trips byte for byte" ||
    soft_fail "project.ini changed on reopen: $(diff "$T/x2" "$T/x1")"

# Errors: one line naming the argument and what was expected.
run_to e1 "$REEL" --config "$CFG" "$P" -c "auto a volume 1 0"
run_to e2 "$REEL" --config "$CFG" "$P" -c "auto a gain 1 40"
run_to e3 "$REEL" --config "$CFG" "$P" -c "auto d 1.b9.gain 1 0"
run_to e4 "$REEL" --config "$CFG" "$P" -c "auto-mode a gain loud"
grep -q "PARAM: expected gain, pan, mute, send.BUS or SLOT.PARAM" \
    "$T/e1.err" && grep -q "VALUE: expected dB from -144 to 24" \
    "$T/e2.err" && grep -q "eq has no parameter 'b9.gain'" "$T/e3.err" &&
    grep -q "MODE: expected off, read, write or touch" "$T/e4.err" &&
    ok "bad PARAM, VALUE and MODE refused with one line each" ||
    soft_fail "error lines: $(cat "$T"/e?.err)"
done_test
