/* fx_eq.c - parametric EQ: five RBJ bands, each off, high/low-pass (12
 * or 24 dB/oct), low/high shelf or peaking.
 *
 * Frequency (in octaves), gain and Q glide to their targets and the
 * coefficients are recomputed every FX_EQ_CHUNK frames while they move.
 * 24 dB/oct is a 4th-order Butterworth at the default Q of 0.707 (two
 * sections, Q 0.541 and 1.307, both scaled by q / 0.707).
 */
#include "fx.h"
#include "fx_biquad.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#define FX_EQ_BANDS 5
#define FX_EQ_CHUNK 16
#define FX_EQ_NPAR 5		/* per band: type freq gain q slope */

static const char *const fx_eq_types[] = { "off", "hp", "lp", "lowshelf",
    "highshelf", "peak", NULL };
static const char *const fx_eq_slopes[] = { "12", "24", NULL };

#define FX_EQ_BAND(n, f) \
	{ "b" #n ".type", "band " #n " type", 0, 5, 0, "", false, FX_ENUM, \
	    fx_eq_types }, \
	{ "b" #n ".freq", "band " #n " frequency", 20, 20000, f, "Hz", \
	    true, FX_FLOAT, NULL }, \
	{ "b" #n ".gain", "band " #n " gain", -24, 24, 0, "dB", false, \
	    FX_FLOAT, NULL }, \
	{ "b" #n ".q", "band " #n " Q", 0.1f, 10, 0.707f, "", true, \
	    FX_FLOAT, NULL }, \
	{ "b" #n ".slope", "band " #n " hp/lp slope", 0, 1, 0, "dB/oct", \
	    false, FX_ENUM, fx_eq_slopes }

static const char *const fx_eq_chans[] = { "stereo", "mid", "side", NULL };

/* Mid/side: a band whose bN.ch is mid or side filters only (L+R)/2 or
 * only (L-R)/2 of a stereo signal; the others stay as they were.  (Put
 * after the bands' other parameters so that their order stays.) */
#define FX_EQ_CH(n) \
	{ "b" #n ".ch", "band " #n " channels", 0, 2, 0, "", false, \
	    FX_ENUM, fx_eq_chans }

static const struct fx_param fx_eq_params[] = {
	FX_EQ_BAND(1, 80), FX_EQ_BAND(2, 250), FX_EQ_BAND(3, 1000),
	FX_EQ_BAND(4, 4000), FX_EQ_BAND(5, 12000),
	FX_EQ_CH(1), FX_EQ_CH(2), FX_EQ_CH(3), FX_EQ_CH(4), FX_EQ_CH(5),
};

struct fx_eq_band {
	int type, slope, ch;		/* ch: 0 stereo, 1 mid, 2 side */
	struct fx_smooth oct, gain, q;	/* oct: log2(freq) */
	struct fx_biquad c[2];
	double z[2][2][FX_BQ_STATE];	/* [section][channel][] */
};

/* A band whose type or slope changed fades from its old filter to its
 * new one over FX_EQ_FADE_MS, so the switch does not click. */
#define FX_EQ_FADE_MS 10

struct fx_eq {
	int rate;
	bool fresh;
	float a;			/* smoothing per chunk */
	struct fx_eq_band b[FX_EQ_BANDS];
	struct fx_eq_band old[FX_EQ_BANDS];	/* fading out */
	int fade[FX_EQ_BANDS];		/* frames of the fade left */
	int fade_len;
	int phase;			/* frames into the current chunk:
					   chunks run on across calls, so
					   the output does not depend on
					   how the signal is cut into
					   blocks */
};

static void *
fx_eq_new(int rate)
{
	struct fx_eq *e = calloc(1, sizeof *e);

	if (e == NULL)
		return NULL;
	e->rate = rate;
	e->fresh = true;
	e->a = fx_tau_coef(20.0f, rate / FX_EQ_CHUNK);
	e->fade_len = rate * FX_EQ_FADE_MS / 1000;
	return e;
}

static void
fx_eq_free(void *st)
{
	free(st);
}

