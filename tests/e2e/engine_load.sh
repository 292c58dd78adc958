#!/bin/sh
# status reports what the engine's mix costs once the transport has
# rolled (engine_load): the periods of the pass, and a mean and a
# largest time per period that are positive and ordered; nothing before
# a pass.  The figure itself is for `make bench`, not checked here.
. "$(dirname "$0")/../lib/common.sh"
need sox

RATE=48000
P="$T/song"
sox -n -r $RATE -c 1 -b 24 "$T/a.wav" synth 1 sine 440 vol 0.5 2>/dev/null
head -c $((RATE * 8 * 2)) /dev/zero > "$T/in.raw"
file_devices "$T/in.raw" "$T/out.raw"
run_to setup "$REEL" --config "$CFG" "$P" -c "import $T/a.wav track=a;
    fx-add a eq; fx-add a comp"
[ "$RC" -eq 0 ] || { cat "$T/setup.err"; fail "setup: exit $RC"; }
run_to st reel_file "$P" -c "status; play 1; status"
[ "$RC" -eq 0 ] || { cat "$T/st.err"; fail "play: exit $RC"; }
cat "$T/st.out"
check "one engine line, after the pass only" \
    [ "$(grep -c '^engine:' "$T/st.out")" = 1 -a \
    "$(sed -n '3p' "$T/st.out" | cut -c1-7)" = "engine:" ]
awk '/^engine:/ {
	per = $2; frames = $5; mean = $9 + 0; max = $(NF - 3) + 0
	ok = per * frames >= 48000 && per * frames < 48000 + 2 * frames &&
	    mean > 0 && max >= mean
	print (ok ? "ok    " : "FAIL  ") per " periods of " frames \
	    " frames cover the 1 s pass; mean " mean " us <= max " max " us"
	exit !ok }' "$T/st.out" || soft_fail "engine line"
done_test
