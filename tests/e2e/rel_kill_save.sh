#!/bin/sh
# Promise 1 (kill at any moment), saving: reel runs a script of gain
# changes, each saved atomically, and is killed with -9 at random moments,
# 50 times (REL_SAVE_KILLS=).  After each kill project.ini opens and is
# byte for byte what reel writes for one of the states the script went
# through: never empty, never a mix of two; and reopening clears the
# temp file a killed save left.
#
# The project sits on a tmpfs when mounting is allowed: a kill -9 leaves
# the kernel's page cache as it was, so only what reel did in user space
# (the temp file, the rename) matters, and without fsync's wait thousands
# of saves go by and the kills land among them.
. "$(dirname "$0")/../lib/common.sh"
. "$REEL_TOP/tests/reliability/lib.sh"

kills=${REL_SAVE_KILLS:-50}
# The release build checks (faster to start); the killed one is $REEL.
CHECK=$REEL_RELEASE
[ -x "$CHECK" ] || CHECK=$REEL
if mount_tmpfs "$T/fs" 64m; then
	P=$T/fs/song; where="tmpfs"
else
	P=$T/song; where="$(df -T "$T" | awk 'NR == 2 { print $2 }')"
fi
"$REEL" -q "$P" -c 'track-add a in=1; track-add b in=2; gain b -1.5' ||
    fail "cannot create a project"
cp "$P/project.ini" "$T/template.ini"
grep -c '^gain = ' "$T/template.ini" | grep -q '^2$' ||
    fail "unexpected project.ini layout"
# 9999 distinct values, each a save: -0.01 .. -99.99 dB.
awk 'BEGIN { for (i = 1; i <= 9999; i++)
	printf "gain a -%d.%02d\n", i / 100, i % 100 }' > "$T/script"
say "    $kills kills during a script of 9999 saves (on $where), seed $REL_SEED"

survived=0; saves=0; leftovers=0
n=1
while [ $n -le "$kills" ]; do
	rand 400; d=$((RAND + 20))
	bg_start s "$REEL" -q "$P" -f "$T/script"
	pid=$BG_PID
	sleep "$(fcalc "$d / 1000")"
	kill -9 "$pid"
	bg_wait "$pid"
	if [ "$BG_RC" -ne 137 ]; then
		soft_fail "kill $n: reel was not killed (status $BG_RC):" \
		    "$(head -n 3 "$T/s.err")"
		n=$((n + 1)); continue
	fi
	run_to open "$CHECK" "$P" -c info
	g=$(awk '/^\[track a\]/ { a = 1 } a && /^gain = / { print $3; exit }' \
	    "$P/project.ini")
	sed "0,/^gain = .*/s//gain = $g/" "$T/template.ini" > "$T/expect.ini"
	valid=no
	case $g in
	0.00) valid=yes ;;
	-*) grep -qx -- "gain a $g" "$T/script" && valid=yes ;;
	esac
	if [ "$RC" -ne 0 ]; then
		soft_fail "kill $n after $d ms: the project does not open:" \
		    "$(cat "$T/open.err")"
	elif [ ! -s "$P/project.ini" ]; then
		soft_fail "kill $n after $d ms: project.ini is empty"
	elif [ $valid = no ]; then
		soft_fail "kill $n after $d ms: gain '$g' was never set"
	elif ! cmp -s "$P/project.ini" "$T/expect.ini"; then
		diff "$T/expect.ini" "$P/project.ini" | head -n 10
		soft_fail "kill $n after $d ms: project.ini is not what reel" \
		    "writes for gain $g"
	else
		survived=$((survived + 1))
		[ "$g" = 0.00 ] || saves=$(awk -v g="$g" \
		    'BEGIN { printf "%d\n", -g * 100 + 0.5 }')
		say "ok    kill $n after $d ms: project.ini whole, gain $g" \
		    "(save $saves of the run)"
	fi
	n=$((n + 1))
done
# Each open after a kill removes the temp file the killed save left.
leftovers=$(ls "$P" | grep -c '\.tmp\.' || true)
[ "$leftovers" -eq 0 ] && ok "no temp file left behind after reopening" ||
    soft_fail "$leftovers temp files of killed saves left in the project"
say "figures: save kills survived $survived/$kills; project.ini always" \
    "whole (old or new version)"
done_test
