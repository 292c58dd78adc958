#!/bin/sh
# Sections (issue 10): at 480 bpm in 4/4 (a bar is 24000 frames) a song of
# two tracks laid out as Intro 1-2, Verse 3-4, Chorus 5-6; copying the
# chorus to the end and deleting the verse renders, sample for sample
# (max error < 1e-6, float), what Python computes from the take files:
# Intro, Chorus, Chorus, with a 5 ms equal-power fade on each side of
# every clip cut at a section edge and no step bigger than the sources
# have (no click).  The sections, markers and tempo ripple; undo and redo
# of each section and marker command give project.ini back byte for byte.
. "$(dirname "$0")/../lib/common.sh"
need python3

py "$T/a.wav" "$T/b.wav" <<'EOF2'
import math, struct, sys
def wav(path, chans):
    n = len(chans[0]); ch = len(chans)
    data = b''.join(struct.pack('<' + 'f' * ch, *[c[i] for c in chans])
                    for i in range(n))
    hdr = struct.pack('<4sI4s4sIHHIIHH4sI', b'RIFF', 36 + len(data), b'WAVE',
                      b'fmt ', 16, 3, ch, 48000, 48000 * 4 * ch, 4 * ch, 32,
                      b'data', len(data))
    open(path, 'wb').write(hdr + data)
s = lambda f, a, n: [a * math.sin(2 * math.pi * f * i / 48000) for i in range(n)]
wav(sys.argv[1], [s(440, 0.5, 144000), s(330, 0.25, 144000)])
wav(sys.argv[2], [s(660, 0.3, 96000), s(550, 0.3, 96000)])
EOF2
P="$T/song"
run_to s0 "$REEL" --config "$CFG" "$P" -c "tempo 480;
    import $T/a.wav track=a; import $T/b.wav track=b at=0.3;
    section-add Intro 1 2; section-add Verse 3 2; section-add Chorus 5 2;
    marker-add hook 2.5; tempo 240 bar=9"
[ "$RC" -eq 0 ] || { cat "$T/s0.err"; fail "setup: exit $RC"; }
run_to s1 "$REEL" --config "$CFG" "$P" -c "section-copy Chorus end as=Chorus2"
[ "$RC" -eq 0 ] || { cat "$T/s1.err"; fail "copy: exit $RC"; }
t_copy=$(ini_get "$P/project.ini" "tempo 11" bpm)
run_to s1 "$REEL" --config "$CFG" "$P" -c "section-delete Verse; sections;
    markers;
    render arr.wav format=wav32f end=3"
[ "$RC" -eq 0 ] || { cat "$T/s1.err"; fail "delete: exit $RC"; }
want="Intro            bar 1, 2 bars, 0:00.000 to 0:01.000
Chorus           bar 3, 2 bars, 0:01.000 to 0:02.000
Chorus2          bar 5, 2 bars, 0:02.000 to 0:03.000
hook             0:01.500 (bar 4|1)"
if [ "$(cat "$T/s1.out")" = "$want" ] &&
    [ "$t_copy" = "240.000" ] &&
    [ "$(ini_get "$P/project.ini" "tempo 9" bpm)" = "240.000" ] &&
    [ "$(grep -c '^\[tempo' "$P/project.ini")" -eq 2 ]; then
	ok "sections and marker rippled (Intro, Chorus, Chorus2; hook at" \
	    "1.5 s); the tempo change at bar 9 went to bar 11 with the" \
	    "copy and back to 9 with the delete"
else
	cat "$T/s1.out"; sed -n '/^\[tempo/,+2p' "$P/project.ini"
	soft_fail "sections, markers or tempo after copy and delete"
fi
py "$P/audio/a-1.wav" "$P/audio/b-1.wav" "$P/renders/arr.wav" <<'EOF2'
import math, sys
from reellib import *
_, _, a = read_wav(sys.argv[1])
_, _, b = read_wav(sys.argv[2])
_, _, y = read_wav(sys.argv[3])
F = 240                         # 5 ms at 48 kHz
def fi(k):                      # fade in, k frames from the cut
    return math.sin(math.pi / 2 * k / F) if k < F else 1.0
