#!/bin/sh
# import converts other rates to the project's: a 44.1 kHz file (mono and
# stereo) and a 96 kHz file become 48 kHz takes of the right length whose
# samples match sox's own very-high-quality conversion away from the edges
# (so a 1 kHz sine stays a 1 kHz sine, in time).  Bad files (zero length,
# text, three channels, a WAV cut short, a missing file) get a one-line
# error, exit status 1, and leave project.ini and audio/ as they were.
. "$(dirname "$0")/../lib/common.sh"
need sox soxi

P="$T/song"
run_to new "$REEL" --config "$CFG" "$P" -c info
[ "$RC" -eq 0 ] || { cat "$T/new.err"; fail "creating the project: exit $RC"; }

# good NAME FILE CHANNELS: imports FILE, checks length, rate and samples.
good() {
	name=$1; f=$2; ch=$3
	in_rate=$(soxi -r "$f"); in_n=$(frames "$f")
	want=$(fcalc "int($in_n * 48000 / $in_rate + 0.5)")
	run_to "imp-$name" "$REEL" --config "$CFG" "$P" -c \
	    "import $f track=$name"
	if [ "$RC" -ne 0 ]; then
		cat "$T/imp-$name.err"; soft_fail "$name: exit $RC"; return
	fi
	grep -q "converted from $in_rate Hz" "$T/imp-$name.err" ||
	    soft_fail "$name: no note that it was converted from $in_rate Hz"
	w="$P/$(ini_get "$P/project.ini" "take $name 1" file)"
	n=$(frames "$w"); r=$(soxi -r "$w"); c=$(soxi -c "$w")
	len=$(ini_get "$P/project.ini" "take $name 1" length)
	d=$((n - want)); [ $d -lt 0 ] && d=$((0 - d))
	if [ "$r" -eq 48000 ] && [ "$c" -eq "$ch" ] && [ $d -le 4 ] &&
	    [ "$len" = "$n" ]; then
		ok "$name: $in_n frames at $in_rate Hz -> $n at 48000 Hz" \
		    "(round(n*48000/$in_rate) = $want), $c channel(s)"
	else
		soft_fail "$name: take is $n frames at $r Hz, $c channels," \
		    "project.ini length $len; expected ~$want at 48000, $ch"
	fi
	sox -D "$f" -r 48000 -e signed-integer -b 32 "$T/ref-$name.wav" \
	    rate -v
	dur=$(fcalc "$in_n / $in_rate - 0.1")
	dm=$(sox -D -m -v 1 "$w" -v -1 "$T/ref-$name.wav" -n trim 0.05 \
	    "$dur" stats 2>&1 | awk '/^Pk lev dB/ { print $4 }')
	da=$(peak_db "$w" "$T/ref-$name.wav")
	freq=$(sox "$w" -n remix 1 stat 2>&1 |
	    awk '/Rough/ { print $3 }')
	if db_below "$dm" -100 && [ "$freq" -ge 990 ] &&
	    [ "$freq" -le 1010 ]; then
		ok "$name: vs sox 'rate -v': $dm dBFS peak difference inside" \
		    "(edges: $da dB); rough frequency $freq Hz"
	else
		soft_fail "$name: vs sox 'rate -v': $dm dB inside; rough" \
		    "frequency $freq Hz (expected 1000)"
	fi
}

sox -n -r 44100 -c 1 -b 24 "$T/m44.wav" synth 2 sine 1000 vol 0.5 \
    2>/dev/null
sox -n -r 44100 -c 2 -b 16 "$T/s44.wav" synth 1.3 sine 1000 sine 1000 \
    vol 0.5 2>/dev/null
sox -n -r 96000 -c 1 -b 24 "$T/m96.wav" synth 1.1 sine 1000 vol 0.5 \
    2>/dev/null
good m44 "$T/m44.wav" 1
good s44 "$T/s44.wav" 2
good m96 "$T/m96.wav" 1

# bad DESCRIPTION FILE: must fail cleanly and change nothing.
bad() {
	cp "$P/project.ini" "$T/before.ini"
	ls "$P/audio" > "$T/before.ls"
	run_to bad "$REEL" --config "$CFG" "$P" -c "import $2 track=bad"
	lines=$(wc -l < "$T/bad.err")
	msg=$(head -n 1 "$T/bad.err")
	ls "$P/audio" > "$T/after.ls"
	if [ "$RC" -eq 1 ] && [ "$lines" -eq 1 ] &&
	    cmp -s "$T/before.ini" "$P/project.ini" &&
	    cmp -s "$T/before.ls" "$T/after.ls"; then
		ok "$1: exit 1, '$msg', nothing changed"
	else
		soft_fail "$1: exit $RC, $lines line(s) on stderr" \
		    "('$msg'), project.ini $(cmp -s "$T/before.ini" \
		    "$P/project.ini" && echo same || echo CHANGED)," \
		    "audio/ $(cmp -s "$T/before.ls" "$T/after.ls" &&
		    echo same || echo CHANGED)"
	fi
}
: > "$T/empty.wav"
printf 'this is not audio\n' > "$T/text.wav"
sox -n -r 48000 -c 3 -b 16 "$T/three.wav" synth 0.5 sine 100 2>/dev/null
head -c 30 "$T/m44.wav" > "$T/cut-header.wav"
# A WAV whose header promises 2 s but whose data stops after ~0.5 s.
head -c 70000 "$T/m44.wav" > "$T/cut-data.wav"
bad "zero-length file" "$T/empty.wav"
bad "text file" "$T/text.wav"
bad "3-channel file" "$T/three.wav"
bad "WAV cut inside its header" "$T/cut-header.wav"
bad "WAV cut inside its data (header says 88200 frames)" "$T/cut-data.wav"
bad "missing file" "$T/nosuch.wav"
done_test
