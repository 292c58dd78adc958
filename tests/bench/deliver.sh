#!/bin/sh
# deliver.sh - `deliver cd` of a 12-song, 60-minute album from rendered
# masters (32-bit float, 48 kHz stereo, five minutes each, made once with
# sox into build/bench-data), for `make bench`: the whole delivery
# (best-sinc resampling to 44.1 kHz, gaps, dither, IMAGE.DAT with its
# MD5, disc.wav, CUE, TOC) against the album's real time (issue 13:
# under 10%).  Until `reel --album` can feed it, the delivery runs
# through build/tests/test_deliver, the deliver command's own code on an
# album.ini with the masters named.  BENCH_DELIVER_SONGS=N (12).
set -u
export LC_ALL=C
TOP=$(cd "$(dirname "$0")/../.." && pwd)
DRIVE=${BENCH_DELIVER:-$TOP/build/tests/test_deliver}
DATA="$TOP/build/bench-data"
N=${BENCH_DELIVER_SONGS:-12}
mkdir -p "$DATA"
# The driver as the sources are now (a stale one measures old code).
[ -n "${BENCH_DELIVER:-}" ] ||
    make -C "$TOP" --no-print-directory unit >/dev/null
W=$(mktemp -d); trap 'rm -rf "$W"' EXIT
i=1
while [ $i -le "$N" ]; do
	m="$DATA/deliver-song-$i.wav"
	if [ ! -f "$m" ]; then
		sox -n -r 48000 -c 2 -e floating-point -b 32 "$m.tmp.wav" \
		    synth 300 pinknoise synth sine amod 0.1 50 \
		    synth sine mix $((110 * i)) gain -14 2>/dev/null &&
		    mv "$m.tmp.wav" "$m" || { echo "bench: sox failed"; exit 1; }
	fi
	i=$((i + 1))
done
{
	printf '[album]\nrate = 48000\ntitle = Bench\nperformer = reel\n'
	i=1
	while [ $i -le "$N" ]; do
		printf '[song %d]\nmaster = %s\ngap = 2\ntitle = Song %d\n' \
		    "$i" "$DATA/deliver-song-$i.wav" "$i"
		i=$((i + 1))
	done
} > "$W/album.ini"
# Wall time is the target; the CPU time (both threads) says how much of
# it was this machine's load.
start=$(date +%s.%N)
/usr/bin/time -f "%U %S" -o "$W/cpu" "$DRIVE" cd "$W/album.ini" "$W/out" \
    > "$W/log" 2>&1 || { cat "$W/log"; echo "bench: deliver cd failed"; exit 1; }
end=$(date +%s.%N)
awk -v s="$start" -v e="$end" -v n="$N" -v cpu="$(cat "$W/cpu")" 'BEGIN {
	t = e - s; album = n * 300; split(cpu, c, " ")
	printf "deliver cd: %d songs, %d:00 of album in %.1f s = %.1f%% of " \
	    "real time (target under 10%%); CPU %.1f s on 2 threads\n", n,
	    album / 60, t, 100 * t / album, c[1] + c[2]
}'
