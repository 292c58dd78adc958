#!/bin/sh
# The Arrangement by keys only (issue 10), at 80x24: on a 120 bpm song of
# one stereo track (16 s of sine), S adds Intro 1-2, Verse 3-4, Chorus
# 5-6; } jumps to the chorus, C copies it to the end; { jumps back to the
# verse, E deletes it; home, L, x split the clip at 2 s and f fades its
# right part in over 50 ms.  The sections row reads [Intro [Chorus
# [Chorus-2, the lane shows the clips' edges, and the render is what
# Python computes from the take file: the song without the verse, the
# chorus twice, 5 ms equal-power fades at the section cuts and the 50 ms
# fade (max error < 1e-6).
. "$(dirname "$0")/lib.inc"
need sox python3

sox -n -r 48000 -c 2 -b 24 "$T/long.wav" synth 16 sine 440 sine 330 \
    vol 0.5 2>/dev/null
P=$T/song
run_to setup reel_cfg -q "$P" -c "tempo 120; import $T/long.wav track=v"
[ "$RC" -eq 0 ] || { cat "$T/setup.err"; fail "setting up: exit $RC"; }

tui_start -e LC_ALL=C.UTF-8 --device null --config "$CFG" "$P"
check "the interface comes up" tui_wait "STOP" 15
# prompt KEY TEXT CONFIRMATION: a key that opens the prompt, the rest
# typed, Enter, and the confirmation on the message line.
prompt() {
	tui_keys "$1"
	tui_wait ":" 5 >/dev/null
	tui_type "$2"
	tui_keys Enter
	tui_wait "$3" 5 || soft_fail "key $1 '$2': no '$3'"
}
prompt S "Intro 1 2" "section Intro: bar 1"
prompt S "Verse 3 2" "section Verse: bar 3"
prompt S "Chorus 5 2" "section Chorus: bar 5"
tui_keys "}" "}"
tui_wait "at 0:08.000 (bar 5|1)" 5 || soft_fail "} } did not reach the chorus"
prompt C "end" "copied Chorus as Chorus-2"
tui_keys "{"
tui_wait "at 0:04.000 (bar 3|1)" 5 || soft_fail "{ did not reach the verse"
tui_keys E
tui_wait "deleted section Verse" 5 || soft_fail "E did not delete the verse"
tui_keys Home L
tui_wait "at 0:02.000 (bar 2|1)" 5 || soft_fail "home L: not at bar 2"
tui_keys x
tui_wait "split v at 0:02.000" 5 || soft_fail "x did not split"
prompt f "50" "v clip fades in over 50 ms (equal-power)"
tui_screen > /dev/null
sections=$(tui_cells 2 14 66)
lane=$(tui_cells 3 14 66)
say "    sections: $sections"
say "    lane:     $lane"
names=$(printf '%s\n' "$sections" | grep -o '\[[A-Za-z0-9_.]*\(-2\)*' |
    tr -d '[' | tr '\n' ' ')
[ "$names" = "Intro Chorus Chorus-2 " ] &&
    ok "the sections row reads Intro, Chorus, Chorus-2" ||
    soft_fail "the sections row: '$names'"
n=$(printf '%s' "$lane" | tr -cd '[' | wc -c)
[ "$n" -ge 4 ] && ok "the lane shows $n clip starts" ||
    soft_fail "the lane shows $n clip starts ('[')"
tui_keys q
tui_wait_exit 10 || soft_fail "q did not quit"

run_to r reel_cfg "$P" -c "render keys.wav format=wav32f"
[ "$RC" -eq 0 ] || { cat "$T/r.err"; fail "render: exit $RC"; }
py "$P/audio/v-1.wav" "$P/renders/keys.wav" <<'PYEOF'
import math, sys
from reellib import *
_, _, x = read_wav(sys.argv[1])
_, _, y = read_wav(sys.argv[2])
R = 48000
def fi(k, n):
    return math.sin(math.pi / 2 * k / n) if k < n else 1.0
def fo(t, e, n):
    return math.sin(math.pi / 2 * (e - t) / n) if t >= e - n else 1.0
F = 240
want = [[0.0] * 16 * R for c in range(2)]
for c in range(2):
    for t in range(16 * R):
        if t < 2 * R:                       # Intro, before the split
            v = x[c][t]
        elif t < 4 * R:                     # its faded right part
            v = x[c][t] * fi(t - 2 * R, 2400) * fo(t, 4 * R, F)
        elif t < 8 * R:                     # the Chorus, moved up
            v = x[c][t + 4 * R] * fi(t - 4 * R, F) * fo(t, 8 * R, F)
        elif t < 12 * R:                    # its copy
            v = x[c][t] * fi(t - 8 * R, F) * fo(t, 12 * R, F)
        else:                               # the rest of the take
            v = x[c][t] * fi(t - 12 * R, F)
        want[c][t] = v
m = max(maxdiff(y[c], want[c])[0] for c in range(2))
check(len(y[0]) == 16 * R and m < 1e-6,
      'render (%d frames) = Intro, Chorus, Chorus, the rest, with the '
      'fades: max error %.3g' % (len(y[0]), m))
done()
PYEOF
[ $? -eq 0 ] || soft_fail "the render of the edited song"
done_test
