#!/bin/sh
# What a session mixes at is what project.ini keeps (issue 8, item 11):
# gains and pans set to odd values by commands and nudges, a render in the
# same session, then the project reopened and rendered again: the two
# files must be identical, sample for sample.  (Saved rounded to 0.01 dB
# and 0.001, they differed by up to 4371 LSB at 24 bits.)  Values that
# read back exactly keep their short form in the file ("gain = -2.50").
. "$(dirname "$0")/../lib/common.sh"
need sox

P="$T/song"
sox -n -r 48000 -c 1 -b 24 "$T/m.wav" synth 1 sine 440 vol 0.7 2>/dev/null
sox -n -r 48000 -c 2 -b 24 "$T/s.wav" synth 1 sine 330 sine 550 vol 0.7 \
    2>/dev/null
run_to mix "$REEL" --config "$CFG" -q "$P" -c "
    import '$T/m.wav' track=m; import '$T/s.wav' track=s;
    import '$T/m.wav' track=n;
    gain m -2.345678901234; pan m 0.123456789; gain s 1.0000001;
    pan s -0.33333333333; gain master -0.7071;
    nudge gain n -0.3; nudge gain n -0.3; nudge pan n 0.07;
    render one.wav format=wav24; render one.f32.wav format=wav32f"
[ "$RC" -eq 0 ] || { cat "$T/mix.err"; fail "mix: exit $RC"; }
sed -n '/^gain\|^pan\|^master-gain/p' "$P/project.ini" | sed 's/^/      /'
run_to again "$REEL" --config "$CFG" -q "$P" -c \
    "render two.wav format=wav24; render two.f32.wav format=wav32f"
[ "$RC" -eq 0 ] || { cat "$T/again.err"; fail "reopened: exit $RC"; }
for f in "" .f32; do
	if cmp -s "$P/renders/one$f.wav" "$P/renders/two$f.wav"; then
		ok "render$f before and after reopening: identical"
	else
		d=$(sox -m -v 1 "$P/renders/one$f.wav" -v -1 \
		    "$P/renders/two$f.wav" -n stat 2>&1 |
		    awk '/Maximum amplitude/ { print $3 }')
		soft_fail "render$f differs after reopening (largest" \
		    "difference $d of full scale)"
	fi
done
[ "$(ini_get "$P/project.ini" "track n" gain)" = -0.60 ] &&
    [ "$(ini_get "$P/project.ini" "track n" pan)" = 0.070 ] &&
    ok "exact values keep the short form: gain -0.60, pan 0.070" ||
    soft_fail "n: gain '$(ini_get "$P/project.ini" "track n" gain)'," \
    "pan '$(ini_get "$P/project.ini" "track n" pan)'"
[ "$(ini_get "$P/project.ini" "track m" gain)" = -2.345678901234 ] &&
    ok "odd values are written in full: gain -2.345678901234" ||
    soft_fail "m: gain '$(ini_get "$P/project.ini" "track m" gain)'"
done_test
