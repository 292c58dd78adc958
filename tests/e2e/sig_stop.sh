#!/bin/sh
# A signal always stops a pass (issue 8, item 2).  SIGINT, SIGTERM and
# SIGHUP, each during an open-ended recording on the ALSA file device:
# freewheeling with a count-in from 0:00 over a playing track (which used
# to spin at 100% CPU, deaf to signals, leaving an 80-byte take), without
# a count-in, and paced by the clock (freewheel = no).  Each time reel
# exits with 128+N within a second of the signal, and the take is kept:
# state ok in project.ini, its length the frames in the file, a WAV whose
# header agrees with its size, more than nothing.  Then take files that
# are FIFOs: render refuses them with a clear error at once, play plays
# them as silence saying why, and SIGTERM ends such a play in time (the
# disk thread used to hang in open()).
. "$(dirname "$0")/../lib/common.sh"
. "$REEL_TOP/tests/reliability/lib.sh"
need sox soxi python3

RATE=48000
sox -n -r $RATE -c 2 -b 24 "$T/src.wav" synth 20 sine 330 sine 550 \
    vol 0.5 2>/dev/null
s32raw "$T/src.wav" "$T/in.raw"
file_devices "$T/in.raw" /dev/null
P0="$T/base"
run_to setup reel_file "$P0" -c 'tempo 120; track-add a in=1; arm a;
    record 4; disarm a; track-add b in=2; arm b'
[ "$RC" -eq 0 ] || { cat "$T/setup.err"; fail "setup: exit $RC"; }

# stop_pass NAME SIG CFGLINE CMDS: an open-ended pass stopped by SIG.
stop_pass() {
	name=$1; sig=$2; P="$T/$name"
	case $sig in HUP) num=1 ;; INT) num=2 ;; TERM) num=15 ;; esac
	rm -rf "$P"
	cp -R "$P0" "$P"
	config_write "$T/$name.ini" "$3"
	bg_start "$name" "$REEL" --device reeltest --sample-format S32_LE \
	    --config "$T/$name.ini" "$P" -c "$4"
	pid=$BG_PID
	wait_for "$T/$name.err" "recording b" 20 || {
		cat "$T/$name.err"; soft_fail "$name: no recording"; return; }
	sleep 0.5
	t0=$(now_ms)
	kill -s "$sig" "$pid"
	bg_wait_max "$pid" 10
	el=$(( $(now_ms) - t0 ))
	k=$(sed -n 's/.*recording b, take \([0-9]*\).*/\1/p' "$T/$name.err")
	f=$(ini_get "$P/project.ini" "take b ${k:-0}" file)
	st=$(ini_get "$P/project.ini" "take b ${k:-0}" state)
	len=$(ini_get "$P/project.ini" "take b ${k:-0}" length)
	wf=$(wav_whole "$P/$f" 2>/dev/null)
	sf=$(soxi -s "$P/$f" 2>/dev/null)
	say "      ($name: exit $BG_RC after $el ms; take $f: state $st," \
	    "length $len, header $wf, soxi $sf, $(wc -c < "$P/$f") bytes)"
	if [ "$BG_RC" -ne $((128 + num)) ]; then
		sed 's/^/      /' "$T/$name.err"
		soft_fail "$name: SIG$sig: exit $BG_RC, expected $((128 + num))"
	elif [ "$el" -gt 1000 ]; then
		soft_fail "$name: SIG$sig: reel took $el ms to end"
	else
		ok "$name: SIG$sig ended the pass: exit $BG_RC in $el ms"
	fi
	if [ "$st" = ok ] && [ -n "$wf" ] && [ "$sf" = "$wf" ] &&
	    [ "$len" = "$wf" ] && [ "$wf" -gt 0 ]; then
		ok "$name: the take is kept: state ok, $wf frames, header" \
		    "and project.ini agree with the file"
	else
		soft_fail "$name: the take is not whole (state '$st', length" \
		    "'$len', header '$wf', soxi '$sf')"
	fi
}

for sig in INT TERM HUP; do
	stop_pass "countin-$sig" $sig "" "count-in 1; locate 0; record"
	stop_pass "plain-$sig" $sig "" "locate 0; record"
	stop_pass "paced-$sig" $sig "freewheel = no" \
	    "count-in 1; locate 0; record"
done

# A take file that is a FIFO.
P="$T/fifo"
cp -R "$P0" "$P"
f=$(ini_get "$P/project.ini" "take a 1" file)
rm "$P/$f"
mkfifo "$P/$f"
bg_start render "$REEL" --config "$CFG" "$P" -c 'render r.wav'
bg_wait_max "$BG_PID" 5
if [ "$BG_RC" -eq 1 ] && grep -q "$f.*not a regular file" "$T/render.err"
then
	ok "render of a FIFO take: exit 1 at once: $(head -n 1 \
	    "$T/render.err")"
else
	sed 's/^/      /' "$T/render.err"
	soft_fail "render of a FIFO take: exit $BG_RC"
fi
[ -e "$P/renders/r.wav" ] || [ -e "$P/renders/r.wav.part" ] &&
    soft_fail "render of a FIFO take left a file"
bg_start play reel_file "$P" -c 'play 1'
bg_wait_max "$BG_PID" 10
if [ "$BG_RC" -eq 0 ] && grep -q "$f: not a regular file" "$T/play.err"
then
	ok "play of a FIFO take plays silence and says why:" \
	    "$(grep "not a regular" "$T/play.err")"
else
	sed 's/^/      /' "$T/play.err"
	soft_fail "play of a FIFO take: exit $BG_RC"
fi
config_write "$T/paced.ini" "freewheel = no"
bg_start playt "$REEL" --device reeltest --sample-format S32_LE \
    --config "$T/paced.ini" "$P" -c 'play'
pid=$BG_PID
wait_for "$T/playt.err" "playing from" 20
sleep 0.5
t0=$(now_ms)
kill -TERM "$pid"
bg_wait_max "$pid" 10
el=$(( $(now_ms) - t0 ))
if [ "$BG_RC" -eq 143 ] && [ "$el" -le 1000 ]; then
	ok "SIGTERM ends a play of a FIFO take: exit 143 in $el ms"
else
	sed 's/^/      /' "$T/playt.err"
	soft_fail "SIGTERM during a play of a FIFO take: exit $BG_RC" \
	    "after $el ms"
fi
done_test
