#!/bin/sh
# The Arrangement's time selection and the editing form, by keys only, at
# 80x24 in ASCII without colour (issues 10 and 14).  On a 120 bpm song of
# one stereo track (16 s: 440 Hz left, 330 Hz right): S adds Intro 1-2,
# Verse 3-4, Chorus 5-6; } } C copies the chorus to the end, { E deletes
# the verse.  Home L I (2 s) right right O (3 s) select a second, which
# the ruler shows as > <, the status line as "sel 2|1 +0:01.000"; /
# splits the clip at both edges, f and F fade the selected clip in over
# 50 ms and out over 100 ms; o loops the selection; p opens the form, tab
# picks shift, pgup right right nudge semitones to 12, enter types cents
# 5, a applies it.  W renders the selection.
#
# Checked against Python: the render equals the song computed from the
# take file (sections, 5 ms equal-power fades at the section cuts, the
# two fades of the selected clip) outside the selection, max error
# < 1e-6; inside it both channels measure 440 and 330 Hz shifted up 1205
# cents (zero crossings, within 3 cents); the range render is the full
# render's 2..3 s; the loop is the selection.
. "$(dirname "$0")/lib.inc"
need sox python3

sox -n -r 48000 -c 2 -b 24 "$T/long.wav" synth 16 sine 440 sine 330 \
    vol 0.5 2>/dev/null
P=$T/song
run_to setup reel_cfg -q "$P" -c "tempo 120; import $T/long.wav track=v"
[ "$RC" -eq 0 ] || { cat "$T/setup.err"; fail "setting up: exit $RC"; }

