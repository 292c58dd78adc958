#!/bin/sh
# Render on two cores (a helper thread runs tracks' strips ahead beside
# the loop, mixer_ahead) writes the very samples of the single-thread path
# (the process held to one CPU with taskset, which turns the helper off):
# six tracks with EQs, compressors, a gate and a look-ahead limiter
# (latency compensation), a plain track, a group bus and a reverb send,
# automation of a fader, a send, an EQ gain (step) and a compressor
# threshold (ramp), and two tracks without lanes of their own (run in
# one piece and side by side, where the automated ones run in cells),
# rendered whole and from a later start.  The float
# files are compared byte for byte, and both against a Python sum check
# that they carry signal.
. "$(dirname "$0")/../lib/common.sh"
need sox taskset python3
[ "$(nproc)" -ge 2 ] ||
    say "one CPU: both renders take the single-thread path"

RATE=48000
P="$T/song"
for i in 1 2 3 4 5 6; do
	sox -n -r $RATE -c $((1 + i % 2)) -b 24 "$T/t$i.wav" synth 2.5 \
	    pluck $((110 * i)) sine $((67 * i)) vol 0.4 2>/dev/null
done
run_to setup "$REEL" --config "$CFG" "$P" -c "import $T/t1.wav track=a;
    import $T/t2.wav track=b; import $T/t3.wav track=c at=0.1;
    import $T/t4.wav track=d; import $T/t5.wav track=e;
    import $T/t6.wav track=f;
    import $T/t2.wav track=g at=0.05; import $T/t4.wav track=h at=0.15;
    fx-add g eq; fx-set g 1 b1.type=hp b1.freq=200 b2.type=lp b2.freq=6000;
    fx-add h eq; fx-set h 1 b1.type=peak b1.freq=900 b1.gain=4 b3.type=highshelf b3.freq=5000 b3.gain=-3;
    fx-add h comp; fx-set h 2 threshold=-24;
    fx-add a eq; fx-set a 1 b1.type=hp b1.freq=90 b2.type=peak b2.freq=500 b2.gain=-4;
    fx-add a comp; fx-set a 2 threshold=-26 ratio=4;
    fx-add b comp; fx-set b 1 threshold=-20 ratio=3 attack=2;
    fx-add c gate; fx-set c 1 threshold=-35;
    fx-add d limit; fx-set d 1 ceiling=-6 lookahead=2;
    fx-add e eq; fx-set e 1 b1.type=lp b1.freq=4000;
    bus-add grp; fx-add grp comp; route a grp; route b grp;
    bus-add verb; fx-add verb reverb; send c verb -10; send e verb -12 pre;
    auto b gain 0.4 -12; auto b gain 1.6 0;
    auto c send.verb 0.2 -30; auto c send.verb 2.0 -3;
    auto a 1.b2.gain 0 -4; auto a 1.b2.gain 1.2 6 curve=step;
    auto b 1.threshold 0.5 -30; auto b 1.threshold 2.0 -10"
[ "$RC" -eq 0 ] || { cat "$T/setup.err"; fail "setup: exit $RC"; }

for r in "whole:" "late:start=0.7"; do
	name=${r%%:*}; opt=${r#*:}
	run_to "$name-2" "$REEL" --config "$CFG" "$P" -c \
	    "render $name-2.wav format=wav32f $opt"
	[ "$RC" -eq 0 ] || { cat "$T/$name-2.err"; fail "$name: exit $RC"; }
	run_to "$name-1" taskset -c 0 "$REEL" --config "$CFG" "$P" -c \
	    "render $name-1.wav format=wav32f $opt"
	[ "$RC" -eq 0 ] || { cat "$T/$name-1.err"; fail "$name: exit $RC"; }
	check "$name: two cores = one core, byte for byte" \
	    cmp -s "$P/renders/$name-1.wav" "$P/renders/$name-2.wav"
done
# Without automation the two render threads take tracks two at a time
# and run a pair's inserts side by side (an EQ pair in SSE2 lanes): mono
# pairs with EQs of as many sections and of different ones, an EQ beside
# a compressor, a stereo pair, a plain track in a pair, an odd track out;
# the plain track is mixed from its ring while the next block is read.
Q="$T/pairs"
for i in 1 2 3 4 5 6 7 8; do
	sox -n -r $RATE -c $((i == 5 || i == 6 ? 2 : 1)) -b 24 "$T/p$i.wav" \
	    synth 2.0 pinknoise synth 2.0 sine mix $((90 * i)) vol 0.5 \
	    2>/dev/null
done
run_to qsetup "$REEL" --config "$CFG" "$Q" -c "import $T/p1.wav track=a;
    import $T/p2.wav track=b; import $T/p3.wav track=c;
    import $T/p4.wav track=d; import $T/p5.wav track=e;
    import $T/p6.wav track=f; import $T/p7.wav track=g;
    import $T/p8.wav track=h at=0.3;
    fx-add a eq; fx-set a 1 b1.type=hp b1.freq=80 b2.type=lp b2.freq=12000;
    fx-add a comp;
    fx-add b eq; fx-set b 1 b1.type=peak b1.freq=700 b1.gain=5 b3.type=highshelf b3.freq=6000 b3.gain=-4;
    fx-add b comp; fx-set b 2 threshold=-30 ratio=6;
    fx-add c eq; fx-set c 1 b1.type=hp b1.freq=150 b1.slope=24 b2.type=peak b2.freq=2000 b2.gain=3;
    fx-add d comp; fx-add d eq; fx-set d 2 b1.type=lp b1.freq=5000;
    fx-add e eq; fx-set e 1 b1.type=lowshelf b1.freq=120 b1.gain=4;
    fx-add f eq; fx-set f 1 b1.type=peak b1.freq=3000 b1.gain=-6;
    fx-add g eq; fx-set g 1 b1.type=hp b1.freq=60"
[ "$RC" -eq 0 ] || { cat "$T/qsetup.err"; fail "pairs setup: exit $RC"; }
run_to pairs-2 "$REEL" --config "$CFG" "$Q" -c "render pairs-2.wav format=wav32f"
[ "$RC" -eq 0 ] || { cat "$T/pairs-2.err"; fail "pairs: exit $RC"; }
run_to pairs-1 taskset -c 0 "$REEL" --config "$CFG" "$Q" -c \
    "render pairs-1.wav format=wav32f"
[ "$RC" -eq 0 ] || { cat "$T/pairs-1.err"; fail "pairs: exit $RC"; }
check "tracks in pairs: two cores = one core, byte for byte" \
    cmp -s "$Q/renders/pairs-1.wav" "$Q/renders/pairs-2.wav"

py "$P/renders/whole-2.wav" <<'PY'
import sys, reellib
x = reellib.read_wav(sys.argv[1])[2]
pk = max(abs(v) for v in x[0] + x[1])
reellib.check(pk > 0.05, 'the render carries signal: peak %.3f' % pk)
reellib.done()
PY
[ $? -eq 0 ] || soft_fail "render is silent"
done_test
