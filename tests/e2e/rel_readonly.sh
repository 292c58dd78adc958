#!/bin/sh
# Promise 7 (read-only and permissions): a read-only project (here a
# read-only bind mount, which stops root too) opens read-only and says so;
# a command that would change it fails with a message and exit 1, and
# nothing is written.  A take directory that cannot be written is reported
# before recording starts, not after: no take, no device opened.
. "$(dirname "$0")/../lib/common.sh"
. "$REEL_TOP/tests/reliability/lib.sh"

P=$T/song
"$REEL" -q "$P" -c 'track-add a in=1; arm a; gain a -2' ||
    fail "cannot create a project"
sox -n -r 48000 -c 1 -b 24 "$P/audio/a-1.wav" synth 0.1 sine 440 \
    2>/dev/null
"$REEL" -q "$P" -c "import $P/audio/a-1.wav track=a" ||
    fail "cannot import a take"
cp -r "$P" "$T/orig"

# ro DIR: makes DIR read-only for everyone, root included (as another
# user, plain permissions do).
ro() {
	if [ "$(id -u)" -ne 0 ]; then
		chmod -R a-w "$1"
		RO_HOW="chmod -R a-w"
		return 0
	fi
	[ -n "${REL_NO_MOUNT:-}" ] && return 1
	if mount --bind "$1" "$1" 2>"$T/mount.err" &&
	    mount -o remount,bind,ro "$1" 2>>"$T/mount.err"; then
		T_MOUNTS="$1 $T_MOUNTS"
		RO_HOW="read-only bind mount"
		return 0
	fi
	umount "$1" 2>/dev/null
	return 1
}
# as_reel CMD...: runs reel as the user that cannot write (root with a
# mount, else nobody with the project left to root).  REL_NO_MOUNT=1
# tries the second way.
as_reel() {
	if [ "$RO_HOW" = "owned by root, reel runs as nobody" ]; then
		setpriv --reuid=nobody --regid=nogroup --clear-groups "$@"
	else
		"$@"
	fi
}
if ! ro "$P"; then
	# No mounts here: reel runs as nobody on a project nobody can write.
	command -v setpriv >/dev/null || fail "neither mount nor setpriv"
	RO_HOW="owned by root, reel runs as nobody"
	chmod -R a+rX,go-w "$T"
fi
say "    read-only by: $RO_HOW"

run_to info as_reel "$REEL" "$P" -c info
[ "$RC" -eq 0 ] || fail "a read-only project does not open: $(cat "$T/info.err")"
grep -q "read-only" "$T/info.err" ||
    fail "opening a read-only project does not say so"
grep -q "(read-only)" "$T/info.out" || fail "info does not say read-only"
ok "opens read-only and says so: $(head -n 1 "$T/info.err")"

for c in 'gain a -6' 'track-add b in=2' 'take a 1' 'save' 'record 1'; do
	run_to ch as_reel "$REEL" -d null "$P" -c "$c"
	msg=$(grep -v "is read-only: changes" "$T/ch.err" | head -n 1)
	if [ "$RC" -eq 1 ] && printf '%s' "$msg" | grep -q "read-only"; then
		ok "'$c': exit 1: $msg"
	else
		soft_fail "'$c': exit $RC, message '$msg'"
	fi
done
diff -r "$T/orig" "$P" > "$T/diff" 2>&1 &&
    ok "nothing in the project changed" ||
    { cat "$T/diff"; soft_fail "the read-only project changed"; }
[ "$RO_HOW" = "read-only bind mount" ] && umount "$P" &&
    T_MOUNTS=$(echo "$T_MOUNTS" | sed "s|$P||")
[ "$RO_HOW" = "chmod -R a-w" ] && chmod -R u+w "$P"

# The project is writable, its audio/ directory is not.
if [ "$RO_HOW" = "read-only bind mount" ]; then
	ro "$P/audio" || fail "cannot mount audio/ read-only"
elif [ "$RO_HOW" = "chmod -R a-w" ]; then
	chmod a-w "$P/audio"
else
	chown -R nobody "$P"; chown root "$P/audio"; chmod 755 "$P/audio"
fi
cp "$P/project.ini" "$T/before.ini"
run_to rec as_reel "$REEL" -d null "$P" -c 'record 1'
msg=$(head -n 1 "$T/rec.err")
if [ "$RC" -eq 1 ] && grep -q "audio" "$T/rec.err" &&
    ! grep -q "recording a" "$T/rec.err" &&
    cmp -s "$P/project.ini" "$T/before.ini"; then
	ok "unwritable audio/: refused before recording: $msg"
else
	sed 's/^/      /' "$T/rec.err"
	soft_fail "unwritable audio/: exit $RC; a take was started or the" \
	    "project changed"
fi
[ "$RO_HOW" = "chmod -R a-w" ] && chmod -R u+w "$P"
done_test
