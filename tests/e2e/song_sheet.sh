#!/bin/sh
# Song sheet (issue 10, item 2): chords bar by bar and lyrics per section.
# At 120 bpm in 4/4 (a bar is 2 s) Verse is bars 1-8 and Chorus 9-12.
# Chord symbols are checked (a bad one or one too many is refused with
# the bar and the rule, and nothing changes); lyrics with characters the
# ini escapes (';', '#', quotes, a 300-byte line) read back exactly, also
# after reopening; `lyrics` at chosen playhead positions says the
# section, bar, chord held there and the current and next line (lines
# share the bars evenly); sheet-export writes the exact text below;
# section-copy carries the sheet; undo and redo of chords and lyrics give
# project.ini back byte for byte.
. "$(dirname "$0")/../lib/common.sh"

P=$T/song
run_to s0 "$REEL" --config "$CFG" "$P" -c 'tempo 120;
    section-add Verse 1 8; section-add Chorus 9 4'
[ "$RC" -eq 0 ] || { cat "$T/s0.err"; fail "setup: exit $RC"; }

# refusals change nothing and name the bar and the rule
refuse() {
	cp "$P/project.ini" "$T/before.ini"
	run_to ref "$REEL" --config "$CFG" "$P" -c "$1"
	msg=$(head -n 1 "$T/ref.err")
	case $msg in
	*"$2"*)
		if [ "$RC" -eq 1 ] && cmp -s "$T/before.ini" "$P/project.ini"
		then ok "refused: $1 ($msg)"
		else soft_fail "$1: exit $RC or project changed"
		fi ;;
	*) soft_fail "$1: said '$msg', want '$2'" ;;
	esac
}
refuse 'chords Verse "Am F Hm7 G"' \
    "chords: CHORDS: 'Hm7' (bar 3) is not a chord symbol"
refuse 'chords Chorus "C G Am F G"' "5 chords for 4 bars"
refuse 'chords Verse Am7x' "'Am7x' (bar 1) is not a chord symbol"
refuse 'chords Bridge C' "SECTION: no section named 'Bridge'"

# undo/redo byte for byte
step() {
	cp "$P/project.ini" "$T/before.ini"
	run_to st "$REEL" --config "$CFG" "$P" -c "$1"
	[ "$RC" -eq 0 ] || { cat "$T/st.err"; soft_fail "$1: exit $RC"; return; }
	cp "$P/project.ini" "$T/after.ini"
	run_to un "$REEL" --config "$CFG" "$P" -c undo
	cmp -s "$T/before.ini" "$P/project.ini" || {
		soft_fail "$1: undo does not give back project.ini"; return; }
	run_to re "$REEL" --config "$CFG" "$P" -c redo
	cmp -s "$T/after.ini" "$P/project.ini" && ! cmp -s "$T/before.ini" \
	    "$T/after.ini" || {
		soft_fail "$1: redo does not give back project.ini"; return; }
	ok "$1: undo and redo give project.ini back byte for byte"
}
long=$(python3 -c "print('la ' * 100)")
step 'chords Verse "| Am7 | F/A | - | G | C#m7b5 | Bbmaj7 | Dsus4 | N.C. |"'
step 'chords Chorus "C G Am"'
step 'lyrics Verse "first line / second line\n  third; with # and '"'"'quotes'"'"' / fourth"'
step "lyrics Chorus \"$long\""

grep -q '^chords = Am7 F/A - G C#m7b5 Bbmaj7 Dsus4 N.C.$' "$P/project.ini" &&
    ok "chords saved one symbol a bar: $(grep -m1 '^chords' "$P/project.ini")" ||
    soft_fail "chords line in project.ini"
run_to rd "$REEL" --config "$CFG" "$P" -c 'lyrics Verse; lyrics Chorus;
    chords Chorus'
printf '%s\n' "first line" "second line" \
    "third; with # and 'quotes'" "fourth" "${long% }" "Chorus: C G Am" \
    > "$T/rd.want"
