#!/bin/sh
# deliver digital: the AAC round trip of Apple Digital Masters, measured
# in memory by reel (libavcodec, 256 kbit/s AAC-LC at 44.1 kHz).  A
# square-wave master at -0.1 dBFS sample peak (its true peak is about
# +2 dBTP: the band-limited edges ring past full scale) clips after the
# round trip and fails; the same wave at -3 dBTP passes with 0 clipped
# samples; the hot one lowered by the dB the report asks for passes.
# An 11025 Hz sine at 45 degrees, whose samples all fall 3 dB below its
# peaks, decodes with no sample clipped but peaks between samples over
# full scale: it passes, with the advice to lower it.
# Every figure is checked against ffmpeg run by this test: its own aac
# encode to .m4a, decoded by ffmpeg, its clipped samples counted by
# python and its true peak read by ffmpeg's ebur128 (peak=true).
. "$(dirname "$0")/../lib/common.sh"
need python3
need sox
need ffmpeg
DRIVE=${REEL_DELIVER_DRIVE:-$(dirname "$REEL")/tests/test_deliver}
[ -x "$DRIVE" ] || fail "no $DRIVE (make VARIANT=test unit)"
mkdir -p "$T/a"
cd "$T/a" || exit 1
# The album at 44.1 kHz: reel and ffmpeg encode the very same samples.
F="-r 44100 -n -e floating-point -b 32 -c 2"
sox $F hot.wav synth 5 square 1000 fade 0.05 gain -n -0.1
sox $F safe.wav synth 5 square 1000 fade 0.05 gain -n -5.2
sox $F between.wav synth 5 sine 11025 0 12.5 fade 0.05 gain -n -0.3

