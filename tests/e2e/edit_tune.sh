#!/bin/sh
# Pitch correction (issue 14), against signals made and measured here in
# Python (a zero-crossing frequency estimator, not reel's detector):
# noise (-20 dBFS), silence, a 445 Hz tone from 1.5 s to 3.5 s, silence.
# tune key=A scale=chromatic strength=1 speed=0 reads 440 Hz +- 3 cents;
# reprocess strength=0.5 reads the half-way pitch (442.49 Hz) +- 3 cents;
# the output has the input's length to the frame, the tone starts at the
# same frame +- 1 ms (and ends within 15 ms), the noise and silence
# before it are the input sample for sample; undo gives back project.ini byte for
# byte and leaves the file; note=C5 over a range forces C5 there; pitch
# lists A4, C5, E5 (0.5 s each) at their times; refused commands change
# nothing; preview tune plays and changes nothing.
. "$(dirname "$0")/../lib/common.sh"
need python3

py "$T/v.wav" "$T/seq.wav" <<'EOF'
import math, random, struct, sys
def wav(path, x, ch=1):
    d = struct.pack('<%df' % len(x), *x)
    open(path, 'wb').write(struct.pack('<4sI4s4sIHHIIHH4sI', b'RIFF',
        36 + len(d), b'WAVE', b'fmt ', 16, 3, ch, 48000, 48000 * 4 * ch,
        4 * ch, 32, b'data', len(d)) + d)
