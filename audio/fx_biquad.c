/* fx_biquad.c - RBJ Audio EQ Cookbook designs. */
#include "fx_biquad.h"

#include <math.h>

void
fx_biquad_design(struct fx_biquad *c, int type, double rate, double freq,
    double gain, double q)
{
	double w0, cw, sw, alpha, A, sA, b0, b1, b2, a0, a1, a2;

	if (freq > rate * 0.49)
		freq = rate * 0.49;
	if (freq < 1.0)
		freq = 1.0;
	if (q < 0.01)
		q = 0.01;
	w0 = 2.0 * M_PI * freq / rate;
	cw = cos(w0);
	sw = sin(w0);
	alpha = sw / (2.0 * q);
	A = pow(10.0, gain / 40.0);
	sA = 2.0 * sqrt(A) * alpha;
	switch (type) {
	case FX_BQ_HP:
		b0 = (1 + cw) / 2; b1 = -(1 + cw); b2 = (1 + cw) / 2;
		a0 = 1 + alpha; a1 = -2 * cw; a2 = 1 - alpha;
		break;
	case FX_BQ_LP:
		b0 = (1 - cw) / 2; b1 = 1 - cw; b2 = (1 - cw) / 2;
		a0 = 1 + alpha; a1 = -2 * cw; a2 = 1 - alpha;
		break;
	case FX_BQ_LOWSHELF:
		b0 = A * ((A + 1) - (A - 1) * cw + sA);
		b1 = 2 * A * ((A - 1) - (A + 1) * cw);
		b2 = A * ((A + 1) - (A - 1) * cw - sA);
		a0 = (A + 1) + (A - 1) * cw + sA;
		a1 = -2 * ((A - 1) + (A + 1) * cw);
		a2 = (A + 1) + (A - 1) * cw - sA;
		break;
	case FX_BQ_HIGHSHELF:
		b0 = A * ((A + 1) + (A - 1) * cw + sA);
		b1 = -2 * A * ((A - 1) + (A + 1) * cw);
		b2 = A * ((A + 1) + (A - 1) * cw - sA);
		a0 = (A + 1) - (A - 1) * cw + sA;
		a1 = 2 * ((A - 1) - (A + 1) * cw);
		a2 = (A + 1) - (A - 1) * cw - sA;
		break;
	case FX_BQ_PEAK:
		b0 = 1 + alpha * A; b1 = -2 * cw; b2 = 1 - alpha * A;
		a0 = 1 + alpha / A; a1 = -2 * cw; a2 = 1 - alpha / A;
		break;
	default:
		b0 = 1; b1 = b2 = 0; a0 = 1; a1 = a2 = 0;
		break;
	}
	c->b0 = b0 / a0;
	c->b1 = b1 / a0;
	c->b2 = b2 / a0;
	c->a1 = a1 / a0;
	c->a2 = a2 / a0;
}

double
fx_biquad_mag_db(const struct fx_biquad *c, double rate, double freq)
{
	double w = 2 * M_PI * freq / rate, c1 = cos(w), s1 = sin(w);
	double c2 = cos(2 * w), s2 = sin(2 * w);
	double nr = c->b0 + c->b1 * c1 + c->b2 * c2;
	double ni = -(c->b1 * s1 + c->b2 * s2);
	double dr = 1 + c->a1 * c1 + c->a2 * c2;
	double di = -(c->a1 * s1 + c->a2 * s2);
	double num = nr * nr + ni * ni, den = dr * dr + di * di;

	if (num <= 0 || den <= 0)
		return -200;
	return 10 * log10(num / den);
}
