#!/bin/sh
# deliver_aac.sh - `deliver digital` of one 4-minute song (32-bit float,
# 44.1 kHz stereo pink noise, made once with sox into build/bench-data),
# for `make bench`: the whole digital delivery with its AAC round trip
# (256 kbit/s, on a thread of its own), and as a peer ffmpeg's own AAC
# round trip of the same master (`-c:a aac -b:a 256k`, then decoded).
set -u
export LC_ALL=C
TOP=$(cd "$(dirname "$0")/../.." && pwd)
DRIVE=${BENCH_DELIVER:-$TOP/build/tests/test_deliver}
DATA="$TOP/build/bench-data"
M="$DATA/deliver-aac-song.wav"
mkdir -p "$DATA"
# The driver as the sources are now (a stale one measures old code).
[ -n "${BENCH_DELIVER:-}" ] ||
    make -C "$TOP" --no-print-directory unit >/dev/null
W=$(mktemp -d); trap 'rm -rf "$W"' EXIT
if [ ! -f "$M" ]; then
	sox -R -r 44100 -n -c 2 -e floating-point -b 32 "$M.tmp.wav" \
	    synth 240 pinknoise gain -n -1 2>/dev/null && mv "$M.tmp.wav" "$M" ||
		{ echo "bench: sox failed"; exit 1; }
fi
printf '[album]\nrate = 44100\ntitle = Bench\n[song 1]\nmaster = %s\ntitle = Song\n' \
    "$M" > "$W/album.ini"
/usr/bin/time -f "%e %U %S" -o "$W/t" "$DRIVE" digital "$W/album.ini" \
    "$W/out" > "$W/log" 2>&1 ||
	{ cat "$W/log"; echo "bench: deliver digital failed"; exit 1; }
/usr/bin/time -f "%e %U %S" -o "$W/f" sh -c 'ffmpeg -nostdin -v error -y \
    -i "$1" -c:a aac -b:a 256k "$2/x.m4a" &&
    ffmpeg -nostdin -v error -i "$2/x.m4a" -f null -' sh "$M" "$W" ||
	{ echo "bench: ffmpeg failed"; exit 1; }
awk -v r="$(cat "$W/t")" -v f="$(cat "$W/f")" 'BEGIN {
	split(r, a, " "); split(f, b, " ")
	printf "deliver digital of a 4:00 song with its AAC round trip: " \
	    "%.1f s wall, CPU %.1f s on 2 threads; ffmpeg'"'"'s AAC round " \
	    "trip alone: %.1f s wall, CPU %.1f s\n", a[1], a[2] + a[3],
	    b[1], b[2] + b[3]
}'
grep 'AAC round trip: true' "$W/out/report.txt"