sr = 48000
random.seed(14)
x = [random.gauss(0, 0.1) for i in range(sr)] + [0.0] * (sr // 2)
x += [0.5 * math.sin(2 * math.pi * 445 * i / sr) for i in range(2 * sr)]
x += [0.0] * (sr // 2)
wav(sys.argv[1], x)
notes = (440.0, 523.2511, 659.2551)
wav(sys.argv[2], [0.4 * math.sin(2 * math.pi * notes[i // (sr // 2)] * i /
    sr) for i in range(3 * sr // 2)])
EOF

# measure NAME WAV A B HZ: the tone in [A, B) s of WAV is HZ +- 3 cents.
measure() {
	py "$2" "$3" "$4" "$5" "$1" <<'EOF'
import math
from reellib import *
sr = 48000
x = read_wav(sys.argv[1])[2][0]
a, b = int(float(sys.argv[2]) * sr), int(float(sys.argv[3]) * sr)
want = float(sys.argv[4])
# Rising zero crossings, placed by linear interpolation.
z = [i + x[i] / (x[i] - x[i + 1]) for i in range(a, b - 1)
     if x[i] < 0 <= x[i + 1]]
f = (len(z) - 1) * sr / (z[-1] - z[0])
c = 1200 * math.log2(f / want)
check(abs(c) <= 3, '%s: %.3f Hz, %+.2f cents off %.2f Hz (+- 3)' %
      (sys.argv[5], f, c, want))
done()
EOF
	[ $? -eq 0 ] || soft_fail "$1: measurement"
}

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

P="$T/p"
run_to t0 "$REEL" --config "$CFG" "$P" -c \
    "import $T/v.wav track=v; import $T/seq.wav track=seq"
[ "$RC" -eq 0 ] || { cat "$T/t0.err"; fail "setup: exit $RC"; }
cp "$P/project.ini" "$T/before.ini"

# --- refusals ------------------------------------------------------------
for c in "tune v scale=major" "tune v key=H" "tune v key=A scale=ionic" \
    "tune v key=A strength=2" "tune v note=A" "tune v note=A 1 2 key=A" \
    "tune nosuch key=A"; do
	run_to tr "$REEL" --config "$CFG" "$P" -c "$c"
	if [ "$RC" -ne 0 ] && cmp -s "$T/before.ini" "$P/project.ini" &&
	    [ ! -f "$P/audio/v.tune-1.wav" ]; then
		ok "'$c' refused: $(head -1 "$T/tr.err")"
	else
		soft_fail "'$c': exit $RC, or the project changed"
	fi
done

# --- tune at strength 1, hard ----------------------------------------------
run_to t1 "$REEL" --config "$CFG" "$P" -c \
    "tune v key=A scale=chromatic strength=1 speed=0"
[ "$RC" -eq 0 ] || { cat "$T/t1.err"; fail "tune: exit $RC"; }
check "tune: the clip plays its new file" \
    grep -q "^source = file audio/v.tune-1.wav" "$P/project.ini"
check "tune: the clip keeps its op" grep -q \
    "^op = tune key=A scale=chromatic strength=1 speed=0 humanize=0$" \
    "$P/project.ini"
measure "tune strength=1" "$P/audio/v.tune-1.wav" 2 3.3 440
py "$P/audio/v-1.wav" "$P/audio/v.tune-1.wav" <<'EOF'
from reellib import *
sr = 48000
a = read_wav(sys.argv[1])[2][0]
b = read_wav(sys.argv[2])[2][0]
check(len(a) == len(b), 'tune: output %d frames, input %d' % (len(b),
      len(a)))
# Where the tone starts and ends: the first and last frame above 0.05
# after the silence that precedes it.
def edges(x):
    on = [i for i in range(int(1.2 * sr), len(x)) if abs(x[i]) > 0.05]
    return on[0], on[-1]
(a0, a1), (b0, b1) = edges(a), edges(b)
check(abs(b0 - a0) <= 48, 'tune: the tone starts at frame %d, the input\'s '
      'at %d (%+.2f ms, +- 1)' % (b0, a0, (b0 - a0) * 1000.0 / sr))
# The shifted signal rings on after a tone stops dead (the stretcher's
# window) until the crossfade back to the input: 15 ms at most.
check(abs(b1 - a1) <= 720, 'tune: the tone ends at frame %d, the input\'s '
      'at %d (%+.2f ms, +- 15)' % (b1, a1, (b1 - a1) * 1000.0 / sr))
same = 0
while same < len(a) and a[same] == b[same]:
    same += 1
check(same >= int(1.4 * sr), 'tune: noise and silence untouched: the '
      'first %d frames (%.3f s) equal the input sample for sample '
      '(the tone starts at 1.5 s)' % (same, same / sr))
done()
EOF
[ $? -eq 0 ] || soft_fail "tune: length, timing, unvoiced"
cp "$P/project.ini" "$T/tuned.ini"

# --- reprocess at strength 0.5 -----------------------------------------------
run_to t2 "$REEL" --config "$CFG" "$P" -c "reprocess v 2 strength=0.5"
[ "$RC" -eq 0 ] || { cat "$T/t2.err"; fail "reprocess: exit $RC"; }
check "reprocess: a new file" \
    grep -q "^source = file audio/v.tune-2.wav" "$P/project.ini"
measure "tune strength=0.5" "$P/audio/v.tune-2.wav" 2 3.3 \
    "$(awk 'BEGIN { printf "%.4f", 445 * 2 ^ (log(440 / 445) / log(2) / 2) }')"
undo_same t3 "$P" "$T/tuned.ini"
undo_same t4 "$P" "$T/before.ini"
if [ -f "$P/audio/v.tune-1.wav" ] && [ -f "$P/audio/v.tune-2.wav" ]; then
	ok "tune: undo leaves the files"
else
	soft_fail "tune: undo removed a file"
fi

# --- a forced note over a range -------------------------------------------
run_to t5 "$REEL" --config "$CFG" "$P" -c "tune v note=C5 1.8 3.2 speed=0"
[ "$RC" -eq 0 ] || { cat "$T/t5.err"; fail "tune note=: exit $RC"; }
check "tune note=C5 1.8 3.2: three clips" \
    grep -q "^clips = 3$" "$P/project.ini"
check "tune note=: the op" grep -q "^op = tune note=C5 speed=0 strength=1" \
    "$P/project.ini"
# The new file holds the range alone (1.8 s to 3.2 s).
measure "tune note=C5" "$P/audio/v.tune-3.wav" 0.2 1.2 523.2511
undo_same t6 "$P" "$T/before.ini"

# --- pitch lists the notes ------------------------------------------------------
run_to t7 "$REEL" --config "$CFG" "$P" -c "pitch seq"
[ "$RC" -eq 0 ] || { cat "$T/t7.err"; fail "pitch: exit $RC"; }
cat "$T/t7.out"
awk '{ split($1, t, ":"); print t[1] * 60 + t[2], $2, $4, $5 }' \
    "$T/t7.out" > "$T/t7.notes"
py "$T/t7.notes" <<'EOF'
from reellib import *
got = [l.split() for l in open(sys.argv[1])]
want = [(0.0, 'A4'), (0.5, 'C5'), (1.0, 'E5')]
check(len(got) == 3, 'pitch: %d lines (3 notes)' % len(got))
for (t, name), g in zip(want, got):
    check(g[2] == name and abs(float(g[0]) - t) <= 0.02 and
          abs(float(g[1]) - 0.5) <= 0.03 and abs(int(g[3])) <= 2,
          'pitch: %s at %.3f s for %s s, %s cents (want %s at %.1f s, '
          '0.5 s)' % (g[2], float(g[0]), g[1], g[3], name, t))
done()
EOF
[ $? -eq 0 ] || soft_fail "pitch: listing"
run_to t8 "$REEL" --config "$CFG" "$P" -c "pitch v 0 0.5"
check "pitch of noise: unvoiced" grep -q "unvoiced" "$T/t8.out"
check "pitch of noise: no note" test "$(grep -c ' voiced' "$T/t8.out")" -eq 0

# --- preview ---------------------------------------------------------------
head -c $((48000 * 8 * 6)) /dev/zero > "$T/in.raw"
file_devices "$T/in.raw" "$T/pv.raw"
ls "$P/audio" > "$T/ls"
run_to t9 "$REEL" --config "$CFG" --device reeltest --sample-format FLOAT_LE \
    "$P" -c "preview tune v 2 key=A scale=chromatic speed=0"
if [ "$RC" -eq 0 ] && cmp -s "$T/before.ini" "$P/project.ini" &&
    ls "$P/audio" | cmp -s - "$T/ls"; then
	ok "preview tune: played, project.ini and audio/ unchanged"
else
	cat "$T/t9.err"
	soft_fail "preview tune: exit $RC, or the project changed"
fi
py "$T/pv.raw" <<'EOF'
import array, math
from reellib import *
sr = 48000
a = array.array('f')
a.frombytes(open(sys.argv[1], 'rb').read())
x = list(a[0::2])[2 * sr:3 * sr]
z = [i + x[i] / (x[i] - x[i + 1]) for i in range(len(x) - 1)
     if x[i] < 0 <= x[i + 1]]
f = (len(z) - 1) * sr / (z[-1] - z[0]) if len(z) > 1 else 0
check(f > 0 and abs(1200 * math.log2(f / 440)) <= 3,
      'preview tune: the device played %.3f Hz (440 +- 3 cents)' % f)
done()
EOF
[ $? -eq 0 ] || soft_fail "preview tune: measurement"
done_test