static void
fx_eq_design(struct fx_eq *e, struct fx_eq_band *b)
{
	double f = exp2(b->oct.cur), q = b->q.cur;

	if ((b->type == FX_BQ_HP || b->type == FX_BQ_LP) && b->slope == 1) {
		fx_biquad_design(&b->c[0], b->type, e->rate, f, 0,
		    0.5411961 * q / 0.70710678);
		fx_biquad_design(&b->c[1], b->type, e->rate, f, 0,
		    1.3065630 * q / 0.70710678);
		return;
	}
	fx_biquad_design(&b->c[0], b->type, e->rate, f, b->gain.cur, q);
}

static void
fx_eq_update(void *st, const float *val, const struct fx_ctx *c)
{
	struct fx_eq *e = st;
	int i;

	for (i = 0; i < FX_EQ_BANDS; i++) {
		struct fx_eq_band *b = &e->b[i];
		const float *v = val + i * FX_EQ_NPAR;
		int type = (int)v[0], slope = (int)v[4],
		    ch = (int)val[FX_EQ_BANDS * FX_EQ_NPAR + i];

		b->oct.tgt = log2f(v[1]);
		b->gain.tgt = v[2];
		b->q.tgt = v[3];
		if (e->fresh) {
			b->oct.cur = b->oct.tgt;
			b->gain.cur = b->gain.tgt;
			b->q.cur = b->q.tgt;
		}
		if (e->fresh || type != b->type || slope != b->slope ||
		    ch != b->ch) {
			if (!e->fresh) {
				e->old[i] = *b;
				e->fade[i] = e->fade_len;
			}
			/* A band switched on starts from silence, not
			 * from what it held when it was last on. */
			if (b->type == FX_BQ_OFF)
				memset(b->z, 0, sizeof b->z);
			b->type = type;
			b->slope = slope;
			b->ch = ch;
			fx_eq_design(e, b);
		}
	}
	e->fresh = false;
}

static void
fx_eq_reset(void *st)
{
	struct fx_eq *e = st;
	int i;

	for (i = 0; i < FX_EQ_BANDS; i++) {
		memset(e->b[i].z, 0, sizeof e->b[i].z);
		e->fade[i] = 0;
	}
	e->fresh = true;
	e->phase = 0;
}

/* n frames of x through a band's sections (an "off" band passes). */
static void
fx_eq_band_run(struct fx_eq_band *b, float *x, int nch, int n)
{
	int nsec = (b->type == FX_BQ_HP || b->type == FX_BQ_LP) &&
	    b->slope == 1 ? 2 : 1, s, ch, i;

	if (b->type == FX_BQ_OFF)
		return;
	if (b->ch != 0 && nch == 2) {
		/* Into mid and side, the one channel through, back. */
		for (i = 0; i < n; i++) {
			float l = x[2 * i], r = x[2 * i + 1];
			float m = 0.5f * (l + r), sd = 0.5f * (l - r);
			float *y = b->ch == 1 ? &m : &sd;

			for (s = 0; s < nsec; s++)
				*y = fx_biquad_run(&b->c[s], b->z[s][0], *y);
			x[2 * i] = m + sd;
			x[2 * i + 1] = m - sd;
		}
		return;
	}
	if (b->ch == 2)
		return;		/* a mono signal has no side */
	for (s = 0; s < nsec; s++)
		for (ch = 0; ch < nch; ch++) {
			double *z = b->z[s][ch];

			for (i = 0; i < n; i++)
				x[i * nch + ch] = fx_biquad_run(&b->c[s], z,
				    x[i * nch + ch]);
		}
}

/* The old filter's output fading into the new one's, sample by sample:
 * `old` holds the band's input and gets the old filter's output, x
 * holds the new filter's output and gets the mix (n <= FX_EQ_CHUNK). */
static void
fx_eq_fade(struct fx_eq *e, int k, float *old, float *x, int nch, int n)
{
	int i, ch;

	fx_eq_band_run(&e->old[k], old, nch, n);
	for (i = 0; i < n; i++) {
		float w = (float)e->fade[k] / e->fade_len;

		for (ch = 0; ch < nch; ch++)
			x[i * nch + ch] = old[i * nch + ch] + (1.0f - w) *
			    (x[i * nch + ch] - old[i * nch + ch]);
		if (e->fade[k] > 0)
			e->fade[k]--;
	}
}

