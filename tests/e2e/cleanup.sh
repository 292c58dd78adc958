#!/bin/sh
# cleanup (issue 10, item 7): lists the files in audio/ nothing uses and
# removes them only after a yes (`cleanup yes`, or y to the question
# --plain asks).  Never removed: a file a take names (the clips read
# takes), one only an undo step reaches (a removed track), one only a
# redo step reaches (an undone import), one another file of the project
# names (a version kept beside project.ini).  Removed once nothing does:
# a stray file, and the removed track's file after its undo history is
# gone.
. "$(dirname "$0")/../lib/common.sh"
need sox

for n in a b c d; do
	sox -n -r 48000 -c 1 "$T/$n.wav" synth 0.5 sine 440 2>/dev/null
done
P=$T/song
run_to s0 "$REEL" --config "$CFG" "$P" -c "tempo 480; import $T/a.wav track=a;
    split a 0.2; import $T/b.wav track=b; import $T/d.wav track=d"
[ "$RC" -eq 0 ] || { cat "$T/s0.err"; fail "setup: exit $RC"; }
cp "$T/a.wav" "$P/audio/stray.wav"
run_to l0 "$REEL" --config "$CFG" "$P" -c "cleanup"
if [ "$RC" -eq 0 ] && [ "$(head -n1 "$T/l0.out")" = \
    "unused: audio/stray.wav (0.1 MB)" ] && [ -f "$P/audio/stray.wav" ] &&
    grep -q "cleanup yes removes them" "$T/l0.out"; then
	ok "cleanup in a script lists the stray file and keeps it"
else
	cat "$T/l0.out" "$T/l0.err"; soft_fail "cleanup listing"
fi

# b: only an undo step names it.  c: only a redo step.  d: only a
# "version" beside the project.
mkdir -p "$P/versions/v1"
cp "$P/project.ini" "$P/versions/v1/project.ini"
run_to s1 "$REEL" --config "$CFG" "$P" -c "track-remove b; track-remove d;
    import $T/c.wav track=c; undo"
[ "$RC" -eq 0 ] && [ -f "$P/audio/c-1.wav" ] || {
	cat "$T/s1.err"; fail "remove and undo: exit $RC"; }
run_to l1 "$REEL" --config "$CFG" "$P" -c "cleanup yes"
ls "$P/audio" > "$T/l1.ls"
if [ "$RC" -eq 0 ] && [ "$(tr '\n' ' ' < "$T/l1.ls")" = \
    "a-1.wav b-1.wav c-1.wav d-1.wav " ]; then
	ok "cleanup yes removed only stray.wav; kept a (take, clips), b" \
	    "(undo), c (redo), d (a version)"
else
	cat "$T/l1.out" "$T/l1.err" "$T/l1.ls"; soft_fail "cleanup yes"
fi

# Without the history and the version, b, c and d are unused; --plain
# asks, n keeps them, y removes them.
rm -rf "$P/.reel/undo" "$P/versions"
printf 'cleanup\nn\n' | "$REEL" --plain --config "$CFG" "$P" \
    > "$T/p1.out" 2> "$T/p1.err"
if grep -q '^Remove 3 unused files ([0-9.]* MB)? \[y/n\] $' "$T/p1.out" &&
    [ -f "$P/audio/b-1.wav" ] && [ -f "$P/audio/c-1.wav" ] &&
    [ -f "$P/audio/d-1.wav" ]; then
	ok "--plain asks '$(grep Remove "$T/p1.out")'; n keeps the files"
else
	cat "$T/p1.out" "$T/p1.err"; soft_fail "--plain question, n"
fi
printf 'cleanup\ny\n' | "$REEL" --plain --config "$CFG" "$P" \
    > "$T/p2.out" 2> "$T/p2.err"
if [ "$(ls "$P/audio" | tr '\n' ' ')" = "a-1.wav " ] &&
    grep -q '^removed 3 unused files' "$T/p2.out"; then
	ok "y removes b, c and d; a stays"
else
	cat "$T/p2.out" "$T/p2.err"; ls "$P/audio"; soft_fail "--plain y"
fi
run_to r "$REEL" --config "$CFG" "$P" -c "cleanup please"
grep -q "cleanup: expected yes or list, got 'please'" "$T/r.err" &&
    ok "cleanup refuses other words" || soft_fail "cleanup please"
run_to r "$REEL" --config "$CFG" "$P" -c "render mix.wav; cleanup list"
grep -q "^no unused audio files" "$T/r.out" && [ -f "$P/audio/a-1.wav" ] &&
    ok "after all that the project still renders and uses all it has" ||
    { cat "$T/r.out" "$T/r.err"; soft_fail "final state"; }
done_test
