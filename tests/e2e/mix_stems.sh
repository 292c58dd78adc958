#!/bin/sh
# Stems against Python and soxi.  By strip: the tracks routed to the
# master and the buses (a group bus with a compressor and a look-ahead
# limiter, an aux bus with a reverb fed by a post and a pre-fader send),
# with an EQ, a compressor and a gate on the tracks, are written from
# one run as PROJECT-STEM.wav, and summed they are the wav32f mix within
# 1e-6.  By track: each file is the render with that track alone (solo
# in place: its sends and buses kept).  All the same length; names and
# formats as render's (flac16 gives .flac, 16 bits); bad options and a
# DIR that is a file are refused and leave nothing.  Automation rides
# the mix (a fader ramp on d, an EQ gain stepped on a, a send ramp): the
# stems follow it, cell by cell, as the mix does.  A master limiter's
# look-ahead delays the mix but not the stems, which line up with it.
. "$(dirname "$0")/../lib/common.sh"
need sox soxi python3

RATE=48000
P="$T/song"
sox -n -r $RATE -c 1 -b 24 "$T/a.wav" synth 2 pluck 220 vol 0.7 2>/dev/null
sox -n -r $RATE -c 2 -b 24 "$T/b.wav" synth 2 pinknoise vol 0.4 2>/dev/null
sox -n -r $RATE -c 1 -b 24 "$T/c.wav" synth 2 square 110 vol 0.3 2>/dev/null
sox -n -r $RATE -c 1 -b 24 "$T/d.wav" synth 2 sine 660 vol 0.3 2>/dev/null
run_to setup "$REEL" --config "$CFG" "$P" -c "import $T/a.wav track=a;
    import $T/b.wav track=b at=0.2; import $T/c.wav track=c;
    import $T/d.wav track=d;
    fx-add a eq; fx-set a 1 b1.type=hp b1.freq=120;
    fx-add b comp; fx-set b 1 threshold=-24 ratio=3 attack=3 release=80;
    fx-add c gate; fx-set c 1 threshold=-30;
    bus-add verb; fx-add verb reverb;
    bus-add grp; fx-add grp comp; fx-set grp 1 threshold=-20 ratio=4;
    fx-add grp limit; fx-set grp 2 ceiling=-6 lookahead=3;
    route a grp; route c grp; send a verb -8; send b verb -12 pre;
    gain d -4; pan d -0.5; gain verb -3;
    auto d gain 0.3 -20; auto d gain 1.1 0; auto d gain 70001f -6 curve=step;
    auto a 1.b1.freq 0.2 120; auto a 1.b1.freq 1.0 400 curve=step;
    auto b send.verb 0.4 -30; auto b send.verb 1.3 0;
    render mix.wav format=wav32f;
    stems st format=wav32f"
[ "$RC" -eq 0 ] || { cat "$T/setup.err"; fail "setup: exit $RC"; }

# by strip: the strips that feed the master, nothing else
got=$(cd "$P/renders/st" && ls | tr '\n' ' ')
check "by strip: one file per strip feeding the master ($got)" \
    [ "$got" = "song-b.wav song-d.wav song-grp.wav song-verb.wav " ]
