/* fx_biquad.h - RBJ-cookbook biquads in transposed direct form II.
 *
 * Coefficients and state are double: a 20 Hz high-pass at 192 kHz keeps
 * its response, and the state tolerates coefficients that change each
 * few samples (smoothing).
 */
#ifndef REEL_FX_BIQUAD_H
#define REEL_FX_BIQUAD_H

#include <string.h>

enum fx_biquad_type { FX_BQ_OFF, FX_BQ_HP, FX_BQ_LP, FX_BQ_LOWSHELF,
    FX_BQ_HIGHSHELF, FX_BQ_PEAK };

struct fx_biquad {
	double b0, b1, b2, a1, a2;	/* normalized: a0 = 1 */
};

/* Designs a section at freq Hz (clamped below Nyquist), gain dB (shelf
 * and peak), quality q. */
void fx_biquad_design(struct fx_biquad *c, int type, double rate,
    double freq, double gain, double q);

/* The section's magnitude response at freq Hz, in dB (control thread:
 * curves for the screen). */
double fx_biquad_mag_db(const struct fx_biquad *c, double rate, double freq);

/* A section's state per channel. */
#define FX_BQ_STATE 2

static inline float
fx_biquad_run(const struct fx_biquad *c, double *z, float x)
{
	double y = c->b0 * x + z[0];

	/* The terms that wait for y last: one multiply and one subtract,
	 * and the add above, from one output to the next (the recursion
	 * sets the speed; a direct form I measured no faster). */
	z[0] = (c->b1 * x + z[1]) - c->a1 * y;
	z[1] = c->b2 * x - c->a2 * y;
	return (float)y;
}

/* Denormals out of a section's state, once per block. */
static inline void
fx_biquad_flush(double *z)
{
	int i;

	for (i = 0; i < FX_BQ_STATE; i++)
		if (z[i] > -1e-25 && z[i] < 1e-25)
			z[i] = 0;
	/* A state gone non-finite (it cannot, with clean input and a
	 * stable design, but never let it stick) starts over. */
	for (i = 0; i < FX_BQ_STATE; i++)
		if (z[i] - z[i] != 0) {
			memset(z, 0, sizeof(double) * FX_BQ_STATE);
			break;
		}
}

#endif
