#!/bin/sh
# tui_bytes.sh - what the full-screen interface costs (issue 3,
# "Performance"): bytes written to the terminal per second while a
# 16-track project plays with meters on the mix screen at 80x24, and the
# CPU time of the UI thread (the main thread only, from
# /proc/PID/task/PID/stat) while idle and while playing.
#
# reel runs in a private tmux server; tmux pipe-pane counts what the pane
# receives.  The device is a private `jackd -d dummy` (real time) when
# jackd is installed, else the ALSA file device (freewheel: the transport
# runs faster than real time, the screen is still capped at meter-rate).
# Prints figures, never fails.  TUI_BENCH_SECONDS=S (10) per figure.
set -u
export LC_ALL=C
TOP=$(cd "$(dirname "$0")/../.." && pwd)
REEL=${BENCH_REEL:-$TOP/build/reel}
SECS=${TUI_BENCH_SECONDS:-10}
HZ=$(getconf CLK_TCK)

say() { printf '%s\n' "$*"; }
command -v tmux >/dev/null 2>&1 || { say "tui: tmux is not installed"; exit 0; }
[ -x "$REEL" ] || { say "tui: no $REEL (make)"; exit 0; }

T=$(mktemp -d "${TMPDIR:-/tmp}/reel-tui-bench.XXXXXX") || exit 0
SOCK="reel-tui-bench-$$"
JPID=""
cleanup() {
	tmux -L "$SOCK" kill-server 2>/dev/null
	rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$SOCK"
	[ -n "$JPID" ] && kill "$JPID" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' HUP INT TERM

# The project: the demo song, filled up to 16 tracks with copies of its
# pad and bass takes.
P="$T/song"
"$REEL" --demo "$P" -c 'info' >/dev/null 2>&1 || { say "tui: no demo"; exit 0; }
cmds=""
i=$(( $(grep -c '^\[track ' "$P/project.ini") + 1 ))
while [ $i -le 16 ]; do
	src=pad-1.wav
	[ $((i % 2)) -eq 0 ] && src=bass-1.wav
	ch=$(soxi -c "$P/audio/$src" 2>/dev/null || echo 2)
	cmds="$cmds track-add t$i channels=$ch; import $P/audio/$src track=t$i;"
	i=$((i + 1))
done
"$REEL" "$P" -c "$cmds" >/dev/null 2>"$T/setup.err" ||
	{ say "tui: setting up 16 tracks failed: $(head -n 1 "$T/setup.err")"; exit 0; }
ntracks=$("$REEL" "$P" -c info 2>/dev/null | awk '/^tracks/ { print $2 }')

# The device.
cat > "$T/asound.conf" <<EOF
pcm.benchcap { type file slave.pcm "null" file "/dev/null" infile "/dev/zero" format "raw" }
pcm.benchplay { type file slave.pcm "null" file "/dev/null" format "raw" }
pcm.benchfile { type asym capture.pcm "benchcap" playback.pcm "benchplay" }
EOF
dev="--device benchfile --sample-format S32_LE"
devname="ALSA file device, freewheel"
if command -v jackd >/dev/null 2>&1 && command -v jack_wait >/dev/null 2>&1; then
	JNAME="reel-tui-bench-$$"
	JACK_NO_AUDIO_RESERVATION=1 jackd -n "$JNAME" -d dummy -r 48000 \
	    -p 256 > "$T/jackd.log" 2>&1 &
	JPID=$!
	if jack_wait -s "$JNAME" -w -t 10 >/dev/null 2>&1; then
		cat >> "$T/asound.conf" <<EOF
pcm.benchjackraw {
	type jack
	playback_ports { 0 system:playback_1 1 system:playback_2 }
	capture_ports { 0 system:capture_1 1 system:capture_2 }
}
pcm.benchjack { type plug slave.pcm "benchjackraw" }
EOF
		dev="--device benchjack"
		devname="JACK dummy, real time"
	else
		kill "$JPID" 2>/dev/null
		JPID=""
	fi
fi

cat > "$T/run.sh" <<EOF
export ALSA_CONFIG_PATH=/usr/share/alsa/alsa.conf:$T/asound.conf
export JACK_DEFAULT_SERVER=${JNAME:-none} JACK_NO_START_SERVER=1
export XDG_CONFIG_HOME=$T/cfg XDG_STATE_HOME=$T/state TERM=screen
export LC_ALL=C.UTF-8
exec "$REEL" $dev "$P" 2>"$T/reel.err"
EOF
tmux -L "$SOCK" -f /dev/null new-session -d -x 80 -y 24 "sh $T/run.sh" ||
	{ say "tui: tmux would not start"; exit 0; }
pid=$(tmux -L "$SOCK" display-message -p '#{pane_pid}')
wait_for() {
	_i=0
	while [ $_i -lt 100 ]; do
		tmux -L "$SOCK" capture-pane -p | grep -qF -- "$1" && return 0
		sleep 0.1; _i=$((_i + 1))
	done
	return 1
}
wait_for "STOP" || { say "tui: reel did not come up: $(head -n 2 "$T/reel.err")"; exit 0; }

# CPU ticks of the UI (main) thread.
ticks() {
	awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$pid/task/$pid/stat"
}
pct() {
	awk -v t="$1" -v hz="$HZ" -v s="$2" 'BEGIN { printf "%.2f", 100 * t / hz / s }'
}

tmux -L "$SOCK" send-keys 3
wait_for "master"
sleep 1
c0=$(ticks); sleep "$SECS"; c1=$(ticks)
idle=$(pct $((c1 - c0)) "$SECS")

tmux -L "$SOCK" pipe-pane -o "cat > $T/bytes.out"
tmux -L "$SOCK" send-keys Space
wait_for "PLAY"
: > "$T/bytes.out"
c0=$(ticks); b0=$(wc -c < "$T/bytes.out")
sleep "$SECS"
c1=$(ticks); b1=$(wc -c < "$T/bytes.out")
tmux -L "$SOCK" send-keys .
play=$(pct $((c1 - c0)) "$SECS")
bps=$(( (b1 - b0) / SECS ))

say "tui: device: $devname"
say "tui: bytes/s while playing ($ntracks tracks, mix screen, 80x24): $bps (target < 20000)"
say "tui: UI thread CPU idle: $idle% of a core (target < 0.5%)"
say "tui: UI thread CPU playing with meters: $play% of a core (target < 3%)"
tmux -L "$SOCK" send-keys q
exit 0
