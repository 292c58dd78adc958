#!/bin/sh
# Hostile and odd project files (issue 8, item 11): each gives one clear
# error naming the file and line (or key) and changes nothing, or works.
#   - numbers near INT_MAX (a take section, next-take, next-pass): refused
#     on load; at the bound reel begins no take or pass it could not write,
#     and what it writes just below the bound opens again
#   - a line longer than inih's 198 bytes (a long comment ending in
#     "mute = yes" was read as a setting): refused; a long take note
#     (written as continuation lines) comes back whole
#   - more than 256 tracks: refused on load; track-add and import of a new
#     track past 256 refused
#   - control characters from names, notes and project.ini values reach
#     neither stdout nor stderr raw
#   - --config /dev/zero, a FIFO: refused at once (was: out of memory)
#   - a quoted file name with '=' is a file, not an option
. "$(dirname "$0")/../lib/common.sh"
need sox

P="$T/song"
sox -n -r 48000 -c 1 -b 24 "$T/tone.wav" synth 0.2 sine 440 vol 0.5 \
    2>/dev/null
run_to setup "$REEL" --config "$CFG" "$P" -c 'track-add a; track-add b;
    import "'"$T"'/tone.wav" track=a'
[ "$RC" -eq 0 ] || { cat "$T/setup.err"; fail "setup: exit $RC"; }
cp "$P/project.ini" "$T/good.ini"

