/* fx_util.c - utility: gain, polarity, mono, stereo width (mid/side).
 * Every control glides, a polarity flip too (through silence), so
 * nothing clicks.
 */
#include "fx.h"

#include <math.h>
#include <stdlib.h>

enum { UT_GAIN, UT_POLARITY, UT_MONO, UT_WIDTH, UT_N };

static const char *const fx_util_polarities[] = { "normal", "invert",
    "invert-l", "invert-r", NULL };

static const struct fx_param fx_util_params[] = {
	{ "gain", "gain", -60, 24, 0, "dB", false, FX_FLOAT, NULL },
	{ "polarity", "polarity", 0, 3, 0, "", false, FX_ENUM,
	    fx_util_polarities },
	{ "mono", "sum to mono", 0, 1, 0, "", false, FX_TOGGLE, NULL },
	{ "width", "stereo width", 0, 200, 100, "%", false, FX_FLOAT, NULL },
};

struct fx_util {
	bool fresh;
	float asl;
	struct fx_smooth gain, sl, sr, width;	/* linear, signs, 0..2 */
};

static void *
fx_util_new(int rate)
{
	struct fx_util *u = calloc(1, sizeof *u);

	if (u == NULL)
		return NULL;
	u->fresh = true;
	u->asl = fx_tau_coef(20.0f, rate);
	return u;
}

static void
fx_util_free(void *st)
{
	free(st);
}

static void
fx_util_update(void *st, const float *v, const struct fx_ctx *c)
{
	struct fx_util *u = st;
	int pol = (int)v[UT_POLARITY];

	u->gain.tgt = fx_db_to_lin(v[UT_GAIN]);
	u->sl.tgt = pol == 1 || pol == 2 ? -1.0f : 1.0f;
	u->sr.tgt = pol == 1 || pol == 3 ? -1.0f : 1.0f;
	u->width.tgt = v[UT_MONO] >= 0.5f ? 0.0f : v[UT_WIDTH] / 100.0f;
	if (u->fresh) {
		u->gain.cur = u->gain.tgt;
		u->sl.cur = u->sl.tgt;
		u->sr.cur = u->sr.tgt;
		u->width.cur = u->width.tgt;
	}
	u->fresh = false;
}

static void
fx_util_reset(void *st)
{
	((struct fx_util *)st)->fresh = true;
}

static void
fx_util_process(void *st, const float *in, float *out, int nch, int frames)
{
	struct fx_util *u = st;
	int i;

	for (i = 0; i < frames; i++) {
		float l, r, m, s;

		fx_smooth_step(&u->gain, u->asl, 1e-7f);
		fx_smooth_step(&u->sl, u->asl, 1e-6f);
		fx_smooth_step(&u->sr, u->asl, 1e-6f);
		fx_smooth_step(&u->width, u->asl, 1e-6f);
		if (nch == 1) {
			out[i] = fx_clean(in[i]) * u->sl.cur * u->gain.cur;
			continue;
		}
		l = fx_clean(in[2 * i]);
		r = fx_clean(in[2 * i + 1]);
		if (u->width.cur != 1.0f) {
			m = (l + r) * 0.5f;
			s = (l - r) * 0.5f * u->width.cur;
			l = m + s;
			r = m - s;
		}
		out[2 * i] = l * u->sl.cur * u->gain.cur;
		out[2 * i + 1] = r * u->sr.cur * u->gain.cur;
	}
}

const struct fx_kind fx_util = {
	.name = "utility",
	.desc = "gain, polarity, mono, width",
	.params = fx_util_params,
	.nparams = UT_N,
	.new = fx_util_new,
	.free = fx_util_free,
	.update = fx_util_update,
	.reset = fx_util_reset,
	.process = fx_util_process,
};
