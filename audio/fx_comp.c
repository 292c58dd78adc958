/* fx_comp.c - compressor: a feed-forward, stereo-linked gain computer
 * with a soft knee (Giannoulis, Massberg & Reiss, JAES 2012).
 *
 * The detector (fx_level.h, peak or RMS, after an optional side-chain
 * high-pass) gives a level in dBFS; the static curve gives the gain
 * reduction it calls for; that target is followed by a one-pole in dB
 * with the attack time constant while reduction grows and the release
 * one while it shrinks.
 *
 * Cost (issue 9, "Performance"): the detector runs per frame, but the
 * gain computer and its envelope at a control rate, every `step` frames
 * (at most 32, and at most a 16th of the attack time, so a 0.3 ms attack
 * is followed frame by frame), and the gain is interpolated linearly
 * between control points, frame by frame: the per-frame work is then
 * loops the compiler vectorises, not a chain of dependent operations
 * and branches per frame.  A control point reads the level of the
 * frames before it.  The step runs on across calls, so the output does
 * not depend on how the signal is cut into blocks.
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

#define FX_COMP_STEP 32	/* the longest control step, frames */

struct fx_comp {
	int rate;
	bool fresh;
	float thresh, ratio, knee;
	float aatk, arel, amk;	/* one-pole coefficients per step */
	float below;		/* linear level under which the curve is 0 */
	float lvl, tgt;		/* the last level and its reduction; lvl
				   -1 when the curve changed */
	bool rms, schp;
	int step, phase;	/* frames per control step, frames into
				   the current one */
	struct fx_smooth makeup;
	struct fx_biquad hp;
	double z[2][FX_BQ_STATE];
	struct fx_level lev;
	float gr;		/* dB, <= 0 */
	float g0, g1;		/* linear gain at the last two control
				   points: the frames of a step go from
				   g0 to g1 */
	float ramp[FX_COMP_STEP];	/* frame i of a step: (i + 1) / step */
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
	c->step = 1;
	c->ramp[0] = 1.0f;
	c->g0 = c->g1 = 1.0f;
	fx_level_init(&c->lev, rate, 20.0f);
	return c;
}

static void
fx_comp_free(void *st)
{
	free(st);
}

/* A per-frame one-pole coefficient a over steps of n frames. */
static float
fx_comp_stepcoef(float a, int n)
{
	return 1.0f - powf(1.0f - a, (float)n);
}

static void
fx_comp_update(void *st, const float *v, const struct fx_ctx *ctx)
{
	struct fx_comp *c = st;
	bool schp = v[CP_SCHP] > 0;
	int step = (int)(v[CP_ATTACK] * (float)c->rate / 1000.0f / 16.0f), i;

	c->step = step < 1 ? 1 : step > FX_COMP_STEP ? FX_COMP_STEP : step;
	if (c->phase >= c->step)
		c->phase = 0;
	for (i = 0; i < c->step; i++)
		c->ramp[i] = (float)(i + 1) / (float)c->step;
	c->thresh = v[CP_THRESH];
	c->ratio = v[CP_RATIO];
	c->knee = v[CP_KNEE];
	c->below = fx_db_to_lin(c->thresh - c->knee / 2);
	c->lvl = -1.0f;
	c->aatk = fx_comp_stepcoef(fx_tau_coef(v[CP_ATTACK], c->rate),
	    c->step);
	c->arel = fx_comp_stepcoef(fx_tau_coef(v[CP_RELEASE], c->rate),
	    c->step);
	c->amk = fx_comp_stepcoef(fx_tau_coef(20.0f, c->rate), c->step);
	if (c->rms != (v[CP_DETECTOR] >= 0.5f))
		fx_level_mode(&c->lev, v[CP_DETECTOR] >= 0.5f);
	c->rms = v[CP_DETECTOR] >= 0.5f;
	c->makeup.tgt = v[CP_MAKEUP];
	if (c->fresh) {
		c->makeup.cur = c->makeup.tgt;
		c->g0 = c->g1 = fx_db_to_lin(c->gr + c->makeup.cur);
	}
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
	c->phase = 0;
	/* The first step starts from no reduction, not from where the
	 * last pass left the gain. */
	c->g0 = c->g1 = fx_db_to_lin(c->makeup.cur);
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

/* A control point: the reduction the level so far calls for, followed
 * by the envelope over one step, and the gain the next frames go to. */
static void
fx_comp_control(struct fx_comp *c)
{
	float lvl = fx_level_value(&c->lev, c->rms), gr = c->gr;

	if (lvl != c->lvl) {
		/* Below the knee the curve is 0: no logarithm. */
		c->lvl = lvl;
		c->tgt = lvl <= c->below ? 0.0f : fx_comp_curve(
		    fx_lin_to_db(lvl), c->thresh, c->ratio, c->knee);
	}
	gr += (c->tgt < gr ? c->aatk : c->arel) * (c->tgt - gr);
	/* A release within a millionth of a dB of none is none: unity, and
	 * no multiplication. */
	if (c->tgt == 0.0f && gr > -1e-6f)
		gr = 0.0f;
	c->gr = fx_flush(gr);
	fx_smooth_step(&c->makeup, c->amk, 1e-4f);
	c->g0 = c->g1;
	c->g1 = gr + c->makeup.cur == 0.0f ? 1.0f :
	    fx_db_to_lin(gr + c->makeup.cur);
}

/* The frames of the current step from here: their gain goes from g0 to
 * g1 by the step's ramp. */
static void
fx_comp_gain(const struct fx_comp *c, float *x, int nch, int m)
{
	const float g0 = c->g0, dg = c->g1 - c->g0, *r = c->ramp + c->phase;
	int i, ch;

	if (g0 == 1.0f && dg == 0.0f)
		return;
	if (nch == 1)
		for (i = 0; i < m; i++)
			x[i] *= g0 + dg * r[i];
	else
		for (i = 0; i < m; i++) {
			float g = g0 + dg * r[i];

			for (ch = 0; ch < nch; ch++)
				x[i * nch + ch] *= g;
		}
}

static void
fx_comp_process(void *st, const float *in, float *out, int nch, int frames)
{
	struct fx_comp *c = st;
	float d[FX_COMP_CHUNK];
	int j, k, n, m;

	fx_clean_block(in, out, nch * frames);
	for (j = 0; j < frames; j += n) {
		float *x = out + j * nch;

		n = frames - j < FX_COMP_CHUNK ? frames - j : FX_COMP_CHUNK;
		fx_comp_detect(c, x, d, nch, n);
		for (k = 0; k < n; k += m) {
			if (c->phase == 0)
				fx_comp_control(c);
			m = c->step - c->phase < n - k ? c->step - c->phase :
			    n - k;
			fx_level_block(&c->lev, d + k, m, c->rms);
			fx_comp_gain(c, x + k * nch, nch, m);
			c->phase = (c->phase + m) % c->step;
		}
	}
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