# ffmpeg's true peak (dBTP) of a file.
ff_tp() {
	ffmpeg -nostdin -hide_banner -i "$1" -af ebur128=peak=true -f null - \
	    2>&1 | awk '/True peak:/ { f = 1 } f && /Peak:/ { print $2; exit }'
}
# ffmpeg's AAC round trip of a master: "TRUEPEAK CLIPPED".
ff_aac() {
	ffmpeg -nostdin -v error -y -i "$1" -c:a aac -b:a 256k "$1.m4a" ||
		fail "ffmpeg aac encode of $1"
	clipped=$(ffmpeg -nostdin -v error -i "$1.m4a" -f f32le - |
	    python3 -c 'import array, sys
a = array.array("f", sys.stdin.buffer.read())
print(sum(1 for v in a if abs(v) >= 1.0))')
	echo "$(ff_tp "$1.m4a") $clipped"
}
# reel's AAC line of song N in a report: "TRUEPEAK CLIPPED VERDICT".
reel_aac() {
	awk -v s="$(printf '%02d ' "$2")" '
	    index($0, s) == 1 { f = 1; next }
	    f && /^  AAC round trip:/ {
		print $6, $8, $11; exit }' "$1"
}

mtp=$(ff_tp safe.wav)
python3 -c "import sys; sys.exit(not -3.3 <= float('$mtp') <= -3.0)" ||
	fail "the safe master is at $mtp dBTP, not -3"
cat > album.ini <<'INI'
[album]
rate = 44100
title = AAC Test

[song 1]
master = hot.wav
title = Hot
isrc = USRC17607839

[song 2]
master = safe.wav
title = Safe
isrc = GBAYE0000351

[song 3]
master = between.wav
title = Between
INI
"$DRIVE" digital album.ini "$T/out" > "$T/log" 2>&1 ||
	{ cat "$T/log"; fail "deliver digital"; }
cat "$T/log"
R="$T/out/report.txt"
grep -q "^AAC round trip: as Apple Music streams it, 256 kbit/s AAC-LC at 44.1 kHz" "$R" ||
	fail "the report names the round trip"

set -- $(reel_aac "$R" 1)
hot_tp=$1 hot_clip=$2 hot_verdict=$3
set -- $(ff_aac hot.wav)
ff_hot_tp=$1 ff_hot_clip=$2
echo "hot:  reel $hot_tp dBTP, $hot_clip clipped; ffmpeg $ff_hot_tp dBTP, $ff_hot_clip clipped"
[ "$hot_verdict" = "fails," ] && [ "$hot_clip" -gt 0 ] ||
	fail "the hot master's round trip: $hot_verdict, $hot_clip clipped"
# The same encoder on the same samples: the counts agree but for what
# ffmpeg's .m4a trims (the priming, silent); 1% for encoder versions.
python3 -c "import sys; sys.exit(abs($hot_clip - $ff_hot_clip) > 0.01 * $ff_hot_clip)" ||
	fail "reel counts $hot_clip clipped samples, ffmpeg $ff_hot_clip"
cut=$(grep -A9 '^01 Hot' "$R" |
	sed -n 's/.*fails, lower the master by \([0-9.]*\) dB$/\1/p')
[ -n "$cut" ] || fail "no 'lower the master by' for the hot song"
grep -A9 '^01 Hot' "$R" | grep -q "Apple Digital Masters: does not meet it.*; 0 clipped samples; the AAC round trip clips" ||
	fail "the hot song meets Apple Digital Masters"
ok "hot master (-0.1 dBFS, about +2 dBTP): AAC round trip $hot_tp dBTP, $hot_clip clipped samples: fails, lower by $cut dB"

set -- $(reel_aac "$R" 2)
safe_tp=$1 safe_clip=$2 safe_verdict=$3
set -- $(ff_aac safe.wav)
ff_safe_tp=$1 ff_safe_clip=$2
echo "safe: reel $safe_tp dBTP, $safe_clip clipped; ffmpeg $ff_safe_tp dBTP, $ff_safe_clip clipped"
[ "$safe_verdict" = "passes" ] && [ "$safe_clip" -eq 0 ] &&
	[ "$ff_safe_clip" -eq 0 ] ||
	fail "the -3 dBTP master's round trip: $safe_verdict, $safe_clip clipped (ffmpeg $ff_safe_clip)"
grep -A9 '^02 Safe' "$R" | grep -q "Apple Digital Masters: meets it.*; 0 clipped samples; the AAC round trip does not clip" ||
	fail "the safe song does not meet Apple Digital Masters"
ok "-3 dBTP master: AAC round trip $safe_tp dBTP, 0 clipped samples: passes"

set -- $(reel_aac "$R" 3)
btw_tp=$1 btw_clip=$2
set -- $(ff_aac between.wav)
ff_btw_tp=$1 ff_btw_clip=$2
echo "between: reel $btw_tp dBTP, $btw_clip clipped; ffmpeg $ff_btw_tp dBTP, $ff_btw_clip clipped"
grep -A9 '^03 Between' "$R" | grep -q "AAC round trip: true peak [0-9.]* dBTP, 0 clipped samples: passes, but its peaks between samples go over full scale: lower the master by [0-9.]* dB" &&
	[ "$ff_btw_clip" -eq 0 ] || fail "the 45-degree sine's round trip"
python3 -c "import sys; sys.exit(not 2.0 <= float('$ff_btw_tp') <= 4.0)" ||
	fail "ffmpeg's round trip of the 45-degree sine peaks at $ff_btw_tp dBTP"
ok "45-degree sine at -0.3 dBFS: AAC round trip $btw_tp dBTP (ffmpeg $ff_btw_tp), 0 clipped samples: passes, with the advice to lower it"

# The same encoder (libavcodec's aac, two-loop search) on the same
# samples: the decodes differ only by ffmpeg's .m4a trimming the
# priming, and the meters differ (reel oversamples 4x with its own
# polyphase filter, ffmpeg's ebur128 to 192 kHz): a few tenths of a dB
# on these sharp edges, hence 0.5 dB.
python3 - "$hot_tp" "$ff_hot_tp" "$safe_tp" "$ff_safe_tp" "$btw_tp" \
    "$ff_btw_tp" <<'PY' ||
import sys
a = [float(v) for v in sys.argv[1:]]
for r, f in zip(a[0::2], a[1::2]):
    assert abs(r - f) <= 0.5, (r, f)
PY
	fail "reel's round-trip true peaks differ from ffmpeg's by more than 0.5 dB"
ok "round-trip true peaks within 0.5 dB of ffmpeg's: $hot_tp/$ff_hot_tp, $safe_tp/$ff_safe_tp, $btw_tp/$ff_btw_tp dBTP"

# The advice works: the hot master lowered by what the report asked.
sox hot.wav lowered.wav gain -"$cut"
cat > low.ini <<'INI'
[album]
rate = 44100
title = AAC Test

[song 1]
master = lowered.wav
title = Lowered
isrc = USRC17607839
INI
"$DRIVE" digital low.ini "$T/low" > "$T/low.log" 2>&1 ||
	{ cat "$T/low.log"; fail "deliver digital (lowered)"; }
set -- $(reel_aac "$T/low/report.txt" 1)
set -- "$1" "$2" "$3" $(ff_aac lowered.wav)
[ "$3" = passes ] && [ "$2" -eq 0 ] && [ "$5" -eq 0 ] ||
	fail "lowered by $cut dB: $3, $2 clipped (ffmpeg $5)"
ok "lowered by $cut dB: round trip $1 dBTP (ffmpeg $4), 0 clipped samples: passes"
done_test
