/* test_fx_fast.c - the fast paths give what the plain ones give: the
 * block input hygiene equals fx_clean to the bit (NaN, Inf, -0, the
 * clamp's edges); a compressor's output does not depend on how its input
 * is cut into blocks (its level, its control step and its caches carry
 * across calls); a still EQ's whole-block pass equals each
 * sample sent through the RBJ sections one by one, in stereo and mono,
 * and two EQs run side by side (process2) each what it gives alone.
 * The gate and the de-esser, too, do not depend on the blocks. */
#include "t.h"
#include "fxt.h"
#include "fx_biquad.h"

#include <stdint.h>

static uint32_t seed = 12345;

static float
rnd(void)
{
	seed = seed * 1664525u + 1013904223u;
	return (float)((seed >> 8) / 16777216.0 * 2.0 - 1.0);
}

static bool
same_bits(float a, float b)
{
	return memcmp(&a, &b, sizeof a) == 0;
}

static void
check_clean(void)
{
	static const float special[] = { 0.0f, -0.0f, 1e4f, -1e4f,
	    1.00001e4f, -1.00001e4f, 9999.999f, 1e30f, -1e30f, 1e-40f,
	    -1e-40f, 0.5f };
	float in[203], out[203], ref[203];
	int i, bad = 0, n;

	for (i = 0; i < 203; i++)
		in[i] = i < 12 ? special[i] : rnd() * (i % 3 ? 1.0f : 3e4f);
	in[12] = INFINITY;
	in[13] = -INFINITY;
	in[14] = NAN;
	in[15] = -NAN;
	for (n = 0; n <= 203; n += 29) {
		for (i = 0; i < n; i++)
			ref[i] = fx_clean(in[i]);
		fx_clean_block(in, out, n);
		for (i = 0; i < n; i++)
			bad += !same_bits(out[i], ref[i]);
		memcpy(out, in, sizeof in);
		fx_clean_block(out, out, n);	/* in place */
		for (i = 0; i < n; i++)
			bad += !same_bits(out[i], ref[i]);
	}
	T_CHECKF(bad == 0, "%d samples differ from fx_clean", bad);
	printf("fx_clean_block: %d differences from fx_clean\n", bad);
}

static void
check_blocks(const char *kind, const char *params, int nch)
{
	static const int blocks[] = { 1, 7, 300 };
	int n = FXT_RATE / 2, i, b, bad = 0;
	float *x = malloc(sizeof *x * n * nch), *y = malloc(sizeof *y * n * nch);
	struct fxt f;

	for (i = 0; i < n * nch; i++)
		x[i] = rnd() * (float)(0.05 + 0.9 * (i / (n * nch / 4) % 2));
	memcpy(y, x, sizeof *x * n * nch);
	fxt_open(&f, kind, params);
	fxt_run(&f, y, nch, n, n);
	fxt_close(&f);
	for (b = 0; b < 3; b++) {
		float *z = malloc(sizeof *z * n * nch);

		memcpy(z, x, sizeof *x * n * nch);
		fxt_open(&f, kind, params);
		fxt_run(&f, z, nch, n, blocks[b]);
		fxt_close(&f);
		for (i = 0; i < n * nch; i++)
			bad += !same_bits(z[i], y[i]);
		free(z);
	}
	T_CHECKF(bad == 0, "%s %s, %d ch: %d samples depend on the block "
	    "size", kind, params, nch, bad);
	free(x);
	free(y);
}

static void
check_eq_still(int nch)
{
	static const char *params = "b1.type=hp b1.freq=60 b2.type=lowshelf "
	    "b2.freq=200 b2.gain=-2 b3.type=peak b3.freq=800 b3.gain=-3 "
	    "b4.type=lp b4.freq=9000 b4.slope=24 b5.type=highshelf "
	    "b5.freq=10000 b5.gain=1";
	static const struct { int type; double f, g, q; } sec[] = {
		{ FX_BQ_HP, 60, 0, 0.707f }, { FX_BQ_LOWSHELF, 200, -2, 0.707f },
		{ FX_BQ_PEAK, 800, -3, 0.707f },
		{ FX_BQ_LP, 9000, 0, 0.5411961 * 0.707f / 0.70710678 },
		{ FX_BQ_LP, 9000, 0, 1.3065630 * 0.707f / 0.70710678 },
		{ FX_BQ_HIGHSHELF, 10000, 1, 0.707f },
	};
	struct fx_biquad c[6];
	double z[6][2][FX_BQ_STATE] = { { { 0 } } };
	int n = 20000, i, s, ch, bad = 0;
	float *x = malloc(sizeof *x * n * nch), *y = malloc(sizeof *y * n * nch);
	struct fxt f;

	for (s = 0; s < 6; s++)
		fx_biquad_design(&c[s], sec[s].type, FXT_RATE,
		    exp2(log2f((float)sec[s].f)), sec[s].g, sec[s].q);
	for (i = 0; i < n * nch; i++)
		x[i] = y[i] = rnd() * 0.5f;
	fxt_open(&f, "eq", params);
	fxt_run(&f, y, nch, n, 4096);
	fxt_close(&f);
	for (i = 0; i < n; i++)
		for (ch = 0; ch < nch; ch++) {
			float v = x[i * nch + ch];

			for (s = 0; s < 6; s++)
				v = fx_biquad_run(&c[s], z[s][ch], v);
			bad += !same_bits(v, y[i * nch + ch]);
		}
	T_CHECKF(bad == 0, "eq, %d ch: %d samples differ from the sections "
	    "run one by one", nch, bad);
	printf("eq still pass, %d ch: %d of %d samples differ from the "
	    "sections one by one\n", nch, bad, n * nch);
	free(x);
	free(y);
}

