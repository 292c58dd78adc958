#!/bin/sh
# Detected onsets are marked on the clip (issue 14): ten clicks every
# 0.5 s made here; before any detection the lane row of the track holds
# no mark; after `onsets c` at the prompt it holds ten, evenly spaced
# (one column apart at most, as the clicks are); after `quantize` the
# marks follow the moved onsets (still ten); the Takes screen marks the
# comp row the same way; an edit of the track's clips (split) takes the
# marks away, as they no longer describe what it plays; quantizing the
# two clips then marks the onsets of both.
. "$(dirname "$0")/lib.inc"
need python3

P=$T/song
py "$T/click.wav" <<'PYEOF'
import math, random, struct, sys
sr = 48000
random.seed(1)
x = [random.gauss(0, 1e-4) for i in range(6 * sr)]
for k in range(1, 11):
    a = int(round((k * 0.5 + 0.02) * sr))
    for i in range(int(0.04 * sr)):
        x[a + i] += 0.8 * math.exp(-i / (0.003 * sr)) * \
            math.cos(2 * math.pi * 2000 * i / sr)
d = struct.pack('<%df' % len(x), *x)
open(sys.argv[1], 'wb').write(struct.pack('<4sI4s4sIHHIIHH4sI', b'RIFF',
    36 + len(d), b'WAVE', b'fmt ', 16, 3, 1, sr, sr * 4, 4, 32, b'data',
    len(d)) + d)
PYEOF
run_to setup reel_cfg -q "$P" -c "import $T/click.wav track=c; tempo 120"
[ "$RC" -eq 0 ] || { cat "$T/setup.err"; fail "setting up: reel exited $RC"; }

# marks PREFIX: the columns of the marks in the first row starting with
# PREFIX, one line.
marks() {
	tui_tmux capture-pane -p | awk -v p="$1" '
	    index($0, p) == 1 && !done { done = 1
	        for (i = 1; i <= length($0); i++)
	            if (substr($0, i, 1) == "\047") printf "%d ", i
	    } END { print "" }'
}
# even COLS N: N columns, evenly spaced to within one column.
even() {
	echo "$1" | awk -v n="$2" '{
	    if (NF != n) exit 1
	    for (i = 3; i <= NF; i++) {
	        d = ($i - $(i - 1)) - ($2 - $1)
	        if (d > 1 || d < -1) exit 1
	    } }'
}

tui_start -e LC_ALL=C.UTF-8 --device null --config "$CFG" "$P"
check "the interface comes up" tui_wait "STOP" 15
check "the arrangement shows track c" tui_wait " c "
tui_keys :
tui_type "zoom fit"
tui_keys Enter
sleep 0.5
m=$(marks " c ")
check "no marks before a detection ('$m')" [ -z "$(echo $m)" ]
tui_keys :
tui_type "onsets c"
tui_keys Enter
check "onsets lists the clicks (on the Log)" tui_wait "0:05.020" 20
tui_keys 1
sleep 0.5
m=$(marks " c ")
if even "$m" 10; then
	ok "onsets c: ten marks, evenly spaced, in c's lane (columns $m)"
else
	tui_screen | sed 's/^/    | /'
	soft_fail "onsets c: marks at columns '$m'"
fi
first=$(echo "$m" | awk '{ print $1 }')
tui_keys :
tui_type "quantize c grid=1/8 strength=100"
tui_keys Enter
check "quantize says what it did" tui_wait "quantize c: 1 clip, 10 onsets" 20
tui_keys 1
sleep 0.5
m2=$(marks " c ")
if even "$m2" 10; then
	ok "after quantize: ten marks where the onsets are now ($m2)"
else
	tui_screen | sed 's/^/    | /'
	soft_fail "after quantize: marks at columns '$m2'"
fi
tui_keys 2
check "the Takes screen" tui_wait " comp"
sleep 0.5
m3=$(marks " comp")
if even "$m3" 10; then
	ok "Takes screen: ten marks on the comp row ($m3)"
else
	tui_screen | sed 's/^/    | /'
	soft_fail "Takes screen: marks at columns '$m3'"
fi
tui_keys 1
tui_keys :
tui_type "split c 3"
tui_keys Enter
sleep 1
m=$(marks " c ")
check "after split the marks are gone ('$m')" [ -z "$(echo $m)" ]
tui_keys :
tui_type "quantize c grid=1/8 strength=50"
tui_keys Enter
check "quantize again: both clips" tui_wait "quantize c: 2 clips, 10 onsets" 20
tui_keys 1
sleep 0.5
m=$(marks " c ")
if even "$m" 10; then
	ok "quantize over two clips: the marks of both ($m)"
else
	tui_screen | sed 's/^/    | /'
	soft_fail "quantize over two clips: marks at columns '$m'"
fi
tui_keys q
tui_keys q
check "q quits" tui_wait_exit 10
check "nothing on stderr (sanitizers, stray prints)" \
    sh -c "! grep -q . '$T/tui.err'"
[ -s "$T/tui.err" ] && sed 's/^/    stderr: /' "$T/tui.err" | head -n 20
done_test
