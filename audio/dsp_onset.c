/* dsp_onset.c - spectral flux with a median threshold. */
#include "dsp_onset.h"

#include <fftw3.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define N 1024
#define H 128
#define B (N / 2 + 1)
#define BLK 32

static int
dsp_onset_cmp(const void *a, const void *b)
{
	float x = *(const float *)a, y = *(const float *)b;

	return (x > y) - (x < y);
}

/* The steepest rise of energy (32-frame blocks) in [a, b). */
static int64_t
dsp_onset_place(const float *x, int64_t n, int64_t a, int64_t b)
{
	double prev = -1, best = -1;
	int64_t i, at = a < 0 ? 0 : a, where = at;

	for (i = at; i + BLK <= (b < n ? b : n); i += BLK) {
		double e = 0;
		int j;

		for (j = 0; j < BLK; j++)
			e += (double)x[i + j] * x[i + j];
		if (prev >= 0 && e - prev > best) {
			best = e - prev;
			where = i;
		}
		prev = e;
	}
	/* Back to where the sound leaves the floor before it: the first
	 * frame above 5 times the RMS of the quietest block before the
	 * rise (noise reaches that once in a million frames). */
	{
		double floor = -1;
		int64_t lo = where - 8 * BLK < at ? at : where - 8 * BLK;
		float thr;

		for (i = at; i + BLK <= where; i += BLK) {
			double e = 0;
			int j;

			for (j = 0; j < BLK; j++)
				e += (double)x[i + j] * x[i + j];
			if (floor < 0 || e < floor)
				floor = e;
		}
		if (floor < 0)
			return where;
		thr = (float)(5 * sqrt(floor / BLK)) + 1e-6f;
		for (i = where + BLK - 1 < n ? where + BLK - 1 : n - 1; i > lo;
		    i--)
			if (fabsf(x[i - 1]) <= thr && fabsf(x[i]) <= thr &&
			    i + 1 < n && fabsf(x[i + 1]) > thr)
				break;
		/* i: the last quiet frame before the sound rises. */
		for (; i < where + BLK && i < n; i++)
			if (fabsf(x[i]) > thr)
				return i;
	}
	return where;
}

int
dsp_onset_find(const float *x, int64_t n, int rate, double sensitivity,
    int64_t **on)
{
	float *buf = fftwf_alloc_real(N), win[N], *mag, *flux, *tmp;
	fftwf_complex *spec = fftwf_alloc_complex(B);
	fftwf_plan plan;
	int64_t nf = n / H + 1, f, *r = NULL, last = -1;
	int half = (int)(0.25 * rate / H), gap = (int)(0.03 * rate / H), nr = 0,
	    i, k;

	mag = calloc(2 * B, sizeof *mag);
	flux = calloc(nf, sizeof *flux);
	tmp = malloc((2 * half + 1) * sizeof *tmp);
	r = malloc((nf + 1) * sizeof *r);
	if (buf == NULL || spec == NULL || mag == NULL || flux == NULL ||
	    tmp == NULL || r == NULL) {
		fftwf_free(buf);
		fftwf_free(spec);
		free(mag);
		free(flux);
		free(tmp);
		free(r);
		return -1;
	}
	plan = fftwf_plan_dft_r2c_1d(N, buf, spec, FFTW_ESTIMATE);
	for (i = 0; i < N; i++)
		win[i] = (float)(0.5 - 0.5 * cos(2 * M_PI * i / N));
	/* Frame f ends at f * H: what has just come in shows first. */
	for (f = 0; f < nf; f++) {
		float *cur = mag + (f & 1) * B, *old = mag + (~f & 1) * B;
		double s = 0;

		for (i = 0; i < N; i++) {
			int64_t j = f * H - N + i;

			buf[i] = j >= 0 && j < n ? x[j] * win[i] : 0.0f;
		}
		fftwf_execute(plan);
		for (k = 0; k < B; k++) {
			cur[k] = logf(1.0f + 1000.0f * sqrtf(spec[k][0] *
			    spec[k][0] + spec[k][1] * spec[k][1]));
			if (f > 0 && cur[k] > old[k])
				s += cur[k] - old[k];
		}
		flux[f] = (float)s;
	}
	/* From the first frame wholly inside x: the rise out of the zeros
	 * before it is no onset. */
	for (f = N / H; f < nf; f++) {
		int64_t a = f - half < 0 ? 0 : f - half,
		    b = f + half + 1 > nf ? nf : f + half + 1, j;
		float med, thr;
		int m = 0;
		bool peak = true;

		for (j = f - 3; j <= f + 3; j++)
			if (j != f && j >= 0 && j < nf && flux[j] >= flux[f] &&
			    (j > f || flux[j] > flux[f]))
				peak = false;
		if (!peak)
			continue;
		for (j = a; j < b; j++)
			tmp[m++] = flux[j];
		qsort(tmp, m, sizeof *tmp, dsp_onset_cmp);
		med = tmp[m / 2];
		thr = (float)(med * sensitivity) + 0.5f * B / 100.0f;
		if (flux[f] <= thr || (last >= 0 && f - last < gap))
			continue;
		last = f;
		r[nr++] = dsp_onset_place(x, n, f * H - N, f * H);
	}
	fftwf_destroy_plan(plan);
	fftwf_free(buf);
	fftwf_free(spec);
	free(mag);
	free(flux);
	free(tmp);
	*on = r;
	return nr;
}
