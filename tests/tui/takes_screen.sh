#!/bin/sh
# The Takes screen (issue 8, items 13 and 6): track v with 12 takes of 8 s
# (imported; 120 BPM, a bar is 2 s = 96000 frames) and take 13 of 1 s.
#   t asks for a take number: take 11 is picked (no digit could);
#   3 switches to Mix, as the header says;
#   ratings 4 and 5 show differently (five cells each), and 0 too;
#   the selected take's note shows in the header, and on its lane;
#   comp labels of takes 2, 10 and 4 side by side read 2=|10|4=;
#   c cycles only the range under the cursor, also when the take it puts
#     there is the neighbour's (it was merged with it, and the next c
#     changed both);
#   a selection past the end of take 13 is picked only as far as the take
#     goes (and it says so); one wholly past it is refused;
#   p auditions a take and stops at its end by itself (real time).
. "$(dirname "$0")/lib.inc"
need sox

B=96000
sox -n -r 48000 -c 1 -b 24 "$T/a.wav" synth 8 sine 440 vol 0.5
sox -n -r 48000 -c 1 -b 24 "$T/s.wav" synth 1 sine 440 vol 0.5
P=$T/song
imports=""
for i in 1 2 3 4 5 6 7 8 9 10 11 12; do
	imports="$imports import $T/a.wav track=v;"
done
run_to setup reel_cfg -q "$P" -c "tempo 120; $imports import $T/s.wav track=v;
    take v 1; rate v 4 4; rate v 5 5; take-note v 2 the keeper, sharp on 3"
[ "$RC" -eq 0 ] || { cat "$T/setup.err"; fail "setting up: reel exited $RC"; }
head -c 192000 /dev/zero > "$T/in.raw"
file_devices "$T/in.raw" /dev/null
config_write "$CFG" "freewheel = no"

comps() {
	for i in 1 2 3 4 5 6; do
		ini_get "$P/project.ini" "track v" comp-$i
	done | cut -d' ' -f1-3 | tr '\n' ','
}

tui_start -e LC_ALL=C.UTF-8 --device reeltest --sample-format S32_LE \
    --config "$CFG" "$P"
check "the interface comes up" tui_wait "STOP" 15
tui_keys 2
check "2 opens the Takes screen" tui_wait "takes of v: 13"

# Any take by number.
tui_keys t
check "t asks for a take number" tui_wait ":pick"
tui_type 11
tui_keys Enter
check "take 11 becomes the whole comp" tui_wait "take 11 is the whole comp"
check "project.ini: take 11 over 0..8 s" [ "$(comps)" = "0 384000 11," ]

# The header's tabs are true here.
tui_keys 3
check "3 switches to the Mix screen" tui_wait "master"
tui_keys 2
check "2 back to Takes" tui_wait "takes of v: 13"

# Ratings and notes: select take 2, then 4 and 5 (j moves down a lane).
tui_keys k k k k k k k k k k k k k
tui_keys j
check "the header shows take 2's note" \
    tui_wait "take 2  0:00.000..0:08.000  ☆☆☆☆☆ 0 of 5  note: the keeper, sharp on 3"
tui_screen > /dev/null
check "take 2's lane carries the note" \
    grep -q "^  take 2      2 the keeper, sharp on 3" "$T/screen.txt"
tui_keys j j
check "take 4 is rated 4: four of five" tui_wait "take 4  0:00.000..0:08.000  ★★★★☆ 4 of 5"
tui_screen > /dev/null
# The row below a lane's name: its length and rating (13 characters).
rating_of() {
	tui_cells "$(grep -n "^  take $1 " "$T/screen.txt" | cut -d: -f1)" 0 13
}
r3=$(rating_of 3)
r4=$(rating_of 4)
r5=$(rating_of 5)
say "    take 3: '$r3', take 4: '$r4', take 5: '$r5'"
check "ratings 0, 4 and 5 differ in the lanes" \
    sh -c "[ '$r4' = '  0:08  ★★★★☆' ] && [ '$r5' = '  0:08  ★★★★★' ] &&
    [ '$r3' = '  0:08  ☆☆☆☆☆' ]"

