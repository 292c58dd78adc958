#!/bin/sh
# Promise 6 (bad and hostile files), between fuzz runs: every fuzz target
# in tests/fuzz/ is built without libFuzzer (tests/fuzz/driver.c replays
# files) with the same sanitizers as the reel under test, and replays its
# seed corpus and every regression input kept from a crash.  A crash, a
# sanitizer report or a broken property fails the test.
. "$(dirname "$0")/../lib/common.sh"

fz=$REEL_TOP/tests/fuzz
bindir=$(dirname "$REEL")
lib=$bindir/libreel.a
[ -f "$lib" ] || fail "no $lib (make VARIANT=test all)"
case $bindir in
*/tsan) san="-fsanitize=thread" ;;
*/test) san="-fsanitize=address,undefined -fno-sanitize-recover=undefined" ;;
*) san="" ;;
esac
CC=${CC:-cc}
cflags="-std=c11 -D_GNU_SOURCE -O1 -g -pthread -I$REEL_TOP/src \
	-I$REEL_TOP/audio -I$REEL_TOP/tui -I$fz \
	$(pkg-config --cflags alsa sndfile samplerate inih fftw3f rubberband lilv-0 libebur128 flac libavcodec libavutil)"
libs="$(pkg-config --libs alsa sndfile samplerate inih ncursesw fftw3f rubberband lilv-0 libebur128 flac libavcodec libavutil) -ldl -lm -pthread"

total=0
for src in "$fz"/fuzz_*.c; do
	t=$(basename "$src" .c | sed 's/^fuzz_//')
	bin=$T/replay_$t
	# shellcheck disable=SC2086
	if ! $CC $cflags $san -o "$bin" "$src" "$fz/driver.c" "$lib" $libs \
	    2> "$T/$t.build"; then
		sed 's/^/    /' "$T/$t.build" | head -n 20
		soft_fail "$t: the replay driver does not build"
		continue
	fi
	dirs=""
	for d in "$fz/corpus/$t" "$fz/regress/$t"; do
		[ -d "$d" ] && dirs="$dirs $d"
	done
	nreg=$(find "$fz/regress/$t" -type f 2>/dev/null | wc -l)
	# shellcheck disable=SC2086
	if "$bin" $dirs > "$T/$t.out" 2> "$T/$t.err"; then
		n=$(sed -n 's/ inputs replayed//p' "$T/$t.out")
		total=$((total + n))
		ok "$t: $n inputs replayed ($nreg regression inputs), clean"
	else
		sed 's/^/    /' "$T/$t.err" | grep -v '^    *$' | head -n 25
		soft_fail "$t: replay failed"
	fi
done
npend=$(find "$fz/pending" -type f 2>/dev/null | wc -l)
[ "$npend" -eq 0 ] || say "    $npend inputs in tests/fuzz/pending/ break a" \
    "property of a bug reported but not fixed yet (not replayed; see" \
    "tests/fuzz/README)"
say "fuzz regression: $total inputs replayed"
done_test
