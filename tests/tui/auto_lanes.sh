#!/bin/sh
# Automation lanes on the Arrangement (80x24): A shows a row under each
# track; a gain lane ramping -60 -> +12 dB over the song draws rising
# blocks from left to right with a mark at each point, named "gain r"
# (read); a track without lanes says so; A again hides the rows.  In
# ASCII (LC_ALL=C) the same row uses '.', '-', '=', '#' and '*'.
. "$(dirname "$0")/lib.inc"
need sox python3

sox -n -r 48000 -c 1 -b 24 "$T/a.wav" synth 8 sine 440 vol 0.5
P=$T/song
run_to setup reel_cfg -q "$P" -c "import $T/a.wav track=v;
    import $T/a.wav track=w; auto v gain 0 -60; auto v gain 4 12"
[ "$RC" -eq 0 ] || { cat "$T/setup.err"; fail "setting up: reel exited $RC"; }

for loc in C.UTF-8 C; do
	tui_start -e LC_ALL=$loc --config "$CFG" "$P"
	check "$loc: the interface comes up" tui_wait "STOP" 15
	tui_keys A
	check "$loc: A shows the lanes" tui_wait "gain r" 5
	tui_screen > /dev/null
	py "$T/screen.txt" "$loc" <<'PYEOF'
import sys
from reellib import *
rows = open(sys.argv[1], encoding='utf-8').read().split('\n')
utf = sys.argv[2] != 'C'
lv = ' ' + '\u2581\u2582\u2583\u2584\u2585\u2586\u2587\u2588' if utf else \
    ' .-=#'
mark = '\u25cf' if utf else '*'
lane = [r for r in rows if r.startswith('  gain r')]
none = [r for r in rows if r.startswith('  (no lanes)')]
check(len(lane) == 1 and len(none) == 1, 'one gain lane row (v), one '
      '"(no lanes)" row (w)')
cells = lane[0][14:] if lane else ''
hs = [lv.index(c) for c in cells if c in lv[1:]]
print('    lane: ' + cells.rstrip())
check(len(hs) > 20 and hs == sorted(hs[:len(hs)]) and hs[0] <= 2 and
      max(hs) == len(lv) - 1, 'the ramp rises left to right (%s ... %s), full '
      'height after 4 s' % (hs[:3], hs[-3:]))
check(cells.count(mark) == 2, 'a mark at each of the 2 points')
done()
PYEOF
	[ $? -eq 0 ] || soft_fail "$loc: the lane row is not as expected"
	tui_keys A
	check "$loc: A again hides them" tui_wait_gone "gain r" 5
	tui_keys q
	tui_wait_exit 5 || true
	tui_cleanup_server
done
done_test
