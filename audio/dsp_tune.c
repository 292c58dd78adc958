/* dsp_tune.c - correction curve, and Rubber Band real-time with a pitch
 * scale per hop. */
#include "dsp_tune.h"

#include <math.h>
#include <rubberband/rubberband-c.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define DSP_TUNE_GAP_MS 20.0
#define DSP_TUNE_HYST 0.15	/* semitones */
#define DSP_TUNE_QUIET 0.05	/* cents: the input passes unchanged */

/* The allowed note nearest to m (a MIDI pitch), or the forced note. */
static int
dsp_tune_target(const struct dsp_tune_params *par, double m)
{
	int base = (int)lround(m), best = -1, d;

	if (par->note >= 0)
		return par->note;
	for (d = 0; d <= 12; d++) {
		int up = base + d, dn = base - d;

		if (dn >= 0 && (par->mask >> (dn % 12) & 1) &&
		    (best < 0 || fabs(dn - m) < fabs(best - m)))
			best = dn;
		if ((par->mask >> (up % 12) & 1) &&
		    (best < 0 || fabs(up - m) < fabs(best - m)))
			best = up;
		if (best >= 0 && d >= 1)
			break;
	}
	return best < 0 ? base : best;
}

static int
dsp_tune_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

void
dsp_tune_curve(const struct dsp_pitch_frame *fr, int64_t nf, int hop,
    int rate, const struct dsp_tune_params *par, float *cents)
{
	double hop_ms = 1000.0 * hop / rate, c = 0, age = 0;
	int gap = (int)(DSP_TUNE_GAP_MS / hop_ms + 0.5), prev = -1;
	double *m = malloc((nf > 0 ? nf : 1) * sizeof *m);
	bool *v = malloc((nf > 0 ? nf : 1) * sizeof *v);
	int64_t k, j, run;

	if (m == NULL || v == NULL) {
		/* No memory for the analysis: no correction. */
		for (k = 0; k < nf; k++)
			cents[k] = 0;
		free(m);
		free(v);
		return;
	}
	for (k = 0; k < nf; k++) {
		v[k] = fr[k].voiced;
		m[k] = v[k] ? dsp_pitch_midi(fr[k].hz) : 0;
	}
	/* Voiced blips shorter than a gap are ignored; then unvoiced gaps
	 * as short between voiced frames are bridged with the pitch
	 * before them. */
	for (k = 0; k < nf; k = j) {
		for (j = k; j < nf && v[j] == v[k]; j++)
			;
		run = j - k;
		if (v[k] && run < gap)
			for (; k < j; k++)
				v[k] = false;
	}
	for (k = 0; k < nf; k = j) {
		for (j = k; j < nf && v[j] == v[k]; j++)
			;
		run = j - k;
		if (!v[k] && run <= gap && k > 0 && j < nf)
			for (; k < j; k++) {
				v[k] = true;
				m[k] = m[k - 1];
			}
	}
	/* Median of 5 over the voiced neighbours: octave slips vanish. */
	{
		double *med = malloc((nf > 0 ? nf : 1) * sizeof *med), w[5];
		int nw;

		if (med != NULL) {
			for (k = 0; k < nf; k++) {
				med[k] = m[k];
				if (!v[k])
					continue;
				nw = 0;
				for (j = k - 2; j <= k + 2; j++)
					if (j >= 0 && j < nf && v[j])
						w[nw++] = m[j];
				qsort(w, nw, sizeof w[0], dsp_tune_cmp);
				med[k] = w[nw / 2];
			}
			memcpy(m, med, nf * sizeof *m);
			free(med);
		}
	}
	for (k = 0; k < nf; k++) {
		double raw, tau, alpha;
		int t;

		if (!v[k]) {
			prev = -1;
			c = 0;
			cents[k] = 0;
			continue;
		}
		t = dsp_tune_target(par, m[k]);
		if (prev >= 0 && t != prev && par->note < 0 &&
		    (par->mask >> (prev % 12) & 1) &&
		    fabs(m[k] - prev) < fabs(m[k] - t) + DSP_TUNE_HYST)
			t = prev;
		age = t == prev ? age + hop_ms : 0;
		prev = t;
		raw = (t - m[k]) * 100.0 * par->strength;
		tau = par->speed_ms;
		if (par->humanize_ms > 0 && age > par->humanize_ms)
			tau += par->humanize_ms;
		alpha = tau <= 0 ? 1.0 : 1.0 - exp(-hop_ms / tau);
		c += alpha * (raw - c);
		cents[k] = (float)c;
	}
	free(m);
	free(v);
}

