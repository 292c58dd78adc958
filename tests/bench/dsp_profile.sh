#!/bin/sh
# dsp_profile.sh - where the mix graph's processing time goes (issue 9,
# "Performance"), by instruction counts: prints figures, never fails.
#
# Makes NT mono 24-bit WAV files of SECS seconds with sox (once, in
# build/dsp-data), two projects through reel's own commands:
#   off  each track: eq (b1 hp 80 Hz, b2 lp 12 kHz) + comp (threshold -20
#        dB, ratio 4), as the issue's offline render against ecasound's
#        -efh:80 -efl:12000 -eca:69,0.5,0,1.0;
#   rt   each track: a 5-band eq and a comp, sends to a delay bus and a
#        reverb bus, 8 tracks routed to a group bus with a comp, as the
#        issue's real-time case;
# and runs `render` of each under `valgrind --tool=callgrind`
# (instruction counts are repeatable on a busy machine, wall time is
# not), printing the total and the costliest functions.  With WALL=1 it
# also times the off render against ecasound on the same files, one run
# each, back to back, with the load average.
#
#   NT=32 SECS=10   the job (callgrind runs ~50x slower than native)
#   WHICH="off rt"  the projects to profile
#   WALL=1          the wall-clock ratio against ecasound (SECS=180 for
#                   the issue's figure; made once, ~1 GB)
#   OUT=DIR         keep callgrind.out.* there (build/dsp-profile)
set -u
export LC_ALL=C
TOP=$(cd "$(dirname "$0")/../.." && pwd)
REEL=${BENCH_REEL:-$TOP/build/reel}
NT=${NT:-32}
SECS=${SECS:-10}
RATE=48000
WHICH=${WHICH-off rt}
DATA="$TOP/build/dsp-data/$NT-$SECS"
OUT=${OUT:-$TOP/build/dsp-profile}
note() { printf 'dsp_profile: %s\n' "$*" >&2; }

[ -x "$REEL" ] || { note "no $REEL: run make"; exit 1; }
mkdir -p "$DATA" "$OUT"
export XDG_CONFIG_HOME="$OUT/.config"

# Track i: a sine of its own over pink or brown noise, well below full
# scale but loud enough (-14 dBFS peaks) that the compressors work.
if [ "$(cat "$DATA/stamp" 2>/dev/null)" != "v1" ]; then
	note "making $NT files of $SECS s in $DATA (once)"
	i=1
	while [ $i -le "$NT" ]; do
		if [ $((i % 2)) -eq 0 ]; then noise=pinknoise; else
			noise=brownnoise; fi
		sox -n -r $RATE -b 24 -c 1 -t wavpcm "$DATA/f$i.wav" \
		    synth "$SECS" $noise synth "$SECS" sine mix \
		    $((55 + 37 * i)) gain -14 &
		[ $((i % 2)) -eq 0 ] && wait
		i=$((i + 1))
	done
	wait
	echo v1 > "$DATA/stamp"
fi

# project NAME: the project's commands.
project() {
	c=""
	[ "$1" = rt ] && c="bus-add dly; fx-add dly delay; bus-add verb;
	    fx-add verb reverb; bus-add grp; fx-add grp comp;"
	i=1
	while [ $i -le "$NT" ]; do
		c="$c import $DATA/f$i.wav track=t$i; fx-add t$i eq;"
		if [ "$1" = off ]; then
			c="$c fx-set t$i 1 b1.type=hp b1.freq=80"
			c="$c b2.type=lp b2.freq=12000; fx-add t$i comp;"
		else
			c="$c fx-set t$i 1 b1.type=hp b1.freq=60"
			c="$c b2.type=lowshelf b2.freq=200 b2.gain=-2"
			c="$c b3.type=peak b3.freq=800 b3.gain=-3"
			c="$c b4.type=peak b4.freq=3000 b4.gain=2"
			c="$c b5.type=highshelf b5.freq=10000 b5.gain=1;"
			c="$c fx-add t$i comp; send t$i verb -12;"
			[ $((i % 2)) -eq 0 ] && c="$c send t$i dly -15;"
			[ $i -le 8 ] && c="$c route t$i grp;"
		fi
		i=$((i + 1))
	done
	printf '%s' "$c"
}

# make_project NAME: $DATA/NAME, once.
make_project() {
	[ -f "$DATA/$1/project.ini" ] && return 0
	"$REEL" -q "$DATA/$1" -c "$(project "$1")" > "$OUT/$1-make.log" 2>&1 ||
	    { note "making $1 failed"; tail -n 3 "$OUT/$1-make.log"; }
}

for w in $WHICH; do
	P="$DATA/$w"
	make_project "$w"
	f="$OUT/callgrind.out.$w"
	rm -f "$f"
	note "callgrind: render of $w ($NT x $SECS s)"
	valgrind --tool=callgrind --callgrind-out-file="$f" \
	    "$REEL" -q "$P" -c "render $OUT/$w.wav format=wav24" \
	    > "$OUT/$w-cg.log" 2>&1 || { note "callgrind of $w failed"
		tail -n 5 "$OUT/$w-cg.log" >&2; continue; }
	echo "== $w: $NT tracks x $SECS s, instructions (Ir) =="
	callgrind_annotate --inclusive=no "$f" 2>/dev/null |
	    sed -n '/PROGRAM TOTALS/p; /file:function/,$p' | head -n 22
done

[ "${WALL:-}" = 1 ] || exit 0
make_project off
P="$DATA/off"
eca="-q -z:mixmode,sum"
i=1
while [ $i -le "$NT" ]; do
	eca="$eca -a:$i -i:$DATA/f$i.wav -efh:80 -efl:12000 -eca:69,0.5,0,1.0"
	i=$((i + 1))
done
eca="$eca -a:all -f:s24_le,2,$RATE -o:$OUT/eca.wav"
# t CMD...: "wall cpu" in seconds (cpu: user + sys, all threads).
t() { /usr/bin/time -f "%e %U %S" -o "$OUT/time" "$@" > /dev/null 2>&1
	awk '{ printf "%.3f %.3f", $1, $2 + $3 }' "$OUT/time"; }
cat "$DATA"/f*.wav > /dev/null
load0=$(cut -d' ' -f1-3 /proc/loadavg)
set -- $(t "$REEL" -q "$P" -c "render $OUT/off.wav format=wav24")
rw=$1 rc=$2
# shellcheck disable=SC2086
set -- $(t ecasound $eca)
ew=$1 ec=$2
echo "== one run each, back to back; load average $load0 before," \
    "$(cut -d' ' -f1-3 /proc/loadavg) after ($(nproc) CPUs) =="
echo "reel render: $rw s wall, $rc s CPU; ecasound: $ew s wall, $ec s CPU"
awk "BEGIN { printf \"reel is %.2fx faster by wall, %.2fx by CPU; \" \
    \"reel %.0fx real time, ecasound %.1fx (wall)\\n\", \
    $ew / $rw, $ec / $rc, $SECS / $rw, $SECS / $ew }"
