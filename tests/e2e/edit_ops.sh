#!/bin/sh
# Editing operations (issue 14), against signals and measurements made
# here in Python: a 440 Hz tone over white noise at -40 dBFS after
# noise-learn on a noise-only stretch and denoise: the noise floor is down
# by >= 20 dB, the tone's level changes by < 0.1 dB; reprocess with
# another amount writes another file and keeps the original; strip-silence
# cuts where the 10 ms RMS crosses the threshold, +- 1 ms, with the pad;
# stretch by 1.25 gives the exact length and the same pitch (+- 3 cents),
# shift +2 semitones turns 440 Hz into 493.88 Hz (+- 3 cents); undo of
# each gives back project.ini byte for byte and leaves the new file; a
# refused operation changes nothing; preview plays the result through
# the device and changes nothing; onsets of six notes land within 3 ms; ^C during an operation leaves no file.
. "$(dirname "$0")/../lib/common.sh"
need python3

py "$T/noisy.wav" "$T/sine.wav" "$T/tom.wav" "$T/long.wav" <<'EOF'
import math, random, struct, sys
def wav(path, x, ch=1):
    d = struct.pack('<%df' % len(x), *x)
    open(path, 'wb').write(struct.pack('<4sI4s4sIHHIIHH4sI', b'RIFF',
        36 + len(d), b'WAVE', b'fmt ', 16, 3, ch, 48000, 48000 * 4 * ch,
        4 * ch, 32, b'data', len(d)) + d)
sr = 48000
random.seed(14)
s = 10 ** (-40 / 20)
# Noise alone for 1 s, then the tone at -6 dBFS over it: 4 s.
wav(sys.argv[1], [random.gauss(0, s) + (0.5 * math.sin(2 * math.pi * 440 *
    i / sr) if i >= sr else 0) for i in range(4 * sr)])
wav(sys.argv[2], [0.5 * math.sin(2 * math.pi * 440 * i / sr)
    for i in range(2 * sr)])
# Three tom hits (200 Hz, decaying with tau 60 ms, 0.4 s) in 4 s.
x = [0.0] * (4 * sr)
for s0 in (0.5, 1.7, 2.9):
    a = int(s0 * sr)
    for i in range(int(0.4 * sr)):
        x[a + i] = 0.5 * math.exp(-i / sr / 0.06) * \
            math.sin(2 * math.pi * 200 * i / sr)
wav(sys.argv[3], x)
# 30 s for ^C.
wav(sys.argv[4], [0.3 * math.sin(i * 0.05) for i in range(30 * sr)])
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

# --- denoise ---------------------------------------------------------------
P="$T/dn"
run_to d0 "$REEL" --config "$CFG" "$P" -c "import $T/noisy.wav track=v"
[ "$RC" -eq 0 ] || { cat "$T/d0.err"; fail "denoise: setup exit $RC"; }
cp "$P/project.ini" "$T/dn.before"
run_to d1 "$REEL" --config "$CFG" "$P" -c "denoise v amount=30"
if [ "$RC" -ne 0 ] && grep -q "no noise profile" "$T/d1.err" &&
    cmp -s "$T/dn.before" "$P/project.ini"; then
	ok "denoise without a profile is refused and changes nothing"
else
	soft_fail "denoise without a profile: exit $RC"
fi
run_to d2 "$REEL" --config "$CFG" "$P" -c "noise-learn v 0.1 0.5"
[ "$RC" -eq 0 ] && [ -f "$P/audio/v.noise" ] ||
    { cat "$T/d2.err"; fail "noise-learn: exit $RC"; }
cp "$P/project.ini" "$T/dn.before"
run_to d3 "$REEL" --config "$CFG" "$P" -c "denoise v amount=30"
[ "$RC" -eq 0 ] || { cat "$T/d3.err"; fail "denoise: exit $RC"; }
check "denoise: the clip plays its new file" \
    grep -q "^source = file audio/v.denoise-1.wav" "$P/project.ini"
if grep -q "^op = denoise amount=30 sensitivity=6 smoothing=3 attack=5 release=100$" \
    "$P/project.ini" && grep -q "^from = comp 0 192000$" "$P/project.ini"; then
	ok "denoise: the clip keeps its op and its original source"
else
	soft_fail "denoise: op/from: $(grep '^op\|^from' "$P/project.ini")"
