/* dsp_pitch.c - YIN with an FFT difference function. */
#include "dsp_pitch.h"

#include <fftw3.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define DSP_PITCH_THRESHOLD 0.15
#define DSP_PITCH_VOICED 0.25
#define DSP_PITCH_FLOOR 0.001	/* -60 dBFS RMS */

int
dsp_pitch_hop(int rate)
{
	return rate / 200 > 0 ? rate / 200 : 1;
}

double
dsp_pitch_midi(double hz)
{
	return 69.0 + 12.0 * log2(hz / 440.0);
}

double
dsp_pitch_hz(double midi)
{
	return 440.0 * pow(2.0, (midi - 69.0) / 12.0);
}

struct dsp_pitch {
	int w, lmax, lmin, nfft, s;
	float *a, *b;
	fftwf_complex *fa, *fb;
	fftwf_plan pa, pb, pr;
	double *sq, *d;
};

static void
dsp_pitch_free(struct dsp_pitch *p)
{
	if (p->pa != NULL)
		fftwf_destroy_plan(p->pa);
	if (p->pb != NULL)
		fftwf_destroy_plan(p->pb);
	if (p->pr != NULL)
		fftwf_destroy_plan(p->pr);
	fftwf_free(p->a);
	fftwf_free(p->b);
	fftwf_free(p->fa);
	fftwf_free(p->fb);
	free(p->sq);
	free(p->d);
}

static int
dsp_pitch_init(struct dsp_pitch *p, int rate)
{
	memset(p, 0, sizeof *p);
	p->lmax = (int)ceil(rate / DSP_PITCH_FMIN);
	p->lmin = (int)floor(rate / DSP_PITCH_FMAX);
	if (p->lmin < 2)
		p->lmin = 2;
	/* The integration window spans the longest period. */
	for (p->w = 64; p->w < p->lmax; p->w *= 2)
		;
	p->s = p->w + p->lmax + 1;
	for (p->nfft = 64; p->nfft < p->s; p->nfft *= 2)
		;
	p->a = fftwf_alloc_real(p->nfft);
	p->b = fftwf_alloc_real(p->nfft);
	p->fa = fftwf_alloc_complex(p->nfft / 2 + 1);
	p->fb = fftwf_alloc_complex(p->nfft / 2 + 1);
	p->sq = malloc((p->s + 1) * sizeof *p->sq);
	p->d = malloc((p->lmax + 2) * sizeof *p->d);
	if (p->a == NULL || p->b == NULL || p->fa == NULL || p->fb == NULL ||
	    p->sq == NULL || p->d == NULL) {
		dsp_pitch_free(p);
		return -1;
	}
	p->pa = fftwf_plan_dft_r2c_1d(p->nfft, p->a, p->fa, FFTW_ESTIMATE);
	p->pb = fftwf_plan_dft_r2c_1d(p->nfft, p->b, p->fb, FFTW_ESTIMATE);
	p->pr = fftwf_plan_dft_c2r_1d(p->nfft, p->fa, p->a, FFTW_ESTIMATE);
	if (p->pa == NULL || p->pb == NULL || p->pr == NULL) {
		dsp_pitch_free(p);
		return -1;
	}
	return 0;
}

/* One frame whose window starts at x[start] (zeros outside [0, n)): the
 * integration window is its first w frames, centred on the frame's time;
 * the lags reach past it. */
static void
dsp_pitch_frame(struct dsp_pitch *p, const float *x, int64_t n,
    int64_t start, int rate, struct dsp_pitch_frame *f)
{
	double cum = 0, e0, best;
	int j, tau, k, bins = p->nfft / 2 + 1;

	memset(p->a, 0, p->nfft * sizeof *p->a);
	p->sq[0] = 0;
	for (j = 0; j < p->s; j++) {
		int64_t i = start + j;
		float v = i >= 0 && i < n ? x[i] : 0.0f;

		p->a[j] = v;
		p->sq[j + 1] = p->sq[j] + (double)v * v;
	}
	f->rms = (float)sqrt(p->sq[p->s] / p->s);
	f->hz = 0;
	f->aperiodic = 1;
	f->voiced = false;
	if (f->rms < DSP_PITCH_FLOOR * 0.1)
		return;
	memcpy(p->b, p->a, p->w * sizeof *p->b);
	memset(p->b + p->w, 0, (p->nfft - p->w) * sizeof *p->b);
	fftwf_execute(p->pa);
	fftwf_execute(p->pb);
	/* conj(B) A: the cross-correlation sum_j b[j] a[j + tau]. */
	for (k = 0; k < bins; k++) {
		float ar = p->fa[k][0], ai = p->fa[k][1];
		float br = p->fb[k][0], bi = p->fb[k][1];

		p->fa[k][0] = ar * br + ai * bi;
		p->fa[k][1] = ai * br - ar * bi;
	}
	fftwf_execute(p->pr);
	e0 = p->sq[p->w];
	p->d[0] = 1;
	for (tau = 1; tau <= p->lmax + 1 && tau + p->w <= p->s; tau++) {
		double r = p->a[tau] / (double)p->nfft;
		double dt = e0 + (p->sq[tau + p->w] - p->sq[tau]) - 2 * r;

		if (dt < 0)
			dt = 0;
		cum += dt;
		p->d[tau] = cum > 0 ? dt * tau / cum : 1;
	}
	tau = -1;
	for (j = p->lmin; j <= p->lmax; j++)
		if (p->d[j] < DSP_PITCH_THRESHOLD) {
			while (j + 1 <= p->lmax && p->d[j + 1] < p->d[j])
				j++;
			tau = j;
			break;
		}
	if (tau < 0) {
		best = 2;
		for (j = p->lmin; j <= p->lmax; j++)
			if (p->d[j] < best) {
				best = p->d[j];
				tau = j;
			}
	}
	{
		double y0 = p->d[tau - 1], y1 = p->d[tau], y2 = p->d[tau + 1];
		double den = y0 - 2 * y1 + y2, off = 0;

		if (den > 0) {
			off = 0.5 * (y0 - y2) / den;
			if (off > 0.5)
				off = 0.5;
			if (off < -0.5)
				off = -0.5;
		}
		f->hz = (float)(rate / (tau + off));
		f->aperiodic = (float)(y1 < 0 ? 0 : y1 > 1 ? 1 : y1);
	}
	f->voiced = f->aperiodic < DSP_PITCH_VOICED &&
	    f->rms >= DSP_PITCH_FLOOR && f->hz >= DSP_PITCH_FMIN * 0.97 &&
	    f->hz <= DSP_PITCH_FMAX * 1.03;
}

int64_t
dsp_pitch_track(const float *x, int64_t n, int rate,
    struct dsp_pitch_frame **out, int (*progress)(void *, double),
    void *arg)
{
	struct dsp_pitch p;
	int hop = dsp_pitch_hop(rate);
	int64_t nf = (n + hop - 1) / hop, k;

	*out = NULL;
	if (dsp_pitch_init(&p, rate) != 0)
		return -1;
	*out = calloc(nf > 0 ? nf : 1, sizeof **out);
	if (*out == NULL) {
		dsp_pitch_free(&p);
		return -1;
	}
	for (k = 0; k < nf; k++) {
		dsp_pitch_frame(&p, x, n, k * hop - p.w / 2, rate, &(*out)[k]);
		if ((k & 1023) == 1023 && progress != NULL &&
		    progress(arg, (double)k / nf) != 0) {
			free(*out);
			*out = NULL;
			dsp_pitch_free(&p);
			return -1;
		}
	}
	dsp_pitch_free(&p);
	return nf;
}
