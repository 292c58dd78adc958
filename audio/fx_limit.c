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
 *
 * True peak (truepeak=on, the default): the ceiling is in dBTP.  The
 * detector sees the signal 4x oversampled (below 96 kHz; 2x below 192):
 * a polyphase interpolator (Hann-windowed sinc, 16 taps a phase) finds
 * the points between samples, and the peak of frame n is the largest of
 * the sample and the points on either side of it.  The interpolator
 * looks LM_TP_DELAY frames ahead, so the audio waits that much longer.
 * The ceiling the detector aims at sits LM_TP_MARGIN below the one asked
 * for: the gain moving between samples shapes the points a little.
 */
#include "fx.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define FX_LIMIT_MAX_MS 20.0f
#define LM_TP_TAPS 16
#define LM_TP_DELAY (LM_TP_TAPS / 2)
#define LM_TP_MARGIN 0.985f	/* -0.13 dB */

enum { LM_CEIL, LM_RELEASE, LM_LOOKAHEAD, LM_TRUEPEAK, LM_GAIN, LM_N };

static const struct fx_param fx_limit_params[] = {
	{ "ceiling", "ceiling", -24, 0, -1, "dB", false, FX_FLOAT, NULL },
	{ "release", "release", 1, 1000, 50, "ms", true, FX_FLOAT, NULL },
	{ "lookahead", "look-ahead", 0.1f, FX_LIMIT_MAX_MS, 5, "ms", false,
	    FX_FLOAT, NULL },
	{ "truepeak", "true-peak ceiling", 0, 1, 1, "", false, FX_TOGGLE,
	    NULL },
	{ "gain", "input gain", -24, 24, 0, "dB", false, FX_FLOAT, NULL },
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
	bool tp;
	int phases;
	struct fx_smooth gain;	/* linear */
	float h[4][LM_TP_TAPS];	/* interpolators of phases 1.. */
	float hist[2][LM_TP_TAPS * 2];	/* the last LM_TP_TAPS, twice */
	int hpos;
	float ipprev;		/* the points before the frame */
};

/* Fractional-delay interpolators (the same design as loudness.c): the
 * points lie between inputs LM_TP_TAPS/2 - 1 and LM_TP_TAPS/2 of the
 * window. */
static void
fx_limit_design(struct fx_limit *l)
{
	int p, j;

	l->phases = l->rate < 96000 ? 4 : l->rate < 192000 ? 2 : 1;
	for (p = 1; p < l->phases; p++) {
		double sum = 0;

		for (j = 0; j < LM_TP_TAPS; j++) {
			double t = j - (LM_TP_TAPS / 2 - 1) - (double)p /
			    l->phases;
			double w = 0.5 + 0.5 * cos(M_PI * t / (LM_TP_TAPS / 2 +
			    0.5));
			double sn = t == 0 ? 1 : sin(M_PI * t) / (M_PI * t);

			l->h[p][j] = (float)(w * sn);
			sum += w * sn;
		}
		for (j = 0; j < LM_TP_TAPS; j++)
			l->h[p][j] = (float)(l->h[p][j] / sum);
	}
}

/* Takes frame x in; the largest point between the frames LM_TP_DELAY
 * and LM_TP_DELAY - 1 back. */
static float
fx_limit_points(struct fx_limit *l, const float *x, int nch)
{
	int ch, p, j, k = l->hpos;
	float m = 0;

	for (ch = 0; ch < nch; ch++) {
		float *h = l->hist[ch];

		h[k] = h[k + LM_TP_TAPS] = x[ch];
		for (p = 1; p < l->phases; p++) {
			const float *c = l->h[p], *b = h + k + 1;
			float acc = 0;

			for (j = 0; j < LM_TP_TAPS; j++)
				acc += c[j] * b[j];
			acc = fabsf(acc);
			m = acc > m ? acc : m;
		}
	}
	l->hpos = (k + 1) % LM_TP_TAPS;
	return m;
}

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
	fx_limit_design(l);
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
	memset(l->hist, 0, sizeof l->hist);
	l->hpos = 0;
	l->ipprev = 0;
}

static int
fx_limit_latency(const float *v, int rate)
{
	int lat = (int)lrintf(v[LM_LOOKAHEAD] * rate / 1000.0f);
	int cap = (int)(FX_LIMIT_MAX_MS * rate / 1000.0f) + 4;

	return (lat < cap - 2 ? lat : cap - 2) + (v[LM_TRUEPEAK] > 0.5f ?
	    LM_TP_DELAY : 0);
}

static void
fx_limit_update(void *st, const float *v, const struct fx_ctx *c)
{
	struct fx_limit *l = st;
	bool tp = v[LM_TRUEPEAK] > 0.5f;
	int len = fx_limit_latency(v, l->rate) + 1 - (tp ? LM_TP_DELAY : 0);

	l->arel = fx_tau_coef(v[LM_RELEASE], l->rate);
	l->ceil.tgt = fx_db_to_lin(v[LM_CEIL]) * (tp ? LM_TP_MARGIN : 1.0f);
	l->gain.tgt = fx_db_to_lin(v[LM_GAIN]);
	if (l->fresh) {
		l->ceil.cur = l->ceil.tgt;
		l->gain.cur = l->gain.tgt;
	}
	/* A new look-ahead is a new latency: the limiter starts over. */
	if (l->fresh || len != l->len || tp != l->tp) {
		l->len = len;
		l->tp = tp;
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
		fx_smooth_step(&l->gain, l->acl, 1e-7f);
		ce = l->ceil.cur;
		for (ch = 0; ch < nch; ch++)
			x[ch] = fx_clean(in[i * nch + ch]) * l->gain.cur;
		if (l->tp) {
			/* The frame LM_TP_DELAY back, and its peak with
			 * the points on both sides. */
			float ip = fx_limit_points(l, x, nch);
			int k = (l->hpos - 1 - LM_TP_DELAY + 2 * LM_TP_TAPS) %
			    LM_TP_TAPS;

			a = ip > l->ipprev ? ip : l->ipprev;
			l->ipprev = ip;
			for (ch = 0; ch < nch; ch++)
				x[ch] = l->hist[ch][k];
		}
		for (ch = 0; ch < nch; ch++)
			if (fabsf(x[ch]) > a)
				a = fabsf(x[ch]);
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