fi
cp "$P/audio/v-1.wav" "$T/take.copy"
py "$P/audio/v-1.wav" "$P/audio/v.denoise-1.wav" 30 <<'EOF'
import math
from reellib import *
sr = 48000
a = read_wav(sys.argv[1])[2][0]
b = read_wav(sys.argv[2])[2][0]
def rms(x): return math.sqrt(sum(v * v for v in x) / len(x))
def tone(x, i0, i1, f=440.0):
    c = s = 0.0
    for i in range(i0, i1):
        w = 2 * math.pi * f * i / sr
        c += x[i] * math.cos(w); s += x[i] * math.sin(w)
    return 2 * math.hypot(c, s) / (i1 - i0)
db = lambda v: 20 * math.log10(v)
check(len(a) == len(b), 'denoise: same length (%d frames)' % len(b))
# The noise floor where only noise plays, outside the learnt stretch.
na = rms(a[int(0.6 * sr):int(0.95 * sr)])
nb = rms(b[int(0.6 * sr):int(0.95 * sr)])
down = db(na) - db(nb)
check(down >= 20, 'denoise amount=%s: noise floor %.2f -> %.2f dBFS, down '
      '%.2f dB (>= 20)' % (sys.argv[3], db(na), db(nb), down))
ta, tb = tone(a, 2 * sr, 3 * sr), tone(b, 2 * sr, 3 * sr)
check(abs(db(tb) - db(ta)) < 0.1, 'denoise: 440 Hz tone %.4f -> %.4f dBFS '
      '(change %.4f dB, < 0.1)' % (db(ta), db(tb), db(tb) - db(ta)))
done()
EOF
[ $? -eq 0 ] || soft_fail "denoise: measurements"
undo_same d4 "$P" "$T/dn.before"
if [ -f "$P/audio/v.denoise-1.wav" ]; then
	ok "denoise: undo leaves the file"
else
	soft_fail "denoise: undo removed the file"
fi
# preview: plays the result through the device; the project stays as is.
ls "$P/audio" > "$T/dn.ls"
head -c $((48000 * 8 * 6)) /dev/zero > "$T/in.raw"
file_devices "$T/in.raw" "$T/pv.raw"
run_to d6 "$REEL" --config "$CFG" --device reeltest --sample-format FLOAT_LE \
    "$P" -c "preview denoise v 2 amount=30"
if [ "$RC" -eq 0 ] && cmp -s "$T/dn.before" "$P/project.ini" &&
    ls "$P/audio" | cmp -s - "$T/dn.ls"; then
	ok "preview denoise: played, project.ini and audio/ unchanged"
else
	cat "$T/d6.err"
	soft_fail "preview: exit $RC, or the project changed"
fi
py "$T/pv.raw" <<'EOF'
import array, math
from reellib import *
sr = 48000
a = array.array('f')
a.frombytes(open(sys.argv[1], 'rb').read())
x = list(a[0::2])
def tone(x, i0, i1, f=440.0):
    c = s = 0.0
    for i in range(i0, i1):
        w = 2 * math.pi * f * i / sr
        c += x[i] * math.cos(w); s += x[i] * math.sin(w)
    return 2 * math.hypot(c, s) / (i1 - i0)
n = x[int(0.6 * sr):int(0.95 * sr)]
noise = math.sqrt(sum(v * v for v in n) / len(n))
r = 20 * math.log10(tone(x, 2 * sr, 3 * sr) / noise)
# The source: tone 0.5 (-6 dBFS) over noise at -40 dBFS, 34 dB apart.
check(len(x) >= 4 * sr and r >= 34 + 20, 'preview denoise amount=30: '
      '%d frames played, tone %.1f dB over the noise (source 34 dB)'
      % (len(x), r))
done()
EOF
[ $? -eq 0 ] || soft_fail "preview: measurement"
run_to d5 "$REEL" --config "$CFG" "$P" -c "redo; reprocess v 1 amount=20"
[ "$RC" -eq 0 ] || { cat "$T/d5.err"; fail "reprocess: exit $RC"; }
if grep -q "^source = file audio/v.denoise-2.wav" "$P/project.ini" &&
    grep -q "^op = denoise amount=20 " "$P/project.ini" &&
    grep -q "^from = comp 0 192000$" "$P/project.ini" &&
    ! cmp -s "$P/audio/v.denoise-1.wav" "$P/audio/v.denoise-2.wav" &&
    cmp -s "$T/take.copy" "$P/audio/v-1.wav"; then
	ok "reprocess amount=20: a new file that differs, the take untouched"
else
	soft_fail "reprocess: $(grep '^source\|^op' "$P/project.ini")"
fi
py "$P/audio/v-1.wav" "$P/audio/v.denoise-2.wav" <<'EOF'
import math
from reellib import *
sr = 48000
a = read_wav(sys.argv[1])[2][0][int(0.6 * sr):int(0.95 * sr)]
b = read_wav(sys.argv[2])[2][0][int(0.6 * sr):int(0.95 * sr)]
d = 10 * math.log10(sum(v * v for v in a) / sum(v * v for v in b))
check(abs(d - 20) < 1, 'reprocess amount=20: the floor is down %.2f dB' % d)
done()
EOF
[ $? -eq 0 ] || soft_fail "reprocess: measurement"

