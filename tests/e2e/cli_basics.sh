#!/bin/sh
# The command line: `reel NEWDIR -c info` creates the project and says so;
# info lists rate, length and tracks with inputs, gain, pan, state and
# takes; `info` changes nothing; -c may be repeated and runs in order;
# -f runs a script with comments, blank lines, quotes and ';'; -f - reads
# stdin; a failing command stops the script with exit 1 and nothing after
# it runs; locate takes seconds and m:ss.fff; help lists every command of
# the issue and shows one's usage; -q keeps notes off stderr; --version,
# --help and a fully uncommented --config-example all work.
. "$(dirname "$0")/../lib/common.sh"
need sox soxi

RATE=48000
P="$T/new song"
sox -n -r $RATE -c 2 -b 24 "$T/src.wav" synth 3 sine 440 sine 660 vol 0.5 \
    2>/dev/null
s32raw "$T/src.wav" "$T/in.raw"
file_devices "$T/in.raw" "$T/out.raw"

# A new project.
run_to new "$REEL" --config "$CFG" "$P" -c info
if [ "$RC" -eq 0 ] && grep -q "created new project $P (48000 Hz)" \
    "$T/new.err" && [ -f "$P/project.ini" ] && [ -d "$P/audio" ]; then
	ok "new project: exit 0, '$(cat "$T/new.err")', project.ini and" \
	    "audio/ exist"
else
	sed 's/^/      /' "$T/new.err"; ls -la "$P"
	soft_fail "new project: exit $RC"
fi
grep -q '^rate  *48000 Hz' "$T/new.out" && grep -q '^tracks  *0' "$T/new.out" &&
    grep -q '^length  *0:00.000 (0 frames)' "$T/new.out" &&
    ok "info of an empty project: 48000 Hz, length 0, 0 tracks" ||
    { cat "$T/new.out"; soft_fail "info of an empty project"; }

# A script file: comments, blank lines, quotes, ';', a path with a space.
sox -n -r $RATE -c 1 -b 24 "$T/a take.wav" synth 1.25 sine 220 vol 0.3 \
    2>/dev/null
cat > "$T/script.reel" <<EOF
# set up a song
track-add gtr in=1 role=rhythm   # the guitar
track-add keys in=1,2 ; track-add "vox" in=2

gain gtr -3.5; pan gtr 0.25
gain 'keys' +1.5
pan keys -1
mute vox
import "$T/a take.wav" track=perc at=0:00.500
locate 0:01.500
arm gtr; arm keys
record 0.5
EOF
run_to script reel_file "$P" -f "$T/script.reel"
sed 's/^/      stderr: /' "$T/script.err"
[ "$RC" -eq 0 ] || soft_fail "-f script: exit $RC"
run_to info "$REEL" --config "$CFG" "$P" -c info
sed 's/^/      /' "$T/info.out"
# row NAME ROLE IN CH GAIN PAN STATE TAKES: one line of info, spaces
# squeezed.
row() {
	line=$(grep -E "^ +$1 " "$T/info.out" | tr -s ' ' | sed 's/^ //')
	if [ "$line" = "$*" ]; then ok "info: $line"
	else soft_fail "info: '$line', expected '$*'"; fi
}
row gtr rhythm 1 mono -3.5dB +0.25 armed "1 (active 1)"
row keys none 1,2 stereo +1.5dB -1.00 armed "1 (active 1)"
row vox none 2 mono +0.0dB +0.00 mute 0
row perc none - mono +0.0dB +0.00 - "1 (active 1)"
grep -q '^tracks  *4' "$T/info.out" && ok "info: tracks 4" ||
    soft_fail "info does not say 4 tracks"
# perc ends at 0.5 + 1.25 = 1.75 s; the take at 1.5 s ends at 2.0 s.
grep -q '^length  *0:02.000 (96000 frames)' "$T/info.out" &&
    ok "info: length 0:02.000 (96000 frames)" ||
    soft_fail "info: length is not 0:02.000 (96000 frames)"
r=$(ini_get "$P/project.ini" "take gtr 1" range)
a=$(ini_get "$P/project.ini" "take perc 1" start)
[ "$r" = "72000 96000" ] && [ "$a" = 24000 ] &&
    ok "locate 0:01.500 + record 0.5: range $r; import at=0:00.500:" \
    "start $a" || soft_fail "range '$r' (expected 72000 96000), import" \
    "start '$a' (expected 24000)"
[ "$(ini_get "$P/project.ini" "track gtr" role)" = rhythm ] &&
    ok "role=rhythm kept" || soft_fail "role of gtr is not rhythm"

# info changes nothing.
cp "$P/project.ini" "$T/before.ini"
"$REEL" --config "$CFG" "$P" -c info >/dev/null 2>&1
cmp -s "$T/before.ini" "$P/project.ini" &&
    ok "info leaves project.ini byte-identical" ||
    soft_fail "info changed project.ini"

