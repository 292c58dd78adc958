#!/bin/sh
# The demo song (`make run`, reel --demo): a short song with a tempo and
# meter, six tracks with roles, a lead comped from three takes, a loop,
# its parts as sections with chords and lyrics (shown at once on the
# Arrangement);
# it renders to a file that is not silent and does not clip (sox), its
# drums keep the tempo the project states (an onset autocorrelation in
# python), it is made the same way every time, and it opens and plays at
# 80x24 on the null device, paced in real time, with moving meters.
. "$(dirname "$0")/lib.inc"
need sox python3

# Made by the release binary when there is one, for a figure of its speed.
mk=$REEL
[ -x "$REEL_RELEASE" ] && mk=$REEL_RELEASE
t0=$(date +%s%N)
"$mk" --demo "$T/demo" -c info > "$T/info.txt" 2> "$T/info.err" ||
	fail "reel --demo failed: $(cat "$T/info.err")"
t1=$(date +%s%N)
say "    made the demo in $(( (t1 - t0) / 1000000 )) ms ($(basename "$mk"))"
sed 's/^/    info: /' "$T/info.txt"
ini=$T/demo/project.ini

check "info states the tempo and meter" grep -q '^tempo  *110 BPM 4/4' \
    "$T/info.txt"
len=$(awk '/^length/ { print $2 }' "$T/info.txt")
secs=$(printf '%s' "$len" | awk -F: '{ print $1 * 60 + $2 }')
check "the song lasts 30 to 40 s ($len)" \
    awk -v s="$secs" 'BEGIN { exit !(s >= 30 && s <= 40) }'
ntr=$(grep -c '^\[track ' "$ini")
check "five or six tracks ($ntr)" [ "$ntr" -ge 5 ] && [ "$ntr" -le 6 ]
roles=$(awk -F' = ' '/^role = / { print $2 }' "$ini" | sort | tr '\n' ' ')
say "    roles: $roles"
for r in drums bass rhythm pad lead harmony; do
	check "a track has the role $r" grep -q "^role = $r\$" "$ini"
done
check "no track is without a role" sh -c "! grep -q '^role = none' '$ini'"

# The comped track: three or more takes, a comp that uses at least three
# of them, each take with a rating and a note.
awk '
    /^\[track / { t = $2; sub(/\]/, "", t) }
    /^\[take / { n[$2]++ }
    /^comp-[0-9]+ = / { used[t " " $5] = 1 }
    END {
	for (k in used) { split(k, a, " "); u[a[1]]++ }
	for (t in n) print t, n[t], u[t] + 0
    }' "$ini" > "$T/takes.txt"
sed 's/^/    takes, comp takes: /' "$T/takes.txt"
comped=$(awk '$2 >= 3 && $3 >= 3 { print $1 }' "$T/takes.txt" | head -n 1)
check "a track has 3 or more takes and a comp across 3 of them" \
    [ -n "$comped" ]
"$REEL" "$T/demo" -c "takes $comped" > "$T/takes.out" 2>&1
sed 's/^/    /' "$T/takes.out"
check "its takes have notes" [ "$(grep -c 'note: ' "$T/takes.out")" -ge 3 ]
check "and the comp has three ranges" \
    [ "$(grep -c '^comp ' "$T/takes.out")" -ge 3 ]
# The parts as sections on the bar grid with chords (bar by bar, as the
# demo's own harmony: C G in the intro) and lyrics.
"$REEL" "$T/demo" -c sections > "$T/sections.out" 2>&1
sed 's/^/    /' "$T/sections.out"
names=$(awk '{ print $1 }' "$T/sections.out" | tr '\n' ' ')
check "the sections are Intro Verse1 Verse2 Chorus Outro ($names)" \
    [ "$names" = "Intro Verse1 Verse2 Chorus Outro " ]
check "the sections cover the 16 bars" grep -q '^Outro  *bar 15, 2 bars' \
    "$T/sections.out"
check "the intro's chords are C G" sh -c "awk '/^\[section Intro\]/ { s = 1 }
    s && /^chords = / { print; exit }' '$ini' | grep -qx 'chords = C G'"
check "three or more sections have lyrics" \
    [ "$(grep -c '^lyrics = ' "$ini")" -ge 3 ]
loop=$(awk -F' = ' '/^loop = / { print $2 }' "$ini")
check "a loop range is set ($loop)" \
    sh -c "set -- $loop; [ \"\$2\" -gt \"\$1\" ]"

# Rendered: music, neither silent nor clipped.
"$REEL" "$T/demo" -c 'render demo.wav' > /dev/null 2>&1 ||
	fail "render failed"
sox "$T/demo/renders/demo.wav" -n stats > "$T/stats.txt" 2>&1
pk=$(awk '/^Pk lev dB/ { print $4 }' "$T/stats.txt")
rms=$(awk '/^RMS lev dB/ { print $4 }' "$T/stats.txt")
say "    render: peak $pk dBFS, RMS $rms dBFS"
check "the render is not silent (RMS $rms dBFS > -30)" \
    awk -v r="$rms" 'BEGIN { exit !(r > -30) }'
check "and does not clip (peak $pk dBFS < -0.1)" \
    awk -v p="$pk" 'BEGIN { exit !(p < -0.1 && p > -12) }'

# The drums keep 110 BPM: the strongest autocorrelation of their onset
# envelope between 0.3 and 1.2 s is the beat (60 / 110 s) or the half
# beat.
sox "$T/demo/audio/drums-1.wav" -t raw -e signed -b 16 -c 1 -r 8000 \
    "$T/drums.raw"
beat=$(python3 - "$T/drums.raw" <<'EOF'
import array, sys
a = array.array("h")
a.frombytes(open(sys.argv[1], "rb").read())
hop = 40                       # 5 ms at 8 kHz
env = [sum(abs(x) for x in a[i:i + hop]) for i in range(0, len(a) - hop, hop)]
# Onsets: the rise of the envelope.
on = [max(0, env[i] - env[i - 1]) for i in range(1, len(env))]
m = sum(on) / len(on)
on = [x - m for x in on]
best, lag = None, 0
for L in range(int(0.3 / 0.005), int(1.2 / 0.005)):
    c = sum(on[i] * on[i + L] for i in range(0, len(on) - L, 2))
    if best is None or c > best:
        best, lag = c, L
print("%.4f" % (lag * 0.005))
EOF
)
say "    drums: strongest period $beat s (a beat at 110 BPM: 0.5455 s)"
check "the drums keep the stated tempo" awk -v b="$beat" 'BEGIN {
    p = 60 / 110; exit !((b > p * 0.97 && b < p * 1.03) ||
    (b > 2 * p * 0.97 && b < 2 * p * 1.03)) }'

