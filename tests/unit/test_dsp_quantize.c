/* test_dsp_quantize.c - the slice plan and its render on impulses at
 * known frames: each impulse lands on its line (strength 1), half-way
 * (0.5), stays (0, or beyond the window) with every other sample as it
 * was; a cut falls before its onset in the quiet, never after it; a
 * move too large for the room before the previous onset is cut down; a
 * second channel that is the first one 37 frames later, rendered with
 * the first one's plan, has its impulses exactly 37 frames after the
 * first's; moving apart (a gap) plays no impulse twice. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "dsp_quantize.h"
#include "t.h"

#define SR 48000
#define N (3 * SR)
#define X 144		/* 3 ms crossfade */
#define HOLD 480	/* 10 ms */

static const int64_t on[] = { 24000, 48960, 72000, 96480, 120000 };
#define NON 5

/* Impulses of 1 at on[] + d over silence, and a floor of 1e-4. */
static void
t_signal(float *x, int ch, int c, int64_t d)
{
	int64_t i;
	int k;

	for (i = 0; i < N; i++)
		x[i * ch + c] = (float)(1e-4 * sin(i * 0.37));
	for (k = 0; k < NON; k++)
		x[(on[k] + d) * ch + c] = 1.0f;
}

/* The frames where out[] (channel c of ch) is above 0.5. */
static int
t_peaks(const float *y, int ch, int c, int64_t *at, int max)
{
	int64_t i;
	int n = 0;

	for (i = 0; i < N; i++)
		if (y[i * ch + c] > 0.5f && n < max)
			at[n++] = i;
		else if (y[i * ch + c] > 0.5f)
			n++;
	return n;
}

int
main(void)
{
	int64_t line[NON], at[16], i;
	struct dsp_quantize_plan plan;
	float *x = malloc(2 * N * sizeof *x), *y = malloc(2 * N * sizeof *y);
	int k, n, ok;

	T_CHECK(x != NULL && y != NULL);
	/* Lines: 20 ms early, on it, 20 ms late, 10 ms early, 30 ms late. */
	line[0] = on[0] - 960;
	line[1] = on[1];
	line[2] = on[2] + 960;
	line[3] = on[3] - 480;
	line[4] = on[4] + 1440;
	t_signal(x, 1, 0, 0);

	/* strength 1: every impulse on its line, nothing else. */
	T_CHECK(dsp_quantize_plan(x, N, on, line, NON, 1.0, -1, X, HOLD,
	    &plan) == 0);
	T_CHECKF(plan.n == NON + 1, "%d slices", plan.n);
	for (k = 1; k < plan.n; k++) {
		T_CHECKF(plan.v[k].cut < plan.v[k].onset &&
		    plan.v[k].cut > plan.v[k].onset - 3 * HOLD,
		    "slice %d: cut %lld before onset %lld", k,
		    (long long)plan.v[k].cut, (long long)plan.v[k].onset);
		T_CHECK(plan.v[k].cut > plan.v[k - 1].cut);
	}
	dsp_quantize_render(&plan, 0, x, N, 1, 0, y, N);
	n = t_peaks(y, 1, 0, at, 16);
	T_CHECKF(n == NON, "%d impulses", n);
	for (k = 0; k < NON && k < n; k++)
		T_CHECKF(at[k] == line[k], "impulse %d at %lld, line %lld", k,
		    (long long)at[k], (long long)line[k]);
	dsp_quantize_plan_free(&plan);

	/* strength 0.5: half-way, to the frame. */
	dsp_quantize_plan(x, N, on, line, NON, 0.5, -1, X, HOLD, &plan);
	dsp_quantize_render(&plan, 0, x, N, 1, 0, y, N);
	n = t_peaks(y, 1, 0, at, 16);
	T_CHECK(n == NON);
	for (k = 0; k < NON && k < n; k++)
		T_CHECKF(llabs(at[k] - (on[k] + (line[k] - on[k]) / 2)) <= 1,
		    "half-way %d: %lld", k, (long long)at[k]);
	dsp_quantize_plan_free(&plan);

	/* strength 0: the input, sample for sample. */
	dsp_quantize_plan(x, N, on, line, NON, 0.0, -1, X, HOLD, &plan);
	dsp_quantize_render(&plan, 0, x, N, 1, 0, y, N);
	T_CHECK(memcmp(x, y, N * sizeof *x) == 0);
	dsp_quantize_plan_free(&plan);

	/* window 15 ms: the 20 and 30 ms ones stay, the 10 ms one moves. */
	dsp_quantize_plan(x, N, on, line, NON, 1.0, 720, X, HOLD, &plan);
	dsp_quantize_render(&plan, 0, x, N, 1, 0, y, N);
	n = t_peaks(y, 1, 0, at, 16);
	T_CHECK(n == NON);
	if (n == NON)
		T_CHECKF(at[0] == on[0] && at[1] == on[1] && at[2] == on[2] &&
		    at[3] == line[3] && at[4] == on[4],
		    "window: %lld %lld %lld %lld %lld", (long long)at[0],
		    (long long)at[1], (long long)at[2], (long long)at[3],
		    (long long)at[4]);
	dsp_quantize_plan_free(&plan);

	/* Two onsets 25 ms apart, the second wanting 40 ms earlier: the
	 * join may not come within hold + xfade of the first. */
	{
		int64_t o2[2] = { 24000, 25200 }, l2[2] = { 24000, 23280 };

		dsp_quantize_plan(x, N, o2, l2, 2, 1.0, -1, X, HOLD, &plan);
		T_CHECK(plan.n == 3);
		if (plan.n == 3)
			T_CHECKF(plan.v[2].cut + plan.v[2].shift >=
			    plan.v[1].onset + HOLD + X,
			    "join at %lld", (long long)(plan.v[2].cut +
			    plan.v[2].shift));
		dsp_quantize_plan_free(&plan);
	}

	/* Two channels, the second 37 frames later: one plan (from the
	 * first), the same moves. */
	t_signal(x, 2, 0, 0);
	t_signal(x, 2, 1, 37);
	{
		float *m = malloc(N * sizeof *m);

		for (i = 0; i < N; i++)
			m[i] = x[2 * i];
		dsp_quantize_plan(m, N, on, line, NON, 1.0, -1, X, HOLD,
		    &plan);
		free(m);
	}
	dsp_quantize_render(&plan, 0, x, N, 2, 0, y, N);
	n = t_peaks(y, 2, 1, at, 16);
	ok = n == NON;
	for (k = 0; k < NON && k < n; k++)
		ok = ok && at[k] == line[k] + 37;
	T_CHECKF(ok, "second channel: %d impulses, the first at %lld", n,
	    (long long)at[0]);
	/* A gap (line[2] later, line[3] earlier): no impulse twice. */
	n = t_peaks(y, 2, 0, at, 16);
	T_CHECKF(n == NON, "first channel: %d impulses", n);
	dsp_quantize_plan_free(&plan);
	free(x);
	free(y);
	T_DONE();
}
