#!/bin/sh
# dither=shaped moves the requantisation noise of a 16-bit render out of
# the low and middle frequencies to the top: measured with sox's filters
# on a render of near-silence, the noise below 3 kHz is at least 6 dB
# under TPDF's and above 17 kHz at least 6 dB over it; dither=off leaves
# a signal under half an LSB at digital silence; the shaped output is
# exact 16-bit values (no second dither on top).
. "$(dirname "$0")/../lib/common.sh"
need sox

P="$T/song"
# -110 dBFS 1 kHz: far under one LSB of 16 bits.
sox -D -n -r 48000 -c 2 -b 24 "$T/q.wav" synth 4 sine 1000 gain -110
run_to r "$REEL" --config "$CFG" "$P" -c "import $T/q.wav track=a;
    render tpdf.wav format=wav16 dither=tpdf;
    render shaped.wav format=wav16 dither=shaped;
    render off.wav format=wav16 dither=off"
[ "$RC" -eq 0 ] || { cat "$T/r.err"; fail "render: exit $RC"; }
grep -q "shaped dither" "$T/r.err" ||
    soft_fail "the render does not say it shaped: $(cat "$T/r.err")"
band() {	# FILE FILTER...: RMS dB of the file through sox's filter
	f=$1; shift
	sox -D "$f" -n "$@" stats 2>&1 | awk '/^RMS lev dB/ { print $4; exit }'
}
lt=$(band "$P/renders/tpdf.wav" sinc -3000)
ls=$(band "$P/renders/shaped.wav" sinc -3000)
ht=$(band "$P/renders/tpdf.wav" sinc 17000)
hs=$(band "$P/renders/shaped.wav" sinc 17000)
say "noise below 3 kHz: tpdf $lt dB, shaped $ls dB; above 17 kHz: tpdf" \
    "$ht dB, shaped $hs dB"
if awk -v t="$lt" -v s="$ls" 'BEGIN { exit !(s < t - 6) }'; then
	ok "shaped: low band $(fcalc "$ls - ($lt)") dB against TPDF"
else
	soft_fail "shaped: low band not 6 dB under TPDF ($ls vs $lt)"
fi
if awk -v t="$ht" -v s="$hs" 'BEGIN { exit !(s > t + 6) }'; then
	ok "shaped: high band +$(fcalc "$hs - ($ht)") dB against TPDF"
else
	soft_fail "shaped: high band not 6 dB over TPDF ($hs vs $ht)"
fi
pk=$(peak_of "$P/renders/off.wav")
[ "$pk" = "-inf" ] && ok "dither=off: the -110 dBFS tone rounds to silence" ||
    soft_fail "dither=off: peak $pk"
run_to bad "$REEL" --config "$CFG" "$P" -c "render x.wav dither=pink"
grep -q "render: dither: expected on, off, tpdf or shaped" "$T/bad.err" &&
    ok "dither=pink: one line naming the choices" ||
    soft_fail "dither=pink: $(cat "$T/bad.err")"
done_test
