#!/bin/sh
# deliver digital: 24-bit masters at the album rate with BWF bext
# loudness (checked against ffmpeg's ebur128), FLAC whose tags metaflac
# reads back (TITLE, ARTIST, ALBUM, ISRC, TRACKNUMBER), 16-bit 44.1 kHz
# masters of the right length, MP3 previews, and the report: every
# streaming service, Apple Digital Masters met by a clean song and not
# by a clipped one, whose AAC round trip (measured by reel) clips too.
# The round trip's figures against ffmpeg: deliver_aac.sh.
. "$(dirname "$0")/../lib/common.sh"
need python3
need sox
need metaflac
need ffmpeg
DRIVE=${REEL_DELIVER_DRIVE:-$(dirname "$REEL")/tests/test_deliver}
[ -x "$DRIVE" ] || fail "no $DRIVE (make VARIANT=test unit)"
mkdir -p "$T/a"
cd "$T/a" || exit 1
F="-r 48000 -c 2 -e floating-point -b 32"
sox -n $F one.wav synth 6 pinknoise gain -18
sox -n $F two.wav synth 5 sine 1000 gain +1
cat > album.ini <<'INI'
[album]
rate = 48000
title = Digital Test
performer = The Testers
upc = 0012345678905
genre = Rock

[song 1]
master = one.wav
title = Quiet One
isrc = USRC17607839
composer = Someone

[song 2]
master = two.wav
title = Hot/Two
performer = Guest
isrc = GBAYE0000351
INI
"$DRIVE" digital album.ini "$T/out" > "$T/log" 2>&1 ||
	{ cat "$T/log"; fail "deliver digital"; }
cat "$T/log"
H="$T/out/hires/01 Quiet One.wav"
[ "$(soxi -b "$H")" = 24 ] && [ "$(soxi -r "$H")" = 48000 ] &&
	[ "$(soxi -s "$H")" = 288000 ] || fail "hi-res master"
ok "hires: 24-bit 48 kHz, 288000 frames"
# bext version 2 loudness (x100) against ffmpeg's integrated loudness.
lufs=$(ffmpeg -nostdin -hide_banner -i "$H" -af ebur128 -f null - 2>&1 |
	awk '/Integrated loudness:/ { f = 1 } f && /I:/ { print $2; exit }')
python3 - "$H" "$lufs" <<'PY' || fail "bext loudness"
import struct, sys
b = open(sys.argv[1], "rb").read()
pos = 12
while pos < len(b):
    cid, n = b[pos:pos+4], struct.unpack("<I", b[pos+4:pos+8])[0]
    if cid == b"bext":
        d = b[pos+8:pos+8+n]
        break
    pos += 8 + n + (n & 1)
else:
    sys.exit("no bext chunk")
version = struct.unpack("<H", d[346:348])[0]
lv, lr, tp = struct.unpack("<hhh", d[412:418])
want = float(sys.argv[2])
assert version == 2, version
assert abs(lv / 100 - want) <= 0.2, (lv, want)
print("ok    bext v2: loudness %.2f LUFS (ffmpeg %.1f), true peak %.2f dBTP"
      % (lv / 100, want, tp / 100))
PY
metaflac --export-tags-to=- "$T/out/flac/02 Hot_Two.flac" > "$T/tags" ||
	fail "metaflac"
for tag in "TITLE=Hot/Two" "ARTIST=Guest" "ALBUM=Digital Test" \
    "ISRC=GBAYE0000351" "TRACKNUMBER=2" "TRACKTOTAL=2" "GENRE=Rock" \
    "ALBUMARTIST=The Testers" "BARCODE=0012345678905"; do
	grep -qx "$tag" "$T/tags" || { cat "$T/tags"; fail "FLAC tag $tag"; }
done
[ "$(metaflac --show-bps "$T/out/flac/01 Quiet One.flac")" = 24 ] ||
	fail "FLAC 24-bit"
ok "FLAC tags read back by metaflac: TITLE, ARTIST, ALBUM, ISRC, TRACKNUMBER..."
C="$T/out/cd/01 Quiet One.wav"
[ "$(soxi -b "$C")" = 16 ] && [ "$(soxi -r "$C")" = 44100 ] &&
	[ "$(soxi -s "$C")" = 264600 ] || fail "CD-spec master"
ok "cd: 16-bit 44.1 kHz, 264600 frames (6 s)"
[ -s "$T/out/preview/01 Quiet One.mp3" ] || fail "MP3 preview"
d=$(ffprobe -v error -show_entries format=duration -of csv=p=0 \
	"$T/out/preview/01 Quiet One.mp3")
python3 -c "import sys; sys.exit(abs(float('$d') - 6) > 0.1)" ||
	fail "preview duration $d"
ok "preview: MP3 of ${d} s"
for sv in Spotify "Apple Music" YouTube Tidal "Amazon Music" Deezer; do
	[ "$(grep -c "^  $sv " "$T/out/report.txt")" -eq 2 ] ||
		fail "report: $sv for both songs"
done
grep -A9 '^01 Quiet One' "$T/out/report.txt" |
	grep -q "AAC round trip: true peak -[0-9]*\.[0-9] dBTP, 0 clipped samples: passes" ||
	fail "song 1's AAC round trip passes"
grep -A9 '^01 Quiet One' "$T/out/report.txt" |
	grep -q "Apple Digital Masters: meets it.*; 0 clipped samples; the AAC round trip does not clip" ||
	fail "song 1 meets ADM"
grep -A9 '^02 Hot/Two' "$T/out/report.txt" |
	grep -q "AAC round trip: true peak [0-9]*\.[0-9] dBTP, [1-9][0-9]* clipped samples: fails, lower the master by [0-9]*\.[0-9] dB" ||
	fail "song 2's AAC round trip fails"
grep -A9 '^02 Hot/Two' "$T/out/report.txt" |
	grep -q "Apple Digital Masters: does not meet it.*; [1-9][0-9]* clipped samples; the AAC round trip clips" ||
	fail "song 2 fails ADM"
ok "report: six services per song; ADM met by the clean song, not by the clipped one"
done_test
