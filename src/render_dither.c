/* render_dither.c - TPDF dither and noise shaping for 16-bit renders. */
#include "render_dither.h"

#include <math.h>
#include <string.h>

/* Noise transfer 1 - sum c[k] z^-(k+1): about -12 dB at DC, a dip near
 * 4 kHz, the rise above 15 kHz. */
static const float render_dither_c[RENDER_DITHER_TAPS] = {
	2.412f, -3.370f, 3.937f, -4.174f, 3.353f, -2.205f, 1.281f, -0.569f,
	0.0847f
};

void
render_dither_init(struct render_dither *d, enum render_dither_mode mode,
    int rate)
{
	memset(d, 0, sizeof *d);
	d->mode = mode;
	/* The seed the render has always used: TPDF output is unchanged. */
	dither_init(&d->rng, 0x72656e64, mode != RENDER_DITHER_OFF);
	(void)rate;
}

int
render_dither_parse(const char *w)
{
	if (strcmp(w, "off") == 0)
		return RENDER_DITHER_OFF;
	if (strcmp(w, "on") == 0 || strcmp(w, "tpdf") == 0)
		return RENDER_DITHER_TPDF;
	if (strcmp(w, "shaped") == 0)
		return RENDER_DITHER_SHAPED;
	return -1;
}

static float
render_dither_shape(struct render_dither *d, float *e, float x)
{
	float y = x * 32768.0f, q, fb = 0;
	int k;

	for (k = 0; k < RENDER_DITHER_TAPS; k++)
		fb += render_dither_c[k] * e[k];
	y -= fb;
	q = floorf(y + dither_tpdf(&d->rng) + 0.5f);
	if (q > 32767.0f)
		q = 32767.0f;
	else if (q < -32768.0f)
		q = -32768.0f;
	memmove(e + 1, e, sizeof(float) * (RENDER_DITHER_TAPS - 1));
	/* A clipped sample would feed back a huge error and ring: the
	 * filter remembers at most a few LSB. */
	e[0] = q - y;
	if (e[0] > 4.0f || e[0] < -4.0f)
		e[0] = e[0] > 0 ? 4.0f : -4.0f;
	return q / 32768.0f;
}

void
render_dither_run(struct render_dither *d, float *buf, int n)
{
	int i;

	if (d->mode == RENDER_DITHER_TPDF)
		for (i = 0; i < n * 2; i++)
			buf[i] += dither_tpdf(&d->rng) * (1.0f / 32768);
	else if (d->mode == RENDER_DITHER_SHAPED)
		for (i = 0; i < n; i++) {
			buf[2 * i] = render_dither_shape(d, d->err[0],
			    buf[2 * i]);
			buf[2 * i + 1] = render_dither_shape(d, d->err[1],
			    buf[2 * i + 1]);
		}
}
