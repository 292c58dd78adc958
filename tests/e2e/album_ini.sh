#!/bin/sh
# album.ini through the commands: album-add/move/remove/gain, the
# metadata commands (meta, album-meta, gap, crossfade, index, side) write
# exactly the expected file (relative paths, one fact per line, stable
# order), which reads back and saves unchanged; SONG by number or name;
# undo and redo of album changes give the files before and after byte for
# byte; bad ISRCs and UPCs (and other bad values) are refused in one line
# naming the command and the song, album.ini unchanged (cmp); an album
# session says in one line that a command needs a song project; a second
# reel cannot open an album another has open.
. "$(dirname "$0")/../lib/common.sh"
need sox cmp

mk() {	# NAME RATE: a 2 s song project at RATE
	printf 'rate = %s\n' "$2" > "$T/c$2.ini"
	sox -D -n -r "$2" -c 2 -b 24 "$T/$1.wav" synth 2 sine 440 gain -20
	run_to mk "$REEL" -q --config "$T/c$2.ini" "$T/songs/$1" \
	    -c "import $T/$1.wav track=a"
	[ "$RC" -eq 0 ] || { cat "$T/mk.err"; fail "song $1: exit $RC"; }
}
mkdir -p "$T/songs"
mk One 48000
mk Two 48000
mk Three 44100
A="$T/work/alb"
mkdir -p "$T/work"
al() {	# NAME CMDS: runs an album session's script
	_n=$1; shift
	run_to "$_n" reel_cfg --album "$A" -c "$*"
}

al add "album-add $T/songs/One; album-add $T/songs/Two;
    album-add $T/songs/Three; album-gain 2 -1.5; album-gain Three 0.25;
    album-move 3 1; album-remove One"
[ "$RC" -eq 0 ] || { cat "$T/add.err"; fail "add: exit $RC"; }
grep -q "Three is at 44100 Hz: converted to the album's 48000 Hz" \
    "$T/add.err" && ok "a song at another rate is added with a note" ||
    soft_fail "no note of the rate: $(cat "$T/add.err")"
cat > "$T/want1.ini" <<'EOF'
# reel album: one fact per line, stable order.
[album]
format = 1
rate = 48000

[song 1]
project = ../../songs/Three
gain = 0.25
gap = 0
crossfade = 0

[song 2]
project = ../../songs/Two
gain = -1.5
gap = 0
crossfade = 0
EOF
cmp -s "$T/want1.ini" "$A/album.ini" &&
    ok "add, gain, move, remove: album.ini as expected (relative paths)" ||
    { diff "$T/want1.ini" "$A/album.ini"; soft_fail "album.ini differs"; }

M2="title='Song Two; the \"B\" side' performer='Ana Ruiz' songwriter=Ana"
M2="$M2 composer='J. S.' isrc=us-rc1-76-07839"
MA="title='First Album' performer='Ana Ruiz' upc=036000291452"
MA="$MA catalog=REEL-001 genre=Folk"
al meta "meta 2 $M2; album-meta $MA; gap 2 2.5; crossfade Two 400;
    index 2 1.25; index 2 0:00.5; index 2 1.75; index 2 1.25 remove;
    side 1 A; side 2 b"
[ "$RC" -eq 0 ] || { cat "$T/meta.err"; fail "meta: exit $RC"; }
cat > "$T/want2.ini" <<'EOF'
# reel album: one fact per line, stable order.
[album]
format = 1
rate = 48000
title = First Album
performer = Ana Ruiz
upc = 036000291452
catalog = REEL-001
genre = Folk

[song 1]
project = ../../songs/Three
gain = 0.25
gap = 0
crossfade = 0
side = A

[song 2]
project = ../../songs/Two
gain = -1.5
gap = 2.5
crossfade = 400
index-2 = 0.5
index-3 = 1.75
side = B
title = Song Two\; the "B" side
performer = Ana Ruiz
songwriter = Ana
composer = J. S.
isrc = USRC17607839
EOF
cmp -s "$T/want2.ini" "$A/album.ini" &&
    ok "metadata: album.ini as expected (ISRC stored without dashes)" ||
    { diff "$T/want2.ini" "$A/album.ini"; soft_fail "album.ini differs"; }

# Read back and saved again by a change that changes nothing.
cp "$A/album.ini" "$T/before.ini"
al same "album-gain 1 0.25; album-list"
[ "$RC" -eq 0 ] || { cat "$T/same.err"; fail "reopen: exit $RC"; }
cmp -s "$T/before.ini" "$A/album.ini" &&
    ok "reopened and set to the same value: byte for byte the same" ||
    soft_fail "album.ini changed on reopening"
grep -q "^ 2 Song Two; the \"B\" side" "$T/same.out" &&
    ok "album-list names a song by its title" ||
    soft_fail "album-list: $(cat "$T/same.out")"
grep -q "^ 1 Three  *0:02 " "$T/same.out" &&
    ok "album-list: length 0:02 of the 44.1 kHz song" ||
    soft_fail "album-list: $(cat "$T/same.out")"

# Undo and redo of album changes, in one session.
al undo "album-gain 2 -6; album-move 2 1; undo; undo"
[ "$RC" -eq 0 ] || { cat "$T/undo.err"; fail "undo: exit $RC"; }
cmp -s "$T/before.ini" "$A/album.ini" &&
    ok "undo twice: album.ini as before the two changes" ||
    { diff "$T/before.ini" "$A/album.ini"; soft_fail "undo differs"; }
