/* fx_comp.c - compressor: a feed-forward, stereo-linked gain computer
 * with a soft knee (Giannoulis, Massberg & Reiss, JAES 2012).
 *
 * The detector (fx_level.h, peak or RMS, after an optional side-chain
 * high-pass) gives a level in dBFS; the static curve gives the gain
 * reduction it calls for; that target is followed by a one-pole in dB
 * with the attack time constant while reduction grows and the release
 * one while it shrinks.
 *
 * Cost (issue 9, "Performance"): the detector and the envelope run per
 * frame, but the logarithm only when the level moved and is above the
 * knee (a peak level holds for many frames), and the gains of a chunk
 * are turned from dB to linear together (fx_db_to_lin_block,
 * vectorised), not at all while the chunk is at unity.
 */
#include "fx.h"
#include "fx_biquad.h"
#include "fx_level.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const fx_comp_detectors[] = { "peak", "rms", NULL };

enum { CP_THRESH, CP_RATIO, CP_ATTACK, CP_RELEASE, CP_KNEE, CP_MAKEUP,
    CP_SCHP, CP_DETECTOR, CP_N };

static const struct fx_param fx_comp_params[] = {
	{ "threshold", "threshold", -60, 0, -20, "dB", false, FX_FLOAT,
	    NULL },
	{ "ratio", "ratio", 1, 20, 4, ":1", true, FX_FLOAT, NULL },
	{ "attack", "attack", 0.1f, 200, 10, "ms", true, FX_FLOAT, NULL },
	{ "release", "release", 5, 2000, 100, "ms", true, FX_FLOAT, NULL },
	{ "knee", "knee width", 0, 24, 0, "dB", false, FX_FLOAT, NULL },
	{ "makeup", "makeup gain", -12, 24, 0, "dB", false, FX_FLOAT, NULL },
	{ "sc-hp", "side-chain high-pass (0 off)", 0, 500, 0, "Hz", false,
	    FX_FLOAT, NULL },
	{ "detector", "detector", 0, 1, 0, "", false, FX_ENUM,
	    fx_comp_detectors },
};

struct fx_comp {
	int rate;
	bool fresh;
	float thresh, ratio, knee, aatk, arel, amk;
	float below;		/* linear level under which the curve is 0 */
	float lvl, tgt;		/* the last level and its reduction; lvl
				   -1 when the curve changed */
	bool rms, schp;
	struct fx_smooth makeup;
	struct fx_biquad hp;
	double z[2][2];
	struct fx_level lev;
	float gr;			/* dB, <= 0 */
};

/* The static curve: gain reduction in dB for a level x dBFS. */
static float
fx_comp_curve(float x, float t, float r, float w)
{
	float d = x - t;

	if (2 * d <= -w)
		return 0;
	if (w > 0 && 2 * d < w) {
		float e = d + w / 2;

		return (1 / r - 1) * e * e / (2 * w);
	}
	return (1 / r - 1) * d;
}

static void *
fx_comp_new(int rate)
{
	struct fx_comp *c = calloc(1, sizeof *c);

	if (c == NULL)
		return NULL;
	c->rate = rate;
	c->fresh = true;
	c->lvl = -1.0f;
	c->amk = fx_tau_coef(20.0f, rate);
	fx_level_init(&c->lev, rate, 20.0f);
	return c;
}

static void
fx_comp_free(void *st)
{
	free(st);
}

static void
fx_comp_update(void *st, const float *v, const struct fx_ctx *ctx)
{
	struct fx_comp *c = st;
	bool schp = v[CP_SCHP] > 0;

	c->thresh = v[CP_THRESH];
	c->ratio = v[CP_RATIO];
	c->knee = v[CP_KNEE];
	c->below = fx_db_to_lin(c->thresh - c->knee / 2);
	c->lvl = -1.0f;
	c->aatk = fx_tau_coef(v[CP_ATTACK], c->rate);
	c->arel = fx_tau_coef(v[CP_RELEASE], c->rate);
	if (c->rms != (v[CP_DETECTOR] >= 0.5f))
		fx_level_mode(&c->lev, v[CP_DETECTOR] >= 0.5f);
	c->rms = v[CP_DETECTOR] >= 0.5f;
	c->makeup.tgt = v[CP_MAKEUP];
	if (c->fresh)
		c->makeup.cur = c->makeup.tgt;
	if (schp) {
		if (!c->schp)
			memset(c->z, 0, sizeof c->z);
		fx_biquad_design(&c->hp, FX_BQ_HP, c->rate, v[CP_SCHP], 0,
		    0.70710678);
	}
	c->schp = schp;
	c->fresh = false;
}

