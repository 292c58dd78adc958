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

#define FX_LEVEL_SUBS 4

struct fx_level {
	int sublen, count, idx;
	float cur, sub[FX_LEVEL_SUBS];
};

static inline void
fx_level_init(struct fx_level *l, int rate, float window_ms)
{
	l->sublen = (int)(rate * window_ms / 1000.0f / FX_LEVEL_SUBS);
	if (l->sublen < 1)
		l->sublen = 1;
	l->count = l->idx = 0;
	l->cur = 0;
	for (int i = 0; i < FX_LEVEL_SUBS; i++)
		l->sub[i] = 0;
}

/* v: |x| (peak) or x*x (rms) of this frame; returns the level, linear. */
static inline float
fx_level_run(struct fx_level *l, float v, bool rms)
{
	float acc = 0;
	int i;

	if (rms)
		l->cur += v;
	else if (v > l->cur)
		l->cur = v;
	if (++l->count == l->sublen) {
		l->sub[l->idx] = l->cur;
		l->idx = (l->idx + 1) % FX_LEVEL_SUBS;
		l->cur = 0;
		l->count = 0;
	}
	if (rms) {
		for (i = 0; i < FX_LEVEL_SUBS; i++)
			acc += l->sub[i];
		return sqrtf((acc + l->cur) /
		    (float)(FX_LEVEL_SUBS * l->sublen + l->count));
	}
	acc = l->cur;
	for (i = 0; i < FX_LEVEL_SUBS; i++)
		if (l->sub[i] > acc)
			acc = l->sub[i];
	return acc;
}

#endif
