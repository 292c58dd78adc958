/* dsp_denoise.c - spectral noise gate on an FFTW3 (single precision)
 * STFT. */
#include "dsp_denoise.h"

#include <fftw3.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define N DSP_DENOISE_FFT
#define H DSP_DENOISE_HOP
#define B DSP_DENOISE_BINS

struct dsp_denoise {
	float *buf;			/* N real */
	fftwf_complex *spec;		/* B */
	fftwf_plan fwd, inv;
	float win[N];
	float pw[B], sm[B], g[B], gs[B], gprev[B];
};

struct dsp_denoise *
dsp_denoise_new(void)
{
	struct dsp_denoise *d = calloc(1, sizeof *d);
	int i;

	if (d == NULL)
		return NULL;
	d->buf = fftwf_alloc_real(N);
	d->spec = fftwf_alloc_complex(B);
	if (d->buf == NULL || d->spec == NULL) {
		dsp_denoise_free(d);
		return NULL;
	}
	/* ESTIMATE: no timing runs, the same plan on every run. */
	d->fwd = fftwf_plan_dft_r2c_1d(N, d->buf, d->spec, FFTW_ESTIMATE);
	d->inv = fftwf_plan_dft_c2r_1d(N, d->spec, d->buf, FFTW_ESTIMATE);
	for (i = 0; i < N; i++)
		d->win[i] = (float)(0.5 - 0.5 * cos(2 * M_PI * i / N));
	return d;
}

void
dsp_denoise_free(struct dsp_denoise *d)
{
	if (d == NULL)
		return;
	if (d->fwd != NULL)
		fftwf_destroy_plan(d->fwd);
	if (d->inv != NULL)
		fftwf_destroy_plan(d->inv);
	fftwf_free(d->buf);
	fftwf_free(d->spec);
	free(d);
}

/* Frame starting at x[at] (zeros outside [0, n)), windowed, to spec. */
static void
dsp_denoise_analyse(struct dsp_denoise *d, const float *x, int64_t n,
    int64_t at)
{
	int i;

	for (i = 0; i < N; i++) {
		int64_t k = at + i;

		d->buf[i] = k >= 0 && k < n ? x[k] * d->win[i] : 0.0f;
	}
	fftwf_execute(d->fwd);
}

int
dsp_denoise_learn(struct dsp_denoise *d, const float *x, int64_t n,
    double *prof)
{
	int64_t at;
	int frames = 0, k;

	memset(prof, 0, B * sizeof *prof);
	for (at = 0; at + N <= n; at += H) {
		dsp_denoise_analyse(d, x, n, at);
		for (k = 0; k < B; k++)
			prof[k] += (double)d->spec[k][0] * d->spec[k][0] +
			    (double)d->spec[k][1] * d->spec[k][1];
		frames++;
	}
	for (k = 0; frames > 0 && k < B; k++)
		prof[k] /= frames;
	return frames;
}

/* Moving average of in[] over `r` bins either side. */
static void
dsp_denoise_blur(const float *in, float *out, int r)
{
	double acc = 0;
	int k, lo = 0, hi = -1;

	for (k = 0; k < B; k++) {
		int a = k - r < 0 ? 0 : k - r, b = k + r >= B ? B - 1 : k + r;

		while (hi < b)
			acc += in[++hi];
		while (lo < a)
			acc -= in[lo++];
		out[k] = (float)(acc / (b - a + 1));
	}
}

/* Runs the STFT over x, calling gate() per frame between analysis and
 * synthesis; overlap-add into y.  Frames start N before x so that every
 * sample gets the full window sum. */
static int
dsp_denoise_stft(struct dsp_denoise *d, const float *x, float *y, int64_t n,
    void (*gate)(struct dsp_denoise *, void *), void *garg,
    int (*progress)(void *, double), void *parg)
{
	/* Sum over the overlapping frames of win^2 is 1.5 at 75% overlap,
	 * and the inverse FFT scales by N. */
	const float scale = 1.0f / (1.5f * N);
	float *out = calloc((size_t)(n + 2 * N), sizeof *out);
	int64_t at, i;
	int f = 0, j;

	if (out == NULL)
		return -1;
	for (at = -N; at < n; at += H) {
		dsp_denoise_analyse(d, x, n, at);
		if (gate != NULL)
			gate(d, garg);
		fftwf_execute(d->inv);
		for (j = 0; j < N; j++)
			out[at + N + j] += d->buf[j] * d->win[j] * scale;
		if (progress != NULL && (++f & 255) == 0 &&
		    progress(parg, (double)(at + N) / (n + N)) != 0) {
			free(out);
			return -1;
		}
	}
	for (i = 0; i < n; i++)
		y[i] = out[i + N];
	free(out);
	return 0;
}

void
dsp_denoise_identity(struct dsp_denoise *d, const float *x, float *y,
    int64_t n)
{
	dsp_denoise_stft(d, x, y, n, NULL, NULL, NULL, NULL);
}

struct dsp_denoise_gate {
	const double *prof;
	const struct dsp_denoise_params *par;
	float floor;		/* ln of the gain of a closed bin */
	float thr, att, rel;
	int first;
};

static void
dsp_denoise_gate(struct dsp_denoise *d, void *arg)
{
	struct dsp_denoise_gate *g = arg;
	int k, r = g->par->smoothing;

	for (k = 0; k < B; k++)
		d->pw[k] = d->spec[k][0] * d->spec[k][0] +
		    d->spec[k][1] * d->spec[k][1];
	dsp_denoise_blur(d->pw, d->sm, r);
	/* Gains in dB, averaged: a lone open bin opens its band only a
	 * little (in linear terms one bin at 0 dB would lift a whole band
	 * of -30 dB neighbours to -17 dB). */
	for (k = 0; k < B; k++)
		d->g[k] = d->sm[k] > g->thr * g->prof[k] ? 0.0f : g->floor;
	dsp_denoise_blur(d->g, d->gs, r);
	for (k = 0; k < B; k++) {
		float v = expf(d->gs[k]), p = g->first ? v : d->gprev[k];

		/* Opening follows the attack time, closing the release. */
		v = v > p ? v + (p - v) * g->att : v + (p - v) * g->rel;
		d->gprev[k] = v;
		d->spec[k][0] *= v;
		d->spec[k][1] *= v;
	}
	g->first = 0;
}

int
dsp_denoise_run(struct dsp_denoise *d, const double *prof,
    const struct dsp_denoise_params *par, int rate, const float *x,
    float *y, int64_t n, int (*progress)(void *, double), void *arg)
{
	struct dsp_denoise_gate g;
	double hop_ms = 1000.0 * H / rate;

	g.prof = prof;
	g.par = par;
	g.floor = (float)(-par->amount_db * M_LN10 / 20.0);	/* ln gain */
	g.thr = (float)pow(10.0, par->sensitivity_db / 10.0);
	g.att = par->attack_ms > 0 ? (float)exp(-hop_ms / par->attack_ms) :
	    0.0f;
	g.rel = par->release_ms > 0 ? (float)exp(-hop_ms / par->release_ms) :
	    0.0f;
	g.first = 1;
	return dsp_denoise_stft(d, x, y, n, dsp_denoise_gate, &g, progress,
	    arg);
}
