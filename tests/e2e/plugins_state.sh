#!/bin/sh
# An LV2 plugin's state (state extension) and worker, with x42's preset
# convolver (x42-plugins), which needs work:schedule, loads its impulse
# response in its worker and keeps its file in its state: a preset with
# a state loads it and project.ini shows it as text; an impulse
# response named in project.ini by a path relative to the project
# convolves as python computes it, latency compensated; the project
# saved and reopened renders the identical samples and keeps the path
# relative; a bad state line is refused; a missing impulse file is
# reported as the plugin logs it; a missing plugin's state is kept;
# a plugin requiring a feature or an option reel lacks is refused.
. "$(dirname "$0")/../lib/common.sh"
need sox python3

ZC=http://gareus.org/oss/lv2/zeroconvolv#Mono
[ -f /usr/lib/lv2/zeroconvo.lv2/manifest.ttl ] ||
    fail "x42-plugins is needed (make deps-test)"

RATE=48000
P="$T/song"
sox -n -r $RATE -c 2 -b 32 -e floating-point "$T/n.wav" synth 0.5 \
    whitenoise vol 0.3 2>/dev/null

# --- a preset with a state: the bundle's delta impulse, through -----------
run_to pre "$REEL" --config "$CFG" "$P" -c "import $T/n.wav track=a;
    fx-add a lv2:$ZC; fx-preset a 1 'No-OP Mono'; render delta.wav \
    format=wav32f"
[ "$RC" -eq 0 ] || { cat "$T/pre.err"; fail "preset: exit $RC"; }
if grep -q "^state.1 = http://gareus.org/oss/lv2/zeroconvolv#ir atom:Path \
/usr/lib/lv2/zeroconvo.lv2/ir/delta-48k.wav\$" "$P/project.ini" &&
    grep -q "^state.[0-9] = .*#predelay atom:Int 0\$" "$P/project.ini"; then
	ok "fx-preset 'No-OP Mono' puts the plugin's state in project.ini" \
	    "as text (atom:Path, atom:Int)"
else
	soft_fail "state lines: $(grep '^state' "$P/project.ini")"
fi
d=$(peak_db "$P/renders/delta.wav" "$T/n.wav")
if db_below "$d" -120; then
	ok "the delta impulse loaded by the worker passes the noise" \
	    "through, aligned: difference $d dB"
else
	soft_fail "delta impulse: difference $d dB from the input"
fi

# --- an impulse response of the project's own, named by project.ini ---------
mkdir -p "$P/ir"
py "$T" <<'EOF'
import struct, subprocess, sys
t = sys.argv[1]
taps = {0: 0.5, 37: -0.25, 480: 0.125}
with open(t + "/ir.raw", "wb") as f:
    for i in range(512):
        f.write(struct.pack("<f", taps.get(i, 0.0)))
raw = subprocess.run(["sox", t + "/n.wav", "-t", "raw", "-b", "32", "-e",
    "floating-point", "-"], capture_output=True).stdout
