/* test_fx_dyn.c - the dynamics processors against their formulas: the
 * compressor's static curve (hard and soft knee, peak and RMS detector)
 * and its attack/release time constants, the gate's threshold and range,
 * the de-esser's split band, the limiter's ceiling and latency. */
#include "t.h"
#include "fxt.h"

/* Giannoulis et al.: output level for input level x (dB). */
static double
ref_curve(double x, double t, double r, double w)
{
	if (2 * (x - t) < -w)
		return x;
	if (w > 0 && 2 * fabs(x - t) <= w)
		return x + (1 / r - 1) * pow(x - t + w / 2, 2) / (2 * w);
	return t + (x - t) / r;
}

static void
check_curve(double knee, bool rms)
{
	int n = FXT_RATE, from = n - FXT_RATE / 10;
	float *x = malloc(sizeof *x * 2 * n);
	double lvl, worst = 0;

	for (lvl = -40; lvl <= 0; lvl += 2.5) {
		struct fxt f;
		char p[200];
		double a = pow(10, lvl / 20), in, out, det, want;

		snprintf(p, sizeof p, "threshold=-20 ratio=4 attack=5 "
		    "release=50 knee=%g makeup=3 detector=%s", knee,
		    rms ? "rms" : "peak");
		fxt_open(&f, "comp", p);
		fxt_sine(x, 2, n, 1000, a);
		in = fxt_peak(x, 2, from, n);
		fxt_run(&f, x, 2, n, 256);
		out = fxt_db(fxt_peak(x, 2, from, n) / in);
		/* The detected level: the crest, or the RMS (-3.01 dB). */
		det = rms ? lvl - 10 * log10(2) : lvl;
		want = ref_curve(det, -20, 4, knee) - det + 3;
		T_CHECKF(fabs(out - want) < 0.2, "knee %g %s at %g dBFS: gain "
		    "%.3f dB, formula %.3f dB", knee, rms ? "rms" : "peak",
		    lvl, out, want);
		if (fabs(out - want) > worst)
			worst = fabs(out - want);
		fxt_close(&f);
	}
	printf("comp curve knee %2g dB, %s: worst %.3f dB over -40..0 dBFS\n",
	    knee, rms ? "rms " : "peak", worst);
	free(x);
}

/* Frames from the first one where the reduction has covered `from` of
 * the way to its final value to the first where it has covered `to`. */
static int
cross(const float *gr, int n, double start, double end, double frac)
{
	int i;

	for (i = 0; i < n; i++)
		if ((gr[i] - start) / (end - start) >= frac)
			return i;
	return -1;
}

/* A step from -40 to 0 dBFS and back: the reduction (-15 dB at ratio
 * 4 above -20) moves as 1 - e^(-t/tau). */
static void
check_times(double attack, double release)
{
	int n = FXT_RATE, i;
	float *gr = malloc(sizeof *gr * n), x[2];
	struct fxt f;
	char p[200];
	double ta, tr;

	snprintf(p, sizeof p, "threshold=-20 ratio=4 attack=%g release=%g",
	    attack, release);
	fxt_open(&f, "comp", p);
	for (i = 0; i < FXT_RATE / 10; i++) {
		x[0] = x[1] = (float)(0.01 * sin(2 * M_PI * 1000 * i /
		    FXT_RATE));
		f.k->process(f.st, x, x, 2, 1);
	}
	/* A 0 dBFS square wave: the level is the same every frame. */
	for (i = 0; i < n; i++) {
		x[0] = x[1] = i < n / 2 ? ((i / 24) % 2 ? 1.0f : -1.0f) :
		    ((i / 24) % 2 ? 0.01f : -0.01f);
		f.k->process(f.st, x, x, 2, 1);
		gr[i] = f.k->gr(f.st);
	}
	/* Time from 1-1/e^0 to 1-1/e^1 of the way: tau. */
	ta = (cross(gr, n / 2, 0, -15, 1 - exp(-1.0)) -
	    cross(gr, n / 2, 0, -15, 1e-9)) * 1000.0 / FXT_RATE;
	/* Release: from 80 % of the reduction left to 80 %/e. */
	tr = (cross(gr + n / 2, n / 2, -15, 0, 1 - 0.8 * exp(-1.0)) -
	    cross(gr + n / 2, n / 2, -15, 0, 0.2)) * 1000.0 / FXT_RATE;
	printf("comp attack %g ms: measured %.2f ms; release %g ms: measured "
	    "%.2f ms\n", attack, ta, release, tr);
	T_CHECKF(fabs(ta - attack) <= 0.1 * attack, "attack %.2f ms, set %g",
	    ta, attack);
	T_CHECKF(fabs(tr - release) <= 0.1 * release, "release %.2f ms, set "
	    "%g", tr, release);
	fxt_close(&f);
	free(gr);
}

