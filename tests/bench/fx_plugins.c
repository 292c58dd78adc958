/* fx_plugins.c - hosting overhead (issue 15): 32 strips each with one
 * insert, 128-frame periods of stereo noise, the time one period of all
 * 32 takes, for x42-eq (an LV2 plugin of Debian's, through the host) and
 * for reel's built-in eq with the same bands in use.  Prints both.
 * Linked against build/libreel.a by tests/bench/plugins.sh. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "fx.h"
#include "fx_plugin.h"

#define NS 32
#define PERIOD 128
#define SECONDS 10

static double
bench_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* Microseconds per period of NS instances of k; -1 when not there. */
static double
bench_kind(const char *name, const char *const *set, int nset)
{
	const struct fx_kind *k = fx_kind_find(name);
	struct fx_ctx c = { 48000, 0 };
	static float buf[NS][PERIOD * 2];
	float val[FX_MAX_PARAMS];
	void *st[NS];
	char err[256];
	double t0, t;
	int i, j, p, periods = SECONDS * 48000 / PERIOD;
	unsigned r = 1;

	if (k == NULL) {
		fprintf(stderr, "fx_plugins: %s: %s\n", name,
		    fx_plugin_error());
		return -1;
	}
	fx_defaults(k, val);
	for (i = 0; i < nset; i += 2)
		if ((j = fx_param_find(k, set[i])) < 0 ||
		    fx_param_parse(k, j, set[i + 1], &val[j], err,
		    sizeof err) != 0)
			fprintf(stderr, "fx_plugins: %s %s\n", name, set[i]);
	for (i = 0; i < NS; i++) {
		st[i] = fx_new(k, 48000);
		if (k->prepare != NULL)
			k->prepare(st[i], val);
		k->update(st[i], val, &c);
	}
	t0 = bench_now();
	for (p = 0; p < periods; p++)
		for (i = 0; i < NS; i++) {
			for (j = 0; j < PERIOD * 2; j++) {
				r = r * 1103515245u + 12345u;
				buf[i][j] = ((float)(r >> 9) / 8388608.0f -
				    1.0f) * 0.3f;
			}
			k->update(st[i], val, &c);
			k->process(st[i], buf[i], buf[i], 2, PERIOD);
		}
	t = bench_now() - t0;
	for (i = 0; i < NS; i++)
		k->free(st[i]);
	return 1e6 * t / periods;
}

int
main(void)
{
	static const char *const x42[] = { "freq1", "100", "gain1", "3",
	    "freq2", "400", "gain2", "-2", "freq3", "1000", "gain3", "4",
	    "freq4", "4000", "gain4", "-3", "HSgain", "2" };
	static const char *const eq[] = { "b1.type", "peak", "b1.freq",
	    "100", "b1.gain", "3", "b2.type", "peak", "b2.freq", "400",
	    "b2.gain", "-2", "b3.type", "peak", "b3.freq", "1000", "b3.gain",
	    "4", "b4.type", "peak", "b4.freq", "4000", "b4.gain", "-3",
	    "b5.type", "highshelf", "b5.freq", "8000", "b5.gain", "2" };
	double a, b, noise;

	/* The random source alone, to take out of both. */
	noise = bench_kind("utility", NULL, 0);
	a = bench_kind("lv2:http://gareus.org/oss/lv2/fil4#stereo", x42,
	    sizeof x42 / sizeof *x42);
	b = bench_kind("eq", eq, sizeof eq / sizeof *eq);
	printf("%-34s %8.1f us per 128-frame period (of 2667 us)\n",
	    "32 strips, x42-eq (LV2) each", a);
	printf("%-34s %8.1f us per 128-frame period\n",
	    "32 strips, built-in eq each", b);
	printf("%-34s %8.1f us per 128-frame period (in both)\n",
	    "    of which the test signal and a utility", noise);
	return a < 0 || b < 0;
}
