/* pan.c - pan and balance laws. */
#include <math.h>

#include "pan.h"

/* A NaN position (every comparison false) lands in the centre. */
static double
pan_clamp(double p)
{
	if (p < -1.0)
		return -1.0;
	if (p > 1.0)
		return 1.0;
	if (p != p)
		return 0.0;
	return p;
}

/* cos(t * pi/2) for t in [0, 1], exactly 0 at a hard pan (cos(M_PI/2) is
 * 6e-17, which would leak into the muted side). */
static double
pan_quarter_cos(double t)
{
	if (t >= 1.0)
		return 0.0;
	return cos(t * M_PI / 2.0);
}

void
pan_gains(int channels, double p, float *left, float *right)
{
	double	t;

	p = pan_clamp(p);
	if (channels == 1) {
		/* Constant power: L^2 + R^2 = 1 wherever the source sits.
		 * sin(x) is written cos(pi/2 - x) so both sides are equal
		 * to the last bit at the centre. */
		t = (p + 1.0) / 2.0;
		*left = (float)pan_quarter_cos(t);
		*right = (float)pan_quarter_cos(1.0 - t);
		return;
	}
	/* Balance keeps a stereo image at unity and only fades the far side. */
	*left = p > 0.0 ? (float)pan_quarter_cos(p) : 1.0f;
	*right = p < 0.0 ? (float)pan_quarter_cos(-p) : 1.0f;
}

float
pan_db_to_gain(double db)
{
	/* Below -144 dB is under 24-bit resolution: call it silence. */
	if (!(db > -144.0))
		return 0.0f;
	return (float)pow(10.0, db / 20.0);
}
