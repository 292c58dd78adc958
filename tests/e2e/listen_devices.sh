#!/bin/sh
# listen MODE changes the monitor path only: a render of the monitor path
# (render FILE monitor=on) measured with sine tones shows each device's
# band limits (the high- and low-pass frequencies 3 dB +-1.5 under the
# level at 1 kHz, an octave outside them 15 dB or more under), phone and
# mono sum to mono, and the plain render of the same session is the mix
# unchanged; status names the mode.
. "$(dirname "$0")/../lib/common.sh"
need sox

P="$T/song"
FREQS="22.5 25 45 50 125 200 250 400 1000 10000 12000 15000 16000 20000"
files=""
for f in $FREQS; do
	sox -D -n -r 48000 -c 1 -b 24 "$T/t$f.wav" synth 1 sine "$f" gain -12
	files="$files $T/t$f.wav"
done
# The tones on the left only: mono shows as the same on both sides.
sox -D $files "$T/mono.wav"
sox -D -n -r 48000 -c 1 -b 24 "$T/z.wav" trim 0 14
sox -D -M "$T/mono.wav" "$T/z.wav" "$T/tones.wav"
run_to r "$REEL" --config "$CFG" "$P" -c "import $T/tones.wav track=a;
    listen phone; render phone.wav format=wav32f monitor=on;
    render plain.wav format=wav32f;
    listen laptop; render laptop.wav format=wav32f monitor=on;
    listen earbuds; render earbuds.wav format=wav32f monitor=on;
    listen car; render car.wav format=wav32f monitor=on;
    listen mono; render mono.wav format=wav32f monitor=on; status"
[ "$RC" -eq 0 ] || { cat "$T/r.err"; fail "render: exit $RC"; }

# level FILE FREQ [CHANNEL]: RMS dB of the tone's middle half second.
level() {
	i=0
	for f in $FREQS; do
		[ "$f" = "$2" ] && break
		i=$((i + 1))
	done
	sox -D "$1" -n remix "${3:-1}" trim "$i.25" 0.5 stats 2>&1 |
	    awk '/^RMS lev dB/ { print $4; exit }'
}
rel() { fcalc "$(level "$1" "$2" "${3:-1}") - ($(level "$1" 1000 "${3:-1}"))"; }
between() {	# WHAT X LO HI
	if awk -v x="$2" -v lo="$3" -v hi="$4" 'BEGIN { exit !(x >= lo && x <= hi) }'
	then ok "$1: $(printf '%.1f' "$2") dB"
	else soft_fail "$1: $2 dB, want $3..$4"; fi
}
edge() {	# MODE FREQ: -3 +-1.5 dB against 1 kHz
	between "$1 at $2 Hz (band limit)" "$(rel "$P/renders/$1.wav" "$2")" \
	    -4.5 -1.5
}
outside() {	# MODE FREQ: 15 dB or more under 1 kHz
	between "$1 at $2 Hz (outside)" "$(rel "$P/renders/$1.wav" "$2")" \
	    -200 -15
}
edge phone 400; edge phone 10000; outside phone 200; outside phone 20000
edge laptop 250; edge laptop 15000; outside laptop 125
edge earbuds 50; edge earbuds 16000; outside earbuds 25
edge car 12000; outside car 22.5
# Phone and mono: the left-only tones on both sides, 6 dB down.
for m in phone mono; do
	d=$(fcalc "$(level "$P/renders/$m.wav" 1000 2) - ($(level "$P/renders/$m.wav" 1000 1))")
	between "$m: right side against left at 1 kHz" "$d" -0.05 0.05
done
between "mono: 1 kHz against the input" \
    "$(fcalc "$(level "$P/renders/mono.wav" 1000) - ($(level "$T/tones.wav" 1000))")" \
    -6.1 -5.9
# The plain render is the mix: 200 Hz as loud as the input.
between "plain render (monitor off) at 200 Hz against the input" \
    "$(fcalc "$(level "$P/renders/plain.wav" 200) - ($(level "$T/tones.wav" 200))")" \
    -0.05 0.05
grep -qx "listening through mono" "$T/r.out" &&
    ok "status says which listening mode" ||
    soft_fail "status: $(cat "$T/r.out")"
run_to bad "$REEL" --config "$CFG" "$P" -c "listen radio"
grep -q "listen: MODE: expected flat, mono, phone" "$T/bad.err" &&
    ok "listen radio: one line naming the modes" ||
    soft_fail "listen radio: $(cat "$T/bad.err")"
done_test
