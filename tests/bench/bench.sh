#!/bin/sh
# bench.sh - speed and memory figures of reel beside ecasound and sox.
#
# Run by `make bench` (which builds build/reel first).  It prints figures,
# never pass or fail: the targets are in issue 2, "Performance", and the
# machine it runs on may be busy with other work (the load average is
# printed with the figures).  It takes a minute or two, plus a few seconds
# once to make the test files.
#
#   BENCH_TRACKS=N BENCH_SECONDS=S   a smaller (or larger) job; the files
#                                    are made again when these change
#   BENCH_RUNS=N                     tries per figure (best is kept; 3)
#   BENCH_PLAY_SECONDS=S             the real-time play through JACK (20)
#   BENCH_REEL=PATH                  another reel binary (build/reel)
#   KEEP=1                           keep build/bench/work afterwards
#
# What it measures (and tests/bench/mix_bench.sh: the mix graph, issue
# 9), on 32 mono 24-bit WAV files of 180 s at 48 kHz (made
# once with sox into build/bench-data), each with its own gain and pan:
#   - reel's offline render of a project with those 32 tracks (wav24),
#     ecasound mixing the same files with the same gains and pans, and
#     sox doing it two ways; the floor is reading the files (cat);
#   - opening that project and printing `info`;
#   - peak memory while reel plays the project through the ALSA file
#     device (freewheel) and, when jackd is installed, in real time
#     through the ALSA jack plugin on a dummy JACK server, with the
#     engine's CPU load;
#   - the TUI's output bytes (tests/bench/tui_bytes.sh, when present);
#   - denoise, strip-silence, stretch and shift of a 3-minute mono take
#     as real-time factors (tests/bench/edit_bench.sh).
#   - plugin hosting: 32 x42-eq (LV2) against 32 built-in eqs per
#     128-frame period (tests/bench/plugins.sh).
# Times are wall clock (best of BENCH_RUNS), memory is peak RSS, both from
# wait4() through build/bench/runstat (tests/bench/runstat.c).
set -u
export LC_ALL=C

TOP=$(cd "$(dirname "$0")/../.." && pwd)
REEL=${BENCH_REEL:-$TOP/build/reel}
BENCH="$TOP/build/bench"
DATA="$TOP/build/bench-data"
W="$BENCH/work"
NT=${BENCH_TRACKS:-32}
SECS=${BENCH_SECONDS:-180}
RUNS=${BENCH_RUNS:-3}
PLAY=${BENCH_PLAY_SECONDS:-20}
RATE=48000
JACK_PID=""

say() { printf '%s\n' "$*"; }
note() { printf 'bench: %s\n' "$*" >&2; }

