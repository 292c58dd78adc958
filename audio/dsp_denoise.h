/* dsp_denoise.h - spectral noise gate (offline, no UI).
 *
 * An STFT of DSP_DENOISE_FFT points (periodic Hann, 75% overlap, Hann
 * synthesis window, overlap-add scaled so that an untouched spectrum
 * returns the input to float precision).  A noise profile is the mean
 * power per bin over a noise-only stretch.  The gate compares each bin's
 * power, averaged over `smoothing` bins either side (so a lone noise bin
 * never opens it: no musical noise), with the profile raised by
 * `sensitivity` dB; bins below are turned down by `amount` dB.  The gains
 * are smoothed across frequency the same way and in time with the
 * attack/release times.  FFTW plans are made by dsp_denoise_new, on the
 * calling (control) thread.
 */
#ifndef REEL_DSP_DENOISE_H
#define REEL_DSP_DENOISE_H

#include <stdint.h>

#define DSP_DENOISE_FFT 2048
#define DSP_DENOISE_HOP (DSP_DENOISE_FFT / 4)
#define DSP_DENOISE_BINS (DSP_DENOISE_FFT / 2 + 1)

struct dsp_denoise_params {
	double amount_db;	/* reduction of noise bins, > 0 */
	double sensitivity_db;	/* gate threshold above the profile */
	int smoothing;		/* bins either side */
	double attack_ms, release_ms;
};

struct dsp_denoise;

struct dsp_denoise *dsp_denoise_new(void);
void dsp_denoise_free(struct dsp_denoise *d);
/* Mean power per bin of x[0..n) (mono) into prof[DSP_DENOISE_BINS].
 * Returns the number of frames averaged (0 when n is shorter than one
 * FFT). */
int dsp_denoise_learn(struct dsp_denoise *d, const float *x, int64_t n,
    double *prof);
/* Processes x[0..n) into y[0..n) (may be the same buffer).  progress,
 * when not NULL, is called now and then with the fraction done; a
 * non-zero return cancels (the function then returns -1). */
int dsp_denoise_run(struct dsp_denoise *d, const double *prof,
    const struct dsp_denoise_params *par, int rate, const float *x,
    float *y, int64_t n, int (*progress)(void *, double), void *arg);
/* For tests: the STFT analysis and resynthesis with every gain 1. */
void dsp_denoise_identity(struct dsp_denoise *d, const float *x, float *y,
    int64_t n);

#endif
