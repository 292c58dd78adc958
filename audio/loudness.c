/* loudness.c - BS.1770 loudness: libebur128 and a polyphase true peak. */
#include "loudness.h"

#include <ebur128.h>
#include <math.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if defined(__GNUC__) && !defined(__clang__)
/* The upsampler's loops are written to vectorize; -O2 alone may not. */
#pragma GCC optimize("tree-vectorize")
#endif

#define LU_TAPS 16		/* per phase of the upsampler */
#define LU_PHASES 4		/* at most */
#define LU_BLOCK 1024		/* frames the upsampler takes at a time */
#define LU_SUB 64		/* frames it may skip at a time */
#define LU_HISTORY 36000	/* 100 ms steps: an hour */

struct loudness {
	ebur128_state *eb;
	int rate, ch, phases;
	int64_t frames;
	int step, into;		/* 100 ms in frames; frames into the step */
	double mmax, smax;	/* linear-power-free: LUFS, -inf none */
	double m, st;
	/* The energies of the last 30 steps of 100 ms: momentary is the
	 * mean of 4, short-term of 30.  Asking libebur128 for its 3 s
	 * window every 100 ms would sum 3 s of samples each time (most of
	 * an analysis's time); a 100 ms window costs one pass. */
	double e[30];
	int64_t steps;
	/* True peak: coefficients of phases 1.. (phase 0 is the sample). */
	float h[LU_PHASES][LU_TAPS];
	float gain;		/* no phase exceeds this times the input */
	float *buf[2];		/* LU_TAPS - 1 of history, then a block */
	float tp, sp;		/* linear */
	int64_t tpseen;		/* frames the upsampler has taken */
	float *hist;
	int nhist, hhead;
	/* LOUDNESS_THREADS: the helper runs the true peak of (job, njob). */
	bool threaded, quit;
	pthread_t thread;
	sem_t go, done;
	const float *job;
	size_t njob;
};

/* Fractional-delay interpolators at p/phases of a sample, Hann-windowed
 * sinc over LU_TAPS samples, each normalised to unity gain at DC. */
static void
loudness_design(struct loudness *l)
{
	int p, j;

	l->gain = 1.0f;
	for (p = 1; p < l->phases; p++) {
		double sum = 0, abs = 0;

		for (j = 0; j < LU_TAPS; j++) {
			/* buf[n + j] is input n + j - (LU_TAPS/2 - 1): the
			 * point sits between inputs LU_TAPS/2 - 1 and
			 * LU_TAPS/2 of the window. */
			double t = j - (LU_TAPS / 2 - 1) - (double)p /
			    l->phases;
			double w = 0.5 + 0.5 * cos(M_PI * t / (LU_TAPS / 2 +
			    0.5));
			double s = t == 0 ? 1 : sin(M_PI * t) / (M_PI * t);

			l->h[p][j] = (float)(w * s);
			sum += w * s;
		}
		for (j = 0; j < LU_TAPS; j++) {
			l->h[p][j] = (float)(l->h[p][j] / sum);
			abs += fabs(l->h[p][j]);
		}
		if (abs > l->gain)
			l->gain = (float)abs;
	}
}

/* The true peak of n frames of one channel, already after the history
 * in b; skipped when even the worst case could not beat the peak so far
 * (the interpolated points lie between samples LU_TAPS/2 - 1 behind the
 * newest, so the block's last points wait for the next block). */
static float
loudness_tp_channel(struct loudness *l, float *b, int n, int skip, float tp)
{
	float acc[LU_SUB];
	int i, j, p, i0, m;

	/* In short runs: a run whose samples, times the most any
	 * interpolator can gain, stay under the peak so far is skipped
	 * (most of a song, once its loudest moment has been seen). */
	for (i0 = skip; i0 < n; i0 += LU_SUB) {
		float mx = 0;
		const float *w = b + i0;

		m = n - i0 < LU_SUB ? n - i0 : LU_SUB;
		for (i = 0; i < m + LU_TAPS - 1; i++) {
			float a = fabsf(w[i]);

			mx = a > mx ? a : mx;
		}
		if (mx * l->gain <= tp)
			continue;
		for (p = 1; p < l->phases; p++) {
			const float *h = l->h[p];

			for (i = 0; i < m; i++)
				acc[i] = 0;
			for (j = 0; j < LU_TAPS; j++)
				for (i = 0; i < m; i++)
					acc[i] += h[j] * w[i + j];
			for (i = 0; i < m; i++) {
				float a = fabsf(acc[i]);

				tp = a > tp ? a : tp;
			}
		}
	}
	return tp;
}