cleanup() {
	if [ -n "$JACK_PID" ]; then
		kill "$JACK_PID" 2>/dev/null
		wait "$JACK_PID" 2>/dev/null
	fi
	[ -n "${KEEP:-}" ] || rm -rf "$W"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

[ -x "$REEL" ] || { note "no $REEL: run 'make bench'"; exit 1; }
for c in sox cc; do
	command -v $c >/dev/null 2>&1 ||
	    { note "'$c' is not installed (make deps-test)"; exit 1; }
done
mkdir -p "$BENCH" "$DATA"
rm -rf "$W"
mkdir -p "$W"
# No user settings: the defaults are what is measured.
export XDG_CONFIG_HOME="$W/.config"
export JACK_NO_START_SERVER=1
cc -O2 -std=c11 -D_GNU_SOURCE -Wall -Wextra -o "$BENCH/runstat" \
    "$TOP/tests/bench/runstat.c" || exit 1

# --- measuring -------------------------------------------------------------

# stat1 [-p] CMD...: runs CMD once (stdout and stderr to $W/last.log);
# sets WALL (s), RSS (KB), CPU (user + sys, s) and RC; with -p also ANON
# and SHMEM, the peaks of private and shared memory (KB).
stat1() {
	_p=""
	[ "$1" = "-p" ] && { _p=-p; shift; }
	"$BENCH/runstat" -o "$W/stat" $_p "$@" > "$W/last.log" 2>&1
	read -r WALL RSS _u _s RC ANON SHMEM < "$W/stat"
	CPU=$(awk "BEGIN { printf \"%.4f\", $_u + $_s }")
}

# best NAME CMD...: runs CMD $RUNS times and keeps the best wall time (and
# the largest peak RSS) as NAME_wall, NAME_rss, NAME_cpu.  A run that fails
# is reported and makes the figure "-".
best() {
	_n=$1; shift
	_bw=""; _bc=""; _br=0; _i=0
	while [ $_i -lt "$RUNS" ]; do
		stat1 "$@"
		if [ "$RC" -ne 0 ]; then
			note "$_n failed (exit $RC):"
			tail -n 5 "$W/last.log" | sed 's/^/    /' >&2
			_bw="-"
			break
		fi
		if [ -z "$_bw" ] || awk "BEGIN { exit !($WALL < $_bw) }"; then
			_bw=$WALL; _bc=$CPU
		fi
		[ "$RSS" -gt "$_br" ] && _br=$RSS
		_i=$((_i + 1))
	done
	[ "$_bw" = "-" ] && { _bc="-"; _br="-"; }
	eval "${_n}_wall=\$_bw ${_n}_cpu=\$_bc ${_n}_rss=\$_br"
}

# fmt_* for the table; "-" stays "-".
mb() { [ "$1" = "-" ] && echo "-" || awk "BEGIN { printf \"%.1f\", $1 / 1024 }"; }
secs() { [ "$1" = "-" ] && echo "-" || awk "BEGIN { printf \"%.3f\", $1 }"; }
# rtf WALL [SECONDS]: the real-time factor
rtf() { [ "$1" = "-" ] && echo "-" ||
    awk "BEGIN { printf \"%.0fx\", ${2:-$SECS} / $1 }"; }
# ratio A B: B / A ("how many times faster A is than B")
ratio() {
	if [ "$1" = "-" ] || [ "$2" = "-" ]; then echo "-"; else
		awk "BEGIN { printf \"%.2f\", $2 / $1 }"; fi
}

# --- the test files --------------------------------------------------------

# Track i: a sine of its own frequency over pink or brown noise, well below
# full scale so that the mix of 32 does not clip; gain and pan of its own.
gain_db() { echo $(( -1 - $1 % 7 )); }
pan_of() { awk "BEGIN { printf \"%.1f\", ($1 % 9 - 4) / 5 }"; }

stamp="v1 $NT $SECS $RATE"
if [ "$(cat "$DATA/stamp" 2>/dev/null)" != "$stamp" ]; then
	note "making $NT test files of $SECS s in $DATA (once)"
	rm -f "$DATA"/f*.wav "$DATA/stamp"
	i=1
	while [ $i -le "$NT" ]; do
		if [ $((i % 2)) -eq 0 ]; then noise=pinknoise; else
			noise=brownnoise; fi
		# wavpcm: a plain PCM header, which ecasound requires.
		sox -n -r $RATE -b 24 -c 1 -t wavpcm "$DATA/f$i.wav" \
		    synth "$SECS" $noise synth "$SECS" sine mix \
		    $((55 + 37 * i)) gain -28 &
		[ $((i % 2)) -eq 0 ] && wait
		i=$((i + 1))
	done
	wait
	echo "$stamp" > "$DATA/stamp"
fi
FILES=""
i=1
while [ $i -le "$NT" ]; do FILES="$FILES $DATA/f$i.wav"; i=$((i + 1)); done

# --- the project -----------------------------------------------------------

P="$W/song"
note "importing $NT tracks into a reel project"
cmds=""
i=1
while [ $i -le "$NT" ]; do
	cmds="$cmds import $DATA/f$i.wav track=t$i; gain t$i $(gain_db $i);"
	cmds="$cmds pan t$i $(pan_of $i);"
	i=$((i + 1))
done
if ! "$REEL" -q "$P" -c "$cmds" > "$W/import.log" 2>&1; then
	note "making the project failed:"; tail -n 5 "$W/import.log" >&2
	exit 1
fi

# The same mix for ecasound (amplify in %, pan 0..100 with 50 centre) and
# for sox: -m with -v gains (mono: sox -m cannot pan each input), and -M
# with one remix doing reel's gains and constant-power pans.
eca="-q -z:mixmode,sum"
soxm=""
soxl=""; soxr=""
i=1
while [ $i -le "$NT" ]; do
	g=$(gain_db $i); p=$(pan_of $i)
	eca="$eca -a:$i -i:$DATA/f$i.wav -chcopy:1,2"
	eca="$eca $(awk "BEGIN { printf \"-ea:%.4f -epp:%.1f\", \
	    100 * 10 ^ ($g / 20), 50 * ($p + 1) }")"
	soxm="$soxm -v $(awk "BEGIN { printf \"%.6f\", 10 ^ ($g / 20) }") \
	    $DATA/f$i.wav"
	soxl="$soxl,$(awk "BEGIN { g = 10 ^ ($g / 20); \
	    printf \"%dv%.6f\", $i, g * cos(($p + 1) * atan2(1, 1)) }")"
	soxr="$soxr,$(awk "BEGIN { g = 10 ^ ($g / 20); \
	    printf \"%dv%.6f\", $i, g * sin(($p + 1) * atan2(1, 1)) }")"
	i=$((i + 1))
done
eca="$eca -a:all -f:s24_le,2,$RATE -o:$W/eca.wav"

LOAD0=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)

