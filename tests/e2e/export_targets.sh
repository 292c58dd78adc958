#!/bin/sh
# The text writers (sheet-export, arrangement-export, requests-export,
# loudness-report) replace only a regular file, as render does: a FIFO, a
# directory, a device node and a symlink to one are refused with one line
# and left as they were; a symlink to a regular file is written through
# (the link stays).  Before, sheet-export /dev/stdout renamed a regular
# file over the device path.
. "$(dirname "$0")/../lib/common.sh"
need sox timeout

P="$T/song"
sox -n -r 48000 -c 1 -b 24 "$T/a.wav" synth 2 sine 220 vol 0.3 2>/dev/null
run_to mk reel_cfg "$P" -c "tempo 120; import $T/a.wav track=a; \
    section-add Verse 1 1; lyrics Verse 'la la'"
[ "$RC" -eq 0 ] || { cat "$T/mk.err"; fail "setup: exit $RC"; }

kind() { stat -c %F "$1" 2>/dev/null || echo missing; }

mkfifo "$T/fifo.txt"
mkdir "$T/dir.txt"
ln -s fifo.txt "$T/tofifo.txt"
nodes="fifo.txt dir.txt tofifo.txt"
if [ "$(id -u)" -eq 0 ] && mknod "$T/node.txt" c 1 3 2>/dev/null; then
	nodes="$nodes node.txt"
fi
for cmd in sheet-export arrangement-export requests-export loudness-report
do
	for f in $nodes; do
		before=$(kind "$T/$f")
		run_to bad timeout -k 5 20 "$REEL" --config "$CFG" "$P" \
		    -c "$cmd $T/$f"
		n=$(wc -l < "$T/bad.err")
		if [ "$RC" -eq 1 ] && [ "$n" -eq 1 ] &&
		    grep -q "not a regular file" "$T/bad.err" &&
		    [ "$(kind "$T/$f")" = "$before" ] &&
		    [ -z "$(ls "$T" | grep "^$f.tmp")" ]; then
			ok "$cmd $f refused: $(sed "s|$T/||" "$T/bad.err")"
		else
			soft_fail "$cmd $f: exit $RC, $n lines" \
			    "($(cat "$T/bad.err")); now $(kind "$T/$f")"
		fi
	done
done

echo old > "$T/target.txt"
ln -s target.txt "$T/link.txt"
run_to good reel_cfg "$P" -c "sheet-export $T/link.txt"
if [ "$RC" -eq 0 ] && [ -L "$T/link.txt" ] &&
    grep -q "la la" "$T/target.txt"; then
	ok "a symlink to a regular file is written through; the link stays"
else
	soft_fail "symlink: exit $RC, link $(kind "$T/link.txt"), target" \
	    "$(head -c 80 "$T/target.txt")"
fi
done_test
