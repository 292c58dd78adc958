#!/bin/sh
# Take ratings and notes (issue 4) survive project.ini: `rate v 2 4` and
# `take-note v 2 'good "verse" take; keep'`, then a new reel on the project
# lists (takes v) rating 4 and the note exactly, quotes and ';' included;
# so does a note with a backslash, '#', '=', '[', outer spaces and a line
# break.  Ratings 0 and 5 are the bounds; 6, -1, x, 4.5, '', 10, +9 and a
# missing take are refused with exit 1 and project.ini unchanged, byte for
# byte.
# `take-note v 1` with no text clears the note.
. "$(dirname "$0")/../lib/common.sh"
need sox

P="$T/p"
ini="$P/project.ini"
sox -n -r 48000 -c 1 "$T/a.wav" synth 0.2 sine 440
run_to setup reel_cfg "$P" -c "import $T/a.wav track=v;
    import $T/a.wav track=v; rate v 2 4;
    take-note v 2 'good \"verse\" take; keep'"
[ "$RC" -eq 0 ] || { cat "$T/setup.err"; fail "setup: exit $RC"; }
run_to list reel_cfg "$P" -c 'takes v'
line=$(grep '^\*  2 ' "$T/list.out")
want='*  2  at 0:00.000   length 0:00.200   rating 4'
want="$want"'  note: good "verse" take; keep'
if [ "$line" = "$want" ]; then
	ok "reopened, takes v: '$line'"
else
	sed 's/^/      /' "$T/list.out"
	soft_fail "takes v: '$line'; expected '$want'"
fi
say "      project.ini: $(grep '^note' "$ini")"

# A harder note, and the bounds of a rating.
NOTE='  back\slash # not a comment = [take v 9]
second line; "q" '\''s'\''  '
run_to hard reel_cfg "$P" -c "rate v 1 5; rate v 2 0; take-note v 1 \
'  back\\slash # not a comment = [take v 9]
second line; \"q\" '\"'\"'s'\"'\"'  '"
[ "$RC" -eq 0 ] || { cat "$T/hard.err"; soft_fail "hard note: exit $RC"; }
run_to list2 reel_cfg "$P" -c 'takes v'
# Shown with its line break escaped: no control character reaches the
# terminal (issue 8, item 11).
printf '   1  at 0:00.000   length 0:00.200   rating 5  note: %s\n' \
    "$(printf '%s' "$NOTE" | awk 'NR > 1 { printf "\\n" } { printf "%s", $0 }')" \
    > "$T/want1"
printf '*  2  at 0:00.000   length 0:00.200   rating 0  note: %s\n' \
    'good "verse" take; keep' >> "$T/want1"
head -n 2 "$T/list2.out" > "$T/got1"
if cmp -s "$T/got1" "$T/want1"; then
	ok "reopened: rating 5 and 0 kept; a note with backslash, '#', '='," \
	    "'[', quotes, ';', outer spaces and a line break kept exactly"
else
	say "      got:"; sed 's/^/      | /' "$T/got1"
	say "      expected:"; sed 's/^/      | /' "$T/want1"
	soft_fail "the hard note or the ratings did not survive"
fi
if [ "$(grep -c '^\[take v ' "$ini")" -eq 2 ]; then
	ok "the note's '[take v 9]' made no section: still 2 takes"
else
	soft_fail "project.ini has $(grep -c '^\[take v ' "$ini") take sections"
fi

cp "$ini" "$T/before.ini"
for r in 6 -1 x 4.5 "''" 10 +9; do
	run_to bad reel_cfg "$P" -c "rate v 2 $r"
	msg=$(cat "$T/bad.err")
	if [ "$RC" -eq 1 ] && cmp -s "$ini" "$T/before.ini"; then
		ok "rate v 2 $r: exit 1, project.ini unchanged ($msg)"
	else
		soft_fail "rate v 2 $r: exit $RC ($msg)"
	fi
done
run_to bad reel_cfg "$P" -c "rate v 3 4"
if [ "$RC" -eq 1 ] && cmp -s "$ini" "$T/before.ini"; then
	ok "rate v 3 4 (no take 3): exit 1 ($(cat "$T/bad.err"))"
else
	soft_fail "rate v 3 4: exit $RC"
fi
run_to clear reel_cfg "$P" -c 'take-note v 1'
run_to list3 reel_cfg "$P" -c 'takes v'
if [ "$RC" -eq 0 ] && grep -q '^   1  .*rating 5$' "$T/list3.out" &&
    [ "$(grep -c '^note' "$ini")" -eq 1 ]; then
	ok "take-note v 1 with no text clears the note: $(head -n 1 \
	    "$T/list3.out")"
else
	sed 's/^/      /' "$T/list3.out"
	soft_fail "take-note v 1 did not clear the note"
fi
done_test