x = struct.unpack("<%df" % (len(raw) // 4), raw)
n = len(x) // 2
with open(t + "/ref.raw", "wb") as f:
    for i in range(n):
        for c in (0, 1):
            v = sum(g * x[2 * (i - k) + c] for k, g in taps.items()
                if i >= k)
            f.write(struct.pack("<f", v))
EOF
sox -t raw -r $RATE -c 1 -b 32 -e floating-point "$T/ir.raw" \
    "$P/ir/room.wav"
sox -t raw -r $RATE -c 2 -b 32 -e floating-point "$T/ref.raw" "$T/ref.wav"
sed -i "s|atom:Path /usr/lib/lv2/zeroconvo.lv2/ir/delta-48k.wav\$|\
atom:Path ir/room.wav|" "$P/project.ini"
run_to ir "$REEL" --config "$CFG" "$P" -c "render room.wav format=wav32f"
[ "$RC" -eq 0 ] || { cat "$T/ir.err"; fail "ir: exit $RC"; }
d=$(peak_db "$P/renders/room.wav" "$T/ref.wav")
if db_below "$d" -100; then
	ok "ir/room.wav (3 taps, relative to the project) convolves as" \
	    "python computes it: difference $d dB"
else
	soft_fail "room impulse: difference $d dB from python's convolution"
fi

# --- saved by a change and reopened: the same state, the same samples -------
run_to sv "$REEL" --config "$CFG" "$P" -c "gain a -1; gain a 0"
[ "$RC" -eq 0 ] || { cat "$T/sv.err"; fail "save: exit $RC"; }
run_to re "$REEL" --config "$CFG" "$P" -c "render room2.wav format=wav32f"
[ "$RC" -eq 0 ] || { cat "$T/re.err"; fail "reopen: exit $RC"; }
wav_data "$P/renders/room.wav" "$T/a.raw"
wav_data "$P/renders/room2.wav" "$T/b.raw"
if grep -q "^state.1 = .*#ir atom:Path ir/room.wav\$" "$P/project.ini" &&
    cmp -s "$T/a.raw" "$T/b.raw"; then
	ok "saved and reopened: the path stays ir/room.wav, identical samples"
else
	soft_fail "reopened: $(grep '^state.1' "$P/project.ini");" \
	    "$(cmp "$T/a.raw" "$T/b.raw" 2>&1)"
fi

# --- a vector property (atom:Vector atom:Float ...): half the gain --------
grep -q "^state.[0-9] = .*#channel_gain atom:Vector atom:Float 1 1 1 1\$" \
    "$P/project.ini" || soft_fail "channel_gain: $(grep channel_gain \
    "$P/project.ini")"
cp "$P/project.ini" "$T/keep.ini"
v="atom:Vector atom:Float"
sed -i "s|#channel_gain $v 1 1 1 1\$|#channel_gain $v 0.5 0.5 0.5 0.5|" \
    "$P/project.ini"
run_to half "$REEL" --config "$CFG" "$P" -c "render half.wav format=wav32f"
[ "$RC" -eq 0 ] || { cat "$T/half.err"; fail "half: exit $RC"; }
sox -D "$P/renders/room.wav" "$T/half-ref.wav" vol 0.5
d=$(peak_db "$P/renders/half.wav" "$T/half-ref.wav")
if db_below "$d" -120; then
	ok "channel_gain read as a vector of 0.5 halves the output: $d dB"
else
	soft_fail "channel_gain 0.5: difference $d dB from half the output"
fi
cp "$T/keep.ini" "$P/project.ini"

# --- a state line the project cannot read is refused with its place ----------
cp "$P/project.ini" "$T/keep.ini"
sed -i 's|#predelay atom:Int 0$|#predelay atom:Int zero|' "$P/project.ini"
run_to bad "$REEL" --config "$CFG" "$P" -c "fx-list a"
if [ "$RC" -ne 0 ] && grep -q "state.[0-9]: state: .*#predelay: expected a \
value of type atom:Int, got 'zero'" "$T/bad.err"; then
	ok "a bad state value is refused: $(head -1 "$T/bad.err")"
else
	soft_fail "bad state: exit $RC, $(cat "$T/bad.err")"
fi
cp "$T/keep.ini" "$P/project.ini"

# --- an impulse file that is not there: the plugin's own error (log:log) ----
sed -i 's|atom:Path ir/room.wav$|atom:Path ir/gone.wav|' "$P/project.ini"
run_to said "$REEL" --config "$CFG" "$P" -c "render said.wav; fx-list a"
if [ "$RC" -eq 0 ] && grep -q "^  the plugin said: .*ir/gone.wav" \
    "$T/said.out"; then
	ok "fx-list passes on what the plugin logged:" \
	    "$(grep 'plugin said' "$T/said.out" | cut -c3-)"
else
	soft_fail "log: exit $RC; $(cat "$T/said.out")"
fi
cp "$T/keep.ini" "$P/project.ini"

# --- the plugin missing here: its state is kept as written ------------------
sed -i "s|^kind = lv2:$ZC\$|kind = lv2:urn:reel:gone|" "$P/project.ini"
grep '^state\.' "$P/project.ini" > "$T/st0"
run_to gone "$REEL" --config "$CFG" "$P" -c "gain a -1; gain a 0; fx-list a"
grep '^state\.' "$P/project.ini" > "$T/st1"
if [ "$RC" -eq 0 ] && [ -s "$T/st0" ] && cmp -s "$T/st0" "$T/st1" &&
    grep -q "^  state http://gareus.org/oss/lv2/zeroconvolv#ir atom:Path \
ir/room.wav\$" "$T/gone.out"; then
	ok "a missing plugin's state lines are listed and saved back as" \
	    "they were ($(wc -l < "$T/st1") lines)"
else
	soft_fail "missing plugin's state: exit $RC; $(cat "$T/st1")"
fi
cp "$T/keep.ini" "$P/project.ini"

# --- what a plugin requires and reel lacks is refused by name ---------------
# (descriptions only: reel refuses before it would load the binary)
mkdir -p "$T/lv2/req.lv2"
cat > "$T/lv2/req.lv2/manifest.ttl" <<'EOF2'
@prefix lv2: <http://lv2plug.in/ns/lv2core#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<urn:reel:test:fixed> a lv2:Plugin ; lv2:binary <none.so> ;
    rdfs:seeAlso <req.ttl> .
<urn:reel:test:opt> a lv2:Plugin ; lv2:binary <none.so> ;
    rdfs:seeAlso <req.ttl> .
EOF2
cat > "$T/lv2/req.lv2/req.ttl" <<'EOF2'
@prefix lv2: <http://lv2plug.in/ns/lv2core#> .
@prefix doap: <http://usefulinc.com/ns/doap#> .
@prefix bufsz: <http://lv2plug.in/ns/ext/buf-size#> .
@prefix opts: <http://lv2plug.in/ns/ext/options#> .
<urn:reel:test:fixed> a lv2:Plugin ; doap:name "fixed" ;
    lv2:requiredFeature bufsz:fixedBlockLength ;
    lv2:port [ a lv2:AudioPort, lv2:InputPort ; lv2:index 0 ;
        lv2:symbol "in" ; lv2:name "In" ] ,
      [ a lv2:AudioPort, lv2:OutputPort ; lv2:index 1 ;
        lv2:symbol "out" ; lv2:name "Out" ] .
<urn:reel:test:opt> a lv2:Plugin ; doap:name "opt" ;
    opts:requiredOption <urn:reel:test:option> ;
    lv2:port [ a lv2:AudioPort, lv2:InputPort ; lv2:index 0 ;
        lv2:symbol "in" ; lv2:name "In" ] ,
      [ a lv2:AudioPort, lv2:OutputPort ; lv2:index 1 ;
        lv2:symbol "out" ; lv2:name "Out" ] .
EOF2
LV2_PATH="$T/lv2" run_to f1 "$REEL" --config "$CFG" "$P" -c \
    "fx-add a lv2:urn:reel:test:fixed"
LV2_PATH="$T/lv2" run_to f2 "$REEL" --config "$CFG" "$P" -c \
    "fx-add a lv2:urn:reel:test:opt"
if grep -q "fx-add: KIND: lv2:urn:reel:test:fixed: needs the feature \
http://lv2plug.in/ns/ext/buf-size#fixedBlockLength, which reel does not \
provide" "$T/f1.err" && grep -q "fx-add: KIND: lv2:urn:reel:test:opt: \
needs the option urn:reel:test:option, which reel does not provide" \
    "$T/f2.err"; then
	ok "a required feature and a required option reel lacks are named"
else
	soft_fail "refusals: $(cat "$T/f1.err" "$T/f2.err")"
fi
done_test
