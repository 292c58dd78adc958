/* fxt.h - helpers for the processor tests: an instance with parameters
 * set by text (through the table's own parser), blocks run through it,
 * tone levels measured. */
#ifndef REEL_FXT_H
#define REEL_FXT_H

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fx.h"

#define FXT_RATE 48000

struct fxt {
	const struct fx_kind *k;
	void *st;
	float val[FX_MAX_PARAMS];
	struct fx_ctx ctx;
};

/* "eq", "b1.type=peak b1.freq=1000 ..." */
static inline void
fxt_set(struct fxt *f, const char *params)
{
	char buf[1024], err[256], *tok, *save = NULL;

	snprintf(buf, sizeof buf, "%s", params);
	for (tok = strtok_r(buf, " ", &save); tok != NULL;
	    tok = strtok_r(NULL, " ", &save)) {
		char *eq = strchr(tok, '=');
		int i;

		if (eq == NULL)
			abort();
		*eq = '\0';
		i = fx_param_find(f->k, tok);
		if (i < 0 || fx_param_parse(f->k, i, eq + 1, &f->val[i], err,
		    sizeof err) != 0) {
			fprintf(stderr, "fxt_set %s: %s\n", tok, err);
			abort();
		}
	}
	f->k->update(f->st, f->val, &f->ctx);
}

static inline void
fxt_open(struct fxt *f, const char *kind, const char *params)
{
	memset(f, 0, sizeof *f);
	f->k = fx_kind_find(kind);
	if (f->k == NULL)
		abort();
	f->st = f->k->new(FXT_RATE);
	if (f->st == NULL)
		abort();
	f->ctx.rate = FXT_RATE;
	f->ctx.bpm = 120;
	fx_defaults(f->k, f->val);
	fxt_set(f, params);
}

static inline void
fxt_close(struct fxt *f)
{
	f->k->free(f->st);
}

/* Runs n frames of interleaved x in place, in blocks of `block`. */
static inline void
fxt_run(struct fxt *f, float *x, int nch, int n, int block)
{
	int i, k;

	for (i = 0; i < n; i += k) {
		k = n - i < block ? n - i : block;
		f->k->process(f->st, x + i * nch, x + i * nch, nch, k);
	}
}

/* A sine of amplitude a at freq Hz into n frames of nch channels. */
static inline void
fxt_sine(float *x, int nch, int n, double freq, double a)
{
	int i, c;

	for (i = 0; i < n; i++)
		for (c = 0; c < nch; c++)
			x[i * nch + c] = (float)(a * sin(2 * M_PI * freq * i /
			    FXT_RATE));
}

/* Amplitude of the freq component of channel c over frames [from, n):
 * (n - from) must hold whole periods. */
static inline double
fxt_amp(const float *x, int nch, int c, int from, int n, double freq)
{
	double s = 0, co = 0;
	int i;

	for (i = from; i < n; i++) {
		double ph = 2 * M_PI * freq * i / FXT_RATE;

		s += x[i * nch + c] * sin(ph);
		co += x[i * nch + c] * cos(ph);
	}
	return 2 * sqrt(s * s + co * co) / (n - from);
}

static inline double
fxt_peak(const float *x, int nch, int from, int n)
{
	double p = 0;
	int i;

	for (i = from * nch; i < n * nch; i++)
		if (fabs(x[i]) > p)
			p = fabs(x[i]);
	return p;
}

static inline double
fxt_db(double a)
{
	return 20 * log10(a);
}

#endif
