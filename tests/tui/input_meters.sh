#!/bin/sh
# Input meters: arming a track meters its input while the transport stands
# still (as a DAW does), at the input's level; disarming leaves no stale
# level behind; the fader and the meter share one labelled dB scale; the
# plain session's `meters` reports the input level too.  The capture is an
# ALSA file device whose infile holds a -12 dBFS sine on input 1 and a
# -30 dBFS one on input 2; levels are checked against sox's own reading.
. "$(dirname "$0")/lib.inc"
need sox

sox -n -r 48000 -b 32 -e signed-integer -c 1 "$T/a.wav" \
    synth 30 sine 1000 vol -12dB
sox -n -r 48000 -b 32 -e signed-integer -c 1 "$T/b.wav" \
    synth 30 sine 440 vol -30dB
sox -M "$T/a.wav" "$T/b.wav" -t raw "$T/in.raw"
file_devices "$T/in.raw" /dev/null
# Paced by the clock while idle (an unpaced file device would idle).
config_write "$CFG" "freewheel = no"

# The reference: sox's peak level of each channel.
ref1=$(sox "$T/a.wav" -n stats 2>&1 | awk '/^Pk lev dB/ { print $4 }')
ref2=$(sox "$T/b.wav" -n stats 2>&1 | awk '/^Pk lev dB/ { print $4 }')
say "    sox: input 1 peaks at $ref1 dBFS, input 2 at $ref2 dBFS"

reel_cfg "$T/song" -c 'track-add bass in=1; track-add keys in=2' \
    2>/dev/null || fail "could not set up the project"

# near A B TOL: |A - B| <= TOL
near() {
	awk -v a="$1" -v b="$2" -v t="$3" \
	    'BEGIN { d = a - b; if (d < 0) d = -d; exit !(a != "" && d <= t) }'
}

tui_start -e LC_ALL=C.UTF-8 --device reeltest --sample-format S32_LE \
    --config "$CFG" "$T/song"
check "up at 80x24" tui_wait "STOP" 15
tui_keys 3
check "the mix screen" tui_wait "master"

# Arm bass (the selected strip) without recording: its input shows.
tui_keys a
check "arming shows the strip's input level" tui_wait "in -1" 5
sleep 0.5
tui_screen > /dev/null
rd=$(tui_cells 10 0 8 | sed 's/^in *//')
say "    bass strip reads: in $rd"
check "the armed strip reads its input at sox's level ($ref1 dBFS)" \
    near "$rd" "$ref1" 0.3
check "the transport stands still (nothing recorded)" \
    sh -c "sed -n 23p '$T/screen.txt' | grep -q '^ STOP'"
check "no take was written" sh -c "! ls '$T/song/audio/'*.wav 2>/dev/null"

# One scale for meter and fader: the meter's top lit row is the row the
# scale labels -12, and the fader at 0 dB sits on the row labelled 0.
set -- $(python3 -c '
import sys
rows = open(sys.argv[1], encoding="utf-8").read().split("\n")
lab12 = lab0 = top = knob = "none"
for r in range(13, 20):
    line = rows[r] if r < len(rows) else ""
    lab = line[2:5].strip()
    if lab == "-12": lab12 = r
    if lab == "0": lab0 = r
    if top == "none" and "\u2588" in line[6:8]: top = r
    if "\u25ac" in line[1:2]: knob = r
print(lab12, top, lab0, knob)' "$T/screen.txt")
lab12=$1; top=$2; lab0=$3; knob=$4
say "    rows: label -12 at $lab12, meter top at $top; label 0 at $lab0, knob at $knob"
check "the meter's top reaches the row labelled -12" \
    [ "$top" != none ] && [ "$top" = "$lab12" ]
check "the fader's 0 dB knob sits on the row labelled 0" \
    [ "$knob" != none ] && [ "$knob" = "$lab0" ]

# The other input on the other strip.
tui_keys l a
check "arming keys shows its input" tui_wait "in -3" 5
sleep 0.5
tui_screen > /dev/null
rd2=$(tui_cells 10 9 8 | sed 's/^in *//')
say "    keys strip reads: in $rd2"
check "keys reads input 2 at sox's level ($ref2 dBFS)" near "$rd2" "$ref2" 0.3

# Disarm bass: no input level and no bar left on its strip, also later.
tui_keys h a
check "disarming removes the input reading" tui_wait_gone "in -1" 5
sleep 1
tui_screen > /dev/null
say "    bass strip after disarm: '$(tui_cells 10 0 8)'"
check "the disarmed strip shows no level" \
    [ "$(tui_cells 10 0 8 | tr -d ' ')" = "pk-" ]
lit=$(tui_cells 13 6 2 7 | grep -c '[█─]')
check "and no cell of its meter is lit ($lit)" [ "$lit" -eq 0 ]
check "keys still meters its input" \
    sh -c "sed -n 11p '$T/screen.txt' | grep -q 'in -3'"
# Recording: the armed strip goes on metering its input.
tui_keys r
check "recording" tui_wait "REC " 10
sleep 0.5
tui_screen > /dev/null
rd3=$(tui_cells 10 9 8 | sed 's/^in *//')
say "    keys strip while recording: in $rd3"
check "while recording, keys reads its input ($ref2 dBFS)" \
    near "$rd3" "$ref2" 0.3
tui_keys .
check "stopped" tui_wait "STOP" 10
tui_keys q
check "quit" tui_wait_exit 10
check "status 0" [ "$TUI_RC" = 0 ]
tui_cleanup_server

# --plain: meters reports an armed track's input, and none once disarmed.
{
	echo "arm bass"
	sleep 1
	echo "meters"
	echo "disarm bass"
	echo "disarm keys"
	sleep 0.3
	echo "meters"
	echo "quit"
} | reel_file --plain "$T/song" > "$T/plain.out" 2> "$T/plain.err"
sed 's/^/    plain: /' "$T/plain.out"
pin=$(grep '^bass ' "$T/plain.out" | head -n 1 |
    sed -n 's/.*input \([-0-9.]*\) dBFS.*/\1/p')
check "plain meters gives bass's input at sox's level ($ref1 dBFS)" \
    near "$pin" "$ref1" 0.3
check "and keys's (armed before) at its level ($ref2 dBFS)" \
    near "$(grep '^keys ' "$T/plain.out" | head -n 1 |
    sed -n 's/.*input \([-0-9.]*\) dBFS.*/\1/p')" "$ref2" 0.3
check "disarmed, meters gives no input level" \
    sh -c "[ \$(grep -c '^bass .*input' '$T/plain.out') -eq 1 ] &&
    [ \$(grep -c '^bass ' '$T/plain.out') -eq 2 ]"
check "plain: no errors" [ ! -s "$T/plain.err" ]
done_test
