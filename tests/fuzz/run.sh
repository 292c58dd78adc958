#!/bin/sh
# make fuzz: builds every libFuzzer target in tests/fuzz/ with clang
# (-fsanitize=fuzzer,address,undefined) straight from the sources and runs
# each for a bounded time, starting from the seeds in tests/fuzz/corpus/
# and the regression inputs in tests/fuzz/regress/.  Prints executions and
# time per target.  A crash is kept in build/fuzz/crashes/TARGET/; once
# fixed, copy it into tests/fuzz/regress/TARGET/ so that `make test`
# (tests/e2e/rel_fuzz_regress.sh) replays it for good.
#
#   FUZZ_SECONDS=60      time per target
#   FUZZ_TARGETS="cmd time"  only these targets
#   FUZZ_KEEP=1          keep build/fuzz/corpus (grown inputs) between runs
#                        (the default: it is kept; FUZZ_KEEP=0 starts over)
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 2
seconds=${FUZZ_SECONDS:-60}
out=build/fuzz
CC=${FUZZ_CC:-clang}
SAN="-fsanitize=address,undefined -fno-sanitize-recover=all"
CFLAGS="-std=c11 -D_GNU_SOURCE -O1 -g -fno-omit-frame-pointer -pthread \
	-Isrc -Iaudio -Itui -Itests/fuzz -DREEL_DATADIR=\"\\\"$top\\\"\" \
	$(pkg-config --cflags alsa sndfile samplerate inih fftw3f rubberband lilv-0 libebur128 flac libavcodec libavutil)"
LIBS="$(pkg-config --libs alsa sndfile samplerate inih ncursesw fftw3f rubberband lilv-0 libebur128 flac libavcodec libavutil) -ldl -lm -pthread"

command -v "$CC" >/dev/null || { echo "fuzz: $CC not found" >&2; exit 2; }
mkdir -p "$out/obj"
[ "${FUZZ_KEEP:-1}" = 0 ] && rm -rf "$out/corpus"

# The library: src/ and audio/ (and the TUI's key map parser when there is
# one), instrumented for coverage but without libFuzzer's main.
echo "fuzz: building the library with $CC"
objs=""
for f in src/*.c audio/*.c tui/keymap.c; do
	[ -f "$f" ] || continue
	[ "$f" = src/main.c ] && continue
	o="$out/obj/$(echo "$f" | tr / _ | sed 's/\.c$/.o/')"
	if [ ! -f "$o" ] || [ "$f" -nt "$o" ] || [ -n "$(find src audio tui \
	    -name '*.h' -newer "$o" 2>/dev/null | head -n 1)" ]; then
		$CC $CFLAGS $SAN -fsanitize=fuzzer-no-link -c -o "$o" "$f" ||
		    exit 2
	fi
	objs="$objs $o"
done
rm -f "$out/libreel-fuzz.a"
ar rcs "$out/libreel-fuzz.a" $objs || exit 2

targets=${FUZZ_TARGETS:-$(for t in tests/fuzz/fuzz_*.c; do
	basename "$t" .c | sed 's/^fuzz_//'; done)}
total_execs=0; crashed=""
summary=""
for t in $targets; do
	src=tests/fuzz/fuzz_$t.c
	[ -f "$src" ] || { echo "fuzz: no target $t" >&2; exit 2; }
	# A target whose parser is not there yet (keymap) is skipped.
	if ! $CC $CFLAGS $SAN -fsanitize=fuzzer -o "$out/fuzz_$t" "$src" \
	    "$out/libreel-fuzz.a" $LIBS 2>"$out/fuzz_$t.build.log"; then
		cat "$out/fuzz_$t.build.log" >&2
		echo "fuzz: $t does not build" >&2
		exit 2
	fi
	corpus=$out/corpus/$t
	crashes=$out/crashes/$t
	mkdir -p "$corpus" "$crashes" "tests/fuzz/corpus/$t" \
	    "tests/fuzz/regress/$t"
	# The dictionary: the hand-written one plus the words the sources
	# define today (command names, project.ini keys), so that it keeps
	# up with new commands and keys.
	: > "$out/$t.dict"
	[ -f "tests/fuzz/dict/$t.dict" ] &&
	    cat "tests/fuzz/dict/$t.dict" >> "$out/$t.dict"
	case $t in
	cmd|keymap)
		grep -h -A1 'struct cmd_entry cmd_.*_entry = {' src/*.c |
		    grep -o '^[[:space:]]*"[a-z-]*"' | tr -d ' \t' \
		    >> "$out/$t.dict" ;;
	project)
		grep -ho '"[a-z-]* = ' src/project.c | sed 's/$/"/' \
		    >> "$out/$t.dict" ;;
	esac
	sort -u -o "$out/$t.dict" "$out/$t.dict"
	dict=""
	[ -s "$out/$t.dict" ] && dict="-dict=$out/$t.dict"
	maxlen=4096
	[ "$t" = import ] || [ "$t" = wavrepair ] && maxlen=16384
	echo "fuzz: $t for ${seconds}s"
	start=$(date +%s)
	"$out/fuzz_$t" -max_total_time="$seconds" -timeout=10 \
	    -rss_limit_mb=2048 -max_len=$maxlen -print_final_stats=1 \
	    -artifact_prefix="$crashes/" $dict \
	    "$corpus" "tests/fuzz/corpus/$t" "tests/fuzz/regress/$t" \
	    >"$out/fuzz_$t.log" 2>&1
	rc=$?
	took=$(( $(date +%s) - start ))
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' \
	    "$out/fuzz_$t.log" | tail -n 1)
	speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' \
	    "$out/fuzz_$t.log" | tail -n 1)
	cov=$(grep -E '^#[0-9]+' "$out/fuzz_$t.log" | tail -n 1 |
	    sed -n 's/.*cov: \([0-9]*\).*/\1/p')
	units=$(ls "$corpus" | wc -l)
	line=$(printf '%-10s %10s execs in %4ss (%s/s), coverage %s, corpus %s' \
	    "$t" "${execs:-0}" "$took" "${speed:-0}" "${cov:-?}" "$units")
	if [ $rc -ne 0 ]; then
		line="$line, CRASH (see $out/fuzz_$t.log, inputs in $crashes/)"
		crashed="$crashed $t"
		grep -E 'ERROR|fuzz property|runtime error|SUMMARY' \
		    "$out/fuzz_$t.log" | head -n 5 | sed 's/^/    /'
	fi
	echo "  $line"
	summary="$summary
$line"
	total_execs=$((total_execs + ${execs:-0}))
done
echo "fuzz summary:$summary"
echo "fuzz: $total_execs executions in all"
if [ -n "$crashed" ]; then
	echo "fuzz: crashes in:$crashed" >&2
	exit 1
fi
