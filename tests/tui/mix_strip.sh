#!/bin/sh
# The Mix screen and the strip editor at 80x24.  A mix built by commands
# (EQ and compressor on kick, a reverb bus fed by a send, a drum group
# bus with a compressor) shows its inserts, sends, routes and bus strips;
# the strip editor is entered by keys, a parameter nudged coarse and fine
# and typed, each landing in project.ini and undone by undo; bypass by
# key; the EQ's drawn response peaks in the column of the band's
# frequency on the log axis and the compressor's curve follows the static
# curve computed here (bending at the threshold); playing a tone through
# the file device, the meters read sox's peak and RMS of the file and
# the compressor's gain reduction reads the static curve's figure.  Then
# ASCII and NO_COLOR.
. "$(dirname "$0")/lib.inc"
need sox
need python3

sox -n -r 48000 -b 24 -c 1 "$T/tone.wav" synth 20 sine 1000 vol -12dB
sox -n -r 48000 -b 32 -e signed-integer -c 2 -t raw "$T/in.raw" trim 0 30
file_devices "$T/in.raw" /dev/null
config_write "$CFG" "freewheel = no"
pk_ref=$(sox "$T/tone.wav" -n stats 2>&1 | awk '/^Pk lev dB/ { print $4 }')
rms_ref=$(sox "$T/tone.wav" -n stats 2>&1 | awk '/^RMS lev dB/ { print $4 }')
say "    sox: the tone peaks at $pk_ref dBFS, RMS $rms_ref dBFS"

reel_cfg "$T/song" -c "track-add kick; track-add tone; track-add bass; \
    track-add vox; import $T/tone.wav track=tone; \
    import $T/tone.wav track=bass; fx-add kick eq; \
    fx-set kick 1 b3.type=peak b3.freq=1000 b3.gain=6 b3.q=1; \
    fx-add kick comp; fx-add bass comp; \
    fx-set bass 1 threshold=-30 ratio=4 knee=0 attack=1 release=50; \
    bus-add verb; fx-add verb reverb; send vox verb -6; \
    bus-add drums; route kick drums; fx-add drums comp" \
    > /dev/null 2>&1 || fail "could not build the mix"
ini="$T/song/project.ini"