# --- offline mix -----------------------------------------------------------

note "reading the files (the floor), $RUNS times"
# shellcheck disable=SC2086
best floor sh -c "cat $FILES > /dev/null"
note "reel render, $RUNS times"
best reel "$REEL" -q "$P" -c "render $W/reel.wav format=wav24"
if command -v ecasound >/dev/null 2>&1; then
	note "ecasound, $RUNS times"
	# shellcheck disable=SC2086
	best eca ecasound $eca
else
	note "ecasound is not installed (make deps-test)"
	eca_wall="-"; eca_rss="-"; eca_cpu="-"
fi
note "sox -m, $RUNS times"
# shellcheck disable=SC2086
best soxm sox -m $soxm -b 24 -t wavpcm "$W/soxm.wav"
note "sox -M remix, $RUNS times"
# shellcheck disable=SC2086
best soxr sox -M $FILES -b 24 -t wavpcm "$W/soxr.wav" \
    remix "${soxl#,}" "${soxr#,}"

# Every output must be the whole mix, or its figure means nothing.
for f in reel eca soxm soxr; do
	[ -f "$W/$f.wav" ] || continue
	n=$(soxi -s "$W/$f.wav" 2>/dev/null)
	[ "$n" = $((SECS * RATE)) ] ||
	    note "warning: $f.wav has ${n:-no} frames, not $((SECS * RATE))"
done

# --- opening a project -----------------------------------------------------

note "reel info, 10 times"
RUNS_SAVE=$RUNS; RUNS=10
best info "$REEL" -q "$P" -c info
RUNS=$RUNS_SAVE
info_ms=$( [ "$info_wall" = "-" ] && echo "-" ||
    awk "BEGIN { printf \"%.1f\", $info_wall * 1000 }")

# --- playing ---------------------------------------------------------------

