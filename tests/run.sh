#!/bin/sh
# Runs every test: unit binaries, then end-to-end and TUI scripts.  Each
# prints what it checked; this prints "ok NAME" or "FAIL NAME" and ends with
# "N passed, N failed".  REEL_VARIANT=tsan runs the ThreadSanitizer build.
# TESTS="pattern" runs only the tests whose name contains the pattern.
top=$(cd "$(dirname "$0")/.." && pwd)
variant=${REEL_VARIANT:-test}
export REEL="$top/build/$variant/reel"
export REEL_RELEASE="$top/build/reel"
export REEL_TOP="$top"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:exitcode=99"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:exitcode=98"
log="$top/build/test-logs"
rm -rf "$log"; mkdir -p "$log"
passed=0; failed=0; failures=""

run_one() {
	name=$1; shift
	case "$name" in *"${TESTS:-}"*) ;; *) return ;; esac
	start=$(date +%s)
	mkdir -p "$log/$(dirname "$name")"
	if "$@" >"$log/$name.log" 2>&1; then
		passed=$((passed + 1))
		printf 'ok   %-40s %3ss\n' "$name" $(( $(date +%s) - start ))
	else
		failed=$((failed + 1)); failures="$failures $name"
		printf 'FAIL %-40s %3ss\n' "$name" $(( $(date +%s) - start ))
		sed 's/^/    | /' "$log/$name.log" | tail -n 25
	fi
}

for t in "$top"/build/$variant/tests/test_*; do
	[ -x "$t" ] || continue
	run_one "unit/$(basename "$t")" "$t"
done
for t in "$top"/tests/e2e/*.sh "$top"/tests/tui/*.sh; do
	[ -f "$t" ] || continue
	d=$(basename "$(dirname "$t")")
	run_one "$d/$(basename "$t" .sh)" sh "$t"
done

[ -n "$failures" ] && echo "failed:$failures"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
