/* test_fx_robust.c - every processor: random parameters with NaN, Inf,
 * denormal and absurd input stay finite; any block size from 16 to 8192
 * gives the same output; a parameter change mid-stream makes no step
 * larger than the signal's own (measured on the output). */
#include "t.h"
#include "fxt.h"

static unsigned seed = 12345;

static unsigned
rnd(void)
{
	seed = seed * 1103515245u + 12345u;
	return seed >> 8;
}

static double
urand(void)
{
	return (rnd() % 1000001) / 1000000.0;
}

static void
random_params(struct fxt *f)
{
	int i;

	for (i = 0; i < f->k->nparams; i++) {
		const struct fx_param *p = &f->k->params[i];

		if (p->type != FX_FLOAT)
			f->val[i] = (float)(int)(p->min + (rnd() % (unsigned)
			    (p->max - p->min + 1)));
		else if (p->log && p->min > 0)
			f->val[i] = (float)(p->min * pow(p->max / p->min,
			    urand()));
		else
			f->val[i] = (float)(p->min + (p->max - p->min) *
			    urand());
		if (f->val[i] > p->max)
			f->val[i] = p->max;
	}
	f->k->update(f->st, f->val, &f->ctx);
}

static float
nasty(void)
{
	switch (rnd() % 12) {
	case 0: return NAN;
	case 1: return INFINITY;
	case 2: return -INFINITY;
	case 3: return 1e-40f;
	case 4: return -1e-39f;
	case 5: return 1e30f;
	case 6: return -3e38f;
	default: return (float)(urand() * 2 - 1);
	}
}

static void
check_finite(const struct fx_kind *k)
{
	int n = FXT_RATE / 2, round, i, nch, bad = 0;
	float *x = malloc(sizeof *x * 2 * n);
	float big = 0;

	for (round = 0; round < 6; round++) {
		struct fxt f;

		nch = 1 + round % 2;
		fxt_open(&f, k->name, "");
		random_params(&f);
		for (i = 0; i < n * nch; i++)
			x[i] = i < n * nch / 2 ? nasty() : (i % 3 ? 1e-41f :
			    0.0f);
		for (i = 0; i < n; ) {
			int b = 16 + (int)(rnd() % 8177);

			if (b > n - i)
				b = n - i;
			if (rnd() % 4 == 0)
				random_params(&f);
			k->process(f.st, x + i * nch, x + i * nch, nch, b);
			i += b;
		}
		for (i = 0; i < n * nch; i++) {
			if (!isfinite(x[i]))
				bad++;
			else if (fabsf(x[i]) > big)
				big = fabsf(x[i]);
		}
		fxt_close(&f);
	}
	printf("%-8s random parameters, NaN/Inf/denormal input: %d "
	    "non-finite, largest |y| %g\n", k->name, bad, big);
	T_CHECKF(bad == 0, "%s: %d non-finite samples", k->name, bad);
	T_CHECKF(big < 1e7f, "%s: |y| reached %g", k->name, big);
	free(x);
}

/* Block sizes: one 8192 block at a time against a random mix. */
static void
check_blocks(const struct fx_kind *k, const char *params)
{
	int n = FXT_RATE, i;
	float *a = malloc(sizeof *a * 2 * n), *b = malloc(sizeof *b * 2 * n);
	struct fxt f, g;
	double worst = 0;

	for (i = 0; i < 2 * n; i++)
		a[i] = b[i] = (float)(0.6 * sin(i * 0.013) + 0.3 * (urand() -
		    0.5));
	fxt_open(&f, k->name, params);
	fxt_open(&g, k->name, params);
	fxt_run(&f, a, 2, n, 8192);
	for (i = 0; i < n; ) {
		int bl = (rnd() % 3 == 0) ? 16 : 16 + (int)(rnd() % 8177);

		if (bl > n - i)
			bl = n - i;
		k->process(g.st, b + 2 * i, b + 2 * i, 2, bl);
		i += bl;
	}
	for (i = 0; i < 2 * n; i++)
		if (fabs(a[i] - b[i]) > worst)
			worst = fabs(a[i] - b[i]);
	T_CHECKF(worst < 1e-6, "%s %s: blocks differ by %g", k->name, params,
	    worst);
	fxt_close(&f);
	fxt_close(&g);
	free(a);
	free(b);
}

