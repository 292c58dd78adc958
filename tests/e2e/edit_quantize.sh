#!/bin/sh
# quantize (issue 14, timing correction), against clicks made here at
# known frames and measured here (a threshold detector in Python, not
# reel's): ten clicks 20 ms after the beats of 120 BPM land within +-3 ms
# of the beat after grid=1/8 strength=100 and within +-3 ms of half-way
# (10 ms late) after strength=50, heard through render; the clicks keep
# their shape (peak and energy); undo gives back project.ini byte for
# byte; reprocess with another strength writes another file; preview
# plays the quantized clip through the device and changes nothing; a
# take group (the second track the first one 37 frames later at 0.6,
# with noise of its own, and split in three clips where the first is
# not) is quantized from one detection: every click of
# both tracks moves by the same frames, so the second still lags by
# exactly 37 frames at each click (it would land on the beat itself if
# each track were detected alone); with ref=b the detection is b's (b on
# the beat, a 37 frames early); strength=0 leaves every sample as it was;
# grid=1/8t moves clicks 20 ms late onto the triplet lines of the tempo.
. "$(dirname "$0")/../lib/common.sh"
need python3

py "$T/click.wav" "$T/a.wav" "$T/b.wav" "$T/alt.wav" "$T/trip.wav" <<'EOF'
import math, random, struct, sys
def wav(path, x):
    d = struct.pack('<%df' % len(x), *x)
    open(path, 'wb').write(struct.pack('<4sI4s4sIHHIIHH4sI', b'RIFF',
        36 + len(d), b'WAVE', b'fmt ', 16, 3, 1, 48000, 48000 * 4,
        4, 32, b'data', len(d)) + d)
sr = 48000
def clicks(seed, late, delay=0, gain=1.0, beat=0.5):
    random.seed(seed)
    x = [random.gauss(0, 1e-4) for i in range(int(5.2 * sr))]
    # Beats of 120 BPM at k * 0.5 s; each click starts at full level
    # (cosine) and has died away (e^-13) 40 ms later.
    for k in range(1, 11):
        a = int(round((k * beat + late) * sr)) + delay
        for i in range(int(0.04 * sr)):
            x[a + i] += gain * 0.8 * math.exp(-i / (0.003 * sr)) * \
                math.cos(2 * math.pi * 2000 * i / sr)
    return x
wav(sys.argv[1], clicks(1, 0.020))
# Every second eighth-note triplet (1/3 s), 20 ms late.
wav(sys.argv[5], clicks(5, 0.020, beat=1 / 3))
# Every other click 15 ms early: the slices move apart and together.
x = clicks(4, 0.020)
y = clicks(4, -0.015)
wav(sys.argv[4], [x[i] if (i + 12000) // 24000 % 2 == 1 else y[i]
                  for i in range(len(x))])
wav(sys.argv[2], clicks(2, 0.020))
wav(sys.argv[3], clicks(3, 0.020, 37, 0.6))
EOF

# The detector of this test: for each beat k (1..10), the first frame
# after k * 0.5 s - 0.1 s (k * BEAT) whose level passes a third of the
# file's peak.
cat > "$T/det.py" <<'EOF'
def onsets(x, sr=48000, beat=0.5):
    thr = max(abs(v) for v in x) / 3
    r = []
    for k in range(1, 11):
        i = int((k * beat - 0.1) * sr)
        while i < len(x) and abs(x[i]) < thr:
            i += 1
        r.append(i)
    return r
EOF

# undo_same NAME DIR BEFORE: undo, then project.ini must be BEFORE.
undo_same() {
	run_to "$1" "$REEL" --config "$CFG" "$2" -c "undo"
	if [ "$RC" -eq 0 ] && cmp -s "$3" "$2/project.ini"; then
		ok "$1: undo gives back project.ini byte for byte"
	else
		cat "$T/$1.err"
		soft_fail "$1: undo: exit $RC; project.ini differs"
	fi
}

