/* render_dither.h - the last step of a render to 16 bits: dither, and
 * optionally noise shaping.
 *
 * TPDF: triangular noise of 2 LSB peak to peak added before rounding
 * (the writer rounds).  Shaped: the same dither inside an error-feedback
 * quantiser whose 9-tap filter (Wannamaker's F-weighted set, "Psycho-
 * acoustically optimal noise shaping", JAES 40(7/8), 1992) moves the
 * requantisation noise out of the ear's most sensitive band (2-5 kHz)
 * towards the top of the spectrum: 12 dB less noise at low and middle
 * frequencies, more above 15 kHz, where hearing is least sensitive.  The
 * output is then exact 16-bit values.  Applied once, to the render's
 * final samples.
 */
#ifndef REEL_RENDER_DITHER_H
#define REEL_RENDER_DITHER_H

#include "sample.h"

enum render_dither_mode { RENDER_DITHER_OFF, RENDER_DITHER_TPDF,
    RENDER_DITHER_SHAPED };

#define RENDER_DITHER_TAPS 9

struct render_dither {
	enum render_dither_mode mode;
	struct dither rng;
	float err[2][RENDER_DITHER_TAPS];	/* newest first */
};

void render_dither_init(struct render_dither *d,
    enum render_dither_mode mode, int rate);
/* n interleaved stereo frames, in place. */
void render_dither_run(struct render_dither *d, float *buf, int n);
/* "off", "tpdf", "shaped" -> mode; -1 for another word. */
int render_dither_parse(const char *word);

#endif
