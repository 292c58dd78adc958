/* demo_synth.c - the demo song's instruments (see demo_synth.h). */
#include "demo_synth.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define DEMO_SIN_BITS 12
#define DEMO_SIN_N (1 << DEMO_SIN_BITS)
#define DEMO_KS_MAX 8192	/* longest string: 8192 frames a period */

static float demo_sin_tab[DEMO_SIN_N + 1];

void
demo_synth_init(void)
{
	int i;

	for (i = 0; i <= DEMO_SIN_N; i++)
		demo_sin_tab[i] = (float)sin(2 * M_PI * i / DEMO_SIN_N);
}

/* sin(2 pi t) for a phase t in [0, 1), interpolated from the table. */
static inline float
demo_sin(double t)
{
	double x = t * DEMO_SIN_N;
	int i = (int)x;
	float f = (float)(x - i);

	i &= DEMO_SIN_N - 1;
	return demo_sin_tab[i] + f * (demo_sin_tab[i + 1] - demo_sin_tab[i]);
}

double
demo_synth_hz(double note)
{
	return 440.0 * pow(2.0, (note - 69.0) / 12.0);
}

/* Uniform noise in [-1, 1) (xorshift32). */
static inline float
demo_noise(uint32_t *s)
{
	uint32_t x = *s;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	*s = x;
	return (float)((double)x / 2147483648.0 - 1.0);
}

/* Per-sample factor of an exponential decay with time constant tau_s. */
static float
demo_decay(int rate, double tau_s)
{
	return (float)exp(-1.0 / (tau_s * rate));
}

/* Adds v at frame i, placed by the gains of a pan. */
static inline void
demo_put(struct demo_buf *b, int64_t i, float v, float gl, float gr)
{
	if (i < 0 || i >= b->frames)
		return;
	if (b->ch == 1)
		b->x[i] += v;
	else {
		b->x[2 * i] += v * gl;
		b->x[2 * i + 1] += v * gr;
	}
}

static void
demo_pan(float pan, float *gl, float *gr)
{
	/* Constant power: cos and sin of a quarter turn. */
	double t = (pan + 1.0) / 8.0;

	*gl = demo_sin(t + 0.25);
	*gr = demo_sin(t);
}

/* The end of a note: a short fade so nothing clicks. */
static inline float
demo_release(int64_t i, int64_t len, int64_t rel)
{
	return i < len - rel ? 1.0f : (float)(len - i) / (float)rel;
}

/* A band-limited saw: 2t - 1 less the step's polynomial residue. */
static inline float
demo_saw(double t, double dt)
{
	double v = 2 * t - 1;

	if (t < dt) {
		t /= dt;
		v -= t + t - t * t - 1;
	} else if (t > 1 - dt) {
		t = (t - 1) / dt;
		v -= t * t + t + t + 1;
	}
	return (float)v;
}

/* A Chamberlin state-variable low-pass, one sample. */
struct demo_svf {
	float low, band;
};

static inline float
demo_svf_low(struct demo_svf *f, float in, float fc, float q)
{
	float high = in - f->low - q * f->band;

	f->band += fc * high;
	f->low += fc * f->band;
	return f->low;
}

/* The SVF coefficient of a cutoff, kept stable below rate / 6. */
static float
demo_svf_fc(double hz, int rate)
{
	if (hz > rate / 6.0)
		hz = rate / 6.0;
	return (float)(2 * demo_sin(hz / rate / 2));
}

void
demo_synth_kick(struct demo_buf *b, int64_t at, float gain)
{
	int64_t i, len = (int64_t)(0.45 * b->rate);
	float amp = gain, ka = demo_decay(b->rate, 0.16);
	float sweep = 1.0f, ks = demo_decay(b->rate, 0.035);
	double t = 0;

	for (i = 0; i < len; i++) {
		double hz = 46.0 + 110.0 * sweep;

		demo_put(b, at + i, amp * demo_sin(t) * demo_release(i, len,
		    len / 4), 0.7071f, 0.7071f);
		t += hz / b->rate;
		t -= floor(t);
		amp *= ka;
		sweep *= ks;
	}
}

