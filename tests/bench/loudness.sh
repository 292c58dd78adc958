#!/bin/sh
# loudness.sh - mastering figures for `make bench` (run by bench.sh):
#   - offline analysis (I, LRA, true peak, ...) of 60 minutes of 48 kHz
#     stereo (24-bit WAV, made once with sox into build/bench-data):
#     `reel -c 'loudness FILE'` against
#     `ffmpeg -nostdin -af ebur128=peak=true -f null -` on the same file
#     in the same run (issue 11: reel at least 2x faster);
#   - the live meter's cost: build/bench/metercost feeds 10 minutes of
#     the same kind of signal through the same path the Master screen
#     uses (engine period -> ring -> meter thread -> loudness state) and
#     prints its CPU time as a percentage of one core in real time
#     (issue 11: under 2%).
# BENCH_LOUD_MINUTES=N changes the length of the file (60).
set -u
export LC_ALL=C
TOP=$(cd "$(dirname "$0")/../.." && pwd)
REEL=${BENCH_REEL:-$TOP/build/reel}
BENCH="$TOP/build/bench"
DATA="$TOP/build/bench-data"
MIN=${BENCH_LOUD_MINUTES:-60}
F="$DATA/loud-$MIN.wav"
mkdir -p "$BENCH" "$DATA"
say() { printf '%s\n' "$*"; }

if [ ! -f "$F" ]; then
	say "bench: making $MIN minutes of 48 kHz stereo (once) ..." >&2
	# Music-like: pink noise whose level moves (a tremolo), a tone.
	sox -n -r 48000 -c 2 -b 24 "$F.tmp.wav" synth "$((MIN * 60))" \
	    pinknoise synth sine amod 0.05 60 synth sine mix 220 gain -12 \
	    2>/dev/null && mv "$F.tmp.wav" "$F" || { rm -f "$F.tmp.wav";
	    say "bench: sox failed"; exit 1; }
fi
P="$BENCH/loudproj"
rm -rf "$P"
"$REEL" "$P" -c "info" >/dev/null 2>&1
cc -O2 -std=c11 -D_GNU_SOURCE -Wall -Wextra -o "$BENCH/runstat" \
    "$TOP/tests/bench/runstat.c" || exit 1
run() {	# NAME CMD...: wall and CPU into NAME_wall NAME_cpu
	_n=$1; shift
	"$BENCH/runstat" -o "$BENCH/lstat" "$@" > "$BENCH/l.log" 2>&1
	read -r _w _r _u _s _rc _a _sh < "$BENCH/lstat"
	eval "${_n}_wall=$_w ${_n}_cpu=\$(awk 'BEGIN { print $_u + $_s }')"
	[ "$_rc" -eq 0 ] || { say "bench: $_n failed:"; tail -3 "$BENCH/l.log"; }
	cp "$BENCH/l.log" "$BENCH/$_n.log"
}
# Each twice, alternating, the best kept: the machine may be busy.
best_r=""; best_f=""
for i in 1 2; do
	run r "$REEL" "$P" -c "loudness $F"
	run f ffmpeg -nostdin -hide_banner -i "$F" -af ebur128=peak=true \
	    -f null -
	if [ -z "$best_r" ] || awk "BEGIN { exit !($r_wall < $best_r) }"
	then best_r=$r_wall; cpu_r=$r_cpu; fi
	if [ -z "$best_f" ] || awk "BEGIN { exit !($f_wall < $best_f) }"
	then best_f=$f_wall; cpu_f=$f_cpu; fi
done
say ""
say "mastering (issue 11), $MIN min of 48 kHz stereo, load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-40s %9s %9s\n' "offline loudness (I, LRA, TP)" "wall s" "CPU s"
printf '%-40s %9.2f %9.2f\n' "reel loudness FILE" "$best_r" "$cpu_r"
printf '%-40s %9.2f %9.2f\n' "ffmpeg ebur128=peak=true" "$best_f" "$cpu_f"
say "    reel: $(grep -E '^(integrated|true-peak)' "$BENCH/r.log" | tr '\n' ' ')"
say "    ffmpeg: I $(awk '/^ *I:/ { v = $2 } END { print v }' "$BENCH/f.log")," \
    "TP $(awk '/^ *Peak:/ { v = $2 } END { print v }' "$BENCH/f.log")"
say "target: reel >= 2x faster than ffmpeg: $(awk "BEGIN { printf \"%.2f\", $best_f / $best_r }")x (wall)," \
    "$(awk "BEGIN { printf \"%.2f\", $cpu_f / $cpu_r }")x (CPU)"
cc -O2 -std=c11 -D_GNU_SOURCE -pthread -I"$TOP/audio" -I"$TOP/src" \
    -o "$BENCH/metercost" "$TOP/tests/bench/metercost.c" \
    "$TOP/build/libreel.a" $(pkg-config --libs libebur128) -lm -pthread ||
    exit 1
"$BENCH/metercost" 600