# --- strip-silence ----------------------------------------------------------
P="$T/ss"
run_to s0 "$REEL" --config "$CFG" "$P" -c "import $T/tom.wav track=tom"
[ "$RC" -eq 0 ] || { cat "$T/s0.err"; fail "strip-silence: setup $RC"; }
cp "$P/project.ini" "$T/ss.before"
run_to s1 "$REEL" --config "$CFG" "$P" -c \
    "strip-silence tom threshold=-40 min=0.2 pad=10"
[ "$RC" -eq 0 ] || { cat "$T/s1.err"; fail "strip-silence: exit $RC"; }
awk '/^\[clip tom/ { c = 1 } c && /^position/ { p = $3 }
    c && /^length/ { print p, $3; c = 0 }' "$P/project.ini" > "$T/ss.clips"
py "$P/audio/tom-1.wav" "$T/ss.clips" <<'EOF'
import math
from reellib import *
sr = 48000
x = read_wav(sys.argv[1])[2][0]
got = [tuple(map(int, l.split())) for l in open(sys.argv[2])]
# Where the RMS of the 10 ms around each frame crosses -40 dBFS.
half, thr = 240, 10 ** (-40 / 10)
sq = [0.0]
for v in x:
    sq.append(sq[-1] + v * v)
def loud(i):
    a, b = max(0, i - half), min(len(x), i + half + 1)
    return (sq[b] - sq[a]) / (b - a) >= thr
runs, start = [], None
for i in range(len(x)):
    if loud(i) and start is None:
        start = i
    if not loud(i) and start is not None:
        runs.append((start, i))
        start = None
if start is not None:
    runs.append((start, len(x)))
pad = 480
want = [(a - pad, b + pad) for a, b in runs]
check(len(got) == len(want), 'strip-silence: %d clips (want %d)' % (len(got),
      len(want)))
for (p, l), (a, b) in zip(got, want):
    check(abs(p - a) <= 48 and abs(p + l - b) <= 48,
          'strip-silence: clip %d..%d, threshold crossing -+ pad %d..%d '
          '(+- 1 ms)' % (p, p + l, a, b))
done()
EOF
[ $? -eq 0 ] || soft_fail "strip-silence: positions"
if [ "$(grep -c '^fade-in = 240 equal-power' "$P/project.ini")" -eq 3 ] &&
    [ "$(grep -c '^fade-out = 240 equal-power' "$P/project.ini")" -eq 3 ]
then
	ok "strip-silence: 5 ms fades inside the 10 ms pad at each of the 6 cuts"
else
	soft_fail "strip-silence: fades: $(grep '^fade' "$P/project.ini")"
fi
undo_same s2 "$P" "$T/ss.before"

# --- stretch and shift -------------------------------------------------------
P="$T/st"
run_to t0 "$REEL" --config "$CFG" "$P" -c "import $T/sine.wav track=s;
    import $T/sine.wav track=u"
[ "$RC" -eq 0 ] || { cat "$T/t0.err"; fail "stretch: setup $RC"; }
cp "$P/project.ini" "$T/st.before"
run_to t1 "$REEL" --config "$CFG" "$P" -c "stretch s 0.5 ratio=0"
if [ "$RC" -ne 0 ] && grep -q "ratio" "$T/t1.err" &&
    cmp -s "$T/st.before" "$P/project.ini"; then
	ok "stretch ratio=0 is refused: $(cat "$T/t1.err")"
else
	soft_fail "stretch ratio=0: exit $RC"
fi
run_to t2 "$REEL" --config "$CFG" "$P" -c "stretch s 0.5 ratio=1.25"
[ "$RC" -eq 0 ] || { cat "$T/t2.err"; fail "stretch: exit $RC"; }
len=$(awk '/^\[clip s/ { c = 1 } c && /^length/ { print $3; exit }' \
    "$P/project.ini")
undo_same t3 "$P" "$T/st.before"
run_to t4 "$REEL" --config "$CFG" "$P" -c "shift u 0.5 semitones=2"
[ "$RC" -eq 0 ] || { cat "$T/t4.err"; fail "shift: exit $RC"; }
py "$P/audio/s.stretch-1.wav" "$P/audio/u.shift-1.wav" "$len" <<'EOF'
import math
from reellib import *
sr = 48000
def f0(x):
    a, b = len(x) // 5, len(x) - len(x) // 5
    z = [i + x[i] / (x[i] - x[i + 1]) for i in range(a, b)
         if x[i] <= 0 < x[i + 1]]
    return (len(z) - 1) * sr / (z[-1] - z[0])
