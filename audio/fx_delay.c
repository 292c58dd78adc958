/* fx_delay.c - delay: a time in ms or a note value at the song's tempo,
 * feedback through a one-pole high-cut, wet/dry mix (100 % for an aux
 * bus).  The delay time glides (read with linear interpolation), so
 * moving it bends the repeats instead of clicking.
 */
#include "fx.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define FX_DELAY_MAX_MS 4000

enum { DL_TIME, DL_SYNC, DL_FEEDBACK, DL_HIGHCUT, DL_MIX, DL_N };

static const char *const fx_delay_syncs[] = { "off", "1/1", "1/2",
    "1/2d", "1/2t", "1/4", "1/4d", "1/4t", "1/8", "1/8d", "1/8t", "1/16",
    "1/16d", "1/16t", NULL };
/* In whole notes. */
static const double fx_delay_notes[] = { 0, 1, 0.5, 0.75, 1.0 / 3, 0.25,
    0.375, 0.5 / 3, 0.125, 0.1875, 0.25 / 3, 0.0625, 0.09375, 0.125 / 3 };

static const struct fx_param fx_delay_params[] = {
	{ "time", "delay time (sync off)", 1, FX_DELAY_MAX_MS, 250, "ms",
	    true, FX_FLOAT, NULL },
	{ "sync", "note value at the tempo", 0, 13, 0, "", false, FX_ENUM,
	    fx_delay_syncs },
	{ "feedback", "feedback", 0, 95, 30, "%", false, FX_FLOAT, NULL },
	{ "highcut", "high-cut in the feedback", 500, 20000, 8000, "Hz",
	    true, FX_FLOAT, NULL },
	{ "mix", "wet share", 0, 100, 100, "%", false, FX_FLOAT, NULL },
};

struct fx_delay {
	int rate, cap;		/* frames in the line */
	bool fresh;
	float *line;		/* cap frames, stereo */
	int w;
	float atm, acut;
	struct fx_smooth time, fb, mix;	/* time in frames */
	float lp[2];
};

static void *
fx_delay_new(int rate)
{
	struct fx_delay *d = calloc(1, sizeof *d);

	if (d == NULL)
		return NULL;
	d->rate = rate;
	d->cap = FX_DELAY_MAX_MS * rate / 1000 + 4;
	d->line = calloc((size_t)d->cap * 2, sizeof *d->line);
	if (d->line == NULL) {
		free(d);
		return NULL;
	}
	d->atm = fx_tau_coef(50.0f, rate);
	d->fresh = true;
	return d;
}

static void
fx_delay_free(void *st)
{
	struct fx_delay *d = st;

	free(d->line);
	free(d);
}

static void
fx_delay_update(void *st, const float *v, const struct fx_ctx *c)
{
	struct fx_delay *d = st;
	int sync = (int)v[DL_SYNC];
	double ms = v[DL_TIME];

	if (sync > 0 && c != NULL && c->bpm > 0)
		ms = fx_delay_notes[sync] * 4 * 60000.0 / c->bpm;
	if (ms > FX_DELAY_MAX_MS)
		ms = FX_DELAY_MAX_MS;
	if (ms < 1)
		ms = 1;
	d->time.tgt = (float)(ms * d->rate / 1000.0);
	d->fb.tgt = v[DL_FEEDBACK] / 100.0f;
	d->mix.tgt = v[DL_MIX] / 100.0f;
	d->acut = 1.0f - expf(-2.0f * (float)M_PI * v[DL_HIGHCUT] /
	    (float)d->rate);
	if (d->fresh) {
		d->time.cur = d->time.tgt;
		d->fb.cur = d->fb.tgt;
		d->mix.cur = d->mix.tgt;
	}
	d->fresh = false;
}

static void
fx_delay_reset(void *st)
{
	struct fx_delay *d = st;

	memset(d->line, 0, sizeof(float) * 2 * d->cap);
	d->lp[0] = d->lp[1] = 0;
	d->fresh = true;
}

static void
fx_delay_process(void *st, const float *in, float *out, int nch, int frames)
{
	struct fx_delay *d = st;
	int i, ch, cap = d->cap;

	for (i = 0; i < frames; i++) {
		double pos;
		float frac, fb, m;
		int r0, r1;

		fx_smooth_step(&d->time, d->atm, 1e-3f);
		fx_smooth_step(&d->fb, d->atm, 1e-6f);
		fx_smooth_step(&d->mix, d->atm, 1e-6f);
		fb = d->fb.cur;
		m = d->mix.cur;
		/* double: a float position 768000 frames in has steps of
		 * 1/16 frame. */
		pos = (double)d->w - d->time.cur;
		if (pos < 0)
			pos += cap;
		r0 = (int)pos;
		frac = (float)(pos - r0);
		r0 %= cap;
		r1 = (r0 + 1) % cap;
		for (ch = 0; ch < nch; ch++) {
			float x = fx_clean(in[i * nch + ch]);
			float y = d->line[r0 * 2 + ch] * (1 - frac) +
			    d->line[r1 * 2 + ch] * frac;

			d->lp[ch] = fx_flush(d->lp[ch] + d->acut *
			    (y - d->lp[ch]));
			d->line[d->w * 2 + ch] = fx_flush(x + fb * d->lp[ch]);
			out[i * nch + ch] = x * (1 - m) + y * m;
		}
		d->w = (d->w + 1) % cap;
	}
}

const struct fx_kind fx_delay = {
	.name = "delay",
	.desc = "delay, free or at the tempo",
	.params = fx_delay_params,
	.nparams = DL_N,
	.new = fx_delay_new,
	.free = fx_delay_free,
	.update = fx_delay_update,
	.reset = fx_delay_reset,
	.process = fx_delay_process,
};
