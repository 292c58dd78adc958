#!/bin/sh
# The album's loudness: album-measure gives for each song exactly the
# figures `loudness mix` gives in that song alone (a sine, pink noise with
# a swell through an EQ on its master chain, a song at 44.1 kHz);
# album-match -16 then album-render writes 'NN Title.wav' files (32-bit
# float, 48 kHz, the 44.1 kHz song converted to exactly round(n*48/44.1)
# frames) whose integrated loudness by ffmpeg's ebur128 lands within
# +-0.3 LU of -16; the same album rendered from inside a song session
# (album DIR) gives the same files; album-match says where a true peak
# would pass -1 dBTP (and undo puts the gains back); loudness-report
# writes the album's report.
. "$(dirname "$0")/../lib/common.sh"
need sox ffmpeg cmp

mkdir -p "$T/songs"
printf 'rate = 44100\n' > "$T/c44.ini"
sox -D -n -r 48000 -c 2 -b 24 "$T/one.wav" synth 3 sine 1000 gain -20
sox -D -n -r 48000 -c 2 -b 24 "$T/a.wav" synth 4 pinknoise gain -30
sox -D -n -r 48000 -c 2 -b 24 "$T/b.wav" synth 4 pinknoise gain -18
sox "$T/a.wav" "$T/b.wav" "$T/two.wav" fade 0.05
sox -D -n -r 44100 -c 2 -b 24 "$T/three.wav" synth 3 sine 440 gain -10
run_to mk1 reel_cfg -q "$T/songs/One" -c "import $T/one.wav track=a"
run_to mk2 reel_cfg -q "$T/songs/Two" -c "import $T/two.wav track=a;
    fx-add master eq; fx-set master 1 b1.type=lowshelf b1.gain=-6"
run_to mk3 "$REEL" -q --config "$T/c44.ini" "$T/songs/Three" \
    -c "import $T/three.wav track=a"
for n in One Two Three; do
	[ -f "$T/songs/$n/project.ini" ] || fail "song $n was not made"
done

A="$T/alb"
run_to add reel_cfg -q --album "$A" -c "album-add $T/songs/One;
    album-add $T/songs/Two; album-add $T/songs/Three;
    meta 3 title='The Third'"
[ "$RC" -eq 0 ] || { cat "$T/add.err"; fail "album-add: exit $RC"; }

# Each song's figures, alone and in the album.
run_to meas reel_cfg -q --album "$A" -c "album-measure"
[ "$RC" -eq 0 ] || { cat "$T/meas.err"; fail "album-measure: exit $RC"; }
i=0
for n in One Two Three; do
	i=$((i + 1))
	run_to alone reel_cfg -q "$T/songs/$n" -c "loudness mix"
	awk -v i="$i" '/^song / { on = ($2 == i ":") ; next } on' \
	    "$T/meas.out" > "$T/in_album.txt"
	if [ -s "$T/alone.out" ] && cmp -s "$T/alone.out" "$T/in_album.txt"
	then
		ok "song $i ($n): album-measure equals loudness alone:" \
		    "$(tr '\n' ' ' < "$T/alone.out")"
	else
		soft_fail "song $i ($n): alone: $(cat "$T/alone.out");" \
		    "in the album: $(cat "$T/in_album.txt")"
	fi
done
grep -q "^range: 0.0 LU" "$T/in_album.txt" &&
    awk '/^song 2:/ { on = 1; next } /^song/ { on = 0 } on &&
    /^range:/ { exit !($2 > 3) }' "$T/meas.out" &&
    ok "the swell has a loudness range (figures are not all alike)" ||
    soft_fail "ranges: $(grep range "$T/meas.out" | tr '\n' ' ')"

# Match and render.
run_to match reel_cfg --album "$A" -c "album-match -16; album-render $T/out"
[ "$RC" -eq 0 ] || { cat "$T/match.err"; fail "album-match: exit $RC"; }
grep -q "^song 1 (One): gain +[34]\.[0-9]* dB (-20.0 -> -16.0 LUFS)" \
    "$T/match.out" && ok "album-match says what it did:" \
    "$(head -n 1 "$T/match.out")" ||
    soft_fail "album-match said: $(cat "$T/match.out")"