s = read_wav(sys.argv[1])[2][0]
u = read_wav(sys.argv[2])[2][0]
check(len(s) == 120000 and int(sys.argv[3]) == 120000,
      'stretch 1.25: 96000 frames -> file %d, clip %s (exactly 120000)'
      % (len(s), sys.argv[3]))
c = 1200 * math.log2(f0(s) / 440)
check(abs(c) <= 3, 'stretch 1.25: pitch %.3f Hz, %.2f cents off 440 Hz '
      '(+- 3)' % (f0(s), c))
w = 440 * 2 ** (2 / 12)
c = 1200 * math.log2(f0(u) / w)
check(len(u) == 96000 and abs(c) <= 3, 'shift +2: %.3f Hz, %.2f cents off '
      '%.2f Hz (+- 3), %d frames' % (f0(u), c, w, len(u)))
done()
EOF
[ $? -eq 0 ] || soft_fail "stretch/shift: measurements"
undo_same t5 "$P" "$T/st.before"
if [ -f "$P/audio/s.stretch-1.wav" ] && [ -f "$P/audio/u.shift-1.wav" ]; then
	ok "stretch, shift: undo leaves the files"
else
	soft_fail "stretch/shift: undo removed a file"
fi

# --- onsets -----------------------------------------------------------------
# Six decaying notes (110..330 Hz, tau 80 ms) over noise at -60 dBFS, the
# second ones starting while the first still rings.
py "$T/on.wav" <<'EOF'
import math, random, struct, sys
sr, n = 48000, 3 * 48000
random.seed(3)
x = [random.gauss(0, 0.001) for i in range(n)]
for t, f in zip((0.5, 0.9, 1.37, 1.62, 2.0, 2.45),
                (110, 220, 165, 330, 147, 196)):
    a = int(t * sr)
    for i in range(int(0.35 * sr)):
        if a + i < n:
            x[a + i] += 0.5 * math.exp(-i / sr / 0.08) * \
                math.sin(2 * math.pi * f * i / sr)
d = struct.pack('<%df' % n, *x)
open(sys.argv[1], 'wb').write(struct.pack('<4sI4s4sIHHIIHH4sI', b'RIFF',
    36 + len(d), b'WAVE', b'fmt ', 16, 3, 1, sr, sr * 4, 4, 32, b'data',
    len(d)) + d)
EOF
P="$T/on"
run_to o0 "$REEL" --config "$CFG" "$P" -c "import $T/on.wav track=o at=1"
[ "$RC" -eq 0 ] || { cat "$T/o0.err"; fail "onsets: setup $RC"; }
run_to o1 "$REEL" --config "$CFG" "$P" -c "onsets o 1.1 4"
[ "$RC" -eq 0 ] || { cat "$T/o1.err"; fail "onsets: exit $RC"; }
py "$T/o1.out" <<'EOF'
from reellib import *
got = [int(l.split()[-1]) for l in open(sys.argv[1]) if l.strip()]
want = [48000 + int(t * 48000) for t in (0.5, 0.9, 1.37, 1.62, 2.0, 2.45)]
err = [g - w for g, w in zip(got, want)]
check(len(got) == 6 and max(abs(e) for e in err) <= 144,
      'onsets over 1.1..4 s: %d found (6 placed, imported at 1 s), errors %s frames '
      '(+- 3 ms = 144)' % (len(got), err))
done()
EOF
[ $? -eq 0 ] || soft_fail "onsets: $(cat "$T/o1.out")"

# --- ^C leaves no file ------------------------------------------------------
P="$T/int"
run_to i0 "$REEL" --config "$CFG" "$P" -c "import $T/long.wav track=l"
[ "$RC" -eq 0 ] || { cat "$T/i0.err"; fail "int: setup $RC"; }
cp "$P/project.ini" "$T/int.before"
"$REEL" --config "$CFG" "$P" -c "stretch l 1 ratio=1.5" \
    > "$T/i1.out" 2> "$T/i1.err" &
pid=$!
sleep 0.5
kill -INT "$pid"
wait "$pid"
RC=$?
if [ "$RC" -ne 0 ] && cmp -s "$T/int.before" "$P/project.ini" &&
    [ "$(ls -A "$P/audio")" = "l-1.wav" ]; then
	ok "^C during stretch: exit $RC, no new file, project unchanged" \
	    "($(tail -1 "$T/i1.err"))"
else
	soft_fail "^C: exit $RC, audio/: $(ls -A "$P/audio")"
fi
done_test
