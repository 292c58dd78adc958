/* test_fx_switch.c - switches that used to step: an insert put in and
 * out of bypass (graph.c crossfades it), and an EQ band changing type
 * (the old filter fades into the new).  Measured on a steady sine: the
 * largest sample-to-sample step of the output across the switches is no
 * larger than the signal's own (the louder steady state's, +1%). */
#include <math.h>
#include <string.h>

#include "t.h"
#include "fxt.h"
#include "graph.h"

#define N 48128		/* 188 blocks */
#define BLOCK 256

static double
max_step(const float *x, int nch, int from, int to)
{
	double m = 0;
	int i, c;

	for (i = from + 1; i < to; i++)
		for (c = 0; c < nch; c++)
			if (fabs(x[i * nch + c] - x[(i - 1) * nch + c]) > m)
				m = fabs(x[i * nch + c] - x[(i - 1) * nch + c]);
	return m;
}

/* A -20 dB utility bypassed at block 40 and back at block 120. */
static void
check_bypass(void)
{
	struct graph_pool *pool = graph_pool_new(FXT_RATE);
	struct graph *g = graph_new(1, 0);
	struct graph_strip *s = &g->track[0];
	const struct fx_kind *k = fx_kind_find("utility");
	float *x = malloc(sizeof *x * N);
	double own, got;
	int b;

	g->ctx.rate = FXT_RATE;
	s->channels = 1;
	s->nins = 1;
	s->ins = calloc(1, sizeof *s->ins);
	s->ins[0].fx = graph_pool_fx(pool, 1, k);
	fx_defaults(k, s->ins[0].val);
	s->ins[0].val[fx_param_find(k, "gain")] = -20;
	graph_reset(g);
	fxt_sine(x, 1, N, 200, 0.5);
	own = max_step(x, 1, 0, N);
	for (b = 0; b * BLOCK < N; b++) {
		if (b == 40 || b == 120)
			s->ins[0].bypass = b == 40;
		graph_run_inserts(s, x + b * BLOCK, 1, BLOCK);
	}
	got = max_step(x, 1, 0, N);
	T_CHECKF(got <= own * 1.01, "bypass: step %.4f, the sine's own "
	    "%.4f", got, own);
	T_CHECKF(fxt_peak(x, 1, 60 * BLOCK, 100 * BLOCK) > 0.49 &&
	    fxt_peak(x, 1, 150 * BLOCK, N) < 0.051, "bypass did not take: "
	    "%g %g", fxt_peak(x, 1, 60 * BLOCK, 100 * BLOCK),
	    fxt_peak(x, 1, 150 * BLOCK, N));
	printf("bypass in and out of a -20 dB utility, 200 Hz at -6 dBFS: "
	    "largest step %.4f, the sine's own %.4f\n", got, own);
	free(x);
	graph_free(g);
	graph_pool_free(pool);
}

/* An EQ band at 1 kHz switching low-pass -> high-pass -> peak +12 dB on
 * a 1 kHz tone: the output's phase and level jump with each type. */
static void
check_eq_type(void)
{
	struct fxt f;
	float *x = malloc(sizeof *x * 2 * N);
	double own = 0, got;
	int b;

	fxt_open(&f, "eq", "b1.type=lp b1.freq=1000 b1.gain=12 b1.q=1");
	fxt_sine(x, 2, N, 1000, 0.25);
	for (b = 0; b * BLOCK < N; b++) {
		if (b == 40)
			fxt_set(&f, "b1.type=hp");
		if (b == 120)
			fxt_set(&f, "b1.type=peak");
		fxt_run(&f, x + 2 * b * BLOCK, 2, BLOCK, BLOCK);
	}
	/* The steady states' own steps (after each fade has settled). */
	own = fmax(max_step(x, 2, 20 * BLOCK, 40 * BLOCK),
	    fmax(max_step(x, 2, 100 * BLOCK, 120 * BLOCK),
	    max_step(x, 2, 160 * BLOCK, N)));
	got = max_step(x, 2, 20 * BLOCK, N);
	T_CHECKF(got <= own * 1.01, "eq type switch: step %.4f, the "
	    "signal's own %.4f", got, own);
	printf("eq band lp -> hp -> peak at the tone: largest step %.4f, "
	    "the signal's own %.4f\n", got, own);
	fxt_close(&f);
	free(x);
}

int
main(void)
{
	check_bypass();
	check_eq_type();
	T_DONE();
}
