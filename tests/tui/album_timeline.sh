#!/bin/sh
# The Album screen at 80x24 draws the disc and the vinyl sides: before
# measuring it says to measure; after m, a timeline 79:57 wide (62.3 s a
# cell) with track 1 (170 s) as "1^=" (its index at 100 s a '^'), the
# 600 s pause before track 2 as nine '.' cells, then "2"; the total
# "CD 12:57 of 79:57"; side A 2:50 and side B 0:05 of 24:00 (12in33),
# and of 15:00 after v (12in45); `gap 2 0` redraws it (2:57, "1^2":
# track 2 in the cell where track 1 ends).
# An album of 90:52 (ten 5 s songs, nine 600 s pauses) shows the
# over-limit warning, the cells past 79:57 as '!' (with the last track's
# number, 10, over them) and a bar ending in '!', without colour and in
# ASCII.
. "$(dirname "$0")/lib.inc"
need sox

sox -D -n -r 48000 -c 1 -b 16 "$T/long.wav" synth 170 sine 440 gain -20
sox -D -n -r 48000 -c 1 -b 16 "$T/short.wav" synth 5 sine 440 gain -20
run_to mk reel_cfg -q "$T/Long" -c "import $T/long.wav track=a"
[ "$RC" -eq 0 ] || { cat "$T/mk.err"; fail "song Long: exit $RC"; }
run_to mk reel_cfg -q "$T/S1" -c "import $T/short.wav track=a"
[ "$RC" -eq 0 ] || { cat "$T/mk.err"; fail "song S1: exit $RC"; }
for i in 2 3 4 5 6 7 8 9 10; do
	cp -R "$T/S1" "$T/S$i"
done
run_to add reel_cfg -q --album "$T/alb" -c "album-add $T/Long;
    album-add $T/S1; gap 2 600; index 1 100"
[ "$RC" -eq 0 ] || { cat "$T/add.err"; fail "album: exit $RC"; }
# Ten 5 s songs, nine 600 s pauses: 2 + 5 + 9 * 605 s = 90:52.
cmds="album-add $T/S1"
for i in 2 3 4 5 6 7 8 9 10; do
	cmds="$cmds; album-add $T/S$i; gap $i 600"
done
run_to add2 reel_cfg -q --album "$T/over" -c "$cmds"
[ "$RC" -eq 0 ] || { cat "$T/add2.err"; fail "album 2: exit $RC"; }

tui_start -e LC_ALL=C.UTF-8 --config "$CFG" --album "$T/alb"
check "the Album screen comes up" tui_wait "Album " 15
check "before measuring: measure (m) to draw the disc" \
    tui_wait "measure (m) to draw the disc"
tui_keys m
check "m: the timeline with track 1, its index, the pause, track 2" \
    tui_wait " [1^=.........2   " 60
check "the total against the limit" \
    tui_wait " CD 12:57 of 79:57 (74:00 fits every player)"
check "side A: song 1, 2:50 of 24:00" \
    tui_wait " side A  2:50 of 24:00 12in33  song 1"
check "side B: song 2, 0:05 of 24:00" \
    tui_wait " side B  0:05 of 24:00 12in33  song 2"
tui_keys v
check "v: the sides against 12in45's 15:00" \
    tui_wait " side A  2:50 of 15:00 12in45  song 1"
tui_keys :
tui_type "gap 2 0"
tui_keys Enter
check "a gap changed redraws the disc: 2:57, track 2 after track 1" \
    tui_wait " CD 2:57 of 79:57" 10
check "the pause is gone from the timeline" tui_wait " [1^2   "
tui_keys q
tui_keys q
check "q quits" tui_wait_exit 10
check "nothing on stderr (sanitizers, stray prints)" \
    sh -c "! grep -q . '$T/tui.err'"
[ -s "$T/tui.err" ] && sed 's/^/    stderr: /' "$T/tui.err" | head -n 20

tui_start -e LC_ALL=C -e NO_COLOR=1 --config "$CFG" --album "$T/over"
check "the long album comes up (ASCII, no colour)" tui_wait "Album " 15
tui_keys m
check "90:52 over the limit: the warning" \
    tui_wait " CD 90:52 OVER the 79:57 limit by 10:55: too long for a CD" 60
check "the timeline: every track's number, '!' past 79:57" tui_wait \
    " [1.......2........3.......4........5.......6........7.......8........9!!!!!!10!"
check "every song in the table above it" tui_wait "10 S10"
check "four sides" tui_wait " side D "
tui_keys q
tui_keys q
check "q quits" tui_wait_exit 10
check "nothing on stderr (sanitizers, stray prints)" \
    sh -c "! grep -q . '$T/tui.err'"
[ -s "$T/tui.err" ] && sed 's/^/    stderr: /' "$T/tui.err" | head -n 20
done_test