/* Two sections over n samples x[0], x[stride], ...: each sample
 * through the first, then the second, as fx_eq_band_run does it (the
 * same rounding to float between them), but in one loop with the
 * states in registers, so that the second section's work on a sample
 * overlaps the first's on the next.  c1 NULL: one section. */
static void
fx_eq_pair(const struct fx_biquad *c0, double *z0, const struct fx_biquad *c1,
    double *z1, float *x, int stride, int n)
{
	struct fx_biquad p = *c0, q;
	double u[FX_BQ_STATE], v[FX_BQ_STATE];
	int i;

	memcpy(u, z0, sizeof u);
	if (c1 == NULL) {
		for (i = 0; i < n; i++)
			x[i * stride] = fx_biquad_run(&p, u, x[i * stride]);
		memcpy(z0, u, sizeof u);
		return;
	}
	q = *c1;
	memcpy(v, z1, sizeof v);
	for (i = 0; i < n; i++)
		x[i * stride] = fx_biquad_run(&q, v,
		    fx_biquad_run(&p, u, x[i * stride]));
	memcpy(z0, u, sizeof u);
	memcpy(z1, v, sizeof v);
}

/* A still EQ's sections in order, for the whole-block loops below. */
struct fx_eq_run {
	const struct fx_biquad *c[2 * FX_EQ_BANDS];
	double *z[2 * FX_EQ_BANDS];	/* channel 0's state; channel ch's
					   is FX_BQ_STATE * ch further */
	int ns;
};

/* The sections when nothing moves: no band gliding or fading, no
 * mid/side band on a stereo signal.  False: take the chunked loop. */
static bool
fx_eq_sections(struct fx_eq *e, int nch, struct fx_eq_run *r)
{
	int k, s;

	r->ns = 0;
	for (k = 0; k < FX_EQ_BANDS; k++) {
		struct fx_eq_band *b = &e->b[k];
		int nsec;

		if (e->fade[k] > 0)
			return false;
		if (b->type == FX_BQ_OFF || (b->ch == 2 && nch == 1))
			continue;
		if ((b->ch != 0 && nch == 2) || b->oct.cur != b->oct.tgt ||
		    b->gain.cur != b->gain.tgt || b->q.cur != b->q.tgt)
			return false;
		nsec = (b->type == FX_BQ_HP || b->type == FX_BQ_LP) &&
		    b->slope == 1 ? 2 : 1;
		for (s = 0; s < nsec; s++) {
			r->c[r->ns] = &b->c[s];
			r->z[r->ns++] = &b->z[s][0][0];
		}
	}
	return true;
}

#ifdef __SSE2__
/*
 * Two signals side by side, one in each lane of SSE2 doubles, through
 * nsec (1 or 2) sections each: xa[i * sa] through ca[0] (then ca[1]),
 * xb[i * sb] through cb[0] (then cb[1]).  Each lane does the very
 * operations of fx_biquad_run, rounding to float between sections as
 * fx_eq_pair does, so each signal gets the samples it gets alone; but
 * one instruction does both, and the loop, bound by how many operations
 * a sample takes, does two samples for the price of one.
 */
