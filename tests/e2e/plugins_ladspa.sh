#!/bin/sh
# A LADSPA plugin built here (a gain with a switch that makes it write a
# NaN into every block), found through LADSPA_PATH: plugins lists it, its
# hints make its parameters (default 1 from DEFAULT_1, a toggle), its gain
# is exact, and with the NaN switched on its output is muted, never
# passed on (the render is finite silence), and fx-list reports it.
. "$(dirname "$0")/../lib/common.sh"
need cc python3

mkdir -p "$T/lib"
cat > "$T/nan.c" <<'CEOF'
#include <ladspa.h>
#include <math.h>
#include <stdlib.h>

struct h { LADSPA_Data *p[4]; };

static LADSPA_Handle inst(const LADSPA_Descriptor *d, unsigned long r)
{ return calloc(1, sizeof(struct h)); }
static void conn(LADSPA_Handle h, unsigned long i, LADSPA_Data *b)
{ ((struct h *)h)->p[i] = b; }
static void run(LADSPA_Handle hp, unsigned long n)
{
	struct h *h = hp;
	unsigned long i;

	for (i = 0; i < n; i++)
		h->p[3][i] = h->p[2][i] * *h->p[0];
	if (*h->p[1] > 0.5f && n > 0)
		h->p[3][n / 2] = NAN;
}
static void cleanup(LADSPA_Handle h) { free(h); }

static const LADSPA_PortDescriptor pd[] = {
	LADSPA_PORT_INPUT | LADSPA_PORT_CONTROL,
	LADSPA_PORT_INPUT | LADSPA_PORT_CONTROL,
	LADSPA_PORT_INPUT | LADSPA_PORT_AUDIO,
	LADSPA_PORT_OUTPUT | LADSPA_PORT_AUDIO };
static const char *const pn[] = { "Gain", "Poison", "In", "Out" };
static const LADSPA_PortRangeHint ph[] = {
	{ LADSPA_HINT_BOUNDED_BELOW | LADSPA_HINT_BOUNDED_ABOVE |
	    LADSPA_HINT_DEFAULT_1, 0, 4 },
	{ LADSPA_HINT_TOGGLED | LADSPA_HINT_DEFAULT_0, 0, 1 },
	{ 0, 0, 0 }, { 0, 0, 0 } };
static const LADSPA_Descriptor d = { 4242, "reel_nan", 0, "reel NaN test",
	"reel", "none", 4, pd, pn, ph, NULL, inst, conn, NULL, run, NULL,
	NULL, NULL, cleanup };

const LADSPA_Descriptor *ladspa_descriptor(unsigned long i)
{ return i == 0 ? &d : NULL; }
CEOF
cc -shared -fPIC -O1 -o "$T/lib/reel_nan.so" "$T/nan.c" ||
    fail "cannot build the test plugin"
export LADSPA_PATH="$T/lib"

P="$T/song"
sox -n -r 48000 -c 2 -b 32 -e floating-point "$T/n.wav" synth 0.5 \
    whitenoise vol 0.3 2>/dev/null
run_to ls "$REEL" --config "$CFG" "$P" -c "plugins reel_nan;
    import $T/n.wav track=a; fx-add a ladspa:reel_nan; fx-list a"
[ "$RC" -eq 0 ] || { cat "$T/ls.err"; fail "setup: exit $RC"; }
if grep -q "^ladspa:reel_nan  reel NaN test  \[LADSPA\] audio 1/1, 2 controls" \
    "$T/ls.out" && grep -q "^  gain  *1\$" "$T/ls.out" &&
    grep -q "^  poison  *off\$" "$T/ls.out"; then
	ok "LADSPA_PATH honoured; gain defaults to 1, poison is a toggle"
else
	soft_fail "listing: $(cat "$T/ls.out")"
fi

run_to g "$REEL" --config "$CFG" "$P" -c "fx-set a 1 gain=2;
    render g.wav format=wav32f"
sox -D "$T/n.wav" "$T/ref.wav" vol 2
d=$(peak_db "$P/renders/g.wav" "$T/ref.wav")
db_below "$d" -130 && ok "gain=2 through the pair: $d dB from sox vol 2" ||
    soft_fail "gain=2: $d dB from sox vol 2"

run_to nan "$REEL" --config "$CFG" "$P" -c "fx-set a 1 poison=on;
    render nan.wav format=wav32f; fx-list a"
[ "$RC" -eq 0 ] || { cat "$T/nan.err"; fail "nan: exit $RC"; }
r=$(python3 -S - "$P/renders/nan.wav" <<'PYEOF'
import struct, sys, math
d = open(sys.argv[1], 'rb').read()
i = d.find(b'data')
n = struct.unpack('<I', d[i + 4:i + 8])[0]
v = struct.unpack('<%df' % (n // 4), d[i + 8:i + 8 + n])
print(sum(1 for x in v if not math.isfinite(x)), sum(1 for x in v if x != 0))
PYEOF
)
if [ "$r" = "0 0" ]; then
	ok "a plugin writing NaN into every block: the render is finite silence"
else
	soft_fail "NaN plugin: non-finite, non-zero samples: $r"
fi
grep -q "^  output muted: NaN or Inf in [0-9]* blocks" "$T/nan.out" &&
    ok "fx-list: $(grep muted "$T/nan.out")" ||
    soft_fail "fx-list does not report the muted blocks: $(cat "$T/nan.out")"
done_test
