#!/bin/sh
# master-target lands the rendered mix within +-0.3 LU of the target with
# its true peak at most 0.1 dB over the ceiling, both measured by ffmpeg's
# ebur128 filter (peak=true); the true-peak limiter keeps a signal full
# of inter-sample peaks under its dBTP ceiling (ffmpeg), where the same
# limiter in sample-peak mode (truepeak=off) does not; targets lists the
# numbers; loudness-report writes the figures and what each service does.
. "$(dirname "$0")/../lib/common.sh"
need sox ffmpeg python3

P="$T/song"
ff() {	# FILE: I and true peak by ffmpeg into $FI, $FTP
	ffmpeg -nostdin -hide_banner -i "$1" -af ebur128=peak=true -f null - \
	    2>"$T/ff.txt"
	FI=$(awk '/^ *I:/ { v = $2 } END { print v }' "$T/ff.txt")
	FTP=$(awk '/^ *Peak:/ { v = $2 } END { print v }' "$T/ff.txt")
}
within() {	# WHAT GOT WANT TOL
	if awk -v g="$2" -v w="$3" -v t="$4" \
	    'BEGIN { d = g - w; exit !(d <= t && d >= -t) }'; then
		ok "$1: $2 (want $3 +-$4)"
	else
		soft_fail "$1: $2, want $3 +-$4"
	fi
}
under() {	# WHAT GOT MAX
	if awk -v g="$2" -v m="$3" 'BEGIN { exit !(g <= m) }'; then
		ok "$1: $2 (at most $3)"
	else
		soft_fail "$1: $2 above $3"
	fi
}

# A quiet song with loud moments: pink noise, a swell, drum-like bursts.
sox -n -r 48000 -c 2 -b 24 "$T/a.wav" synth 6 pinknoise gain -26 \
    2>/dev/null
sox -n -r 48000 -c 2 -b 24 "$T/b.wav" synth 6 pinknoise gain -16 \
    2>/dev/null
# It fades in over 50 ms, as a master does: a file that starts on a
# loud step rings before its first sample in ffmpeg's reconstruction.
sox "$T/a.wav" "$T/b.wav" "$T/song.wav" fade 0.05
run_to imp "$REEL" --config "$CFG" "$P" -c "import $T/song.wav track=a;
    gain master -2"
[ "$RC" -eq 0 ] || { cat "$T/imp.err"; fail "import: exit $RC"; }

run_to mt "$REEL" --config "$CFG" "$P" -c "master-target streaming;
    render st.wav format=wav32f"
[ "$RC" -eq 0 ] || { cat "$T/mt.err"; fail "master-target: exit $RC"; }
grep -q "added a true-peak limiter" "$T/mt.err" &&
    ok "says it added the limiter: $(grep added "$T/mt.err")" ||
    soft_fail "no note of the added limiter: $(cat "$T/mt.err")"
grep -q "^target streaming" "$T/mt.out" ||
    soft_fail "no report: $(cat "$T/mt.out")"
ff "$P/renders/st.wav"
within "streaming: integrated by ffmpeg" "$FI" -14 0.3
under "streaming: true peak by ffmpeg" "$FTP" -0.9

# A second target on the same chain (the limiter is reused, not added).
run_to mt2 "$REEL" --config "$CFG" "$P" -c "master-target -20 tp=-3;
    render m20.wav format=wav32f; fx-list master"
[ "$RC" -eq 0 ] || { cat "$T/mt2.err"; fail "master-target -20: exit $RC"; }
grep -q "added" "$T/mt2.err" && soft_fail "added a second limiter"
ff "$P/renders/m20.wav"
within "-20 LUFS: integrated by ffmpeg" "$FI" -20 0.3
under "-20 LUFS tp=-3: true peak by ffmpeg" "$FTP" -2.9
run_to mt3 "$REEL" --config "$CFG" "$P" -c "master-target cd;
    render cd.wav format=wav32f"
ff "$P/renders/cd.wav"
within "cd (-9 LUFS, heavy limiting): integrated by ffmpeg" "$FI" -9 0.3
under "cd: true peak by ffmpeg" "$FTP" -0.2

