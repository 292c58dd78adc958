/* test_fx_curve.c - what the strip editor draws and the master's
 * correlation meter: fx_eq_response_db against the RBJ cookbook and a
 * 4th-order Butterworth written out here, fx_comp_static_db against the
 * soft-knee formula, fx_param_nudge's steps, and mixer_correlation on
 * signals whose correlation is known. */
#include <complex.h>
#include <math.h>
#include <string.h>

#include "fx.h"
#include "mixer.h"
#include "t.h"

#define RATE 48000
#define N 512

/* A peaking section's |H| in dB, from the cookbook. */
static double
ref_peak(double f0, double gain, double q, double f)
{
	double w0 = 2 * M_PI * f0 / RATE, A = pow(10, gain / 40);
	double al = sin(w0) / (2 * q), c = cos(w0);
	double complex z1 = cexp(-I * 2 * M_PI * f / RATE), z2 = z1 * z1;
	double complex h = ((1 + al * A) - 2 * c * z1 + (1 - al * A) * z2) /
	    ((1 + al / A) - 2 * c * z1 + (1 - al / A) * z2);

	return 20 * log10(cabs(h));
}

static void
check_eq(void)
{
	const struct fx_kind *k = fx_kind_find("eq");
	float v[FX_MAX_PARAMS];
	static const double fs[] = { 100, 500, 1000, 2000, 8000 };
	int i;

	fx_defaults(k, v);
	for (i = 0; i < 5; i++)
		T_CHECKF(fabs(fx_eq_response_db(v, RATE, fs[i])) < 1e-9,
		    "every band off: flat at %g Hz", fs[i]);
	v[fx_param_find(k, "b3.type")] = 5;	/* peak */
	v[fx_param_find(k, "b3.freq")] = 1000;
	v[fx_param_find(k, "b3.gain")] = 7.5f;
	v[fx_param_find(k, "b3.q")] = 1.4f;
	for (i = 0; i < 5; i++) {
		double got = fx_eq_response_db(v, RATE, fs[i]);
		double want = ref_peak(1000, 7.5, 1.4f, fs[i]);

		printf("peak 1 kHz +7.5 dB at %5g Hz: %7.3f dB (cookbook "
		    "%7.3f)\n", fs[i], got, want);
		T_CHECKF(fabs(got - want) < 0.01, "%g Hz: %g, want %g", fs[i],
		    got, want);
	}
	/* With a 24 dB/oct high-pass at 100 Hz: a Butterworth of order 4,
	 * |H|^2 = 1 / (1 + (fc/f)^8), far below Nyquist. */
	v[fx_param_find(k, "b1.type")] = 1;	/* hp */
	v[fx_param_find(k, "b1.freq")] = 100;
	v[fx_param_find(k, "b1.slope")] = 1;	/* 24 */
	for (i = 0; i < 3; i++) {
		double f = 50 * (i + 1), got = fx_eq_response_db(v, RATE, f);
		double want = -10 * log10(1 + pow(100 / f, 8)) +
		    ref_peak(1000, 7.5, 1.4f, f);

		printf("hp 100 Hz 24 dB/oct at %3g Hz: %8.3f dB (Butterworth "
		    "%8.3f)\n", f, got, want);
		T_CHECKF(fabs(got - want) < 0.05, "%g Hz: %g, want %g", f,
		    got, want);
	}
}

static void
check_comp(void)
{
	const struct fx_kind *k = fx_kind_find("comp");
	float v[FX_MAX_PARAMS];

	fx_defaults(k, v);
	v[fx_param_find(k, "threshold")] = -20;
	v[fx_param_find(k, "ratio")] = 4;
	T_CHECK(fabsf(fx_comp_static_db(v, -40) - -40) < 1e-4f);
	T_CHECK(fabsf(fx_comp_static_db(v, -10) - -17.5f) < 1e-4f);
	v[fx_param_find(k, "makeup")] = 3;
	T_CHECK(fabsf(fx_comp_static_db(v, -10) - -14.5f) < 1e-4f);
	/* A 10 dB knee: at the threshold, (1/R - 1) (W/2)^2 / (2W). */
	v[fx_param_find(k, "makeup")] = 0;
	v[fx_param_find(k, "knee")] = 10;
	T_CHECKF(fabsf(fx_comp_static_db(v, -20) - (-20 - 0.75f * 25 / 20))
	    < 1e-4f, "%g", fx_comp_static_db(v, -20));
	T_CHECK(fabsf(fx_comp_static_db(v, -26) - -26) < 1e-4f);
}

