/* test_dsp_denoise.c - the STFT of dsp_denoise reconstructs its input
 * (Hann analysis and synthesis at 75% overlap sum to a constant), a
 * gate with amount=0 changes nothing, and a profile of white noise is
 * flat at the noise's power per bin. */
#include <math.h>
#include <stdlib.h>

#include "dsp_denoise.h"
#include "dsp_silence.h"
#include "t.h"

static double
t_rand(unsigned *s)
{
	*s = *s * 1103515245u + 12345u;
	return ((*s >> 8) & 0xffff) / 32768.0 - 1.0;
}

int
main(void)
{
	struct dsp_denoise *d = dsp_denoise_new();
	struct dsp_denoise_params par = { 0, 6, 3, 5, 100 };
	const int64_t n = 48000 + 333;
	float *x = malloc(n * sizeof *x), *y = malloc(n * sizeof *y);
	double prof[DSP_DENOISE_BINS], err = 0, lo = 1e9, hi = 0, mean = 0;
	int64_t i, *runs;
	unsigned seed = 14;
	int k, nr;

	T_CHECK(d != NULL && x != NULL && y != NULL);
	for (i = 0; i < n; i++)
		x[i] = (float)(0.5 * t_rand(&seed) + 0.3 * sin(i * 0.01));
	dsp_denoise_identity(d, x, y, n);
	for (i = 0; i < n; i++)
		err = fmax(err, fabs(y[i] - x[i]));
	T_CHECKF(err < 1e-5, "identity STFT: max error %g", err);
	/* Everything above the profile: every gain stays 1. */
	for (k = 0; k < DSP_DENOISE_BINS; k++)
		prof[k] = 1e-12;
	T_CHECK(dsp_denoise_run(d, prof, &par, 48000, x, y, n, NULL,
	    NULL) == 0);
	for (i = 0, err = 0; i < n; i++)
		err = fmax(err, fabs(y[i] - x[i]));
	T_CHECKF(err < 1e-5, "open gate: max error %g", err);
	/* White noise of variance v: E|X_k|^2 = v * sum(w^2) = v * 3N/8. */
	for (i = 0; i < n; i++)
		x[i] = (float)t_rand(&seed);
	T_CHECK(dsp_denoise_learn(d, x, n, prof) > 80);
	for (k = 8; k < DSP_DENOISE_BINS - 8; k++) {
		lo = fmin(lo, prof[k]);
		hi = fmax(hi, prof[k]);
		mean += prof[k] / (DSP_DENOISE_BINS - 16);
	}
	T_CHECKF(fabs(mean / ((1.0 / 3) * 3 * DSP_DENOISE_FFT / 8) - 1) < 0.05,
	    "profile mean %g", mean);
	T_CHECKF(lo > 0.3 * mean && hi < 2.5 * mean, "profile %g..%g", lo,
	    hi);
	/* Silence: 0.1 s of sound in 1 s of zeros. */
	for (i = 0; i < 48000; i++)
		x[i] = i >= 24000 && i < 28800 ? 0.5f : 0.0f;
	nr = dsp_silence_find(x, 48000, 1, 48000, -40, 4800, &runs);
	T_CHECKF(nr == 2 && runs[0] == 0 && runs[1] == 24000 - 240 &&
	    runs[2] == 28800 + 240 && runs[3] == 48000, "%d runs: %lld %lld",
	    nr, nr > 0 ? (long long)runs[1] : -1LL,
	    nr > 1 ? (long long)runs[2] : -1LL);
	free(runs);
	dsp_denoise_free(d);
	free(x);
	free(y);
	T_DONE();
}
