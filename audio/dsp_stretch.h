/* dsp_stretch.h - offline time-stretch and pitch-shift with Rubber Band
 * (its C API), no UI.
 *
 * The whole input is studied first and then processed (Rubber Band's
 * offline mode), with the R3 ("finer") engine.  The output has exactly
 * round(n * ratio) frames.
 */
#ifndef REEL_DSP_STRETCH_H
#define REEL_DSP_STRETCH_H

#include <stdbool.h>
#include <stdint.h>

/* x: n interleaved frames of `channels`.  Returns a new buffer of
 * *outn frames (malloc), or NULL (out of memory, or cancelled by
 * progress returning non-zero). */
float *dsp_stretch_run(const float *x, int64_t n, int channels, int rate,
    double ratio, double pitch, bool formant, int64_t *outn,
    int (*progress)(void *, double), void *arg);

#endif
