#!/bin/sh
# A render replaces only a regular file (issue 8, item 8): a character
# device node (mknod, as root), a FIFO, a directory, a symlink to one of
# them, a dangling symlink and a node like /dev/null are refused with one line naming
# what is there, and are left as they were, with no temp file beside them
# (a FIFO does not hang the render).  A symlink to a regular file is
# written through (the link stays); a regular file is replaced.
# `render -` writes a WAV stream to standard output: piped into sox and
# into Python's wave module it holds the same samples as a file render,
# in wav16, wav24 and wav32f; a reader that goes away fails the render
# (exit 1, one line); a terminal, or format=flac, is refused.
. "$(dirname "$0")/../lib/common.sh"
need sox python3 timeout

RATE=48000
P="$T/song"
R="$P/renders"
sox -n -r $RATE -c 2 -b 24 "$T/src.wav" synth 3 sine 220 sine 330 \
    vol 0.4 2>/dev/null
run_to imp reel_cfg "$P" -c "import $T/src.wav track=a; render ok.wav"
[ "$RC" -eq 0 ] || { cat "$T/imp.err"; fail "import: exit $RC"; }

# kind PATH: what is there, as stat names it (not following a symlink).
kind() { stat -c %F "$1" 2>/dev/null || echo missing; }

# refuse NAME FILE PATTERN: render FILE fails with one line matching
# PATTERN and leaves FILE as it was and no FILE.part.
refuse() {
	before=$(kind "$2"); tgt=$(readlink "$2" 2>/dev/null)
	run_to bad timeout -k 5 20 "$REEL" --config "$CFG" "$P" -c "render $2"
	n=$(wc -l < "$T/bad.err")
	after=$(kind "$2")
	if [ "$RC" -eq 1 ] && [ "$n" -eq 1 ] && grep -Eq "$3" "$T/bad.err" &&
	    [ "$before" = "$after" ] && [ "$(readlink "$2" 2>/dev/null)" = \
	    "$tgt" ] && [ ! -e "$2.part" ]; then
		ok "$1: $(sed "s|$T/||" "$T/bad.err"); still $after"
	else
		soft_fail "$1: exit $RC, $n lines ($(cat "$T/bad.err")); was" \
		    "$before, now $after"
	fi
}

if [ "$(id -u)" -eq 0 ] && mknod "$R/node.wav" c 1 3 2>/dev/null; then
	refuse "char device node" "$R/node.wav" \
	    "render: .*node.wav is a character device, not a regular file"
	ln -s node.wav "$R/tonode.wav"
	refuse "symlink to a device node" "$R/tonode.wav" \
	    "tonode.wav is a symbolic link to a character device"
	[ "$(stat -c %t,%T "$R/node.wav")" = 1,3 ] &&
	    ok "node.wav is still device 1,3" ||
	    soft_fail "node.wav changed: $(stat -c %F,%t,%T "$R/node.wav")"
else
	say "skip  device nodes: mknod needs root"
fi
mkfifo "$R/fifo.wav"
refuse "FIFO" "$R/fifo.wav" "fifo.wav is a FIFO, not a regular file"
ln -s fifo.wav "$R/tofifo.wav"
refuse "symlink to a FIFO" "$R/tofifo.wav" \
    "tofifo.wav is a symbolic link to a FIFO"
mkdir "$R/dir.wav"
refuse "directory" "$R/dir.wav" "dir.wav is a directory, not a regular file"
refuse "directory given with a slash" "$T/" "is a directory"
ln -s "$T/nowhere/x.wav" "$R/dangling.wav"
refuse "dangling symlink" "$R/dangling.wav" \
    "dangling.wav is a symbolic link to nothing"
# Never /dev/null itself: a reel with the old bug would replace the
# system's device.  A node of our own, given as a path, is the same case.
if [ "$(id -u)" -eq 0 ] && mknod "$T/null" c 1 3 2>/dev/null; then
	refuse "a device node given as a path (as /dev/null)" "$T/null" \
	    "null is a character device, not a regular file"
fi

# A regular file is replaced; a symlink to one is written through.
s32raw "$R/ok.wav" "$T/ok.raw"
echo old > "$T/target.wav"
ln -s "$T/target.wav" "$R/link.wav"
echo old > "$R/plain.wav"
run_to good reel_cfg "$P" -c "render link.wav; render plain.wav"
s32raw "$T/target.wav" "$T/t.raw" 2>/dev/null
s32raw "$R/plain.wav" "$T/p.raw" 2>/dev/null
if [ "$RC" -eq 0 ] && [ "$(kind "$R/link.wav")" = "symbolic link" ] &&
    [ "$(readlink "$R/link.wav")" = "$T/target.wav" ] &&
    rawcmp "$T/t.raw" "$T/ok.raw" 8 && rawcmp "$T/p.raw" "$T/ok.raw" 8 &&
    [ ! -e "$T/target.wav.part" ]; then
	ok "symlink to a regular file: the link stays, its file holds the" \
	    "render; a regular file is replaced by it"
else
	soft_fail "regular targets: exit $RC ($(cat "$T/good.err")); link:" \
	    "$(kind "$R/link.wav")"
fi

