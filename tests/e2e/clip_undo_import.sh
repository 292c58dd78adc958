#!/bin/sh
# Clips (issue 10): undo and redo of every clip command (reopening the
# project between each) leave project.ini byte-identical to before and
# after it; a 1 kHz sine at 44.1 kHz imported at bar 5 of a 120 bpm 4/4
# song starts at 48 kHz frame 384000 with round(n * 48000 / 44100)
# frames and stays 1 kHz (zero crossings over the whole of it); four
# duplicates follow it end to end, each sample for sample the first.
. "$(dirname "$0")/../lib/common.sh"
need sox soxi python3

P="$T/song"
sox -n -r 44100 -c 1 -b 24 "$T/sine44.wav" synth 1 sine 1000 vol 0.5 \
    2>/dev/null
run_to imp "$REEL" --config "$CFG" "$P" -c "tempo 120;
    import $T/sine44.wav track=loop at=5|1"
[ "$RC" -eq 0 ] || { cat "$T/imp.err"; fail "import: exit $RC"; }

run_to r "$REEL" --config "$CFG" "$P" -c "duplicate loop 5|1 count=4;
    render loops.wav format=wav32f"
[ "$RC" -eq 0 ] || { cat "$T/r.err"; fail "render: exit $RC"; }
n44=$(frames "$T/sine44.wav")
py "$P/renders/loops.wav" "$n44" <<'PYEOF'
import math, sys
from reellib import *
_, rate, y = read_wav(sys.argv[1])
n44 = int(sys.argv[2])
x = y[0]
want = round(n44 * 48000 / 44100)
nz = [i for i in range(len(x)) if abs(x[i]) > 1e-4]
first = nz[0]
# The first copy: from its start to where the next begins.
check(rate == 48000 and abs(first - 384000) <= 1,
      'the sine starts at frame %d (bar 5 at 120 bpm: 384000)' % first)
check(len(x) == 384000 + 5 * want,
      'five placements end at %d (384000 + 5 x %d)' % (len(x), want))
seg = x[384000:384000 + want]
# Frequency: zero crossings (rising) over the middle of the first copy.
rise = [i for i in range(1000, want - 1000) if seg[i - 1] < 0 <= seg[i]]
f = (len(rise) - 1) * 48000.0 / (rise[-1] - rise[0]) if len(rise) > 1 else 0
check(abs(f - 1000) < 0.05, 'measured %.4f Hz (1000 Hz imported)' % f)
same = all(x[384000 + k * want:384000 + (k + 1) * want] == seg
           for k in range(1, 5))
check(same, 'copies 2 to 5 are the first one sample for sample')
done()
PYEOF
[ $? -eq 0 ] || soft_fail "the imported loop and its copies"
# step COMMAND: runs it, then undo, then redo, each in a process of its
# own; project.ini must be before / after / before / after.
step() {
	cp "$P/project.ini" "$T/before.ini"
	run_to st "$REEL" --config "$CFG" "$P" -c "$1"
	[ "$RC" -eq 0 ] || { cat "$T/st.err"; soft_fail "$1: exit $RC"; return; }
	cp "$P/project.ini" "$T/after.ini"
	if cmp -s "$T/before.ini" "$T/after.ini"; then
		soft_fail "$1: changed nothing in project.ini"; return
	fi
	run_to un "$REEL" --config "$CFG" "$P" -c undo
	cmp -s "$T/before.ini" "$P/project.ini" || {
		diff "$T/before.ini" "$P/project.ini" | head -n 10
		soft_fail "$1: undo does not give back project.ini"; return; }
	run_to re "$REEL" --config "$CFG" "$P" -c redo
	cmp -s "$T/after.ini" "$P/project.ini" || {
		soft_fail "$1: redo does not give back project.ini"; return; }
	ok "$1: undo and redo give project.ini back byte for byte"
}
step "duplicate loop 5|1"
step "split loop 5|2"
step "trim loop 5|4 end 5|4.5"
step "move loop 6|1 12|1"
step "nudge loop 12|1 +beat"
step "fade loop 5|1 in 10 shape=s-curve"
step "clip-gain loop 5|1 -3.5"
step "delete loop 12|2"
step "snap on"
step "grid 1/8t"
# An import onto a track with clips is placed on top: bar 20 is 1824000.
n=$(grep -c '^\[clip loop ' "$P/project.ini")
run_to im2 "$REEL" --config "$CFG" "$P" -c "import $T/sine44.wav track=loop at=20|1"
[ "$RC" -eq 0 ] || { cat "$T/im2.err"; soft_fail "import again: exit $RC"; }
if [ "$(ini_get "$P/project.ini" "clip loop $((n + 1))" position)" = 1824000 ] &&
    [ "$(ini_get "$P/project.ini" "clip loop $((n + 1))" length)" = 48000 ]; then
	ok "import onto the track with clips: clip $((n + 1)) at 1824000," \
	    "48000 long, on top"
else
	soft_fail "import onto a track with clips placed no clip at bar 20"
fi
done_test
