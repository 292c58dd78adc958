#!/bin/sh
# Recording onto a full filesystem (a small tmpfs, when mounting is
# permitted) or past RLIMIT_FSIZE:
#  (a) disk-reserve = 0, the disk fills: recording stops with a message
#      naming the problem, exit status 1 (the command did not do what it
#      was asked; a script must not carry on as if it had), the take is a
#      valid WAV holding every frame up to the failure bit for bit,
#      project.ini parses and lists the take, and once there is room again
#      the take's length is saved.
#  (b) as (a) with a file size limit instead (EFBIG), where project.ini can
#      still be saved: it must give the take's length as it is on disk.
#  (c) disk-reserve = 2 MB, in real time (jack dummy): recording stops by
#      itself before the reserve is used up, and the project is saved with
#      the takes' true lengths.
. "$(dirname "$0")/../lib/common.sh"
need sox soxi jackd

RATE=48000
SECS=14		# stereo 24-bit: 288000 bytes a second, 4 MB in all
sox -n -r $RATE -c 2 -b 24 "$T/src.wav" synth 15 sine 440 whitenoise \
    vol 0.7 2>/dev/null
s32raw "$T/src.wav" "$T/in.raw"
file_devices "$T/in.raw" "$T/out.raw"
MNT="$T/mnt"
MODE=tmpfs
if [ -n "${DISKFULL_FSIZE:-}" ] || ! mount_tmpfs "$MNT" 3m; then
	[ -s "$T/mount.err" ] && say "mount: $(cat "$T/mount.err")"
	say "skip  (a), (c): cannot mount a tmpfs here; RLIMIT_FSIZE only"
	MODE=fsize
fi

# take_ok TAKEWAV: the take is a valid WAV whose samples are the first
# frames of the capture; sets F to its frame count.
take_ok() {
	w=$1
	F=$(frames "$w" 2>/dev/null)
	if [ -z "$F" ] || [ "$F" -le 0 ]; then
		soft_fail "the take is not readable: $(soxi "$w" 2>&1 | tail -n 1)"
		F=0; return
	fi
	wav_data "$w" "$T/data.raw"
	db=$(wc -c < "$T/data.raw")
	sz=$(wc -c < "$w")
	if [ "$db" -eq $((F * 6)) ] && sox "$w" -n 2>"$T/sox.err" &&
	    ! grep -q WARN "$T/sox.err"; then
		ok "take: valid WAV, $F frames ($(fcalc "$F / $RATE") s)," \
		    "data chunk $db of $sz bytes, sox reads it cleanly"
	else
		cat "$T/sox.err"
		soft_fail "take: header says $F frames, data chunk $db bytes" \
		    "of a $sz-byte file"
	fi
	s32raw "$w" "$T/got.raw"
	slice "$T/in.raw" "$T/want.raw" 8 0 "$F"
	if rawcmp "$T/got.raw" "$T/want.raw" 8; then
		ok "take: all $F frames bit-exact with capture frames" \
		    "0..$((F - 1))"
	else
		soft_fail "take: samples differ from the capture"
	fi
}