/* Feeds m frames of in[] (per channel) and keeps what comes out: the
 * first *skip frames are dropped, then up to n are stored in out. */
static void
dsp_tune_feed(RubberBandState rb, float **in, int m, int channels,
    float **got, int gotmax, int64_t *skip, float *out, int64_t n,
    int64_t *done)
{
	int av, c;

	rubberband_process(rb, (const float *const *)in, (unsigned)m, 0);
	while ((av = rubberband_available(rb)) > 0) {
		unsigned k = rubberband_retrieve(rb, got, av < gotmax ?
		    (unsigned)av : (unsigned)gotmax), i = 0;

		for (; i < k && *skip > 0; i++)
			(*skip)--;
		for (; i < k && *done < n; i++, (*done)++)
			for (c = 0; c < channels; c++)
				out[*done * channels + c] = got[c][i];
	}
}

/* Runs the stretcher over x[s0, e0) and writes the aligned result into
 * y[s0, e0).  0, or -1 when cancelled. */
static int
dsp_tune_span(RubberBandState rb, const float *x, int64_t n, int channels,
    const float *cents, int64_t nf, int hop, int64_t s0, int64_t e0,
    float **in, float **got, int gotmax, float *y,
    int (*progress)(void *, double), void *arg)
{
	int64_t pad, skip, done = 0, at, f, lag, limit, len = e0 - s0;
	double set = 1e9;
	int c, i;

	rubberband_reset(rb);
	rubberband_set_pitch_scale(rb, 1.0);
	pad = rubberband_get_preferred_start_pad(rb);
	skip = rubberband_get_start_delay(rb);
	/* The stretcher works on what it was given about `lag` frames
	 * earlier: a scale set now shapes the output of then. */
	lag = skip + skip / 2;
	for (c = 0; c < channels; c++)
		memset(in[c], 0, hop * sizeof *in[c]);
	while (pad > 0) {
		int m = pad < hop ? (int)pad : hop;

		dsp_tune_feed(rb, in, m, channels, got, gotmax, &skip,
		    y + s0 * channels, len, &done);
		pad -= m;
	}
	for (at = s0; at < e0; at += hop) {
		int m = e0 - at < hop ? (int)(e0 - at) : hop;
		double want;

		f = (at - lag) / hop;
		want = f >= 0 && f < nf ? cents[f] : 0;
		/* A new scale costs the stretcher a resampling filter (half
		 * its time when set every hop): a change of a tenth of a
		 * cent, every other hop (10 ms) at most. */
		if (fabs(want - set) >= 0.1 && ((at - s0) / hop % 4 == 0 ||
		    (want == 0) != (set == 0))) {
			rubberband_set_pitch_scale(rb, pow(2.0, want /
			    1200.0));
			set = want;
		}
		for (i = 0; i < m; i++)
			for (c = 0; c < channels; c++)
				in[c][i] = x[(at + i) * channels + c];
		dsp_tune_feed(rb, in, m, channels, got, gotmax, &skip,
		    y + s0 * channels, len, &done);
		if (((at - s0) / hop & 1023) == 1023 && progress != NULL &&
		    progress(arg, (double)at / n) != 0)
			return -1;
	}
	for (c = 0; c < channels; c++)
		memset(in[c], 0, hop * sizeof *in[c]);
	limit = 1000 + (skip + len) / hop;
	while (done < len && limit-- > 0)
		dsp_tune_feed(rb, in, hop, channels, got, gotmax, &skip,
		    y + s0 * channels, len, &done);
	return 0;
}