tail -n 1 "$T/undo.out" |
    grep -q "^undo: album: album-gain 2 -1.5 dB -> -6.0 dB$" &&
    ok "undo says what it undid: $(tail -n 1 "$T/undo.out")" ||
    soft_fail "undo said: $(cat "$T/undo.out")"
al redo "album-gain 1 3; undo; redo"
grep -q "^gain = 3$" "$A/album.ini" &&
    ok "redo puts the change back" || soft_fail "redo: $(cat "$A/album.ini")"
al back "album-gain 1 0.25"
cmp -s "$T/before.ini" "$A/album.ini" || fail "album.ini not restored"

# Refusals: one line, the command and the song named, nothing changed.
refused() {	# WHAT PATTERN CMDS
	_w=$1; _p=$2; shift 2
	al bad "$*"
	if [ "$RC" -ne 1 ]; then
		soft_fail "$_w: exit $RC, want 1"
	elif [ "$(wc -l < "$T/bad.err")" -ne 1 ] ||
	    ! grep -q -- "$_p" "$T/bad.err"; then
		soft_fail "$_w: said: $(cat "$T/bad.err")"
	elif ! cmp -s "$T/before.ini" "$A/album.ini"; then
		soft_fail "$_w: album.ini changed"
	else
		ok "$_w: $(cat "$T/bad.err")"
	fi
}
refused "ISRC too short" \
    "reel: meta: song 2 (Song Two; the \"B\" side): ISRC must be CC-XXX-YY-NNNNN: 12 letters and digits, got 'US-RC1-76-0783'" \
    "meta 2 title=X isrc=US-RC1-76-0783"
refused "ISRC with digits for a country" \
    "meta: song 1 (Three): ISRC must be CC-XXX-YY-NNNNN: the country code CC is two letters, got '12RC17607839'" \
    "meta Three isrc=12RC17607839"
refused "ISRC with a letter in the year" \
    "the year YY is two digits" "meta 1 isrc=USRC1X607839"
refused "ISRC dashes in the wrong places" \
    "ISRC must be CC-XXX-YY-NNNNN (dashes optional)" \
    "meta 1 isrc=USR-C17607839"
refused "UPC with a wrong check digit" \
    "album-meta: the album's UPC/EAN check digit is wrong (the last digit does not match the others), got '036000291453'" \
    "album-meta title=Other upc=036000291453"
refused "EAN-13 with a wrong check digit" "check digit is wrong" \
    "album-meta upc=4006381333932"
refused "UPC of 11 digits" \
    "UPC/EAN must be 12 digits (UPC-A) or 13 (EAN-13)" \
    "album-meta upc=03600029145"
refused "UPC with a letter" "digits only" "album-meta upc=03600029145X"
refused "an unknown song" \
    "album-gain: SONG: expected a song number from 1 to 2 or a song's project name, got 'Five'" \
    "album-gain Five 1"
refused "a gain out of range" \
    "album-gain: DB: expected a number from -40 to 24, got '30'" \
    "album-gain 1 30"
refused "a place out of range" \
    "album-move: TO: expected a place from 1 to 2, up or down, got '3'" \
    "album-move 1 3"
refused "a side E" "side: song 1 (Three): expected side A, B, C, D or none" \
    "side 1 E"
refused "a crossfade on the first song" \
    "crossfade: song 1 (Three) is the first song" "crossfade 1 100"
refused "removing an index point that is not there" \
    "index: song 2 (Song Two; the \"B\" side) has no index point at 9" \
    "index 2 9 remove"
refused "an index point past the song's end" \
    "index: song 1 (Three) is 0:02.000 long: an index point at 3 is past its end" \
    "index 1 3"
refused "the same project twice" "album-add: PROJECT: .* is song 2" \
    "album-add $T/songs/Two"
refused "a directory that is no project" "is not a reel project" \
    "album-add $T/work"
refused "a song command in an album session" \
    "reel: play: needs a song project, and this session has only the album open" \
    "play"
refused "loudness mix in an album session" "loudness: mix: needs a song project" \
    "loudness mix"

# One writer per album: a second reel is refused while one has it open.
(sleep 4 | "$REEL" --config "$CFG" --plain --album "$A" >/dev/null 2>&1) &
bg=$!
i=0
while [ ! -f "$A/.reel.lock" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
run_to two reel_cfg --album "$A" -c "album-gain 1 9"
[ "$RC" -eq 1 ] && grep -q "the album .* is open in another reel (pid" \
    "$T/two.err" && cmp -s "$T/before.ini" "$A/album.ini" &&
    ok "a second reel on the album: $(cat "$T/two.err")" ||
    soft_fail "a second reel: exit $RC: $(cat "$T/two.err")"
wait "$bg"

# A hand-edited album.ini with a bad ISRC is refused when opened.
sed 's/^isrc = .*/isrc = USRC1760783/' "$T/before.ini" > "$T/work/bad.ini"
mkdir -p "$T/work/bad"
cp "$T/work/bad.ini" "$T/work/bad/album.ini"
run_to open reel_cfg -q --album "$T/work/bad" -c "album-list"
[ "$RC" -eq 1 ] && grep -q "album.ini:[0-9]*: ISRC must be" "$T/open.err" &&
    ok "a bad ISRC in album.ini: $(cat "$T/open.err")" ||
    soft_fail "opening a bad album.ini: exit $RC: $(cat "$T/open.err")"
done_test