# A failure stops the script: exit 1, later commands do not run.
printf 'gain gtr -1\nfrobnicate now\ngain gtr -7\n' > "$T/fail.reel"
run_to fail "$REEL" --config "$CFG" "$P" -f "$T/fail.reel"
g=$(ini_get "$P/project.ini" "track gtr" gain)
if [ "$RC" -eq 1 ] && [ "$g" = "-1.00" ] &&
    grep -q "unknown command 'frobnicate'" "$T/fail.err"; then
	ok "-f: a failing command stops the script: exit 1, gain -1.00" \
	    "(the command after it did not run)"
else
	soft_fail "-f failure: exit $RC, gain $g (expected 1, -1.00)"
fi
run_to fail2 "$REEL" --config "$CFG" "$P" -c 'gain gtr -2; pan gtr 5;
    gain gtr -9'
g=$(ini_get "$P/project.ini" "track gtr" gain)
p=$(ini_get "$P/project.ini" "track gtr" pan)
[ "$RC" -eq 1 ] && [ "$g" = "-2.00" ] && [ "$p" = "0.250" ] &&
    ok "-c: the same (exit 1, gain -2.00, pan still 0.250)" ||
    soft_fail "-c failure: exit $RC, gain $g, pan $p"
run_to multi "$REEL" --config "$CFG" "$P" -c 'gain gtr -4' -c 'where' \
    -f "$T/fail.reel" -c 'gain gtr -8'
g=$(ini_get "$P/project.ini" "track gtr" gain)
[ "$RC" -eq 1 ] && [ "$g" = "-1.00" ] &&
    ok "-c/-f repeated run in order and stop at the first failure" ||
    soft_fail "repeated -c/-f: exit $RC, gain $g (expected 1, -1.00)"
printf '# from stdin\ngain gtr -6 ; pan gtr -0.5\n' |
    "$REEL" --config "$CFG" "$P" -f - > "$T/stdin.out" 2>&1
RC=$?
[ "$RC" -eq 0 ] && [ "$(ini_get "$P/project.ini" "track gtr" gain)" = \
    "-6.00" ] && [ "$(ini_get "$P/project.ini" "track gtr" pan)" = \
    "-0.500" ] && ok "-f - reads commands from stdin" ||
    soft_fail "-f -: exit $RC"

# help.
run_to help "$REEL" --config "$CFG" "$P" -c help
missing=""
for c in track-add arm disarm locate record play gain pan mute unmute solo \
    unsolo render info import help; do
	grep -q "^$c " "$T/help.out" || missing="$missing $c"
done
[ "$RC" -eq 0 ] && [ -z "$missing" ] &&
    ok "help lists $(wc -l < "$T/help.out") commands, all of the issue's" \
    "among them" || soft_fail "help: exit $RC, missing:$missing"
run_to help2 "$REEL" --config "$CFG" "$P" -c 'help render'
grep -q '^render \[FILE\] .*format=wav16|wav24|wav32f|flac' "$T/help2.out" &&
    ok "help render: $(head -n 1 "$T/help2.out")" ||
    soft_fail "help render: $(cat "$T/help2.out")"

# -q, --version, --help, --config-example.
run_to quiet "$REEL" --config "$CFG" -q "$T/q" -c info
[ "$RC" -eq 0 ] && [ ! -s "$T/quiet.err" ] && [ -f "$T/q/project.ini" ] &&
    ok "-q: no notes on stderr" || soft_fail "-q: exit $RC, stderr:" \
    "$(cat "$T/quiet.err")"
run_to ver "$REEL" --version
[ "$RC" -eq 0 ] && grep -q '^reel [0-9]' "$T/ver.out" &&
    ok "--version: $(cat "$T/ver.out")" || soft_fail "--version: exit $RC"
run_to hlp "$REEL" --help
[ "$RC" -eq 0 ] && grep -q '^usage: reel' "$T/hlp.out" &&
    ok "--help: usage on stdout, exit 0" || soft_fail "--help: exit $RC"
run_to ex "$REEL" --config-example
sed 's/^#\([a-z][a-z-]* =\)/\1/' "$T/ex.out" > "$T/all.ini"
keys=$(grep -c '^[a-z][a-z-]* =' "$T/all.ini")
run_to exl "$REEL" --config "$T/all.ini" "$T/q" -c info
[ "$RC" -eq 0 ] && [ "$keys" -gt 10 ] && [ ! -s "$T/exl.err" ] &&
    ok "--config-example with all $keys settings uncommented loads" \
    "without a warning" || soft_fail "--config-example uncommented:" \
    "exit $RC, $(cat "$T/exl.err")"
done_test