# near FILE WANT_MS WHAT: every click of FILE (a render) within 3 ms of
# beat + WANT_MS, and shaped as before.
near() {
	py "$1" "$T/click.wav" "$2" "$3" <<'EOF'
import os
from reellib import *
exec(open(os.environ['T'] + '/det.py').read())
sr = 48000
x = read_wav(sys.argv[1])[2][0]
src = read_wav(sys.argv[2])[2][0]
want = float(sys.argv[3]) / 1000
on = onsets(x)
err = [(o - (k + 1) * 0.5 * sr - want * sr) / sr * 1000
       for k, o in enumerate(on)]
check(max(abs(e) for e in err) <= 3.0,
      '%s: 10 clicks at beat + %.0f ms, off by %.2f .. %.2f ms'
      % (sys.argv[4], want * 1000, min(err), max(err)))
# The same click, whole: its energy over 40 ms against the source's.
s0 = onsets(src)
ratio = []
for a, b in zip(on, s0):
    ea = sum(v * v for v in x[a:a + 1920])
    eb = sum(v * v for v in src[b:b + 1920])
    ratio.append(ea / eb)
check(max(ratio) / min(ratio) < 1.02,
      '%s: every click keeps its energy within 1%% of the others '
      '(%.4f .. %.4f of the source)' % (sys.argv[4], min(ratio), max(ratio)))
done()
EOF
}
export T

P="$T/q"
run_to q0 "$REEL" --config "$CFG" "$P" -c "import $T/click.wav track=c"
[ "$RC" -eq 0 ] || { cat "$T/q0.err"; fail "setup: exit $RC"; }
run_to q1 "$REEL" --config "$CFG" "$P" -c "quantize c grid=1/8"
if [ "$RC" -ne 0 ] && grep -q "no tempo" "$T/q1.err"; then
	ok "quantize without a tempo is refused: $(cat "$T/q1.err")"
else
	soft_fail "quantize without a tempo: exit $RC"
fi
run_to q2 "$REEL" --config "$CFG" "$P" -c "tempo 120"
cp "$P/project.ini" "$T/q.before"
run_to q3 "$REEL" --config "$CFG" "$P" -c \
    "quantize c grid=1/5 strength=100"
if [ "$RC" -ne 0 ] && grep -q "grid: expected" "$T/q3.err" &&
    cmp -s "$T/q.before" "$P/project.ini"; then
	ok "quantize grid=1/5 is refused and changes nothing"
else
	soft_fail "quantize grid=1/5: exit $RC"
fi

# --- preview: nothing changes, the device plays the quantized clip --------
ls "$P/audio" > "$T/q.ls"
head -c $((48000 * 8 * 8)) /dev/zero > "$T/in.raw"
file_devices "$T/in.raw" "$T/pv.raw"
run_to q4 "$REEL" --config "$CFG" --device reeltest --sample-format FLOAT_LE \
    "$P" -c "preview quantize c 1 grid=1/8 strength=100"
if [ "$RC" -eq 0 ] && cmp -s "$T/q.before" "$P/project.ini" &&
    ls "$P/audio" | cmp -s - "$T/q.ls"; then
	ok "preview quantize: played, project.ini and audio/ unchanged"
else
	cat "$T/q4.err"
	soft_fail "preview quantize: exit $RC, or the project changed"
fi
py "$T/pv.raw" <<'EOF'
import array, os
from reellib import *
exec(open(os.environ['T'] + '/det.py').read())
a = array.array('f')
a.frombytes(open(sys.argv[1], 'rb').read())
x = list(a[0::2])
# The clip starts where its noise floor does (the device's latency
# before it is digital silence).
z = next(i for i, v in enumerate(x) if abs(v) > 1e-7)
x = x[z:]
err = [(o - (k + 1) * 24000) / 48.0 for k, o in enumerate(onsets(x))]
check(len(x) >= 249600 - 48 and max(abs(e) for e in err) <= 3.0,
      'preview: %d frames played from frame %d, clicks on the beat '
      '(%.2f .. %.2f ms)' % (len(x), z, min(err), max(err)))
done()
EOF
[ $? -eq 0 ] || soft_fail "preview: measurement"

# --- strength 100 and 50, undo, reprocess -------------------------------------
run_to q5 "$REEL" --config "$CFG" "$P" -c \
    "quantize c grid=1/8 strength=100; render $T/r100.wav format=wav32f"
[ "$RC" -eq 0 ] || { cat "$T/q5.err"; fail "quantize: exit $RC"; }
if grep -q "^source = file audio/c.quantize-1.wav" "$P/project.ini" &&
    grep -q "^op = quantize grid=1/8 strength=100 " "$P/project.ini" &&
    grep -q "^from = comp 0 249600$" "$P/project.ini"; then
	ok "quantize: the clip plays its new file, keeps its op and original"
else
	soft_fail "quantize: $(grep '^source\|^op\|^from' "$P/project.ini")"
