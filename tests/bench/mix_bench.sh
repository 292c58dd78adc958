#!/bin/sh
# mix_bench.sh - what mixing costs (issue 9, "Performance"); run by
# bench.sh with its test files, prints figures, never fails.
#
#   (a) real time: NT tracks, each with a 5-band EQ and a compressor, two
#       aux buses (delay, reverb) fed by sends and a group bus with a
#       compressor, played at 128-frame periods through the ALSA jack
#       plugin on a dummy JACK server: the engine's own time per period
#       (engine_load, printed by `status`) as a share of the period;
#   (b) offline: render of NT tracks with a high-pass at 80 Hz, a
#       low-pass at 12 kHz and a compressor each, beside ecasound with
#       -efh:80 -efl:12000 -eca:69,0.5,0,1.0 per track on the same files
#       in the same run: the ratio of wall times, and CPU / wall (above 1:
#       more than one core at work);
#   (c) peak private memory (RssAnon) of that render and of playing that
#       session through the ALSA file device.
#
# Environment (from bench.sh): BENCH_REEL, RUNSTAT, DATA (f1.wav ...),
# NT, SECS, RATE, RUNS, W (a scratch directory), PLAY (seconds).
set -u
REEL=$BENCH_REEL
say() { printf '%s\n' "$*"; }
note() { printf 'bench: %s\n' "$*" >&2; }

# stat1 [-p] CMD...: as in bench.sh.
stat1() {
	_p=""
	[ "$1" = "-p" ] && { _p=-p; shift; }
	"$RUNSTAT" -o "$W/stat" $_p "$@" > "$W/last.log" 2>&1
	read -r WALL RSS _u _s RC ANON SHMEM < "$W/stat"
	CPU=$(awk "BEGIN { printf \"%.4f\", $_u + $_s }")
}
# best NAME CMD...: the best wall time of $RUNS (and its CPU), the
# largest private peak.
best() {
	_n=$1; shift
	_bw=""; _bc=""; _ba=0; _i=0
	while [ $_i -lt "$RUNS" ]; do
		stat1 -p "$@"
		if [ "$RC" -ne 0 ]; then
			note "$_n failed (exit $RC):"
			tail -n 5 "$W/last.log" | sed 's/^/    /' >&2
			_bw="-"; break
		fi
		if [ -z "$_bw" ] || awk "BEGIN { exit !($WALL < $_bw) }"; then
			_bw=$WALL; _bc=$CPU
		fi
		[ "${ANON:-0}" -gt "$_ba" ] && _ba=$ANON
		_i=$((_i + 1))
	done
	[ "$_bw" = "-" ] && { _bc="-"; _ba="-"; }
	eval "${_n}_wall=\$_bw ${_n}_cpu=\$_bc ${_n}_anon=\$_ba"
}
mb() { [ "$1" = "-" ] && echo "-" || awk "BEGIN { printf \"%.1f\", $1 / 1024 }"; }

# --- (b) offline -------------------------------------------------------------

PO="$W/mixoff"
cmds=""; eca="-q -z:mixmode,sum"
i=1
while [ $i -le "$NT" ]; do
	cmds="$cmds import $DATA/f$i.wav track=t$i; fx-add t$i eq;"
	cmds="$cmds fx-set t$i 1 b1.type=hp b1.freq=80 b2.type=lp b2.freq=12000;"
	cmds="$cmds fx-add t$i comp;"
	eca="$eca -a:$i -i:$DATA/f$i.wav -efh:80 -efl:12000 -eca:69,0.5,0,1.0"
	i=$((i + 1))
done
eca="$eca -a:all -f:s24_le,2,$RATE -o:$W/mixeca.wav"
"$REEL" -q "$PO" -c "$cmds" > "$W/mixoff.log" 2>&1 ||
	{ note "making the offline project failed"; tail -n 3 "$W/mixoff.log" >&2; }
note "mix: reel render, hp 80 + lp 12k + comp on $NT tracks, $RUNS times"
# shellcheck disable=SC2086
best mr "$REEL" -q "$PO" -c "render $W/mixreel.wav format=wav24"
if command -v ecasound >/dev/null 2>&1; then
	note "mix: ecasound -efh:80 -efl:12000 -eca:69,0.5,0,1.0, $RUNS times"
	# shellcheck disable=SC2086
	best me ecasound $eca
else
	me_wall="-"; me_cpu="-"; me_anon="-"
fi
fw=60
[ "$SECS" -lt $fw ] && fw=$SECS
note "mix: reel play $fw s of that session through the ALSA file device"
stat1 -p "$REEL" -q "$PO" --device reelbench --sample-format S32_LE \
    -c "play $fw"