static void
loudness_tp(struct loudness *l, const float *x, size_t frames)
{
	int ch, i, n;
	float tp = l->tp, sp = l->sp;

	while (frames > 0) {
		/* Points whose window reaches before the first frame are
		 * not measured: the signal did not start with a step from
		 * silence (that step's ringing is not in the audio). */
		int skip = l->tpseen < LU_TAPS - 1 ? LU_TAPS - 1 -
		    (int)l->tpseen : 0;

		n = frames < LU_BLOCK ? (int)frames : LU_BLOCK;
		skip = skip < n ? skip : n;
		for (ch = 0; ch < l->ch; ch++) {
			float *b = l->buf[ch], *d = b + LU_TAPS - 1;

			for (i = 0; i < n; i++) {
				float v = x[i * l->ch + ch], a = fabsf(v);

				d[i] = v;
				sp = a > sp ? a : sp;
			}
			if (l->phases > 1)
				tp = loudness_tp_channel(l, b, n, skip, tp);
			memmove(b, b + n, sizeof(float) * (LU_TAPS - 1));
		}
		x += (size_t)n * l->ch;
		frames -= (size_t)n;
		l->tpseen += n;
	}
	l->sp = sp;
	l->tp = tp > sp ? tp : sp;
}

static void *
loudness_thread(void *arg)
{
	struct loudness *l = arg;

	for (;;) {
		while (sem_wait(&l->go) != 0)
			;
		if (l->quit)
			return NULL;
		loudness_tp(l, l->job, l->njob);
		sem_post(&l->done);
	}
}

struct loudness *
loudness_new(int rate, int channels, unsigned flags)
{
	struct loudness *l;
	int ch;

	if (rate < 8000 || rate > 384000 || channels < 1 || channels > 2)
		return NULL;
	l = calloc(1, sizeof *l);
	if (l == NULL)
		return NULL;
	l->rate = rate;
	l->ch = channels;
	l->phases = rate < 96000 ? 4 : rate < 192000 ? 2 : 1;
	l->step = rate / 10;
	l->eb = ebur128_init((unsigned)channels, (unsigned long)rate,
	    EBUR128_MODE_M | EBUR128_MODE_S | EBUR128_MODE_I |
	    EBUR128_MODE_LRA);
	for (ch = 0; ch < channels; ch++)
		l->buf[ch] = calloc(LU_BLOCK + LU_TAPS, sizeof(float));
	if (flags & LOUDNESS_HISTORY)
		l->hist = calloc(LU_HISTORY, sizeof(float));
	if (l->eb == NULL || l->buf[0] == NULL || (channels == 2 &&
	    l->buf[1] == NULL) || ((flags & LOUDNESS_HISTORY) &&
	    l->hist == NULL))
		goto fail;
	loudness_design(l);
	loudness_reset(l);
	if (flags & LOUDNESS_THREADS) {
		sem_init(&l->go, 0, 0);
		sem_init(&l->done, 0, 0);
		if (pthread_create(&l->thread, NULL, loudness_thread, l) == 0)
			l->threaded = true;
		else {
			sem_destroy(&l->go);
			sem_destroy(&l->done);
		}
	}
	return l;
fail:
	loudness_free(l);
	return NULL;
}

void
loudness_free(struct loudness *l)
{
	if (l == NULL)
		return;
	if (l->threaded) {
		l->quit = true;
		sem_post(&l->go);
		pthread_join(l->thread, NULL);
		sem_destroy(&l->go);
		sem_destroy(&l->done);
	}
	if (l->eb != NULL)
		ebur128_destroy(&l->eb);
	free(l->buf[0]);
	free(l->buf[1]);
	free(l->hist);
	free(l);
}