# The same every time: a second demo's audio is identical.
"$REEL" --demo "$T/demo2" -c info > /dev/null 2>&1
same=0
for f in "$T"/demo/audio/*.wav; do
	cmp -s "$f" "$T/demo2/audio/$(basename "$f")" && same=$((same + 1))
done
check "a second demo's take files are identical ($same of $(ls "$T"/demo/audio/*.wav | wc -l))" \
    [ "$same" -eq "$(ls "$T"/demo/audio/*.wav | wc -l)" ]

# The TUI at 80x24 on the null device, paced by the clock as make run is
# when there is no sound card.
config_write "$CFG" "freewheel = no"
tui_start -e LC_ALL=C.UTF-8 --device null --config "$CFG" "$T/demo"
check "the demo opens at 80x24" tui_wait "STOP" 15
for tr in drums bass gtr pad lead harmony; do
	check "the arrangement shows $tr" tui_wait " $tr " 2
done
check "the status line shows the bar and beat" tui_wait "1|1"
check "the sections row shows the song's parts" tui_wait "[Intro" 2
check "the prompter shows the sheet" tui_wait "sheet " 2
tui_keys 3
check "the mix screen shows the strips" tui_wait "harmony │" 5
tui_keys Space
check "it plays" tui_wait "PLAY" 10
sleep 0.6
tui_screen > /dev/null
w0=$(date +%s%N)
p0=$(sed -n 23p "$T/screen.txt" | awk '{ print $2 }')
lit=$(tui_cells 5 0 72 15 | grep -o '█' | wc -l)
say "    meter cells lit: $lit"
check "the meters move" [ "$lit" -gt 20 ]
sleep 1
tui_screen > /dev/null
w1=$(date +%s%N)
p1=$(sed -n 23p "$T/screen.txt" | awk '{ print $2 }')
say "    position $p0 then $p1, $(( (w1 - w0) / 1000000 )) ms apart"
# (Playing goes round the loop: a wrap adds the loop's length.)
check "the position moves in real time" awk -v a="$p0" -v b="$p1" \
    -v w="$(( (w1 - w0) / 1000000 ))" -v loop="$loop" \
    -v rate="$(awk -F' = ' '/^rate = / { print $2 }' "$ini")" 'BEGIN {
	split(a, x, ":"); split(b, y, ":"); split(loop, l, " ")
	d = (y[1] * 60 + y[2]) - (x[1] * 60 + x[2])
	if (d < 0)
		d += (l[2] - l[1]) / rate
	exit !(d > 0.2 && d < w / 1000 + 0.5) }'
tui_keys Space
check "it stops" tui_wait "STOP" 10
tui_keys q
check "quit" tui_wait_exit 10
check "status 0" [ "$TUI_RC" = 0 ]
done_test
