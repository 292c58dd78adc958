#!/bin/sh
# Clips (issue 10): a split by itself leaves the render sample-identical
# (also inside a comp crossfade); each fade shape and a clip gain match
# their formulas (max error < 1e-6 in a wav32f render, computed in Python
# from the take file); move, nudge (frames, beat, grid) and duplicate land
# on the expected frames; the clip commands refuse bad values and change
# nothing; a reopened project renders the same; a later clip wins where
# clips overlap and its fade-in crossfades with the one below.
. "$(dirname "$0")/../lib/common.sh"
need sox python3

# src.wav: 3 s of stereo, L 0.5 sin 440 Hz, R 0.25 sin 330 Hz, float.
py "$T/src.wav" "$T/burst.wav" <<'EOF'
import math, struct, sys
def wav(path, chans):
    n = len(chans[0]); ch = len(chans)
    data = b''.join(struct.pack('<' + 'f' * ch, *[c[i] for c in chans])
                    for i in range(n))
    hdr = struct.pack('<4sI4s4sIHHIIHH4sI', b'RIFF', 36 + len(data), b'WAVE',
                      b'fmt ', 16, 3, ch, 48000, 48000 * 4 * ch, 4 * ch, 32,
                      b'data', len(data))
    open(path, 'wb').write(hdr + data)
n = 3 * 48000
wav(sys.argv[1], [[0.5 * math.sin(2 * math.pi * 440 * i / 48000) for i in range(n)],
                  [0.25 * math.sin(2 * math.pi * 330 * i / 48000) for i in range(n)]])
# A burst that tells its frames apart: a ramp and a sine, 4800 frames.
m = 4800
wav(sys.argv[2], [[0.1 + 0.8 * i / m for i in range(m)],
                  [0.3 * math.sin(i * 0.01) for i in range(m)]])
EOF

# --- a split alone changes nothing, even inside a crossfade --------------
P="$T/split"
run_to s0 "$REEL" --config "$CFG" "$P" -c "import $T/src.wav track=s;
    import $T/src.wav track=s at=1; render r0.wav format=wav32f"
[ "$RC" -eq 0 ] || { cat "$T/s0.err"; fail "split: setup exit $RC"; }
run_to s1 "$REEL" --config "$CFG" "$P" -c "split s 1.002; split s 0.5;
    split s 3.5; render r1.wav format=wav32f"
[ "$RC" -eq 0 ] || { cat "$T/s1.err"; fail "split: exit $RC"; }
n=$(grep -c '^\[clip s ' "$P/project.ini")
wav_data "$P/renders/r0.wav" "$T/s0.raw"
wav_data "$P/renders/r1.wav" "$T/s1.raw"
if [ "$n" -eq 4 ] && rawcmp "$T/s0.raw" "$T/s1.raw" 8; then
	ok "split at 0.5 s, 1.002 s (inside the comp's 10 ms crossfade at" \
	    "1 s) and 3.5 s: 4 clips, render identical to the byte" \
	    "($(($(wc -c < "$T/s0.raw") / 8)) frames)"
else
	soft_fail "split: $n clips; the render changed"
fi

# --- fades and gain against their formulas --------------------------------
P="$T/fade"
run_to f0 "$REEL" --config "$CFG" "$P" -c "import $T/src.wav track=f;
    split f 1; split f 2;
    fade f 0.5 in 200 shape=linear; fade f 0.5 out 300 shape=linear;
    fade f 1.5 in 250 shape=equal-power; fade f 1.5 out 100;
    clip-gain f 1.5 -6;
    fade f 2.5 in 400 shape=s-curve; fade f 2.5 out 150 shape=s-curve;
    render fades.wav format=wav32f"
[ "$RC" -eq 0 ] || { cat "$T/f0.err"; fail "fades: exit $RC"; }
py "$P/project.ini" "$P/audio/f-1.wav" "$P/renders/fades.wav" <<'EOF'
import math, sys
from reellib import *
ini, take, out = sys.argv[1:4]
ch, rate, x = read_wav(take)
ch2, _, y = read_wav(out)
R = 48000
def shape(s, v):
    v = min(max(v, 0.0), 1.0)
    return {'linear': v, 'equal-power': math.sin(math.pi / 2 * v),
            's-curve': 0.5 - 0.5 * math.cos(math.pi * v)}[s]