/* Two mono EQs run together (process2: side by side in SSE2 lanes when
 * both are still with as many sections, else one after the other) give
 * each the very samples it gets alone, through blocks of odd sizes and a
 * glide half way. */
static void
check_eq_pair(const char *pa, const char *pb, const char *glide)
{
	int n = 30000, i, j, k, bad = 0;
	float *xa = malloc(sizeof *xa * n), *xb = malloc(sizeof *xb * n);
	float *ya = malloc(sizeof *ya * n), *yb = malloc(sizeof *yb * n);
	struct fxt a, b, a1, b1;

	for (i = 0; i < n; i++) {
		xa[i] = ya[i] = rnd() * 0.5f;
		xb[i] = yb[i] = rnd() * 0.5f;
	}
	fxt_open(&a, "eq", pa);
	fxt_open(&b, "eq", pb);
	fxt_open(&a1, "eq", pa);
	fxt_open(&b1, "eq", pb);
	for (i = j = 0; i < n; i += k, j++) {
		k = (j % 3 == 0 ? 4096 : j % 3 == 1 ? 17 : 1000);
		if (k > n - i)
			k = n - i;
		if (i >= n / 2 && i - k < n / 2 && glide != NULL) {
			fxt_set(&a, glide);
			fxt_set(&a1, glide);
		}
		a.k->process2(a.st, b.st, xa + i, xb + i, 1, k);
		a1.k->process(a1.st, ya + i, ya + i, 1, k);
		b1.k->process(b1.st, yb + i, yb + i, 1, k);
	}
	for (i = 0; i < n; i++)
		bad += !same_bits(xa[i], ya[i]) + !same_bits(xb[i], yb[i]);
	T_CHECKF(bad == 0, "eq pair \"%s\" + \"%s\": %d samples differ", pa,
	    pb, bad);
	printf("eq pair %s | %s%s%s: %d of %d samples differ from each "
	    "alone\n", pa, pb, glide != NULL ? " | glide " : "",
	    glide != NULL ? glide : "", bad, 2 * n);
	fxt_close(&a);
	fxt_close(&b);
	fxt_close(&a1);
	fxt_close(&b1);
	free(xa);
	free(xb);
	free(ya);
	free(yb);
}

int
main(void)
{
	check_clean();
	check_blocks("comp", "threshold=-20 ratio=4 attack=1 release=50", 1);
	check_blocks("comp", "threshold=-30 ratio=8 knee=6 makeup=4", 2);
	check_blocks("comp", "threshold=-25 detector=rms sc-hp=120", 2);
	check_blocks("gate", "threshold=-10 range=-40 hold=5 release=20", 2);
	check_blocks("deess", "threshold=-30", 1);
	check_eq_still(1);
	check_eq_still(2);
	check_eq_pair("b1.type=hp b1.freq=80 b2.type=lp b2.freq=12000",
	    "b1.type=peak b1.freq=1000 b1.gain=4 b3.type=highshelf "
	    "b3.freq=8000 b3.gain=-3", NULL);
	check_eq_pair("b1.type=hp b1.freq=80 b1.slope=24 b2.type=peak "
	    "b2.freq=300 b2.gain=-3", "b1.type=hp b1.freq=120 b2.type=lp "
	    "b2.freq=9000 b4.type=peak b4.freq=2000 b4.gain=2", "b1.freq=200");
	check_eq_pair("b1.type=hp b1.freq=80", "b2.type=lowshelf "
	    "b2.freq=150 b2.gain=3 b5.type=lp b5.freq=15000 b5.slope=24",
	    NULL);
	T_DONE();
}
