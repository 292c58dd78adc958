#!/bin/sh
# Past a file size limit (ulimit -f), with SIGXFSZ at its default action
# as a login shell leaves it (issue 8, item 11):
#  - a render fails with exit 1 and one line naming the limit, leaving
#    neither the file nor renders/NAME.part (before: killed, status 153,
#    the .part left behind);
#  - a recording stops with exit 1 and a clear message, its take a valid
#    WAV with every frame that fitted, bit-exact, and project.ini not left
#    at state = recording (before: killed at once, state = recording).
# Stale renders/*.part of a killed render are removed at the next open,
# with a line saying so; anything else named .part is left alone.
# A missing take file: render fails with one line naming it (before: a
# second, misleading "write error"), and info lists the missing files.
. "$(dirname "$0")/../lib/common.sh"
need sox soxi

RATE=48000
P="$T/song"
sox -n -r $RATE -c 2 -b 24 "$T/src.wav" synth 5 sine 440 whitenoise \
    vol 0.5 2>/dev/null
s32raw "$T/src.wav" "$T/in.raw"
file_devices "$T/in.raw" /dev/null
config_write "$CFG" "disk-reserve = 0" "latency = 0"
run_to mk reel_file "$P" -c "track-add st in=1,2; arm st;
    import $T/src.wav track=imp"
[ "$RC" -eq 0 ] || { cat "$T/mk.err"; fail "setup: exit $RC"; }

# limited CMD...: CMD with a 400 kB file size limit (the limit's unit is
# 512 bytes in dash and 1024 in bash: 800 blocks is 400 or 800 kB, less
# than the 1.4 MB a 5 s stereo 24-bit file takes), SIGXFSZ at default.
limited() {
	sh -c 'trap - XFSZ; ulimit -f 800; exec "$@"' sh "$@"
}

say "-- render past the limit"
run_to r limited "$REEL" --config "$CFG" "$P" -c "render big.wav"
if [ "$RC" -eq 1 ] && [ "$(wc -l < "$T/r.err")" -eq 1 ] &&
    grep -q "big.wav: file too large: the file size limit (ulimit -f)" \
    "$T/r.err" && [ -z "$(ls "$P/renders")" ]; then
	ok "exit 1, renders/ empty: $(cat "$T/r.err")"
else
	soft_fail "render: exit $RC (153 is death by SIGXFSZ), renders/:" \
	    "$(ls "$P/renders" | tr '\n' ' '); $(cat "$T/r.err")"
fi
run_to r2 limited "$REEL" --config "$CFG" "$P" -c "render big.flac"
[ "$RC" -eq 1 ] && grep -q "file size limit" "$T/r2.err" &&
    [ -z "$(ls "$P/renders")" ] && ok "flac too: $(cat "$T/r2.err")" ||
    soft_fail "render flac: exit $RC: $(cat "$T/r2.err")"

say "-- record past the limit"
run_to rec limited "$REEL" --device reeltest --sample-format S32_LE \
    --config "$CFG" "$P" -c "record 5"
sed 's/^/      stderr: /' "$T/rec.err"
state=$(ini_get "$P/project.ini" "take st 1" state)
file=$(ini_get "$P/project.ini" "take st 1" file)
len=$(ini_get "$P/project.ini" "take st 1" length)
if [ "$RC" -eq 1 ] && grep -qi "file too large" "$T/rec.err" &&
    [ "$state" = ok ]; then
	ok "exit 1, message, project.ini: state $state, length $len"
else
	soft_fail "record: exit $RC (153 is death by SIGXFSZ), state $state"
fi
F=$(frames "$P/$file" 2>/dev/null)
s32raw "$P/$file" "$T/got.raw" 2>/dev/null
slice "$T/in.raw" "$T/want.raw" 8 0 "${F:-0}"
if [ -n "$F" ] && [ "$F" -gt 0 ] && [ "$F" = "$len" ] &&
    [ "$F" -lt $((5 * RATE)) ] && rawcmp "$T/got.raw" "$T/want.raw" 8; then
	ok "take: a valid WAV of $F frames ($(fcalc "$F / $RATE") s), the" \
	    "first $F capture frames bit for bit"
else
	soft_fail "take: ${F:-unreadable} frames, project.ini length $len"
fi

say "-- stale .part files"
rm -rf "$P/renders"/*
echo "half a render" > "$P/renders/mix.wav.part"
echo "another" > "$P/renders/b.flac.part"
mkfifo "$P/renders/odd.part"
run_to open reel_cfg "$P" -c info
if [ ! -e "$P/renders/mix.wav.part" ] && [ ! -e "$P/renders/b.flac.part" ] &&
    [ -p "$P/renders/odd.part" ] &&
    grep -q "removed renders/mix.wav.part, left by a render" "$T/open.err" &&
    [ "$(grep -c "^reel: removed renders/" "$T/open.err")" -eq 2 ]; then
	ok "reopen removed both and said so:" \
	    "$(grep removed "$T/open.err" | tr '\n' ' ')(a FIFO named" \
	    "odd.part left alone)"
else
	soft_fail "stale .part: $(ls "$P/renders" | tr '\n' ' '); stderr:" \
	    "$(cat "$T/open.err")"
fi
rm -f "$P/renders/odd.part"

say "-- a missing take file"
ifile=$(ini_get "$P/project.ini" "take imp 1" file)
mv "$P/$ifile" "$T/moved.wav"
run_to miss reel_cfg "$P" -c "render m.wav"
if [ "$RC" -eq 1 ] && [ "$(wc -l < "$T/miss.err")" -eq 1 ] &&
    grep -q "track imp: take file $ifile is missing" "$T/miss.err" &&
    [ -z "$(ls "$P/renders")" ]; then
	ok "render: exit 1, one line: $(cat "$T/miss.err")"
else
	soft_fail "render with a missing take: exit $RC, $(wc -l < \
	    "$T/miss.err") lines: $(cat "$T/miss.err")"
fi
run_to info reel_cfg "$P" -c info
if [ "$RC" -eq 0 ] && grep -qx "missing  $ifile (imp take 1)" "$T/info.out" &&
    [ "$(grep -c '^missing' "$T/info.out")" -eq 1 ]; then
	ok "info: $(grep '^missing' "$T/info.out")"
else
	soft_fail "info does not list the missing file: $(cat "$T/info.out")"
fi
# A FIFO in its place: refused at once, not a hang in open().
mkfifo "$P/$ifile"
run_to fifo timeout -k 5 20 "$REEL" --config "$CFG" "$P" -c "render m.wav"
[ "$RC" -eq 1 ] && grep -q "take file $ifile is not a regular file" \
    "$T/fifo.err" && ok "a FIFO for a take: $(cat "$T/fifo.err")" ||
    soft_fail "a FIFO for a take: exit $RC: $(cat "$T/fifo.err")"
rm -f "$P/$ifile"
mv "$T/moved.wav" "$P/$ifile"
run_to back reel_cfg "$P" -c "render m.wav; info"
[ "$RC" -eq 0 ] && ! grep -q '^missing' "$T/back.out" &&
    ok "file back: render works, info lists nothing missing" ||
    soft_fail "file back: exit $RC: $(cat "$T/back.err")"
done_test
