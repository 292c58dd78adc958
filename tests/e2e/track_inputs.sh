#!/bin/sh
# Inputs checked when the device is known (issue 8, item 18).  The device
# "two" captures exactly 2 channels (an ALSA multi PCM over null, read
# through a file PCM).
#   - once the device is open (after a play), track-add in=3 and
#     track-input 1,3 are refused naming the device and its inputs;
#     in=2 and 1,2 are taken
#   - before it is open (a script's first command), in=3 is taken with a
#     note that recording checks it, and record then refuses clearly
#   - without in=, a track takes the lowest input (pair) no other track
#     uses; on an open device with all inputs taken, input 1
#   - role errors name the argument once ("role: ROLE: expected ...",
#     was "role: role: expected ..."); info lists each track's role
. "$(dirname "$0")/../lib/common.sh"

P="$T/song"
head -c 192000 /dev/zero > "$T/in.raw"
alsa_extra "
pcm.two2 {
	type multi
	slaves.a { pcm \"null\"; channels 2 }
	bindings.0 { slave a; channel 0 }
	bindings.1 { slave a; channel 1 }
}
pcm.twocap {
	type file
	slave.pcm \"two2\"
	file \"/dev/null\"
	infile \"$T/in.raw\"
	format \"raw\"
}
pcm.twoplay {
	type file
	slave.pcm \"null\"
	file \"/dev/null\"
	format \"raw\"
}
pcm.two {
	type asym
	capture.pcm \"twocap\"
	playback.pcm \"twoplay\"
}"
reel_two() {
	"$REEL" --config "$CFG" --device two --sample-format S32_LE "$P" "$@"
}
run_to setup reel_two -c 'track-add gtr in=1'
[ "$RC" -eq 0 ] || { cat "$T/setup.err"; fail "setup: exit $RC"; }

# expect NAME STATUS PATTERN ARGS...: reel_two ARGS exits STATUS, its
# stderr matches PATTERN; when STATUS is 1, project.ini is unchanged.
expect() {
	name=$1; want=$2; pat=$3; shift 3
	cp "$P/project.ini" "$T/before.ini"
	run_to e reel_two "$@"
	why=""
	[ "$RC" -eq "$want" ] || why="$why exit $RC (expected $want);"
	grep -Eq -- "$pat" "$T/e.err" || why="$why stderr does not match /$pat/;"
	[ "$want" -eq 0 ] || cmp -s "$T/before.ini" "$P/project.ini" ||
		why="$why project.ini changed;"
	if [ -z "$why" ]; then
		ok "$name: $(grep -E -- "$pat" "$T/e.err" | head -n 1)"
	else
		sed 's/^/      stderr: /' "$T/e.err" | head -n 5
		soft_fail "$name:$why"
	fi
}

expect "track-add in=3, device open" 1 \
    "^reel: track-add: in: input 3, but capture device 'two' has 2$" \
    -c 'play 0.1; track-add keys in=3'
expect "track-add in=1,3, device open" 1 \
    "^reel: track-add: in: input 3, but capture device 'two' has 2$" \
    -c 'play 0.1; track-add keys in=1,3'
expect "track-input 1,3, device open" 1 \
    "^reel: track-input: in: input 3, but capture device 'two' has 2$" \
    -c 'play 0.1; track-input gtr 1,3'
expect "track-add in=2, device open" 0 "stopped" \
    -c 'play 0.1; track-add keys in=2'
expect "track-input 1,2, device open" 0 "stopped" \
    -c 'play 0.1; track-input keys 1,2'
expect "track-add in=3, device not open yet" 0 \
    "^reel: track-add: track bass: input 3 is checked when the device opens \
for recording$" \
    -c 'track-add bass in=3'
run_to arm reel_two -c 'arm bass'
expect "record on input 3" 1 \
    "record: capture device 'two' has 2 channels, 3 needed" \
    -c 'record 0.1'

say "-- roles"
expect "role with an unknown role" 1 \
    "^reel: role: ROLE: expected none, lead, .* keys or other, got 'singer'$" \
    -c 'role gtr singer'
expect "track-add role=" 1 \
    "^reel: track-add: role: expected none, lead, .* keys or other, got 'x'$" \
    -c 'track-add v role=x'
run_to info reel_two -c 'role gtr rhythm; info'
line=$(grep -E '^ +gtr ' "$T/info.out" | tr -s ' ')
head=$(grep -E '^ +name ' "$T/info.out" | tr -s ' ')
[ "$head" = " name role in ch gain pan state takes" ] &&
    [ "$line" = " gtr rhythm 1 mono +0.0dB +0.00 - 0" ] &&
    ok "info lists roles: '$line'" ||
    soft_fail "info: '$head' / '$line'"
say "-- the next free input"
# in_of NAME: the "in" column of info for track NAME.
in_of() {
	grep -E "^ +$1 " "$T/free.out" | tr -s ' ' | cut -d' ' -f4
}
Q="$T/free"
run_to free "$REEL" --config "$CFG" "$Q" -c 'track-add a; track-add b;
    track-add s channels=2; track-add c in=1; track-add d; info'
[ "$RC" -eq 0 ] || { cat "$T/free.err"; fail "free inputs: exit $RC"; }
got="$(in_of a) $(in_of b) $(in_of s) $(in_of c) $(in_of d)"
[ "$got" = "1 2 3,4 1 5" ] &&
    ok "track-add without in= takes the next free input: $got" ||
    soft_fail "next free inputs: '$got' (expected '1 2 3,4 1 5')"
# On the 2-input device, open: x holds 1, y takes 2, z shares input 1
# rather than taking one the device lacks.
run_to full "$REEL" --config "$CFG" --device two --sample-format S32_LE \
    "$T/two" -c 'track-add x; play 0.1; track-add y; track-add z; info'
got=""
for n in x y z; do
	got="$got $(grep -E "^ +$n " "$T/full.out" | tr -s ' ' | cut -d' ' -f4)"
done
[ "$RC" -eq 0 ] && [ "$got" = " 1 2 1" ] &&
    ok "every input taken on an open 2-input device: z shares input 1" ||
    { cat "$T/full.err"; soft_fail "full device: exit $RC, inputs '$got'" \
    "(expected ' 1 2 1')"; }
done_test
