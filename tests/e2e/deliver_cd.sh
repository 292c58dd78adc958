#!/bin/sh
# deliver cd: a DDP 2.00 image read back by tests/lib/ddp.py (a reader
# written from the specification, not from reel's code): tracks, indexes,
# ISRC, UPC, CD-Text with its CRCs, the audio against an independent
# 16-bit rendering (md5), CHECKSUM.MD5; CUE, TOC and DDP agree on every
# index; cdrdao accepts the TOC; the Red Book refusals.
. "$(dirname "$0")/../lib/common.sh"
need python3
need cdrdao
DRIVE=${REEL_DELIVER_DRIVE:-$(dirname "$REEL")/tests/test_deliver}
[ -x "$DRIVE" ] || fail "no $DRIVE (make VARIANT=test unit)"
DDP="python3 $REEL_TOP/tests/lib/ddp.py"

# Three songs at 44.1 kHz: a pause, gapless, index points, metadata.
mkdir -p "$T/a"
cat > "$T/a/album.ini" <<'INI'
[album]
rate = 44100
title = Test Album
performer = The Testers
upc = 0012345678905
catalog = REEL-001

[song 1]
master = one.wav
length = 5.3
title = First Song With A Long Title
performer = The Testers
isrc = USRC17607839
index-2 = 2.5

[song 2]
master = two.wav
length = 4.61
gap = 1.5
title = Two
performer = Guest
songwriter = Writer Two
isrc = GBAYE0000351
index-2 = 1
index-3 = 3.25

[song 3]
master = three.wav
length = 6.05
title = Three
performer = The Testers
INI
$DDP masters "$T/a/album.ini" || fail "masters"
(cd "$T/a" && "$DRIVE" cd album.ini "$T/out" dither=off) > "$T/log" 2>&1 ||
	{ cat "$T/log"; fail "deliver cd"; }
cat "$T/log"
$DDP check "$T/a/album.ini" "$T/out" || fail "read back"
ls "$T/out/DDP" | tr '\n' ' '; echo

# cdrdao reads the TOC and finds the same tracks and catalogue.
(cd "$T/out" && cdrdao show-toc disc.toc) > "$T/toc.txt" 2>&1 ||
	{ cat "$T/toc.txt"; fail "cdrdao show-toc"; }
grep -q 'CATALOG NUMBER: 0012345678905' "$T/toc.txt" || fail "cdrdao: catalog"
[ "$(grep -c '^TRACK .*AUDIO' "$T/toc.txt")" -eq 3 ] || fail "cdrdao: 3 tracks"
grep -q 'ISRC GB AYE 00 00351' "$T/toc.txt" || fail "cdrdao: ISRC"
# cdrdao's track starts (after the 2 s) are the CUE sheet's INDEX 01.
cdr=$(awk '$1 == "START" { print substr($2, 1, 8) }' "$T/toc.txt" | tr '\n' ' ')
cue=$(awk '$1 == "INDEX" && $2 == "01" { print $3 }' "$T/out/disc.cue" | tr '\n' ' ')
[ "$cdr" = "$cue" ] || fail "cdrdao starts '$cdr', CUE '$cue'"
ok "cdrdao show-toc accepts the TOC: 3 tracks at $cdr, catalogue, ISRC"

# A second delivery into the same place is refused, the first kept.
(cd "$T/a" && "$DRIVE" cd album.ini "$T/out" dither=off) > "$T/log2" 2>&1
grep -q "DDP exists" "$T/log2" || fail "second delivery into the same DDP"
ok "an existing DDP is not overwritten"

# Refusals: each names the song, and nothing is written.
refuse() {	# WHAT PATTERN: edit album.ini with sed first
	(cd "$T/a" && "$DRIVE" cd album.ini "$T/bad") > "$T/log" 2>&1
	rc=$?
	[ $rc -eq 1 ] || { cat "$T/log"; fail "$1: exit $rc, expected 1"; }
	grep -q "$2" "$T/log" || { cat "$T/log"; fail "$1: message"; }
	[ ! -e "$T/bad" ] || fail "$1: something was written"
	ok "$1 refused: $(grep "$2" "$T/log" | head -1)"
}
cp "$T/a/album.ini" "$T/good.ini"
sed -i 's/^isrc = GBAYE0000351/isrc = GB-AYE-00-0035/' "$T/a/album.ini"
refuse "bad ISRC" "^deliver: song 2 'Two': ISRC must be"
cp "$T/good.ini" "$T/a/album.ini"
sed -i 's/^upc = 0012345678905/upc = 0012345678909/' "$T/a/album.ini"
refuse "bad UPC" "^deliver: the album's UPC/EAN: UPC/EAN check digit"
# A warning (an ISRC used twice) stops it without force=yes only.
cp "$T/good.ini" "$T/a/album.ini"
sed -i 's/^isrc = GBAYE0000351/isrc = USRC17607839/' "$T/a/album.ini"
refuse "a repeated ISRC without force" "^deliver: warning: song 2 'Two' has the ISRC of song 1"
grep -q "^deliver: 1 warning: nothing written (force=yes writes it anyway)" "$T/log" ||
	fail "the refusal says force=yes"
(cd "$T/a" && "$DRIVE" cd album.ini "$T/forced" force=yes) > "$T/log" 2>&1 ||
	{ cat "$T/log"; fail "force=yes"; }
[ -f "$T/forced/DDP/IMAGE.DAT" ] || fail "force=yes wrote the DDP"
ok "force=yes writes despite the warning"
cp "$T/good.ini" "$T/a/album.ini"
sox -n -r 44100 -c 2 -e floating-point -b 32 "$T/a/short.wav" trim 0 3.5
sed -i 's/^master = two.wav/master = short.wav/' "$T/a/album.ini"
refuse "short track" "^deliver: song 2 'Two': track 2 is 0:03\.[0-9]* long; a CD track must be at least 4 s"
# 100 songs: all the same master.
{ printf '[album]\nrate = 44100\n'
  i=1; while [ $i -le 100 ]; do
	printf '[song %d]\nmaster = one.wav\n' $i; i=$((i + 1)); done
} > "$T/a/album.ini"
refuse "100 tracks" "^deliver: the album has 100 songs; a CD holds at most 99 tracks"
# 20 songs of 4:10: 83 minutes.
sox -n -r 44100 -c 1 -b 16 "$T/a/long.wav" trim 0 250
{ printf '[album]\nrate = 44100\n'
  i=1; while [ $i -le 20 ]; do
	printf '[song %d]\nmaster = long.wav\n' $i; i=$((i + 1)); done
} > "$T/a/album.ini"
refuse "83-minute album" "^deliver: the disc is 83:.* long; a CD holds at most 79:57:00"
# 75 minutes: a warning, written only with force.
{ printf '[album]\nrate = 44100\n'
  i=1; while [ $i -le 18 ]; do
	printf '[song %d]\nmaster = long.wav\n' $i; i=$((i + 1)); done
} > "$T/a/album.ini"
refuse "75-minute album without force" "^deliver: warning: the disc is 75:.*over 74 minutes"
done_test