static double
max_step(const float *x, int c, int from, int to)
{
	double m = 0;
	int i;

	for (i = from + 1; i < to; i++)
		if (fabs(x[i * 2 + c] - x[(i - 1) * 2 + c]) > m)
			m = fabs(x[i * 2 + c] - x[(i - 1) * 2 + c]);
	return m;
}

/* A 200 Hz tone (the right side 90 degrees later) with parameters a,
 * then b from the middle on. */
static void
check_change(const char *kind, const char *a, const char *b)
{
	int n = FXT_RATE, h = n / 2, q = n / 4, i, c;
	float *x = malloc(sizeof *x * 2 * n);
	struct fxt f;

	for (i = 0; i < n; i++) {
		x[2 * i] = (float)(0.5 * sin(2 * M_PI * 200 * i / FXT_RATE));
		x[2 * i + 1] = (float)(0.5 * cos(2 * M_PI * 200 * i /
		    FXT_RATE));
	}
	fxt_open(&f, kind, a);
	fxt_run(&f, x, 2, h, 256);
	fxt_set(&f, b);
	fxt_run(&f, x + 2 * h, 2, n - h, 256);
	for (c = 0; c < 2; c++) {
		double own = max_step(x, c, q, h), own2 = max_step(x, c,
		    h + q, n), at = max_step(x, c, h - 1, h + q);

		if (own2 > own)
			own = own2;
		if (c == 0)
			printf("%-7s %-32s -> %-28s step %.5f, steady %.5f\n",
			    kind, a, b, at, own);
		T_CHECKF(at <= own * 1.05 + 1e-6, "%s %s -> %s: channel %d "
		    "steps %.5f at the change, %.5f steady", kind, a, b, c,
		    at, own);
	}
	fxt_close(&f);
	free(x);
}

int
main(void)
{
	int i;

	for (i = 0; i < fx_nkinds; i++)
		check_finite(fx_kinds[i]);
	check_blocks(&fx_eq, "b1.type=hp b1.slope=24 b2.type=peak "
	    "b2.gain=6 b4.type=highshelf b4.gain=-4 b5.type=lp");
	check_blocks(&fx_comp, "threshold=-30 knee=6 sc-hp=100");
	check_blocks(&fx_comp, "threshold=-30 detector=rms");
	check_blocks(&fx_gate, "threshold=-10 hold=5");
	check_blocks(&fx_deess, "threshold=-40");
	check_blocks(&fx_limit, "ceiling=-6 lookahead=3");
	check_blocks(&fx_delay, "time=123.4 feedback=60");
	check_blocks(&fx_delay, "sync=1/8d");
	check_blocks(&fx_reverb, "size=80 predelay=23");
	check_blocks(&fx_util, "width=150 polarity=invert-r gain=-3");

	check_change("eq", "b3.type=peak b3.freq=1000", "b3.gain=12");
	check_change("eq", "b3.type=peak b3.freq=300 b3.gain=9",
	    "b3.freq=3000 b3.q=4");
	check_change("eq", "b1.type=lowshelf b1.gain=-12", "b1.gain=12");
	check_change("eq", "b1.type=hp b1.freq=20", "b1.freq=400");
	check_change("comp", "threshold=-6", "threshold=-40 makeup=12");
	check_change("gate", "threshold=-40 range=-20", "threshold=-3");
	check_change("deess", "freq=2000 threshold=0", "threshold=-40");
	check_change("limit", "ceiling=0", "ceiling=-18");
	check_change("delay", "mix=0", "mix=100 feedback=80");
	check_change("reverb", "mix=0", "mix=100 size=90");
	check_change("utility", "gain=0", "gain=-30");
	check_change("utility", "polarity=normal", "polarity=invert");
	check_change("utility", "mono=off", "mono=on");
	check_change("utility", "width=0", "width=200");
	T_DONE();
}
