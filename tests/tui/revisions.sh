#!/bin/sh
# The Revisions screen and the request keys (issue 12): 6 opens it, with
# the requests (status, who asked, reply, the version that addressed it)
# and the versions with their notes; open requests are marked '!' on the
# Arrangement's time ruler; } and { move the playhead to the next and the
# previous open request; a (on the Revisions screen) asks for a request
# at the playhead and it appears in the list; B switches A/B once armed;
# Help lists the screen and its keys.
. "$(dirname "$0")/lib.inc"
need sox

P=$T/song
sox -n -r 48000 -c 1 -b 24 "$T/m.wav" synth 20 sine 440 vol 0.3 2>/dev/null
"$REEL" -q --config "$CFG" "$P" -c "import '$T/m.wav' track=vox;
    version-save rough note='for the band';
    request 0:05 vocal too loud by=producer; request 0:12 more reverb;
    request 0:08 fix the breath; request-done 3 reply=done;
    gain vox -2; version-save second" 2>"$T/setup.err" ||
    { cat "$T/setup.err"; fail "cannot set up the project"; }

file_devices /dev/zero /dev/null
tui_start -e LC_ALL=C.UTF-8 --device reeltest --sample-format S32_LE \
    --config "$CFG" "$P"
check "up" tui_wait "STOP" 15
check "the header has a Revisions tab on 6" tui_wait "6 Revisions"
# The ruler: 20 s over the lane; the open requests at 5 s and 12 s.
tui_screen > /dev/null
marks=$(sed -n 2p "$T/screen.txt" | tr -cd '!' | wc -c)
[ "$marks" -eq 2 ] && ok "the ruler marks the 2 open requests with '!'" ||
    { sed -n 2p "$T/screen.txt"; soft_fail "ruler marks: $marks"; }
tui_keys 6
check "5: the requests" tui_wait "Requests: 2 open of 3"
check "request 1 open, who asked" tui_wait "1   0:05.000  open        producer   vocal too loud"
check "request 3 done in v1 (the mix as saved then), its reply" \
    tui_wait "3   0:08.000  done v1     -          fix the breath"
check "the reply under it" tui_wait "-> done"
check "the versions with their notes, the current one starred" \
    tui_wait "*v2"
check "v1's note" tui_wait "rough        for the band"

tui_keys '}'
check "} : the next open request (0:05)" tui_wait "STOP  0:05.000"
tui_keys '}'
check "} again: 0:12 (0:08 is done)" tui_wait "STOP  0:12.000"
tui_keys '{'
check "{ : back to 0:05" tui_wait "STOP  0:05.000"
tui_keys a
check "a asks for a request at the playhead" tui_wait ":request 5"
tui_type "louder guitar by=artist"
tui_keys Enter
check "it is listed" tui_wait "4   0:05.000  open        artist     louder guitar"
check "and saved in requests.ini" grep -q '^text = louder guitar$' \
    "$P/requests.ini"

tui_keys B
check "B before A/B is armed: says how" tui_wait "A/B is not on"
tui_keys : ; tui_type "ab 1 2"; tui_keys Enter
check "ab 1 2: armed" tui_wait "A/B: A v1, B v2; hearing A"
tui_keys B
check "B: hearing B" tui_wait "hearing B"
tui_keys '?'
check "Help lists the Revisions screen's keys" \
    tui_wait "On the Revisions screen:"
found=no
for i in 1 2 3 4 5 6 7 8; do
	tui_wait "switch between the A/B mixes" 1 >/dev/null &&
	    { found=yes; break; }
	tui_keys PageDown
done
[ $found = yes ] && ok "and what B does (on every screen)" ||
    soft_fail "Help does not say what B does"
tui_keys q
tui_keys q
done_test
