#!/bin/sh
# The Arrangement at 80x24 (issue 8, items 5 and 14).  At 120 BPM in 4/4
# (a bar is 2 s, a beat 0.5 s):
#   track v: take 1 (8 s, a sine at -6 dBFS), take 2 (3.317 s, -26 dBFS)
#     comped take 2 over 0..3.317 s, take 1 over 3.317..8 s;
#   track p: a punch: take 1 (8 s), take 2 (2 s at 3 s) over 3..5 s.
# The lanes draw every comp range with its take's number ('|' where two
# meet) and its own waveform, to the end of the song; zoom fit fits the
# 8 s song (not 30 s); the ruler counts bars, each label whole at the
# column of its bar; the playhead does not cover a label; h/l move by a
# beat and H/L by a bar; the loop is bracketed on the ruler; with the
# clock pacing the file device (freewheel = no) the count-in shows on
# the status line and a punch in progress is braced on the ruler.
. "$(dirname "$0")/lib.inc"
need sox python3

sox -n -r 48000 -c 1 -b 24 "$T/a.wav" synth 8 sine 440 vol 0.5
sox -n -r 48000 -c 1 -b 24 "$T/b.wav" synth 3.317 sine 660 vol 0.05
sox -n -r 48000 -c 1 -b 24 "$T/c.wav" synth 2 sine 660 vol 0.05
P=$T/song
run_to setup reel_cfg -q "$P" -c "tempo 120; meter 4/4;
    import $T/a.wav track=v; import $T/b.wav track=v;
    track-add p in=1; import $T/a.wav track=p; import $T/c.wav track=p at=3;
    loop 2|1 3|1; takes v; takes p"
[ "$RC" -eq 0 ] || { cat "$T/setup.err"; fail "setting up: reel exited $RC"; }
sed 's/^/    /' "$T/setup.out"
# 12 s of silence to record from; playback goes nowhere.
head -c 3840000 /dev/zero > "$T/in.raw"
file_devices "$T/in.raw" /dev/null
config_write "$CFG" "freewheel = no"

tui_start -e LC_ALL=C.UTF-8 --device reeltest --sample-format S32_LE \
    --config "$CFG" "$P"
check "the interface comes up" tui_wait "STOP" 15
tui_screen > /dev/null

# Where things should be: zoom fit shows 8 s * 1.04 over 66 columns.
py "$T/screen.txt" > "$T/lanes.txt" <<'EOF'
import reellib
rows = open(sys.argv[1], encoding='utf-8').read().split('\n')
fpc = 384000 * 1.04 / 66
def col(f):
    # the first column whose middle is at or after frame f
    x = 0
    while (x + 0.5) * fpc < f:
        x += 1
    return x
def lane(name):
    for i, r in enumerate(rows):
        if r.startswith(' ' + name + ' '):
            return rows[i][14:80], rows[i + 1][14:80]
    return '', ''
bar, wave = lane('v')
print('    v:      ' + bar)
print('            ' + wave)
b = col(159216)
reellib.check(bar.startswith('2') and bar[b:b + 2] == '|1',
    "v: take 2's number at 0:00, '|1' where take 1 takes over (col %d)" % b)
bar, wave = bar.ljust(66), wave.ljust(66)
last = max(i for i in range(66) if bar[i] != ' ' or wave[i] != ' ')
reellib.check(last >= col(384000) - 1,
    'v is drawn to the end of the song (column %d of 66, 8 s at %d)'
    % (last, col(384000)))
w2 = set(wave[1:b - 1])
w1 = set(wave[b + 1:col(384000) - 1])
print('    take 2 wave cells %s, take 1 %s' % (sorted(w2), sorted(w1)))
reellib.check(len(w2) == 1 and len(w1) == 1 and w2 != w1 and ' ' not in w1,
    "each range has its own take's waveform (quiet take 2, loud take 1)")
bar, wave = lane('p')
print('    p:      ' + bar)
x0, x1 = col(144000), col(240000)
reellib.check(bar.startswith('1') and bar[x0:x0 + 2] == '|2' and
    bar[x1:x1 + 2] == '|1',
    "p: take 1, the punch take 2 from 3 s (col %d), take 1 again from 5 s "
    "(col %d)" % (x0, x1))
# The ruler: bars, each label whole at its bar's column.
ruler = rows[1][14:80]
print('    ruler:  ' + ruler)
reellib.check(rows[1].startswith(' bar|beat'), 'the ruler counts bars')
import re
labels = [(m.start(), int(m.group(1))) for m in
    re.finditer(r'[|\[\]](\d+)', ruler)]
bad = [(x, n) for x, n in labels if int((n - 1) * 96000 / fpc) != x]
reellib.check(labels and not bad and labels[-1][1] >= 4,
    'every bar label stands whole at its bar (%s)' % labels)
# The loop 2|1..3|1 in brackets.
l0 = int(96000 / fpc)
l1 = -(-192000 // fpc) - 1
reellib.check(ruler[l0] == '[' and ruler[int(l1)] == ']',
    'the loop is bracketed on the ruler (columns %d and %d)' % (l0, l1))
reellib.done()
EOF
[ $? -eq 0 ] || { cat "$T/lanes.txt"; fail "the lanes are not what plays"; }
cat "$T/lanes.txt"

check "the playhead at 1|1 leaves the label '|1' whole" \
    [ "$(tui_cells 1 14 2)" = "|1" ]

# h/l a beat, H/L a bar (the status line says where).
tui_keys l
check "l moves the playhead a beat (1|2)" tui_wait "0:00.500  1|2 "
tui_keys L
check "L moves it to the next bar (2|1)" tui_wait "0:02.000  2|1 "
tui_keys L l l
check "L l l: 3|3" tui_wait "0:05.000  3|3 "
tui_keys h
check "h moves back a beat (3|2)" tui_wait "0:04.500  3|2 "
tui_keys H
check "H moves back to the bar's start (3|1)" tui_wait "0:04.000  3|1 "
tui_keys H
check "H again: the bar before (2|1)" tui_wait "0:02.000  2|1 "

# The count-in, in real time: 1 bar (2 s) before 2|1.
tui_keys :
tui_type "loop off; count-in 1; arm p"
tui_keys Enter
check "p is armed" tui_wait "armed" 5
tui_keys r
check "the count-in shows: bar 1 of 1, beat 2" \
    tui_wait "count-in bar 1/1 beat 2" 10
check "then beat 4" tui_wait "count-in bar 1/1 beat 4" 5
check "then the recording runs past 2|1" tui_wait "REC   0:02." 5
tui_keys .
check "stopped" tui_wait "STOP" 10

# A punch in progress is braced on the ruler.
tui_keys :
tui_type "count-in 0; preroll 2; punch 4 6"
tui_keys Enter
check "a punch pass rolls" tui_wait "REC " 5
tui_screen > /dev/null
r=$(tui_cells 1 14 66)
say "    ruler:  $r"
check "the punch 4..6 s shows in braces on the ruler" \
    sh -c "printf '%s' '$r' | grep -q '{.*}'"
check "the punch ends by itself" tui_wait "STOP" 15

tui_keys q
check "q quits" tui_wait_exit 10
check "reel exited with status 0" [ "$TUI_RC" = 0 ]
check "nothing on stderr (sanitizers, stray prints)" \
    sh -c "! grep -q . '$T/tui.err'"
[ -s "$T/tui.err" ] && sed 's/^/    stderr: /' "$T/tui.err" | head -n 20
done_test
