/* dsp_quantize.h - timing correction by slicing (offline, no UI).
 *
 * A plan is a list of slices: slice k is the source from its cut c[k] to
 * the next cut, played shifted by d[k] frames (later when positive).  The
 * caller finds the onsets (dsp_onset) and their grid lines; the plan cuts
 * a little before each onset, at the quietest point (so the crossfade
 * never touches a transient), and moves each slice towards its line by
 * `strength`.  The render is the same for every channel and every track
 * given the same plan, so tracks of a take group keep their offsets to
 * the sample.
 */
#ifndef REEL_DSP_QUANTIZE_H
#define REEL_DSP_QUANTIZE_H

#include <stdint.h>

struct dsp_quantize_slice {
	int64_t cut;		/* source frame where the slice begins */
	int64_t onset;		/* the onset it carries (cut <= onset) */
	int64_t shift;		/* frames it moves, later when positive */
};

struct dsp_quantize_plan {
	struct dsp_quantize_slice *v;	/* by cut, the first at 0 (no
					   onset: onset == cut, shift 0) */
	int n;
	int64_t xfade;		/* crossfade frames at each join */
};

/* Plans the slices of x (n mono frames: the detection reference) for the
 * onsets on[] (ascending) whose grid lines are line[] (same frames).
 * Each moves by strength (0..1) times its distance to the line, when
 * that distance is at most `window` frames (window < 0: any distance);
 * a move is cut down so that neither a join's crossfade nor a filled
 * gap reaches back into the note before (hold: frames of a transient
 * kept whole, 10 ms is good).  0, or -1 when out of memory. */
int dsp_quantize_plan(const float *x, int64_t n, const int64_t *on,
    const int64_t *line, int non, double strength, int64_t window,
    int64_t xfade, int64_t hold, struct dsp_quantize_plan *plan);
void dsp_quantize_plan_free(struct dsp_quantize_plan *plan);

/* Renders the plan over out[0, nout) (ch interleaved channels) from
 * in[0, nin): plan frame f is in frame f + off, and out frame j is plan
 * frame j + from.  Frames outside in read as silence. */
void dsp_quantize_render(const struct dsp_quantize_plan *plan, int64_t off,
    const float *in, int64_t nin, int ch, int64_t from, float *out,
    int64_t nout);

#endif
