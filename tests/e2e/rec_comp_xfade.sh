#!/bin/sh
# Comping (issue 4): three takes of one track (imported: a 440 Hz sine,
# seeded white noise, a 1 kHz sine), comped 0..1 s take 1, 1..2 s take 2,
# 2..3 s take 3, render to the samples this test computes itself from the
# three files and the equal-power crossfade: at a boundary b with a
# crossfade of X frames (xfade MS * 48000 / 1000, rounded), the earlier take
# sounds until b - X/2 + X fading out with sin(pi/2 * (end - t) / X), the
# later one from b - X/2 fading in with sin(pi/2 * (t - start) / X).
#   default (10 ms, X = 480): max error < 1e-6, exact outside the fades
#   xfade=0 on every comp (hard cuts): exactly the three files' samples
#   'xfade 50' (X = 2400) and one comp with xfade=7.3125 (X = 351, odd)
# The comp also plays as it renders: the playback file (FLOAT_LE, file
# device) after the prefill is the render's float data, bit for bit.
. "$(dirname "$0")/../lib/common.sh"
need python3 sox

RATE=48000
B=768
config_write "$CFG" "take-format = wav32f"
F="-r $RATE -c 1 -b 32 -e floating-point"
sox -n $F "$T/a.wav" synth 3 sine 440 vol 0.5
sox -R -n $F "$T/b.wav" synth 3 whitenoise vol 0.5
sox -n $F "$T/c.wav" synth 3 sine 1000 vol 0.7
say "takes: a.wav (sine 440, 0.5), b.wav (noise, 0.5), c.wav (sine 1k," \
    "0.7): $(frames "$T/a.wav") frames each, 32-bit float"

P="$T/p"
R="format=wav32f"
run_to comp reel_cfg "$P" -c "import $T/a.wav track=v;
    import $T/b.wav track=v; import $T/c.wav track=v; pan v -1;
    comp v 1 0 1; comp v 2 1 2; comp v 3 2 3; takes v; render x10.wav $R;
    comp v 1 0 1 xfade=0; comp v 2 1 2 xfade=0; comp v 3 2 3 xfade=0;
    render x0.wav $R;
    xfade 50; comp v 1 0 1; comp v 2 1 2 xfade=7.3125; comp v 3 2 3;
    render x50.wav $R"
if [ "$RC" -ne 0 ]; then
	cat "$T/comp.err"
	fail "reel exited $RC"
fi
sed -n 's/^comp /      takes v: comp /p' "$T/comp.out" | head -n 3
got=$(for i in 1 2 3 4; do ini_get "$P/project.ini" "track v" comp-$i; done |
    tr '\n' ',')
want="0 48000 1 2400,48000 96000 2 351,96000 144000 3 2400,"
if [ "$got" = "$want" ]; then
	ok "project.ini comp-1..3 (start end take xfade): $got"
else
	soft_fail "project.ini comp lines: '$got'; expected '$want'"
fi

py "$T" <<'EOF' || T_SOFT=$((T_SOFT + 1))
import sys
from reellib import *
T = sys.argv[1]
src = [read_wav('%s/%s.wav' % (T, n))[2][0] for n in 'abc']
N = 144000
def take(i):
    return lambda t: src[i][t]
cases = [
    ('x10', 'default 10 ms', [480, 480], 1e-6),
    ('x0', 'xfade=0 (hard cuts)', [0, 0], 0.0),
    ('x50', 'xfade 50 then xfade=7.3125 at 1 s', [351, 2400], 1e-6),
]
for name, what, (x1, x2), tol in cases:
    _, rate, (l, r) = read_wav('%s/p/renders/%s.wav' % (T, name))
    want = comp_model(N, [(0, 48000, take(0), 0), (48000, 96000, take(1), x1),
                          (96000, 144000, take(2), x2)])
    m, at, n = maxdiff(l, want)
    at = 'none' if at < 0 else at
    # Outside the crossfades the takes play unchanged.
    fades = [(48000 - x1 // 2, 48000 - x1 // 2 + x1),
             (96000 - x2 // 2, 96000 - x2 // 2 + x2)]
    outside = [t for t in range(N)
               if not any(a <= t < b for a, b in fades)]
    exact = all(l[t] == want[t] for t in outside)
    check(len(l) == N and m <= tol and exact and max(map(abs, r)) == 0.0,
          '%s: %s: crossfades %d and %d frames over [%d, %d) and [%d, %d);'
          ' %d frames, max |render - expected| = %.3g (at frame %s, limit '
          '%g), the %d frames outside the fades exact' % (name, what, x1,
          x2, fades[0][0], fades[0][1], fades[1][0], fades[1][1], len(l),
          m, at, tol, len(outside)))
    if name == 'x10':
        # The shape itself: halfway through the fade both gains are
        # sin(pi/4); the sum of the squared gains is 1 throughout.
        t = 48000 - 240 + 240
        g = math.sin(math.pi / 4)
        check(abs(l[t] - g * (src[0][t] + src[1][t])) < 1e-6,
              'x10: frame %d (mid-fade) = sin(pi/4) * (a + b) = %.7f' %
              (t, l[t]))
done()
EOF

# Playback of the last comp through the file device, FLOAT_LE (no
# conversion): what reaches the device is the render.
head -c $((RATE * 4 * 8)) /dev/zero > "$T/zero.raw"
file_devices "$T/zero.raw" "$T/play.raw"
run_to play "$REEL" --device reeltest --sample-format FLOAT_LE \
    --config "$CFG" "$P" -c 'play 3'
if [ "$RC" -ne 0 ]; then
	cat "$T/play.err"
	soft_fail "play: exit $RC"
else
	wav_data "$P/renders/x50.wav" "$T/x50.raw"
	n=$(( $(wc -c < "$T/x50.raw") / 8 ))
	slice "$T/play.raw" "$T/played.raw" 8 $B "$n"
	if rawcmp "$T/played.raw" "$T/x50.raw" 8; then
		ok "play 3: playback frames $B..$((B + n - 1)) = the render's" \
		    "$n frames, float for float"
	else
		soft_fail "play 3: what played is not the render"
	fi
fi
done_test
