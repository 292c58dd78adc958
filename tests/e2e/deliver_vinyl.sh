#!/bin/sh
# deliver vinyl: one continuous 24-bit file per side at the album rate,
# exact lengths (gaps and a crossfade counted), the songs' samples where
# the side sheet says, and the cutter's warnings: low end out of phase,
# sibilance, peaks above the ceiling.
. "$(dirname "$0")/../lib/common.sh"
need python3
need sox
DRIVE=${REEL_DELIVER_DRIVE:-$(dirname "$REEL")/tests/test_deliver}
[ -x "$DRIVE" ] || fail "no $DRIVE (make VARIANT=test unit)"
mkdir -p "$T/a"
cd "$T/a" || exit 1
F="-r 48000 -c 2 -e floating-point -b 32"
sox -n $F one.wav synth 4 sine 440 gain -6
sox -n $F two.wav synth 3 sine 60 gain -6 remix 1 1v-1
sox -n $F three.wav synth 3 sine 7000 gain -3
sox -n $F four.wav synth 2 sine 100 gain -0.05
cat > album.ini <<'INI'
[album]
rate = 48000
title = Vinyl Test

[song 1]
master = one.wav
title = Clean
side = A

[song 2]
master = two.wav
title = Phase
gap = 1.5
side = A

[song 3]
master = three.wav
title = Hiss
gap = 3
side = B

[song 4]
master = four.wav
title = Hot
crossfade = 500
side = B
INI
"$DRIVE" vinyl album.ini "$T/out" format=12in33 > "$T/log" 2>&1 ||
	{ cat "$T/log"; fail "deliver vinyl"; }
cat "$T/log"
# Side A: 4 s + 1.5 s + 3 s; side B begins with song 3 (its gap is the
# lead-in's), song 4 overlaps it by 0.5 s: 3 + 2 - 0.5.
[ "$(soxi -s "$T/out/side-A.wav")" = 408000 ] || fail "side A length"
[ "$(soxi -s "$T/out/side-B.wav")" = 216000 ] || fail "side B length"
[ "$(soxi -b "$T/out/side-A.wav")" = 24 ] && [ "$(soxi -r "$T/out/side-B.wav")" = 48000 ] ||
	fail "24-bit at the album rate"
ok "side A 408000 frames (8.5 s), side B 216000 (4.5 s), 24-bit, 48 kHz"
python3 - "$T/out/side-A.wav" one.wav two.wav <<'PY' || fail "side A content"
import struct, sys
def read(p):
    b = open(p, "rb").read()
    pos = 12
    while pos < len(b):
        cid, n = b[pos:pos+4], struct.unpack("<I", b[pos+4:pos+8])[0]
        if cid == b"fmt ":
            bits = struct.unpack("<H", b[pos+22:pos+24])[0]
        if cid == b"data":
            d = b[pos+8:pos+8+n]
            break
        pos += 8 + n + (n & 1)
    if bits == 32:
        return list(struct.unpack("<%df" % (len(d)//4), d))
    return [int.from_bytes(d[i:i+3], "little", signed=True) / 8388608
            for i in range(0, len(d), 3)]
side, one, two = read(sys.argv[1]), read(sys.argv[2]), read(sys.argv[3])
want = one + [0.0] * (2 * 72000) + two
assert len(side) == len(want), (len(side), len(want))
worst = max(abs(a - b) for a, b in zip(side, want))
assert worst <= 1.0 / 8388608, worst
print("ok    side A is song 1, 1.5 s of silence, song 2 (within %.1e)" % worst)
PY
grep -q "A1  0:00.000  0:04.000  Clean" "$T/out/sides.txt" &&
	grep -q "A2  0:05.500  0:08.500  Phase" "$T/out/sides.txt" &&
	grep -q "B2  0:02.500  0:04.500  Hot" "$T/out/sides.txt" &&
	grep -q "side B  side-B.wav  total 0:04.500" "$T/out/sides.txt" ||
	{ cat "$T/out/sides.txt"; fail "sides.txt"; }
ok "sides.txt: A1, A2, B1, B2 with start, end and the side totals"
grep -q "^deliver: warning: song 2 'Phase': the low end (below 300 Hz) is out of phase" "$T/log" ||
	fail "out-of-phase low end"
grep -q "^deliver: warning: song 3 'Hiss': sibilance" "$T/log" || fail "sibilance"
grep -q "^deliver: warning: song 4 'Hot': .* samples above the ceiling of -1.0 dBFS" "$T/log" ||
	fail "peaks above the ceiling"
n=$(grep -c "^deliver: warning" "$T/log")
[ "$n" -eq 3 ] || fail "$n warnings, expected 3 (the clean song has none)"
ok "warnings: out-of-phase low end, sibilance, peaks; none for the clean song"
# Unassigned: reel balances the sides.
sed -i '/^side = /d' album.ini
"$DRIVE" vinyl album.ini "$T/out2" ceiling=0 > "$T/log2" 2>&1 ||
	{ cat "$T/log2"; fail "balanced"; }
grep -q "sides balanced by reel" "$T/out2/sides.txt" || fail "balanced note"
[ -f "$T/out2/side-B.wav" ] && ! grep -q "samples above" "$T/log2" ||
	fail "two balanced sides, no peak over a 0 dBFS ceiling"
ok "unassigned songs balanced over two sides; ceiling=0 quiet"
done_test