n=$(soxi -s "$P/renders/mix.wav")
for f in "$P"/renders/st/*.wav; do
	[ "$(soxi -s "$f")" = "$n" ] && [ "$(soxi -c "$f")" = 2 ] &&
	    [ "$(soxi -e "$f")" = "Floating Point PCM" ] ||
	    soft_fail "$(basename "$f"): $(soxi -s "$f") frames," \
	    "$(soxi -c "$f") channels, $(soxi -e "$f") (want $n, 2, float)"
done
ok "by strip: every stem $n frames, stereo, 32-bit float"

py "$P/renders/mix.wav" "$P"/renders/st/*.wav <<'EOF'
import sys, reellib
mix = reellib.read_wav(sys.argv[1])[2]
stems = [reellib.read_wav(f)[2] for f in sys.argv[2:]]
worst = 0
for c in range(2):
    for i in range(len(mix[c])):
        worst = max(worst, abs(sum(s[c][i] for s in stems) - mix[c][i]))
quiet = [f for f, s in zip(sys.argv[2:], stems)
         if max(abs(v) for v in s[0]) < 1e-3]
reellib.check(not quiet, 'every stem carries signal (%s silent)' % quiet)
reellib.check(worst < 1e-6, 'the %d stems sum to the mix: worst error '
    '%.2g (max 1e-6)' % (len(stems), worst))
reellib.done()
EOF
[ $? -eq 0 ] || soft_fail "stems by strip against the mix"

# by track: each equals a render with that track soloed
run_to bytrack "$REEL" --config "$CFG" "$P" -c "stems tr by=track format=wav32f;
    solo a; render sa.wav format=wav32f; unsolo a;
    solo b; render sb.wav format=wav32f; unsolo b;
    solo c; render sc.wav format=wav32f; unsolo c;
    solo d; render sd.wav format=wav32f; unsolo d"
[ "$RC" -eq 0 ] || { cat "$T/bytrack.err"; fail "by=track: exit $RC"; }
got=$(cd "$P/renders/tr" && ls | tr '\n' ' ')
check "by track: one file per track ($got)" \
    [ "$got" = "song-a.wav song-b.wav song-c.wav song-d.wav " ]
py "$P/renders" <<'EOF'
import sys, reellib
d = sys.argv[1]
mix = reellib.read_wav(d + '/mix.wav')[2]
for t in 'abcd':
    s = reellib.read_wav('%s/tr/song-%s.wav' % (d, t))[2]
    r = reellib.read_wav('%s/s%s.wav' % (d, t))[2]
    reellib.check(len(s[0]) == len(mix[0]), '%s: %d frames, as the mix'
        % (t, len(s[0])))
    w = max(abs(s[c][i] - r[c][i]) for c in range(2)
            for i in range(len(r[c])))
    pk = max(abs(v) for v in s[0] + s[1])
    reellib.check(w < 1e-6 and pk > 1e-3, 'by track %s = the render with %s '
        'alone: worst %.2g, peak %.3f' % (t, t, w, pk))
reellib.done()
EOF
[ $? -eq 0 ] || soft_fail "stems by track against solo renders"

# formats as render's: flac16 writes .flac at 16 bits
run_to flac "$REEL" --config "$CFG" "$P" -c "stems $T/out format=flac16"
[ "$RC" -eq 0 ] || { cat "$T/flac.err"; fail "flac16: exit $RC"; }
f="$T/out/song-grp.flac"
check "format=flac16: $f is FLAC, 16 bits, $n frames" \
    [ "$(soxi -t "$f" 2>/dev/null) $(soxi -b "$f" 2>/dev/null)" = \
    "flac 16" -a "$(soxi -s "$f" 2>/dev/null)" = "$n" ]

# a mix with no graph at all (faders and pans only): the plain path
run_to plain "$REEL" --config "$CFG" "$T/pl" -c "import $T/a.wav track=a;
    import $T/b.wav track=b; gain a -3; pan a 0.4;
    render mix.wav format=wav32f; stems st format=wav32f;
    fx-add master limit; fx-set master 1 ceiling=0 lookahead=5;
    render lim.wav format=wav32f; stems lim format=wav32f"
[ "$RC" -eq 0 ] || { cat "$T/plain.err"; fail "plain: exit $RC"; }
py "$T/pl/renders/mix.wav" "$T"/pl/renders/st/pl-a.wav \
    "$T"/pl/renders/st/pl-b.wav <<'EOF'
import sys, reellib
mix = reellib.read_wav(sys.argv[1])[2]
st = [reellib.read_wav(f)[2] for f in sys.argv[2:]]
w = max(abs(st[0][c][i] + st[1][c][i] - mix[c][i]) for c in range(2)
        for i in range(len(mix[c])))
reellib.check(w < 1e-6, 'no inserts, no buses: stems a + b = the mix, '
    'worst %.2g' % w)
reellib.done()
EOF
[ $? -eq 0 ] || soft_fail "stems of a plain mix"
# the master's look-ahead (5 ms, never reducing here) delays the mix, not
# the stems: they still line up with it
py "$T/pl/renders/lim.wav" "$T"/pl/renders/lim/pl-a.wav \
    "$T"/pl/renders/lim/pl-b.wav <<'EOF'
import sys, reellib
mix = reellib.read_wav(sys.argv[1])[2]
st = [reellib.read_wav(f)[2] for f in sys.argv[2:]]
w = max(abs(st[0][c][i] + st[1][c][i] - mix[c][i]) for c in range(2)
        for i in range(len(mix[c])))
pk = max(abs(v) for v in mix[0])
reellib.check(w < 1e-6 and pk > 0.05, 'a master limiter with 5 ms '
    'look-ahead: stems a + b line up with the mix, worst %.2g' % w)
reellib.done()
EOF
[ $? -eq 0 ] || soft_fail "stems beside a master look-ahead"

# refusals: nothing written
: > "$T/afile"
for args in "x format=wav12" "x by=bus" "$T/afile"; do
	run_to bad "$REEL" --config "$CFG" "$P" -c "stems $args"
	if [ "$RC" -ne 0 ] && [ "$(wc -l < "$T/bad.err")" -eq 1 ] &&
	    [ ! -e "$P/renders/x" ]; then
		ok "stems $args refused: $(cat "$T/bad.err")"
	else
		soft_fail "stems $args: exit $RC, $(cat "$T/bad.err")"
	fi
done
done_test
