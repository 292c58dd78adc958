#!/bin/sh
# A write pass by commands while playing (--plain through a pipe, the
# file device paced in real time): `gain` moves to -6, -12 and -3 dB
# are recorded as points of the gain lane (a few, thinned), the fixed
# gain stays where it was, and the render of the lane reproduces what
# was played, 10 ms window by window, within 0.1 dB away from the moves
# (python compares the played and the rendered files).  The pass is one
# undo step: undo restores project.ini byte for byte.
. "$(dirname "$0")/../lib/common.sh"
need sox

RATE=48000
B=768
P="$T/song"
sox -n -r $RATE -c 1 -b 24 "$T/s.wav" synth 4 sine 500 vol 0.5 \
    2>/dev/null
head -c $((RATE * 8 * 6)) /dev/zero > "$T/in.raw"
run_to setup "$REEL" --config "$CFG" "$P" -c "import $T/s.wav track=a;
    auto-mode a gain write"
[ "$RC" -eq 0 ] || { cat "$T/setup.err"; fail "setup: exit $RC"; }
cp "$P/project.ini" "$T/before.ini"

file_devices "$T/in.raw" "$T/played.raw"
config_write "$CFG" "freewheel = no"
{
	printf 'play 3\n'
	sleep 0.6; printf 'gain a -6\n'
	sleep 0.6; printf 'gain a -12\n'
	sleep 0.6; printf 'gain a -3\n'
	sleep 2.2
	printf 'autos a\n'
	sleep 0.3
	printf 'quit\n'
} | "$REEL" --plain --device reeltest --sample-format FLOAT_LE \
    --config "$CFG" "$P" > "$T/w.out" 2> "$T/w.err"
rc=$?
sed 's/^/    out: /' "$T/w.out"
check "status 0" [ "$rc" = 0 ]
check "the fixed gain stays at 0 dB" \
    [ "$(ini_get "$P/project.ini" "track a" gain)" = "0.00" ]
n=$(grep -c '^point = ' "$P/project.ini")
check "the moves are recorded as a few points ($n)" \
    [ "$n" -ge 3 ] && [ "$n" -le 10 ]
cp "$P/project.ini" "$T/after.ini"

run_to r "$REEL" --config "$CFG" "$P" -c "render w.wav format=wav32f end=3"
[ "$RC" -eq 0 ] || { cat "$T/r.err"; fail "render: exit $RC"; }
wav_data "$P/renders/w.wav" "$T/w.raw"
py "$T/played.raw" "$T/w.raw" $B <<'PYEOF'
import array, math, sys
from reellib import *
def floats(p):
    a = array.array('f'); a.frombytes(open(p, 'rb').read()); return a[0::2]
b = int(sys.argv[3])
pl, rn = floats(sys.argv[1])[b:], floats(sys.argv[2])
W = 480
def lev(x, i):
    s = sum(v * v for v in x[i:i + W]) / W
    return 10 * math.log10(s) if s > 0 else -200
n = min(len(pl), len(rn)) // W
lp = [lev(pl, k * W) for k in range(n)]
lr = [lev(rn, k * W) for k in range(n)]
# Windows where the played level moves (a move) and 10 windows around.
moves = [k for k in range(1, n) if abs(lp[k] - lp[k - 1]) > 0.5]
near = set(j for k in moves for j in range(k - 10, k + 11))
far = [k for k in range(n) if k not in near]
worst = max(abs(lp[k] - lr[k]) for k in far)
steps = sorted(set(round(lp[k] - lp[20]) for k in far if lp[k] > -100))
check(len(far) > n // 2 and worst < 0.1,
      'render of the recorded lane = what was played: %d of %d windows '
      'away from the moves within %.3f dB' % (len(far), n, worst))
check(steps == [-12, -6, -3, 0], 'levels heard: %s dB' % steps)
done()
PYEOF
[ $? -eq 0 ] || soft_fail "the lane does not reproduce the moves"

printf 'undo\nquit\n' | "$REEL" --plain --config "$CFG" "$P" \
    > "$T/u.out" 2> "$T/u.err"
sed 's/^/    undo: /' "$T/u.out"
if cmp -s "$P/project.ini" "$T/before.ini"; then
	ok "undo of the write pass restores project.ini byte for byte"
else
	soft_fail "after undo: $(diff "$T/before.ini" "$P/project.ini")"
fi
done_test
