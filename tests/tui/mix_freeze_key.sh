#!/bin/sh
# F on the Mix screen freezes the selected track (toggle freeze %t): its
# strip says "frozen" instead of its input, project.ini names the file in
# audio/, an fx-set typed at the prompt is refused with the lock's line,
# and F again unfreezes it (the strip shows its input again, project.ini
# has no frozen line).
. "$(dirname "$0")/lib.inc"
need sox

P=$T/song
sox -n -r 48000 -b 24 -c 1 "$T/a.wav" synth 1 sine 220 vol 0.5
reel_cfg "$P" -c "import $T/a.wav track=bass; fx-add bass eq;
    fx-add bass comp" > /dev/null 2>&1 || fail "could not build the mix"

tui_start -e LC_ALL=C.UTF-8 --device reeltest --sample-format S32_LE \
    --config "$CFG" "$P"
check "up at 80x24" tui_wait "STOP" 15
tui_keys 3
check "the mix screen" tui_wait "master"
tui_keys F
check "F: bass's strip says frozen" tui_wait "frozen" 20
check "project.ini: frozen = audio/bass-frozen-1.wav" \
    grep -q '^frozen = audio/bass-frozen-1.wav$' "$P/project.ini"
check "the frozen file is there" [ -f "$P/audio/bass-frozen-1.wav" ]
tui_keys :
tui_type "fx-set bass 1 b1.type=hp"
tui_keys Enter
check "fx-set on the frozen track is refused" \
    tui_wait "track bass is frozen; unfreeze it first"
tui_keys F
check "F again: the strip shows its input" tui_wait_gone "frozen" 10
check "project.ini has no frozen line" \
    sh -c "! grep -q '^frozen' '$P/project.ini'"
tui_keys q
tui_wait_exit 10
done_test
