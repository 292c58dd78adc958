/* test_fx_eq.c - fx_eq.c: every band type's magnitude at chosen
 * frequencies, measured from tones through the processor, against the
 * analytic response of the RBJ cookbook biquad computed here. */
#include <complex.h>

#include "t.h"
#include "fxt.h"

/* The cookbook, written out again: H(e^jw) of one section. */
static double complex
ref_section(const char *type, double f0, double gain, double q, double f)
{
	double w0 = 2 * M_PI * f0 / FXT_RATE, A = pow(10, gain / 40);
	double al = sin(w0) / (2 * q), c = cos(w0), b[3], a[3];
	double complex z1 = cexp(-I * 2 * M_PI * f / FXT_RATE), z2 = z1 * z1;

	if (strcmp(type, "hp") == 0) {
		b[0] = (1 + c) / 2; b[1] = -(1 + c); b[2] = (1 + c) / 2;
		a[0] = 1 + al; a[1] = -2 * c; a[2] = 1 - al;
	} else if (strcmp(type, "lp") == 0) {
		b[0] = (1 - c) / 2; b[1] = 1 - c; b[2] = (1 - c) / 2;
		a[0] = 1 + al; a[1] = -2 * c; a[2] = 1 - al;
	} else if (strcmp(type, "peak") == 0) {
		b[0] = 1 + al * A; b[1] = -2 * c; b[2] = 1 - al * A;
		a[0] = 1 + al / A; a[1] = -2 * c; a[2] = 1 - al / A;
	} else if (strcmp(type, "lowshelf") == 0) {
		double s = 2 * sqrt(A) * al;

		b[0] = A * ((A + 1) - (A - 1) * c + s);
		b[1] = 2 * A * ((A - 1) - (A + 1) * c);
		b[2] = A * ((A + 1) - (A - 1) * c - s);
		a[0] = (A + 1) + (A - 1) * c + s;
		a[1] = -2 * ((A - 1) + (A + 1) * c);
		a[2] = (A + 1) + (A - 1) * c - s;
	} else {
		double s = 2 * sqrt(A) * al;

		b[0] = A * ((A + 1) + (A - 1) * c + s);
		b[1] = -2 * A * ((A - 1) + (A + 1) * c);
		b[2] = A * ((A + 1) + (A - 1) * c - s);
		a[0] = (A + 1) - (A - 1) * c + s;
		a[1] = 2 * ((A - 1) - (A + 1) * c);
		a[2] = (A + 1) - (A - 1) * c - s;
	}
	return (b[0] + b[1] * z1 + b[2] * z2) / (a[0] + a[1] * z1 + a[2] * z2);
}

/* dB at f of a band: 24 dB/oct is 4th-order Butterworth at q 0.7071
 * (sections at Q 0.5412 and 1.3066), the two Qs scaled with q. */
static double
ref_db(const char *type, int slope, double f0, double gain, double q,
    double f)
{
	double complex h = ref_section(type, f0, gain, slope == 24 ?
	    q * 0.5411961 / M_SQRT1_2 : q, f);

	if (slope == 24)
		h *= ref_section(type, f0, gain, q * 1.3065630 / M_SQRT1_2,
		    f);
	return 20 * log10(cabs(h));
}

static const double freqs[] = { 50, 200, 1000, 3000, 12000 };