# expect NAME PATTERN CMD...: CMD exits 1 with one line on stderr matching
# PATTERN (grep -E); project.ini and the project's files unchanged.
expect() {
	name=$1; pat=$2; shift 2
	cp "$P/project.ini" "$T/before.ini"
	ls -a "$P" "$P/audio" > "$T/before.ls"
	run_to e "$@"
	ls -a "$P" "$P/audio" > "$T/after.ls"
	why=""
	[ "$RC" -eq 1 ] || why="$why exit $RC (expected 1);"
	[ "$(wc -l < "$T/e.err")" -eq 1 ] ||
		why="$why $(wc -l < "$T/e.err") lines on stderr;"
	grep -Eq -- "$pat" "$T/e.err" || why="$why message does not match /$pat/;"
	cmp -s "$T/before.ini" "$P/project.ini" || why="$why project.ini changed;"
	cmp -s "$T/before.ls" "$T/after.ls" || why="$why files changed;"
	if [ -z "$why" ]; then
		ok "$name: $(cat "$T/e.err")"
	else
		sed 's/^/      stderr: /' "$T/e.err" | head -n 5
		soft_fail "$name:$why"
	fi
}
# with_ini TEXT: the good project.ini with TEXT appended.
with_ini() {
	cp "$T/good.ini" "$P/project.ini"
	printf '%s\n' "$1" >> "$P/project.ini"
}
# set_key SECTION KEY VALUE: the good project.ini with one value changed.
set_key() {
	awk -v s="[$1]" -v k="$2" -v v="$3" '
	    /^\[/ { in_s = ($0 == s) }
	    in_s && $1 == k { print k " = " v; next }
	    { print }' "$T/good.ini" > "$P/project.ini"
}
info() { "$REEL" --config "$CFG" "$P" -q -c info; }

say "-- numbers near INT_MAX"
with_ini '[take a 2147483647]
file = audio/a-9.wav'
expect "[take a 2147483647]" \
    'project\.ini:[0-9]+: \[take a 2147483647\]: expected a take number' info
set_key "track a" next-take 2147483647
expect "next-take = 2147483647" 'project\.ini:[0-9]+: next-take: expected' info
set_key "project" next-pass 2147483647
expect "next-pass = 2147483647" 'project\.ini:[0-9]+: next-pass: expected' info
with_ini '[take a 99999999999999999999]
file = audio/a-9.wav'
expect "take number past 64 bits" 'project\.ini:[0-9]+: \[take a 9+\]' info

# At the bound: no new take or pass is begun, clearly.
set_key "track a" next-take 1073741824
expect "import at next-take 1073741824" \
    'import: track a has used every take number' \
    "$REEL" --config "$CFG" "$P" -c "import '$T/tone.wav' track=a"
file_devices /dev/zero /dev/null
awk '/^\[track a\]/ { a = 1 } /^\[take/ { a = 0 }
    a && $1 == "next-take" { print "next-take = 1073741824"; next }
    a && $1 == "inputs" { print "inputs = 1"; next }
    a && $1 == "armed" { print "armed = yes"; next } { print }' \
    "$T/good.ini" > "$P/project.ini"
expect "record at next-take 1073741824" \
    'record: track a has used every take number' \
    "$REEL" --config "$CFG" --device reeltest --sample-format S32_LE "$P" \
    -c 'record 0.1'
set_key "project" next-pass 1073741824
expect "import at next-pass 1073741824" \
    'import: the project has used every pass number' \
    "$REEL" --config "$CFG" "$P" -c "import '$T/tone.wav' track=b"
# Just below: the take and the pass are written, and the file opens again.
set_key "track a" next-take 999999999
run_to imp "$REEL" --config "$CFG" "$P" -c "import '$T/tone.wav' track=a"
run_to reopen "$REEL" --config "$CFG" "$P" -c 'takes a'
if [ "$RC" -eq 0 ] && grep -q '999999999  at' "$T/reopen.out" &&
    [ "$(ini_get "$P/project.ini" "track a" next-take)" = 1000000000 ]; then
	ok "take 999999999 written; project.ini opens again (next-take" \
	    "1000000000)"
	expect "next import past the last take number" \
	    'import: track a has used every take number' \
	    "$REEL" --config "$CFG" "$P" -c "import '$T/tone.wav' track=a"
else
	sed 's/^/      /' "$T/imp.err" "$T/reopen.err"
	soft_fail "import at next-take 999999999: exit $RC"
fi

say "-- long lines"
long=$(printf '%0210d' 0)
cp "$T/good.ini" "$P/project.ini"
# inih would take 199 bytes, the comment's first 199, and then read the
# rest, "mute = yes", as a line of its own.
awk -v c="#$(printf '%0198d' 0)mute = yes" \
    '{ print } /^\[track b\]/ { print c }' \
    "$T/good.ini" > "$P/project.ini"
n=$(grep -n '^\[track b\]' "$P/project.ini" | cut -d: -f1)
expect "a 209-byte comment ending in 'mute = yes'" \
    "project\\.ini:$((n + 1)): line too long \\(at most 198 bytes\\)" info
awk -v c="# ${long}" '{ print } /^\[track b\]/ { print c }' \
    "$T/good.ini" > "$P/project.ini"
expect "a 213-byte comment" 'line too long' info
# 198 bytes and its newline are fine.
awk -v c="#$(printf '%0197d' 0)" '{ print } /^\[track b\]/ { print c }' \
    "$T/good.ini" > "$P/project.ini"
run_to l198 info
[ "$RC" -eq 0 ] && ok "a 198-byte comment is read" ||
    soft_fail "a 198-byte line: $(cat "$T/l198.err")"
# A NUL would cut the line short in inih: refused too.
cp "$T/good.ini" "$P/project.ini"
printf 'note = a\000mute = yes\n' > "$T/nul"
awk '{ print } /^\[take a 1\]/ { system("cat '"$T"'/nul") }' "$T/good.ini" \
    > "$P/project.ini"
expect "a NUL byte in a line" 'project\.ini:[0-9]+: NUL byte' info

# A long note (a third of a kilobyte, with what inih treats specially)
# goes out as continuation lines and comes back whole.
cp "$T/good.ini" "$P/project.ini"
note="verse 2; the high note # at 1:02 is late ; keep  the  breath $long end"
run_to note "$REEL" --config "$CFG" "$P" -c "take-note a 1 '$note'"
run_to takes "$REEL" --config "$CFG" "$P" -c 'takes a'
got=$(sed -n 's/.*  note: //p' "$T/takes.out")
maxlen=$(awk '{ if (length($0) > m) m = length($0) } END { print m }' \
    "$P/project.ini")
if [ "$got" = "$note" ] && [ "$maxlen" -le 198 ]; then
	ok "a ${#note}-byte note round-trips (longest line $maxlen bytes)"
else
	say "      got:  $got"
	soft_fail "long note: not the same after reopening (longest line" \
	    "$maxlen)"
fi

say "-- 256 tracks"
cp "$T/good.ini" "$P/project.ini"
i=3
while [ $i -le 256 ]; do
	printf '\n[track t%d]\nchannels = 1\n' $i
	i=$((i + 1))
done >> "$P/project.ini"
cp "$P/project.ini" "$T/256.ini"
run_to t256 info
grep -q '^tracks *256' "$T/t256.out" && ok "256 tracks open" ||
    soft_fail "256 tracks: $(cat "$T/t256.err")"
expect "track-add of a 257th" 'track-add: a project has at most 256 tracks' \
    "$REEL" --config "$CFG" "$P" -c 'track-add extra'
expect "import as a 257th track" \
    'import: track tone: a project has at most 256 tracks' \
    "$REEL" --config "$CFG" "$P" -c "import '$T/tone.wav'"
printf '\n[track t257]\nchannels = 1\n' >> "$P/project.ini"
expect "257 tracks in project.ini" \
    'project\.ini:[0-9]+: \[track t257\]: more than 256 tracks' info
cp "$T/good.ini" "$P/project.ini"

say "-- control characters reach no terminal"
esc=$(printf '\033')
bel=$(printf '\007')
csi=$(printf '\302\233')
# has_ctl FILE: FILE holds ESC, BEL or a C1 CSI.
has_ctl() { grep -q "$esc\|$bel\|$csi" "$1"; }
run_to ctl1 "$REEL" --config "$CFG" "$P" -c "gain 'x${esc}[31mred' 1"
if ! has_ctl "$T/ctl1.err" && grep -q "x\\\\x1b\[31mred" "$T/ctl1.err"; then
	ok "ESC in a track name: $(cat "$T/ctl1.err")"
else
	soft_fail "ESC in a track name reaches stderr raw"
fi
run_to ctl2 "$REEL" --config "$CFG" "$P" -c \
    "take-note a 1 '${esc}]0;pwned${bel} ${csi}2J'; takes a"
if [ "$RC" -eq 0 ] && ! has_ctl "$T/ctl2.out" &&
    grep -q 'note: \\x1b\]0;pwned\\x07 \\u009b2J' "$T/ctl2.out"; then
	ok "an OSC title in a take note: $(grep note "$T/ctl2.out" |
	    sed 's/.*note/note/')"
