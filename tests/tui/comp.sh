#!/bin/sh
# Comping on the Takes screen by keyboard alone (issue 4, item 6): three
# takes of 4 bars at 120 BPM in 4/4 (a bar is 2 s = 96000 frames, a beat
# 24000), the lanes over a bar|beat ruler with the comp highlighted; the
# cursor moved by bars and beats, a selection marked with v, take 2 put
# over it with the key 2 (project.ini's comp lines in frames), undone with
# u and redone with U, a take cycled in at the cursor, take 2 auditioned
# alone, a rating changed with +, the terminal cursor on the focus, the
# help screen listing the new keys.  (Picking by number is t, then the
# number: the digits switch screens here too.)
. "$(dirname "$0")/lib.inc"
need sox

B=96000				# frames in a bar
b=24000				# frames in a beat
sox -n -r 48000 -c 1 -b 24 "$T/a.wav" synth 8 sine 440 vol 0.5
sox -n -r 48000 -c 1 -b 24 "$T/b.wav" synth 8 sine 660 vol 0.25
sox -n -r 48000 -c 1 -b 24 "$T/c.wav" synth 8 sine 880 vol 0.5
P=$T/song
run_to setup reel_cfg -q "$P" -c "tempo 120; meter 4/4;
    import $T/a.wav track=v; import $T/b.wav track=v;
    import $T/c.wav track=v"
[ "$RC" -eq 0 ] || { cat "$T/setup.err"; fail "setting up: reel exited $RC"; }
# Silence for capture; playback goes nowhere.
head -c 192000 /dev/zero > "$T/in.raw"
file_devices "$T/in.raw" /dev/null

comps() {
	for i in 1 2 3 4 5; do
		ini_get "$P/project.ini" "track v" comp-$i
	done | cut -d' ' -f1-3 | tr '\n' ','
}

tui_start -e LC_ALL=C.UTF-8 --device reeltest --sample-format S32_LE \
    --config "$CFG" "$P"
check "the interface comes up" tui_wait "STOP" 15
tui_keys 2
check "2 opens the Takes screen with three lanes" tui_wait "takes of v: 3"
# 0 fits the track's takes to the width: a bar is 16 columns.
tui_keys 0
check "0 fits the takes to the screen" tui_wait "|2"
check "the ruler counts bars (a tempo is set)" tui_wait "bar|beat"
check "the comp lane shows take 3 playing (imported last)" \
    tui_wait " comp         3====="
tui_screen > /dev/null
check "take 3's lane is '=' (in the comp), take 1's '-' (not)" \
    sh -c "grep -q '^  take 1 *1----' '$T/screen.txt' &&
    grep -q '^\* take 3 *3====' '$T/screen.txt'"

# The cursor: a bar on with L (shift-right in a terminal that sends it),
# then a beat on with right.
tui_keys L
check "L moves the cursor a bar (to 2|1)" tui_wait "cursor 2|1,"
tui_keys v
check "v starts a selection at the cursor" tui_wait "selection from 2|1"
tui_keys L Right Right
check "moving extends it by a bar and two beats (to 3|3)" \
    tui_wait "selection 2|1..3|3"
tui_screen > /dev/null
check "the selection shows below the ruler" \
    grep -Eq '^ selection +\[-+▲' "$T/screen.txt"
tui_keys t
check "t asks for a take number" tui_wait ":pick"
tui_type 2
tui_keys Enter
check "t 2 puts take 2 over the selection (message line)" \
    tui_wait "take 2 over 2|1..3|3"
got=$(comps)
want="0 $B 3,$B $((B + B + 2 * b)) 2,$((B + B + 2 * b)) $((4 * B)) 3,"
say "    comp lines (start end take): $got"
check "project.ini: take 2 over 2|1..3|3 in frames, take 3 around it" \
    [ "$got" = "$want" ]

