#!/bin/sh
# Overdubs hear the song, whatever the pass (issue 8, item 1): count-in on
# or off x pre-roll on or off x open-ended or fixed length x starting at
# 0:00 or mid-song, 16 passes.  In each, what the device plays (the ALSA
# file device in FLOAT_LE, after its B frames of prefill) is, float for
# float, `render format=wav32f` of the same timeline range (silence before
# 0:00): every unmuted track is heard for the whole pass, the muted one
# never, nothing fell behind.  The count-in's click goes to outputs 3-4
# (click-out 3) and is checked there; the recorded take is input 2 from
# its first frame.
#
# Open-ended passes are stopped by SIGINT.  The device's playback file is
# a FIFO read by the test, which sends the signal once the pass has rolled
# 1.5 s past the recorded range's start: the freewheeling engine can run
# only as far ahead as the pipe takes, so the length is bounded and every
# run checks the same thing.  (Before the fix, an open-ended pass whose
# count-in or pre-roll began before 0:00 played nothing but the click,
# and on this device ignored the signal: the reader gives up after 20 s.)
. "$(dirname "$0")/../lib/common.sh"
need sox python3

RATE=48000
B=768			# period 256 x 3: the prefill, and the round trip
LEN=2			# seconds of a fixed-length pass
P0="$T/base"
config_write "$CFG" "take-format = wav32f"

# The input: two channels of 24-bit values as floats, 16 s.
py "$T/in.raw" <<'EOF'
import array, random, sys
random.seed(8)
n = 16 * 48000
a = array.array('f', bytes(8 * n))
for i in range(2 * n):
    a[i] = random.randint(-4194304, 4194303) / 8388608.0
open(sys.argv[1], 'wb').write(a.tobytes())
EOF
sox -n -r $RATE -c 1 -b 24 "$T/a.wav" synth 6 sine 220 whitenoise \
    vol 0.4 2>/dev/null
sox -n -r $RATE -c 2 -b 24 "$T/c.wav" synth 5 pinknoise sine 660 \
    vol 0.3 2>/dev/null
sox -n -r $RATE -c 1 -b 24 "$T/m.wav" synth 7 square 100 vol 0.9 \
    2>/dev/null
run_to setup reel_cfg "$P0" -c "tempo 120; import $T/a.wav track=a;
    gain a -3; pan a -0.4; import $T/c.wav track=c at=0.5; gain c -1.5;
    import $T/m.wav track=m; mute m; track-add b in=2; monitor b off;
    arm b; click-out 3"
[ "$RC" -eq 0 ] || { cat "$T/setup.err"; fail "setup: exit $RC"; }
# The reference: the song as render mixes it (render matches sox in
# render_matches_sox.sh), 12 s, past the end of every pass below.
run_to ref reel_cfg "$P0" -c "render ref.wav format=wav32f end=12"
[ "$RC" -eq 0 ] || { cat "$T/ref.err"; fail "render: exit $RC"; }
wav_data "$P0/renders/ref.wav" "$T/ref.raw"
say "song: a (mono, 6 s), c (stereo, 0.5..5.5 s), m (muted, 7 s);" \
    "b armed on input 2, not monitored; tempo 120 (count-in 1 bar = 2 s)"

mkfifo "$T/out.fifo"
cat > "$T/asound.extra" <<EOF
pcm.reelcapf {
	type file
	slave.pcm "null"
	file "/dev/null"
	infile "$T/in.raw"
	format "raw"
}
pcm.reelplayf {
	type file
	slave.pcm "null"
	file "$T/out.fifo"
	format "raw"
}
pcm.reelf {
	type asym
	capture.pcm "reelcapf"
	playback.pcm "reelplayf"
}
EOF
t_alsa_write

