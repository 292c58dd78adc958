#!/bin/sh
# A user keymap.ini that is not a regular file (issue 8, item 11): a
# symlink to /dev/zero (one endless line) or a FIFO (blocks when opened)
# must not hang the screen.  The screen comes up, says what is wrong with
# the file, and the default keys work (q quits).
. "$(dirname "$0")/lib.inc"

file_devices /dev/zero /dev/null
"$REEL" --config "$CFG" "$T/song" -c 'track-add a in=1' 2>/dev/null ||
    fail "could not set up the project"
mkdir -p "$XDG_CONFIG_HOME/reel"
km=$XDG_CONFIG_HOME/reel/keymap.ini
for kind in zero fifo; do
	rm -f "$km"
	if [ $kind = zero ]; then ln -s /dev/zero "$km"; else mkfifo "$km"; fi
	tui_start --device reeltest --sample-format S32_LE --config "$CFG" \
	    "$T/song"
	check "keymap.ini a $kind: the screen comes up" tui_wait "STOP" 15
	check "keymap.ini a $kind: the message names the file" \
	    tui_wait "keymap.ini: not a regular file" 5
	tui_keys q
	check "keymap.ini a $kind: q (a default key) quits" tui_wait_exit 10
done
done_test
