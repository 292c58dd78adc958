#!/bin/sh
# edit_bench.sh - the editing operations of a 3-minute mono take as
# real-time factors (issue 14: denoise and quantize >= 10x real time on
# one core).
# Run by bench.sh (make bench); prints figures, never pass or fail.
# The take: a 220 Hz sine over pink noise, 180 s, 24-bit, made with sox;
# for quantize a drum-like take of the same length: a pink-noise hit with
# a 60 ms decay every 250 ms (eighths at 120 BPM), 13 ms late.
# tune gets a sung line instead (a held note is no work for it): 10 s
# made in Python, repeated to 180 s with sox: phrases of 4 s (notes of
# 0.5 s, 25 cents sharp, harmonics, a 5.5 Hz vibrato of +-25 cents) and
# 1 s of breath (noise at -50 dBFS) between them: 80% voiced.
set -u
export LC_ALL=C
TOP=$(cd "$(dirname "$0")/../.." && pwd)
REEL=${BENCH_REEL:-$TOP/build/reel}
W=$(mktemp -d "${TMPDIR:-/tmp}/reel-edit-bench.XXXXXX")
trap 'rm -rf "$W"' EXIT
trap 'exit 130' INT
SECS=${BENCH_EDIT_SECONDS:-180}
export XDG_CONFIG_HOME="$W/.config"

sox -n -r 48000 -b 24 -c 1 "$W/take.wav" synth "$SECS" sine 220 \
    synth "$SECS" pinknoise mix vol 0.3 2>/dev/null || exit 1
sox -n -r 48000 -b 24 -c 1 "$W/hit.wav" synth 0.25 pinknoise \
    fade q 0.0005 0.25 0.19 vol 0.7 2>/dev/null || exit 1
sox "$W/hit.wav" "$W/drums.wav" repeat $((SECS * 4 - 1)) pad 0.013 \
    trim 0 "$SECS" 2>/dev/null || exit 1
"$REEL" "$W/p" -c "import $W/take.wav track=v; noise-learn v 0 1;
    import $W/drums.wav track=d; tempo 120" \
    > /dev/null 2>&1 || { echo "edit bench: setup failed" >&2; exit 1; }
python3 - "$W/sung.wav" <<'EOF' || exit 1
import math, random, struct, sys
sr, x, ph = 48000, [], 0.0
random.seed(14)
notes = (57, 60, 62, 64, 65, 64, 62, 60)
for i in range(10 * sr):
    t = i / sr
    p = t % 5
    if p >= 4:
        x.append(random.gauss(0, 0.003))
        continue
    m = notes[int(p / 0.5)] + 0.25 + 0.25 * math.sin(2 * math.pi * 5.5 * t)
    ph += 2 * math.pi * 440 * 2 ** ((m - 69) / 12) / sr
    x.append(0.3 * math.sin(ph) + 0.15 * math.sin(2 * ph) +
             0.07 * math.sin(3 * ph))
d = struct.pack('<%df' % len(x), *x)
open(sys.argv[1], 'wb').write(struct.pack('<4sI4s4sIHHIIHH4sI', b'RIFF',
    36 + len(d), b'WAVE', b'fmt ', 16, 3, 1, sr, sr * 4, 4, 32, b'data',
    len(d)) + d)
EOF
sox "$W/sung.wav" -b 24 "$W/sung180.wav" repeat $((SECS / 10 - 1)) \
    2>/dev/null || exit 1
"$REEL" "$W/p" -c "import $W/sung180.wav track=s" > /dev/null 2>&1 ||
    { echo "edit bench: setup failed" >&2; exit 1; }
cp "$W/p/project.ini" "$W/before.ini"

# op NAME COMMAND: wall time (s) of COMMAND on a fresh copy of the project
# (taskset: one core, when it is there).
op() {
	cp "$W/before.ini" "$W/p/project.ini"
	one=""
	command -v taskset > /dev/null 2>&1 && one="taskset -c 0"
	t0=$(date +%s.%N)
	$one "$REEL" "$W/p" -c "$2" > "$W/$1.log" 2>&1 ||
	    { echo "edit bench: $1 failed: $(tail -1 "$W/$1.log")" >&2; return; }
	t1=$(date +%s.%N)
	awk -v n="$1" -v a="$t0" -v b="$t1" -v s="$SECS" 'BEGIN {
	    printf "%-34s %9.3f %7.1fx\n", n, b - a, s / (b - a) }'
}
echo ""
printf '%-34s %9s %8s\n' "editing, $SECS s mono take" "wall s" "x real"
op "denoise (target >= 10x)" "denoise v amount=12"
op "quantize 16ths 70% (target >= 10x)" "quantize d grid=1/16 strength=70"
op "strip-silence" "strip-silence v threshold=-60 min=0.5"
op "stretch ratio=1.25 (Rubber Band R3)" "stretch v 1 ratio=1.25"
op "shift +2 semitones" "shift v 1 semitones=2"
# op_cpu NAME COMMAND: as op, and the CPU seconds (user + system) beside
# the wall time: on a shared machine the wall time also counts others.
op_cpu() {
	cp "$W/before.ini" "$W/p/project.ini"
	one=""
	command -v taskset > /dev/null 2>&1 && one="taskset -c 0"
	t0=$(date +%s.%N)
	/usr/bin/time -f "%U %S" -o "$W/$1.time" $one "$REEL" "$W/p" -c "$2" \
	    > "$W/$1.log" 2>&1 ||
	    { echo "edit bench: $1 failed: $(tail -1 "$W/$1.log")" >&2; return; }
	t1=$(date +%s.%N)
	awk -v n="$1" -v a="$t0" -v b="$t1" -v s="$SECS" '{
	    c = $1 + $2; printf "%-34s %9.3f %7.1fx  (cpu %.3f s: %.1fx)\n",
	    n, b - a, s / (b - a), c, s / c }' "$W/$1.time"
}
if [ -x /usr/bin/time ]; then
	op_cpu "tune (target >= 10x; sung line)" \
	    "tune s key=A scale=minor strength=0.8 speed=20"
else
	op "tune (target >= 10x; sung line)" \
	    "tune s key=A scale=minor strength=0.8 speed=20"
fi
