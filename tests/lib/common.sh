# tests/lib/common.sh - helpers for the end-to-end tests.  POSIX sh.
#
# A test does:   . "$(dirname "$0")/../lib/common.sh"
# and gets: a private temp dir $T (removed at exit, kept with KEEP=1), no
# user config (XDG_CONFIG_HOME points into $T), and the helpers below.
#
# Environment (set by tests/run.sh; defaults for running a test alone):
#   REEL          the sanitizer binary (build/test/reel)
#   REEL_RELEASE  the release binary (build/reel)
#   REEL_TOP      the repository root
#
# Devices without a sound card (see DESIGN.md, "Testing without a sound
# card"):
#   file_devices IN OUT   pcm "reeltest": capture reads the raw S32_LE file
#                         IN, playback writes the raw file OUT (no
#                         conversion plugin in between: open it with
#                         --sample-format S32_LE or FLOAT_LE)
#   jack_start            a private jackd -d dummy and pcm "reeljack"

set -u
export LC_ALL=C

REEL_TOP=${REEL_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
REEL=${REEL:-$REEL_TOP/build/test/reel}
REEL_RELEASE=${REEL_RELEASE:-$REEL_TOP/build/reel}
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:exitcode=99}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1:exitcode=98}
T_NAME=$(basename "$0" .sh)

# --- messages -------------------------------------------------------------

say() { printf '%s\n' "$*"; }
ok() { printf 'ok    %s\n' "$*"; }
# fail MESSAGE: the test fails here.
fail() {
	printf 'FAIL  %s\n' "$*"
	T_FAILED=1
	exit 1
}
# check DESCRIPTION CMD...: CMD must succeed.
check() {
	_d=$1; shift
	if "$@"; then ok "$_d"; else fail "$_d"; fi
}
# soft_fail MESSAGE: note a failure but carry on; the test fails at exit.
soft_fail() {
	printf 'FAIL  %s\n' "$*"
	T_SOFT=$((T_SOFT + 1))
}
T_SOFT=0
# done_test: the last line of a test.
done_test() {
	if [ "$T_SOFT" -gt 0 ]; then
		say "$T_NAME: $T_SOFT check(s) failed"
		exit 1
	fi
	say "$T_NAME: all checks passed"
	exit 0
}
need() {
	for _c in "$@"; do
		command -v "$_c" >/dev/null 2>&1 ||
			fail "'$_c' is not installed (make deps-test installs it)"
	done
}
[ -x "$REEL" ] || fail "no $REEL: build it with 'make VARIANT=test all'"

# --- temp dir and cleanup -------------------------------------------------

T_JACK_PIDS=""
T_MOUNTS=""
T_PIDS=""
T_FAILED=0

t_cleanup() {
	_rc=$?
	trap - EXIT HUP INT TERM
	# Only processes this test started and that are still its children
	# (a pid that has been reaped may belong to someone else by now).
	for _p in $T_PIDS; do
		t_is_child "$_p" || continue
		kill -9 "$_p" 2>/dev/null
		wait "$_p" 2>/dev/null
	done
	for _p in $T_JACK_PIDS; do
		t_is_child "$_p" || continue
		kill "$_p" 2>/dev/null
		_i=0
		while t_alive "$_p" && [ $_i -lt 50 ]; do
			sleep 0.1; _i=$((_i + 1))
		done
		t_alive "$_p" && kill -9 "$_p" 2>/dev/null
		wait "$_p" 2>/dev/null
	done
	for _m in $T_MOUNTS; do
		umount "$_m" 2>/dev/null || umount -l "$_m" 2>/dev/null
	done
	if [ -n "${KEEP:-}" ] || { [ "$_rc" -ne 0 ] && [ -n "${KEEP_FAILED:-}" ]; }
	then
		say "(kept $T)"
	else
		rm -rf "$T"
	fi
	exit "$_rc"
}

# t_is_child PID: PID is a live child of this test's shell.
t_is_child() {
	[ -n "$1" ] && [ "$(awk '/^PPid:/ { print $2 }' "/proc/$1/status" \
	    2>/dev/null)" = "$$" ]
}
# t_alive PID: PID runs (a zombie does not).
t_alive() {
	_st=$(awk '/^State:/ { print $2 }' "/proc/$1/status" 2>/dev/null)
	[ -n "$_st" ] && [ "$_st" != Z ]
}

T=$(mktemp -d "${TMPDIR:-/tmp}/reel-$T_NAME.XXXXXX") || exit 1
trap t_cleanup EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM
export XDG_CONFIG_HOME="$T/.config"
export JACK_NO_START_SERVER=1
# Settings for reel: tests write their own and point CFG at them.
CFG="$T/config.ini"
: > "$CFG"

