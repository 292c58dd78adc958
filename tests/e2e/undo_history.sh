#!/bin/sh
# Undo you can see and keep (issue 8, item 9), through -c scripts:
# undo and redo say what they undid or redid, derived from the command
# (with the values before and after where it knows them); the history
# outlives the session (a script of 250 changes, then 200 undos in other
# sessions); it is bounded; a damaged or missing history costs one
# warning and the project opens; undoing a recording never deletes its
# take file, and redo brings the take back; nothing of the history is
# written through a symlink out of the project.
. "$(dirname "$0")/../lib/common.sh"
need sox python3

P=$T/song
U=$P/.reel/undo
gain_of() {
	awk -v t="[track $1]" '$0 == t { a = 1; next } /^\[/ { a = 0 }
	    a && /^gain = / { print $3; exit }' "$P/project.ini"
}
# gain_is TRACK DB: project.ini holds that gain (compared as numbers).
gain_is() {
	awk -v a="$(gain_of "$1")" -v b="$2" 'BEGIN { exit !(a != "" &&
	    a + 0 == b + 0) }'
}
# all 'CMD && CMD ...': for check, several conditions as one.
all() {
	eval "$1"
}

# --- what undo and redo say -------------------------------------------------
run_to a reel_cfg -q "$P" -c 'track-add vox in=1; gain vox -2; gain vox 1;
    undo; redo; track-add keys; undo; redo; pan vox -0.3; loop 0:30 0:45;
    arm vox; toggle mute vox; undo; undo; undo; undo'
sed 's/^/    out: /' "$T/a.out"
check "the script succeeds" [ "$RC" = 0 ]
check "nothing on stderr" [ ! -s "$T/a.err" ]
cat > "$T/a.want" <<'EOF'
undo: gain vox -2.0 dB -> +1.0 dB
redo: gain vox -2.0 dB -> +1.0 dB
undo: track-add keys
redo: track-add keys
undo: mute vox
undo: arm vox
undo: loop off -> 0:30.000 to 0:45.000
undo: pan vox center -> left 0.30
EOF
check "undo and redo say what they undid and redid, with the values" \
    cmp -s "$T/a.out" "$T/a.want"
check "project.ini: the gain the redo set, the pan undone" all \
    'gain_is vox 1 && [ "$(ini_get "$P/project.ini" "track vox" pan)" = 0.000 ]' 
check "a change that changes nothing is no step (gain vox 1 again)" \
    sh -c "'$REEL' -q '$P' -c 'gain vox 1; undo' | grep -qx 'undo: track-add keys'"
"$REEL" -q "$P" -c 'redo' > /dev/null

# --- a recording: undo takes the take out, its file stays --------------------
sox -n -r 48000 -c 2 -b 32 -e signed-integer -t raw "$T/in.raw" \
    synth 3 sine 440 vol 0.5
file_devices "$T/in.raw" "$T/out.raw"
run_to r reel_file -q "$P" -c 'arm vox; record 1'
check "record 1 on the file device" [ "$RC" = 0 ]
take=$P/$(ini_get "$P/project.ini" "take vox 1" file)
md5=$(md5sum < "$take")
run_to u reel_cfg -q "$P" -c 'undo'
check "undo says which take it takes out" grep -qx "undo: record vox take 1" \
    "$T/u.out"
check "project.ini: no take 1" sh -c "! grep -q '^\[take vox 1\]' '$P/project.ini'"
check "the take file is still there, unchanged" all \
    '[ -f "$take" ] && [ "$(md5sum < "$take")" = "$md5" ]' 
run_to u reel_cfg -q "$P" -c 'redo'
check "redo (another session) brings the take back" \
    grep -qx "redo: record vox take 1" "$T/u.out"
check "project.ini: take 1 again, on the same file" \
    [ "$P/$(ini_get "$P/project.ini" "take vox 1" file)" = "$take" ]

# --- 250 changes in one session, undone in others ------------------------------
rm -rf "$P"
reel_cfg -q "$P" -c 'track-add a in=1' || fail "cannot create a project"
awk 'BEGIN { for (i = 1; i <= 250; i++) printf "gain a -%g\n", i / 2 }' \
    > "$T/script"
run_to s reel_cfg -q "$P" -f "$T/script"
check "a script of 250 gain changes" [ "$RC" = 0 ]
check "scripts leave every change on disk: gain -125" gain_is a -125
n=$(ls "$U" | grep -c '^u-.*\.step$')
bytes=$(du -sk "$U" | cut -f1)
say "    $U: $n undo steps, $bytes KiB"
check "the history is bounded: 200 steps kept of 251" [ "$n" = 200 ]
# 120 undos in one session, 80 in another, then nothing left.
run_to u1 reel_cfg -q "$P" -c "$(awk 'BEGIN { for (i = 0; i < 120; i++)
    printf "undo; " }')"
check "120 undos in a new session" [ "$RC" = 0 ]
check "the first says what the last change was" \
    [ "$(head -n 1 "$T/u1.out")" = "undo: gain a -124.5 dB -> -125.0 dB" ]
check "the 120th goes back to gain -65" all \
    '[ "$(tail -n 1 "$T/u1.out")" = "undo: gain a -65.0 dB -> -65.5 dB" ] &&
    gain_is a -65' 
run_to u2 reel_cfg -q "$P" -c "$(awk 'BEGIN { for (i = 0; i < 80; i++)
    printf "undo; " }')"
