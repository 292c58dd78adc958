# tests/reliability/lib.sh - helpers for the reliability tests (issue 5),
# sourced after tests/lib/common.sh.  POSIX sh.

# jack_start_ports N: like jack_start, with N capture ports: pcm "reeljack"
# then offers N capture channels (system:capture_1..N) and 2 playback.
jack_start_ports() {
	need jackd jack_wait
	JACK_NAME="reel-$T_NAME-$$"
	export JACK_DEFAULT_SERVER="$JACK_NAME"
	JACK_NO_AUDIO_RESERVATION=1 jackd -n "$JACK_NAME" -d dummy \
	    -r 48000 -p 256 -C "$1" -P 2 > "$T/jackd.log" 2>&1 &
	JACK_PID=$!
	T_JACK_PIDS="$T_JACK_PIDS $JACK_PID"
	if ! jack_wait -s "$JACK_NAME" -w -t 10 >/dev/null 2>&1 ||
	    ! kill -0 "$JACK_PID" 2>/dev/null; then
		sed 's/^/    jackd: /' "$T/jackd.log" | tail -n 15
		fail "jackd -d dummy did not start (server $JACK_NAME)"
	fi
	_caps=""
	_i=0
	while [ $_i -lt "$1" ]; do
		_caps="$_caps $_i system:capture_$((_i + 1))"
		_i=$((_i + 1))
	done
	cat > "$T/asound.jack" <<EOF2
pcm.reeljackraw {
	type jack
	playback_ports { 0 system:playback_1 1 system:playback_2 }
	capture_ports {$_caps }
}
pcm.reeljack {
	type plug
	slave.pcm "reeljackraw"
}
EOF2
	t_alsa_write
}

# bg_start NAME CMD...: runs CMD in the background, stdout and stderr to
# $T/NAME.out and $T/NAME.err; BG_PID is its pid (killed at exit).
bg_start() {
	_n=$1; shift
	: > "$T/$_n.err"
	"$@" > "$T/$_n.out" 2> "$T/$_n.err" &
	BG_PID=$!
	T_PIDS="$T_PIDS $BG_PID"
}

# bg_wait PID: waits for a background process; BG_RC gets its status.
bg_wait() {
	wait "$1" 2>/dev/null
	BG_RC=$?
}

# bg_wait_max PID SECONDS: like bg_wait, but a process still running after
# SECONDS is killed with -9 and BG_RC is 255 (the caller fails).
bg_wait_max() {
	_end=$(( $(now_ms) + $2 * 1000 ))
	while kill -0 "$1" 2>/dev/null; do
		if [ "$(now_ms)" -ge "$_end" ]; then
			kill -9 "$1" 2>/dev/null
			wait "$1" 2>/dev/null
			BG_RC=255
			return 0
		fi
		# A zombie still answers kill -0: reap it when it is one.
		[ "$(ps -o stat= -p "$1" 2>/dev/null | cut -c1)" = Z ] && break
		sleep 0.02
	done
	wait "$1" 2>/dev/null
	BG_RC=$?
}

# wait_for FILE PATTERN SECONDS: waits until a line of FILE matches the
# grep pattern; status 1 on time-out.
wait_for() {
	_end=$(( $(now_ms) + $3 * 1000 ))
	while ! grep -q -- "$2" "$1" 2>/dev/null; do
		[ "$(now_ms)" -ge "$_end" ] && return 1
		sleep 0.01
	done
	return 0
}

# rand N: sets RAND to a random number from 0 to N-1 (N up to 2^30), from
# a generator seeded with REL_SEED so that a run can be repeated.  Not in a
# $(...): the state must advance in this shell.
REL_SEED=${REL_SEED:-$(date +%s)}
REL_STATE=$((REL_SEED % 2147483648))
rand() {
	REL_STATE=$(( (REL_STATE * 1103515245 + 12345) % 2147483648 ))
	_r=$((REL_STATE / 65536))
	REL_STATE=$(( (REL_STATE * 1103515245 + 12345) % 2147483648 ))
	RAND=$(( (_r * 32768 + REL_STATE / 65536) % $1 ))
}

# le32 FILE OFFSET: an unsigned 32-bit little-endian field.
le32() {
	od -An -t u4 -j "$2" -N 4 "$1" | tr -d ' '
}

# wav_whole FILE: true when a WAV reel wrote is closed and whole: the
# RIFF size is the file's size - 8, the data chunk holds whole frames
# and reaches either the end of the file or a final LIST chunk.  Prints
# the data chunk's frames.
wav_whole() {
	_size=$(wc -c < "$1")
	[ "$(dd if="$1" bs=1 count=4 2>/dev/null)" = RIFF ] || return 1
	[ "$(le32 "$1" 4)" -eq $((_size - 8)) ] || return 1
	_off=12
	while [ $((_off + 8)) -le "$_size" ]; do
		_id=$(dd if="$1" bs=1 skip="$_off" count=4 2>/dev/null)
		_sz=$(le32 "$1" $((_off + 4)))
		case $_id in
		"fmt ") _block=$(od -An -t u2 -j $((_off + 20)) -N 2 "$1" |
		    tr -d ' ') ;;
		data) _data=$_sz; _dend=$((_off + 8 + _sz + (_sz & 1))) ;;
		esac
		_off=$((_off + 8 + _sz + (_sz & 1)))
	done
	[ "$_off" -eq "$_size" ] || return 1
	[ -n "${_data:-}" ] && [ -n "${_block:-}" ] || return 1
	[ $((_data % _block)) -eq 0 ] || return 1
	echo $((_data / _block))
	unset _data _block
	return 0
}

# sums DIR: md5 sums of every take file in DIR/audio, sorted.
sums() {
	(cd "$1/audio" 2>/dev/null && md5sum -- *.wav 2>/dev/null | sort)
}
