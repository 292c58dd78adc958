/* fx_deess.c - de-esser, split band: a high-pass at `freq` hears the
 * sibilance; when that band's peak level passes the threshold the band
 * is turned down to it, by `range` dB at most, with a high shelf at
 * `freq` whose gain is the reduction (a dynamic EQ: at 0 dB the shelf is
 * the identity, so the de-esser is transparent until it acts, with no
 * crossover's phase shift).
 */
#include "fx.h"
#include "fx_biquad.h"
#include "fx_level.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define FX_DEESS_CHUNK 16

enum { DE_FREQ, DE_THRESH, DE_RANGE, DE_N };

static const struct fx_param fx_deess_params[] = {
	{ "freq", "split frequency", 2000, 16000, 6000, "Hz", true,
	    FX_FLOAT, NULL },
	{ "threshold", "threshold", -60, 0, -30, "dB", false, FX_FLOAT,
	    NULL },
	{ "range", "largest reduction", -24, 0, -12, "dB", false, FX_FLOAT,
	    NULL },
};

struct fx_deess {
	int rate;
	bool fresh;
	struct fx_smooth oct;
	float thresh, range, aatk, arel, afr;
	struct fx_biquad hp, shelf;
	double z[2][FX_BQ_STATE], zs[2][FX_BQ_STATE];
	float shelf_gr;			/* the shelf's gain, dB */
	struct fx_level lev;
	float lvl, lvl_db;		/* the last level, and in dB (lvl -1:
					   none yet) */
	float gr;
	int phase;			/* frames into the current chunk (they
					   run on across calls: the output
					   does not depend on the blocks) */
};

static void *
fx_deess_new(int rate)
{
	struct fx_deess *d = calloc(1, sizeof *d);

	if (d == NULL)
		return NULL;
	d->rate = rate;
	d->fresh = true;
	d->shelf_gr = 1;
	d->aatk = fx_tau_coef(1.0f, rate);
	d->arel = fx_tau_coef(60.0f, rate);
	d->afr = fx_tau_coef(20.0f, rate / FX_DEESS_CHUNK);
	fx_level_init(&d->lev, rate, 10.0f);
	d->lvl = -1.0f;
	return d;
}

static void
fx_deess_free(void *st)
{
	free(st);
}

static void
fx_deess_update(void *st, const float *v, const struct fx_ctx *c)
{
	struct fx_deess *d = st;

	d->oct.tgt = log2f(v[DE_FREQ]);
	d->thresh = v[DE_THRESH];
	d->range = v[DE_RANGE];
	if (d->fresh) {
		d->oct.cur = d->oct.tgt;
		fx_biquad_design(&d->hp, FX_BQ_HP, d->rate, v[DE_FREQ], 0,
		    0.70710678);
	}
	d->fresh = false;
}

static void
fx_deess_reset(void *st)
{
	struct fx_deess *d = st;

	memset(d->z, 0, sizeof d->z);
	memset(d->zs, 0, sizeof d->zs);
	fx_level_init(&d->lev, d->rate, 10.0f);
	d->lvl = -1.0f;
	d->gr = 0;
	d->shelf_gr = 1;		/* designed anew */
	d->fresh = true;
	d->phase = 0;
}

static void
fx_deess_process(void *st, const float *in, float *out, int nch, int frames)
{
	struct fx_deess *d = st;
	float gr = d->gr;
	int i, ch;

	for (i = 0; i < frames; i++) {
		float x[2], v = 0, lvl, tgt;

		if (d->phase == 0) {
			bool moved = fx_smooth_step(&d->oct, d->afr, 1e-5f);

			if (moved)
				fx_biquad_design(&d->hp, FX_BQ_HP, d->rate,
				    exp2(d->oct.cur), 0, 0.70710678);
			if (moved || gr != d->shelf_gr) {
				fx_biquad_design(&d->shelf, FX_BQ_HIGHSHELF,
				    d->rate, exp2(d->oct.cur), gr,
				    0.70710678);
				d->shelf_gr = gr;
			}
		}
		for (ch = 0; ch < nch; ch++) {
			float h;

			x[ch] = fx_clean(in[i * nch + ch]);
			h = fx_biquad_run(&d->hp, d->z[ch], x[ch]);
			if (fabsf(h) > v)
				v = fabsf(h);
		}
		lvl = fx_level_run(&d->lev, v, false);
		if (lvl != d->lvl) {	/* a logarithm when it moved */
			d->lvl = lvl;
			d->lvl_db = fx_lin_to_db(lvl);
		}
		lvl = d->lvl_db;
		tgt = lvl > d->thresh ? d->thresh - lvl : 0.0f;
		if (tgt < d->range)
			tgt = d->range;
		gr += (tgt < gr ? d->aatk : d->arel) * (tgt - gr);
		if (gr > -1e-4f)
			gr = 0;
		for (ch = 0; ch < nch; ch++)
			out[i * nch + ch] = d->shelf_gr == 0 ? x[ch] :
			    fx_biquad_run(&d->shelf, d->zs[ch], x[ch]);
		d->phase = (d->phase + 1) % FX_DEESS_CHUNK;
	}
	d->gr = fx_flush(gr);
	for (ch = 0; ch < 2; ch++) {
		fx_biquad_flush(d->z[ch]);
		fx_biquad_flush(d->zs[ch]);
	}
}

static float
fx_deess_gr(const void *st)
{
	return ((const struct fx_deess *)st)->gr;
}

const struct fx_kind fx_deess = {
	.name = "deess",
	.desc = "de-esser, split band",
	.params = fx_deess_params,
	.nparams = DE_N,
	.new = fx_deess_new,
	.free = fx_deess_free,
	.update = fx_deess_update,
	.reset = fx_deess_reset,
	.process = fx_deess_process,
	.gr = fx_deess_gr,
};