fi
near "$T/r100.wav" 0 "strength=100" || soft_fail "strength=100"
cp "$P/project.ini" "$T/q.after100"
run_to q6 "$REEL" --config "$CFG" "$P" -c "undo"
if [ "$RC" -eq 0 ] && cmp -s "$T/q.before" "$P/project.ini" &&
    [ -f "$P/audio/c.quantize-1.wav" ]; then
	ok "quantize: undo gives back project.ini byte for byte (file stays)"
else
	soft_fail "quantize: undo: exit $RC, or project.ini differs"
fi
run_to q7 "$REEL" --config "$CFG" "$P" -c \
    "quantize c grid=1/8 strength=50; render $T/r50.wav format=wav32f"
[ "$RC" -eq 0 ] || { cat "$T/q7.err"; fail "quantize 50: exit $RC"; }
near "$T/r50.wav" 10 "strength=50" || soft_fail "strength=50"
run_to q8 "$REEL" --config "$CFG" "$P" -c \
    "reprocess c 1 strength=100; render $T/rr.wav format=wav32f"
if [ "$RC" -eq 0 ] &&
    grep -q "^source = file audio/c.quantize-3.wav" "$P/project.ini" &&
    grep -q "^op = quantize grid=1/8 strength=100 " "$P/project.ini" &&
    grep -q "^from = comp 0 249600$" "$P/project.ini"; then
	ok "reprocess strength=100: a new file, from the original source"
else
	cat "$T/q8.err"
	soft_fail "reprocess: $(grep '^source\|^op\|^from' "$P/project.ini")"
fi
near "$T/rr.wav" 0 "reprocess strength=100" || soft_fail "reprocess"

# --- slices moving apart: the gaps filled, no click heard twice -----------
P="$T/alt"
run_to m0 "$REEL" --config "$CFG" "$P" -c "tempo 120;
    import $T/alt.wav track=m; quantize m grid=1/8 strength=100 window=10;
    render $T/rw.wav format=wav32f; undo;
    quantize m grid=1/8 strength=100; render $T/ra.wav format=wav32f"
[ "$RC" -eq 0 ] || { cat "$T/m0.err"; fail "alternate: exit $RC"; }
py "$T/rw.wav" "$T/ra.wav" <<'EOF'
import math, os
from reellib import *
exec(open(os.environ['T'] + '/det.py').read())
sr = 48000
# Odd beats 20 ms late, even ones 15 ms early (the detector starts
# looking 100 ms before each beat).
late = [20 if k % 2 == 1 else -15 for k in range(1, 11)]
x = read_wav(sys.argv[1])[2][0]
err = [(o - (k + 1) * 24000) / 48.0 - late[k] for k, o in enumerate(onsets(x))]
check(max(abs(e) for e in err) <= 0.1,
      'window=10: clicks 15 and 20 ms off the beat stay where they are '
      '(%.2f .. %.2f ms)' % (min(err), max(err)))
x = read_wav(sys.argv[2])[2][0]
on = onsets(x)
err = [(o - (k + 1) * 24000) / 48.0 for k, o in enumerate(on)]
check(max(abs(e) for e in err) <= 3.0,
      'alternate: clicks 20 ms late and 15 ms early all on the beat '
      '(%.2f .. %.2f ms)' % (min(err), max(err)))
# Between the clicks only the noise floor (-80 dBFS, -3 dB pan): a
# filled gap that played the next click's attack would show here.
peak = max(max(abs(v) for v in x[o + 2400:o + 24000 - 96]) for o in on[:-1])
check(peak < 1e-3, 'alternate: between the clicks the peak is %.1f dBFS '
      '(the floor; no click twice)' % (20 * math.log10(peak)))
done()
EOF
[ $? -eq 0 ] || soft_fail "alternate: measurement"

# --- triplets: the lines of 1/8t on the tempo map ------------------------
P="$T/trip"
run_to r0 "$REEL" --config "$CFG" "$P" -c "tempo 120;
    import $T/trip.wav track=t; quantize t grid=1/8t strength=100;
    render $T/rt.wav format=wav32f"
[ "$RC" -eq 0 ] || { cat "$T/r0.err"; fail "triplets: exit $RC"; }
py "$T/rt.wav" <<'EOF'
import os
from reellib import *
exec(open(os.environ['T'] + '/det.py').read())
x = read_wav(sys.argv[1])[2][0]
err = [(o - (k + 1) * 16000) / 48.0 for k, o in enumerate(onsets(x,
       beat=1 / 3))]
check(max(abs(e) for e in err) <= 3.0,
      'grid=1/8t: clicks 20 ms after every second triplet eighth land on '
      'it (%.2f .. %.2f ms)' % (min(err), max(err)))