# config_write FILE LINE...: an INI file for --config.
config_write() {
	_f=$1; shift
	: > "$_f"
	for _l in "$@"; do printf '%s\n' "$_l" >> "$_f"; done
}

# --- ALSA devices ---------------------------------------------------------

T_ALSA_SYS=/usr/share/alsa/alsa.conf
[ -f "$T_ALSA_SYS" ] || T_ALSA_SYS=$(ls /usr/share/alsa/alsa.conf \
    /etc/alsa/alsa.conf 2>/dev/null | head -n 1)
: > "$T/asound.file"
: > "$T/asound.jack"
: > "$T/asound.extra"

t_alsa_write() {
	cat "$T/asound.file" "$T/asound.jack" "$T/asound.extra" \
	    > "$T/asound.conf"
	export ALSA_CONFIG_PATH="$T_ALSA_SYS:$T/asound.conf"
}
t_alsa_write

# file_devices INFILE OUTFILE: (re)defines pcm "reeltest" (asym: capture
# "reelcap" reads INFILE, raw; playback "reelplay" writes OUTFILE, raw).
# INFILE must be raw S32_LE (or FLOAT_LE) with as many channels as reel
# opens for capture.
file_devices() {
	cat > "$T/asound.file" <<EOF
pcm.reelcap {
	type file
	slave.pcm "null"
	file "/dev/null"
	infile "$1"
	format "raw"
}
pcm.reelplay {
	type file
	slave.pcm "null"
	file "$2"
	format "raw"
}
pcm.reeltest {
	type asym
	capture.pcm "reelcap"
	playback.pcm "reelplay"
}
EOF
	t_alsa_write
}

# alsa_extra TEXT: more ALSA definitions for the test.
alsa_extra() {
	printf '%s\n' "$1" >> "$T/asound.extra"
	t_alsa_write
}

# reel_file ARGS...: reel on the file devices, S32_LE, with $CFG.
reel_file() {
	"$REEL" --device reeltest --sample-format S32_LE --config "$CFG" "$@"
}

# reel_cfg ARGS...: reel with $CFG and no device options.
reel_cfg() {
	"$REEL" --config "$CFG" "$@"
}

# run_to NAME CMD...: runs CMD with stdout in $T/NAME.out and stderr in
# $T/NAME.err; RC is its exit status.
run_to() {
	_n=$1; shift
	"$@" > "$T/$_n.out" 2> "$T/$_n.err"
	RC=$?
	return 0
}

# --- JACK -----------------------------------------------------------------

# jack_start: starts a private jackd -d dummy (48 kHz, period 256) and
# defines pcm "reeljack" (a plug in front of the jack PCM on
# system:playback_1/2 and system:capture_1/2).  Fails the test if the
# server does not come up.
jack_start() {
	need jackd jack_wait
	JACK_NAME="reel-$T_NAME-$$"
	export JACK_DEFAULT_SERVER="$JACK_NAME"
	JACK_NO_AUDIO_RESERVATION=1 jackd -n "$JACK_NAME" -d dummy \
	    -r 48000 -p 256 > "$T/jackd.log" 2>&1 &
	JACK_PID=$!
	T_JACK_PIDS="$T_JACK_PIDS $JACK_PID"
	if ! jack_wait -s "$JACK_NAME" -w -t 10 >/dev/null 2>&1 ||
	    ! kill -0 "$JACK_PID" 2>/dev/null; then
		sed 's/^/    jackd: /' "$T/jackd.log" | tail -n 15
		fail "jackd -d dummy did not start (server $JACK_NAME)"
	fi
	cat > "$T/asound.jack" <<EOF
pcm.reeljackraw {
	type jack
	playback_ports { 0 system:playback_1 1 system:playback_2 }
	capture_ports { 0 system:capture_1 1 system:capture_2 }
}
pcm.reeljack {
	type plug
	slave.pcm "reeljackraw"
}
EOF
	t_alsa_write
}

jack_stop() {
	[ -n "${JACK_PID:-}" ] || return 0
	t_is_child "$JACK_PID" && kill "$JACK_PID" 2>/dev/null
	wait "$JACK_PID" 2>/dev/null
	JACK_PID=""
}

# --- filesystems ----------------------------------------------------------

# mount_tmpfs DIR SIZE: a small tmpfs, unmounted at exit.  Status 1 when
# mounting is not permitted.
mount_tmpfs() {
	mkdir -p "$1"
	mount -t tmpfs -o "size=$2" tmpfs "$1" 2>"$T/mount.err" || return 1
	T_MOUNTS="$1 $T_MOUNTS"
}