# Takes 2, 10 and 4 side by side: comps typed at the prompt.
tui_keys :
tui_type "comp v 2 0 1|3; comp v 10 1|3 2|1; comp v 4 2|1 2|3; comp v 9 2|3 3|1"
tui_keys Enter
check "the comp is typed at the prompt (the last one confirmed)" \
    tui_wait "v take 9 over 2|3 to 3|1"
tui_keys 0
check "0 fits the takes" tui_wait "|2"
tui_screen > /dev/null
row=$(grep -n '^ comp ' "$T/screen.txt" | cut -d: -f1)
comp=$(tui_cells $((row - 1)) 14 66)
say "    comp lane: $comp"
check "the comp lane separates the ranges: 2=..|10..|4=..|9=..|11" \
    sh -c "printf '%s' '$comp' | grep -Eq '^2=*[|]10=*[|]4=*[|]9=*[|]11=* *$'"

# Cycle: comp 1 over 0..2|1, 2 over 2|1..3|1, 3 over 3|1..5|1.
tui_keys :
tui_type "take v 3; comp v 1 0 2|1; comp v 2 2|1 3|1"
tui_keys Enter
check "the comp is 1, 2, 3" tui_wait "v take 2 over 2|1 to 3|1"
check "project.ini: 1, 2, 3" \
    [ "$(comps)" = "0 $B 1,$B $((2 * B)) 2,$((2 * B)) $((4 * B)) 3," ]
# The cursor to 2|2 (in take 2's range).
tui_keys :
tui_type "cursor 2|2"
tui_keys Enter
tui_keys c
check "c puts take 3 (the next after 2) over 2|1..3|1" \
    tui_wait "take 3 over 2|1..3|1, was take 2"
check "project.ini: take 3 from 2|1 (one range now)" \
    [ "$(comps)" = "0 $B 1,$B $((4 * B)) 3," ]
tui_keys c
check "c again: take 4 over 2|1..3|1 only" \
    tui_wait "take 4 over 2|1..3|1, was take 3"
got=$(comps)
say "    comp: $got"
check "project.ini: take 3 still plays from 3|1 (its range untouched)" \
    [ "$got" = "0 $B 1,$B $((2 * B)) 4,$((2 * B)) $((4 * B)) 3," ]

# Take 13 is 1 s long: a selection 1|1..2|1 (0..2 s) goes as far as it
# does; one from 2|1 on has none of it.
tui_keys :
tui_type "cursor 1|1; mark; cursor 2|1"
tui_keys Enter
tui_keys t
tui_type 13
tui_keys Enter
check "picking take 13 over 1|1..2|1 stops at its end (message)" \
    tui_wait "take 13 over 1|1..1|3 (as far as it goes)"
check "project.ini: take 13 over 0..1 s only" \
    [ "$(comps)" = "0 48000 13,48000 $B 1,$B $((2 * B)) 4,$((2 * B)) $((4 * B)) 3," ]
tui_keys :
tui_type "mark 2|1 3|1"
tui_keys Enter
tui_keys t
tui_type 13
tui_keys Enter
check "a selection wholly past take 13 is refused" \
    tui_wait "comp: START END: take 13 of v has audio only over 0:00"
check "project.ini unchanged" \
    [ "$(comps)" = "0 48000 13,48000 $B 1,$B $((2 * B)) 4,$((2 * B)) $((4 * B)) 3," ]

# Audition take 13 (1 s) from 1|1: it ends by itself in real time.
tui_keys x :
tui_type "cursor 1|1; select last"
tui_keys Enter
check "take 13 selected" tui_wait "take 13  0:00.000..0:01.000"
tui_keys p
check "p auditions the take" tui_wait "PLAY" 5
check "and stops at its end by itself" tui_wait "STOP" 10
tui_keys 4
check "the Log says where it stopped (its end, 0:01)" \
    tui_wait "stopped at 0:01.0"
tui_keys Escape

tui_keys q
check "q quits" tui_wait_exit 10
check "reel exited with status 0" [ "$TUI_RC" = 0 ]
check "nothing on stderr (sanitizers, stray prints)" \
    sh -c "! grep -q . '$T/tui.err'"
[ -s "$T/tui.err" ] && sed 's/^/    stderr: /' "$T/tui.err" | head -n 20
done_test