# pass CI PR OPEN START: one pass on a fresh copy of the song.
pass() {
	ci=$1; pr=$2; open=$3; at=$4
	name="ci$ci-pr$pr-$([ "$open" = 1 ] && echo open || echo fixed)-at$at"
	P="$T/$name"
	rm -rf "$P"
	cp -R "$P0" "$P"
	cmds="count-in $ci; preroll $([ "$pr" = 1 ] && echo 2.5 || echo 0)"
	if [ "$pr" = 1 ]; then
		end=""
		[ "$open" = 1 ] || end=$(fcalc "$at + $LEN")
		cmds="$cmds; punch $at $end"
	else
		len=""
		[ "$open" = 1 ] || len=$LEN
		cmds="$cmds; locate $at; record $len"
	fi
	# The lead before the recorded range: the longer of the count-in
	# (one 4/4 bar at 120) and the pre-roll (punch only).
	lead=0
	[ "$ci" = 1 ] && lead=96000
	[ "$pr" = 1 ] && [ 120000 -gt $lead ] && lead=120000
	rs=$(( at * RATE - lead ))
	"$REEL" --config "$CFG" --device reelf --sample-format FLOAT_LE "$P" \
	    -c "$cmds" > "$T/$name.out" 2> "$T/$name.err" &
	pid=$!
	T_PIDS="$T_PIDS $pid"
	# The reader: everything the device plays; with an open-ended pass,
	# SIGINT once B + lead + 1.5 s frames have come.
	stop=0
	[ "$open" = 1 ] && stop=$((B + lead + 72000))
	py "$T/out.fifo" "$T/$name.raw" "$pid" "$stop" > "$T/$name.rd" <<'EOF'
import os, signal, sys, time, select
path, out, pid, stop = sys.argv[1], sys.argv[2], int(sys.argv[3]), \
    int(sys.argv[4])
fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
buf, sent, t0, last = bytearray(), 0.0, time.time(), time.time()
while True:
    r, _, _ = select.select([fd], [], [], 0.2)
    now = time.time()
    if r:
        d = os.read(fd, 1 << 16)
        if not d:
            # EOF before a writer came is not the end.
            if len(buf) or now - t0 > 20:
                break
            time.sleep(0.02)
            continue
        buf += d
        last = now
    if stop and not sent and (len(buf) >= 16 * stop or now - last > 20):
        os.kill(pid, signal.SIGINT)
        sent = now
        print('sigint after %d frames' % (len(buf) // 16))
    if now - t0 > 40 or (sent and now - sent > 20):
        print('gave up: no end')
        os.kill(pid, signal.SIGKILL)
        break
open(out, 'wb').write(buf)
print('read %d frames in %.2f s' % (len(buf) // 16, time.time() - t0))
EOF
	wait "$pid"
	rc=$?
	want=0
	[ "$open" = 1 ] && want=130
	if [ "$rc" -ne "$want" ]; then
		sed 's/^/      /' "$T/$name.rd" "$T/$name.err"
		soft_fail "$name: '$cmds' exit $rc, expected $want"
		return
	fi
	if grep -q "fell behind" "$T/$name.err"; then
		soft_fail "$name: $(grep "fell behind" "$T/$name.err")"
	fi
	k=$(sed -n 's/.*recording b, take \([0-9]*\).*/\1/p' "$T/$name.err")
	st=$(ini_get "$P/project.ini" "take b ${k:-1}" start)
	tl=$(ini_get "$P/project.ini" "take b ${k:-1}" length)
	py "$T/$name.raw" "$T/ref.raw" "$T/in.raw" "$P/audio/b-1.wav" \
	    "$name" "$B" "$rs" "$lead" "$open" "$LEN" "${st:-x}" \
	    "${tl:-x}" <<'EOF'
import array, sys
from reellib import check, done, read_wav, ok
(outp, refp, inp, takep, name, B, rs, lead, op, LEN, st, tl) = sys.argv[1:]
B, rs, lead, LEN = int(B), int(rs), int(lead), int(LEN) * 48000
op = op == '1'
out = array.array('f'); out.frombytes(open(outp, 'rb').read())
ref = array.array('f'); ref.frombytes(open(refp, 'rb').read())
n = len(out) // 4 - B          # frames the device played after the prefill
ch, rate, take = read_wav(takep)
tn = len(take[0])              # frames the pass rolled (all captured)
check(n >= tn and n - tn < 256 and tn >= lead + (72000 if op else LEN),
      '%s: the pass rolled %d frames (lead %d), the device played %d '
      'after the prefill (the rest of the last period)' % (name, tn, lead,
                                                             n))
# Expected main outputs: the render at timeline rs + k while the pass
# rolls, silence before 0:00, past the reference and after the pass.
exp = array.array('f', bytes(8 * n))
a, b = max(0, -rs), min(tn, len(ref) // 2 - rs)
if b > a:
    exp[2 * a:2 * b] = ref[2 * (rs + a):2 * (rs + b)]
got = array.array('f', bytes(8 * n))
got[0::2] = out[4 * B + 0::4]
got[1::2] = out[4 * B + 1::4]
heard = sum(1 for i in range(0, 2 * n, 97) if exp[i] != 0.0)
pre = out[:4 * B]
check(not any(pre), '%s: the %d prefill frames are silence' % (name, B))
if got == exp:
    ok('%s: outputs 1-2 = render of %d..%d, float for float (%d frames, '
       '%d of %d probes sound)' % (name, rs, rs + n - 1, n, heard,
                                    (2 * n + 96) // 97))
else:
    i = next(i for i in range(2 * n) if got[i] != exp[i])
    check(False, '%s: outputs 1-2 differ from the render at frame %d '
          '(timeline %d): %r, expected %r' % (name, i // 2, rs + i // 2,
                                               got[i], exp[i]))
check(heard > 0, '%s: the compared range holds sound' % name)
# The click: on outputs 3-4 during the count-in only.
clk = out[4 * B + 2::4]
ci = name.startswith('ci1')
if ci:
    check(any(clk[:lead]) and not any(clk[lead:]),
          '%s: the count-in clicks on output 3 over its %d frames, then '
          'stops' % (name, lead))
else:
    check(not any(clk), '%s: no click without a count-in' % name)
# The take: input 2 from its first frame; it starts B before the roll.
check(st == str(rs - B), '%s: take b starts at %s (roll %d less B)'
      % (name, st, rs))
inp_ = array.array('f'); inp_.frombytes(open(inp, 'rb').read())
want = lead + LEN + B if not op else None
check(tl == str(tn) and tn > lead and (want is None or tn == want),
      '%s: take b holds %d frames (project.ini %s%s)' % (name, tn, tl,
      '' if want is None else ', expected %d' % want))
check(list(inp_[1:2 * tn:2]) == take[0],
      '%s: take b = input 2 frames 0..%d' % (name, tn - 1))
done()
EOF
	[ $? -eq 0 ] || soft_fail "$name"
}

for open in 0 1; do
	for ci in 0 1; do
		for pr in 0 1; do
			for at in 0 3; do
				pass $ci $pr $open $at
			done
		done
	done
done
done_test