# --- audio files ----------------------------------------------------------

# s32raw IN OUT [EFFECTS...]: any audio file to raw signed 32-bit samples
# (24-bit data lands in the top 24 bits), without dither.
s32raw() {
	_i=$1; _o=$2; shift 2
	sox -D "$_i" -t raw -e signed-integer -b 32 "$_o" "$@"
}

# frames FILE: the frame count of an audio file.
frames() {
	soxi -s "$1"
}

# wav_data WAV OUT: the bytes of the data chunk, as they are in the file
# (float samples stay bit for bit what was written).
wav_data() {
	_size=$(wc -c < "$1")
	_off=12
	while [ $((_off + 8)) -le "$_size" ]; do
		_id=$(dd if="$1" bs=1 skip="$_off" count=4 2>/dev/null)
		_sz=$(od -An -t u4 -j $((_off + 4)) -N 4 "$1" | tr -d ' ')
		if [ "$_id" = data ]; then
			tail -c +$((_off + 9)) "$1" | head -c "$_sz" > "$2"
			return 0
		fi
		_off=$((_off + 8 + _sz + (_sz & 1)))
	done
	return 1
}

# slice IN OUT FRAMEBYTES SKIP COUNT: COUNT frames of a raw file from
# frame SKIP.
slice() {
	tail -c +$(($4 * $3 + 1)) "$1" | head -c $(($5 * $3)) > "$2"
}

# rawcmp A B FRAMEBYTES: 0 when the raw files are equal; otherwise prints
# where they first differ (in frames) and returns 1.
rawcmp() {
	_sa=$(wc -c < "$1"); _sb=$(wc -c < "$2")
	_c=$(cmp "$1" "$2" 2>&1)
	if [ -z "$_c" ] && [ "$_sa" -eq "$_sb" ]; then
		return 0
	fi
	_b=$(printf '%s\n' "$_c" | sed -n 's/.* \(byte\|char\) \([0-9]*\).*/\2/p')
	if [ -n "$_b" ]; then
		say "      first difference at frame $(( (_b - 1) / $3 )) of" \
		    "$((_sa / $3)) / $((_sb / $3))"
	else
		say "      lengths differ: $((_sa / $3)) and $((_sb / $3))" \
		    "frames ($_c)"
	fi
	return 1
}

# rawdiff TYPE A B: compares two raw files of od TYPE (d2, d4, f4) sample
# by sample; prints "MAXABS NDIFF N" (N: samples compared, the shorter).
rawdiff() {
	case $1 in d2|u2) _w=2 ;; *) _w=4 ;; esac
	od -An -v -t "$1" -w"$_w" "$2" > "$T/.rd.a"
	od -An -v -t "$1" -w"$_w" "$3" > "$T/.rd.b"
	paste "$T/.rd.a" "$T/.rd.b" | awk '
	    NF == 2 { d = $1 - $2; if (d < 0) d = -d; n++
		      if (d > 0) nd++; if (d > m) m = d }
	    END { printf "%.10g %d %d\n", m, nd, n }'
	rm -f "$T/.rd.a" "$T/.rd.b"
}

# peak_db A B: the peak of A - B in dBFS ("-inf" when identical), read by
# sox at 32-bit resolution.  Same rate and channels.
peak_db() {
	sox -D -m -v 1 "$1" -v -1 "$2" -n stats 2>&1 |
	    awk '/^Pk lev dB/ { print $4; exit }'
}

# peak_of FILE: the peak of a file in dBFS.
peak_of() {
	sox -D "$1" -n stats 2>&1 | awk '/^Pk lev dB/ { print $4; exit }'
}

# db_below X LIMIT: true when X (maybe -inf) is below LIMIT dB.
db_below() {
	[ "$1" = "-inf" ] && return 0
	awk -v x="$1" -v l="$2" 'BEGIN { exit !(x + 0 < l + 0) }'
}

# ini_get FILE SECTION KEY: a value from an INI file.
ini_get() {
	awk -v s="[$2]" -v k="$3" '
	    /^\[/ { in_s = ($0 == s); next }
	    in_s { split($0, a, " = "); if (a[1] == k) {
		sub(/^[^=]*= /, ""); print; exit } }' "$1"
}

# now_ms: wall clock in milliseconds.
now_ms() {
	echo $(( $(date +%s%N) / 1000000 ))
}

# fcalc EXPR: floating-point arithmetic with awk (pi is defined).
fcalc() {
	awk "BEGIN { pi = atan2(0, -1); printf \"%.17g\n\", $1 }"
}
