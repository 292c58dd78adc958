/* test_dsp_tune.c - the correction curve: at strength 1 and speed 0 a
 * 445 Hz frame gets the cents to A4 exactly, at 0.5 half of them; speed
 * is a one-pole time constant (after one time constant 63%); unvoiced
 * frames get 0; a scale without the nearest semitone picks its nearest
 * note; a forced note wins over the scale; a voiced blip under 20 ms is
 * ignored.  The shift of a curve of zeros is the input, bit for bit. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "dsp_tune.h"
#include "t.h"

#define NF 200

static void
t_frames(struct dsp_pitch_frame *fr, double hz)
{
	int k;

	for (k = 0; k < NF; k++) {
		fr[k].hz = (float)hz;
		fr[k].voiced = true;
		fr[k].rms = 0.3f;
		fr[k].aperiodic = 0.01f;
	}
}

int
main(void)
{
	struct dsp_pitch_frame fr[NF];
	struct dsp_tune_params par = { 0xfff, -1, 1, 0, 0 };
	float c[NF], *x, *y;
	double want = 1200 * log2(440.0 / 445.0), a;
	int k, bad;

	t_frames(fr, 445);
	dsp_tune_curve(fr, NF, 240, 48000, &par, c);
	for (bad = 0, k = 0; k < NF; k++)
		bad += fabs(c[k] - want) > 0.01;
	T_CHECKF(bad == 0, "strength 1: %d frames off %.3f cents (c[9] %.3f)",
	    bad, want, c[9]);
	par.strength = 0.5;
	dsp_tune_curve(fr, NF, 240, 48000, &par, c);
	T_CHECKF(fabs(c[50] - want / 2) < 0.01, "strength 0.5: %.3f", c[50]);
	/* 40 ms at 5 ms a frame: after 8 frames 1 - e^-1 of the way. */
	par.strength = 1;
	par.speed_ms = 40;
	dsp_tune_curve(fr, NF, 240, 48000, &par, c);
	a = want * (1 - exp(-5.0 / 40));
	T_CHECKF(fabs(c[0] - a) < 0.01, "speed 40: first frame %.3f, want "
	    "%.3f", c[0], a);
	a = want * (1 - exp(-1.0));
	T_CHECKF(fabs(c[7] - a) < 0.01, "speed 40: 8th frame %.3f, want %.3f",
	    c[7], a);
	T_CHECKF(fabs(c[NF - 1] - want) < 0.01, "speed 40: settles at %.3f",
	    c[NF - 1]);
	/* Unvoiced from frame 100 on: 0 at once. */
	for (k = 100; k < NF; k++)
		fr[k].voiced = false;
	par.speed_ms = 0;
	dsp_tune_curve(fr, NF, 240, 48000, &par, c);
	for (bad = 0, k = 100; k < NF; k++)
		bad += c[k] != 0;
	T_CHECKF(bad == 0 && fabs(c[99] - want) < 0.01, "unvoiced: %d frames "
	    "not 0", bad);
	/* 420 Hz in C major (no G#): A4 is 81 cents up, G4 119 down. */
	t_frames(fr, 420);
	par.mask = 0xab5;
	dsp_tune_curve(fr, NF, 240, 48000, &par, c);
	want = 1200 * log2(440.0 / 420.0);
	T_CHECKF(fabs(c[50] - want) < 0.01, "C major: %.3f, want %.3f", c[50],
	    want);
	/* note=C5 (72). */
	par.note = 72;
	par.mask = 1;
	dsp_tune_curve(fr, NF, 240, 48000, &par, c);
	want = 1200 * log2(523.2511 / 420.0);
	T_CHECKF(fabs(c[50] - want) < 0.02, "note=72: %.3f, want %.3f", c[50],
	    want);
	/* A voiced blip of 3 frames (15 ms) in unvoiced frames: ignored. */
	par.note = -1;
	par.mask = 0xfff;
	t_frames(fr, 445);
	for (k = 0; k < NF; k++)
		fr[k].voiced = k >= 50 && k < 53;
	dsp_tune_curve(fr, NF, 240, 48000, &par, c);
	for (bad = 0, k = 0; k < NF; k++)
		bad += c[k] != 0;
	T_CHECKF(bad == 0, "blip: %d frames corrected", bad);
	/* Nothing to correct: the input itself. */
	x = malloc(48000 * sizeof *x);
	T_CHECK(x != NULL);
	for (k = 0; k < 48000; k++)
		x[k] = (float)sin(k * 0.0577);
	memset(c, 0, sizeof c);
	y = dsp_tune_shift(x, 48000, 1, 48000, c, NF, 240, NULL, NULL);
	T_CHECK(y != NULL && memcmp(x, y, 48000 * sizeof *x) == 0);
	free(x);
	free(y);
	T_DONE();
}