static inline __attribute__((always_inline)) void
fx_eq_dual(const struct fx_biquad *const *ca, double *const *za, float *xa,
    int sa, const struct fx_biquad *const *cb, double *const *zb, float *xb,
    int sb, int n, int nsec)
{
	__m128d b0[2], b1[2], b2[2], a1[2], a2[2], u0[2], u1[2], x, y;
	__m128 f;
	int i, j;

	for (j = 0; j < nsec; j++) {
		b0[j] = _mm_set_pd(cb[j]->b0, ca[j]->b0);
		b1[j] = _mm_set_pd(cb[j]->b1, ca[j]->b1);
		b2[j] = _mm_set_pd(cb[j]->b2, ca[j]->b2);
		a1[j] = _mm_set_pd(cb[j]->a1, ca[j]->a1);
		a2[j] = _mm_set_pd(cb[j]->a2, ca[j]->a2);
		u0[j] = _mm_set_pd(zb[j][0], za[j][0]);
		u1[j] = _mm_set_pd(zb[j][1], za[j][1]);
	}
	for (i = 0; i < n; i++) {
		x = _mm_set_pd((double)xb[i * sb], (double)xa[i * sa]);
		for (j = 0; j < nsec; j++) {
			y = _mm_add_pd(_mm_mul_pd(b0[j], x), u0[j]);
			u0[j] = _mm_sub_pd(_mm_add_pd(_mm_mul_pd(b1[j], x),
			    u1[j]), _mm_mul_pd(a1[j], y));
			u1[j] = _mm_sub_pd(_mm_mul_pd(b2[j], x),
			    _mm_mul_pd(a2[j], y));
			x = _mm_cvtps_pd(_mm_cvtpd_ps(y));
		}
		f = _mm_cvtpd_ps(x);
		_mm_store_ss(&xa[i * sa], f);
		_mm_store_ss(&xb[i * sb], _mm_shuffle_ps(f, f, 1));
	}
	for (j = 0; j < nsec; j++) {
		_mm_storel_pd(&za[j][0], u0[j]);
		_mm_storeh_pd(&zb[j][0], u0[j]);
		_mm_storel_pd(&za[j][1], u1[j]);
		_mm_storeh_pd(&zb[j][1], u1[j]);
	}
}
#endif

/* Signal a (channel cha of its EQ's state) and signal b (chb) through
 * their sections (as many each), side by side. */
static void
fx_eq_run_dual(const struct fx_eq_run *ra, int cha, float *xa, int sa,
    const struct fx_eq_run *rb, int chb, float *xb, int sb, int n)
{
	int s;

	for (s = 0; s < ra->ns; s += 2) {
		int two = s + 1 < ra->ns;
		const struct fx_biquad *ca[2] = { ra->c[s],
		    two ? ra->c[s + 1] : NULL };
		const struct fx_biquad *cb[2] = { rb->c[s],
		    two ? rb->c[s + 1] : NULL };
		double *za[2] = { ra->z[s] + FX_BQ_STATE * cha,
		    two ? ra->z[s + 1] + FX_BQ_STATE * cha : NULL };
		double *zb[2] = { rb->z[s] + FX_BQ_STATE * chb,
		    two ? rb->z[s + 1] + FX_BQ_STATE * chb : NULL };
#ifdef __SSE2__
		if (two)
			fx_eq_dual(ca, za, xa, sa, cb, zb, xb, sb, n, 2);
		else
			fx_eq_dual(ca, za, xa, sa, cb, zb, xb, sb, n, 1);
#else
		fx_eq_pair(ca[0], za[0], ca[1], za[1], xa, sa, n);
		fx_eq_pair(cb[0], zb[0], cb[1], zb[1], xb, sb, n);
#endif
	}
}

/* The whole block through every band at once when nothing moves.  Each
 * sample meets the same sections in the same order with the same
 * arithmetic as in the chunked loop, so the output is the same to the
 * bit; only the work is ordered better (a stereo signal's two channels
 * side by side).  False: take the chunked loop. */
static bool
fx_eq_still(struct fx_eq *e, float *x, int nch, int frames)
{
	struct fx_eq_run r;
	int s;

	if (!fx_eq_sections(e, nch, &r))
		return false;
	if (nch == 2)
		fx_eq_run_dual(&r, 0, x, 2, &r, 1, x + 1, 2, frames);
	else
		for (s = 0; s < r.ns; s += 2)
			fx_eq_pair(r.c[s], r.z[s], s + 1 < r.ns ? r.c[s + 1] :
			    NULL, s + 1 < r.ns ? r.z[s + 1] : NULL, x, 1,
			    frames);
	e->phase = (e->phase + frames) % FX_EQ_CHUNK;
	return true;
}

/* Denormals out of every state, once per block. */
static void
fx_eq_flush(struct fx_eq *e)
{
	int k, i, ch;

	for (k = 0; k < FX_EQ_BANDS; k++)
		for (i = 0; i < 2; i++)
			for (ch = 0; ch < 2; ch++) {
				fx_biquad_flush(e->b[k].z[i][ch]);
				fx_biquad_flush(e->old[k].z[i][ch]);
			}
}