def fo(t, e):                   # fade out ending at the cut e
    return math.sin(math.pi / 2 * (e - t) / F) if t >= e - F else 1.0
B0 = 14400                      # b starts at 0.3 s, ends at 110400
def bb(c, t):                   # b's sample at original time t
    return b[c][t - B0] if B0 <= t < B0 + len(b[c]) else 0.0
want = [[0.0] * 144000 for c in range(2)]
for c in range(2):
    for t in range(0, 48000):           # Intro, cut at its end
        want[c][t] = (a[c][t] + bb(c, t)) * fo(t, 48000)
    for t in range(48000, 96000):       # the Chorus, moved up a section
        o = t + 48000
        want[c][t] = (a[c][o] + bb(c, o)) * fi(t - 48000)
    for t in range(96000, 144000):      # its copy
        want[c][t] = (a[c][t] + bb(c, t)) * fi(t - 96000)
m = max(maxdiff(y[c], want[c])[0] for c in range(2))
check(len(y[0]) == 144000 and m < 1e-6,
      'render (%d frames) = Intro + Chorus + Chorus from the take files '
      'with 5 ms equal-power fades at the cuts: max error %.3g' %
      (len(y[0]), m))
flat = max(abs(y[c][t] - want[c][t]) for c in range(2)
           for t in list(range(1000, 47000)) + list(range(50000, 95000)))
check(flat == 0.0, 'away from the cuts the render is the takes bit for bit')
def step(x):
    return max(abs(x[i + 1] - x[i]) for i in range(len(x) - 1))
src = max(step(a[c]) for c in range(2)) + max(step(b[c]) for c in range(2))
got = max(step(y[c]) for c in range(2))
check(got <= src, 'largest sample step %.4f, the sources\' together %.4f: '
      'no click' % (got, src))
done()
EOF2
[ $? -eq 0 ] || soft_fail "the rearranged mix"

# step COMMAND: undo and redo give project.ini back (a process each).
step() {
	cp "$P/project.ini" "$T/before.ini"
	run_to st "$REEL" --config "$CFG" "$P" -c "$1"
	[ "$RC" -eq 0 ] || { cat "$T/st.err"; soft_fail "$1: exit $RC"; return; }
	cp "$P/project.ini" "$T/after.ini"
	run_to un "$REEL" --config "$CFG" "$P" -c undo
	cmp -s "$T/before.ini" "$P/project.ini" || {
		soft_fail "$1: undo does not give back project.ini"; return; }
	run_to re "$REEL" --config "$CFG" "$P" -c redo
	cmp -s "$T/after.ini" "$P/project.ini" && ! cmp -s "$T/before.ini" \
	    "$T/after.ini" || {
		soft_fail "$1: redo does not give back project.ini"; return; }
	ok "$1: undo and redo give project.ini back byte for byte"
}
step "section-add Outro 7 1"
step "section-rename Outro End"
step "section-resize End 2"
step "section-move Chorus2 Intro"
step "section-copy Intro end"
step "marker-add drop 0.5"
step "marker-remove hook"
step "section-delete Chorus"

# refusals change nothing
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
refuse "overlap" "section-add X 1 2" "overlap another section"
refuse "unknown section" "section-delete Nope" "no section named"
refuse "name taken" "section-rename Intro End" "already"
refuse "before what" "section-copy Intro nowhere" "BEFORE: expected"
refuse "bars" "section-add Y 40 0" "LENGTH: expected"
Q="$T/notempo"
run_to nt "$REEL" --config "$CFG" "$Q" -c "section-add A 1 4"
grep -q "set a tempo first" "$T/nt.err" && [ "$RC" -eq 1 ] &&
    ok "without a tempo: '$(cat "$T/nt.err")'" ||
    soft_fail "section-add without a tempo: exit $RC"
done_test
