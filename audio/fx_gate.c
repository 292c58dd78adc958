/* fx_gate.c - gate/expander: below the threshold the signal falls by
 * `range` dB (a gate at -80, an expander at a few dB), after `hold`.
 * The gain moves in dB, with the attack time constant while it opens and
 * the release one while it closes.
 */
#include "fx.h"
#include "fx_level.h"

#include <math.h>
#include <stdlib.h>

enum { GT_THRESH, GT_RANGE, GT_ATTACK, GT_HOLD, GT_RELEASE, GT_N };

static const struct fx_param fx_gate_params[] = {
	{ "threshold", "threshold", -80, 0, -40, "dB", false, FX_FLOAT,
	    NULL },
	{ "range", "attenuation when closed", -80, 0, -80, "dB", false,
	    FX_FLOAT, NULL },
	{ "attack", "attack", 0.1f, 100, 1, "ms", true, FX_FLOAT, NULL },
	{ "hold", "hold", 0, 1000, 50, "ms", false, FX_FLOAT, NULL },
	{ "release", "release", 5, 4000, 200, "ms", true, FX_FLOAT, NULL },
};

struct fx_gate {
	int rate;
	float thresh, range, aatk, arel;
	int hold, since;		/* frames */
	struct fx_level lev;
	float g;			/* dB, <= 0 */
	/* The last level and whether it opened the gate (lvl -1: the
	 * threshold changed), the last gain and its linear value (gat
	 * NaN: none yet): a logarithm and an exponential only when they
	 * change, not every frame. */
	float lvl, gat, lin;
	bool open;
};

static void *
fx_gate_new(int rate)
{
	struct fx_gate *g = calloc(1, sizeof *g);

	if (g == NULL)
		return NULL;
	g->rate = rate;
	fx_level_init(&g->lev, rate, 10.0f);
	g->lvl = -1.0f;
	g->gat = NAN;
	g->since = 1 << 30;
	return g;
}

static void
fx_gate_free(void *st)
{
	free(st);
}

static void
fx_gate_update(void *st, const float *v, const struct fx_ctx *c)
{
	struct fx_gate *g = st;

	g->thresh = v[GT_THRESH];
	g->lvl = -1.0f;
	g->range = v[GT_RANGE];
	g->aatk = fx_tau_coef(v[GT_ATTACK], g->rate);
	g->arel = fx_tau_coef(v[GT_RELEASE], g->rate);
	g->hold = (int)(v[GT_HOLD] * g->rate / 1000.0f);
}

static void
fx_gate_reset(void *st)
{
	struct fx_gate *g = st;

	fx_level_init(&g->lev, g->rate, 10.0f);
	g->lvl = -1.0f;
	g->gat = NAN;
	g->since = 1 << 30;
	g->g = 0;
}

static void
fx_gate_process(void *st, const float *in, float *out, int nch, int frames)
{
	struct fx_gate *g = st;
	float gain = g->g;
	int i, ch;

	for (i = 0; i < frames; i++) {
		float x[2], v = 0, tgt, lin, lvl;

		for (ch = 0; ch < nch; ch++) {
			x[ch] = fx_clean(in[i * nch + ch]);
			if (fabsf(x[ch]) > v)
				v = fabsf(x[ch]);
		}
		lvl = fx_level_run(&g->lev, v, false);
		if (lvl != g->lvl) {
			g->lvl = lvl;
			g->open = fx_lin_to_db(lvl) >= g->thresh;
		}
		if (g->open)
			g->since = 0;
		else if (g->since < 1 << 30)
			g->since++;
		tgt = g->since <= g->hold ? 0.0f : g->range;
		gain += (tgt > gain ? g->aatk : g->arel) * (tgt - gain);
		if (gain != g->gat) {
			g->gat = gain;
			g->lin = fx_db_to_lin(gain);
		}
		lin = g->lin;
		for (ch = 0; ch < nch; ch++)
			out[i * nch + ch] = x[ch] * lin;
	}
	g->g = fx_flush(gain);
}

static float
fx_gate_gr(const void *st)
{
	return ((const struct fx_gate *)st)->g;
}

const struct fx_kind fx_gate = {
	.name = "gate",
	.desc = "gate / expander",
	.params = fx_gate_params,
	.nparams = GT_N,
	.new = fx_gate_new,
	.free = fx_gate_free,
	.update = fx_gate_update,
	.reset = fx_gate_reset,
	.process = fx_gate_process,
	.gr = fx_gate_gr,
};
