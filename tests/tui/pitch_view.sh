#!/bin/sh
# The pitch view (issue 14, item 6): a track of A4, C5 and E5 (0.5 s each,
# made with sox).  At 80x24, T on the Arrangement opens the detected
# pitch against the scale's lines: the note rows are labelled, the pitch
# is drawn (braille in UTF-8) in runs on the rows of A4, C5 and E5 and
# at most a cell (a note's onset) on any other; in ASCII (LC_ALL=C, no
# colour) the marks ('*', or '^' and 'v' sharp and flat) on the same
# rows; key= scale= leave only the scale's lines (no C#5 in A minor); T
# closes it.  --plain: pitch-view gives the listing, a line per note.
. "$(dirname "$0")/lib.inc"
need sox

sox -n -r 48000 -c 1 -b 24 "$T/seq.wav" synth 0.5 sine 440 : \
    synth 0.5 sine 523.2511 : synth 0.5 sine 659.2551 vol 0.5 2>/dev/null
P=$T/song
run_to setup reel_cfg -q "$P" -c "import $T/seq.wav track=seq"
[ "$RC" -eq 0 ] || { cat "$T/setup.err"; fail "setting up: reel exited $RC"; }
head -c 192000 /dev/zero > "$T/in.raw"
file_devices "$T/in.raw" /dev/null

# rows_with TEXT: the labels (first word) of the rows where TEXT shows
# right of the label column, one line.
rows_with() {
	cut -c6- "$T/screen.txt" > "$T/right.txt"
	paste -d'|' "$T/screen.txt" "$T/right.txt" | grep -F -- "$1" |
	    grep -F -- "|" | awk -F'|' -v m="$1" 'index($2, m) { print $1 }' |
	    awk '{ print $1 }' | sort -u | tr '\n' ' '
}

tui_start -e LC_ALL=C.UTF-8 --device reeltest --sample-format S32_LE \
    --config "$CFG" "$P"
check "the interface comes up" tui_wait "STOP" 15
tui_keys T
check "T opens the pitch view" tui_wait "Pitch of seq" 10
tui_screen > /dev/null
cat "$T/screen.txt"
for n in A4 C5 E5 G#4 F5; do
	check "the row of $n is labelled" grep -q "^$n " "$T/screen.txt"
done
# marks CHARS: per labelled row, the cells holding one of CHARS (braille:
# any of U+2801..U+28FF); the three notes' rows hold a run of 20 cells
# or more each, every other row 1 at most (a note's onset).
marks() {
	py "$T/screen.txt" "$1" <<'EOF'
from reellib import *
rows = {}
for l in open(sys.argv[1], encoding='utf-8'):
    w = l.split(' ', 1)
    if len(w[0]) < 2 or w[0][0] not in 'ABCDEFG' or not w[0][-1].isdigit():
        continue
    body = l[5:].rstrip('\n')
    rows[w[0]] = sum(1 for c in body if (0x2801 <= ord(c) <= 0x28ff
        if sys.argv[2] == 'braille' else c in sys.argv[2]))
check(len(body) <= 75, 'the view fits 80 columns (%d)' % (len(body) + 5))
check(all(rows.get(n, 0) >= 20 for n in ('A4', 'C5', 'E5')),
      '%s: A4, C5, E5 rows: %s cells' % (sys.argv[2],
      [rows.get(n, 0) for n in ('A4', 'C5', 'E5')]))
other = dict((k, v) for k, v in rows.items() if k not in ('A4', 'C5', 'E5')
    and v)
check(all(v <= 1 for v in other.values()), '%s: other rows: %s' %
      (sys.argv[2], other))
done()
EOF
}
marks braille || soft_fail "the pitch in braille"
tui_keys T
check "T closes it" tui_wait_gone "Pitch of seq" 10
tui_type ":pitch-view seq key=A scale=minor"
tui_keys Enter
check "pitch-view key=A scale=minor" tui_wait "against A minor" 10
tui_screen > /dev/null
check "A minor: the row of C5 is labelled" grep -q "^C5 " "$T/screen.txt"
check "A minor: no row of C#5" sh -c "! grep -q '^C#5 ' '$T/screen.txt'"
tui_keys q
tui_wait_exit 10

# ASCII and monochrome.
tui_start -e LC_ALL=C -e NO_COLOR=1 --device reeltest \
    --sample-format S32_LE --config "$CFG" "$P"
check "up in ASCII" tui_wait "STOP" 15
tui_keys T
check "ASCII: T opens the pitch view" tui_wait "Pitch of seq" 10
tui_screen > /dev/null
cat "$T/screen.txt"
marks '*^v' || soft_fail "the pitch in ASCII"
tui_keys q
tui_wait_exit 10

# --plain: the listing.
printf 'pitch-view seq\nquit\n' | "$REEL" --plain --config "$CFG" "$P" \
    > "$T/plain.out" 2> "$T/plain.err"
cat "$T/plain.out"
check "--plain: pitch-view lists A4" grep -q " A4 " "$T/plain.out"
check "--plain: C5 and E5" sh -c "grep -q ' C5 ' '$T/plain.out' &&
    grep -q ' E5 ' '$T/plain.out'"
done_test