/* Above the threshold unity, below it the range. */
static void
check_gate(void)
{
	static const double lv[] = { -20, -35, -45, -60 };
	int n = FXT_RATE / 2, from = n - FXT_RATE / 10, i;
	float *x = malloc(sizeof *x * n);

	for (i = 0; i < 4; i++) {
		struct fxt f;
		double in, out, want = lv[i] >= -40 ? 0 : -30;

		fxt_open(&f, "gate", "threshold=-40 range=-30 attack=1 hold=20 "
		    "release=20");
		fxt_sine(x, 1, n, 500, pow(10, lv[i] / 20));
		in = fxt_peak(x, 1, from, n);
		fxt_run(&f, x, 1, n, 128);
		out = fxt_db(fxt_peak(x, 1, from, n) / in);
		printf("gate -40 dB, range -30: %g dBFS in, gain %.3f dB\n",
		    lv[i], out);
		T_CHECKF(fabs(out - want) < 0.2, "gate at %g dBFS: %.3f dB, "
		    "want %g", lv[i], out, want);
		fxt_close(&f);
	}
	free(x);
}

/* Hold: after the signal drops, the gate stays open `hold` ms. */
static void
check_hold(void)
{
	struct fxt f;
	float x;
	int i, closed = -1;

	fxt_open(&f, "gate", "threshold=-40 range=-60 attack=0.1 hold=100 "
	    "release=5");
	for (i = 0; i < FXT_RATE; i++) {
		x = i < FXT_RATE / 4 ? 0.5f : 0.001f;
		f.k->process(f.st, &x, &x, 1, 1);
		if (i >= FXT_RATE / 4 && closed < 0 && f.k->gr(f.st) < -3)
			closed = i - FXT_RATE / 4;
	}
	/* Level window 7.5..10 ms, hold 100 ms, then 3 dB of a 60 dB
	 * release at 5 ms: about 0.26 ms. */
	printf("gate hold 100 ms: closing 3 dB after %.1f ms\n",
	    closed * 1000.0 / FXT_RATE);
	T_CHECKF(closed >= FXT_RATE * 107 / 1000 && closed <= FXT_RATE * 111 /
	    1000, "closed after %d frames", closed);
	fxt_close(&f);
}

/* |H| in dB of the cookbook's high-pass, Q 0.7071, at f. */
static double
hp_db(double f0, double f)
{
	double w0 = 2 * M_PI * f0 / FXT_RATE, c = cos(w0);
	double al = sin(w0) / (2 * M_SQRT1_2), w = 2 * M_PI * f / FXT_RATE;
	double b0 = (1 + c) / 2, b1 = -(1 + c), a0 = 1 + al, a1 = -2 * c;
	double a2 = 1 - al, nr, ni, dr, di;

	nr = b0 + b1 * cos(w) + b0 * cos(2 * w);
	ni = -b1 * sin(w) - b0 * sin(2 * w);
	dr = a0 + a1 * cos(w) + a2 * cos(2 * w);
	di = -a1 * sin(w) - a2 * sin(2 * w);
	return 10 * log10((nr * nr + ni * ni) / (dr * dr + di * di));
}

static void
check_deess(void)
{
	int n = FXT_RATE / 2, from = n - FXT_RATE / 10;
	float *x = malloc(sizeof *x * n);
	struct fxt f;
	double in, out, want;

	/* An 11 kHz tone at -24 dBFS: the band (through the cookbook
	 * high-pass, computed here) is turned down to the threshold. */
	fxt_open(&f, "deess", "freq=6000 threshold=-30 range=-12");
	fxt_sine(x, 1, n, 11000, pow(10, -24 / 20.0));
	in = fxt_peak(x, 1, from, n);
	fxt_run(&f, x, 1, n, 64);
	out = fxt_db(fxt_amp(x, 1, 0, from, n, 11000) / in);
	want = -30 - (-24 + hp_db(6000, 11000));
	printf("deess: 11 kHz at -24 dBFS: reduction %.2f dB (formula %.2f), "
	    "tone %.2f dB\n", f.k->gr(f.st), want, out);
	T_CHECKF(fabs(f.k->gr(f.st) - want) < 0.1, "gr %.2f", f.k->gr(f.st));
	/* The shelf is near its full depth an octave up. */
	T_CHECKF(out < want + 1.0 && out > want - 0.3, "11 kHz: %.2f dB",
	    out);
	fxt_close(&f);
	/* At -6 dBFS the reduction stops at the range. */
	fxt_open(&f, "deess", "freq=6000 threshold=-30 range=-12");
	fxt_sine(x, 1, n, 12000, 0.5);
	fxt_run(&f, x, 1, n, 64);
	T_CHECKF(fabs(f.k->gr(f.st) - -12) < 0.01, "gr %.2f at the range",
	    f.k->gr(f.st));
	fxt_close(&f);
	/* A 300 Hz tone is not in the band: it passes untouched. */
	fxt_open(&f, "deess", "freq=6000 threshold=-30 range=-12");
	fxt_sine(x, 1, n, 300, 0.5);
	in = fxt_amp(x, 1, 0, from, n, 300);
	fxt_run(&f, x, 1, n, 64);
	out = fxt_db(fxt_amp(x, 1, 0, from, n, 300) / in);
	T_CHECKF(fabs(out) < 0.01, "300 Hz: %.3f dB", out);
	T_CHECKF(f.k->gr(f.st) == 0, "gr %.3f", f.k->gr(f.st));
	fxt_close(&f);
	free(x);
}