say "-- render - (standard output)"
# The stream read in Python: the header's sizes must be exact (RIFF size
# = bytes - 8, data size = what follows the header), the samples those of
# the file render; the standard library's wave module reads PCM streams.
[ -f "$T/reellib.py" ] || t_reellib > "$T/reellib.py"
cat > "$T/wavpipe.py" <<'EOF'
import io, struct, sys, wave
sys.path.insert(0, sys.argv[1])
from reellib import *
d = sys.stdin.buffer.read()
open(sys.argv[3], 'wb').write(d)
riff = struct.unpack('<I', d[4:8])[0]
off, data, tag = 12, None, None
while off + 8 <= len(d):
    cid, sz = d[off:off + 4], struct.unpack('<I', d[off + 4:off + 8])[0]
    if cid == b'fmt ':
        tag = struct.unpack('<H', d[off + 8:off + 10])[0]
    if cid == b'data':
        data = (sz, len(d) - off - 8)
        break
    off += 8 + sz + (sz & 1)
ch, rate, got = read_wav(sys.argv[3])
ch2, rate2, ref = read_wav(sys.argv[2])
same = got == ref
msg = '%d bytes, RIFF size %d, data chunk %d of %d bytes after its header' \
    % (len(d), riff, data[0], data[1])
if tag == 1:
    w = wave.open(io.BytesIO(d))
    msg += '; wave: %d frames of %d bytes' % (w.getnframes(),
        w.getsampwidth())
    same = same and w.getnframes() == len(ref[0])
good = riff == len(d) - 8 and data[0] == data[1] and same
print(('OK ' if good else 'BAD ') + msg + ('; samples equal' if same else
      '; samples DIFFER'))
EOF
for f in wav16 wav24 wav32f; do
	run_to "f$f" reel_cfg "$P" -c "render f$f.wav format=$f dither=off"
	reel_cfg "$P" -c "render - format=$f dither=off" 2>"$T/p$f.err" |
	    sox -t wav - -t wav "$T/sox$f.wav"
	rc1=$?
	s32raw "$R/f$f.wav" "$T/a.raw"
	s32raw "$T/sox$f.wav" "$T/b.raw"
	reel_cfg "$P" -c "render - format=$f dither=off" 2>/dev/null |
	    python3 -S "$T/wavpipe.py" "$T" "$R/f$f.wav" "$T/pipe.wav" \
	    > "$T/py$f.out" 2>&1
	if [ "$rc1" -eq 0 ] && rawcmp "$T/a.raw" "$T/b.raw" 8 &&
	    grep -q "^OK" "$T/py$f.out" &&
	    grep -q "rendered to standard output" "$T/p$f.err"; then
		ok "render - format=$f | sox: the file render's samples;" \
		    "python: $(cat "$T/py$f.out")"
	else
		soft_fail "render - format=$f: sox exit $rc1; python:" \
		    "$(cat "$T/py$f.out"); $(cat "$T/p$f.err")"
	fi
done

# The reader goes away after 1000 bytes: the render fails, in one line.
reel_cfg "$P" -c "render -; info" 2>"$T/head.err" | head -c 1000 \
    > /dev/null
st=$(sed -n 1p "$T/head.err")
# The status of reel in the pipe: run it again with the status kept.
( reel_cfg "$P" -c "render -; info" 2>/dev/null; echo $? > "$T/head.rc" ) |
    head -c 1000 > /dev/null
if [ "$(cat "$T/head.rc")" = 1 ] && [ "$(wc -l < "$T/head.err")" -eq 1 ] &&
    grep -q "broken pipe" "$T/head.err"; then
	ok "reader gone: exit 1, $st"
else
	soft_fail "reader gone: exit $(cat "$T/head.rc"): $(cat "$T/head.err")"
fi
run_to fl reel_cfg "$P" -c "render - format=flac"
[ "$RC" -eq 1 ] && grep -q "standard output carries WAV" "$T/fl.err" &&
    [ ! -s "$T/fl.out" ] && ok "render - format=flac: $(cat "$T/fl.err")" ||
    soft_fail "render - format=flac: exit $RC: $(cat "$T/fl.err")"
# At the plain prompt standard output is the session's own.
echo 'render -' | "$REEL" --config "$CFG" --plain "$P" > "$T/plain.out" \
    2>&1
grep -q "render: -: standard output only from a script" "$T/plain.out" &&
    ! grep -q RIFF "$T/plain.out" &&
    ok "render - at the plain prompt: refused, nothing written" ||
    soft_fail "render - at the plain prompt: $(head -c 300 "$T/plain.out")"
if command -v script >/dev/null 2>&1; then
	script -qec "$REEL --config $CFG $P -c 'render -'; echo rc=\$?" \
	    /dev/null > "$T/tty.out" 2>&1
	if grep -q "standard output is a terminal" "$T/tty.out" &&
	    grep -q "rc=1" "$T/tty.out" && [ "$(wc -c < "$T/tty.out")" -lt 400 ]
	then
		ok "render - on a terminal: $(head -n 1 "$T/tty.out" | tr -d '\r')"
	else
		soft_fail "render - on a terminal: $(head -c 300 "$T/tty.out")"
	fi
fi
done_test
