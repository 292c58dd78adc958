#!/bin/sh
# comp over a range where the take has no audio (issue 8, item 6): a track
# with take 1 (8 s, a 440 Hz sine at 0.5) and take 2 (3 s, 660 Hz at 0.5),
# take 1 the whole comp.
#   comp v 2 0:30 0:40  (wholly past take 2's end) is refused: exit 1, an
#       error naming the take and the audio it has, project.ini unchanged;
#   comp v 2 2 6  (partly past it) is clipped to 2..3 s with a note that
#       says so, take 1 plays on from 3 s: the render has no silent gap
#       (RMS over 3.05..5.95 s equals take 1's alone over 0..2 s, not
#       the 0 it was when take 2 was put over 2..6 s).
. "$(dirname "$0")/../lib/common.sh"
need sox python3

sox -n -r 48000 -c 1 -b 24 "$T/a.wav" synth 8 sine 440 vol 0.5
sox -n -r 48000 -c 1 -b 24 "$T/b.wav" synth 3 sine 660 vol 0.5
P=$T/song
run_to setup reel_cfg -q "$P" -c "import $T/a.wav track=v;
    import $T/b.wav track=v; take v 1"
[ "$RC" -eq 0 ] || { cat "$T/setup.err"; fail "setup: reel exited $RC"; }

comps() {
	for i in 1 2 3 4; do
		ini_get "$P/project.ini" "track v" comp-$i
	done | cut -d' ' -f1-3 | tr '\n' ','
}
check "take 1 is the whole comp" [ "$(comps)" = "0 384000 1," ]

cp "$P/project.ini" "$T/before.ini"
run_to past reel_cfg "$P" -c "comp v 2 0:30 0:40"
say "    $(cat "$T/past.err")"
check "comp wholly past the take's end fails (exit $RC)" [ "$RC" -eq 1 ]
check "the error names the take and the audio it has" \
    grep -q "comp: START END: take 2 of v has audio only over 0:00.000..0:03.000, none over 0:30.000..0:40.000" "$T/past.err"
check "project.ini is unchanged" cmp -s "$P/project.ini" "$T/before.ini"

run_to part reel_cfg "$P" -c "comp v 2 2 6"
say "    $(cat "$T/part.err")"
check "comp partly past the take's end succeeds (exit $RC)" [ "$RC" -eq 0 ]
check "a note says it was clipped to the take's audio" \
    grep -q "take 2 of v has audio only over 0:00.000..0:03.000: comped over 0:02.000..0:03.000, not all of 0:02.000..0:06.000" "$T/part.err"
got=$(comps)
say "    comp (start end take): $got"
check "project.ini: take 2 over 2..3 s only, take 1 around it" \
    [ "$got" = "0 96000 1,96000 144000 2,144000 384000 1," ]

run_to render reel_cfg "$P" -c "render r.wav format=wav32f"
[ "$RC" -eq 0 ] || { cat "$T/render.err"; fail "render: reel exited $RC"; }
py "$P/renders/r.wav" <<'EOF'
import math, reellib
ch, rate, x = reellib.read_wav(sys.argv[1])
def rms(a, b):
    s = x[0][int(a * rate):int(b * rate)]
    return math.sqrt(sum(v * v for v in s) / len(s))
# Take 1 alone (0..2 s) is the reference: the same sine, the same pan.
want = rms(0.05, 1.95)
r = rms(3.05, 5.95)
print('    RMS over 3.05..5.95 s: %.4f (over 0.05..1.95 s: %.4f)' % (r, want))
reellib.check(want > 0.1 and abs(r - want) < 0.01 * want,
    'take 1 plays on after take 2 ends: no silent gap')
r = rms(2.05, 2.95)
reellib.check(abs(r - want) < 0.01 * want, 'take 2 plays over 2..3 s')
reellib.done()
EOF
[ $? -eq 0 ] || fail "the render has a gap"

done_test
