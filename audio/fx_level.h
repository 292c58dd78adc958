/* fx_level.h - the level detector the dynamics processors share.
 *
 * Peak: the largest |x| over the last 15..20 ms (four 5 ms sub-windows
 * and the current one), so a sine's level is its crest from 50 Hz up and
 * a rise is seen at once.  RMS: the mean square over the same window.
 * Either way a level reads in dBFS of the detected signal, as a meter
 * would show it.
 */
#ifndef REEL_FX_LEVEL_H
#define REEL_FX_LEVEL_H

#include <math.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#define FX_LEVEL_SUBS 4

struct fx_level {
	int sublen, count, idx;
	float cur, sub[FX_LEVEL_SUBS];
	float done;		/* the finished sub-windows: their largest
				   (peak) or their sum (rms), kept as a
				   sub-window finishes, not every frame */
};

static inline void
fx_level_init(struct fx_level *l, int rate, float window_ms)
{
	l->sublen = (int)(rate * window_ms / 1000.0f / FX_LEVEL_SUBS);
	if (l->sublen < 1)
		l->sublen = 1;
	l->count = l->idx = 0;
	l->cur = 0;
	l->done = 0;
	for (int i = 0; i < FX_LEVEL_SUBS; i++)
		l->sub[i] = 0;
}

/* The finished sub-windows summed up again for the detector `rms` says
 * (when it changes). */
static inline void
fx_level_mode(struct fx_level *l, bool rms)
{
	float acc = 0;
	int i;

	for (i = 0; i < FX_LEVEL_SUBS; i++)
		if (rms)
			acc += l->sub[i];
		else if (l->sub[i] > acc)
			acc = l->sub[i];
	l->done = acc;
}

/* The largest of p and v[0..n) (a NaN is passed over, as by the
 * compare), four at a time: one
 * running maximum would wait on each compare in turn. */
static inline float
fx_level_max(const float *v, int n, float p)
{
	int i = 0;
#ifdef __SSE2__
	if (n >= 8) {
		__m128 a = _mm_set1_ps(p), b = a;

		for (; i + 8 <= n; i += 8) {
			a = _mm_max_ps(_mm_loadu_ps(v + i), a);
			b = _mm_max_ps(_mm_loadu_ps(v + i + 4), b);
		}
		a = _mm_max_ps(a, b);
		a = _mm_max_ps(a, _mm_movehl_ps(a, a));
		a = _mm_max_ss(a, _mm_shuffle_ps(a, a, 1));
		p = _mm_cvtss_f32(a);
	}
#endif
	for (; i < n; i++)
		p = v[i] > p ? v[i] : p;
	return p;
}

/* The current sub-window is finished: it joins the last ones. */
static inline void
fx_level_turn(struct fx_level *l, bool rms)
{
	l->sub[l->idx] = l->cur;
	l->idx = (l->idx + 1) % FX_LEVEL_SUBS;
	l->cur = 0;
	l->count = 0;
	fx_level_mode(l, rms);
}

/* The level now, linear. */
static inline float
fx_level_value(const struct fx_level *l, bool rms)
{
	if (rms)
		return sqrtf((l->done + l->cur) /
		    (float)(FX_LEVEL_SUBS * l->sublen + l->count));
	return l->cur > l->done ? l->cur : l->done;
}

/* v: |x| (peak) or x*x (rms) of this frame; returns the level, linear.
 * The same sums in the same order as adding the sub-windows each frame,
 * so the level is the same to the bit. */
static inline float
fx_level_run(struct fx_level *l, float v, bool rms)
{
	if (rms)
		l->cur += v;
	else if (v > l->cur)
		l->cur = v;
	if (++l->count == l->sublen)
		fx_level_turn(l, rms);
	return fx_level_value(l, rms);
}

/* fx_level_run over n values, for a detector read only now and then
 * (fx_level_value): the same sums in the same order. */
static inline void
fx_level_block(struct fx_level *l, const float *v, int n, bool rms)
{
	int i, m;

	while (n > 0) {
		m = l->sublen - l->count < n ? l->sublen - l->count : n;
		if (rms)
			for (i = 0; i < m; i++)
				l->cur += v[i];
		else
			l->cur = fx_level_max(v, m, l->cur);
		l->count += m;
		v += m;
		n -= m;
		if (l->count == l->sublen)
			fx_level_turn(l, rms);
	}
}

#endif
