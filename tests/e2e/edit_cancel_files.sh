#!/bin/sh
# An operation over several clips stopped half way leaves no file behind
# (issue 14): denoise over a 1 s clip and then a 60 s one; ^C once the
# first clip's result is written (audio/v.denoise-1.wav shows) stops it
# in the second.  reel exits non-zero, project.ini is byte-identical to
# before, and audio/ holds no denoise file: the finished first result
# goes with the cancelled run (before, it stayed as an orphan).
. "$(dirname "$0")/../lib/common.sh"
need sox

sox -n -r 48000 -c 1 -b 24 "$T/short.wav" synth 1 whitenoise vol 0.1 \
    2>/dev/null
sox -n -r 48000 -c 1 -b 24 "$T/long.wav" synth 60 whitenoise vol 0.1 \
    2>/dev/null
P=$T/p
run_to setup reel_cfg -q "$P" -c "import $T/short.wav track=v at=0; \
    import $T/long.wav track=v at=2; noise-learn v 0 0.5"
[ "$RC" -eq 0 ] || { cat "$T/setup.err"; fail "setting up: exit $RC"; }
cp "$P/project.ini" "$T/before.ini"
ls -A "$P/audio" > "$T/before.ls"
"$REEL" --config "$CFG" "$P" -c "denoise v" > "$T/d.out" 2> "$T/d.err" &
pid=$!
T_PIDS="$T_PIDS $pid"
i=0
while [ ! -f "$P/audio/v.denoise-1.wav" ] && [ $i -lt 600 ]; do
	sleep 0.05
	i=$((i + 1))
done
[ -f "$P/audio/v.denoise-1.wav" ] ||
	fail "the first clip's result never showed: $(cat "$T/d.err")"
kill -INT "$pid"
wait "$pid"
RC=$?
say "    reel: exit $RC, $(tail -n 1 "$T/d.err")"
check "reel exits non-zero" [ "$RC" -ne 0 ]
check "project.ini is byte-identical" cmp "$T/before.ini" "$P/project.ini"
ls -A "$P/audio" > "$T/after.ls"
check "audio/ holds what it held before (no denoise file, no partial)" \
    cmp "$T/before.ls" "$T/after.ls" || diff "$T/before.ls" "$T/after.ls"
done_test
