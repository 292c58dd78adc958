#!/bin/sh
# Roles and the arrangement grid (issue 10, item 3).  At 480 bpm in 4/4
# (a bar is 0.5 s = 24000 frames): drums plays 0-3 s (no clips, its comp),
# vox (lead) a 1 s take at 0.3 s split at 0.8 s with the second half moved
# to 2.2 s, pad a 0.5 s take at 1.6 s duplicated twice, bass nothing.
# Sections Intro 1-2, Verse 3-4, Chorus 5-6, Outro 7.  Python computes
# each track's coverage of each section from project.ini's comp ranges
# and [clip] positions (a comp clip plays where the comp has audio in
# its source range), the elements (tracks covering any of a section) and
# whether a lead is among them; arrangement-export must say the same.
# Moving a clip changes the table the same way.
. "$(dirname "$0")/../lib/common.sh"
need sox python3

sox -n -r 48000 -c 1 "$T/s3.wav" synth 3 sine 440 2>/dev/null
sox -n -r 48000 -c 1 "$T/s1.wav" synth 1 sine 330 2>/dev/null
sox -n -r 48000 -c 1 "$T/s05.wav" synth 0.5 sine 550 2>/dev/null
P=$T/song
run_to s0 "$REEL" --config "$CFG" "$P" -c "tempo 480; snap off;
    import $T/s3.wav track=drums; role drums drums;
    import $T/s1.wav track=vox at=0.3; role vox lead; split vox 0.8;
    move vox 0.9 2.2; import $T/s05.wav track=pad at=1.6; role pad pad;
    duplicate pad 1.7 count=2; track-add bass; role bass bass;
    section-add Intro 1 2; section-add Verse 3 2; section-add Chorus 5 2;
    section-add Outro 7 1; arrangement-export $T/grid.txt"
[ "$RC" -eq 0 ] || { cat "$T/s0.err"; fail "setup: exit $RC"; }

# grid_check NAME: the table against Python's from project.ini.
grid_check() {
	cat "$T/grid.txt"
	py "$P/project.ini" "$T/grid.txt" <<'EOF2'
import configparser, sys
from reellib import *
ini = configparser.ConfigParser(interpolation=None, strict=False)
ini.optionxform = str
ini.read(sys.argv[1])
table = open(sys.argv[2]).read().split('\n')
bar = 24000
secs = [(s[8:], int(ini[s]['bar']), int(ini[s]['bars']))
        for s in ini.sections() if s.startswith('section ')]
tracks = [s[6:] for s in ini.sections() if s.startswith('track ')]
def comp(t):
    return [tuple(map(int, v.split()[:2])) for k, v in ini['track ' + t].items()
            if k.startswith('comp-')]
def cover(t):
    clips = [ini[s] for s in ini.sections() if s.startswith('clip %s ' % t)]
    if not clips:
        return comp(t)
    out = []
    for c in clips:
        assert c['source'] == 'comp'
        pos, ln, off = int(c['position']), int(c['length']), int(c['offset'])
        for a, b in comp(t):
            a, b = max(a, off), min(b, off + ln)
            if b > a:
                out.append((pos + a - off, pos + b - off))
    return out
def covered(iv, a, b):
    pts = sorted((max(x, a), min(y, b)) for x, y in iv if min(y, b) > max(x, a))
    tot, end = 0, a
    for x, y in pts:
        if y > end:
            tot += y - max(x, end); end = y
    return tot
want = {}
for t in tracks:
    want[t] = [covered(cover(t), (b0 - 1) * bar, (b0 - 1 + n) * bar) /
               (n * bar) for _, b0, n in secs]
rows = {r.split()[0]: r.split() for r in table if r.strip()}
check(rows['track'][2:] == [s[0] for s in secs], 'sections as columns')
for t in tracks:
    got = [float(x.rstrip('%')) for x in rows[t][2:]]
    check(rows[t][1] == ini['track ' + t]['role'], '%s role' % t)
    check(all(abs(g - 100 * w) < 0.05 for g, w in zip(got, want[t])) and
          len(got) == len(secs),
          '%s covers %s (%s)' % (t, ' '.join('%.1f%%' % (100 * w)
          for w in want[t]), rows[t][2:]))
el = [sum(1 for t in tracks if want[t][j] > 0) for j in range(len(secs))]
lead = ['yes' if any(want[t][j] > 0 and ini['track ' + t]['role'] == 'lead'
        for t in tracks) else 'no' for j in range(len(secs))]
check([int(x) for x in rows['elements'][1:]] == el, 'elements %s' % el)
check(rows['lead'][1:] == lead, 'lead %s' % lead)
EOF2
	[ $? -eq 0 ] && ok "$1: coverage, roles, elements and lead as" \
	    "computed from project.ini" || soft_fail "$1: the grid"
}
grid_check "as set up"
# Not a copy of what was expected: these figures themselves.
grep -q '^vox  *lead  *50.0%  *0.0%  *50.0%  *0.0%$' "$T/grid.txt" &&
    grep -q '^pad  *pad  *0.0%  *40.0%  *100.0%  *20.0%$' "$T/grid.txt" &&
    ok "vox covers 50% of Intro and Chorus, pad 40% of Verse, 20% of Outro" ||
    soft_fail "the grid's figures"

run_to s1 "$REEL" --config "$CFG" "$P" -c "move vox 2.3 1.1;
    delete pad 1.7; role drums lead; arrangement-export $T/grid.txt"
[ "$RC" -eq 0 ] || { cat "$T/s1.err"; soft_fail "edit: exit $RC"; }
grid_check "after moving and deleting clips"

# A bad role names the choices.
run_to r "$REEL" --config "$CFG" "$P" -c "role bass singer"
grep -q "lead" "$T/r.err" && [ "$RC" -eq 1 ] &&
    ok "role refuses an unknown role: $(head -n1 "$T/r.err")" ||
    soft_fail "role singer accepted"
done_test
