#!/bin/sh
# Plugins from Debian's packages as inserts (x42-plugins, swh-plugins,
# ladspa-sdk): plugins lists them; a LADSPA amplifier (a mono plugin run
# as a pair on a stereo track) gives exactly its gain; x42's EQ gives its
# +6 dB at the centre of its band and matches lv2file, an independent
# LV2 host, running the same plugin with the same values; the project
# reopens to identical samples; a delay line reporting its latency is
# compensated to the sample against a dry path; presets load the values
# of the bundle's preset file; a missing plugin opens anyway, is named,
# passes audio through and keeps its values; refusals are one line.
. "$(dirname "$0")/../lib/common.sh"
need sox soxi lv2file

FIL4=http://gareus.org/oss/lv2/fil4#stereo
[ -f /usr/lib/lv2/fil4.lv2/manifest.ttl ] && [ -f /usr/lib/ladspa/amp.so ] ||
    fail "x42-plugins and ladspa-sdk are needed (make deps-test)"

RATE=48000
P="$T/song"
sox -n -r $RATE -c 2 -b 32 -e floating-point "$T/n.wav" synth 1 \
    whitenoise vol 0.3 2>/dev/null
sox -n -r $RATE -c 2 -b 32 -e floating-point "$T/s.wav" synth 1 \
    sine 1000 vol 0.25 2>/dev/null

# --- listing ---------------------------------------------------------------
run_to ls "$REEL" --config "$CFG" "$P" -c "plugins fil4; plugins amp_mono"
[ "$RC" -eq 0 ] || { cat "$T/ls.err"; fail "plugins: exit $RC"; }
if grep -q "^lv2:$FIL4  .*audio 2/2, 33 controls" "$T/ls.out" &&
    grep -q "^ladspa:amp_mono  Mono Amplifier .*audio 1/1, 1 controls" \
    "$T/ls.out"; then
	ok "plugins lists x42-eq (2/2, 33 controls) and LADSPA amp_mono"
else
	soft_fail "plugins: $(cat "$T/ls.out")"
fi

run_to imp "$REEL" --config "$CFG" "$P" -c "import $T/n.wav track=a;
    import $T/s.wav track=s; mute s"
[ "$RC" -eq 0 ] || { cat "$T/imp.err"; fail "import: exit $RC"; }

# --- LADSPA: gain 0.5 on both channels of a stereo track, exactly -----------
run_to amp "$REEL" --config "$CFG" "$P" -c "fx-add a ladspa:amp_mono;
    fx-set a 1 gain=0.5; render amp.wav format=wav32f; fx-remove a 1"
[ "$RC" -eq 0 ] || { cat "$T/amp.err"; fail "amp: exit $RC"; }
sox -D "$T/n.wav" "$T/ref-amp.wav" vol 0.5
d=$(peak_db "$P/renders/amp.wav" "$T/ref-amp.wav")
if db_below "$d" -140; then
	ok "ladspa:amp_mono gain=0.5 as a stereo pair: difference $d dB"
else
	soft_fail "ladspa amp: difference from sox vol 0.5 at $d dB"
fi

# --- x42-eq: +6 dB at its band's centre; the same as lv2file's ------------
run_to eq "$REEL" --config "$CFG" "$P" -c "fx-add a lv2:$FIL4;
    fx-set a 1 freq3=1000 gain3=6 q3=1; fx-add s lv2:$FIL4;
    fx-set s 1 freq3=1000 gain3=6 q3=1; render eq.wav format=wav32f;
    mute a; unmute s; render tone.wav format=wav32f; unmute a; mute s"
[ "$RC" -eq 0 ] || { cat "$T/eq.err"; fail "eq: exit $RC"; }
rin=$(sox "$T/s.wav" -n trim 0.5 stats 2>&1 | awk '/^RMS lev dB/ {print $4}')
rout=$(sox "$P/renders/tone.wav" -n trim 0.5 stats 2>&1 |
    awk '/^RMS lev dB/ {print $4}')
g=$(fcalc "$rout - ($rin)")
if awk -v g="$g" 'BEGIN { exit !(g > 5.95 && g < 6.05) }'; then
	ok "x42-eq band 3 at 1 kHz +6 dB: a 1 kHz tone gains $g dB"
else
	soft_fail "x42-eq: 1 kHz tone gains $g dB, want 6 +- 0.05"
fi
lv2file -i "$T/n.wav" -o "$T/ref-eq.wav" -p freq3:1000 -p gain3:6 \
    -p q3:1 "$FIL4" >/dev/null 2>&1 || fail "lv2file failed"
d=$(peak_db "$P/renders/eq.wav" "$T/ref-eq.wav")
if db_below "$d" -100; then
	ok "x42-eq in reel against lv2file (independent host): $d dB"
else
	soft_fail "x42-eq: reel and lv2file differ by $d dB"
fi

# The project read back renders the same samples.
grep -q "^kind = lv2:$FIL4\$" "$P/project.ini" &&
    grep -q "^gain3 = 6\$" "$P/project.ini" ||
    soft_fail "project.ini lacks the plugin or gain3 = 6"
run_to eq2 "$REEL" --config "$CFG" "$P" -c "render eq2.wav format=wav32f"
wav_data "$P/renders/eq.wav" "$T/eq.raw"
wav_data "$P/renders/eq2.wav" "$T/eq2.raw"
if cmp -s "$T/eq.raw" "$T/eq2.raw"; then
	ok "reopened project renders identical samples"
else
	soft_fail "reopened project renders differently"
fi