# (start, end, gain dB, fade-in frames, shape, fade-out frames, shape)
clips = [(0, R, 0, 9600, 'linear', 14400, 'linear'),
         (R, 2 * R, -6, 12000, 'equal-power', 4800, 'equal-power'),
         (2 * R, 3 * R, 0, 19200, 's-curve', 7200, 's-curve')]
# The file says the same.
txt = open(ini).read()
for c in clips:
    check('position = %d\nlength = %d\noffset = %d\ngain = %.2f\n'
          'fade-in = %d %s\nfade-out = %d %s\n' % (c[0], c[1] - c[0], c[0],
          c[2], c[3], c[4], c[5], c[6]) in txt,
          'project.ini holds the clip at %d with its fades' % c[0])
worst = {}
for (a, b, db, fi, si, fo, so) in clips:
    g0 = 10 ** (db / 20.0)
    for t in range(a, b):
        g = g0
        if t < a + fi:
            g *= shape(si, (t - a) / fi)
        if t >= b - fo:
            g *= shape(so, (b - t) / fo)
        for c in range(2):
            d = abs(y[c][t] - g * x[c][t])
            key = (si if t < a + fi else so if t >= b - fo else 'flat')
            if d > worst.get(key, (0, 0))[0]:
                worst[key] = (d, t)
check(len(y[0]) == 3 * R, 'render is %d frames (expected %d)' %
      (len(y[0]), 3 * R))
for k in ('linear', 'equal-power', 's-curve', 'flat'):
    d, t = worst.get(k, (0, 0))
    check(d < 1e-6, '%s: max |render - formula| = %.3g (at frame %d; '
          'limit 1e-6)' % (k, d, t))
done()
EOF
[ $? -eq 0 ] || soft_fail "fades against their formulas"

# --- overlapping clips: the later wins, its fade-in crossfades ----------
P="$T/xfade"
run_to x0 "$REEL" --config "$CFG" "$P" -c "import $T/src.wav track=x;
    split x 1.5; move x 2 1; fade x 1.1 in 200 shape=linear;
    render xf.wav format=wav32f"
[ "$RC" -eq 0 ] || { cat "$T/x0.err"; fail "overlap: exit $RC"; }
# A = 0..1.5 s, B = the take's 1.5..3 s moved to 1..2.5 s on top, fading
# in over 1..1.2 s: A fades out under it (1 - x), is cut at 1.2 s.
py "$P/audio/x-1.wav" "$P/renders/xf.wav" <<'EOF2'
import sys
from reellib import *
_, _, x = read_wav(sys.argv[1])
_, _, y = read_wav(sys.argv[2])
want = [[0.0] * 120000 for c in range(2)]
for c in range(2):
    for t in range(120000):
        if t < 48000:
            want[c][t] = x[c][t]
        elif t < 57600:
            g = (t - 48000) / 9600.0
            want[c][t] = x[c][t] * (1 - g) + x[c][t + 24000] * g
        else:
            want[c][t] = x[c][t + 24000]
m = max(maxdiff(y[c], want[c])[0] for c in range(2))
check(len(y[0]) == 120000 and m < 1e-6, 'a later clip wins over the '
      'earlier; under its 200 ms linear fade-in the earlier fades out '
      '(1 - x): %d frames, max error %.3g' % (len(y[0]), m))
done()
EOF2
[ $? -eq 0 ] || soft_fail "overlapping clips"
# A clip may read a take's own file (source = take N, offset a frame of
# the file): the same audio as the comp there, so the same render.
sed -i '/^\[clip x 2\]/,/^$/ s/^source = comp$/source = take 1/' \
    "$P/project.ini"