static void
fx_eq_process(void *st, const float *in, float *out, int nch, int frames)
{
	struct fx_eq *e = st;
	int j, k, n;
	float keep[FX_EQ_CHUNK * 2];

	fx_clean_block(in, out, frames * nch);
	if (fx_eq_still(e, out, nch, frames))
		goto flush;
	for (j = 0; j < frames; j += n) {
		n = FX_EQ_CHUNK - e->phase;
		if (n > frames - j)
			n = frames - j;
		for (k = 0; k < FX_EQ_BANDS; k++) {
			struct fx_eq_band *b = &e->b[k];
			float *x = out + j * nch;
			bool moved = false;

			if (b->type == FX_BQ_OFF && e->fade[k] == 0)
				continue;
			if (e->phase == 0) {
				moved = fx_smooth_step(&b->oct, e->a, 1e-5f);
				moved |= fx_smooth_step(&b->gain, e->a, 1e-4f);
				moved |= fx_smooth_step(&b->q, e->a, 1e-5f);
			}
			if (moved && b->type != FX_BQ_OFF)
				fx_eq_design(e, b);
			if (e->fade[k] > 0) {
				memcpy(keep, x, sizeof(float) * nch * n);
				fx_eq_band_run(b, x, nch, n);
				fx_eq_fade(e, k, keep, x, nch, n);
			} else
				fx_eq_band_run(b, x, nch, n);
		}
		e->phase = (e->phase + n) % FX_EQ_CHUNK;
	}
flush:
	fx_eq_flush(e);
}

/* Two mono EQs over their own signals: side by side when both are still
 * with as many sections (fx_eq_dual), else one after the other. */
static void
fx_eq_process2(void *a, void *b, float *xa, float *xb, int nch, int frames)
{
	struct fx_eq *ea = a, *eb = b;
	struct fx_eq_run ra, rb;

	if (nch != 1 || !fx_eq_sections(ea, 1, &ra) ||
	    !fx_eq_sections(eb, 1, &rb) || ra.ns != rb.ns) {
		fx_eq_process(a, xa, xa, nch, frames);
		fx_eq_process(b, xb, xb, nch, frames);
		return;
	}
	fx_clean_block(xa, xa, frames);
	fx_clean_block(xb, xb, frames);
	fx_eq_run_dual(&ra, 0, xa, 1, &rb, 0, xb, 1, frames);
	ea->phase = (ea->phase + frames) % FX_EQ_CHUNK;
	eb->phase = (eb->phase + frames) % FX_EQ_CHUNK;
	fx_eq_flush(ea);
	fx_eq_flush(eb);
}

double
fx_eq_response_db(const float *val, int rate, double freq)
{
	struct fx_eq e;
	double db = 0;
	int i, s, n;

	memset(&e, 0, sizeof e);
	e.rate = rate;
	for (i = 0; i < FX_EQ_BANDS; i++) {
		struct fx_eq_band *b = &e.b[i];
		const float *v = val + i * FX_EQ_NPAR;

		b->type = (int)v[0];
		b->slope = (int)v[4];
		b->oct.cur = log2f(v[1]);
		b->gain.cur = v[2];
		b->q.cur = v[3];
		if (b->type == FX_BQ_OFF)
			continue;
		fx_eq_design(&e, b);
		n = (b->type == FX_BQ_HP || b->type == FX_BQ_LP) &&
		    b->slope == 1 ? 2 : 1;
		for (s = 0; s < n; s++)
			db += fx_biquad_mag_db(&b->c[s], rate, freq);
	}
	return db;
}

const struct fx_kind fx_eq = {
	.name = "eq",
	.desc = "parametric EQ, five bands",
	.params = fx_eq_params,
	.nparams = sizeof fx_eq_params / sizeof fx_eq_params[0],
	.new = fx_eq_new,
	.free = fx_eq_free,
	.update = fx_eq_update,
	.reset = fx_eq_reset,
	.process = fx_eq_process,
	.process2 = fx_eq_process2,
};
