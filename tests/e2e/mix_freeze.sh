#!/bin/sh
# freeze / unfreeze: a track with an EQ, a compressor and a look-ahead
# limiter (latency) is rendered through them, pre-fader, to a float file
# in audio/; the render of the frozen project equals the unfrozen render
# within float rounding (Python), with the fader, pan and a pre- and a
# post-fader send to a reverb bus still live; info counts the inserts
# the graph runs (the frozen ones do not); the frozen track's inserts,
# their automation, takes, clips and comp are refused with one line;
# project.ini keeps it; undo, redo and unfreeze restore it.  The EQ's
# band gain is automated (a step at 1 s): the frozen file follows it.
. "$(dirname "$0")/../lib/common.sh"
need sox soxi python3

RATE=48000
P="$T/song"
sox -n -r $RATE -c 1 -b 24 "$T/bass.wav" synth 2 sawtooth 55 vol 0.6 \
    2>/dev/null
sox -n -r $RATE -c 2 -b 24 "$T/keys.wav" synth 2 pluck 440 vol 0.4 \
    2>/dev/null
run_to setup "$REEL" --config "$CFG" "$P" -c "import $T/bass.wav track=bass;
    import $T/keys.wav track=keys at=0.1;
    fx-add bass eq; fx-set bass 1 b1.type=hp b1.freq=40;
    fx-set bass 1 b2.type=peak b2.freq=200 b2.gain=-5;
    auto bass 1.b2.gain 0 -5; auto bass 1.b2.gain 1.0 6 curve=step;
    fx-add bass comp; fx-set bass 2 threshold=-20 ratio=4 attack=5;
    fx-add bass limit; fx-set bass 3 ceiling=-3 lookahead=4;
    fx-add keys eq; fx-set keys 1 b1.type=lp b1.freq=3000;
    bus-add verb; fx-add verb reverb; send bass verb -10;
    send keys verb -14 pre; gain bass -4; pan bass -0.3;
    render before.wav format=wav32f; info"
[ "$RC" -eq 0 ] || { cat "$T/setup.err"; fail "setup: exit $RC"; }
grep '^inserts' "$T/setup.out" > "$T/ins0"
check "info before: $(cat "$T/ins0")" \
    grep -q '^inserts  5 running, 0 on 0 frozen tracks not' "$T/ins0"

run_to freeze "$REEL" --config "$CFG" "$P" -c "freeze bass;
    render after.wav format=wav32f; info"
[ "$RC" -eq 0 ] || { cat "$T/freeze.err"; fail "freeze: exit $RC"; }
grep '^inserts\|^frozen' "$T/freeze.out" > "$T/ins1"
check "info frozen: $(tr '\n' ';' < "$T/ins1")" \
    grep -q '^inserts  2 running, 3 on 1 frozen track not' "$T/ins1"
F="$P/audio/bass-frozen-1.wav"
n=$(soxi -s "$P/renders/before.wav")
check "frozen file: $(soxi -c "$F") channel, $(soxi -e "$F"), $(soxi -s "$F") frames (want 1, float, $n)" \
    [ "$(soxi -c "$F") $(soxi -e "$F") $(soxi -s "$F")" = \
    "1 Floating Point PCM $n" ]
check "project.ini: frozen = audio/bass-frozen-1.wav" \
    grep -q '^frozen = audio/bass-frozen-1.wav$' "$P/project.ini"

cmp_renders() {
	py "$P/renders/$1" "$P/renders/$2" "$3" <<'EOF'
import sys, reellib
a = reellib.read_wav(sys.argv[1])[2]
b = reellib.read_wav(sys.argv[2])[2]
reellib.check(len(a[0]) == len(b[0]), 'same length (%d, %d frames)'
    % (len(a[0]), len(b[0])))
w = max(abs(a[c][i] - b[c][i]) for c in range(2) for i in range(len(a[c])))
pk = max(abs(v) for v in a[0])
reellib.check(w < 1e-6 and pk > 0.05, '%s: worst difference %.2g '
    '(max 1e-6), peak %.3f' % (sys.argv[3], w, pk))
reellib.done()
EOF
}
cmp_renders before.wav after.wav "frozen render = unfrozen render" ||
    soft_fail "frozen render differs"

# the fader, pan and sends stay live; the rest is locked
run_to live "$REEL" --config "$CFG" "$P" -c "gain bass -8; pan bass 0.5;
    send bass verb -6; render live-frozen.wav format=wav32f"
[ "$RC" -eq 0 ] || { cat "$T/live.err"; soft_fail "fader while frozen: exit $RC"; }
for c in "fx-set bass 2 ratio=8" "fx-add bass gate" "fx-bypass bass 1 on" \
    "fx-remove bass 1" "fx-move bass 1 2" "take bass 1" \
    "comp bass 1 0 1" "auto bass 1.b2.gain 1.5 0" "split bass 0.5" \
    "clip-gain bass 0.5 -3"; do
	run_to lock "$REEL" --config "$CFG" "$P" -c "$c"
	want="${c%% *}: track bass is frozen; unfreeze it first"
	if [ "$RC" -ne 0 ] && [ "$(cat "$T/lock.err")" = "reel: $want" ]
	then
		ok "$c refused: $want"
	else
		soft_fail "$c: exit $RC, '$(cat "$T/lock.err")' (want '$want')"
	fi
done
run_to list "$REEL" --config "$CFG" "$P" -c "fx-list bass"
check "fx-list works on a frozen track" grep -q "lookahead" "$T/list.out"
run_to clean "$REEL" --config "$CFG" "$P" -c "cleanup yes"
check "cleanup keeps the frozen file (project.ini names it)" [ -f "$F" ]

# undo the live changes and the freeze; redo it; unfreeze
run_to undo "$REEL" --config "$CFG" "$P" -c "undo; undo; undo; undo"
[ "$RC" -eq 0 ] || { cat "$T/undo.err"; fail "undo: exit $RC"; }
check "undo unfreezes (project.ini has no frozen line)" \
    sh -c "! grep -q '^frozen' '$P/project.ini'"
run_to redo "$REEL" --config "$CFG" "$P" -c "redo; render redo.wav format=wav32f;
    unfreeze bass; render unfrozen.wav format=wav32f"
[ "$RC" -eq 0 ] || { cat "$T/redo.err"; fail "redo: exit $RC"; }
cmp_renders before.wav redo.wav "redo freezes again: render = unfrozen" ||
    soft_fail "redo render differs"
cmp_renders before.wav unfrozen.wav "unfreeze: render as before" ||
    soft_fail "unfreeze render differs"
check "unfreeze: project.ini has no frozen line, the file stays" \
    sh -c "! grep -q '^frozen' '$P/project.ini' && [ -f '$F' ]"
done_test
