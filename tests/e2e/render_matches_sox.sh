#!/bin/sh
# render equals a mix computed independently by sox: gain in dB, the
# constant-power pan law on mono tracks, balance on stereo tracks, a take
# placed later on the timeline; mute and solo as a console does them;
# wav16 without dither within 1 LSB of the exact mix, with TPDF dither at
# most 1 LSB away from that and not equal; FLAC holds the wav24 samples.
. "$(dirname "$0")/../lib/common.sh"
need sox soxi

RATE=48000
P="$T/song"
# Three sources: two mono (one placed at 0.25 s), one stereo.
sox -n -r $RATE -c 1 -b 24 "$T/a.wav" synth 2 sine 220 vol 0.3 2>/dev/null
sox -n -r $RATE -c 1 -b 24 "$T/b.wav" synth 1.5 sine 550 vol 0.25 \
    2>/dev/null
sox -n -r $RATE -c 2 -b 24 "$T/c.wav" synth 1.9 sine 330 sine 440 \
    vol 0.3 2>/dev/null
GA=-3; PA=-0.5; GB=2; PB=0.7; GC=-6; PC=-0.4; AT_B=12000
say "tracks: a mono gain $GA pan $PA; b mono gain $GB pan $PB at" \
    "${AT_B} frames; c stereo gain $GC balance $PC"

run_to imp "$REEL" --config "$CFG" "$P" -c "import $T/a.wav track=a;
    import $T/b.wav track=b at=0.25; import $T/c.wav track=c;
    gain a $GA; pan a $PA; gain b $GB; pan b $PB; gain c $GC; pan c $PC"
[ "$RC" -eq 0 ] || { cat "$T/imp.err"; fail "import and settings: exit $RC"; }
ok "imported 3 files and set gains and pans"

