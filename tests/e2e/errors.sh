#!/bin/sh
# Bad input gets one line on stderr naming the problem, exit status 1 (2
# for bad usage), and changes nothing: project.ini stays byte-identical and
# no take file appears.  Devices: no such device, a busy device (simulated:
# snd_pcm_open returning EBUSY, as a hw device in use does), a rate the
# device refuses (a plug with a fixed-rate slave and no resampling); the
# project: not a project, a project.ini syntax error (file:line), opened by
# another reel; commands: unknown command, unknown track, values out of
# range, bad TIME, unknown option; usage: no project, unknown flag.
. "$(dirname "$0")/../lib/common.sh"
need sox

P="$T/song"
sox -n -r 48000 -c 2 -b 24 "$T/src.wav" synth 2 sine 440 sine 660 vol 0.5 \
    2>/dev/null
s32raw "$T/src.wav" "$T/in.raw"
file_devices "$T/in.raw" "$T/out.raw"
run_to setup reel_file "$P" -c 'track-add gtr in=1; arm gtr; record 0.5'
[ "$RC" -eq 0 ] || { cat "$T/setup.err"; fail "setup: exit $RC"; }

# expect NAME STATUS PATTERN CMD...: CMD must exit STATUS with one line on
# stderr matching PATTERN (grep -E), project.ini and audio/ unchanged.
expect() {
	name=$1; want=$2; pat=$3; shift 3
	cp "$P/project.ini" "$T/before.ini"
	ls -a "$P" "$P/audio" > "$T/before.ls" 2>/dev/null
	run_to e "$@"
	ls -a "$P" "$P/audio" > "$T/after.ls" 2>/dev/null
	lines=$(wc -l < "$T/e.err")
	msg=$(head -n 1 "$T/e.err")
	why=""
	[ "$RC" -eq "$want" ] || why="$why exit $RC (expected $want);"
	[ "$lines" -eq 1 ] || why="$why $lines lines on stderr;"
	grep -Eq -- "$pat" "$T/e.err" || why="$why message does not match /$pat/;"
	cmp -s "$T/before.ini" "$P/project.ini" || why="$why project.ini changed;"
	cmp -s "$T/before.ls" "$T/after.ls" || why="$why files changed;"
	if [ -z "$why" ]; then
		ok "$name: exit $RC: $msg"
	else
		sed 's/^/      stderr: /' "$T/e.err" | head -n 5
		soft_fail "$name:$why"
	fi
}

say "-- devices"
expect "no such device (record)" 1 "nosuch.*no such device" \
    "$REEL" --config "$CFG" --device nosuch "$P" -c 'record 1'
expect "no such device (play)" 1 "nosuch.*no such device" \
    "$REEL" --config "$CFG" --device nosuch "$P" -c 'play 1'

# A busy device.  No sound card here, and none of the PCMs a test can
# define (file, null, jack) is ever busy, so snd_pcm_open is made to answer
# -EBUSY for the PCM named "busydev", exactly as for a hw device in use.
if command -v cc >/dev/null 2>&1; then
	cat > "$T/busy.c" <<'EOF'
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <string.h>
typedef struct _snd_pcm snd_pcm_t;
int
snd_pcm_open(snd_pcm_t **pcm, const char *name, int stream, int mode)
{
	int (*real)(snd_pcm_t **, const char *, int, int);

	if (strcmp(name, "busydev") == 0)
		return -EBUSY;
	*(void **)&real = dlsym(RTLD_NEXT, "snd_pcm_open");
	return real(pcm, name, stream, mode);
}
EOF
	if cc -shared -fPIC -o "$T/busy.so" "$T/busy.c" -ldl 2>"$T/cc.err"
	then
		expect "device busy (simulated EBUSY, record)" 1 \
		    "busydev.*busy" env LD_PRELOAD="$T/busy.so" \
		    ASAN_OPTIONS="$ASAN_OPTIONS:verify_asan_link_order=0" \
		    "$REEL" --config "$CFG" --device busydev "$P" -c 'record 1'
		expect "capture device busy, playback free (record)" 1 \
		    "capture.*busydev.*busy" env LD_PRELOAD="$T/busy.so" \
		    ASAN_OPTIONS="$ASAN_OPTIONS:verify_asan_link_order=0" \
		    "$REEL" --config "$CFG" --capture busydev --playback null \
		    "$P" -c 'record 1'
	else
		cat "$T/cc.err"
		soft_fail "cannot build the EBUSY shim"
	fi