if [ "$RC" -eq 0 ]; then mp_anon=$ANON; else mp_anon="-"
	tail -n 3 "$W/last.log" | sed 's/^/    /' >&2; fi

# --- (a) real time -----------------------------------------------------------

rt_line="- (jackd not installed)"
PR="$W/mixrt"
if command -v jackd >/dev/null 2>&1 && command -v jack_wait >/dev/null 2>&1
then
	cmds="bus-add dly; fx-add dly delay; bus-add verb; fx-add verb reverb;"
	cmds="$cmds bus-add grp; fx-add grp comp;"
	i=1
	while [ $i -le "$NT" ]; do
		cmds="$cmds import $DATA/f$i.wav track=t$i; fx-add t$i eq;"
		cmds="$cmds fx-set t$i 1 b1.type=hp b1.freq=60"
		cmds="$cmds b2.type=lowshelf b2.freq=200 b2.gain=-2"
		cmds="$cmds b3.type=peak b3.freq=800 b3.gain=-3"
		cmds="$cmds b4.type=peak b4.freq=3000 b4.gain=2"
		cmds="$cmds b5.type=highshelf b5.freq=10000 b5.gain=1;"
		cmds="$cmds fx-add t$i comp; send t$i verb -12;"
		[ $((i % 2)) -eq 0 ] && cmds="$cmds send t$i dly -15;"
		[ $i -le 8 ] && cmds="$cmds route t$i grp;"
		i=$((i + 1))
	done
	"$REEL" -q "$PR" -c "$cmds" > "$W/mixrt.log" 2>&1 ||
	    { note "making the real-time project failed"
	      tail -n 3 "$W/mixrt.log" >&2; }
	export JACK_DEFAULT_SERVER="reelmixbench-$$"
	JACK_NO_AUDIO_RESERVATION=1 jackd -n "$JACK_DEFAULT_SERVER" -d dummy \
	    -r "$RATE" -p 128 > "$W/mixjackd.log" 2>&1 &
	jpid=$!
	if jack_wait -s "$JACK_DEFAULT_SERVER" -w -t 10 >/dev/null 2>&1; then
		note "mix: reel play $PLAY s in real time, 128-frame periods"
		stat1 -p "$REEL" -q "$PR" --device reelbenchjack --period 128 \
		    -c "play $PLAY; status"
		rt_line=$(grep '^engine:' "$W/last.log")
		[ -n "$rt_line" ] || { rt_line="- (play failed, exit $RC)"
			tail -n 3 "$W/last.log" | sed 's/^/    /' >&2; }
		rt_xruns=$(sed -n 's/.*xruns \([0-9]*\),.*/\1/p' "$W/last.log")
	else
		rt_line="- (jackd -d dummy did not start)"
	fi
	kill "$jpid" 2>/dev/null
	wait "$jpid" 2>/dev/null
	unset JACK_DEFAULT_SERVER
fi

# --- figures -----------------------------------------------------------------

say ""
say "mixing (issue 9): $NT tracks x $SECS s; best of $RUNS; load average" \
    "$(cut -d' ' -f1-3 /proc/loadavg)"
say "(a) real time, $NT x (5-band EQ + comp), delay and reverb aux buses," \
    "a group bus with a comp, JACK dummy, 128-frame periods, $PLAY s:"
say "    $rt_line; xruns ${rt_xruns:--}  (target < 10% of one core)"
if [ "$mr_wall" != "-" ]; then
	say "(b) offline, hp 80 Hz + lp 12 kHz + comp (-20 dB, 4:1) per track:"
	say "    reel render $mr_wall s wall, $mr_cpu s CPU ($(awk \
	    "BEGIN { printf \"%.2f\", $mr_cpu / $mr_wall }") cores busy on" \
	    "average), $(awk "BEGIN { printf \"%.0f\", $SECS / $mr_wall }")x" \
	    "real time"
fi
if [ "$me_wall" != "-" ] && [ "$mr_wall" != "-" ]; then
	say "    ecasound $me_wall s wall, $me_cpu s CPU;" \
	    "reel is $(awk "BEGIN { printf \"%.2f\", $me_wall / $mr_wall }")x" \
	    "faster (wall), $(awk "BEGIN { printf \"%.2f\", $me_cpu / $mr_cpu }")x" \
	    "(CPU)  (target >= 10x)"
fi
say "(c) peak private memory: render $(mb "$mr_anon") MB, playing that" \
    "session $(mb "$mp_anon") MB  (target < 30 MB)"
