#!/bin/sh
# The Album screen at 80x24: reel --album DIR opens on it with the songs
# in a table (number, title, length, gain, gap, side) and the album's
# length; m measures them (the integrated loudness of two sines at -20
# and -12 dBFS, -20.0 and -12.0 LUFS, and an 8.0 LU spread); + nudges
# the selected song's gain by 0.5 dB (a burst saved in album.ini once it
# pauses, and undone in one step); > moves it
# down (album.ini's order); a song screen is refused in one line; 7
# opens the screen inside a song session too; Help lists its keys.
. "$(dirname "$0")/lib.inc"
need sox

for s in One:20 Two:12; do
	n=${s%%:*}; db=${s#*:}
	sox -D -n -r 48000 -c 2 -b 24 "$T/$n.wav" synth 4 sine 1000 \
	    gain -"$db"
	run_to mk reel_cfg -q "$T/$n" -c "import $T/$n.wav track=a"
	[ "$RC" -eq 0 ] || { cat "$T/mk.err"; fail "song $n: exit $RC"; }
done
run_to add reel_cfg -q --album "$T/alb" -c "album-add $T/One;
    album-add $T/Two; meta 2 title='Second Song'; side 1 A; gap 2 1.5"
[ "$RC" -eq 0 ] || { cat "$T/add.err"; fail "album-add: exit $RC"; }

tui_start -e LC_ALL=C.UTF-8 --config "$CFG" --album "$T/alb"
check "an album session opens on the Album screen" tui_wait "Album " 15
check "the header has the 7 Album tab" tui_wait "7 Album"
check "song 1 by its project's name, 0:04, side A" \
    tui_wait " 1 One                                0:04      -     -      -   +0.0   0.0    A"
check "song 2 by its title, gap 1.5" \
    tui_wait " 2 Second Song                        0:04      -     -      -   +0.0   1.5    -"
check "the album's length: 2 songs, 0:09" tui_wait "2 songs, 0:09"
tui_keys m
check "m measures: song 1 at -20.0 LUFS" tui_wait "0:04  -20.0   0.0  -20.0" 30
check "song 2 at -12.0 LUFS" tui_wait "0:04  -12.0   0.0  -12.0"
check "the spread after gain: 8.0 LU" tui_wait "spread 8.0 LU"
tui_keys + + +
check "+ + + nudge song 1's gain to +1.5 dB" tui_wait "-20.0   +1.5"
check "and save it once they pause" sh -c \
    "sleep 1.5; grep -q '^gain = 1.5' '$T/alb/album.ini'"
tui_keys u
check "u undoes the burst in one step: +0.0 dB" tui_wait "-20.0   +0.0"
check "album.ini has it back" sh -c \
    "sleep 0.5; ! grep -q '^gain = 1.5' '$T/alb/album.ini'"
tui_keys '>'
check "> moves song 1 down: Second Song comes first" \
    tui_wait " 1 Second Song"
check "album.ini has the new order" sh -c \
    "awk '/^project/ { print \$3 }' '$T/alb/album.ini' | tr '\n' ' ' |
    grep -q '/Two .*/One'"
tui_keys 1
check "a song screen is refused in one line" \
    tui_wait "screen: the Arrange screen needs a song project"
tui_keys ?
check "Help lists the Album screen's keys" tui_wait "On the Album screen"
tui_keys q
tui_keys q
check "q quits" tui_wait_exit 10
check "nothing on stderr (sanitizers, stray prints)" \
    sh -c "! grep -q . '$T/tui.err'"
[ -s "$T/tui.err" ] && sed 's/^/    stderr: /' "$T/tui.err" | head -n 20

# In a song session: 7 shows the album opened with `album DIR`.
tui_start -e LC_ALL=C.UTF-8 --device null --config "$CFG" "$T/One"
check "a song session comes up" tui_wait "STOP" 15
tui_keys 7
check "7: no album open yet" tui_wait "No album is open"
tui_keys :
tui_type "album $T/alb"
tui_keys Enter
check "album DIR opens it on the screen" tui_wait " 2 One" 10
tui_row 0 > "$T/header.txt"
check "the header keeps the song's name beside the 7 Album tab" \
    grep -q "reel  One .*7 Album" "$T/header.txt"
tui_keys q
check "q quits" tui_wait_exit 10
done_test