static unsigned
rnd(unsigned *s)
{
	*s = *s * 1103515245u + 12345u;
	return *s >> 8;
}

static void
check_limit(void)
{
	static const char *const set[] = {
		"ceiling=-1 lookahead=5 release=50",
		"ceiling=-6 lookahead=0.1 release=1",
		"ceiling=0 lookahead=20 release=500",
		"ceiling=-0.3 lookahead=1.5 release=10",
	};
	int n = FXT_RATE * 2, i, j, s;
	float *x = malloc(sizeof *x * 2 * n);
	unsigned seed = 1;

	for (s = 0; s < 4; s++) {
		struct fxt f;
		double ce, peak;

		fxt_open(&f, "limit", set[s]);
		ce = fx_db_to_lin(f.val[0]);
		/* Noise in bursts up to +24 dBFS, single-sample spikes. */
		for (i = 0; i < n; i++)
			for (j = 0; j < 2; j++) {
				double a = ((i / 1000) % 4 == 0) ? 16.0 : 0.5;

				x[i * 2 + j] = (float)(a * ((rnd(&seed) %
				    20001) / 10000.0 - 1.0));
				if (rnd(&seed) % 5000 == 0)
					x[i * 2 + j] = 15.0f;
			}
		for (i = 0; i < n; i += j) {
			j = 16 + (int)(rnd(&seed) % 2000);
			if (j > n - i)
				j = n - i;
			f.k->process(f.st, x + 2 * i, x + 2 * i, 2, j);
		}
		peak = fxt_peak(x, 2, 0, n);
		printf("limit %s: sample peak %.6f, ceiling %.6f\n", set[s],
		    peak, ce);
		T_CHECKF(peak <= (float)ce, "%s: peak %.9f above %.9f",
		    set[s], peak, ce);
		fxt_close(&f);
	}
	free(x);
}

/* Below the ceiling the limiter is a pure delay of its latency: the
 * look-ahead, and 8 frames more for the true-peak interpolator. */
static void
check_limit_latency(void)
{
	static const char *const set[] = { "ceiling=-1 lookahead=5 "
	    "truepeak=off", "ceiling=-1 lookahead=5" };
	static const int want[] = { 240, 248 };
	struct fxt f;
	float x[4096];
	int lat, i, at, m;

	for (m = 0; m < 2; m++) {
		memset(x, 0, sizeof x);
		at = -1;
		fxt_open(&f, "limit", set[m]);
		lat = f.k->latency(f.val, FXT_RATE);
		T_CHECKF(lat == want[m], "%s: latency %d frames, want %d",
		    set[m], lat, want[m]);
		x[100] = 0.5f;
		fxt_run(&f, x, 1, 4096, 77);
		for (i = 0; i < 4096; i++)
			if (x[i] != 0) {
				T_CHECKF(at < 0, "a second sample at %d", i);
				at = i;
			}
		T_CHECKF(at == 100 + lat && x[at] == 0.5f, "%s: impulse at "
		    "%d (%g)", set[m], at, at >= 0 ? x[at] : 0);
		fxt_close(&f);
	}
}

int
main(void)
{
	check_curve(0, false);
	check_curve(12, false);
	check_curve(0, true);
	check_curve(6, true);
	check_times(10, 100);
	check_times(1, 300);
	check_times(50, 40);
	check_gate();
	check_hold();
	check_deess();
	check_limit();
	check_limit_latency();
	T_DONE();
}
