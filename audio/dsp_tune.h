/* dsp_tune.h - pitch correction (offline, no UI): a correction curve
 * from a pitch track, and the time-varying shift that applies it.
 *
 * The curve has one value in cents per pitch hop (dsp_pitch.h).  For a
 * voiced frame the target is the nearest allowed note (a 12-bit mask of
 * pitch classes, C = bit 0; a note changes only once another is 15
 * cents nearer, so vibrato at the border between two notes does not
 * flip), or the forced MIDI note; the correction is (target - pitch)
 * times the strength, followed by a one-pole smoother whose time
 * constant is the retune speed (0: the correction is applied at once).
 * With humanize, a note held longer than `humanize_ms` is followed with
 * the time constant speed + humanize, so a sustained note keeps some of
 * its life.  Unvoiced frames get 0 at once (the next note starts
 * uncorrected and moves in at the retune speed).  Gaps of up to 20 ms
 * inside a note are bridged, voiced blips shorter than 20 ms ignored, and
 * the pitch is median-filtered over 5 frames.
 *
 * The shift runs Rubber Band in real-time mode (R2 engine, formants
 * preserved, high consistency) with its pitch scale set every hop; the
 * stretcher's start delay is removed, so the output has exactly n frames
 * lined up with the input.  Where the curve stays under 0.05 cents the
 * output is the input, sample for sample; it crossfades to the shifted
 * signal over one hop around every corrected frame.
 */
#ifndef REEL_DSP_TUNE_H
#define REEL_DSP_TUNE_H

#include <stdint.h>

#include "dsp_pitch.h"

struct dsp_tune_params {
	unsigned mask;		/* allowed pitch classes, C = bit 0 */
	int note;		/* a forced MIDI note, or -1 */
	double strength;	/* 0 .. 1 */
	double speed_ms;	/* retune time constant, 0 = hard */
	double humanize_ms;	/* 0 = off */
};

/* cents[nf]: the correction of each frame. */
void dsp_tune_curve(const struct dsp_pitch_frame *fr, int64_t nf, int hop,
    int rate, const struct dsp_tune_params *par, float *cents);

/* x: n interleaved frames of `channels`; cents: one value per hop from
 * frame 0.  A new buffer of n frames (malloc), or NULL (out of memory,
 * Rubber Band failed, or cancelled by progress returning non-zero). */
float *dsp_tune_shift(const float *x, int64_t n, int channels, int rate,
    const float *cents, int64_t nf, int hop,
    int (*progress)(void *, double), void *arg);

#endif
