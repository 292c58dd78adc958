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
	if (++l->count == l->sublen) {
		l->sub[l->idx] = l->cur;
		l->idx = (l->idx + 1) % FX_LEVEL_SUBS;
		l->cur = 0;
		l->count = 0;
		fx_level_mode(l, rms);
	}
	if (rms)
		return sqrtf((l->done + l->cur) /
		    (float)(FX_LEVEL_SUBS * l->sublen + l->count));
	return l->cur > l->done ? l->cur : l->done;
}

#endif
