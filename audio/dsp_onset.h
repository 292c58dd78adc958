/* dsp_onset.h - note onsets by spectral flux (offline, no UI).
 *
 * A 1024-point STFT (Hann) every 128 frames; the flux of a hop is the sum
 * over bins of the rise in log(1 + 1000 |X|).  A hop is an onset where
 * its flux is the largest within +-3 hops and exceeds the adaptive
 * threshold: the median flux of the surrounding 0.5 s times `sensitivity`
 * plus a floor, with at least 30 ms between onsets.  Each is then placed
 * in time at the steepest rise of energy (32-frame blocks) in the window
 * that found it.  FFTW plans are made on the calling thread.
 */
#ifndef REEL_DSP_ONSET_H
#define REEL_DSP_ONSET_H

#include <stdint.h>

/* Onsets of x (n mono frames) into *on (malloc, frames, ascending);
 * their number, -1 when out of memory. */
int dsp_onset_find(const float *x, int64_t n, int rate, double sensitivity,
    int64_t **on);

#endif