static bool
dsp_tune_on(const float *cents, int64_t nf, int64_t k)
{
	return k >= 0 && k < nf && fabsf(cents[k]) >= DSP_TUNE_QUIET;
}

float *
dsp_tune_shift(const float *x, int64_t n, int channels, int rate,
    const float *cents, int64_t nf, int hop,
    int (*progress)(void *, double), void *arg)
{
	RubberBandState rb = NULL;
	float *in[2] = { NULL, NULL }, *got[2] = { NULL, NULL }, *out, *y;
	int gotmax = 8192, c;
	int64_t margin = 4096, a, b, k, at;

	out = malloc((size_t)(n > 0 ? n : 1) * channels * sizeof *out);
	y = calloc((size_t)(n > 0 ? n : 1) * channels, sizeof *y);
	if (out == NULL || y == NULL || channels < 1 || channels > 2)
		goto fail;
	memcpy(out, x, (size_t)n * channels * sizeof *out);
	rb = rubberband_new((unsigned)rate, (unsigned)channels,
	    RubberBandOptionProcessRealTime | RubberBandOptionEngineFaster |
	    RubberBandOptionTransientsSmooth |
	    RubberBandOptionFormantPreserved |
	    RubberBandOptionPitchHighConsistency |
	    RubberBandOptionThreadingNever | RubberBandOptionChannelsTogether,
	    1.0, 1.0);
	if (rb == NULL)
		goto fail;
	rubberband_set_max_process_size(rb, (unsigned)hop);
	for (c = 0; c < channels; c++) {
		in[c] = calloc(hop, sizeof *in[c]);
		got[c] = malloc(gotmax * sizeof *got[c]);
		if (in[c] == NULL || got[c] == NULL)
			goto fail;
	}
	/* Spans of corrected frames (a gap shorter than two margins joins
	 * them), each run with a margin of input on both sides. */
	for (k = 0; k < nf; k = b) {
		int64_t s0, e0;

		while (k < nf && !dsp_tune_on(cents, nf, k))
			k++;
		if (k == nf)
			break;
		for (a = k, b = k; b < nf; b++) {
			int64_t g = b;

			while (g < nf && !dsp_tune_on(cents, nf, g))
				g++;
			if (g == b) {
				continue;
			}
			if (g == nf || (g - b) * hop > 2 * margin)
				break;
			b = g - 1;
		}
		s0 = (a - 1) * hop - margin;
		e0 = (b + 1) * hop + margin;
		if (s0 < 0)
			s0 = 0;
		if (e0 > n)
			e0 = n;
		if (s0 < e0 && dsp_tune_span(rb, x, n, channels, cents, nf,
		    hop, s0, e0, in, got, gotmax, y, progress, arg) != 0)
			goto fail;
	}
	/* Crossfade over a hop between the input and the shifted signal:
	 * fully shifted within a hop of a corrected frame. */
	for (at = 0; at < n; at++) {
		double g0, g1, g, fr;

		k = at / hop;
		fr = (double)(at - k * hop) / hop;
		g0 = dsp_tune_on(cents, nf, k - 1) ||
		    dsp_tune_on(cents, nf, k) || dsp_tune_on(cents, nf, k + 1);
		g1 = dsp_tune_on(cents, nf, k) ||
		    dsp_tune_on(cents, nf, k + 1) ||
		    dsp_tune_on(cents, nf, k + 2);
		g = g0 + (g1 - g0) * fr;
		if (g <= 0)
			continue;
		for (c = 0; c < channels; c++) {
			int64_t j = at * channels + c;

			out[j] = (float)(x[j] + g * (y[j] - x[j]));
		}
	}
	for (c = 0; c < channels; c++) {
		free(in[c]);
		free(got[c]);
	}
	rubberband_delete(rb);
	free(y);
	return out;
fail:
	for (c = 0; c < 2; c++) {
		free(in[c]);
		free(got[c]);
	}
	if (rb != NULL)
		rubberband_delete(rb);
	free(out);
	free(y);
	return NULL;
}