else
	say "skip  device busy: no C compiler to build the EBUSY shim"
fi

# A device that takes 48 kHz only: a plug whose slave rate is fixed, with
# resampling refused (reel never lets ALSA resample).
alsa_extra 'pcm.fixed48 { type plug slave { pcm "null" rate 48000 } }'
P44="$T/song44"
config_write "$T/r44.ini" "rate = 44100"
run_to p44 "$REEL" --config "$T/r44.ini" "$P44" -c 'track-add gtr in=1;
    arm gtr'
PSAVE=$P; P=$P44
expect "rate the device refuses (play)" 1 \
    "fixed48.*refuses 44100 Hz \(it offers 48000\)" \
    "$REEL" --config "$CFG" --device fixed48 "$P" -c 'play 1'
expect "rate the device refuses (record)" 1 \
    "fixed48.*refuses 44100 Hz \(it offers 48000\)" \
    "$REEL" --config "$CFG" --device fixed48 "$P" -c 'record 1'
P=$PSAVE

say "-- projects"
mkdir "$T/notproj"; echo hello > "$T/notproj/notes.txt"
cp -r "$T/notproj" "$T/notproj.before"
run_to np "$REEL" --config "$CFG" "$T/notproj" -c info
if [ "$RC" -eq 1 ] && [ "$(wc -l < "$T/np.err")" -eq 1 ] &&
    diff -r "$T/notproj" "$T/notproj.before" >/dev/null &&
    grep -q "notproj" "$T/np.err"; then
	ok "not a project (non-empty, no project.ini): exit 1:" \
	    "$(cat "$T/np.err")"
else
	sed 's/^/      stderr: /' "$T/np.err"
	ls -a "$T/notproj"
	soft_fail "not a project: exit $RC, or the directory changed"
