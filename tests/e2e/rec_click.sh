#!/bin/sh
# The click (issue 4) lands on the beat to the sample.  At 120 BPM in 4/4 a
# beat is 24000 frames: a render with click=on over a muted project has
# click onsets (the first sample above 1e-3 after >= 100 ms of silence) at
# exactly k * 24000, each one 30 ms (1440 frames) of
#     level * exp(-5 d / 1440) * cos(2 pi f d / 48000)
# from its beat frame (f = 1500 Hz on downbeats, 1000 Hz otherwise;
# computed here and compared sample by sample, and the pitch read from the
# zero crossings), its first sample the click level (-12 dB: 0.2512;
# -20 dB: 0.1).  Without click=on a render has no click.  `tempo 90 bar=3`
# moves the grid: bar 3 starts at 192000, then a beat every 32000 frames;
# `tempo 97 bar=4`: from 320000 a beat every 29690.72 frames, rounded.
# In a real pass through the file device (`click on; record 2`), the
# playback file holds the same click on the beats after the 768-frame
# prefill; with `click off; count-in 1` only the bar of count-in clicks.
. "$(dirname "$0")/../lib/common.sh"
need python3 sox

RATE=48000
B=768
P="$T/p"
sox -R -n -r $RATE -c 1 "$T/noise.wav" synth 8 whitenoise vol 0.5
R="format=wav32f start=0"
run_to render reel_cfg "$P" -c "tempo 120; meter 4/4;
    import $T/noise.wav track=n; mute n;
    render c12.wav $R end=4 click=on; render none.wav $R end=4;
    render off.wav $R end=4 click=off;
    click-level -20; render c20.wav $R end=4 click=on; click-level -12;
    tempo 90 bar=3; tempo 97 bar=4; render map.wav $R end=8 click=on"
if [ "$RC" -ne 0 ]; then
	cat "$T/render.err"
	fail "render: exit $RC"
fi

# The real pass: silence in, monitor off; only the click comes out.
head -c $((RATE * 8 * 8)) /dev/zero > "$T/zero.raw"
file_devices "$T/zero.raw" "$T/out-click.raw"
run_to rec1 reel_file "$T/q" -c 'tempo 120; meter 4/4; track-add v in=1;
    arm v; monitor v off; click on; record 2'
[ "$RC" -eq 0 ] || { cat "$T/rec1.err"; fail "record with click: exit $RC"; }
file_devices "$T/zero.raw" "$T/out-count.raw"
run_to rec2 reel_file "$T/q" -c 'click off; count-in 1; record 1'
[ "$RC" -eq 0 ] || { cat "$T/rec2.err"; fail "count-in: exit $RC"; }

py "$P/renders" "$T" "$B" <<'EOF' || T_SOFT=$((T_SOFT + 1))
import sys
from reellib import *
d, T, B = sys.argv[1], sys.argv[2], int(sys.argv[3])
RATE, LEN = 48000, 1440

def click(t, beats, level):
    """The expected click at frame t: beats is [(frame, downbeat)]."""
    for b, down in beats:
        if b <= t < b + LEN:
            dd = t - b
            f = 1500.0 if down else 1000.0
            return level * math.exp(-5.0 * dd / LEN) * \
                math.cos(2 * math.pi * f * dd / RATE)
    return 0.0

def onsets(x):
    out, quiet = [], 4800
    for i, v in enumerate(x):
        if abs(v) > 1e-3:
            if quiet >= 4800:
                out.append(i)
            quiet = 0
        else:
            quiet += 1
    return out

def pitch(x, at):
    """Hz from the zero crossings of the 30 ms from `at`."""
    seg = x[at:at + LEN]
    n = sum(1 for a, b in zip(seg, seg[1:]) if (a < 0) != (b < 0))
    return n / 2 / (LEN / RATE)

def grid(n, start, step, num, first_k=0):
    return [(start + k * step, k % num == 0) for k in range(n)]

def check_clicks(name, x, beats, level, tol=1e-6, right=None):
    want_on = [b for b, _ in beats]
    got_on = onsets(x)
    check(got_on == want_on, '%s: onsets at %s' % (name, got_on))
    first = [x[b] for b, _ in beats]
    check(all(abs(v - level) < 1e-7 for v in first),
          '%s: first sample of every click = %.7f (level %.7f)' %
          (name, first[0], level))
    # (clicks cut short by the end of the file are left out)
    full = [(b, down) for b, down in beats if b + LEN <= len(x)]
    hz = ['%d%s' % (round(pitch(x, b)), '*' if down else '')
          for b, down in full]
    check(all(abs(pitch(x, b) - (1500 if down else 1000)) <= 40
              for b, down in full),
          '%s: pitch from zero crossings (Hz, * downbeat): %s' %
          (name, ' '.join(hz)))
    want = [click(t, beats, level) for t in range(len(x))]
    m, at, n = maxdiff(x, want)
    check(m < tol, '%s: all %d samples = the click formula, max error '
          '%.3g at %d' % (name, n, m, at))
    if right is not None:
        check(right == x, '%s: right channel = left' % name)

g12, g20 = 10 ** (-12 / 20), 10 ** (-20 / 20)
_, _, (l, r) = read_wav(d + '/c12.wav')
check_clicks('render 120 BPM 4/4, -12 dB', l, grid(8, 0, 24000, 4), g12,
             right=r)
_, _, (l, r) = read_wav(d + '/c20.wav')
check_clicks('render, click-level -20', l, grid(8, 0, 24000, 4), g20)
for name in ('none', 'off'):
    _, _, (l, r) = read_wav('%s/%s.wav' % (d, name))
    check(len(l) == 192000 and max(map(abs, l + r)) == 0.0,
          'render %s: %d frames of silence (no click, the track muted)' %
          ('without click=' if name == 'none' else 'with click=off',
           len(l)))
_, _, (l, r) = read_wav(d + '/map.wav')
# 97 BPM: 29690.72 frames a beat, so the beats fall on rounded frames.
fpb = 60.0 * RATE / 97
check_clicks('render, tempo 90 at bar 3, 97 at bar 4', l,
             grid(8, 0, 24000, 4) + grid(4, 192000, 32000, 4) +
             [(320000 + int(math.floor(k * fpb + 0.5)), k % 4 == 0)
              for k in range(3)], g12)

# The real pass: B frames of prefill, then timeline 0 on; the pass rolls
# 96000 + 768 (the latency) frames, so the beat at 96000 sounds too.
l, r = read_raw(T + '/out-click.raw')
check(len(l) == B + 96000 + 768, 'record 2: playback file %d frames' %
      len(l))
shifted = [(b + B, down) for b, down in grid(5, 0, 24000, 4)]
check_clicks('record 2, click on (playback file)', l, shifted, g12,
             right=r)
# Count-in: the bar before 0 (timeline -96000..0) clicks, then nothing.
l, r = read_raw(T + '/out-count.raw')
shifted = [(b + B, down) for b, down in grid(4, 0, 24000, 4)]
check_clicks('count-in 1, click off (playback file)', l, shifted, g12)
# (the device takes whole periods of 256: 144768 rolls as 144896)
check(max(map(abs, l[B + 96000:])) == 0.0 and len(l) - B ==
      (96000 + 48000 + 768 + 255) // 256 * 256,
      'count-in: silence after the count-in bar; %d frames rolled (count-in '
      '96000 + 48000 + latency 768, in whole periods)' % (len(l) - B))
done()
EOF
done_test