void
demo_synth_snare(struct demo_buf *b, int64_t at, float gain, float pan,
    uint32_t *seed)
{
	int64_t i, len = (int64_t)(0.25 * b->rate);
	float an = gain, kn = demo_decay(b->rate, 0.055);
	float at_ = gain * 0.8f, kt = demo_decay(b->rate, 0.04);
	float last = 0, gl, gr;
	double t = 0;

	demo_pan(pan, &gl, &gr);
	for (i = 0; i < len; i++) {
		float n = demo_noise(seed), hp = n - 0.6f * last;

		last = n;
		demo_put(b, at + i, (an * 0.55f * hp + at_ * demo_sin(t)) *
		    demo_release(i, len, len / 4), gl, gr);
		t += 185.0 / b->rate;
		t -= floor(t);
		an *= kn;
		at_ *= kt;
	}
}

void
demo_synth_hat(struct demo_buf *b, int64_t at, float gain, float pan,
    double decay_s, uint32_t *seed)
{
	int64_t i, len = (int64_t)(decay_s * 5 * b->rate);
	float a = gain, k = demo_decay(b->rate, decay_s), last = 0, last2 = 0;
	float gl, gr;

	demo_pan(pan, &gl, &gr);
	for (i = 0; i < len; i++) {
		float n = demo_noise(seed);
		/* Second difference: little left below a few kHz. */
		float hp = n - 2 * last + last2;

		last2 = last;
		last = n;
		demo_put(b, at + i, a * 0.25f * hp * demo_release(i, len,
		    len / 3), gl, gr);
		a *= k;
	}
}

void
demo_synth_pluck(struct demo_buf *b, int64_t at, int64_t len, double note,
    float gain, float pan, uint32_t *seed)
{
	static float d[DEMO_KS_MAX];
	int n = (int)lround(b->rate / demo_synth_hz(note) - 0.5), p = 0, j;
	int64_t i, rel = b->rate / 100;
	float gl, gr, prev = 0;

	/* n is the period less half a frame: the averaging filter below
	 * adds that half to the loop. */
	if (n < 2 || n >= DEMO_KS_MAX)
		return;
	demo_pan(pan, &gl, &gr);
	/* The pick: a burst of noise, softened once. */
	for (j = 0; j < n; j++) {
		float v = demo_noise(seed);

		d[j] = 0.5f * (v + prev);
		prev = v;
	}
	if (len < 2 * rel)
		len = 2 * rel;
	for (i = 0; i < len; i++) {
		float y = d[p], next = d[p + 1 < n ? p + 1 : 0];

		/* The string's loss: an average, a little under one. */
		d[p] = 0.4985f * (y + next);
		p = p + 1 < n ? p + 1 : 0;
		demo_put(b, at + i, gain * y * demo_release(i, len, rel), gl,
		    gr);
	}
}

void
demo_synth_bass(struct demo_buf *b, int64_t at, int64_t len, double note,
    float gain)
{
	double hz = demo_synth_hz(note), dt = hz / b->rate, t = 0;
	struct demo_svf f = { 0, 0 };
	int64_t i, rel = b->rate / 50;
	float env = 1.0f, ke = demo_decay(b->rate, 0.09);
	float amp = 1.0f, ka = demo_decay(b->rate, 1.2), fc = 0;

	for (i = 0; i < len; i++) {
		/* The filter opens on the attack and closes. */
		if ((i & 31) == 0)
			fc = demo_svf_fc(180 + 1400 * env, b->rate);
		demo_put(b, at + i, gain * amp * demo_release(i, len, rel) *
		    demo_svf_low(&f, demo_saw(t, dt), fc, 0.9f), 0.7071f,
		    0.7071f);
		t += dt;
		t -= floor(t);
		env *= ke;
		amp *= ka;
	}
}