fi
# Syntax errors: the message names file:line.
bad_ini() {	# NAME LINE TEXT-AFTER-LINE-3
	d="$T/bad-$1"; cp -r "$P" "$d"; rm -f "$d/.reel.lock"
	awk -v l="$2" -v t="$3" 'NR == l { print t } { print }' \
	    "$P/project.ini" > "$d/project.ini"
	cp "$d/project.ini" "$T/bad.before"
	run_to bi "$REEL" --config "$CFG" "$d" -c info
	if [ "$RC" -eq 1 ] && [ "$(wc -l < "$T/bi.err")" -eq 1 ] &&
	    grep -q "project.ini:$2:" "$T/bi.err" &&
	    cmp -s "$d/project.ini" "$T/bad.before"; then
		ok "project.ini $1: exit 1: $(cat "$T/bi.err")"
	else
		sed 's/^/      stderr: /' "$T/bi.err"
		soft_fail "project.ini $1: exit $RC, expected 1 and" \
		    "'project.ini:$2:'"
	fi
}
bad_ini "with a line that is not key = value (line 5)" 5 "this is garbage"
bad_ini "with an unclosed section header (line 8)" 8 "[track"
bad_ini "with a bad value (line 4)" 4 "rate = 12345"
# One writer: a second reel is refused and told who has the project.
mkfifo "$T/hold"
"$REEL" --config "$CFG" --plain "$P" < "$T/hold" > "$T/holder.out" 2>&1 &
HOLDER=$!
T_PIDS="$T_PIDS $HOLDER"
exec 9> "$T/hold"
i=0
while [ ! -s "$P/.reel.lock" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
expect "project open in another reel" 1 "another reel.*pid $HOLDER" \
    "$REEL" --config "$CFG" "$P" -c 'gain gtr -1'
exec 9>&-
wait $HOLDER

say "-- commands"
expect "unknown command" 1 "unknown command 'frobnicate'" \
    "$REEL" --config "$CFG" "$P" -c 'frobnicate 3'
expect "unknown track" 1 "no track named 'bass'" \
    "$REEL" --config "$CFG" "$P" -c 'gain bass -3'
expect "pan out of range" 1 "pan.*-1 to 1.*'2'" \
    "$REEL" --config "$CFG" "$P" -c 'pan gtr 2'
expect "gain out of range" 1 "gain.*'99'" \
    "$REEL" --config "$CFG" "$P" -c 'gain gtr 99'
expect "gain not a number" 1 "gain.*'loud'" \
    "$REEL" --config "$CFG" "$P" -c 'gain gtr loud'
expect "input out of range" 1 "track-add.*in" \
    "$REEL" --config "$CFG" "$P" -c 'track-add vox in=0'
expect "bad TIME (locate)" 1 "locate.*'1:7x'" \
    "$REEL" --config "$CFG" "$P" -c 'locate 1:7x'
expect "bad DURATION (record)" 1 "record.*'soon'" \
    "$REEL" --config "$CFG" --device null "$P" -c 'record soon'
expect "bad TIME (render start=)" 1 "render.*start.*'zz'" \
    "$REEL" --config "$CFG" "$P" -c 'render x.wav start=zz'
expect "unknown option key" 1 "unknown option 'colour'" \
    "$REEL" --config "$CFG" "$P" -c 'render x.wav colour=red'
expect "bad option value" 1 "format.*'mp3'" \
    "$REEL" --config "$CFG" "$P" -c 'render x.wav format=mp3'
expect "unbalanced quote" 1 "quote" \
    "$REEL" --config "$CFG" "$P" -c "gain 'gtr -3"
expect "missing argument" 1 "usage: gain" \
    "$REEL" --config "$CFG" "$P" -c 'gain gtr'
[ -e "$P/renders/x.wav" ] && soft_fail "a failed render left renders/x.wav"

say "-- usage (exit 2)"
# usage NAME PATTERN ARGS...: exit 2, the first line names the problem.
usage() {
	name=$1; pat=$2; shift 2
	run_to u "$REEL" "$@"
	if [ "$RC" -eq 2 ] && head -n 1 "$T/u.err" | grep -Eq -- "$pat"; then
		ok "$name: exit 2: $(head -n 1 "$T/u.err")"
	else
		sed 's/^/      stderr: /' "$T/u.err" | head -n 3
		soft_fail "$name: exit $RC, expected 2 and /$pat/ first"
	fi
}
usage "no project argument" "usage: reel"
usage "two project arguments" "usage: reel" "$P" "$T/other"
usage "unknown flag" "unrecognized option '--bogus'" --bogus "$P"
usage "bad --period" "period" --period abc "$P" -c info
usage "bad --sample-format" "sample-format" --sample-format S8 "$P" -c info
usage "missing --config file" "nosuch.ini" --config "$T/nosuch.ini" "$P" \
    -c info
[ -e "$T/other" ] && soft_fail "a usage error created $T/other"

# A config file with a key reel does not know: a warning with file:line,
# and reel carries on (settings files outlive versions).
config_write "$T/unk.ini" "colour = red"
run_to cfg "$REEL" --config "$T/unk.ini" "$P" -c info
if [ "$RC" -eq 0 ] && grep -q "unk.ini:1: unknown key 'colour'" "$T/cfg.err"
then
	ok "unknown config key: warned ($(cat "$T/cfg.err")), carried on"
else
	sed 's/^/      stderr: /' "$T/cfg.err"
	soft_fail "unknown config key: exit $RC, no file:line warning"
fi
done_test
