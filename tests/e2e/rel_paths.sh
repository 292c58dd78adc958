#!/bin/sh
# Promise 6 (hostile project files): a project.ini whose take points
# outside the project (../x.wav, an absolute path, a symlink out of the
# project, a symlinked audio/ directory) is refused with a message naming
# the take, and nothing outside the project is touched; an audio/ that
# is a symlink out gets no takes (record and import refuse); a .reel.lock
# symlink cannot make reel overwrite its target.  Nothing in a project or
# config file can run a program: no system(), popen() or exec*() in the
# sources.
. "$(dirname "$0")/../lib/common.sh"

P=$T/song
"$REEL" -q "$P" -c 'track-add a in=1' || fail "cannot create a project"
sox -n -r 48000 -c 1 -b 24 "$T/x.wav" synth 0.1 sine 440 2>/dev/null ||
    fail "sox cannot make a test file"
cp "$T/x.wav" "$P/audio/a-1.wav"
mkdir -p "$T/outside"
cp "$T/x.wav" "$T/outside/x.wav"
secret=$T/outside/secret.txt
echo "not reel's" > "$secret"
sum_before=$(md5sum < "$secret")

# project_with FILE: the project with take 1 of track a reading FILE.
project_with() {
	d=$T/p$n
	rm -rf "$d"
	cp -r "$P" "$d"
	cat >> "$d/project.ini" <<EOF2

[take a 1]
file = $1
channels = 1
start = 0
length = 4800
range = 0 4800
rating = 0
state = ok
created = 1700000000
EOF2
}

n=0
# refused DESCRIPTION FILE: the take must be refused, named, untouched.
refused() {
	n=$((n + 1))
	project_with "$2"
	[ -n "${3:-}" ] && eval "$3"
	cp "$d/project.ini" "$T/before.ini"
	run_to open "$REEL" "$d" -c info
	msg=$(cat "$T/open.err")
	if [ "$RC" -eq 1 ] && printf '%s' "$msg" | grep -q "take a 1" &&
	    cmp -s "$d/project.ini" "$T/before.ini"; then
		ok "$1: refused: $msg"
	else
		soft_fail "$1: exit $RC, message '$msg'"
	fi
}

# The same project with an inside path opens: the checks are not blind.
n=$((n + 1)); project_with audio/a-1.wav
run_to good "$REEL" "$d" -c 'takes a'
[ "$RC" -eq 0 ] || fail "a take inside the project is refused: $(cat "$T/good.err")"
ok "a take inside the project opens"
n=$((n + 1)); project_with audio/new/a-1.wav
run_to good "$REEL" "$d" -c 'takes a'
[ "$RC" -eq 0 ] || fail "a missing take inside the project is refused: $(cat "$T/good.err")"
ok "a take inside the project that is not there (yet) opens"

refused "file = ../x.wav" "../x.wav"
refused "file = audio/../../x.wav" "audio/../../x.wav"
refused "file = $T/x.wav (absolute)" "$T/x.wav"
refused "file = /etc/passwd" "/etc/passwd"
refused "file = audio/link.wav, a symlink to /etc/passwd" audio/link.wav \
    'ln -s /etc/passwd "$d/audio/link.wav"'
refused "file = audio/up.wav, a relative symlink out" audio/up.wav \
    'ln -s ../../outside/x.wav "$d/audio/up.wav"'
refused "file = ext/x.wav, ext a symlinked directory out" ext/x.wav \
    'ln -s "$T/outside" "$d/ext"'
refused "file = ext/new.wav (not there yet), ext a symlinked directory out" \
    ext/new.wav 'ln -s "$T/outside" "$d/ext"'
refused "file = audio/dangling.wav, a symlink to a file not there yet" \
    audio/dangling.wav 'ln -s "$T/outside/later.wav" "$d/audio/dangling.wav"'

# audio/ a symlink out of the project: recording and importing must not
# put takes there (the project would then refuse to open).
n=$((n + 1)); d=$T/p$n
cp -r "$P" "$d"; rm -rf "$d/audio" "$d/.reel.lock"
mkdir -p "$T/elsewhere"
ln -s "$T/elsewhere" "$d/audio"
"$REEL" -q "$d" -c 'arm a' 2>/dev/null
for c in 'record 1' "import $T/x.wav track=a"; do
	run_to out "$REEL" -d null "$d" -c "$c"
	if [ "$RC" -eq 1 ] && [ -z "$(ls "$T/elsewhere")" ] &&
	    "$REEL" "$d" -c info > /dev/null 2>&1; then
		ok "audio/ a symlink out, '${c%% *}': refused: $(head -n 1 "$T/out.err")"
	else
		soft_fail "audio/ a symlink out, '${c%% *}': exit $RC," \
		    "outside holds '$(ls "$T/elsewhere")'"
	fi
done

# A lock file that is a symlink: reel must not write through it.
n=$((n + 1)); project_with audio/a-1.wav
ln -s "$secret" "$d/.reel.lock"
run_to lock "$REEL" "$d" -c 'gain a -1'
if [ "$(md5sum < "$secret")" = "$sum_before" ]; then
	ok ".reel.lock symlinked to a file outside: that file is untouched" \
	    "(exit $RC: $(head -n 1 "$T/lock.err"))"
else
	soft_fail ".reel.lock symlink: reel wrote through it into $secret"
fi

# Nothing can run a program: no call that starts one in the sources.
hits=$(grep -nE '\b(system|popen|execl|execlp|execle|execv|execvp|execvpe|posix_spawnp?|fork|vfork)[[:space:]]*\(' \
    "$REEL_TOP"/src/*.c "$REEL_TOP"/audio/*.c "$REEL_TOP"/tui/*.c 2>/dev/null |
    grep -v '^\s*/\?\*')
# One exception, exactly one fork() and one execvp() and only inside
# tui_run_editor (tui/tui_sheet.c): lyrics-edit hands the screen to the
# user's $EDITOR (from the environment, never from a project or config
# file; no shell).
ed="$REEL_TOP/tui/tui_sheet.c"
range=$(awk '/^tui_run_editor\(/ { s = NR } s && /^}/ { print s, NR; exit }' \
    "$ed" 2>/dev/null)
allowed=$(printf '%s\n' "$hits" | awk -F: -v f="$ed" -v r="$range" '
    BEGIN { split(r, a, " ") }
    $1 == f && $2 + 0 >= a[1] && $2 + 0 <= a[2] &&
    $0 ~ /(^|[^v])(fork|execvp)[[:space:]]*\(/ &&
    $0 !~ /system|popen|posix_spawn|vfork|execl|execv[^p]|execvpe/' |
    grep -c .)
hits=$(printf '%s\n' "$hits" | awk -F: -v f="$ed" -v r="$range" '
    BEGIN { split(r, a, " ") }
    $1 == f && $2 + 0 >= a[1] && $2 + 0 <= a[2] &&
    $0 ~ /(^|[^v])(fork|execvp)[[:space:]]*\(/ &&
    $0 !~ /system|popen|posix_spawn|vfork|execl|execv[^p]|execvpe/ { next }
    NF { print }')
if [ -z "$hits" ] && [ "$allowed" -le 2 ]; then
	ok "no system(), popen(), exec*(), fork() in src/ audio/ tui/" \
	    "but \$EDITOR's fork and execvp in tui_run_editor ($allowed)"
else
	printf '%s\n' "$hits" | sed 's/^/      /'
	soft_fail "the sources start programs"
fi
done_test