# fill NAME MODE: a take on a filesystem that fills up (MODE tmpfs: the
# 3 MB tmpfs, ENOSPC) or a file size limit (MODE fsize: RLIMIT_FSIZE,
# EFBIG; project.ini can still be written then).
fill() {
	name=$1; mode=$2
	say "-- ($name) disk-reserve = 0, $mode: the take cannot hold all $SECS s"
	config_write "$CFG" "disk-reserve = 0" "latency = 0"
	if [ "$mode" = tmpfs ]; then
		P="$MNT/song"
		file_devices "$T/in.raw" "$T/out.raw"
	else
		mkdir -p "$T/fsize"; P="$T/fsize/song"
		# The playback file must not hit the limit itself.
		file_devices "$T/in.raw" /dev/null
	fi
	run_to mk reel_file "$P" -c 'track-add st in=1,2; arm st'
	[ "$RC" -eq 0 ] || { cat "$T/mk.err"; fail "setup: exit $RC"; }
	if [ "$mode" = tmpfs ]; then
		run_to rec reel_file "$P" -c "record $SECS"
	else
		# 3072 blocks: 1.5 MB in dash's 512-byte unit, 3 MB in
		# bash's; either is less than the 4 MB take.  SIGXFSZ at
		# its default action: reel must ignore it itself.
		run_to rec sh -c 'trap - XFSZ; ulimit -f 3072; exec "$@"' sh \
		    "$REEL" --device reeltest --sample-format S32_LE \
		    --config "$CFG" "$P" -c "record $SECS"
	fi
	sed 's/^/      stderr: /' "$T/rec.err"
	[ "$mode" = tmpfs ] && say "free on the filesystem:" \
	    "$(df -k "$MNT" | awk 'NR == 2 { print $4 }') kB"
	pat="no space|file too large|disk"
	if grep -Eqi "$pat" "$T/rec.err"; then
		ok "stderr names the problem: $(grep -Ei "$pat" "$T/rec.err" |
		    head -n 1)"
	else
		soft_fail "no message about the full disk"
	fi
	if [ "$RC" -eq 1 ]; then
		ok "exit status 1: the recording stopped short of what was asked"
	else
		soft_fail "exit status $RC after the disk filled (expected 1:" \
		    "the record command did not do what it was asked)"
	fi
	grep -q xrun "$T/rec.err" && soft_fail "xruns reported"
	file=$(ini_get "$P/project.ini" "take st 1" file)
	[ -n "$file" ] || fail "project.ini lists no take"
	take_ok "$P/$file"
	[ "$F" -lt $((SECS * RATE)) ] || soft_fail "the take has all $F" \
	    "frames: the disk did not fill"
	run_to info "$REEL" --config "$CFG" "$P" -c info
	if [ "$RC" -eq 0 ] && grep -Eq "^ +st .*1 \(active 1\)" "$T/info.out"
	then
		ok "reel PROJECT -c info works and lists the take:" \
		    "$(grep -E '^ +st ' "$T/info.out" | tr -s ' ')"
	else
		sed 's/^/      /' "$T/info.out" "$T/info.err"
		soft_fail "info: exit $RC, or the take is not listed"
	fi
	len=$(ini_get "$P/project.ini" "take st 1" length)
	state=$(ini_get "$P/project.ini" "take st 1" state)
	range=$(ini_get "$P/project.ini" "take st 1" range)
	say "project.ini now: length = $len, range = $range, state = $state"
	if [ "$state" = recording ] && [ "$mode" = tmpfs ] &&
	    mount -o remount,size=4m "$MNT" 2>/dev/null; then
		say "(project.ini could not be saved on the full disk; the take" \
		    "is recovered when the project opens with room again)"
		run_to info2 "$REEL" --config "$CFG" "$P" -c info
		len=$(ini_get "$P/project.ini" "take st 1" length)
		state=$(ini_get "$P/project.ini" "take st 1" state)
		range=$(ini_get "$P/project.ini" "take st 1" range)
	fi
	if [ "$len" = "$F" ] && [ "$state" != recording ] &&
	    [ "$range" = "0 $F" ]; then
		ok "project.ini records the take as it is on disk: length" \
		    "$len, range $range, state $state"
	else
		soft_fail "project.ini says length $len, range $range, state" \
		    "$state; the file holds $F frames"
	fi
}
if [ $MODE = tmpfs ]; then
	fill a tmpfs
fi
fill b fsize

# ------------------------------------------------------------------ (c)
# In real time (the jack dummy device): on file devices reel freewheels
# far faster than the reserve is checked, which says nothing of a session.
if [ $MODE = tmpfs ]; then
	say "-- (c) disk-reserve = 2 MB on a 6 MB tmpfs, 4 stereo takes at" \
	    "once in real time (1.15 MB/s)"
	jack_start
	MNT2="$T/mnt2"
	mount_tmpfs "$MNT2" 6m || fail "second tmpfs: $(cat "$T/mount.err")"
	P2="$MNT2/song"
	config_write "$CFG" "disk-reserve = 2"
	run_to mk2 "$REEL" --config "$CFG" "$P2" -c "track-add s1 in=1,2;
	    track-add s2 in=1,2; track-add s3 in=1,2; track-add s4 in=1,2;
	    arm s1; arm s2; arm s3; arm s4"
	[ "$RC" -eq 0 ] || { cat "$T/mk2.err"; fail "setup: exit $RC"; }
	run_to rec2 "$REEL" --config "$CFG" --device reeljack "$P2" -c \
	    "record $SECS"
	sed 's/^/      stderr: /' "$T/rec2.err"
	free=$(df -k "$MNT2" | awk 'NR == 2 { print $4 }')
	grep -q "disk almost full" "$T/rec2.err" &&
	    ok "stderr: $(grep "disk almost full" "$T/rec2.err")" ||
	    soft_fail "no 'disk almost full' message"
	for tr in s1 s2 s3 s4; do
		file=$(ini_get "$P2/project.ini" "take $tr 1" file)
		n=$(frames "$P2/$file" 2>/dev/null)
		len=$(ini_get "$P2/project.ini" "take $tr 1" length)
		state=$(ini_get "$P2/project.ini" "take $tr 1" state)
		if [ -n "$n" ] && [ "$len" = "$n" ] && [ "$state" = ok ] &&
		    sox "$P2/$file" -n 2>/dev/null; then
			ok "take $tr: valid WAV, $n frames; project.ini: length" \
			    "$len, state ok"
		else
			soft_fail "take $tr: file ${n:-unreadable} frames," \
			    "project.ini length $len, state $state"
		fi
	done
	if [ -n "$n" ] && [ "$free" -ge 1024 ] &&
	    [ "$n" -lt $((SECS * RATE)) ]; then
		ok "stopped at $(fcalc "$n / $RATE") s with $free kB free" \
		    "(reserve 2048 kB; what is in flight may cross it)"
	else
		soft_fail "recorded $(fcalc "${n:-0} / $RATE") of $SECS s and" \
		    "left $free kB free: the 2 MB reserve was not kept"
	fi
	if [ "$RC" -eq 1 ]; then
		ok "exit status 1"
	else
		soft_fail "exit status $RC after stopping on the reserve" \
		    "(expected 1)"
	fi
fi
done_test