run_to x1 "$REEL" --config "$CFG" "$P" -c "render xt.wav format=wav32f"
wav_data "$P/renders/xf.wav" "$T/xf.raw"
wav_data "$P/renders/xt.wav" "$T/xt.raw"
if [ "$RC" -eq 0 ] && grep -q '^source = take 1$' "$P/project.ini" &&
    rawcmp "$T/xf.raw" "$T/xt.raw" 8; then
	ok "a clip with source = take 1 renders as the comp clip did"
else
	cat "$T/x1.err"; soft_fail "source = take 1"
fi

# --- move, nudge, duplicate land on their frames --------------------------
P="$T/move"
run_to m0 "$REEL" --config "$CFG" "$P" -c "tempo 120;
    import $T/burst.wav track=m at=1;
    move m 1.05 4|1; nudge m 6.01 +beat; nudge m 6.51 +100;
    duplicate m 6.51 count=2; grid 1/8; nudge m 6.6021 +grid;
    nudge m 6.8 -480; render moved.wav format=wav32f"
[ "$RC" -eq 0 ] || { cat "$T/m0.err"; fail "move: exit $RC"; }
# 4|1 at 120 bpm in 4/4 is 6 s = 288000; +beat 312000; +100 312100;
# copies at 316900 and 321700; the first copy by an eighth from the
# line before it (312000 + 12000 = 324000): 328900; the second -480:
# 321220.
py "$P/audio/m-1.wav" "$P/renders/moved.wav" 312100 328900 321220 <<'EOF'
import sys
from reellib import *
_, _, x = read_wav(sys.argv[1])
_, _, y = read_wav(sys.argv[2])
at = [int(v) for v in sys.argv[3:]]
n = len(x[0])
want = [[0.0] * len(y[0]) for c in range(2)]
for a in at:
    for c in range(2):
        for i in range(n):
            want[c][a + i] += x[c][i]
m = max(maxdiff(y[c], want[c])[0] for c in range(2))
nz = [i for i in range(len(y[0])) if y[0][i] != 0.0]
runs = [nz[0]] + [nz[i] for i in range(1, len(nz)) if nz[i] != nz[i - 1] + 1]
check(len(y[0]) == max(at) + n and m < 1e-6,
      'clips start at frames %s (rendered runs from %s), %d frames long; '
      'render - placed burst %.3g' % (at, sorted(runs), n, m))
done()
EOF
[ $? -eq 0 ] || soft_fail "move, nudge and duplicate"

# --- refusals change nothing ----------------------------------------------
# refuse DESCRIPTION COMMAND EXPECTED-TEXT
refuse() {
	cp "$P/project.ini" "$T/before.ini"
	run_to ref "$REEL" --config "$CFG" "$P" -c "$2"
	msg=$(head -n 1 "$T/ref.err")
	if [ "$RC" -eq 1 ] && cmp -s "$T/before.ini" "$P/project.ini" &&
	    printf '%s' "$msg" | grep -q -- "$3"; then
		ok "$1: '$msg', nothing changed"
	else
		soft_fail "$1: exit $RC, '$msg'"
	fi
}
refuse "no clip there" "split m 20" "no clip at"
Q=$P; P="$T/fade"
refuse "split on an edge" "split f 1" "on the clip's edge"
P=$Q
refuse "fade longer than the clip" "fade m 6.51 in 500" "does not fit"
refuse "unknown shape" "fade m 6.51 in 5 shape=cubic" "shape: expected"
refuse "trim past the other edge" "trim m 6.51 start 7" "must stay before"
refuse "move before 0:00" "nudge m 6.51 -400000" "before 0:00"
refuse "duplicate count" "duplicate m 6.51 count=0" "count: expected"
refuse "grid" "grid 1/5" "DIVISION: expected"
refuse "clip gain" "clip-gain m 6.51 30" "DB: expected"

# --- reopened, the same samples --------------------------------------------
run_to m1 "$REEL" --config "$CFG" "$P" -c "render again.wav format=wav32f"
wav_data "$P/renders/moved.wav" "$T/m0.raw"
wav_data "$P/renders/again.wav" "$T/m1.raw"
check "reopened project renders the same samples" \
    rawcmp "$T/m0.raw" "$T/m1.raw" 8
done_test