# near A B TOL: |A - B| <= TOL
near() {
	awk -v a="$1" -v b="$2" -v t="$3" \
	    'BEGIN { d = a - b; if (d < 0) d = -d; exit !(a != "" && d <= t) }'
}
# The value of KEY in [fx STRIP N] of project.ini.
fxval() {
	awk -v sec="[fx $1 $2]" -v key="$3" '
	    $0 == sec { in_s = 1; next } /^\[/ { in_s = 0 }
	    in_s && $1 == key { print $3 }' "$ini"
}
cursor_row() {
	tui_tmux display-message -p '#{cursor_y}'
}

tui_start -e LC_ALL=C.UTF-8 --device reeltest --sample-format S32_LE \
    --config "$CFG" "$T/song"
check "up at 80x24" tui_wait "STOP" 15
tui_keys 3
check "the mix screen" tui_wait "master"
tui_screen > /dev/null
check "kick's strip lists its inserts (eq, comp)" \
    [ "$(tui_cells 4 0 8 2 | tr -d ' ' | tr '\n' ,)" = "eq,comp," ]
check "kick goes to the drum bus" \
    sh -c "sed -n 10p '$T/screen.txt' | cut -c1-8 | grep -q -- '->drums'"
check "vox sends to the reverb bus at -6 dB, post fader" \
    sh -c "sed -n 8p '$T/screen.txt' | grep -q '>ver -6 '"
check "bass shows its compressor and a gain-reduction readout" \
    sh -c "grep -q 'gr' '$T/screen.txt' && sed -n 5p '$T/screen.txt' |
    grep -q 'comp'"
check "the aux bus strip: verb, aux, its reverb" \
    sh -c "grep -q 'verb *│drums' '$T/screen.txt' &&
    grep -q 'aux *│group' '$T/screen.txt' &&
    grep -q 'reverb *│comp' '$T/screen.txt'"
check "the master has a correlation meter" grep -q "corr" "$T/screen.txt"
check "the cursor sits on the selected strip's name (row 1)" \
    [ "$(cursor_row)" = 1 ]

# The strip editor: Enter on kick's strip, down to b3.gain.
tui_keys Enter
check "Enter opens the strip editor on kick's EQ" \
    tui_wait "insert 1: eq" 5
for i in 1 2 3 4 5 6 7 8 9 10 11 12; do tui_keys j; done
check "b3.gain is selected" tui_wait "b3.gain: band 3 gain" 5
tui_screen > /dev/null
row=$(cursor_row)
check "the cursor sits on b3.gain's row ($row)" \
    sh -c "sed -n $((row + 1))p '$T/screen.txt' | grep -q 'b3.gain'"
tui_keys Right
check "a coarse nudge says so" tui_wait "kick 1 eq b3.gain 7 dB" 5
check "project.ini holds 7" [ "$(fxval kick 1 b3.gain)" = 7 ]
tui_keys L
check "a fine nudge: 7.1" tui_wait "b3.gain 7.1 dB" 5
check "project.ini holds 7.1" [ "$(fxval kick 1 b3.gain)" = 7.1 ]
tui_keys Enter
check "Enter asks for the value" tui_wait ":fx-set kick 1 b3.gain=" 5
tui_type "9.5"
tui_keys Enter
check "the typed value is set" tui_wait "b3.gain 9.5 dB" 5
check "project.ini holds 9.5" [ "$(fxval kick 1 b3.gain)" = 9.5 ]
tui_keys u
check "undo" tui_wait "b3.gain              7.1" 5
check "undo restores 7.1 in project.ini" [ "$(fxval kick 1 b3.gain)" = 7.1 ]

# The EQ's response: the tallest column is the one whose span of the log
# axis (20 Hz..20 kHz over the plot's 36 columns from column 42) holds
# 1 kHz.
tui_screen > /dev/null
set -- $(python3 -c '
import math, sys
rows = open(sys.argv[1], encoding="utf-8").read().split("\n")
lev = {" ": 0, "\u00b7": 0}
for i, c in enumerate("\u2581\u2582\u2583\u2584\u2585\u2586\u2587\u2588"):
    lev[c] = i + 1
x0, w = 42, 36
h = [0] * w
for r in range(4, 18):
    line = rows[r].ljust(80)
    for c in range(w):
        h[c] += lev.get(line[x0 + c], 0)
best = max(range(w), key=lambda c: h[c])
want = int(w * math.log(1000 / 20) / math.log(1000))
print(best, want, h[best], h[0])' "$T/screen.txt")
say "    EQ curve: tallest column $1 (height $3 eighths, $4 at 20 Hz), 1 kHz falls in column $2"
check "the EQ curve peaks in 1 kHz's column" [ "$1" = "$2" ]
check "and stands above its flat part" [ "$3" -gt "$4" ]

# Bypass by key, and back.
tui_keys b
check "b bypasses the EQ" tui_wait "BYPASSED" 5
check "project.ini says bypass = yes" \
    sh -c "awk '/^\[fx kick 1\]/{s=1;next} /^\[/{s=0} s' '$ini' |
    grep -q 'bypass = yes'"
tui_keys b
check "b again puts it back" tui_wait_gone "BYPASSED" 5

# The compressor's curve: each column's height against the static curve
# (threshold -20, ratio 4, no knee) computed here, on -60..0 dBFS.
tui_keys Tab
check "tab: the next insert, kick's comp" tui_wait "insert 2: comp" 5
tui_screen > /dev/null
set -- $(python3 -c '
import sys
rows = open(sys.argv[1], encoding="utf-8").read().split("\n")
lev = {" ": 0}
for i, c in enumerate("\u2581\u2582\u2583\u2584\u2585\u2586\u2587\u2588"):
    lev[c] = i + 1
x0, w, nr = 42, 36, 14
h = [0] * w
for r in range(4, 4 + nr):
    line = rows[r].ljust(80)
    for c in range(w):
        h[c] += lev.get(line[x0 + c], 0)
worst = 0
for c in range(w):
    x = -60 + 60 * (c + 0.5) / w
    y = x if x < -20 else -20 + (x + 20) / 4
    want = (y + 60) / 60 * nr * 8
    worst = max(worst, abs(h[c] - want))
lo = (h[20] - h[5]) / 15.0
hi = (h[35] - h[26]) / 9.0
print("%.2f %.2f %.2f" % (worst, lo, hi))' "$T/screen.txt")
say "    comp curve: worst column off by $1 eighths; slope $2 below the threshold, $3 above (4:1)"
check "the comp curve follows the static curve (within an eighth)" \
    near "$1" 0 1
check "it bends at the threshold: a quarter of the slope above" \
    awk -v a="$2" -v b="$3" 'BEGIN { r = b / a; exit !(r > 0.2 && r < 0.3) }'

# Meters while the tone plays: tone's strip (a plain track) against sox,
# bass's compressor against the static curve: threshold -30, ratio 4, a
# peak detector on a -12 dBFS sine: (1/4 - 1) * (-12 - -30) dB.
tui_keys Escape
check "esc goes back to the mix screen" tui_wait "master" 5
tui_keys Space
check "playing" tui_wait "PLAY" 10
sleep 2
tui_screen > /dev/null
pk=$(tui_cells 10 9 8 | sed 's/^pk *//')
rms=$(tui_cells 11 9 8 | sed 's/^rm *//')
gr=$(tui_cells 12 18 8 | sed 's/^gr *//')
gr_ref=$(awk -v p="$pk_ref" 'BEGIN { printf "%.2f", (1/4 - 1) * (p + 30) }')
say "    tone strip: peak $pk, RMS $rms; bass: gain reduction $gr (formula $gr_ref)"
check "the peak readout is sox's peak ($pk_ref dBFS)" near "$pk" "$pk_ref" 0.3
check "the RMS readout is sox's RMS ($rms_ref dBFS)" near "$rms" "$rms_ref" 0.3
check "the gain reduction is the static curve's within 1 dB" \
    near "$gr" "$gr_ref" 1
# bass's meter reads after its compressor and fader, before its pan: a
# mono strip at the centre reads its level, not 3 dB under it.
brms=$(tui_cells 11 18 8 | sed 's/^rm *//')
brms_ref=$(awk -v r="$rms_ref" -v g="$gr_ref" 'BEGIN { print r + g }')
say "    bass strip: RMS $brms (sox's RMS plus the reduction: $brms_ref)"
check "bass's RMS is the tone's less the reduction, pan law undone" \
    near "$brms" "$brms_ref" 0.5
lit=$(tui_cells 13 15 2 7 | grep -c '█')
check "tone's peak and RMS columns are lit ($lit rows)" [ "$lit" -gt 0 ]
corr=$(sed -n 10p "$T/screen.txt" | sed 's/.*\([-+][0-9]\.[0-9]\)$/\1/')
say "    master correlation: $corr"
check "a mono signal correlates: +1.0" [ "$corr" = "+1.0" ]
tui_keys .
check "stopped" tui_wait "STOP" 10
tui_keys q
tui_wait_exit 10

# ASCII and monochrome: the same screens, nothing but ASCII, the curve
# drawn.
config_write "$CFG" "freewheel = no" "ascii = yes"
tui_start -e LC_ALL=C.UTF-8 -e NO_COLOR=1 --device reeltest \
    --sample-format S32_LE --config "$CFG" "$T/song"
check "up in ASCII" tui_wait "STOP" 15
tui_keys 3
check "the mix screen in ASCII" tui_wait "master" 5
tui_screen > /dev/null
check "the mix screen is plain ASCII" \
    sh -c "! LC_ALL=C grep -q '[^ -~]' '$T/screen.txt'"
check "with its inserts and route" \
    sh -c "grep -q 'comp' '$T/screen.txt' && grep -q -- '->drums' \
    '$T/screen.txt'"
tui_keys Enter
check "the strip editor in ASCII" tui_wait "insert 1: eq" 5
tui_screen > /dev/null
check "the strip editor is plain ASCII" \
    sh -c "! LC_ALL=C grep -q '[^ -~]' '$T/screen.txt'"
check "its curve is drawn with #" \
    sh -c "tail -n +5 '$T/screen.txt' | cut -c43-78 | grep -q '#'"
# a adds an insert at the end (fx-add at the prompt): the editor moves to
# it, what one edits next.
tui_keys a
check "a prompts fx-add kick" tui_wait ":fx-add kick" 5
tui_keys utility Enter
check "the new insert is the one selected" tui_wait "insert 3: utility" 5
check "its first parameter with it" tui_wait "gain:" 5
tui_keys q
tui_wait_exit 10
exit 0
