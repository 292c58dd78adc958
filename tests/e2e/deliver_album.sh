#!/bin/sh
# deliver through the real binary on a real album: three song projects
# (each one imported 24-bit track at 44.1 kHz), `reel --album A -c
# 'meta ...; gap ...; index ...; deliver cd OUT dither=off'`; the DDP
# read back by tests/lib/ddp.py against the imported files themselves
# (what the songs' masters are: one track, no inserts, unity gain), then
# `deliver vinyl` and `deliver digital` from the same album, and the
# word checks of the command.
. "$(dirname "$0")/../lib/common.sh"
need sox python3 metaflac cdrdao
DDP="python3 $REEL_TOP/tests/lib/ddp.py"
printf 'rate = 44100\n' > "$T/c44.ini"
mkdir -p "$T/songs"
i=0
for n in One Two Three; do
	i=$((i + 1))
	sox -D -n -r 44100 -c 2 -b 24 "$T/$n.wav" synth $((4 + i)) \
	    sine $((200 * i)) gain -12
	run_to mk$i "$REEL" -q --config "$T/c44.ini" "$T/songs/$n" \
	    -c "import $T/$n.wav track=a"
	[ "$RC" -eq 0 ] || { cat "$T/mk$i.err"; fail "song $n: exit $RC"; }
done
A="$T/alb"
run_to add "$REEL" -q --config "$T/c44.ini" --album "$A" -c "
    album-add $T/songs/One; album-add $T/songs/Two;
    album-add $T/songs/Three;
    album-meta title='Real Album' performer='The Band' upc=0012345678905;
    meta 1 title='First' isrc=US-RC1-76-07839; meta 2 title='Second';
    meta 3 title='Third' isrc=GBAYE0000351;
    gap 2 1.5; gap 3 0; index 2 2.5"
[ "$RC" -eq 0 ] || { cat "$T/add.err"; fail "album: exit $RC"; }
run_to cd "$REEL" -q --config "$T/c44.ini" --album "$A" \
    -c "deliver cd $T/out dither=off"
[ "$RC" -eq 0 ] || { cat "$T/cd.err"; fail "deliver cd: exit $RC"; }
cat "$T/cd.out"
# The checker's own description of the same album, with the imported
# files as the masters.
cat > "$T/check.ini" <<INI
[album]
rate = 44100
title = Real Album
performer = The Band
upc = 0012345678905

[song 1]
master = $T/One.wav
title = First
isrc = USRC17607839

[song 2]
master = $T/Two.wav
title = Second
gap = 1.5
index-2 = 2.5

[song 3]
master = $T/Three.wav
title = Third
isrc = GBAYE0000351
INI
$DDP check "$T/check.ini" "$T/out" || fail "the album's DDP read back"
[ ! -e "$T/out/.masters" ] || fail "the rendered masters were left behind"
(cd "$T/out" && cdrdao show-toc disc.toc) > "$T/toc.txt" 2>&1 ||
	{ cat "$T/toc.txt"; fail "cdrdao show-toc"; }
ok "cdrdao show-toc accepts the album's TOC"
run_to vin "$REEL" -q --config "$T/c44.ini" --album "$A" \
    -c "deliver vinyl $T/vinyl format=7in45"
[ "$RC" -eq 0 ] || { cat "$T/vin.err"; fail "deliver vinyl: exit $RC"; }
[ -f "$T/vinyl/side-A.wav" ] && [ -f "$T/vinyl/sides.txt" ] ||
	fail "vinyl sides"
ok "deliver vinyl: $(grep -c '^  side' "$T/vin.out") sides"
run_to dig "$REEL" -q --config "$T/c44.ini" --album "$A" \
    -c "deliver digital $T/dig"
[ "$RC" -eq 0 ] || { cat "$T/dig.err"; fail "deliver digital: exit $RC"; }
metaflac --export-tags-to=- "$T/dig/flac/03 Third.flac" | grep -qx "ISRC=GBAYE0000351" ||
	fail "FLAC ISRC"
grep -Eq "^  AAC round trip: true peak -?[0-9.]+ dBTP, [0-9]+ clipped samples: (passes|fails)" "$T/dig/report.txt" ||
	fail "the report gives the AAC round trip"
ok "deliver digital: FLAC with ISRC, the report"
# The words are checked before anything is rendered.
run_to bad "$REEL" -q --config "$T/c44.ini" --album "$A" \
    -c "deliver vinyl $T/bad format=8in"
[ "$RC" -ne 0 ] && grep -q "format: expected 12in33, 12in45, 10in or 7in45, got '8in'" "$T/bad.err" &&
	[ ! -e "$T/bad" ] || { cat "$T/bad.err"; fail "a bad format"; }
run_to bad2 "$REEL" -q --config "$T/c44.ini" --album "$A" \
    -c "deliver tape $T/bad"
grep -q "KIND: expected cd, vinyl or digital, got 'tape'" "$T/bad2.err" ||
	fail "a bad kind"
ok "bad words refused before any rendering"
done_test