ALSA_SYS=/usr/share/alsa/alsa.conf
[ -f "$ALSA_SYS" ] || ALSA_SYS=/etc/alsa/alsa.conf
# Capture reads a short raw S32_LE stereo file (it is not used: nothing
# is armed); playback goes nowhere.  No plug in front of a file PCM with
# an infile (DESIGN.md, "Testing without a sound card").
head -c 384000 /dev/zero > "$W/in.raw"
cat > "$W/asound.conf" <<EOF
pcm.reelbenchcap {
	type file
	slave.pcm "null"
	file "/dev/null"
	infile "$W/in.raw"
	format "raw"
}
pcm.reelbenchplay {
	type file
	slave.pcm "null"
	file "/dev/null"
	format "raw"
}
pcm.reelbench {
	type asym
	capture.pcm "reelbenchcap"
	playback.pcm "reelbenchplay"
}
pcm.reelbenchjackraw {
	type jack
	playback_ports { 0 system:playback_1 1 system:playback_2 }
	capture_ports { 0 system:capture_1 1 system:capture_2 }
}
pcm.reelbenchjack {
	type plug
	slave.pcm "reelbenchjackraw"
}
EOF
export ALSA_CONFIG_PATH="$ALSA_SYS:$W/asound.conf"

fw=60
[ "$SECS" -lt $fw ] && fw=$SECS
note "reel play $fw through the ALSA file device (freewheel)"
stat1 -p "$REEL" -q "$P" --device reelbench --sample-format S32_LE \
    -c "play $fw"
if [ "$RC" -eq 0 ]; then
	fw_wall=$WALL; fw_rss=$RSS; fw_cpu=$CPU; fw_anon=$ANON
else
	note "play through the file device failed (exit $RC):"
	tail -n 5 "$W/last.log" | sed 's/^/    /' >&2
	fw_wall="-"; fw_rss="-"; fw_cpu="-"; fw_anon="-"
fi

# Through JACK: the engine's load is the CPU time of a long play less that
# of a short one (starting, loading, connecting), over the time between.
jk_wall="-"; jk_rss="-"; jk_cpu="-"; jk_anon="-"; jk_shm="-"
jk_note="jackd not installed"
if command -v jackd >/dev/null 2>&1 && command -v jack_wait >/dev/null 2>&1
then
	jk_note=""
	export JACK_DEFAULT_SERVER="reelbench-$$"
	JACK_NO_AUDIO_RESERVATION=1 jackd -n "$JACK_DEFAULT_SERVER" -d dummy \
	    -r $RATE -p 256 > "$W/jackd.log" 2>&1 &
	JACK_PID=$!
	if jack_wait -s "$JACK_DEFAULT_SERVER" -w -t 10 >/dev/null 2>&1; then
		note "reel play $PLAY in real time through JACK (dummy)"
		stat1 "$REEL" -q "$P" --device reelbenchjack --period 256 \
		    -c "play 0.5"
		jk0_wall=$WALL; jk0_cpu=$CPU
		stat1 -p "$REEL" -q "$P" --device reelbenchjack --period 256 \
		    -c "play $PLAY"
		if [ "$RC" -eq 0 ]; then
			jk_wall=$WALL; jk_rss=$RSS; jk_cpu=$CPU
			jk_anon=$ANON; jk_shm=$SHMEM
		else
			jk_note="play failed (exit $RC)"
			tail -n 5 "$W/last.log" | sed 's/^/    /' >&2
		fi
	else
		jk_note="jackd -d dummy did not start"
	fi
	kill "$JACK_PID" 2>/dev/null
	wait "$JACK_PID" 2>/dev/null
	JACK_PID=""
	unset JACK_DEFAULT_SERVER
fi

# --- the TUI ---------------------------------------------------------------

if [ -x "$TOP/tests/bench/tui_bytes.sh" ]; then
	note "tests/bench/tui_bytes.sh"
	"$TOP/tests/bench/tui_bytes.sh"
fi
if [ -x "$TOP/tests/bench/edit_bench.sh" ]; then
	note "tests/bench/edit_bench.sh"
	"$TOP/tests/bench/edit_bench.sh"
fi

# --- plugin hosting (issue 15) ---------------------------------------------

if [ -x "$TOP/tests/bench/plugins.sh" ]; then
	note "tests/bench/plugins.sh"
	"$TOP/tests/bench/plugins.sh"
fi

# --- summary ---------------------------------------------------------------

