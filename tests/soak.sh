#!/bin/sh
# make soak: the long versions of the reliability tests (issue 5), against
# the sanitizer build.  Prints each test's figures and the minutes soaked.
#
#   SOAK_MINUTES=10   length of the overloaded 8-track recording
#   SOAK_KILLS=20     kill -9 moments during recordings
#   SOAK_SAVE_KILLS=200  kill -9 moments during saves
#   REL_SEED=N        repeat a run's random moments
top=$(cd "$(dirname "$0")/.." && pwd)
variant=${REEL_VARIANT:-test}
export REEL="$top/build/$variant/reel"
export REEL_RELEASE="$top/build/reel"
export REEL_TOP="$top"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:exitcode=99"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:exitcode=98"
log="$top/build/soak-logs"
rm -rf "$log"; mkdir -p "$log"
minutes=${SOAK_MINUTES:-10}
start=$(date +%s)
failed=""

soak_one() {
	name=$1; shift
	t0=$(date +%s)
	echo "soak: $name ..."
	if env "$@" > "$log/$name.log" 2>&1; then
		r=ok
	else
		r=FAIL; failed="$failed $name"
		sed 's/^/    | /' "$log/$name.log" | grep -v '^    | ok ' |
		    tail -n 25
	fi
	printf '%-4s %-14s %5ss\n' "$r" "$name" $(( $(date +%s) - t0 ))
	grep '^figures:' "$log/$name.log" | sed 's/^/     /'
}

soak_one kill_random REL_KILLS="${SOAK_KILLS:-20}" REL_TRACKS=4 \
    REL_MAX_MS=8000 sh "$top/tests/reliability/kill_random.sh"
soak_one kill_save REL_SAVE_KILLS="${SOAK_SAVE_KILLS:-200}" \
    sh "$top/tests/e2e/rel_kill_save.sh"
soak_one overload REL_SECONDS=$((minutes * 60)) REL_TRACKS=8 \
    sh "$top/tests/reliability/overload.sh"

total=$(( $(date +%s) - start ))
echo "soak: $((total / 60)) min $((total % 60)) s in all; logs in $log"
if [ -n "$failed" ]; then
	echo "soak: failed:$failed"
	exit 1
fi
echo "soak: all passed"