done()
EOF
[ $? -eq 0 ] || soft_fail "triplets: measurement"

# --- a take group: one detection, the same moves on every track -------------
P="$T/g"
# b is split in three where a is not (at 2.51 s, just before a click,
# and at 3.515 s, between a's click and b's): each of its clips gets the
# one plan.  a panned left and b right: a render holds each on a side.
run_to g0 "$REEL" --config "$CFG" "$P" -c "tempo 120;
    import $T/a.wav track=a; import $T/b.wav track=b; group-add kit a b;
    split b 2.51; split b 3.515; pan a -1; pan b 1"
[ "$RC" -eq 0 ] || { cat "$T/g0.err"; fail "group: setup exit $RC"; }
cp "$P/project.ini" "$T/g.before"
run_to g1 "$REEL" --config "$CFG" "$P" -c "quantize a grid=1/8 strength=100;
    render $T/rg.wav format=wav32f"
[ "$RC" -eq 0 ] || { cat "$T/g1.err"; fail "group quantize: exit $RC"; }
if grep -q "^source = file audio/a.quantize-1.wav" "$P/project.ini" &&
    [ "$(grep -c '^source = file audio/b.quantize-[123].wav' \
    "$P/project.ini")" -eq 3 ]; then
	ok "group: a's clip and b's three play quantized files"
else
	soft_fail "group: $(grep '^source\|^position' "$P/project.ini")"
fi
py "$T/rg.wav" "$T/a.wav" "$T/b.wav" <<'EOF'
import os
from reellib import *
exec(open(os.environ['T'] + '/det.py').read())
def lag(x, y, a):
    """The lag (0..60) of y behind x around frame a: the largest
    cross-correlation over 20 ms."""
    best, at = None, None
    for d in range(0, 61):
        c = sum(x[i] * y[i + d] for i in range(a - 48, a + 912))
        if best is None or c > best:
            best, at = c, d
    return at
qa, qb = read_wav(sys.argv[1])[2]
sa, sb = read_wav(sys.argv[2])[2][0], read_wav(sys.argv[3])[2][0]
oa, osa = onsets(qa), onsets(sa)
err = [(o - (k + 1) * 24000) / 48.0 for k, o in enumerate(oa)]
check(max(abs(e) for e in err) <= 3.0,
      'group: track a clicks on the beat (%.2f .. %.2f ms)'
      % (min(err), max(err)))
lq = [lag(qa, qb, o) for o in oa]
ls = [lag(sa, sb, o) for o in osa]
check(ls == [37] * 10, 'group: the source lags by %s frames' % sorted(set(ls)))
check(lq == [37] * 10,
      'group: after quantize b still lags a by exactly 37 frames at every '
      'click (%s)' % lq)
done()
EOF
[ $? -eq 0 ] || soft_fail "group: offsets"
undo_same g2 "$P" "$T/g.before"
# ref=b: detected on b alone, so b lands on the beat and a 37 frames
# before it; strength=0 changes no sample.
run_to g3 "$REEL" --config "$CFG" "$P" -c "quantize a grid=1/8 ref=b;
    render $T/rb.wav format=wav32f; undo; quantize a grid=1/8 strength=0"
[ "$RC" -eq 0 ] || { cat "$T/g3.err"; fail "group ref=b: exit $RC"; }
z=$(awk '/^\[clip a 1\]/ { c = 1 } c && /^source/ { print $4; exit }' \
    "$P/project.ini")
py "$T/rb.wav" "$P/$z" "$P/audio/a-1.wav" <<'EOF'
import os
from reellib import *
exec(open(os.environ['T'] + '/det.py').read())
qa, qb = read_wav(sys.argv[1])[2]
eb = [(o - (k + 1) * 24000) / 48.0 for k, o in enumerate(onsets(qb))]
da = [b - a for a, b in zip(onsets(qa), onsets(qb))]
check(max(abs(e) for e in eb) <= 3.0 and da == [37] * 10,
      'group ref=b: b on the beat (%.2f .. %.2f ms), a %s frames before it'
      % (min(eb), max(eb), sorted(set(da))))
z, a = read_wav(sys.argv[2])[2][0], read_wav(sys.argv[3])[2][0]
check(z == a, 'strength=0: %s is the take, sample for sample'
      % sys.argv[2].rsplit('/', 1)[1])
done()
EOF
[ $? -eq 0 ] || soft_fail "group ref=b / strength=0"
done_test
