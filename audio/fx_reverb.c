/* fx_reverb.c - room reverb after Jezar's Freeverb: eight damped
 * feedback combs in parallel and four allpasses in series per side, the
 * right side's delays 23 samples longer (at 44.1 kHz; all lengths scale
 * with the rate), a predelay in front.  Wet-only at mix 100 % (an aux
 * bus); size and damping glide.
 */
#include "fx.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define FX_RV_COMBS 8
#define FX_RV_APS 4
#define FX_RV_SPREAD 23
#define FX_RV_MAX_PRE_MS 200

static const int fx_rv_comb_len[FX_RV_COMBS] = { 1116, 1188, 1277, 1356,
    1422, 1491, 1557, 1617 };
static const int fx_rv_ap_len[FX_RV_APS] = { 556, 441, 341, 225 };

enum { RV_SIZE, RV_DAMP, RV_PRE, RV_WIDTH, RV_MIX, RV_N };

static const struct fx_param fx_reverb_params[] = {
	{ "size", "room size", 0, 100, 50, "%", false, FX_FLOAT, NULL },
	{ "damping", "high damping", 0, 100, 50, "%", false, FX_FLOAT,
	    NULL },
	{ "predelay", "predelay", 0, FX_RV_MAX_PRE_MS, 10, "ms", false,
	    FX_FLOAT, NULL },
	{ "width", "stereo width", 0, 100, 100, "%", false, FX_FLOAT, NULL },
	{ "mix", "wet share", 0, 100, 100, "%", false, FX_FLOAT, NULL },
};

struct fx_rv_line {
	float *buf;
	int len, pos;
	float store;		/* combs: the damping filter */
};

struct fx_reverb {
	int rate;
	bool fresh;
	struct fx_rv_line comb[2][FX_RV_COMBS], ap[2][FX_RV_APS];
	float *pre;
	int precap, prew, pred;
	float asl;
	struct fx_smooth fb, damp, width, mix;
};

static void
fx_reverb_free(void *st)
{
	struct fx_reverb *r = st;
	int s, i;

	for (s = 0; s < 2; s++) {
		for (i = 0; i < FX_RV_COMBS; i++)
			free(r->comb[s][i].buf);
		for (i = 0; i < FX_RV_APS; i++)
			free(r->ap[s][i].buf);
	}
	free(r->pre);
	free(r);
}

static bool
fx_rv_line_new(struct fx_rv_line *l, int len44, int rate)
{
	l->len = (int)((double)len44 * rate / 44100.0);
	if (l->len < 1)
		l->len = 1;
	l->buf = calloc((size_t)l->len, sizeof *l->buf);
	return l->buf != NULL;
}

static void *
fx_reverb_new(int rate)
{
	struct fx_reverb *r = calloc(1, sizeof *r);
	bool ok = r != NULL;
	int s, i;

	if (!ok)
		return NULL;
	r->rate = rate;
	r->fresh = true;
	for (s = 0; s < 2; s++) {
		for (i = 0; i < FX_RV_COMBS; i++)
			ok &= fx_rv_line_new(&r->comb[s][i],
			    fx_rv_comb_len[i] + s * FX_RV_SPREAD, rate);
		for (i = 0; i < FX_RV_APS; i++)
			ok &= fx_rv_line_new(&r->ap[s][i],
			    fx_rv_ap_len[i] + s * FX_RV_SPREAD, rate);
	}
	r->precap = FX_RV_MAX_PRE_MS * rate / 1000 + 1;
	r->pre = calloc((size_t)r->precap * 2, sizeof *r->pre);
	r->asl = fx_tau_coef(50.0f, rate);
	if (!ok || r->pre == NULL) {
		fx_reverb_free(r);
		return NULL;
	}
	return r;
}

static void
fx_reverb_update(void *st, const float *v, const struct fx_ctx *c)
{
	struct fx_reverb *r = st;

	/* Freeverb's scales: feedback 0.7..0.98, damping 0..0.4. */
	r->fb.tgt = 0.7f + 0.28f * v[RV_SIZE] / 100.0f;
	r->damp.tgt = 0.4f * v[RV_DAMP] / 100.0f;
	r->width.tgt = v[RV_WIDTH] / 100.0f;
	r->mix.tgt = v[RV_MIX] / 100.0f;
	r->pred = (int)lrintf(v[RV_PRE] * r->rate / 1000.0f);
	if (r->pred >= r->precap)
		r->pred = r->precap - 1;
	if (r->fresh) {
		r->fb.cur = r->fb.tgt;
		r->damp.cur = r->damp.tgt;
		r->width.cur = r->width.tgt;
		r->mix.cur = r->mix.tgt;
	}
	r->fresh = false;
}

