/* test_dsp_pitch.c - YIN on signals with known pitch: sines from 55 Hz
 * to 1400 Hz read within 1 cent; a tone rich in harmonics (fundamental
 * weaker than its overtones) reads its fundamental, not an octave;
 * white noise and silence are unvoiced; a sequence of notes reads its
 * notes at their times; the hop is 5 ms. */
#include <math.h>
#include <stdlib.h>

#include "dsp_pitch.h"
#include "t.h"

#define RATE 48000

static double
t_rand(unsigned *s)
{
	*s = *s * 1103515245u + 12345u;
	return ((*s >> 8) & 0xffff) / 32768.0 - 1.0;
}

/* Median frequency (cents off f) and voiced share of frames whose
 * centre lies in [a, b) seconds. */
static void
t_measure(const struct dsp_pitch_frame *fr, int64_t nf, double a, double b,
    double f, double *cents, double *voiced)
{
	int hop = dsp_pitch_hop(RATE), m = 0, v = 0, i, j;
	double c[4096];
	int64_t k;

	for (k = 0; k < nf; k++) {
		double t = (double)k * hop / RATE;

		if (t < a || t >= b)
			continue;
		m++;
		if (fr[k].voiced && v < 4096)
			c[v++] = 1200 * log2(fr[k].hz / f);
	}
	/* Insertion sort: a few hundred values. */
	for (i = 1; i < v; i++)
		for (j = i; j > 0 && c[j - 1] > c[j]; j--) {
			double x = c[j];

			c[j] = c[j - 1];
			c[j - 1] = x;
		}
	*cents = v ? c[v / 2] : 1e9;
	*voiced = m ? (double)v / m : 0;
}

int
main(void)
{
	static const double fs[] = { 55, 110, 220, 440, 445, 987.77, 1400 };
	static const double seq[] = { 440, 523.25, 659.26 };
	int64_t n = RATE, i, nf;
	float *x = malloc(3 * n * sizeof *x);
	struct dsp_pitch_frame *fr;
	double cents, voiced;
	unsigned seed = 7;
	size_t k;

	T_CHECK(x != NULL);
	T_CHECK(dsp_pitch_hop(RATE) == 240);
	T_CHECK(fabs(dsp_pitch_midi(440) - 69) < 1e-9);
	T_CHECK(fabs(dsp_pitch_hz(72) - 523.2511) < 1e-3);
	for (k = 0; k < sizeof fs / sizeof fs[0]; k++) {
		for (i = 0; i < n; i++)
			x[i] = (float)(0.5 * sin(2 * M_PI * fs[k] * i / RATE));
		nf = dsp_pitch_track(x, n, RATE, &fr, NULL, NULL);
		T_CHECK(nf == n / 240);
		t_measure(fr, nf, 0.1, 0.9, fs[k], &cents, &voiced);
		T_CHECKF(fabs(cents) < 1 && voiced > 0.99, "%g Hz: %+.2f "
		    "cents, %.0f%% voiced", fs[k], cents, voiced * 100);
		free(fr);
	}
	/* 196 Hz with its 2nd and 3rd harmonics twice as strong. */
	for (i = 0; i < n; i++) {
		double w = 2 * M_PI * 196 * i / RATE;

		x[i] = (float)(0.15 * sin(w) + 0.3 * sin(2 * w + 1) +
		    0.3 * sin(3 * w + 2) + 0.1 * sin(5 * w));
	}
	nf = dsp_pitch_track(x, n, RATE, &fr, NULL, NULL);
	t_measure(fr, nf, 0.1, 0.9, 196, &cents, &voiced);
	T_CHECKF(fabs(cents) < 1 && voiced > 0.99, "harmonics: %+.2f cents, "
	    "%.0f%% voiced", cents, voiced * 100);
	free(fr);
	/* White noise at -10 dBFS RMS, then silence. */
	for (i = 0; i < n; i++)
		x[i] = (float)(0.55 * t_rand(&seed));
	for (i = n; i < 2 * n; i++)
		x[i] = 0;
	nf = dsp_pitch_track(x, 2 * n, RATE, &fr, NULL, NULL);
	t_measure(fr, nf, 0, 1, 440, &cents, &voiced);
	T_CHECKF(voiced < 0.02, "noise: %.1f%% voiced", voiced * 100);
	t_measure(fr, nf, 1.05, 2, 440, &cents, &voiced);
	T_CHECKF(voiced == 0, "silence: %.1f%% voiced", voiced * 100);
	free(fr);
	/* A4, C5, E5 for 0.5 s each. */
	for (i = 0; i < 3 * n / 2; i++)
		x[i] = (float)(0.4 * sin(2 * M_PI * seq[i / (n / 2)] * i /
		    RATE));
	nf = dsp_pitch_track(x, 3 * n / 2, RATE, &fr, NULL, NULL);
	for (k = 0; k < 3; k++) {
		t_measure(fr, nf, k * 0.5 + 0.03, k * 0.5 + 0.47, seq[k],
		    &cents, &voiced);
		T_CHECKF(fabs(cents) < 2 && voiced > 0.99, "note %zu: %+.2f "
		    "cents, %.0f%% voiced", k, cents, voiced * 100);
	}
	free(fr);
	free(x);
	T_DONE();
}