static void
check_band(const char *type, int slope, double f0, double gain, double q,
    int band)
{
	char p[256];
	float *x;
	int n = FXT_RATE, i, from = FXT_RATE / 2;
	double worst = 0;

	x = malloc(sizeof *x * 2 * n);
	for (i = 0; i < 5; i++) {
		struct fxt f;
		double got, want, in;

		snprintf(p, sizeof p, "b%d.type=%s b%d.freq=%g b%d.gain=%g "
		    "b%d.q=%g b%d.slope=%d", band, type, band, f0, band, gain,
		    band, q, band, slope);
		fxt_open(&f, "eq", p);
		fxt_sine(x, 2, n, freqs[i], 0.25);
		in = fxt_amp(x, 2, 0, from, n, freqs[i]);
		fxt_run(&f, x, 2, n, 512);
		got = fxt_db(fxt_amp(x, 2, 0, from, n, freqs[i]) / in);
		want = ref_db(type, slope, f0, gain, q, freqs[i]);
		T_CHECKF(fabs(got - want) < 0.1, "%s/%d f0 %g gain %g q %g "
		    "at %g Hz: %.3f dB, analytic %.3f dB", type, slope, f0,
		    gain, q, freqs[i], got, want);
		T_CHECKF(fabs(fxt_db(fxt_amp(x, 2, 1, from, n, freqs[i]) /
		    in) - got) < 1e-6, "%s: right channel differs", type);
		if (fabs(got - want) > worst)
			worst = fabs(got - want);
		fxt_close(&f);
	}
	printf("%-9s %2d dB/oct f0 %5g Hz gain %+5g q %-5g band %d: worst "
	    "%.4f dB\n", type, slope, f0, gain, q, band, worst);
	free(x);
}

/* Two bands in series multiply their responses. */
static void
check_chain(void)
{
	struct fxt f;
	float *x = malloc(sizeof *x * FXT_RATE);
	int i;

	for (i = 0; i < 5; i++) {
		double in, got, want;

		fxt_open(&f, "eq", "b1.type=hp b1.freq=80 b3.type=peak "
		    "b3.freq=1000 b3.gain=-3 b3.q=2 b5.type=highshelf "
		    "b5.freq=8000 b5.gain=4");
		fxt_sine(x, 1, FXT_RATE, freqs[i], 0.5);
		in = fxt_amp(x, 1, 0, FXT_RATE / 2, FXT_RATE, freqs[i]);
		fxt_run(&f, x, 1, FXT_RATE, 100);
		got = fxt_db(fxt_amp(x, 1, 0, FXT_RATE / 2, FXT_RATE,
		    freqs[i]) / in);
		want = ref_db("hp", 12, 80, 0, 0.707, freqs[i]) +
		    ref_db("peak", 12, 1000, -3, 2, freqs[i]) +
		    ref_db("highshelf", 12, 8000, 4, 0.707, freqs[i]);
		T_CHECKF(fabs(got - want) < 0.1, "chain at %g Hz: %.3f dB, "
		    "analytic %.3f", freqs[i], got, want);
		fxt_close(&f);
	}
	free(x);
}

/* Off bands pass the input through untouched. */
static void
check_off(void)
{
	struct fxt f;
	float x[4096], y[4096];
	int i;

	fxt_open(&f, "eq", "b2.gain=12");
	for (i = 0; i < 4096; i++)
		x[i] = y[i] = (float)sin(i * 0.01) * 0.3f;
	fxt_run(&f, y, 2, 2048, 64);
	T_CHECK(memcmp(x, y, sizeof x) == 0);
	fxt_close(&f);
}

int
main(void)
{
	check_band("hp", 12, 100, 0, 0.707, 1);
	check_band("hp", 24, 100, 0, 0.707, 1);
	check_band("hp", 12, 1000, 0, 2, 2);
	check_band("lp", 12, 3000, 0, 0.707, 5);
	check_band("lp", 24, 3000, 0, 0.707, 4);
	check_band("lp", 24, 600, 0, 1.2, 3);
	check_band("lowshelf", 12, 200, 6, 0.707, 2);
	check_band("lowshelf", 12, 300, -9, 1, 1);
	check_band("highshelf", 12, 3000, -6, 0.707, 4);
	check_band("highshelf", 12, 6000, 9, 0.5, 5);
	check_band("peak", 12, 1000, -3, 1.4, 3);
	check_band("peak", 12, 200, 12, 4, 1);
	check_band("peak", 12, 3000, -18, 0.5, 5);
	check_chain();
	check_off();
	T_DONE();
}