else
	soft_fail "take note with OSC/CSI reaches stdout raw"
fi
set_key "track a" role "${esc}[2Jx"
run_to ctl3 info
if [ "$RC" -eq 1 ] && ! has_ctl "$T/ctl3.err" &&
    grep -q "role: unknown role '\\\\x1b\[2Jx'" "$T/ctl3.err"; then
	ok "ESC in a project.ini value: $(cat "$T/ctl3.err")"
else
	soft_fail "ESC in a project.ini value reaches stderr raw"
fi
cp "$T/good.ini" "$P/project.ini"

say "-- config files that never end"
for f in /dev/zero fifo; do
	[ "$f" = fifo ] && { f=$T/fifo; mkfifo "$f"; }
	run_to cfg timeout 10 "$REEL" --config "$f" "$P" -c info
	if [ "$RC" -eq 2 ] && grep -q "$f: not a regular file" "$T/cfg.err"
	then
		ok "--config $f: $(cat "$T/cfg.err")"
	else
		sed 's/^/      /' "$T/cfg.err" | head -n 3
		soft_fail "--config $f: exit $RC"
	fi
done

say "-- quoted '='"
mkdir "$T/imp"
cp "$T/tone.wav" "$T/imp/a=b.wav"
run_to q1 "$REEL" --config "$CFG" "$P" -c "import \"$T/imp/a=b.wav\"; takes a_b"
run_to q2 "$REEL" --config "$CFG" "$P" -c \
    "import '$T/imp/a=b.wav' track=c; import $T/imp/a\\=b.wav track=d; info"
if grep -q "imported $T/imp/a=b.wav as a_b take 1" "$T/q1.err" &&
    grep -q "imported $T/imp/a=b.wav as c take 1" "$T/q2.err" &&
    grep -q "imported $T/imp/a=b.wav as d take 1" "$T/q2.err"; then
	ok "import \"imp/a=b.wav\", 'imp/a=b.wav' and imp/a\\=b.wav import" \
	    "the file"
else
	sed 's/^/      /' "$T/q1.err" "$T/q2.err"
	soft_fail "a quoted name with '=' is not imported"
fi
expect "unquoted a=b.wav is an option" "import: unknown option '.*imp/a'" \
    "$REEL" --config "$CFG" "$P" -c "import $T/imp/a=b.wav"

done_test
