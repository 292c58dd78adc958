/* dsp_stretch.c - Rubber Band offline, study pass then process. */
#include "dsp_stretch.h"

#include <math.h>
#include <rubberband/rubberband-c.h>
#include <stdlib.h>
#include <string.h>

#define DSP_STRETCH_BLOCK 4096

/* Deinterleaves the block of x from `at` into in[]; its length. */
static int64_t
dsp_stretch_fill(const float *x, int64_t n, int channels, int64_t at,
    float **in)
{
	int64_t m = n - at < DSP_STRETCH_BLOCK ? n - at : DSP_STRETCH_BLOCK, i;
	int c;

	for (i = 0; i < m; i++)
		for (c = 0; c < channels; c++)
			in[c][i] = x[(at + i) * channels + c];
	return m;
}

float *
dsp_stretch_run(const float *x, int64_t n, int channels, int rate,
    double ratio, double pitch, bool formant, int64_t *outn,
    int (*progress)(void *, double), void *arg)
{
	RubberBandState rb;
	float *in[2], *got[2], *out;
	int64_t want = llround((double)n * ratio), done = 0, at;
	int c, opts;

	opts = RubberBandOptionProcessOffline | RubberBandOptionEngineFiner |
	    RubberBandOptionThreadingNever |
	    (formant ? RubberBandOptionFormantPreserved : 0) |
	    RubberBandOptionChannelsTogether;
	rb = rubberband_new((unsigned)rate, (unsigned)channels, opts, ratio,
	    pitch);
	if (rb == NULL)
		return NULL;
	rubberband_set_expected_input_duration(rb, (unsigned)n);
	rubberband_set_max_process_size(rb, DSP_STRETCH_BLOCK);
	out = calloc((size_t)(want > 0 ? want : 1) * channels, sizeof *out);
	for (c = 0; c < channels; c++) {
		in[c] = malloc(DSP_STRETCH_BLOCK * sizeof *in[c]);
		got[c] = malloc(DSP_STRETCH_BLOCK * sizeof *got[c]);
	}
	for (at = 0; at < n; at += DSP_STRETCH_BLOCK) {
		int64_t m = dsp_stretch_fill(x, n, channels, at, in);

		rubberband_study(rb, (const float *const *)in, (unsigned)m,
		    at + m >= n);
		if (progress != NULL && progress(arg, 0.2 * at / n) != 0)
			goto cancel;
	}
	for (at = 0; at < n; at += DSP_STRETCH_BLOCK) {
		int64_t m = dsp_stretch_fill(x, n, channels, at, in);
		int av;

		rubberband_process(rb, (const float *const *)in, (unsigned)m,
		    at + m >= n);
		while ((av = rubberband_available(rb)) > 0) {
			unsigned k = rubberband_retrieve(rb, got, av <
			    DSP_STRETCH_BLOCK ? (unsigned)av :
			    DSP_STRETCH_BLOCK);

			for (unsigned i = 0; i < k && done < want; i++, done++)
				for (c = 0; c < channels; c++)
					out[done * channels + c] = got[c][i];
		}
		if (progress != NULL &&
		    progress(arg, 0.2 + 0.8 * at / n) != 0)
			goto cancel;
	}
	/* Offline mode delivers round(n * ratio) frames; a frame short at
	 * the very end stays silent. */
	for (c = 0; c < channels; c++) {
		free(in[c]);
		free(got[c]);
	}
	rubberband_delete(rb);
	*outn = want;
	return out;
cancel:
	for (c = 0; c < channels; c++) {
		free(in[c]);
		free(got[c]);
	}
	rubberband_delete(rb);
	free(out);
	return NULL;
}