if cmp -s "$T/rd.out" "$T/rd.want"; then
	ok "lyrics and chords read back exactly after reopening (a" \
	    "$(printf %s "${long% }" | wc -c)-byte line on continuation lines)"
else
	diff "$T/rd.want" "$T/rd.out"; soft_fail "lyrics read back"
fi

# The prompter at chosen places: Verse has 4 lines over 8 bars (2 bars a
# line), Chorus 1 line; bar 3 holds F/A, bar 12 holds Am (past the list).
run_to at "$REEL" --config "$CFG" "$P" -c 'locate 0:01; lyrics;
    locate 3|1; lyrics; locate 5|3; lyrics; locate 0:15.9; lyrics;
    locate 12|4; lyrics; locate 13|1; lyrics'
cat > "$T/at.want" <<'EOF2'
at 0:01.000 (bar 1|3): Verse bar 1 of 8, chord Am7: first line / next: second line
at 0:04.000 (bar 3|1): Verse bar 3 of 8, chord F/A: second line / next: third; with # and 'quotes'
at 0:09.000 (bar 5|3): Verse bar 5 of 8, chord C#m7b5: third; with # and 'quotes' / next: fourth
at 0:15.900 (bar 8|4.79): Verse bar 8 of 8, chord N.C.: fourth / next: LONG
at 0:23.500 (bar 12|4): Chorus bar 4 of 4, chord Am: LONG
at 0:24.000 (bar 13|1): no section
EOF2
sed -i "s/LONG/${long% }/" "$T/at.want"
if cmp -s "$T/at.out" "$T/at.want"; then
	ok "lyrics at the playhead: the right section, bar, chord and lines" \
	    "at 0:01, bar 3, 5|3, 0:15.9, 12|4 and after the song"
else
	diff "$T/at.want" "$T/at.out"; soft_fail "lyrics at the playhead"
fi

# sheet-export
run_to ex "$REEL" --config "$CFG" "$P" -c "lyrics Chorus 'la la / la';
    sheet-export $T/sheet.txt"
cat > "$T/sheet.want" <<'EOF2'
Verse: bars 1-8 (8 bars, at 0:00.000)
     1 | Am7     | F/A     | -       | G       |
     5 | C#m7b5  | Bbmaj7  | Dsus4   | N.C.    |
  first line
  second line
  third; with # and 'quotes'
  fourth

Chorus: bars 9-12 (4 bars, at 0:16.000)
     9 | C       | G       | Am      | -       |
  la la
  la
EOF2
if [ "$RC" -eq 0 ] && cmp -s "$T/sheet.txt" "$T/sheet.want"; then
	ok "sheet-export writes sections, chords bar by bar and lyrics"
else
	cat "$T/ex.err"; diff "$T/sheet.want" "$T/sheet.txt"
	soft_fail "sheet-export text"
fi

# The sheet goes with its section; shorter sections keep their bars'.
run_to cp "$REEL" --config "$CFG" "$P" -c 'section-copy Chorus end as=Ch2;
    section-resize Verse 2; chords Ch2; chords Verse; lyrics Ch2'
printf '%s\n' "Ch2: C G Am" "Verse: Am7 F/A" "la la" "la" > "$T/cp.want"
if cmp -s "$T/cp.out" "$T/cp.want"; then
	ok "section-copy carries chords and lyrics; section-resize 2 keeps" \
	    "the first 2 chords"
else
	diff "$T/cp.want" "$T/cp.out"; soft_fail "sheet after copy/resize"
fi

# A hand-edited bad chord in project.ini is refused on opening.
sed -i 's/^chords = C G Am$/chords = C Xyz/' "$P/project.ini"
run_to bad "$REEL" --config "$CFG" "$P" -c 'sections'
grep -q "section Ch.*'Xyz' (bar 2) is not a chord symbol" "$T/bad.err" &&
    [ "$RC" -ne 0 ] && ok "a bad chord in project.ini: $(head -n1 "$T/bad.err")" ||
    { cat "$T/bad.err"; soft_fail "bad chord in project.ini accepted"; }
done_test