void
loudness_reset(struct loudness *l)
{
	int ch;

	/* libebur128 has no reset: a new state of the same shape. */
	if (l->frames > 0) {
		ebur128_state *eb = ebur128_init((unsigned)l->ch,
		    (unsigned long)l->rate, EBUR128_MODE_M | EBUR128_MODE_S |
		    EBUR128_MODE_I | EBUR128_MODE_LRA);

		if (eb != NULL) {
			ebur128_destroy(&l->eb);
			l->eb = eb;
		}
	}
	for (ch = 0; ch < l->ch; ch++)
		memset(l->buf[ch], 0, sizeof(float) * (LU_BLOCK + LU_TAPS));
	l->frames = 0;
	l->into = 0;
	l->mmax = l->smax = l->m = l->st = LOUDNESS_NONE;
	l->tp = l->sp = 0;
	l->tpseen = 0;
	l->steps = 0;
	l->nhist = l->hhead = 0;
}

/* The mean of the last n steps' energies as LUFS; LOUDNESS_NONE before
 * n steps or for silence. */
static double
loudness_window(struct loudness *l, int n)
{
	double sum = 0;
	int i;

	if (l->steps < n)
		return LOUDNESS_NONE;
	for (i = 0; i < n; i++)
		sum += l->e[(l->steps - 1 - i) % 30];
	return sum > 0 ? 10 * log10(sum / n) - 0.691 : LOUDNESS_NONE;
}

/* A step of 100 ms is complete: its energy, and the windows ending
 * with it. */
static void
loudness_step(struct loudness *l)
{
	double v;

	if (ebur128_loudness_window(l->eb, 100, &v) != EBUR128_SUCCESS ||
	    !isfinite(v))
		v = LOUDNESS_NONE;
	l->e[l->steps % 30] = isfinite(v) ? pow(10, (v + 0.691) / 10) : 0;
	l->steps++;
	l->m = loudness_window(l, 4);
	l->st = loudness_window(l, 30);
}

int
loudness_add(struct loudness *l, const float *x, size_t frames)
{
	int rc = 0;

	if (l->threaded) {
		l->job = x;
		l->njob = frames;
		sem_post(&l->go);
	} else
		loudness_tp(l, x, frames);
	while (frames > 0) {
		size_t n = (size_t)(l->step - l->into);

		n = n < frames ? n : frames;
		if (ebur128_add_frames_float(l->eb, x, n) != EBUR128_SUCCESS)
			rc = -1;
		l->frames += (int64_t)n;
		l->into += (int)n;
		x += n * (size_t)l->ch;
		frames -= n;
		if (l->into < l->step)
			continue;
		l->into = 0;
		loudness_step(l);
		if (l->m > l->mmax)
			l->mmax = l->m;
		if (l->st > l->smax)
			l->smax = l->st;
		if (l->hist != NULL) {
			l->hist[l->hhead] = (float)l->st;
			l->hhead = (l->hhead + 1) % LU_HISTORY;
			if (l->nhist < LU_HISTORY)
				l->nhist++;
		}
	}
	if (l->threaded)
		while (sem_wait(&l->done) != 0)
			;
	return rc;
}

static double
loudness_db(float lin)
{
	return lin > 0 ? 20.0 * log10(lin) : LOUDNESS_NONE;
}

void
loudness_get(struct loudness *l, struct loudness_figures *f)
{
	double v;

	memset(f, 0, sizeof *f);
	f->integrated = ebur128_loudness_global(l->eb, &v) ==
	    EBUR128_SUCCESS && isfinite(v) ? v : LOUDNESS_NONE;
	/* A range needs gated short-term blocks: none for silence. */
	f->range = f->integrated != LOUDNESS_NONE &&
	    ebur128_loudness_range(l->eb, &v) == EBUR128_SUCCESS &&
	    isfinite(v) ? v : LOUDNESS_NONE;
	f->true_peak = loudness_db(l->tp);
	f->sample_peak = loudness_db(l->sp);
	f->momentary_max = l->mmax;
	f->short_term_max = l->smax;
	f->momentary = l->m;
	f->short_term = l->st;
	f->frames = l->frames;
	f->rate = l->rate;
}

int
loudness_history(const struct loudness *l, float *dst, int n)
{
	int i, k = n < l->nhist ? n : l->nhist;

	for (i = 0; i < k; i++)
		dst[i] = l->hist[(l->hhead - k + i + LU_HISTORY) % LU_HISTORY];
	return k;
}

void
loudness_format(double v, char *buf, size_t len)
{
	if (!isfinite(v))
		snprintf(buf, len, "-inf");
	else
		snprintf(buf, len, "%.1f", fabs(v) < 0.05 ? 0.0 : v);
}