static void
fx_comp_reset(void *st)
{
	struct fx_comp *c = st;

	memset(c->z, 0, sizeof c->z);
	fx_level_init(&c->lev, c->rate, 20.0f);
	c->gr = 0;
	c->lvl = -1.0f;
	c->fresh = true;
}

#define FX_COMP_CHUNK 256

/* The detector's input for n frames: |x| of the louder channel, or the
 * mean square, after the side-chain high-pass. */
static void
fx_comp_detect(struct fx_comp *c, const float *x, float *d, int nch, int n)
{
	int i, ch;

	if (!c->schp && !c->rms) {
		/* The common case, in a loop the compiler vectorises. */
		if (nch == 1)
			for (i = 0; i < n; i++)
				d[i] = fabsf(x[i]);
		else
			for (i = 0; i < n; i++) {
				float l = fabsf(x[2 * i]), r = fabsf(x[2 * i + 1]);

				d[i] = r > l ? r : l;
			}
		return;
	}
	for (i = 0; i < n; i++) {
		float v = 0;

		for (ch = 0; ch < nch; ch++) {
			float s = x[i * nch + ch];

			if (c->schp)
				s = fx_biquad_run(&c->hp, c->z[ch], s);
			if (c->rms)
				v += s * s / (float)nch;
			else if (fabsf(s) > v)
				v = fabsf(s);
		}
		d[i] = v;
	}
}

static void
fx_comp_process(void *st, const float *in, float *out, int nch, int frames)
{
	struct fx_comp *c = st;
	struct fx_level lev = c->lev;
	float gr = c->gr, lvl0 = c->lvl, tgt = c->tgt, g[FX_COMP_CHUNK];
	const float aatk = c->aatk, arel = c->arel, below = c->below;
	const bool rms = c->rms;
	int i, j, n, ch;

	fx_clean_block(in, out, nch * frames);
	for (j = 0; j < frames; j += n) {
		float *x = out + j * nch, mk;
		bool unity = true, still;

		n = frames - j < FX_COMP_CHUNK ? frames - j : FX_COMP_CHUNK;
		fx_comp_detect(c, x, g, nch, n);
		still = c->makeup.cur == c->makeup.tgt;
		mk = c->makeup.cur;
		for (i = 0; i < n; i++) {
			float lvl = fx_level_run(&lev, g[i], rms);

			if (lvl != lvl0) {
				/* Below the knee the curve is 0: no
				 * logarithm. */
				lvl0 = lvl;
				tgt = lvl <= below ? 0.0f : fx_comp_curve(
				    fx_lin_to_db(lvl), c->thresh, c->ratio,
				    c->knee);
			}
			gr += (tgt < gr ? aatk : arel) * (tgt - gr);
			/* A release within a millionth of a dB of none
			 * is none: unity, and no exponential. */
			if (tgt == 0.0f && gr > -1e-6f)
				gr = 0.0f;
			if (!still) {
				fx_smooth_step(&c->makeup, c->amk, 1e-4f);
				mk = c->makeup.cur;
			}
			g[i] = gr + mk;
			unity = unity && g[i] == 0.0f;
		}
		if (unity)
			continue;
		fx_db_to_lin_block(g, n);
		if (nch == 1)
			for (i = 0; i < n; i++)
				x[i] *= g[i];
		else
			for (i = 0; i < n; i++)
				for (ch = 0; ch < nch; ch++)
					x[i * nch + ch] *= g[i];
	}
	c->lev = lev;
	c->lvl = lvl0;
	c->tgt = tgt;
	c->gr = fx_flush(gr);
	fx_biquad_flush(c->z[0]);
	fx_biquad_flush(c->z[1]);
}

static float
fx_comp_gr(const void *st)
{
	return ((const struct fx_comp *)st)->gr;
}

float
fx_comp_static_db(const float *val, float in_db)
{
	return in_db + fx_comp_curve(in_db, val[CP_THRESH], val[CP_RATIO],
	    val[CP_KNEE]) + val[CP_MAKEUP];
}

const struct fx_kind fx_comp = {
	.name = "comp",
	.desc = "compressor",
	.params = fx_comp_params,
	.nparams = CP_N,
	.new = fx_comp_new,
	.free = fx_comp_free,
	.update = fx_comp_update,
	.reset = fx_comp_reset,
	.process = fx_comp_process,
	.gr = fx_comp_gr,
};