tui_start -e LC_ALL=C -e NO_COLOR=1 --device null --config "$CFG" "$P"
check "the interface comes up" tui_wait "STOP" 15
prompt() {
	tui_keys "$1"
	tui_wait ":" 5 >/dev/null
	tui_type "$2"
	tui_keys Enter
	tui_wait "$3" 5 || soft_fail "key $1 '$2': no '$3'"
}
# field NAME VALUE: the form's selected field NAME shows VALUE (blanks
# between them as drawn), within 5 s.
field() {
	_i=0
	while [ $_i -lt 50 ]; do
		tui_tmux capture-pane -p | tr -s ' ' | grep -qF -- "> $1 $2 " &&
			return 0
		sleep 0.1
		_i=$((_i + 1))
	done
	tui_screen | sed -n 12,22p | sed 's/^/    | /'
	return 1
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

# The selection: in at 2 s, out at 3 s.
tui_keys Home L
tui_wait "at 0:02.000 (bar 2|1)" 5 || soft_fail "home L: not at bar 2"
tui_keys I
tui_wait "selection in at 0:02.000" 5 || soft_fail "I did not mark in"
tui_keys Right Right O
check "O: the message gives the selection in time and bar|beat" \
    tui_wait "selection 0:02.000 to 0:03.000 (bar 2|1 to 2|3), 0:01.000" 5
check "the status line shows it" tui_wait "sel 2|1 +0:01.000" 5
tui_screen > /dev/null
ruler=$(tui_cells 1 14 66)
say "    ruler: $ruler"
# 16 s over 66 columns (zoom fit: 16 * 1.04 s wide): 2 s is column 7
# or 8, 3 s column 11 or 12.
gt=$(printf '%s' "$ruler" | awk '{ print index($0, ">") - 1 }')
lt=$(printf '%s' "$ruler" | awk '{ print index($0, "<") - 1 }')
[ "$gt" -ge 7 ] && [ "$gt" -le 8 ] && [ "$lt" -ge 11 ] && [ "$lt" -le 12 ] &&
    ok "the ruler marks the selection > at column $gt, < at column $lt" ||
    soft_fail "the ruler's selection marks: > at $gt, < at $lt"

tui_keys /
tui_wait "split v at 0:03.000" 5 || soft_fail "/ did not split at 2 s and 3 s"
prompt f "50" "v clip fades in over 50 ms (equal-power)"
prompt F "100" "v clip fades out over 100 ms (equal-power)"
tui_keys o
tui_wait "loop 2|1 to 2|3" 5 || soft_fail "o did not loop the selection"

# The editing form over the selection: shift by 12 semitones 5 cents.
tui_keys p
check "p opens the form over the selection" tui_wait "edit: [denoise]" 5
i=0
while ! tui_tmux capture-pane -p | grep -qF "[shift]" && [ $i -lt 8 ]; do
	tui_keys Tab
	sleep 0.2
	i=$((i + 1))
done
check "tab picks shift" tui_wait "[shift]" 5
tui_keys PPage Right Right
check "pgup right right nudge semitones to 12" field semitones 12
tui_keys Down Enter
tui_wait ":form set cents=" 5 >/dev/null || soft_fail "enter: no prompt"
tui_type "5"
tui_keys Enter
check "a typed value shows in its field" field cents 5
tui_keys a
check "a applies shift over the selection" \
    tui_wait "shift v: audio/v.shift-1.wav" 30
tui_wait_gone "edit: " 5 || soft_fail "the form stayed open after apply"
tui_keys W
check "W renders the selection" tui_wait "rendered" 30
tui_screen > /dev/null
tui_keys q
tui_wait_exit 10 || soft_fail "q did not quit"
check "reel ends with status 0, sanitizers quiet" [ "$TUI_RC" = 0 ] ||
    cat "$T/tui.err"

check "the project's loop is the selection" \
    grep -q '^loop = 96000 144000$' "$P/project.ini"
part=$(ls -t "$P"/renders/*.wav 2>/dev/null | head -n 1)
[ -n "$part" ] || fail "W left no render in renders/"
run_to r reel_cfg "$P" -c "render keys.wav format=wav32f dither=off"
[ "$RC" -eq 0 ] || { cat "$T/r.err"; fail "render: exit $RC"; }
py "$P/audio/v-1.wav" "$P/renders/keys.wav" "$part" <<'PYEOF'
import math, sys
from reellib import *
_, _, x = read_wav(sys.argv[1])
_, _, y = read_wav(sys.argv[2])
_, _, z = read_wav(sys.argv[3])
R = 48000
def fi(k, n):
    return math.sin(math.pi / 2 * k / n) if k < n else 1.0
def fo(t, e, n):
    return math.sin(math.pi / 2 * (e - t) / n) if t >= e - n else 1.0
F = 240
want = [[0.0] * 16 * R for c in range(2)]
for c in range(2):
    for t in range(16 * R):
        if t < 2 * R:                       # Intro, before the selection
            v = x[c][t]
        elif t < 3 * R:                     # the selection: shifted
            v = 0.0
        elif t < 4 * R:                     # the rest of the Intro
            v = x[c][t] * fo(t, 4 * R, F)
        elif t < 8 * R:                     # the Chorus, moved up
            v = x[c][t + 4 * R] * fi(t - 4 * R, F) * fo(t, 8 * R, F)
        elif t < 12 * R:                    # its copy
            v = x[c][t] * fi(t - 8 * R, F) * fo(t, 12 * R, F)
        else:                               # the rest of the take
            v = x[c][t] * fi(t - 12 * R, F)
        want[c][t] = v
out = [y[c][:2 * R] + y[c][3 * R:] for c in range(2)]
ref = [want[c][:2 * R] + want[c][3 * R:] for c in range(2)]
m = max(maxdiff(out[c], ref[c])[0] for c in range(2))
check(len(y[0]) == 16 * R and m < 1e-6,
      'render (%d frames) outside the selection = Intro, Chorus, Chorus, '
      'the rest, with the fades: max error %.3g' % (len(y[0]), m))

def freq(s):
    """Frequency by linearly interpolated rising zero crossings."""
    cr = [i + s[i] / (s[i] - s[i + 1]) for i in range(len(s) - 1)
          if s[i] < 0 <= s[i + 1]]
    return (len(cr) - 1) * R / (cr[-1] - cr[0])
for c, f0 in ((0, 440.0), (1, 330.0)):
    # Inside the fades: 2.1 s to 2.85 s.
    f = freq(y[c][int(2.1 * R):int(2.85 * R)])
    want_f = f0 * 2 ** (1205 / 1200.0)
    cents = 1200 * math.log2(f / want_f)
    check(abs(cents) < 3, 'the selection of channel %d plays %.2f Hz, '
          '%.2f cents from %.2f Hz (%g Hz + 1205 cents)' %
          (c + 1, f, cents, want_f, f0))
n = len(z[0])
m = max(maxdiff(z[c], y[c][2 * R:2 * R + n])[0] for c in range(2))
check(n == R and m < 1e-4, 'the selection\'s render (%d frames) is the '
      'song\'s 2..3 s: max error %.3g' % (n, m))
done()
PYEOF
[ $? -eq 0 ] || soft_fail "the renders of the edited song"
done_test