check "80 more in a third session reach gain -25" all \
    '[ "$RC" = 0 ] && gain_is a -25 &&
    [ "$(tail -n 1 "$T/u2.out")" = "undo: gain a -25.0 dB -> -25.5 dB" ]' 
run_to u3 reel_cfg -q "$P" -c 'undo'
check "then nothing is left to undo (the oldest 51 steps were dropped)" \
    all '[ "$RC" = 1 ] && grep -q "undo: nothing to undo" "$T/u3.err"' 
run_to r1 reel_cfg -q "$P" -c 'redo; redo'
check "redo outlives the sessions too" all '[ "$RC" = 0 ] &&
    [ "$(sed -n 2p "$T/r1.out")" = "redo: gain a -25.5 dB -> -26.0 dB" ] &&
    gain_is a -26' 

# --- a damaged or missing history -------------------------------------------
reel_cfg -q "$P" -c 'gain a -1; gain a -2; gain a -3; gain a -4' ||
    fail "gain changes"
files=$(ls "$U" | grep '^u-' | sort -t- -k2 -n | tail -n 3)
f1=$(echo "$files" | sed -n 1p); f2=$(echo "$files" | sed -n 2p)
printf 'garbage\n' > "$U/$f1"
head -c 100 "$U/$f2" > "$T/cut" && mv "$T/cut" "$U/$f2"
cp "$P/project.ini" "$T/before.ini"
run_to d reel_cfg "$P" -c 'info'
sed 's/^/    err: /' "$T/d.err"
check "a damaged history: the project opens" [ "$RC" = 0 ]
check "with one warning" all '[ "$(grep -c "undo history" "$T/d.err")" = 1 ] &&
    grep -q "2 damaged steps dropped" "$T/d.err"' 
check "project.ini unchanged" cmp -s "$P/project.ini" "$T/before.ini"
run_to d2 reel_cfg "$P" -c 'undo'
check "undo goes on with the steps that are whole, without a warning" \
    all '[ "$RC" = 0 ] && grep -qx "undo: gain a -3.0 dB -> -4.0 dB" "$T/d2.out" &&
    ! grep -q "undo history" "$T/d2.err"' 
# A step whose file is whole but whose text is no project: the history is
# read as a project only when undone, so undo finds it then.
reel_cfg -q "$P" -c 'gain a -7; gain a -8' || fail "more gain changes"
last=$(ls "$U" | grep '^u-' | sort -t- -k2 -n | tail -n 1)
body='[project]
format = 999
'
printf 'reel undo step 1\ndesc = gain a -7.0 dB -> -8.0 dB\nbytes = %d\n%s' \
    "${#body}" "$body" > "$U/$last"
cp "$P/project.ini" "$T/before2.ini"
run_to d3 reel_cfg "$P" -c 'undo'
sed 's/^/    err: /' "$T/d3.err"
check "a step that is no project: undo says so in one line" all \
    '[ "$RC" = 1 ] && [ "$(wc -l < "$T/d3.err")" = 1 ] &&
    grep -q "undo: the step \"gain a -7.0 dB -> -8.0 dB\" is damaged" "$T/d3.err" &&
    grep -q "dropped and nothing changed" "$T/d3.err"'
check "and changes nothing" cmp -s "$P/project.ini" "$T/before2.ini"
run_to d4 reel_cfg "$P" -c 'undo'
check "the next undo takes the step before it" all '[ "$RC" = 0 ] &&
    grep -qx "undo: gain a -3.0 dB -> -7.0 dB" "$T/d4.out" && gain_is a -3'

rm -rf "$P/.reel"
run_to m reel_cfg "$P" -c 'info'
check "a missing history: the project opens without a word" \
    all '[ "$RC" = 0 ] && [ ! -s "$T/m.err" ]' 
run_to m2 reel_cfg "$P" -c 'undo'
check "and there is nothing to undo" all '[ "$RC" = 1 ] &&
    grep -q "nothing to undo" "$T/m2.err"' 
printf 'not a directory\n' > "$P/.reel"
run_to m3 reel_cfg -q "$P" -c 'gain a -3'
check "a history that cannot be written: the change is still saved" \
    all '[ "$RC" = 0 ] && gain_is a -3' 
rm -f "$P/.reel"

# --- a history that would lead out of the project -------------------------------
mkdir "$T/outside"
ln -s "$T/outside" "$P/.reel"
run_to l reel_cfg "$P" -c 'gain a -4'
check "a .reel that is a symlink out: the change is saved" \
    all '[ "$RC" = 0 ] && gain_is a -4'
check "nothing is written through the symlink" [ -z "$(ls -A "$T/outside")" ]
check "one note says the history is not kept" \
    [ "$(grep -c 'undo history' "$T/l.err")" = 1 ]
rm "$P/.reel"
mkdir -p "$U"
printf 'keep me\n' > "$T/victim"
ln -s "$T/victim" "$U/u-1.step.tmp"
ln -s "$T/victim" "$U/u-1.step"
run_to v reel_cfg -q "$P" -c 'gain a -5'
check "symlinks planted as step files: nothing written through them" \
    all '[ "$RC" = 0 ] && [ "$(cat "$T/victim")" = "keep me" ] &&
    [ -f "$U/u-1.step" ] && [ ! -L "$U/u-1.step" ]'
run_to v2 reel_cfg -q "$P" -c 'undo'
check "and the step written in their place undoes" \
    grep -qx "undo: gain a -4.0 dB -> -5.0 dB" "$T/v2.out"
done_test
