#!/bin/sh
# A known 24-bit stereo signal recorded through the ALSA file device (S32_LE)
# into a mono track (in=1) and a stereo track (in=1,2) is bit-exact: take
# frame k is capture frame k, with latency = 0 and with the device's own
# latency (the take then starts at -B on the timeline and is B frames
# longer), as 24-bit WAV and as 32-bit float WAV with a plain header.
. "$(dirname "$0")/../lib/common.sh"
need sox soxi

RATE=48000
N=72000		# record 1.5: 281.25 periods, so the last one is partial
B=768		# period 256 x 3 periods: the file device's latency
# Left a sine, right white noise (every low bit busy), 24 bits in 32.
sox -n -r $RATE -c 2 -b 24 "$T/src.wav" synth 2.5 sine 440 whitenoise \
    vol 0.9 2>/dev/null
s32raw "$T/src.wav" "$T/in.raw"
file_devices "$T/in.raw" "$T/out.raw"
RAW="-t raw -r $RATE -e signed-integer -b 32"
sox $RAW -c 2 "$T/in.raw" $RAW -c 1 "$T/in1.raw" remix 1
say "signal: $(frames "$T/src.wav") frames, 24-bit stereo (sine | noise)"

# expect_take PROJ TRACK CHANNELS START LENGTH FORMAT: checks project.ini
# and that the take's samples are the first LENGTH capture frames.
expect_take() {
	p=$1; tr=$2; ch=$3; st=$4; len=$5; fmt=$6
	ini="$p/project.ini"
	file=$(ini_get "$ini" "take $tr 1" file)
	[ -n "$file" ] || { soft_fail "$p: no take for $tr"; return; }
	w="$p/$file"
	got="start=$(ini_get "$ini" "take $tr 1" start)"
	got="$got length=$(ini_get "$ini" "take $tr 1" length)"
	got="$got range=$(ini_get "$ini" "take $tr 1" range)"
	want="start=$st length=$len range=0 $N"
	if [ "$got" = "$want" ]; then ok "$tr: project.ini $got"
	else soft_fail "$tr: project.ini has '$got', expected '$want'"; fi
	f=$(frames "$w"); c=$(soxi -c "$w")
	if [ "$f" -eq "$len" ] && [ "$c" -eq "$ch" ]; then
		ok "$tr: $file has $f frames, $c channel(s)"
	else
		soft_fail "$tr: $file has $f frames, $c channel(s);" \
		    "expected $len, $ch"
	fi
	# The format tag of the plain (non-extensible) fmt chunk.
	fmtoff=12
	while [ "$(dd if="$w" bs=1 skip=$fmtoff count=4 2>/dev/null)" != \
	    "fmt " ] && [ $fmtoff -lt 200 ]; do
		fmtoff=$((fmtoff + 8 + $(od -An -t u4 -j $((fmtoff + 4)) \
		    -N 4 "$w" | tr -d ' ')))
	done
	tag=$(od -An -t u2 -j $((fmtoff + 8)) -N 2 "$w" | tr -d ' ')
	bits=$(od -An -t u2 -j $((fmtoff + 22)) -N 2 "$w" | tr -d ' ')
	if [ "$fmt" = wav24 ]; then wtag=1; wbits=24; else wtag=3; wbits=32; fi
	if [ "$tag" = $wtag ] && [ "$bits" = $wbits ]; then
		ok "$tr: WAV format tag $tag ($fmt), $bits bits, plain header"
	else
		soft_fail "$tr: WAV format tag $tag, $bits bits; expected" \
		    "$wtag, $wbits"
	fi
	if [ "$ch" -eq 1 ]; then src="$T/in1.raw"; else src="$T/in.raw"; fi
	slice "$src" "$T/want.raw" $((4 * ch)) 0 "$len"
	if [ "$fmt" = wav24 ]; then
		s32raw "$w" "$T/got.raw"
	else
		# Float data as written, against the capture converted by
		# sox (x / 2^31: exact for 24-bit values).
		wav_data "$w" "$T/got.raw"
		sox $RAW -c "$ch" "$T/want.raw" -t raw -e floating-point \
		    -b 32 "$T/wantf.raw"
		mv "$T/wantf.raw" "$T/want.raw"
	fi
	if rawcmp "$T/got.raw" "$T/want.raw" $((4 * ch)); then
		ok "$tr: all $len frames x $ch channel(s) bit-exact with" \
		    "capture frames 0..$((len - 1))"
	else
		soft_fail "$tr: take differs from the captured signal"
	fi
}

# run_case NAME LATENCY FORMAT
run_case() {
	name=$1; lat=$2; fmt=$3
	p="$T/$name"
	if [ "$lat" = auto ]; then st=-$B; len=$((N + B)); else
		st=$((0 - lat)); len=$((N + lat)); fi
	config_write "$CFG" "latency = $lat" "take-format = $fmt"
	say "-- $name: latency $lat, take-format $fmt"
	run_to "$name" reel_file "$p" -c 'track-add gtr in=1;
	    track-add st in=1,2; arm gtr; arm st; record 1.5'
	if [ "$RC" -ne 0 ]; then
		cat "$T/$name.err"
		soft_fail "$name: reel exited $RC"
		return
	fi
	expect_take "$p" gtr 1 "$st" "$len" "$fmt"
	expect_take "$p" st 2 "$st" "$len" "$fmt"
}

run_case lat0-wav24 0 wav24
run_case auto-wav24 auto wav24
run_case lat0-wav32f 0 wav32f
run_case auto-wav32f auto wav32f
done_test
