/* loudness.h - loudness to ITU-R BS.1770-4 / EBU R128 (Tech 3341, 3342).
 *
 * An opaque state fed interleaved float frames; its figures at any time.
 * libebur128 does the K-weighting, the gating (integrated), the loudness
 * range and the momentary (400 ms) and short-term (3 s) windows; the true
 * peak is our own polyphase upsampler (4x below 96 kHz, 2x below 192 kHz),
 * which skips blocks that cannot raise the peak found so far, and the
 * sample peak is a plain maximum.  The maxima of momentary and short-term
 * loudness are taken every 100 ms of audio, as a meter updating at 10 Hz
 * (and ffmpeg's ebur128 filter) shows them.
 *
 * One thread uses a state at a time; none of these functions is for the
 * engine thread (they may allocate: feed them from a ring).  With
 * LOUDNESS_THREADS the state runs the true peak on a helper thread of
 * its own while loudness_add runs the rest: offline analysis on 2 cores.
 */
#ifndef REEL_LOUDNESS_H
#define REEL_LOUDNESS_H

#include <math.h>
#include <stddef.h>
#include <stdint.h>

/* A figure with no signal behind it (silence, too short to gate). */
#define LOUDNESS_NONE (-HUGE_VAL)

enum loudness_flags {
	LOUDNESS_THREADS = 1,	/* true peak on a thread of its own */
	LOUDNESS_HISTORY = 2	/* keep short-term every 100 ms */
};

/* What a measurement found.  Levels in dB (LUFS, dBTP, dBFS), range in
 * LU; LOUDNESS_NONE where there was no signal. */
struct loudness_figures {
	double integrated, range, true_peak, sample_peak;
	double momentary_max, short_term_max;
	double momentary, short_term;	/* the latest windows */
	int64_t frames;			/* frames measured */
	int rate;
};

struct loudness;

/* rate 8000..384000, channels 1 or 2 (stereo: left, right).  NULL when
 * out of memory or the arguments are out of range. */
struct loudness *loudness_new(int rate, int channels, unsigned flags);
void loudness_free(struct loudness *l);
/* Forget everything measured. */
void loudness_reset(struct loudness *l);
/* Measures `frames` interleaved frames.  0, or -1 when libebur128 failed
 * (out of memory). */
int loudness_add(struct loudness *l, const float *x, size_t frames);
void loudness_get(struct loudness *l, struct loudness_figures *f);
/* LOUDNESS_HISTORY: the short-term loudness every 100 ms, oldest first;
 * copies the last n at most into dst and returns how many it copied. */
int loudness_history(const struct loudness *l, float *dst, int n);
/* "-23.0" or "-inf": one decimal, as reports print figures. */
void loudness_format(double v, char *buf, size_t len);

#endif
