#!/bin/sh
# Terminal behaviour: resizing (bigger, too small, back), NO_COLOR and
# colors=mono, the ASCII fallback without a UTF-8 locale, config ascii=yes,
# the mix screen scrolling sideways with many tracks.
. "$(dirname "$0")/lib.inc"

file_devices /dev/zero /dev/null
"$REEL" --config "$CFG" "$T/song" -c 'track-add a in=1; track-add b in=1;
    track-add c in=2; track-add d in=1; track-add e in=1; track-add f in=1;
    track-add g in=1; track-add h in=1; track-add i in=1; track-add j in=1' \
    2>/dev/null || fail "could not set up the project"

# Colour, UTF-8.
tui_start -e LC_ALL=C.UTF-8 --device reeltest \
    --sample-format S32_LE --config "$CFG" "$T/song"
check "up at 80x24" tui_wait "STOP" 15
tui_tmux capture-pane -p -e > "$T/color.txt"
check "colours are used by default (SGR 3x/4x in the pane)" \
    grep -q "$(printf '\033')\[[0-9;]*[34][0-7]m" "$T/color.txt"
check "UTF-8 glyphs in a UTF-8 locale" grep -q '│' "$T/color.txt"

# Bigger: the tabs end at the right edge, the status line moves down.
tui_resize 100 30
check "after resizing to 100x30 the header spans 100 columns" \
    tui_wait "? Help  4 Log"
tui_screen > /dev/null
check "the header's last tab ends at column 100 (and a blank)" \
    [ "$(sed -n 1p "$T/screen.txt" | awk '{ print index($0, "4 Log") }')" -eq 95 ]
check "the status line is on row 29" \
    sh -c "sed -n 29p '$T/screen.txt' | grep -q '^ STOP'"
check "the message line is on row 30 (below the status line)" \
    sh -c "! sed -n 30p '$T/screen.txt' | grep -q STOP"

# Too small: a screen that says so, not a broken layout.
tui_resize 60 20
check "at 60x20 it says the terminal is too small" \
    tui_wait "terminal too small: 60x20"
check "and what it needs" tui_wait "reel needs 80x24"
tui_screen > /dev/null
check "nothing else is drawn" [ "$(grep -c . "$T/screen.txt")" -eq 3 ]
tui_resize 79 24
check "79x24 is too small too" tui_wait "terminal too small: 79x24"

# Back to 80x24: the whole layout again.
tui_resize 80 24
check "back at 80x24 the layout returns" tui_wait "1 Arrange"
sleep 0.2
tui_screen > /dev/null
check "status on row 23 after the resize" \
    sh -c "sed -n 23p '$T/screen.txt' | grep -q '^ STOP'"

# The mix screen scrolls sideways to keep the selected strip in view.
tui_keys 3
check "the mix screen shows the first strips" tui_wait "a       │b "
check "and says more strips are to the right" tui_wait "│>>"
for k in 1 2 3 4 5 6 7 8 9; do tui_keys l; done
check "selecting the last track scrolls it into view" tui_wait "│j       │"
check "and says more strips are to the left" tui_wait "│<<"
tui_screen > /dev/null
check "the first strip scrolled out" \
    sh -c "! head -n 2 '$T/screen.txt' | tail -n 1 | grep -q '^a '"
cur=$(tui_tmux display-message -p '#{cursor_y} #{cursor_x}')
say "    cursor: $cur"
check "the cursor is on the selected strip's name (row 1)" \
    [ "${cur% *}" = 1 ]
tui_keys q
check "quit" tui_wait_exit 10
check "status 0" [ "$TUI_RC" = 0 ]
tui_cleanup_server

# NO_COLOR: attributes (reverse, bold) only, no colours.
tui_start -e LC_ALL=C.UTF-8 -e NO_COLOR=1 --device reeltest \
    --sample-format S32_LE --config "$CFG" "$T/song"
check "up with NO_COLOR" tui_wait "STOP" 15
tui_tmux capture-pane -p -e > "$T/nocolor.txt"
check "NO_COLOR: no colour SGR codes" \
    sh -c "! grep -q '$(printf '\033')\[[0-9;]*[34][0-7]m' '$T/nocolor.txt'"
check "NO_COLOR: the status line is still set apart (reverse video)" \
    grep -q "$(printf '\033')\[[0-9;]*7m" "$T/nocolor.txt"
tui_keys q
tui_wait_exit 10
tui_cleanup_server

# colors = mono and ascii = yes in config.ini.
config_write "$T/mono.ini" "colors = mono" "ascii = yes"
tui_start -e LC_ALL=C.UTF-8 --device reeltest --sample-format S32_LE \
    --config "$T/mono.ini" "$T/song"
check "up with colors=mono ascii=yes" tui_wait "STOP" 15
tui_keys 3
tui_wait "master" >/dev/null
tui_tmux capture-pane -p -e > "$T/mono.txt"
check "colors=mono: no colour SGR codes" \
    sh -c "! grep -q '$(printf '\033')\[[0-9;]*[34][0-7]m' '$T/mono.txt'"
check "ascii=yes: only ASCII on the screen" \
    sh -c "! tmux -L '$TUI_SOCK' -f /dev/null capture-pane -p | LC_ALL=C grep -q '[^ -~]'"
tui_keys q
tui_wait_exit 10
tui_cleanup_server

# A locale without UTF-8: ASCII by itself.
tui_start -e LC_ALL=C --device reeltest --sample-format S32_LE \
    --config "$CFG" "$T/song"
check "up in the C locale" tui_wait "STOP" 15
tui_keys 3
tui_wait "master" >/dev/null
check "C locale: only ASCII on the screen" \
    sh -c "! tmux -L '$TUI_SOCK' -f /dev/null capture-pane -p | LC_ALL=C grep -q '[^ -~]'"
tui_keys q
check "quit" tui_wait_exit 10
check "status 0" [ "$TUI_RC" = 0 ]
check "nothing on stderr" sh -c "! grep -q . '$T/tui.err'"
done_test
