#!/bin/sh
# The song sheet and the arrangement grid on the screens (issue 10, items
# 2 and 3), at 80x24.  120 bpm (a bar is 2 s): Verse bars 1-8 with
# chords "Am F/A - G" and 4 lines (2 bars a line), Chorus 9-10 with one
# line; vox (lead) plays 0-20 s, pad 17-19 s.  The prompter row under the
# sections row shows the section, bar, the chord held there and the
# current and next line at chosen playhead positions, on the Arrangement
# and on the Takes screen; # shows the grid: vox covers both sections
# (full block), pad half the chorus (dark shade), 1 and 2 elements, a
# lead in both; # again gives the lanes back.  e hands the verse's lyrics
# to $EDITOR (a script that checks it got them, one line a line, and
# writes new ones), and the new lines are the section's (one undo step).
. "$(dirname "$0")/lib.inc"
need sox

sox -n -r 48000 -c 1 "$T/v.wav" synth 20 sine 440 vol 0.5 2>/dev/null
sox -n -r 48000 -c 1 "$T/p.wav" synth 2 sine 330 vol 0.5 2>/dev/null
P=$T/song
run_to setup reel_cfg -q "$P" -c "tempo 120; import $T/v.wav track=vox;
    role vox lead; import $T/p.wav track=pad at=17; role pad pad;
    section-add Verse 1 8; section-add Chorus 9 2;
    chords Verse 'Am F/A - G'; chords Chorus 'C G';
    lyrics Verse 'one line / two line / three line / four line';
    lyrics Chorus 'chorus line'"
[ "$RC" -eq 0 ] || { cat "$T/setup.err"; fail "setting up: exit $RC"; }
cat > "$T/ed.sh" <<'EOF2'
#!/bin/sh
# The editor: keeps what it was given, writes new lyrics.
cp "$1" "$(dirname "$0")/ed.got"
printf 'new first\nnew second\n' > "$1"
EOF2
chmod +x "$T/ed.sh"

tui_start -e LC_ALL=C.UTF-8 -e "EDITOR=$T/ed.sh" --device null \
    --config "$CFG" "$P"
check "the interface comes up" tui_wait "STOP" 15
# at TIME WANT: locate there, row 3 (the prompter) must read WANT.
at() {
	tui_keys g
	tui_wait ":" 5 >/dev/null
	tui_type "$1"
	tui_keys Enter
	tui_wait "at " 5 >/dev/null
	sleep 0.3
	row=$(tui_row 3 | sed 's/ *$//')
	if [ "$row" = "$2" ]; then
		ok "at $1: '$row'"
	else
		tui_screen; soft_fail "at $1: row 3 is '$row', want '$2'"
	fi
}
at "3|1" " sheet        Verse 3/8 F/A    two line  » three line"
at "0:05.5" " sheet        Verse 3/8 F/A    two line  » three line"
at "7|2" " sheet        Verse 7/8 G      four line  » chorus line"
at "0:17" " sheet        Chorus 1/2 C      chorus line"
at "0:21" " sheet"
at "0:00" " sheet        Verse 1/8 Am     one line  » two line"

# The Takes screen has it too, above the take lanes.
tui_keys 2
tui_wait "take 1" 5 >/dev/null
if tui_screen | grep -q '^ sheet        Verse 1/8 Am     one line  » two line'
then ok "the Takes screen shows the prompter"
else soft_fail "no prompter on the Takes screen"
fi
tui_keys 1
tui_wait "sections" 5 >/dev/null

# The grid.
tui_keys "#"
tui_wait "elements" 5 || soft_fail "# shows no grid"
tui_screen > /dev/null
vox=$(grep '^ vox ' "$T/screen.txt")
pad=$(grep '^ pad ' "$T/screen.txt")
el=$(grep '^ elements ' "$T/screen.txt" | tr -s ' ')
ld=$(grep '^ lead ' "$T/screen.txt" | tr -s ' ')
case $vox in
*"lead    █████████ █████████"*) ok "grid: vox (lead) covers both: $vox" ;;
*) soft_fail "grid vox row: '$vox'" ;;
esac
case $pad in
*"pad               ▓▓▓▓▓▓▓▓▓") ok "grid: pad half the chorus: $pad" ;;
*) soft_fail "grid pad row: '$pad'" ;;
esac
[ "$el" = " elements 1 2" ] && [ "$ld" = " lead yes yes" ] &&
    ok "grid: elements 1 and 2, a lead in both" ||
    soft_fail "grid elements '$el' lead '$ld'"
tui_keys "#"
tui_wait_gone "elements" 5 && ok "# again: the lanes" ||
    soft_fail "# again kept the grid"

# $EDITOR
cp "$P/project.ini" "$T/before.ini"
tui_keys e
tui_wait "Verse lyrics: 2 lines" 10 || soft_fail "e: no confirmation"
printf '%s\n' "one line" "two line" "three line" "four line" > "$T/ed.want"
cmp -s "$T/ed.got" "$T/ed.want" && ok "\$EDITOR got the verse, a line a line" ||
    soft_fail "\$EDITOR got '$(cat "$T/ed.got")'"
grep -q '^lyrics = new first\\nnew second$' "$P/project.ini" &&
    ok "the editor's lines are the verse's lyrics" ||
    soft_fail "lyrics after the editor: $(grep '^lyrics' "$P/project.ini")"
tui_keys u
tui_wait "undo: lyrics Verse" 5 >/dev/null
sleep 0.5
cmp -s "$T/before.ini" "$P/project.ini" &&
    ok "u undoes the edit: project.ini byte for byte as before" ||
    soft_fail "undo after the editor"
tui_keys q
tui_wait_exit 10
done_test
