/* fx_limit.c - look-ahead peak limiter whose output never passes the
 * ceiling.
 *
 * With a window of L frames (the look-ahead plus one) and the audio
 * delayed by L-1: r[n] is the gain frame n needs (ceiling / peak, at
 * most 1); h[n] the least r over the last L frames; env follows h down
 * at once and back up with the release time constant; the gain is the
 * mean of env over the last L frames.  Every env[k] that mean takes, for
 * k in [n-L+1, n], is at most r[n-L+1], so the delayed frame n-L+1 comes
 * out at or below the ceiling, and the gain ramps down over L frames
 * instead of jumping.  A final clamp covers float rounding.
 */
#include "fx.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define FX_LIMIT_MAX_MS 20.0f

enum { LM_CEIL, LM_RELEASE, LM_LOOKAHEAD, LM_N };

static const struct fx_param fx_limit_params[] = {
	{ "ceiling", "ceiling", -24, 0, -1, "dB", false, FX_FLOAT, NULL },
	{ "release", "release", 1, 1000, 50, "ms", true, FX_FLOAT, NULL },
	{ "lookahead", "look-ahead", 0.1f, FX_LIMIT_MAX_MS, 5, "ms", false,
	    FX_FLOAT, NULL },
};

struct fx_limit {
	int rate, cap;		/* cap > every window length */
	bool fresh;
	int len;		/* L */
	float arel, acl;
	struct fx_smooth ceil;	/* linear */
	float *delay;		/* cap frames, stereo */
	float *qv;		/* sliding minimum: values ... */
	int64_t *qi;		/* ... and their frame numbers */
	int qh, qt;		/* head, tail (mod cap) */
	float *box;		/* env, the last L */
	double sum;
	int64_t n;		/* frames seen */
	float env, gmin;
};

static void *
fx_limit_new(int rate)
{
	struct fx_limit *l = calloc(1, sizeof *l);

	if (l == NULL)
		return NULL;
	l->rate = rate;
	l->cap = (int)(FX_LIMIT_MAX_MS * rate / 1000.0f) + 4;
	l->delay = calloc((size_t)l->cap * 2, sizeof *l->delay);
	l->qv = calloc((size_t)l->cap, sizeof *l->qv);
	l->qi = calloc((size_t)l->cap, sizeof *l->qi);
	l->box = calloc((size_t)l->cap, sizeof *l->box);
	if (l->delay == NULL || l->qv == NULL || l->qi == NULL ||
	    l->box == NULL) {
		free(l->delay);
		free(l->qv);
		free(l->qi);
		free(l->box);
		free(l);
		return NULL;
	}
	l->acl = fx_tau_coef(20.0f, rate);
	l->fresh = true;
	l->len = 1;
	return l;
}

static void
fx_limit_free(void *st)
{
	struct fx_limit *l = st;

	free(l->delay);
	free(l->qv);
	free(l->qi);
	free(l->box);
	free(l);
}

/* Empty delay line, unity gain: as after silence. */
static void
fx_limit_clear(struct fx_limit *l)
{
	int i;

	memset(l->delay, 0, sizeof(float) * 2 * l->cap);
	for (i = 0; i < l->cap; i++)
		l->box[i] = 1.0f;
	l->sum = l->len;
	l->qh = l->qt = 0;
	l->n = 0;
	l->env = 1.0f;
	l->gmin = 1.0f;
}

static int
fx_limit_latency(const float *v, int rate)
{
	int lat = (int)lrintf(v[LM_LOOKAHEAD] * rate / 1000.0f);
	int cap = (int)(FX_LIMIT_MAX_MS * rate / 1000.0f) + 4;

	return lat < cap - 2 ? lat : cap - 2;
}

static void
fx_limit_update(void *st, const float *v, const struct fx_ctx *c)
{
	struct fx_limit *l = st;
	int len = fx_limit_latency(v, l->rate) + 1;
	l->arel = fx_tau_coef(v[LM_RELEASE], l->rate);
	l->ceil.tgt = fx_db_to_lin(v[LM_CEIL]);
	if (l->fresh)
		l->ceil.cur = l->ceil.tgt;
	/* A new look-ahead is a new latency: the limiter starts over. */
	if (l->fresh || len != l->len) {
		l->len = len;
		fx_limit_clear(l);
	}
	l->fresh = false;
}

static void
fx_limit_reset(void *st)
{
	struct fx_limit *l = st;

	fx_limit_clear(l);
	l->fresh = true;
}

static void
fx_limit_process(void *st, const float *in, float *out, int nch, int frames)
{
	struct fx_limit *l = st;
	int i, ch, cap = l->cap, len = l->len;
	float gmin = 1.0f;

	for (i = 0; i < frames; i++) {
		int w = (int)(l->n % cap), r = (int)((l->n - (len - 1) +
		    (int64_t)cap * 2) % cap), b = (int)(l->n % len);
		float x[2], a = 0, need, g, ce;

		fx_smooth_step(&l->ceil, l->acl, 1e-7f);
		ce = l->ceil.cur;
		for (ch = 0; ch < nch; ch++) {
			x[ch] = fx_clean(in[i * nch + ch]);
			if (fabsf(x[ch]) > a)
				a = fabsf(x[ch]);
		}
		need = a > ce ? ce / a : 1.0f;
		/* The sliding minimum over the last len frames. */
		while (l->qt != l->qh && l->qv[(l->qt - 1 + cap) % cap] >=
		    need)
			l->qt = (l->qt - 1 + cap) % cap;
		l->qv[l->qt] = need;
		l->qi[l->qt] = l->n;
		l->qt = (l->qt + 1) % cap;
		while (l->qi[l->qh] <= l->n - len)
			l->qh = (l->qh + 1) % cap;
		l->env += l->arel * (1.0f - l->env);
		if (l->qv[l->qh] < l->env)
			l->env = l->qv[l->qh];
		l->sum += (double)l->env - l->box[b];
		l->box[b] = l->env;
		g = (float)(l->sum / len);
		if (g < gmin)
			gmin = g;
		for (ch = 0; ch < nch; ch++) {
			float y;

			/* Written first: with no look-ahead r == w. */
			l->delay[w * 2 + ch] = x[ch];
			y = l->delay[r * 2 + ch] * g;
			out[i * nch + ch] = y > ce ? ce : y < -ce ? -ce : y;
		}
		l->n++;
	}
	/* The running sum drifts by rounding: resum now and then. */
	if (l->n % (1 << 16) < frames) {
		double s = 0;

		for (i = 0; i < len; i++)
			s += l->box[i];
		l->sum = s;
	}
	l->gmin = gmin;
}

static float
fx_limit_gr(const void *st)
{
	return fx_lin_to_db(((const struct fx_limit *)st)->gmin);
}

const struct fx_kind fx_limit = {
	.name = "limit",
	.desc = "look-ahead limiter",
	.params = fx_limit_params,
	.nparams = LM_N,
	.new = fx_limit_new,
	.free = fx_limit_free,
	.update = fx_limit_update,
	.reset = fx_limit_reset,
	.process = fx_limit_process,
	.latency = fx_limit_latency,
	.gr = fx_limit_gr,
};