# --- latency: a 1000-frame delay line reporting it, against a dry copy
# with its polarity inverted: aligned to the sample, they cancel.  (The
# plugin glides to a new delay over its first blocks: the second half.)
run_to lat "$REEL" --config "$CFG" "$P" -c "fx-remove a 1;
    fx-add a lv2:http://gareus.org/oss/lv2/nodelay; fx-set a 1 delay=1000;
    import $T/n.wav track=b; fx-add b utility; fx-set b 1 polarity=invert;
    render lat.wav format=wav32f"
[ "$RC" -eq 0 ] || { cat "$T/lat.err"; fail "latency: exit $RC"; }
pk=$(sox "$P/renders/lat.wav" -n trim 0.5 stats 2>&1 |
    awk '/^Pk lev dB/ { print $4; exit }')
n=$(frames "$P/renders/lat.wav")
if db_below "$pk" -140 && [ "$n" -eq $RATE ]; then
	ok "nodelay 1000 frames, reported: the dry inverted copy nulls" \
	    "($pk dBFS), $n frames"
else
	soft_fail "latency: sum peaks at $pk dBFS, $n frames"
fi
run_to lat0 "$REEL" --config "$CFG" "$P" -c \
    "fx-set a 1 report_latency='Delay, do not report latency';
    render lat0.wav format=wav32f"
[ "$RC" -eq 0 ] || { cat "$T/lat0.err"; fail "latency 0: exit $RC"; }
pk0=$(sox "$P/renders/lat0.wav" -n trim 0.5 stats 2>&1 |
    awk '/^Pk lev dB/ { print $4; exit }')
if db_below "$pk0" -20; then
	soft_fail "an unreported delay nulls too ($pk0 dBFS)"
else
	ok "the same delay, not reported, does not null ($pk0 dBFS)"
fi

# --- presets -----------------------------------------------------------------
run_to ps "$REEL" --config "$CFG" "$P" -c \
    "fx-add b lv2:http://gareus.org/oss/lv2/fat1; fx-presets b 2;
    fx-preset b 2 live; fx-list b"
[ "$RC" -eq 0 ] || { cat "$T/ps.err"; fail "presets: exit $RC"; }
want=$(awk '/^fatpset:live/ { p = 1 } p && /lv2:symbol "corr"/ { c = 1 }
    p && c && /pset:value/ { print $2; exit }' \
    /usr/lib/lv2/fat1.lv2/presets.ttl)
got=$(awk '$1 == "corr" { print $2 }' "$T/ps.out")
if grep -qx "Live" "$T/ps.out" && grep -qx "Slightly Corrected" \
    "$T/ps.out" && awk -v a="$want" -v b="$got" \
    'BEGIN { d = a - b; exit !(a != "" && d < 1e-6 && d > -1e-6) }'; then
	ok "fx-presets lists Live and Slightly Corrected; Live sets corr" \
	    "$got (presets.ttl: $want)"
else
	soft_fail "presets: corr '$got', presets.ttl '$want';" \
	    "$(head -3 "$T/ps.out")"
fi

# --- refusals ----------------------------------------------------------------
run_to r1 "$REEL" --config "$CFG" "$P" -c "fx-add a ladspa:sine_fcac"
grep -q "fx-add: KIND: ladspa:sine_fcac: has 0 audio inputs and 1 outputs" \
    "$T/r1.err" || soft_fail "generator: '$(cat "$T/r1.err")'"
run_to r2 "$REEL" --config "$CFG" "$P" -c "fx-add a lv2:urn:reel:nothing"
grep -q "lv2:urn:reel:nothing: no such LV2 plugin is installed" \
    "$T/r2.err" || soft_fail "unknown URI: '$(cat "$T/r2.err")'"
run_to r3 "$REEL" --config "$CFG" "$P" -c "fx-set a 1 delay=1e9"
grep -q "delay=1e9: out of range 0..192000 frames" "$T/r3.err" ||
    soft_fail "out of range: '$(cat "$T/r3.err")'"
ok "refused: $(cat "$T/r1.err")"

# --- a plugin missing here ---------------------------------------------------
Q="$T/moved"
run_to m0 "$REEL" --config "$CFG" "$Q" -c "import $T/n.wav track=a;
    fx-add a lv2:$FIL4; fx-set a 1 gain3=-12 freq3=2k"
[ "$RC" -eq 0 ] || { cat "$T/m0.err"; fail "missing setup: exit $RC"; }
sed -i "s|^kind = lv2:$FIL4\$|kind = lv2:urn:reel:gone|" "$Q/project.ini"
run_to m1 "$REEL" --config "$CFG" "$Q" -c "fx-list a; info;
    render dry.wav format=wav32f; gain a -1"
[ "$RC" -eq 0 ] || { cat "$T/m1.err"; fail "missing: exit $RC"; }
if grep -q "missing plugin lv2:urn:reel:gone (insert a 1 passes audio" \
    "$T/m1.err" && grep -q "^1 lv2:urn:reel:gone (missing" "$T/m1.out" &&
    grep -q "^missing plugin lv2:urn:reel:gone" "$T/m1.out"; then
	ok "missing plugin named at open, in fx-list and in info"
else
	soft_fail "missing plugin: $(cat "$T/m1.err" "$T/m1.out")"
fi
d=$(peak_db "$Q/renders/dry.wav" "$T/n.wav")
db_below "$d" -140 && ok "it passes audio through ($d dB from the input)" ||
    soft_fail "missing plugin's insert: $d dB from the input"
if grep -q "^gain3 = -12\$" "$Q/project.ini" &&
    grep -q "^freq3 = 2000\$" "$Q/project.ini" &&
    grep -q "^kind = lv2:urn:reel:gone\$" "$Q/project.ini"; then
	ok "its values are saved back as they were"
else
	soft_fail "project.ini lost the missing plugin's values"
fi
done_test