static void
fx_reverb_reset(void *st)
{
	struct fx_reverb *r = st;
	int s, i;

	for (s = 0; s < 2; s++) {
		for (i = 0; i < FX_RV_COMBS; i++) {
			memset(r->comb[s][i].buf, 0,
			    sizeof(float) * r->comb[s][i].len);
			r->comb[s][i].store = 0;
		}
		for (i = 0; i < FX_RV_APS; i++)
			memset(r->ap[s][i].buf, 0,
			    sizeof(float) * r->ap[s][i].len);
	}
	memset(r->pre, 0, sizeof(float) * 2 * r->precap);
	r->fresh = true;
}

static inline float
fx_rv_comb(struct fx_rv_line *l, float x, float fb, float damp)
{
	float y = l->buf[l->pos];

	l->store = fx_flush(y * (1 - damp) + l->store * damp);
	l->buf[l->pos] = fx_flush(x + l->store * fb);
	if (++l->pos == l->len)
		l->pos = 0;
	return y;
}

static inline float
fx_rv_ap(struct fx_rv_line *l, float x)
{
	float b = l->buf[l->pos];

	l->buf[l->pos] = fx_flush(x + b * 0.5f);
	if (++l->pos == l->len)
		l->pos = 0;
	return b - x;
}

static void
fx_reverb_process(void *st, const float *in, float *out, int nch,
    int frames)
{
	struct fx_reverb *r = st;
	int i, s, k;

	for (i = 0; i < frames; i++) {
		float x[2], y[2], w1, w2, m, feed;
		int rd = r->prew - r->pred;

		fx_smooth_step(&r->fb, r->asl, 1e-6f);
		fx_smooth_step(&r->damp, r->asl, 1e-6f);
		fx_smooth_step(&r->width, r->asl, 1e-6f);
		fx_smooth_step(&r->mix, r->asl, 1e-6f);
		x[0] = fx_clean(in[i * nch]);
		x[1] = nch == 2 ? fx_clean(in[i * nch + 1]) : x[0];
		r->pre[r->prew * 2] = x[0];
		r->pre[r->prew * 2 + 1] = x[1];
		if (rd < 0)
			rd += r->precap;
		if (++r->prew == r->precap)
			r->prew = 0;
		/* Freeverb's fixed input gain, 0.015, for its sum of both
		 * sides. */
		feed = (r->pre[rd * 2] + r->pre[rd * 2 + 1]) * 0.015f;
		for (s = 0; s < nch; s++) {
			float acc = 0;

			for (k = 0; k < FX_RV_COMBS; k++)
				acc += fx_rv_comb(&r->comb[s][k], feed,
				    r->fb.cur, r->damp.cur);
			for (k = 0; k < FX_RV_APS; k++)
				acc = fx_rv_ap(&r->ap[s][k], acc);
			y[s] = acc;
		}
		m = r->mix.cur;
		if (nch == 1) {
			out[i] = x[0] * (1 - m) + y[0] * m;
			continue;
		}
		/* Freeverb's wet1/wet2 width matrix. */
		w1 = m * (r->width.cur / 2 + 0.5f);
		w2 = m * ((1 - r->width.cur) / 2);
		out[i * 2] = x[0] * (1 - m) + y[0] * w1 + y[1] * w2;
		out[i * 2 + 1] = x[1] * (1 - m) + y[1] * w1 + y[0] * w2;
	}
}

const struct fx_kind fx_reverb = {
	.name = "reverb",
	.desc = "room reverb (Freeverb)",
	.params = fx_reverb_params,
	.nparams = RV_N,
	.new = fx_reverb_new,
	.free = fx_reverb_free,
	.update = fx_reverb_update,
	.reset = fx_reverb_reset,
	.process = fx_reverb_process,
};
