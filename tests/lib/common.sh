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
	# The parentheses matter: in awk, `printf fmt, a > b ? c : d` is an
	# output redirection to a file named by the rest.
	awk "BEGIN { pi = atan2(0, -1); printf \"%.17g\n\", ($1) }"
}

# --- recording and comping (issue 4) ---------------------------------------

# counter_raw OUT FRAMES [BASE [DELAY]]: raw S32_LE stereo for the file
# device in which every sample names its frame: left frame i holds
# (BASE + i + 1) << 8, right frame i holds (BASE + i + 1 - DELAY + 2^22) << 8.
# 24-bit values (exact in wav24 and wav32f takes, and as floats
# (BASE + i + 1) / 2^23); keep BASE + FRAMES below 2^22.  In Python,
# reellib.frame_of(x) gives BASE + i back from a float sample.
counter_raw() {
	python3 -S - "$1" "$2" "${3:-0}" "${4:-0}" <<'PYEOF'
import array, sys
out, n, base, delay = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), \
    int(sys.argv[4])
a = array.array('i', bytes(8 * n))
a[0::2] = array.array('i', ((base + i + 1) << 8 for i in range(n)))
a[1::2] = array.array('i', ((base + i + 1 - delay + (1 << 22)) << 8
    for i in range(n)))
open(out, 'wb').write(a.tobytes())
PYEOF
}

# py [ARGS...]: runs the Python program on stdin with ARGS, the module
# reellib (written to $T) importable: WAV and raw readers, counter
# decoding, the equal-power comp model and a span summary.
py() {
	[ -f "$T/reellib.py" ] || t_reellib > "$T/reellib.py"
	python3 -S -c 'import sys; sys.path.insert(0, sys.argv.pop(1))
exec(compile(sys.stdin.read(), "<stdin>", "exec"))' "$T" "$@"
}

t_reellib() {
	cat <<'PYEOF'
"""Helpers for the recording tests (tests/lib/common.sh writes this)."""
import array, math, struct, sys

FAILS = 0

def ok(msg):
    print('ok    ' + msg)

def fail(msg):
    global FAILS
    FAILS += 1
    print('FAIL  ' + msg)

def check(cond, msg):
    ok(msg) if cond else fail(msg)
    return cond

def done():
    sys.exit(1 if FAILS else 0)

def read_wav(path):
    """(channels, rate, [samples of each channel]) of a PCM16/24 or
    float32 WAV, as floats (PCM / 2^(bits-1))."""
    d = open(path, 'rb').read()
    if d[:4] not in (b'RIFF', b'RF64') or d[8:12] != b'WAVE':
        raise ValueError(path + ': not a WAV file')
    off, fmt, data = 12, None, None
    while off + 8 <= len(d):
        cid = d[off:off + 4]
        sz = struct.unpack('<I', d[off + 4:off + 8])[0]
        if cid == b'data' and (sz == 0xFFFFFFFF or off + 8 + sz > len(d)):
            sz = len(d) - off - 8
        body = d[off + 8:off + 8 + sz]
        if cid == b'fmt ':
            tag, ch, rate = struct.unpack('<HHI', body[:8])
            bits = struct.unpack('<H', body[14:16])[0]
            if tag == 0xFFFE:
                tag = struct.unpack('<H', body[24:26])[0]
            fmt = (tag, ch, rate, bits)
        elif cid == b'data':
            data = body
            break
        off += 8 + sz + (sz & 1)
    tag, ch, rate, bits = fmt
    if tag == 3 and bits == 32:
        a = array.array('f')
        a.frombytes(data[:len(data) // 4 * 4])
        x = list(a)
    elif tag == 1 and bits == 24:
        b = bytearray()
        for i in range(0, len(data) - 2, 3):
            b += b'\0' + data[i:i + 3]
        a = array.array('i')
        a.frombytes(bytes(b))
        x = [v / 2147483648.0 for v in a]
    elif tag == 1 and bits == 16:
        a = array.array('h')
        a.frombytes(data[:len(data) // 2 * 2])
        x = [v / 32768.0 for v in a]
    else:
        raise ValueError('%s: unsupported format %r' % (path, fmt))
    return ch, rate, [x[c::ch] for c in range(ch)]

def read_raw(path, ch=2, typecode='i'):
    """Channels of a raw interleaved file (S32_LE: 'i', FLOAT_LE: 'f'),
    as floats (S32 / 2^31)."""
    a = array.array(typecode)
    d = open(path, 'rb').read()
    a.frombytes(d[:len(d) // (a.itemsize * ch) * a.itemsize * ch])
    if typecode == 'i':
        a = [v / 2147483648.0 for v in a]
    return [list(a[c::ch]) for c in range(ch)]

def frame_of(x):
    """The counter frame (BASE + i) a float sample of counter_raw holds,
    or None when the sample is not exactly a counter value."""
    v = x * 8388608.0
    n = round(v)
    return n - 1 if n == v and n != 0 else None

def spans(xs, t0=0):
    """Summary of a counter signal: [(t, t_end, frame at t)] for runs in
    which the frame grows by one per sample (frame None: not a counter)."""
    out = []
    for i, x in enumerate(xs):
        f = frame_of(x)
        t = t0 + i
        if out:
            a, b, f0 = out[-1]
            if b == t and (f is None and f0 is None or f is not None and
                    f0 is not None and f == f0 + (t - a)):
                out[-1] = (a, t + 1, f0)
                continue
        out.append((t, t + 1, f))
    return out

def fmt_spans(sp, limit=8):
    s = ', '.join('%d..%d <- %s' % (a, b - 1, 'non-counter' if f is None
        else 'frame %d' % f) for a, b, f in sp[:limit])
    return s + (', ... (%d spans)' % len(sp) if len(sp) > limit else '')

def comp_model(n, ranges):
    """Expected comp output, computed from the definition: ranges is a
    list of (start, end, source, xfade), source(t) the take's sample at
    timeline t, xfade the crossfade in frames at the range's start (taken
    with the previous range when they touch).  At a boundary b with a
    crossfade X, the earlier range sounds until b - X//2 + X fading out
    over its last X frames with sin(pi/2 * (end - t) / X), and the later
    one from b - X//2 fading in over X frames with sin(pi/2 * (t - s) /
    X)."""
    y = [0.0] * n
    for i, (s, e, src, _) in enumerate(ranges):
        fi = fo = 0
        if i > 0 and ranges[i - 1][1] == s and ranges[i][3] > 0:
            fi = ranges[i][3]
            s -= fi // 2
        if i + 1 < len(ranges) and ranges[i + 1][0] == e and \
                ranges[i + 1][3] > 0:
            fo = ranges[i + 1][3]
            e = e - fo // 2 + fo
        for t in range(max(s, 0), min(e, n)):
            g = 1.0
            if fi and t < s + fi:
                g *= math.sin(math.pi / 2 * (t - s) / fi)
            if fo and t >= e - fo:
                g *= math.sin(math.pi / 2 * (e - t) / fo)
            y[t] += g * src(t)
    return y

def maxdiff(a, b):
    """(max |a - b|, index of it, samples compared)."""
    m, at = 0.0, -1
    for i, (x, z) in enumerate(zip(a, b)):
        d = abs(x - z)
        if d > m:
            m, at = d, i
    return m, at, min(len(a), len(b))
PYEOF
}
