#!/bin/sh
# Promise 2 (hang-up): SIGHUP, SIGTERM and SIGINT during a recording
# through the real-time device (jackd -d dummy), from a script (-c) and
# at the plain prompt (an SSH link that drops sends SIGHUP and closes
# stdin), and during a long render.  A recording is stopped cleanly: the
# take is closed and whole (the WAV header's sizes are the file's), kept
# in project.ini as state ok, and reel exits with 128+signal.  A render
# stopped so leaves nothing under its name nor the .part file.  (A reel
# that does not stop within 20 s is killed and the check fails.)
. "$(dirname "$0")/../lib/common.sh"
. "$REEL_TOP/tests/reliability/lib.sh"
need soxi

jack_start
P=$T/song
"$REEL" -q "$P" -c 'track-add a in=1; track-add b in=2; arm a; arm b' ||
    fail "cannot create a project"

# check_take TAG EL_MS: the take reel announced in $T/TAG.err is closed,
# whole and saved, and holds at least EL_MS less 0.5 s.
check_take() {
	for tr in a b; do
		k=$(sed -n "s/.*recording $tr, take \([0-9]*\).*/\1/p" \
		    "$T/$1.err" | head -n 1)
		f=$(ini_get "$P/project.ini" "take $tr $k" file)
		st=$(ini_get "$P/project.ini" "take $tr $k" state)
		len=$(ini_get "$P/project.ini" "take $tr $k" length)
		if [ -z "$k" ] || [ -z "$f" ]; then
			soft_fail "$1: take of $tr not in project.ini"
			continue
		fi
		wf=$(wav_whole "$P/$f") || {
			soft_fail "$1: $f is not a whole WAV (header sizes" \
			    "do not match the file)"; continue; }
		sf=$(soxi -s "$P/$f" 2>/dev/null)
		if [ "$st" != ok ] || [ "$sf" != "$wf" ] || [ "$len" != "$wf" ]
		then
			soft_fail "$1: $f: state '$st', header $wf frames," \
			    "soxi '$sf', project.ini length '$len'"
		elif [ $((wf + 24000)) -lt $(($2 * 48)) ]; then
			soft_fail "$1: $f holds $wf frames after $2 ms"
		else
			ok "$1: $f closed and whole: $wf frames after $2 ms," \
			    "state ok in project.ini"
		fi
	done
}

for sig in HUP TERM INT; do
	num=$(kill -l "$sig" 2>/dev/null || echo 0)
	case $sig in HUP) num=1 ;; INT) num=2 ;; TERM) num=15 ;; esac
	# From a script.
	bg_start "c$sig" "$REEL" -d reeljack "$P" -c record
	pid=$BG_PID
	wait_for "$T/c$sig.err" "recording b" 20 ||
	    { cat "$T/c$sig.err"; fail "SIG$sig: recording did not start"; }
	t0=$(now_ms)
	sleep 1
	el=$(( $(now_ms) - t0 ))
	kill -s "$sig" "$pid"
	bg_wait_max "$pid" 20
	msg=$(grep "stopped by" "$T/c$sig.err")
	if [ "$BG_RC" -eq $((128 + num)) ] && [ -n "$msg" ]; then
		ok "-c record, SIG$sig: exit $BG_RC: $msg"
	else
		sed 's/^/      /' "$T/c$sig.err"
		soft_fail "-c record, SIG$sig: exit $BG_RC, expected $((128 + num))"
	fi
	check_take "c$sig" "$el"
done

# At the plain prompt: the link drops (SIGHUP, stdin closed).
mkfifo "$T/in"
"$REEL" --plain -d reeljack "$P" < "$T/in" > "$T/plain.out" \
    2> "$T/plain.err" &
pid=$!
T_PIDS="$T_PIDS $pid"
exec 8> "$T/in"
echo record >&8
wait_for "$T/plain.err" "recording b" 20 ||
    { cat "$T/plain.err"; fail "--plain: recording did not start"; }
t0=$(now_ms)
sleep 1
el=$(( $(now_ms) - t0 ))
kill -s HUP "$pid"
exec 8>&-
bg_wait_max "$pid" 20
rc=$BG_RC
[ "$rc" -eq 129 ] && ok "--plain record, SIGHUP and stdin closed: exit 129" ||
    soft_fail "--plain record, SIGHUP: exit $rc, expected 129"
check_take plain "$el"

# A long render, stopped.
for sig in HUP TERM INT; do
	case $sig in HUP) num=1 ;; INT) num=2 ;; TERM) num=15 ;; esac
	bg_start "r$sig" "$REEL" "$P" -c 'render long.wav end=10:00:00 format=wav16'
	pid=$BG_PID
	i=0
	while [ ! -s "$P/renders/long.wav.part" ] && [ $i -lt 500 ]; do
		sleep 0.02; i=$((i + 1))
	done
	sleep 0.3
	size=$(wc -c < "$P/renders/long.wav.part" 2>/dev/null || echo 0)
	kill -s "$sig" "$pid"
	bg_wait_max "$pid" 20
	left=$(ls "$P/renders" 2>/dev/null | tr '\n' ' ')
	msg=$(head -n 1 "$T/r$sig.err")
	if [ "$BG_RC" -eq $((128 + num)) ] && [ -z "$left" ]; then
		ok "render, SIG$sig after $size bytes: exit $BG_RC, nothing" \
		    "left in renders/: $msg"
	else
		soft_fail "render, SIG$sig: exit $BG_RC (expected" \
		    "$((128 + num))), renders/ holds: '$left'; $msg"
	fi
	rm -f "$P"/renders/*
done
done_test