LOAD1=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)
say ""
say "reel bench: $NT mono 24-bit tracks x $SECS s at $RATE Hz, gain and pan;"
say "$(nproc 2>/dev/null) CPUs, load average $LOAD0 before, $LOAD1 after;" \
    "best of $RUNS runs"
say ""
printf '%-34s %9s %8s %9s %9s %9s\n' "offline mix" "wall s" "x real" \
    "CPU s" "peak MB" "reel is"
row() {
	printf '%-34s %9s %8s %9s %9s %9s\n' "$1" "$(secs "$2")" \
	    "$(rtf "$2")" "$(secs "$3")" "$(mb "$4")" "$5"
}
row "reel render (wav24)" "$reel_wall" "$reel_cpu" "$reel_rss" ""
row "ecasound (amplify, pan)" "$eca_wall" "$eca_cpu" "$eca_rss" \
    "$(ratio "$reel_wall" "$eca_wall")x"
row "sox -m (-v gains, mono)" "$soxm_wall" "$soxm_cpu" "$soxm_rss" \
    "$(ratio "$reel_wall" "$soxm_wall")x"
row "sox -M remix (gains, pans)" "$soxr_wall" "$soxr_cpu" "$soxr_rss" \
    "$(ratio "$reel_wall" "$soxr_wall")x"
row "cat the files (the floor)" "$floor_wall" "$floor_cpu" "$floor_rss" \
    "$(ratio "$reel_wall" "$floor_wall")x"
say ""
printf '%-34s %9s %8s %9s %9s %9s\n' "reel, other" "wall s" "x real" \
    "CPU s" "peak MB" "private"
printf '%-34s %9s %8s %9s %9s\n' "info (open the project), best of 10" \
    "$info_ms ms" "" "$(secs "$info_cpu")" "$(mb "$info_rss")"
printf '%-34s %9s %8s %9s %9s %9s\n' "play $fw s, ALSA file (freewheel)" \
    "$(secs "$fw_wall")" "$(rtf "$fw_wall" $fw)" "$(secs "$fw_cpu")" \
    "$(mb "$fw_rss")" "$(mb "$fw_anon")"
if [ -z "$jk_note" ]; then
	printf '%-34s %9s %8s %9s %9s %9s\n' \
	    "play $PLAY s, JACK dummy (real time)" "$(secs "$jk_wall")" "" \
	    "$(secs "$jk_cpu")" "$(mb "$jk_rss")" "$(mb "$jk_anon")"
	say "    the JACK client maps the server's shared memory:" \
	    "$(mb "$jk_shm") MB of the peak"
	awk "BEGIN { c = $jk_cpu - $jk0_cpu; w = $jk_wall - $jk0_wall;
	    if (w <= 0) exit; p = w * $RATE / 256;
	    printf \"    engine load in real time: %.1f%% of one core, \" \
		\"%.0f us per 256-frame period of 5333 us\\n\", \
		100 * c / w, 1e6 * c / p }"
else
	printf '%-34s %s\n' "play $PLAY s, JACK dummy" "- ($jk_note)"
fi
say ""
say "targets (issue 2): render >= 2x faster than ecasound:" \
    "$(ratio "$reel_wall" "$eca_wall")x;" \
    "render peak RSS <= ecasound's: $(mb "$reel_rss") vs $(mb "$eca_rss") MB;"
say "    info < 50 ms: $info_ms ms; peak RSS playing < 30 MB:" \
    "$(mb "$fw_rss") MB (file), $(mb "$jk_rss") MB (JACK," \
    "$(mb "$jk_anon") MB private)"

# --- mixing (issue 9) ------------------------------------------------------

if [ -x "$TOP/tests/bench/mix_bench.sh" ]; then
	note "tests/bench/mix_bench.sh"
	BENCH_REEL=$REEL RUNSTAT="$BENCH/runstat" DATA=$DATA NT=$NT \
	    SECS=$SECS RATE=$RATE RUNS=$RUNS W=$W PLAY=$PLAY \
	    "$TOP/tests/bench/mix_bench.sh"
fi
