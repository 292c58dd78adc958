#!/bin/sh
# Promise 1 (kill at any moment), recording: reel records through a
# real-time device (jackd -d dummy through the ALSA jack plugin) and is
# killed with -9 at random moments.  After each kill, reopening the
# project (reel PROJ -c info) recovers the take; soxi reads it; it holds at
# least the recorded time less one second (time counted from when reel
# said "recording"); every earlier take file is unchanged and project.ini
# still lists it as it was.
#
#   REL_KILLS=20     kills (make test runs 6 through tests/e2e/)
#   REL_TRACKS=2     tracks recorded at once
#   REL_MAX_MS=3000  longest recording before a kill (uniform from 0)
#   REL_SEED=N       repeat a run's random moments
. "$(dirname "$0")/../lib/common.sh"
. "$REEL_TOP/tests/reliability/lib.sh"
need soxi md5sum

kills=${REL_KILLS:-20}
tracks=${REL_TRACKS:-2}
max_ms=${REL_MAX_MS:-3000}
rate=48000
say "    $kills kills, $tracks tracks, recordings of 0 to $max_ms ms," \
    "seed $REL_SEED"
jack_start_ports "$tracks"
P=$T/song
setup=""
i=1
while [ $i -le "$tracks" ]; do
	setup="$setup track-add t$i in=$i; arm t$i;"
	i=$((i + 1))
done
"$REEL" -q --config "$CFG" "$P" -c "$setup" || fail "cannot set up"

# takes_of FILE: the [take ...] sections of a project.ini, one per line.
takes_of() {
	awk '/^\[take / { if (s != "") print s; s = $0; next }
	     /^\[/ { if (s != "") print s; s = ""; next }
	     s != "" && NF { s = s " | " $0 }
	     END { if (s != "") print s }' "$1"
}

survived=0; worst_ms=0; total_ms=0; lost_max=0
n=1
while [ $n -le "$kills" ]; do
	sums "$P" > "$T/sums.before"
	takes_of "$P/project.ini" | sort > "$T/takes.before"
	rand $((max_ms + 1)); wait_ms=$RAND
	if [ $((n % 2)) -eq 1 ]; then rec="record"; else rec="record 60"; fi
	bg_start rec "$REEL" --config "$CFG" -d reeljack "$P" -c "$rec"
	pid=$BG_PID
	if ! wait_for "$T/rec.err" "recording t1" 20; then
		cat "$T/rec.err"
		fail "kill $n: reel did not start recording"
	fi
	t0=$(now_ms)
	sleep "$(fcalc "$wait_ms / 1000")"
	t1=$(now_ms)
	kill -9 "$pid"
	bg_wait "$pid"
	el=$((t1 - t0))
	[ "$BG_RC" -eq 137 ] || { cat "$T/rec.err"; fail "kill $n: reel" \
	    "ended by itself (status $BG_RC) before the kill"; }

	run_to open "$REEL" --config "$CFG" "$P" -c info
	[ "$RC" -eq 0 ] || { cat "$T/open.err"; fail "kill $n: the project" \
	    "does not open after kill -9"; }
	bad=""
	i=1
	min_frames=""
	while [ $i -le "$tracks" ]; do
		k=$(sed -n "s/.*recording t$i, take \([0-9]*\).*/\1/p" \
		    "$T/rec.err" | head -n 1)
		grep -q "recovered take t$i $k" "$T/open.err" ||
		    bad="$bad; t$i take $k not reported recovered"
		f=$(ini_get "$P/project.ini" "take t$i $k" file)
		st=$(ini_get "$P/project.ini" "take t$i $k" state)
		range=$(ini_get "$P/project.ini" "take t$i $k" range)
		start=$(ini_get "$P/project.ini" "take t$i $k" start)
		fr=$(soxi -s "$P/$f" 2>/dev/null)
		if [ -z "$fr" ]; then
			bad="$bad; soxi cannot read $f"
		else
			# Frames of the recorded range that are in the file.
			rs=${range% *}; re=${range#* }
			have=$((re - rs))
			# (A file cut before the latency's worth of frames
			# plays nothing: its range is empty.)
			[ $((start + fr)) -ge "$re" ] || [ "$re" -eq "$rs" ] ||
			    bad="$bad; $f shorter than its range"
			[ "$st" = recovered ] || bad="$bad; $f state '$st'"
			lost=$(( el * rate / 1000 - have ))
			[ "$lost" -lt 0 ] && lost=0
			[ "$lost" -gt "$lost_max" ] && lost_max=$lost
			[ $((have + rate)) -ge $((el * rate / 1000)) ] ||
			    bad="$bad; $f holds $have frames of $el ms"
			[ -z "$min_frames" ] || [ "$have" -lt "$min_frames" ] &&
			    min_frames=$have
		fi
		i=$((i + 1))
	done
	# Earlier takes: files unchanged, sections unchanged.
	sums "$P" > "$T/sums.after"
	missing=$(comm -23 "$T/sums.before" "$T/sums.after")
	[ -z "$missing" ] || bad="$bad; earlier take files changed: $missing"
	takes_of "$P/project.ini" | sort > "$T/takes.after"
	gone=$(comm -23 "$T/takes.before" "$T/takes.after")
	[ -z "$gone" ] || bad="$bad; earlier takes changed in project.ini: $gone"
	if [ -n "$bad" ]; then
		sed 's/^/      /' "$T/rec.err" "$T/open.err"
		soft_fail "kill $n after ${el} ms (${rec}):${bad#;}"
	else
		survived=$((survived + 1))
		ms=$(( (el * rate / 1000 - min_frames) * 1000 / rate ))
		[ "$ms" -lt 0 ] && ms=0
		[ "$ms" -gt "$worst_ms" ] && worst_ms=$ms
		ok "kill $n after $el ms ($rec): recovered $tracks takes of" \
		    "$((min_frames * 1000 / rate)) ms (missing ${ms} ms)"
	fi
	total_ms=$((total_ms + el))
	n=$((n + 1))
done

# The project goes on: a normal recording after all that.
run_to last "$REEL" --config "$CFG" -d reeljack "$P" -c 'record 0.5'
[ "$RC" -eq 0 ] || { cat "$T/last.err"; soft_fail "recording after the" \
    "kills fails"; }
ntakes=$(grep -c '^\[take ' "$P/project.ini")
[ "$ntakes" -eq $(( (kills + 1) * tracks )) ] ||
    soft_fail "project.ini lists $ntakes takes, expected $(( (kills + 1) * tracks ))"
say "figures: kill points survived $survived/$kills ($tracks tracks," \
    "$total_ms ms recorded); most missing after a kill ${worst_ms} ms;" \
    "samples lost (beyond the last second) 0"
done_test