# The reference: each track alone, then sox -m.  32-bit integer files
# (sox works at that resolution), no dither anywhere.
mono() {	# IN GAIN PAN OUT [pad frames]
	l=$(fcalc "cos(($3 + 1) * pi / 4)"); r=$(fcalc "sin(($3 + 1) * pi / 4)")
	sox -D "$1" -e signed-integer -b 32 "$4" remix -m 1v"$l" 1v"$r" \
	    vol "$2" dB ${5:+pad ${5}s}
}
stereo() {	# IN GAIN BALANCE OUT
	l=$(fcalc "$3 > 0 ? cos($3 * pi / 2) : 1")
	r=$(fcalc "$3 < 0 ? cos(-($3) * pi / 2) : 1")
	sox -D "$1" -e signed-integer -b 32 "$4" remix -m 1v"$l" 2v"$r" \
	    vol "$2" dB
}
mono "$T/a.wav" $GA $PA "$T/ra.wav"
mono "$T/b.wav" $GB $PB "$T/rb.wav" $AT_B
stereo "$T/c.wav" $GC $PC "$T/rc.wav"
# mix OUT FILES...: the sum, as 32-bit float.
mix() {
	o=$1; shift
	if [ $# -eq 1 ]; then
		sox -D "$1" -e floating-point -b 32 "$o"
		return
	fi
	args=""
	for f in "$@"; do args="$args -v 1 $f"; done
	sox -D -m $args -e floating-point -b 32 "$o"
}
mix "$T/ref.wav" "$T/ra.wav" "$T/rb.wav" "$T/rc.wav"
LEN=$(frames "$T/ref.wav")

# compare NAME RENDER REF LIMIT_DB
compare() {
	n=$(frames "$2"); c=$(soxi -c "$2"); r=$(soxi -r "$2")
	if [ "$n" -ne "$LEN" ] || [ "$c" -ne 2 ] || [ "$r" -ne $RATE ]; then
		soft_fail "$1: $n frames, $c channels, $r Hz; expected $LEN," \
		    "2, $RATE"
		return
	fi
	d=$(peak_db "$2" "$3")
	if db_below "$d" "$4"; then
		ok "$1: $n frames; peak of (render - sox mix) $d dBFS" \
		    "(limit $4; signal peak $(peak_of "$3") dB)"
	else
		soft_fail "$1: render - sox mix peaks at $d dBFS (limit $4)"
	fi
}

# render NAME ARGS: renders to renders/NAME with the given commands first.
render() {
	n=$1; shift
	run_to "r-$n" "$REEL" --config "$CFG" "$P" -c "$*"
	[ "$RC" -eq 0 ] || { cat "$T/r-$n.err"; soft_fail "$n: exit $RC"; }
}

render full "render full.wav format=wav32f"
compare "wav32f, all three" "$P/renders/full.wav" "$T/ref.wav" -120

# Mute and solo.
mix "$T/ref-ac.wav" "$T/ra.wav" "$T/rc.wav"
render mute "mute b; render mute.wav format=wav32f; unmute b"
sox -D "$T/ref-ac.wav" "$T/ref-ac2.wav" pad 0 $((LEN - $(frames \
    "$T/ref-ac.wav")))s
compare "b muted: a + c" "$P/renders/mute.wav" "$T/ref-ac2.wav" -120
render solo "solo a; render solo.wav format=wav32f"
sox -D "$T/ra.wav" -e floating-point -b 32 "$T/ref-a.wav" pad 0 \
    $((LEN - $(frames "$T/ra.wav")))s
compare "a soloed: a alone" "$P/renders/solo.wav" "$T/ref-a.wav" -120
render solo2 "solo c; render solo2.wav format=wav32f"
mix "$T/ref-ac3.wav" "$T/ra.wav" "$T/rc.wav"
sox -D "$T/ref-ac3.wav" "$T/ref-ac4.wav" pad 0 $((LEN - $(frames \
    "$T/ref-ac3.wav")))s
compare "a and c soloed: a + c" "$P/renders/solo2.wav" "$T/ref-ac4.wav" -120
render solomute "unsolo c; mute a; render solomute.wav format=wav32f;
    unmute a; unsolo a"
pk=$(peak_of "$P/renders/solomute.wav")
if [ "$pk" = "-inf" ] && [ "$(frames "$P/renders/solomute.wav")" -eq $LEN ]
then
	ok "a soloed and muted: $LEN frames of silence (mute wins, the" \
	    "others are soloed out)"
else
	soft_fail "a soloed and muted: peak $pk dB, expected silence"
fi
render solomute2 "solo a; solo c; mute a; render solomute2.wav format=wav32f;
    unmute a; unsolo a; unsolo c"
sox -D "$T/rc.wav" -e floating-point -b 32 "$T/ref-c.wav" pad 0 \
    $((LEN - $(frames "$T/rc.wav")))s
compare "a and c soloed, a muted: c alone" "$P/renders/solomute2.wav" \
    "$T/ref-c.wav" -120
grep -q '^solo = yes\|^mute = yes' "$P/project.ini" &&
    soft_fail "mute/solo left set in project.ini"

# 16 bits: within 1 LSB of the exact mix without dither; TPDF dither moves
# samples by at most 1 LSB, and some of them.
render w16 "render w16.wav format=wav16 dither=off;
    render w16d.wav format=wav16; render w16on.wav format=wav16 dither=on"
LSB=-90.30	# 20 log10(1/32768) = -90.309
compare "wav16, dither=off" "$P/renders/w16.wav" "$T/ref.wav" $LSB
wav_data "$P/renders/w16.wav" "$T/w16.raw"
wav_data "$P/renders/w16d.wav" "$T/w16d.raw"
set -- $(rawdiff d2 "$T/w16.raw" "$T/w16d.raw")
frac=$(fcalc "$2 / $3")
if [ "$1" -le 1 ] && [ "$2" -gt 0 ] &&
    awk -v f="$frac" 'BEGIN { exit !(f > 0.15 && f < 0.6) }'; then
	ok "wav16 with dither (default): $2 of $3 samples differ from" \
	    "dither=off (fraction $frac), by at most $1 LSB"
else
	soft_fail "wav16 with dither: $2 of $3 samples differ, max $1 LSB" \
	    "(expected 1 LSB at most, a fraction near 1/3)"
fi
d=$(peak_db "$P/renders/w16d.wav" "$T/ref.wav")
if db_below "$d" -86.7; then	# 1.5 LSB
	ok "wav16 with dither: within 1.5 LSB of the exact mix ($d dBFS)"
else
	soft_fail "wav16 with dither: $d dBFS from the exact mix"
fi
if cmp -s "$P/renders/w16d.wav" "$P/renders/w16on.wav"; then
	ok "dither=on is the default for wav16 (identical files)"
else
	soft_fail "dither=on and the default give different wav16 files"
fi

# FLAC: what sox reads is the wav24 render, sample for sample.
render flac "render m24.wav format=wav24; render m.flac format=flac"
if [ -f "$P/renders/m.flac" ]; then
	bits=$(soxi -b "$P/renders/m.flac")
	s32raw "$P/renders/m24.wav" "$T/m24.raw"
	s32raw "$P/renders/m.flac" "$T/mflac.raw"
	if [ "$bits" -eq 24 ] && rawcmp "$T/mflac.raw" "$T/m24.raw" 8; then
		ok "flac: 24-bit, $(frames "$P/renders/m.flac") frames," \
		    "identical samples to wav24"
	else
		soft_fail "flac ($bits bits) differs from the wav24 render"
	fi
	compare "wav24" "$P/renders/m24.wav" "$T/ref.wav" -132
fi
done_test