# The comp shows: take 2's range in the comp lane and its own lane.
tui_screen > /dev/null
row=$(grep -n '^ comp ' "$T/screen.txt" | cut -d: -f1)
comp=$(tui_cells $((row - 1)) 14 66)
say "    comp lane: $comp"
check "the comp lane reads 3, then 2, then 3 again" \
    sh -c "printf '%s' '$comp' | grep -Eq '^3=+[|]2=+[|]3=+ *$'"
row=$(grep -n '^  take 2 ' "$T/screen.txt" | cut -d: -f1)
lane=$(tui_cells $((row - 1)) 14 66)
say "    take 2:    $lane"
check "take 2's lane is '=' only over its comp range" \
    sh -c "printf '%s' '$lane' | grep -Eq '^2-+=+-+ *$'"
# The comp lane's 2 starts where the take 2 lane's '=' starts.
c2=$(printf '%s' "$comp" | sed 's/|2.*//' | wc -c)
l2=$(printf '%s' "$lane" | sed 's/=.*//' | wc -c)
check "the comp lane and take 2's lane agree on where it starts" \
    [ "$c2" -eq "$l2" ]
# The focus: the terminal cursor sits in the selected lane (take 2 now)
# at the cursor's column, which the row below the ruler marks.
srow=$(grep -n '^ selection ' "$T/screen.txt" | cut -d: -f1)
x=$(python3 -c 'import sys; print(sys.argv[1].index("\u25b2"))' \
    "$(tui_cells $((srow - 1)) 14 66)")
cur=$(tui_tmux display-message -p '#{cursor_y} #{cursor_x}')
say "    terminal cursor: $cur; take 2's lane is row $((row - 1)), the" \
    "cursor column $((14 + x))"
check "the terminal cursor is in take 2's lane at the cursor" \
    [ "$cur" = "$((row - 1)) $((14 + x))" ]

# Undo and redo.
tui_keys u
check "u undoes it, and the message line says what it undid" \
    tui_wait "undo: comp v take 2 over 2|1 to 3|3"
check "project.ini: take 3 alone again" [ "$(comps)" = "0 $((4 * B)) 3," ]
tui_keys U
check "U redoes it" tui_wait "redo: comp v take 2 over 2|1 to 3|3"
check "project.ini: take 2 over the range again" [ "$(comps)" = "$want" ]

# Cycle at the cursor (3|3, in take 3's last range): take 1 comes next.
tui_keys x c
check "x clears the selection" tui_wait "no selection"
check "c cycles the take at the cursor: take 1 replaces take 3" \
    tui_wait "take 1 over 3|3..5|1, was take 3"
got=$(comps)
say "    comp lines after the cycle: $got"
check "project.ini: take 1 from 3|3 on" \
    [ "$got" = "0 $B 3,$B $((B + B + 2 * b)) 2,$((B + B + 2 * b)) $((4 * B)) 1," ]

# Rating.
tui_keys Down + +
check "+ raises the selected take's rating" tui_wait "v take 2 rated 2 of 5"
check "project.ini has the rating" sh -c \
    "grep -A14 '^\[take v 2\]' '$P/project.ini' | grep -q '^rating = 2'"

# Audition take 2 from the cursor (home: 1|1), alone; space stops.
tui_keys Home p
check "p auditions the selected take (message line)" \
    tui_wait "auditioning v take 2 alone from 1|1"
tui_keys Space
check "space stops" tui_wait "STOP" 10

# Help lists the new keys, generated from the keymap.
tui_keys '?'
check "help lists the Takes screen's keys first" \
    tui_wait "On the Takes screen:"
check "help lists pick" tui_find "pick %k"
check "help lists the audition key" tui_find "locate %s; audition %t %k"
tui_keys q

tui_keys Escape
tui_keys q
check "q quits" tui_wait_exit 10
check "reel exited with status 0" [ "$TUI_RC" = 0 ]
check "nothing on stderr (sanitizers, stray prints)" \
    sh -c "! grep -q . '$T/tui.err'"
[ -s "$T/tui.err" ] && sed 's/^/    stderr: /' "$T/tui.err" | head -n 20
done_test
