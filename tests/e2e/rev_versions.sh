#!/bin/sh
# Mix versions (issue 12): version-save keeps the whole mix and master
# state in versions/vN.ini; version-load puts it back exactly (a render
# after loading is byte-identical to the render made when it was saved,
# after every mix parameter was changed in between); undo of a
# version-load gives the project.ini and the render from before it back
# byte for byte; version-diff names each changed parameter and nothing
# else (a known set of 16 changes, compared line for line); the file is
# plain text with only mix sections and keys.
. "$(dirname "$0")/../lib/common.sh"
need sox cmp

P="$T/song"
sox -n -r 48000 -c 1 -b 24 "$T/m.wav" synth 1.5 pluck 220 vol 0.6 2>/dev/null
sox -n -r 48000 -c 2 -b 24 "$T/s.wav" synth 1.5 pinknoise vol 0.3 \
    2>/dev/null
run_to setup "$REEL" --config "$CFG" -q "$P" -c "
    import '$T/m.wav' track=vox; import '$T/s.wav' track=snare;
    import '$T/m.wav' track=gtr; bus-add verb; bus-add drums;
    fx-add verb reverb; send snare verb -12; route snare drums;
    fx-add vox eq; fx-add master limit; fx-add drums comp;
    gain vox -1.5; pan gtr 0.25; gain verb -1; pan drums -0.1;
    version-save one note='first mix for the band';
    render v1.wav format=wav24"
[ "$RC" -eq 0 ] || { cat "$T/setup.err"; fail "setup: exit $RC"; }
[ -f "$P/versions/v1.ini" ] && ok "version-save wrote versions/v1.ini" ||
    fail "no versions/v1.ini"
# Nothing but mix state in it: no take, no file, no comp.
if grep -q '^\[take\|^file\|^comp-\|^armed\|^inputs' "$P/versions/v1.ini"
then
	soft_fail "v1.ini holds more than the mix"
else
	ok "v1.ini: $(grep -c '^\[' "$P/versions/v1.ini") sections, mix only"
fi
[ "$(ini_get "$P/versions/v1.ini" version note)" = "first mix for the band" ] &&
    ok "the note is in the file" || soft_fail "note missing"

# Every kind of mix parameter changed.
run_to change "$REEL" --config "$CFG" -q "$P" -c "
    gain vox -3; pan vox -0.3; mute snare; solo gtr; send snare verb -9;
    send vox verb -20 pre; route snare master; fx-set master 1 ceiling=-0.5;
    fx-bypass vox 1 on; fx-add snare comp; fx-remove drums 1;
    fx-set vox 1 b2.gain=3 b2.type=peak; gain master -1; gain verb -2;
    pan drums 0.5; bus-add extra; version-save two"
[ "$RC" -eq 0 ] || { cat "$T/change.err"; fail "change: exit $RC"; }
run_to diff "$REEL" --config "$CFG" -q "$P" -c "version-diff 1 2"
cat > "$T/diff.want" <<'EOT'
bus extra: added
master: gain +0.0 dB -> -1.0 dB
verb: gain -1.0 dB -> -2.0 dB
drums: pan left 0.10 -> right 0.50
vox: gain -1.5 dB -> -3.0 dB
vox: pan center -> left 0.30
snare: muted
snare: route drums -> master
snare: send verb -12.0 dB -> -9.0 dB
gtr: soloed
vox: send verb added at -20.0 dB pre
drums: insert 1 (comp) removed
vox: insert 1 (eq) bypassed
vox: insert 1 (eq) b2.type off -> peak
vox: insert 1 (eq) b2.gain 0 -> 3 dB
snare: insert 1 (comp) added
master: insert 1 (limit) ceiling -1 -> -0.5 dB
EOT
if cmp -s "$T/diff.want" "$T/diff.out"; then
	ok "version-diff 1 2: the $(wc -l < "$T/diff.want") changes, each in" \
	    "words, nothing else"
else
	diff "$T/diff.want" "$T/diff.out" | sed 's/^/      /'
	soft_fail "version-diff 1 2 differs from the changes made"
fi
run_to same "$REEL" --config "$CFG" -q "$P" -c "version-diff 2 current"
[ "$(cat "$T/same.out")" = "the mixes are the same" ] &&
    ok "version-diff 2 current: the mixes are the same" ||
    soft_fail "version-diff 2 current: $(cat "$T/same.out")"

