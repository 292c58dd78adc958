/* dsp_silence.h - silent stretches of a signal (offline, no UI).
 *
 * A frame is silent when the RMS over the DSP_SILENCE_WINDOW_MS around it
 * (centred, mean square over the channels) is below the threshold.
 */
#ifndef REEL_DSP_SILENCE_H
#define REEL_DSP_SILENCE_H

#include <stdint.h>

#define DSP_SILENCE_WINDOW_MS 10

/* Finds the silent runs of at least `min` frames in x (n interleaved
 * frames of `channels`).  *runs (malloc, pairs a, b: [a, b)) gets them in
 * order; returns their number, -1 when out of memory. */
int dsp_silence_find(const float *x, int64_t n, int channels, int rate,
    double threshold_db, int64_t min, int64_t **runs);

#endif