run_to bad "$REEL" --config "$CFG" "$P" -c "master-target loud"
[ "$RC" -ne 0 ] && grep -q "master-target: TARGET: expected streaming" \
    "$T/bad.err" && ok "an unknown target: one line with the names" ||
    soft_fail "bad target: $(cat "$T/bad.err")"

run_to tg "$REEL" --config "$CFG" "$P" -c "targets"
grep -Eq '^ebu-r128 +-23\.0 LUFS +-1\.0 dBTP' "$T/tg.out" &&
    grep -Eq '^apple +-16\.0 LUFS' "$T/tg.out" &&
    ok "targets lists ebu-r128 -23/-1 and apple -16" ||
    { cat "$T/tg.out"; soft_fail "targets"; }

# Inter-sample peaks: a full-scale sine at fs/4, 45 degrees off its
# crests (samples at 0.707, true peak 0 dBTP), 12 dB into a limiter at
# -1 dBTP, alternating with a part 10 dB down every 100 ms.  It fades in
# over 20 ms as music does: a file that starts on a full-scale step
# rings before its first sample in any reconstruction (ffmpeg counts
# that ringing, reel's meter does not).
python3 -S - "$T/isp.raw" <<'PYEOF'
import array, math, sys
a = array.array('f', (math.sin(2 * math.pi * i / 4 + math.pi / 4) *
    min(1, i / 960) * (1 if (i // 4800) % 2 else 0.3)
    for i in range(48000 * 2) for _ in (0, 1)))
open(sys.argv[1], 'wb').write(a.tobytes())
PYEOF
sox -t f32 -r 48000 -c 2 "$T/isp.raw" -e floating-point -b 32 "$T/isp.wav"
P2="$T/lim"
run_to lim "$REEL" --config "$CFG" "$P2" -c "import $T/isp.wav track=a;
    fx-add master limit; fx-set master 1 ceiling=-1 gain=12;
    render tp.wav format=wav32f;
    fx-set master 1 truepeak=off; render sp.wav format=wav32f"
[ "$RC" -eq 0 ] || { cat "$T/lim.err"; fail "limit: exit $RC"; }
ff "$P2/renders/tp.wav"
under "limit truepeak=on ceiling -1, inter-sample peaks: true peak" \
    "$FTP" -0.9
ff "$P2/renders/sp.wav"
if awk -v g="$FTP" 'BEGIN { exit !(g > -0.9) }'; then
	ok "the same in sample-peak mode goes over: $FTP dBTP"
else
	soft_fail "sample-peak mode stays under ($FTP): the check proves nothing"
fi

# The report.
run_to rep "$REEL" --config "$CFG" "$P" -c "loudness-report rep.txt;
    loudness mix"
[ "$RC" -eq 0 ] || { cat "$T/rep.err"; fail "loudness-report: exit $RC"; }
R="$P/renders/rep.txt"
i=$(awk '$1 == "integrated:" { print $2 }' "$T/rep.out")
tp=$(awk '$1 == "true-peak:" { print $2 }' "$T/rep.out")
grep -Eq "^integrated loudness +$i LUFS" "$R" &&
    grep -Eq "^true peak +$tp dBTP" "$R" &&
    grep -Eq '^loudness range +[0-9.]+ LU' "$R" &&
    grep -Eq '^sample peak +-?[0-9.]+ dBFS' "$R" &&
    ok "report: I $i LUFS, TP $tp dBTP as loudness measures them" ||
    { cat "$R"; soft_fail "report figures"; }
# The song sits at -9 LUFS: every service turns it down by its level.
for sv in "Spotify 5.0" "Apple Music 7.0" "YouTube 5.0" "Tidal 5.0" \
    "Amazon Music 5.0" "Deezer 6.0"; do
	name=${sv% *}; db=${sv##* }
	want=$(fcalc "$db + ($i) + 9")
	want=$(printf '%.1f' "$want")
	grep -Eq "^  $name +-[0-9]+ LUFS +turns it down $want dB" "$R" &&
	    ok "report: $name turns it down $want dB" ||
	    { grep "$name" "$R"; soft_fail "report: $name, want down $want"; }
done
done_test
