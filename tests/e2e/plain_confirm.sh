#!/bin/sh
# --plain through a pipe (issue 8, item 16): every change is confirmed in
# a short line on stdout, the same text the screen's message line shows
# ("vox gain -3.0 dB", "loop 0:30.000 to 0:45.000", "at 1:23.450", "armed
# vox"), also when the value was already so; undo and redo say what; a
# failed command says only its error;
# quitting while recording asks its own question ("Quit while
# recording? [y/n] "), and the next line answers it.
. "$(dirname "$0")/../lib/common.sh"
need sox soxi

P=$T/song
printf '%s\n' 'track-add vox in=1' 'gain vox -3' 'loop 0:30 0:45' \
    'locate 1:23.45' 'arm vox' 'toggle mute vox' 'undo' 'redo' \
    'nudge pan vox -0.3' 'gain vox frob' 'gain vox -3' 'count-in 1' \
    'tempo 120' 'locate 3|2' 'seek +1' 'track-rename vox lead' \
    'loop off' 'quit' |
    "$REEL" --plain --config "$CFG" "$P" > "$T/a.out" 2> "$T/a.err"
rc=$?
sed 's/^/    out: /' "$T/a.out"
sed 's/^/    err: /' "$T/a.err"
check "status 0" [ "$rc" = 0 ]
cat > "$T/a.want" <<'EOF'
track vox added, mono, input 1
vox gain -3.0 dB
loop 0:30.000 to 0:45.000
at 1:23.450
armed vox
muted vox
undo: mute vox
redo: mute vox
vox pan left 0.30
vox gain -3.0 dB
count-in 1 bar
tempo 120 BPM from bar 1
at 0:04.500 (bar 3|2)
at 0:05.500 (bar 3|4)
track vox renamed lead
loop off
EOF
check "each change confirmed in one short line, in order" \
    cmp -s "$T/a.out" "$T/a.want"
diff "$T/a.want" "$T/a.out" | sed 's/^/    diff: /'
check "a failed command: its error, no confirmation" \
    grep -q "gain: DB: expected a number" "$T/a.err"
check "a failed command is not confirmed (gain vox frob)" \
    [ "$(grep -c 'vox gain' "$T/a.out")" = 2 ]

# Quitting while recording: the question, answered by the next line.
sox -n -r 48000 -c 2 -b 32 -e signed-integer -t raw "$T/in.raw" \
    synth 20 sine 440 vol 0.5
file_devices "$T/in.raw" /dev/null
config_write "$CFG" "freewheel = no"
P=$T/take
"$REEL" -q --config "$CFG" "$P" -c 'track-add lead in=1; arm lead' ||
    fail "cannot create the project"
{
	printf 'record 10\n'
	sleep 1
	printf 'quit\nn\nstatus\nquit\ny\n'
} | "$REEL" --plain --device reeltest --sample-format S32_LE \
    --config "$CFG" "$P" > "$T/q.out" 2> "$T/q.err"
rc=$?
sed 's/^/    out: /' "$T/q.out"
sed 's/^/    err: /' "$T/q.err"
check "status 0" [ "$rc" = 0 ]
check "quit while recording asks, with a prompt of its own" \
    [ "$(grep -c '^Quit while recording? \[y/n\] $' "$T/q.out")" = 2 ]
check "n: still recording" grep -q "still recording" "$T/q.err"
check "and it is (status)" grep -q "^recording at " "$T/q.out"
check "y: the take is kept" grep -q "stopping; the take is kept" "$T/q.err"
check "project.ini: take 1 whole" \
    [ "$(ini_get "$P/project.ini" "take lead 1" state)" = ok ]
take=$P/$(ini_get "$P/project.ini" "take lead 1" file)
say "    take 1: $(soxi -s "$take") frames"
check "with what was recorded until the answer" [ "$(soxi -s "$take")" -gt 0 ]
done_test
