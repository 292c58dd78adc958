/* fx_biquad.h - RBJ-cookbook biquads in transposed direct form II.
 *
 * Coefficients and state are double: a 20 Hz high-pass at 192 kHz keeps
 * its response, and the state tolerates coefficients that change each
 * few samples (smoothing).
 */
#ifndef REEL_FX_BIQUAD_H
#define REEL_FX_BIQUAD_H

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

static inline float
fx_biquad_run(const struct fx_biquad *c, double *z, float x)
{
	double y = c->b0 * x + z[0];

	z[0] = c->b1 * x - c->a1 * y + z[1];
	z[1] = c->b2 * x - c->a2 * y;
	return (float)y;
}

/* Denormals out of a section's state, once per block. */
static inline void
fx_biquad_flush(double *z)
{
	if (z[0] > -1e-25 && z[0] < 1e-25)
		z[0] = 0;
	if (z[1] > -1e-25 && z[1] < 1e-25)
		z[1] = 0;
	/* A state gone non-finite (it cannot, with clean input and a
	 * stable design, but never let it stick) starts over. */
	if (z[0] - z[0] != 0 || z[1] - z[1] != 0)
		z[0] = z[1] = 0;
}

#endif