static void
check_nudge(void)
{
	const struct fx_kind *eq = fx_kind_find("eq"), *c = fx_kind_find("comp");
	int gain = fx_param_find(eq, "b3.gain"), freq = fx_param_find(eq,
	    "b3.freq"), type = fx_param_find(eq, "b3.type");
	int thr = fx_param_find(c, "threshold"), knee = fx_param_find(c, "knee");

	T_CHECK(fx_param_nudge(eq, gain, 0, 1) == 1.0f);
	T_CHECK(fabsf(fx_param_nudge(eq, gain, 1, 0.1) - 1.1f) < 1e-6f);
	T_CHECK(fx_param_nudge(eq, gain, 24, 1) == 24.0f);
	T_CHECK(fx_param_nudge(eq, freq, 1000, 1) == 1260.0f);
	T_CHECK(fx_param_nudge(eq, freq, 1000, -3) == 500.0f);
	T_CHECK(fx_param_nudge(eq, freq, 20000, 1) == 20000.0f);
	T_CHECK(fx_param_nudge(eq, type, 0, 1) == 1.0f);
	T_CHECK(fx_param_nudge(eq, type, 0, 0.1) == 1.0f);
	T_CHECK(fx_param_nudge(eq, type, 5, 1) == 5.0f);
	T_CHECK(fx_param_nudge(c, thr, -20, -1) == -21.0f);
	T_CHECKF(fabsf(fx_param_nudge(c, knee, 0, 1) - 0.5f) < 1e-6f, "%g",
	    fx_param_nudge(c, knee, 0, 1));
}

/* Two mono tracks monitoring inputs 0 and 1, hard left and hard right:
 * the master's correlation is that of the two inputs. */
static float
corr_of(double phase, double f2)
{
	struct mixer *m = mixer_new(N);
	struct snapshot *s = snapshot_new(2);
	float in[2 * N], out[2 * N], c;
	int i, k;

	s->master = 1;
	s->click.rate = RATE;
	for (k = 0; k < 2; k++) {
		s->t[k].channels = 1;
		s->t[k].in[0] = k;
		s->t[k].in[1] = -1;
		s->t[k].monitor = SNAP_MON_ALWAYS;
		s->t[k].gl = k == 0;
		s->t[k].gr = k == 1;
	}
	for (k = 0; k < 100; k++) {
		for (i = 0; i < N; i++) {
			double t = (double)(k * N + i) / RATE;

			in[2 * i] = 0.5f * (float)sin(2 * M_PI * 440 * t);
			in[2 * i + 1] = 0.5f * (float)sin(2 * M_PI * f2 * t +
			    phase);
		}
		mixer_process(m, s, NULL, in, 2, out, N);
	}
	c = mixer_correlation(m);
	snapshot_free(s);
	mixer_free(m);
	return c;
}

static void
check_correlation(void)
{
	float same = corr_of(0, 440), inv = corr_of(M_PI, 440);
	float quad = corr_of(M_PI / 2, 440), other = corr_of(0, 1234);

	printf("correlation: same %.3f, inverted %.3f, 90 degrees %.3f, "
	    "440/1234 Hz %.3f\n", same, inv, quad, other);
	T_CHECK(fabsf(same - 1) < 1e-3f);
	T_CHECK(fabsf(inv + 1) < 1e-3f);
	T_CHECK(fabsf(quad) < 0.02f);
	T_CHECK(fabsf(other) < 0.02f);
}

int
main(void)
{
	check_eq();
	check_comp();
	check_nudge();
	check_correlation();
	T_DONE();
}