run_to v2 "$REEL" --config "$CFG" -q "$P" -c "render v2.wav format=wav24"
cmp -s "$P/renders/v1.wav" "$P/renders/v2.wav" &&
    soft_fail "the changes did not change the render"
cp "$P/project.ini" "$T/before-load.ini"
run_to load "$REEL" --config "$CFG" -q "$P" -c "version-load 1;
    render v1again.wav format=wav24"
[ "$RC" -eq 0 ] || { cat "$T/load.err"; fail "version-load: exit $RC"; }
if cmp -s "$P/renders/v1.wav" "$P/renders/v1again.wav"; then
	ok "version-load 1: the render equals v1's, byte for byte"
else
	soft_fail "version-load 1: the render differs from v1's" \
	    "($(peak_db "$P/renders/v1.wav" "$P/renders/v1again.wav") dB)"
fi
[ "$(ini_get "$P/project.ini" project version)" = 1 ] &&
    ok "project.ini: version = 1" || soft_fail "version not 1 after load"
run_to diffcur "$REEL" --config "$CFG" -q "$P" -c "version-diff 1 current"
[ "$(cat "$T/diffcur.out")" = "the mixes are the same" ] &&
    ok "after loading, version-diff 1 current: the same" ||
    soft_fail "after loading: $(cat "$T/diffcur.out")"
run_to undo "$REEL" --config "$CFG" -q "$P" -c "undo;
    render undone.wav format=wav24"
if cmp -s "$T/before-load.ini" "$P/project.ini" &&
    cmp -s "$P/renders/v2.wav" "$P/renders/undone.wav"; then
	ok "undo of version-load: project.ini and render as before it"
else
	diff "$T/before-load.ini" "$P/project.ini" | head | sed 's/^/      /'
	soft_fail "undo of version-load did not restore the state"
fi
grep -q 'version-load v1 one' "$T/undo.out" "$T/undo.err" &&
    ok "undo names the step: $(cat "$T/undo.out" "$T/undo.err" |
    grep -o 'undo: .*')" || soft_fail "undo did not name the version-load"

run_to versions "$REEL" --config "$CFG" -q "$P" -c "versions"
grep -q '^  v1  .*  one  first mix for the band$' "$T/versions.out" &&
    grep -q '^\* v2  .*  two$' "$T/versions.out" &&
    ok "versions lists both, v2 current" ||
    { cat "$T/versions.out"; soft_fail "versions"; }

# A track added after a version keeps its own mix when the version is
# loaded (minus a send into a bus the version lacks), and the rest of
# the project (takes) is untouched.
run_to newtrack "$REEL" --config "$CFG" -q "$P" -c "
    import '$T/m.wav' track=keys; gain keys -7.25; bus-add late;
    send keys late -6; send keys verb -10; version-load 1"
[ "$RC" -eq 0 ] || { cat "$T/newtrack.err"; fail "newtrack: exit $RC"; }
[ "$(ini_get "$P/project.ini" "track keys" gain)" = -7.25 ] &&
    [ "$(ini_get "$P/project.ini" "track keys" send.verb)" = "-10 post" ] &&
    [ -z "$(ini_get "$P/project.ini" "track keys" send.late)" ] &&
    grep -q '^\[take keys 1\]$' "$P/project.ini" &&
    ok "a track newer than v1 keeps its gain and its send to verb; the" \
    "send to a bus v1 lacks goes" ||
    { sed -n '/\[track keys\]/,/^$/p' "$P/project.ini"
	soft_fail "the newer track's mix after version-load 1"; }

# Errors name the command and the argument, and change nothing.
cp "$P/project.ini" "$T/pre-err.ini"
run_to err1 "$REEL" --config "$CFG" -q "$P" -c "version-load 9"
run_to err2 "$REEL" --config "$CFG" -q "$P" -c "version-diff 1 x"
run_to err3 "$REEL" --config "$CFG" -q "$P" -c "version-save 'bad name'"
grep -q 'version-load: N: no version 9' "$T/err1.err" &&
    grep -q "version-diff: B: expected a version number or current, got 'x'" \
    "$T/err2.err" && grep -q "version-save: NAME: " "$T/err3.err" &&
    cmp -s "$T/pre-err.ini" "$P/project.ini" &&
    ok "errors name the command and argument; nothing changed" ||
    { cat "$T"/err?.err; soft_fail "error messages"; }
done_test