void
demo_synth_pad(struct demo_buf *b, int64_t at, int64_t len, double note,
    float gain)
{
	double hz = demo_synth_hz(note), tl = 0, tr = 0.37;
	double dl = hz * 0.9977 / b->rate, dr = hz * 1.0023 / b->rate;
	struct demo_svf fl = { 0, 0 }, fr = { 0, 0 };
	int64_t i, att = b->rate * 2 / 5, rel = b->rate * 2 / 5;
	float fc = demo_svf_fc(1100, b->rate);

	for (i = 0; i < len; i++) {
		float e = i < att ? (float)i / att : 1.0f;
		float l, r;

		e *= demo_release(i, len, rel);
		l = demo_svf_low(&fl, demo_saw(tl, dl), fc, 1.2f);
		r = demo_svf_low(&fr, demo_saw(tr, dr), fc, 1.2f);
		if (b->ch == 2 && at + i >= 0 && at + i < b->frames) {
			b->x[2 * (at + i)] += gain * e * l;
			b->x[2 * (at + i) + 1] += gain * e * r;
		} else
			demo_put(b, at + i, gain * e * 0.5f * (l + r), 1, 1);
		tl += dl;
		tl -= floor(tl);
		tr += dr;
		tr -= floor(tr);
	}
}

void
demo_synth_lead(struct demo_buf *b, int64_t at, int64_t len, double note,
    float gain, float vibrato)
{
	double hz = demo_synth_hz(note), t = 0, tv = 0;
	struct demo_svf f = { 0, 0 };
	int64_t i, att = b->rate / 80, rel = b->rate / 25;
	int64_t vdel = b->rate / 4;
	float env = 1.0f, ke = demo_decay(b->rate, 0.25), fc = 0;

	for (i = 0; i < len; i++) {
		/* Vibrato fades in after a quarter second, as a singer's. */
		float depth = i < vdel ? 0.0f : vibrato * (i - vdel < vdel ?
		    (float)(i - vdel) / vdel : 1.0f);
		double dt = hz * (1.0 + 0.006 * depth * demo_sin(tv)) / b->rate;
		float e = (i < att ? (float)i / att : 1.0f) *
		    demo_release(i, len, rel);

		if ((i & 31) == 0)
			fc = demo_svf_fc(900 + 2600 * env, b->rate);
		demo_put(b, at + i, gain * e * demo_svf_low(&f, demo_saw(t,
		    dt), fc, 0.7f), 0.7071f, 0.7071f);
		t += dt;
		t -= floor(t);
		tv += 5.5 / b->rate;
		tv -= floor(tv);
		env *= ke;
	}
}

void
demo_synth_soft(struct demo_buf *b, int64_t at, int64_t len, double note,
    float gain, float pan)
{
	double hz = demo_synth_hz(note), t = 0;
	int64_t i, att = b->rate / 20, rel = b->rate / 15;
	float gl, gr;

	demo_pan(pan, &gl, &gr);
	for (i = 0; i < len; i++) {
		float e = (i < att ? (float)i / att : 1.0f) *
		    demo_release(i, len, rel);
		double t2 = 2 * t, t3 = 3 * t;

		demo_put(b, at + i, gain * e * (demo_sin(t) + 0.22f *
		    demo_sin(t2 - floor(t2)) + 0.08f * demo_sin(t3 -
		    floor(t3))), gl, gr);
		t += hz / b->rate;
		t -= floor(t);
	}
}

void
demo_synth_echo(struct demo_buf *b, int64_t delay, float fb, float wet)
{
	int64_t i, n = b->frames * b->ch, d = delay * b->ch;
	float *e;

	if (d <= 0 || d >= n || (e = calloc((size_t)n, sizeof *e)) == NULL)
		return;
	/* e is the echo line alone: what came in a delay ago, plus its own
	 * repeats. */
	for (i = d; i < n; i++)
		e[i] = b->x[i - d] + fb * e[i - d];
	for (i = 0; i < n; i++)
		b->x[i] += wet * e[i];
	free(e);
}