ff() {	# FILE: I by ffmpeg into $FI
	ffmpeg -nostdin -hide_banner -i "$1" -af ebur128=peak=true -f null - \
	    2>"$T/ff.txt"
	FI=$(awk '/^ *I:/ { v = $2 } END { print v }' "$T/ff.txt")
}
for f in "01 One" "02 Two" "03 The Third"; do
	[ -f "$T/out/$f.wav" ] || { soft_fail "no $f.wav: $(ls "$T/out")";
	    continue; }
	ff "$T/out/$f.wav"
	awk -v g="$FI" 'BEGIN { d = g + 16; exit !(d <= 0.3 && d >= -0.3) }' &&
	    ok "$f.wav: ffmpeg measures $FI LUFS (want -16 +-0.3)" ||
	    soft_fail "$f.wav: ffmpeg measures $FI LUFS, want -16 +-0.3"
	fmt=$(soxi -r "$T/out/$f.wav" 2>/dev/null)/$(soxi -e "$T/out/$f.wav" \
	    2>/dev/null | tr -d ' ')/$(soxi -c "$T/out/$f.wav" 2>/dev/null)
	[ "$fmt" = "48000/FloatingPointPCM/2" ] &&
	    ok "$f.wav: 48 kHz, 32-bit float, stereo" ||
	    soft_fail "$f.wav: $fmt"
done
[ "$(soxi -s "$T/out/01 One.wav" 2>/dev/null)" = 144000 ] &&
    ok "01 One.wav: 144000 frames, the song's length" ||
    soft_fail "01 One.wav: $(soxi -s "$T/out/01 One.wav") frames"
[ "$(soxi -s "$T/out/03 The Third.wav" 2>/dev/null)" = 144000 ] &&
    ok "03 The Third.wav: 132300 frames at 44.1 kHz are 144000 at 48" ||
    soft_fail "03 The Third.wav: $(soxi -s "$T/out/03 The Third.wav") frames"

# The same album from inside a song session.
run_to song reel_cfg -q "$T/songs/One" -c "album $A; album-render $T/out2"
[ "$RC" -eq 0 ] || { cat "$T/song.err"; fail "song session: exit $RC"; }
same=0
for f in "01 One" "02 Two" "03 The Third"; do
	cmp -s "$T/out/$f.wav" "$T/out2/$f.wav" && same=$((same + 1))
done
[ "$same" -eq 3 ] && ok "rendered from a song session: the same 3 files" ||
    soft_fail "from a song session: $same of 3 files the same"

# A target that pushes the peaks over -1 dBTP is said; undo puts it back.
cp "$A/album.ini" "$T/matched.ini"
run_to hot reel_cfg --album "$A" -c "album-match -8; undo"
grep -q "^song 2 (Two): its true peak would be +[0-9.]* dBTP, over -1 dBTP" \
    "$T/hot.out" && ! grep -q "^song [13].*true peak" "$T/hot.out" &&
    ok "the peak over -1 dBTP is said:" \
    "$(grep -m 1 'true peak' "$T/hot.out")" ||
    soft_fail "album-match -8 said: $(cat "$T/hot.out")"
cmp -s "$T/matched.ini" "$A/album.ini" &&
    ok "undo puts the gains back (album.ini byte for byte)" ||
    soft_fail "album.ini differs after undo"

# The album's loudness report.
run_to rep reel_cfg -q --album "$A" -c "loudness-report report.txt"
[ "$RC" -eq 0 ] || { cat "$T/rep.err"; fail "loudness-report: exit $RC"; }
n=$(grep -c "^  integrated loudness  -16.0 LUFS" "$A/report.txt")
[ "$n" -eq 3 ] && ok "the report has the three songs at -16.0 LUFS" ||
    soft_fail "report: $n songs at -16.0: $(cat "$A/report.txt")"
grep -q "^song 3: The Third (album gain" "$A/report.txt" &&
    grep -q "^  Spotify        -14 LUFS  turns it up 2.0 dB" \
    "$A/report.txt" && grep -q "^  sample peak" "$A/report.txt" &&
    ok "per song: title, gain, sample peak, each service's effect" ||
    soft_fail "report: $(cat "$A/report.txt")"
done_test
