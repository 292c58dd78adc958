/* test_pan.c - pan.c: constant-power pan, balance, dB to gain. */
#include <math.h>

#include "pan.h"
#include "t.h"

static double
db(float g)
{
	return 20 * log10(g);
}

static void
test_mono(void)
{
	float	l, r, pl = 2, pr = -1;
	double	p, worst = 0;
	int	i, monotone = 1;

	pan_gains(1, 0, &l, &r);
	/* -3.0103 dB is 10*log10(1/2): half the power on each side. */
	T_CHECKF(fabs(db(l) - -3.0103) < 1e-4, "left %.6f dB", db(l));
	T_CHECKF(fabs(db(r) - -3.0103) < 1e-4, "right %.6f dB", db(r));
	T_CHECK(l == r);

	pan_gains(1, -1, &l, &r);
	T_CHECKF(l == 1.0f && r == 0.0f, "hard left %g %g", l, r);
	pan_gains(1, 1, &l, &r);
	T_CHECKF(l == 0.0f && r == 1.0f, "hard right %g %g", l, r);
	pan_gains(1, -7, &l, &r);
	T_CHECKF(l == 1.0f && r == 0.0f, "clamped left %g %g", l, r);
	pan_gains(1, 3, &l, &r);
	T_CHECKF(l == 0.0f && r == 1.0f, "clamped right %g %g", l, r);
	pan_gains(1, NAN, &l, &r);
	T_CHECKF(l == r && l > 0.7f, "NaN %g %g", l, r);

	/* Halfway left: theta = pi/8 from the left speaker. */
	pan_gains(1, -0.5, &l, &r);
	T_CHECKF(fabs(l - 0.9238795) < 1e-6 && fabs(r - 0.3826834) < 1e-6,
	    "p=-0.5: %.7f %.7f", l, r);

	for (i = -100; i <= 100; i++) {
		p = i / 100.0;
		pan_gains(1, p, &l, &r);
		if (fabs(l * l + r * r - 1) > worst)
			worst = fabs((double)l * l + (double)r * r - 1);
		if (l > pl || r < pr)
			monotone = 0;
		pl = l;
		pr = r;
	}
	T_CHECKF(worst < 1e-6, "power off by %g", worst);
	T_CHECK(monotone);
}

static void
test_balance(void)
{
	float	l, r;

	pan_gains(2, 0, &l, &r);
	T_CHECK(l == 1.0f && r == 1.0f);
	pan_gains(2, -1, &l, &r);
	T_CHECKF(l == 1.0f && r == 0.0f, "hard left %g %g", l, r);
	pan_gains(2, 1, &l, &r);
	T_CHECKF(l == 0.0f && r == 1.0f, "hard right %g %g", l, r);
	pan_gains(2, 0.5, &l, &r);
	/* cos(pi/4): the far side down 3 dB, the near side untouched. */
	T_CHECKF(fabs(l - 0.70710678) < 1e-6 && r == 1.0f, "%g %g", l, r);
	pan_gains(2, -0.25, &l, &r);
	T_CHECKF(l == 1.0f && fabs(r - 0.92387953) < 1e-6, "%g %g", l, r);
	pan_gains(2, 5, &l, &r);
	T_CHECK(l == 0.0f && r == 1.0f);
}

static void
test_db(void)
{
	T_CHECKF(fabs(pan_db_to_gain(-6.0206) - 0.5) < 1e-5, "%.7f",
	    pan_db_to_gain(-6.0206));
	T_CHECK(pan_db_to_gain(0) == 1.0f);
	T_CHECK(fabs(pan_db_to_gain(20) - 10) < 1e-5);
	T_CHECK(fabs(pan_db_to_gain(-120) - 1e-6) < 1e-12);
	T_CHECK(pan_db_to_gain(-144) == 0.0f);
	T_CHECK(pan_db_to_gain(-200) == 0.0f);
	T_CHECK(pan_db_to_gain(-INFINITY) == 0.0f);
	T_CHECK(pan_db_to_gain(-143.9) > 0.0f);
}

int
main(void)
{
	test_mono();
	test_balance();
	test_db();
	T_DONE();
}
