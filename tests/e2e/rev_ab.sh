#!/bin/sh
# A/B between two mix versions through the ALSA file device (FLOAT_LE):
# `ab 1 2; ab-toggle at=1.0; play` plays v1 up to 1.0 s and v2 after it,
# with a 20 ms equal-gain fade.  Against the two versions rendered on
# their own (render format=wav32f after version-load), each played frame
# must be (1 - w) * v1 + w * v2 with w rising by 1/960 a frame from the
# switch frame on (0 before, 1 after 960 frames), within float rounding:
# no gap, no click, nothing beyond the mixes' own difference.  The way
# back (B -> A at 1.5 s) too.  The two mixes differ in gain, a send into
# a reverb bus, an EQ band and the master limiter, so the second pool
# (B's own processor instances) is exercised: sharing the reverb's
# instance between the sides would double its input.  match=on levels
# the louder mix to the quieter one's RMS (computed here from the renders).
. "$(dirname "$0")/../lib/common.sh"
need sox python3

RATE=48000
B=768
P="$T/song"
sox -n -r $RATE -c 1 -b 24 "$T/a.wav" synth 2.5 pluck 220 vol 0.7 \
    2>/dev/null
sox -n -r $RATE -c 2 -b 24 "$T/b.wav" synth 2.5 pinknoise vol 0.4 \
    2>/dev/null
head -c $((RATE * 8 * 3)) /dev/zero > "$T/in.raw"
run_to setup "$REEL" --config "$CFG" "$P" -c "import $T/a.wav track=vox;
    import $T/b.wav track=snare; bus-add verb; fx-add verb reverb;
    send snare verb -12; fx-add vox eq;
    fx-set vox 1 b2.type=peak b2.freq=900 b2.gain=-4;
    fx-add master limit; fx-set master 1 ceiling=-1 lookahead=1;
    version-save one note='first mix';
    gain vox -3; send snare verb -3; fx-set vox 1 b2.gain=3;
    fx-set master 1 ceiling=-6; version-save two;
    version-load 1; render a.wav format=wav32f;
    version-load 2; render b.wav format=wav32f"
[ "$RC" -eq 0 ] || { cat "$T/setup.err"; fail "setup: exit $RC"; }
wav_data "$P/renders/a.wav" "$T/a.raw"
wav_data "$P/renders/b.wav" "$T/b.raw"

# switch NAME SCRIPT SWITCH_FRAME FROM_SIDE
switch() {
	file_devices "$T/in.raw" "$T/$1.raw"
	run_to "$1" "$REEL" --config "$CFG" --device reeltest \
	    --sample-format FLOAT_LE "$P" -c "$2"
	[ "$RC" -eq 0 ] || { cat "$T/$1.err"; soft_fail "$1: exit $RC"
		return; }
	py "$T/$1.raw" "$T/a.raw" "$T/b.raw" $B "$3" "$4" "$1" <<'PYEOF'
import array, sys
out, a, b = (array.array('f', open(f, 'rb').read()) for f in sys.argv[1:4])
pre, t0, frm, name = int(sys.argv[4]), int(sys.argv[5]), sys.argv[6], \
    sys.argv[7]
R = 960
out = out[2 * pre:2 * pre + len(a)]
if len(out) != len(a) or len(a) != len(b):
    print('FAIL  %s: %d played samples, renders %d and %d' %
          (name, len(out), len(a), len(b)))
    sys.exit(1)
src, dst = (a, b) if frm == 'a' else (b, a)
worst = between = 0.0
fade_dev = 0.0
for i in range(len(out)):
    t = i // 2
    w = 0.0 if t < t0 else min(1.0, (t - t0 + 1) / R)
    e = (1 - w) * src[i] + w * dst[i]
    worst = max(worst, abs(out[i] - e))
    lo, hi = min(a[i], b[i]), max(a[i], b[i])
    between = max(between, lo - out[i], out[i] - hi)
    if t0 <= t < t0 + R:
        fade_dev = max(fade_dev, abs(out[i] - src[i]), abs(out[i] - dst[i]))
diff = max(abs(a[i] - b[i]) for i in range(2 * t0 - 2 * R, 2 * t0 + 2 * R))
step = max(abs(out[i] - out[i - 2]) for i in range(2 * t0 - 20, 2 * t0 + 2 * R))
own = max(max(abs(src[i] - src[i - 2]), abs(dst[i] - dst[i - 2]))
          for i in range(2 * t0 - 20, 2 * t0 + 2 * R))
ok = worst < 2e-6 and between < 2e-6 and fade_dev > 1e-3 and \
    step <= own + diff / R * 1.01 + 1e-6
print('%s  %s: largest error against the designed fade %.2g; outside '
      'the two mixes by %.2g; during the fade %.3f from either mix '
      '(mixes differ by up to %.3f there); largest step %.4f, the mixes '
      'own %.4f' % ('ok   ' if ok else 'FAIL', name, worst, between,
                    fade_dev, diff, step, own))
sys.exit(0 if ok else 1)
PYEOF
	[ $? -eq 0 ] || soft_fail "$1: the switch is not the designed fade"
}
switch atob "ab 1 2; ab-toggle at=1.0; play" 48000 a
switch btoa "ab 1 2; ab-toggle; ab-toggle at=1.5; play" 72000 b

# match=on: the louder mix is turned down to the quieter one's RMS; with
# the RMS of each render computed here, the output must be A's render
# times its gain before the switch and B's times its gain after it.
file_devices "$T/in.raw" "$T/match.raw"
run_to match "$REEL" --config "$CFG" --device reeltest \
    --sample-format FLOAT_LE "$P" -c "ab 1 2 match=on; ab-toggle at=1.0;
    play"
[ "$RC" -eq 0 ] || { cat "$T/match.err"; fail "match: exit $RC"; }
sed 's/^/      /' "$T/match.out"
py "$T/match.raw" "$T/a.raw" "$T/b.raw" $B "$(cat "$T/match.out")" <<'PYEOF'
import array, math, re, sys
out, a, b = (array.array('f', open(f, 'rb').read()) for f in sys.argv[1:4])
pre, said = int(sys.argv[4]), sys.argv[5]
out = out[2 * pre:2 * pre + len(a)]
ra = 10 * math.log10(sum(x * x for x in a) / len(a))
rb = 10 * math.log10(sum(x * x for x in b) / len(b))
ga = 10 ** ((rb - ra) / 20) if ra > rb else 1.0
gb = 10 ** ((ra - rb) / 20) if rb > ra else 1.0
m = re.search(r'A v1 RMS (-?[0-9.]+) dB, B v2 RMS (-?[0-9.]+) dB', said)
t0 = 48000 * 2
err = max(max(abs(out[i] - a[i] * ga) for i in range(t0)),
          max(abs(out[i] - b[i] * gb) for i in range(t0 + 2 * 960, len(b))))
ok = m is not None and abs(float(m.group(1)) - ra) < 0.06 and \
    abs(float(m.group(2)) - rb) < 0.06 and err < 2e-6 and min(ga, gb) < 0.99
print('%s  match=on: RMS A %.2f dB, B %.2f dB (computed here); played A at '
      '%.2f dB before the switch, B at %.2f dB after it, largest error %.2g'
      % ('ok   ' if ok else 'FAIL', ra, rb, 20 * math.log10(ga),
         20 * math.log10(gb), err))
sys.exit(0 if ok else 1)
PYEOF
[ $? -eq 0 ] || soft_fail "match=on: A not levelled to B"
done_test
