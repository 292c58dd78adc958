#!/bin/sh
# album-layout: the CD's layout as lines, from the measured songs (48 kHz
# songs of 5.3, 4.61 and 4.2 s; a 1.5 s pause before song 2, an index
# 2.5 s into song 1, song 3 crossfaded by 300 ms) against figures
# computed here from the Red Book rules (track 1 at 00:02:00, song 2's
# pause at 00:07:23 and its start at 00:08:60, song 3 at 00:13:08, the
# index at 00:04:37) and against deliver cd's CUE sheet (every INDEX the
# same, 2 s earlier); the vinyl sides and their lengths; the refusals.
. "$(dirname "$0")/../lib/common.sh"
need sox python3
printf 'rate = 48000\n' > "$T/c48.ini"
for s in One:5.3 Two:4.61 Three:4.2; do
	n=${s%%:*}
	sox -D -n -r 48000 -c 2 -b 24 "$T/$n.wav" synth "${s#*:}" \
	    sine 440 gain -12
	run_to mk "$REEL" -q --config "$T/c48.ini" "$T/$n" \
	    -c "import $T/$n.wav track=a"
	[ "$RC" -eq 0 ] || { cat "$T/mk.err"; fail "song $n: exit $RC"; }
done
A="$T/alb"
run_to add "$REEL" -q --config "$T/c48.ini" --album "$A" -c "
    album-add $T/One; album-add $T/Two; album-add $T/Three;
    gap 2 1.5; index 1 2.5; crossfade 3 300"
[ "$RC" -eq 0 ] || { cat "$T/add.err"; fail "album: exit $RC"; }

run_to pre "$REEL" -q --config "$T/c48.ini" --album "$A" -c album-layout
check "before measuring: refused, exit 1" [ "$RC" -ne 0 ]
check "the message says to measure" grep -q \
    "album-layout: 3 songs not measured yet: album-measure (m) measures" \
    "$T/pre.err"
run_to bad "$REEL" -q --config "$T/c48.ini" --album "$A" \
    -c "album-layout format=8in"
check "a wrong format names the word" grep -q \
    "album-layout: format: expected 12in33, 12in45, 10in or 7in45, got '8in'" \
    "$T/bad.err"

run_to lay "$REEL" -q --config "$T/c48.ini" --album "$A" \
    -c "album-measure; album-layout"
[ "$RC" -eq 0 ] || { cat "$T/lay.err"; fail "album-layout: exit $RC"; }
sed 's/^/    /' "$T/lay.out"
# The layout by the rules, here: positions in 588-frame sectors at
# 44.1 kHz from absolute 0.
python3 - "$T/lay.out" > "$T/expect.txt" <<'PY'
import math, sys
S = 588
def msf(f):
    s = f // S
    return "%02d:%02d:%02d" % (s // 4500, s // 75 % 60, s % 75)
lens = [round(x * 44100) for x in (5.3, 4.61, 4.2)]
up = lambda f: -(-f // S) * S
down = lambda f: f // S * S
a1 = 150 * S; i2 = down(a1 + round(2.5 * 44100)); e1 = a1 + lens[0]
s2 = up(e1); a2 = up(e1 + round(1.5 * 44100)); e2 = a2 + lens[1]
a3 = e2 - round(0.3 * 44100); s3 = down(a3); lo = up(a3 + lens[2])
print("    1  %s  %s  %s  02 %s" % (msf(a1), msf(s2 - a1), msf(a1), msf(i2)))
print("    2  %s  %s  %s" % (msf(a2), msf(s3 - a2), msf(a2 - s2)))
print("    3  %s  %s  00:00:00" % (msf(s3), msf(lo - s3)))
print("lead-out %s" % msf(lo))
PY
cat "$T/expect.txt"
check "track 1 at 00:02:00 with its index at 00:04:37" \
    grep -q "^    1  00:02:00  .*02 00:04:37$" "$T/expect.txt"
check "the rules give song 2 at 00:08:60 after a pause from 00:07:23" \
    grep -q "^    2  00:08:60 .* 00:01:37$" "$T/expect.txt"
check "album-layout lists every track as the rules place it" sh -c \
    "grep -E '^ +[0-9]+  [0-9]|^lead-out' '$T/lay.out' | diff - '$T/expect.txt'"
check "the total against the limit" grep -q \
    "^CD 0:17 of 79:57 (74:00 fits every player)$" "$T/lay.out"
check "vinyl: 12in33 sides balanced" grep -q \
    "^vinyl 12in33 (12-inch LP at 33 1/3 rpm), sides balanced by reel" \
    "$T/lay.out"
check "side A: song 1, 0:05 of 24:00" grep -q \
    "^side A  0:05 of 24:00 12in33  song 1$" "$T/lay.out"
check "side B: songs 2-3, 0:08 (4.61 + 4.2 - 0.3 s)" grep -q \
    "^side B  0:08 of 24:00 12in33  songs 2-3$" "$T/lay.out"

run_to cd "$REEL" -q --config "$T/c48.ini" --album "$A" \
    -c "deliver cd $T/out dither=off force=yes"
[ "$RC" -eq 0 ] || { cat "$T/cd.err"; fail "deliver cd: exit $RC"; }
# The CUE's INDEX lines, 2 s (150 sectors) later, against album-layout's.
python3 - "$T/out/disc.cue" "$T/lay.out" > "$T/cmp.txt" <<'PY'
import re, sys
f = lambda m: (int(m[0]) * 60 + int(m[1])) * 75 + int(m[2])
cue, tr = [], 0
for l in open(sys.argv[1]):
    m = re.match(r"\s*TRACK (\d+)", l)
    if m: tr = int(m.group(1))
    m = re.match(r"\s*INDEX (\d+) (\d+):(\d+):(\d+)", l)
    if m: cue.append((tr, int(m.group(1)), f(m.groups()[1:]) + 150))
lay = []
for l in open(sys.argv[2]):
    m = re.match(r"\s+(\d+)  (\d+):(\d+):(\d+)  \S+  (\d+):(\d+):(\d+)(.*)", l)
    if not m: continue
    t, g = int(m.group(1)), m.groups()
    if t > 1 and f(g[4:7]) > 0: lay.append((t, 0, f(g[1:4]) - f(g[4:7])))
    lay.append((t, 1, f(g[1:4])))
    for k, mm, ss, ff in re.findall(r"(\d\d) (\d+):(\d+):(\d+)", g[7]):
        lay.append((t, int(k), f((mm, ss, ff))))
print("cue", sorted(cue)); print("lay", sorted(lay))
print("same" if sorted(cue) == sorted(lay) and len(cue) == 5 else "differ")
PY
cat "$T/cmp.txt"
check "deliver cd's CUE has the same 5 indexes" grep -qx same "$T/cmp.txt"
done_test
