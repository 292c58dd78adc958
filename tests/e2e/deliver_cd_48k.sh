#!/bin/sh
# deliver cd from 48 kHz masters with a crossfade, dithered: the DDP read
# back by tests/lib/ddp.py (layout, PQ, CD-Text, CUE/TOC agreement) and
# its audio against the same layout made from masters that sox resampled.
. "$(dirname "$0")/../lib/common.sh"
need python3
need sox
DRIVE=${REEL_DELIVER_DRIVE:-$(dirname "$REEL")/tests/test_deliver}
[ -x "$DRIVE" ] || fail "no $DRIVE (make VARIANT=test unit)"
DDP="python3 $REEL_TOP/tests/lib/ddp.py"
# 48 kHz masters with a crossfade, dithered: the image against the same
# layout made from masters resampled by sox (another resampler): within
# 6 LSB RMS, about 66 dB under the signal (two resamplers' passbands
# and the dither differ by about 3 LSB RMS here; a frame out of place
# would be hundreds).
mkdir -p "$T/b"
cat > "$T/b/album.ini" <<'INI'
[album]
rate = 48000
title = Resampled

[song 1]
master = one.wav
length = 5.2
title = One

[song 2]
master = two.wav
length = 4.2
crossfade = 750
title = Two
INI
$DDP masters "$T/b/album.ini" || fail "48 kHz masters"
for m in one two; do
	sox "$T/b/$m.wav" -e floating-point -b 32 "$T/b/$m.ref44.wav" \
	    rate -v 44100 || fail "sox rate"
done
(cd "$T/b" && "$DRIVE" cd album.ini "$T/outb") > "$T/logb" 2>&1 ||
	{ cat "$T/logb"; fail "deliver cd at 48 kHz"; }
DDP_TOLERANCE=6 $DDP check "$T/b/album.ini" "$T/outb" ||
	fail "48 kHz album read back"

done_test
