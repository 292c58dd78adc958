#!/bin/sh
# Revision requests and render names (issue 12): requests typed in one
# session survive reopening (requests.ini), request-done records the
# reply and the version that addressed it (the current one, or the next
# one saved when the mix changed since), request-reopen opens it again,
# request-next/prev move the playhead between open requests,
# requests-export writes plain text and Markdown (checked line for line);
# `render` without a name writes renders/PROJECT-vN-NAME.wav and `renders`
# lists what came from which version.
. "$(dirname "$0")/../lib/common.sh"
need sox

P="$T/song"
sox -n -r 48000 -c 1 -b 24 "$T/m.wav" synth 3 sine 440 vol 0.5 2>/dev/null
run_to setup "$REEL" --config "$CFG" -q "$P" -c "
    import '$T/m.wav' track=vox; render;
    request 1:23 vocal too loud in the chorus by=producer;
    request 2:10 more reverb on the snare by=artist;
    request 0:30.5 'cut the breath | before verse 2';
    version-save rough note='for the band'"
[ "$RC" -eq 0 ] || { cat "$T/setup.err"; fail "setup: exit $RC"; }
[ -f "$P/renders/song.wav" ] && ok "render before any version: song.wav" ||
    soft_fail "no renders/song.wav ($(ls "$P/renders"))"
# Reopened: the requests are there; one done in v1 (mix as saved), one
# after a change (done in the next version saved).
run_to done "$REEL" --config "$CFG" -q "$P" -c "
    request-done 3 reply='cut at 0:30.2';
    gain vox -1.5; request-done 1 reply='down 1.5 dB in the chorus';
    version-save v-fixes; request-done 2; request-reopen 2;
    requests all"
[ "$RC" -eq 0 ] || { cat "$T/done.err"; fail "done: exit $RC"; }
cat > "$T/list.want" <<'EOT'
#1  1:23.000  done in v2  producer: vocal too loud in the chorus  -> down 1.5 dB in the chorus
#2  2:10.000  open  artist: more reverb on the snare
#3  0:30.500  done in v1  -: cut the breath | before verse 2  -> cut at 0:30.2
EOT
if cmp -s "$T/list.want" "$T/done.out"; then
	ok "requests all: status, who, reply and version after reopening"
else
	diff "$T/list.want" "$T/done.out" | sed 's/^/      /'
	soft_fail "requests all"
fi
run_to open "$REEL" --config "$CFG" -q "$P" -c "requests open"
[ "$(cat "$T/open.out")" = "#2  2:10.000  open  artist: more reverb on the snare" ] &&
    ok "requests open: only #2" || soft_fail "requests open: $(cat "$T/open.out")"

# Jumping between open requests: 1:23 is done, so from 0 the next open
# one is 2:10; request-reopen 1 makes 1:23 the next.
run_to seek "$REEL" --config "$CFG" -q "$P" -c "request-next; where;
    request-reopen 1; locate 0; request-next; where; request-next; where;
    request-prev; where"
tr '\n' ' ' < "$T/seek.out" > "$T/seek.got"
[ "$(cat "$T/seek.got")" = "2:10.000 1:23.000 2:10.000 1:23.000 " ] &&
    ok "request-next/prev: 2:10, then 1:23, 2:10, back to 1:23" ||
    { cat "$T/seek.out"; soft_fail "request-next/prev: $(cat "$T/seek.got")"; }
run_to nomore "$REEL" --config "$CFG" -q "$P" -c "locate 3:00; request-next"
grep -q 'request-next: no open request after the playhead' "$T/nomore.err" &&
    ok "request-next past the last: says so" ||
    soft_fail "request-next past the last: $(cat "$T/nomore.err")"

run_to exp "$REEL" --config "$CFG" -q "$P" -c "request-done 1 reply=again;
    requests-export '$T/req.txt'; requests-export '$T/req.md'"
[ "$RC" -eq 0 ] || { cat "$T/exp.err"; fail "export: exit $RC"; }
cat > "$T/txt.want" <<'EOT'
Revision requests

Mix version: v2
3 requests, 1 open

#1  1:23.000  done in v2  producer
    vocal too loud in the chorus
    reply: again
#2  2:10.000  open  artist
    more reverb on the snare
#3  0:30.500  done in v1  -
    cut the breath | before verse 2
    reply: cut at 0:30.2
EOT
cat > "$T/md.want" <<'EOT'
# Revision requests

Mix version: v2.  3 requests, 1 open.

| # | Time | Status | By | Request | Reply |
|---|------|--------|----|---------|-------|
| 1 | 1:23.000 | done in v2 | producer | vocal too loud in the chorus | again |
| 2 | 2:10.000 | open | artist | more reverb on the snare |  |
| 3 | 0:30.500 | done in v1 | - | cut the breath \| before verse 2 | cut at 0:30.2 |
EOT
for x in txt md; do
	if cmp -s "$T/$x.want" "$T/req.$x"; then
		ok "requests-export req.$x: line for line"
	else
		diff "$T/$x.want" "$T/req.$x" | sed 's/^/      /'
		soft_fail "requests-export req.$x"
	fi
done
grep -q '^\[request 3\]$' "$P/requests.ini" &&
    grep -q '^text = cut the breath | before verse 2$' "$P/requests.ini" &&
    ok "requests.ini: readable, one fact per line" ||
    soft_fail "requests.ini: $(cat "$P/requests.ini")"

# Render names: v2 is "v-fixes" and the mix is as saved (request-done
# changes no mix), so no -edited; after a change the name says so.
run_to names "$REEL" --config "$CFG" -q "$P" -c "render; version-load 1;
    render; gain vox -6; render; renders"
[ "$RC" -eq 0 ] || { cat "$T/names.err"; fail "names: exit $RC"; }
for f in song-v2-v-fixes.wav song-v1-rough.wav song-v1-rough-edited.wav; do
	[ -f "$P/renders/$f" ] && ok "render without a name: renders/$f" ||
	    soft_fail "no renders/$f ($(ls "$P/renders" | tr '\n' ' '))"
done
# A part of the song (W's selection) is named with its range, and does
# not replace the whole song's render.
cp "$P/renders/song-v1-rough-edited.wav" "$T/whole.wav"
run_to part "$REEL" --config "$CFG" -q "$P" -c "render start=0.5 end=1.25"
[ "$RC" -eq 0 ] || { cat "$T/part.err"; fail "part: exit $RC"; }
part="$P/renders/song-v1-rough-edited-0.500s-1.250s.wav"
[ -f "$part" ] &&
    [ "$(soxi -s "$part")" = "$(($(soxi -r "$part") * 3 / 4))" ] &&
    cmp -s "$T/whole.wav" "$P/renders/song-v1-rough-edited.wav" &&
    ok "render of a part: named with its range, the song's render kept" ||
    soft_fail "render of a part: $(ls "$P/renders" | tr '\n' ' ')"
sed 's/^[0-9-]* [0-9:]*  //' "$T/names.out" > "$T/renders.got"
cat > "$T/renders.want" <<'EOT'
renders/song.wav  no version
renders/song-v2-v-fixes.wav  v2
renders/song-v1-rough.wav  v1
renders/song-v1-rough-edited.wav  v1 (edited since)
EOT
if cmp -s "$T/renders.want" "$T/renders.got"; then
	ok "renders: each file with its version"
else
	diff "$T/renders.want" "$T/renders.got" | sed 's/^/      /'
	soft_fail "renders"
fi
done_test
