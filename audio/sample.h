/* sample.h - conversion between float samples and device/file formats.
 *
 * Integer <-> float uses the 2^(N-1) convention (as sox and libsndfile do):
 * an N-bit value v maps to v / 2^(N-1), and back with rounding and clipping,
 * so every integer of N <= 24 bits survives a round trip bit-exactly.
 */
#ifndef REEL_SAMPLE_H
#define REEL_SAMPLE_H

#include <stddef.h>
#include <stdint.h>

enum sample_fmt {
	SAMPLE_S16,	/* S16_LE */
	SAMPLE_S24_3,	/* S24_3LE, packed 3 bytes */
	SAMPLE_S24,	/* S24_LE, 24 bits in the low bytes of 32 */
	SAMPLE_S32,	/* S32_LE */
	SAMPLE_FLOAT,	/* FLOAT_LE */
	SAMPLE_NFMT
};

size_t sample_bytes(enum sample_fmt f);
int sample_bits(enum sample_fmt f);		/* significant bits */
const char *sample_fmt_name(enum sample_fmt f);	/* "S24_3LE", ... */
int sample_fmt_parse(const char *name);		/* -1 if unknown */

/* TPDF dither state: a private RNG so that runs are reproducible. */
struct dither {
	uint32_t state;
	int on;
};
void dither_init(struct dither *d, uint32_t seed, int on);
/* One TPDF value in [-1, 1) LSB: the sum of two uniform [-0.5, 0.5). */
float dither_tpdf(struct dither *d);

void sample_to_float(enum sample_fmt f, const void *src, float *dst, size_t n);
/* `d` may be NULL; dither is applied only for formats of < 24 bits when
 * d->on is set. */
void sample_from_float(enum sample_fmt f, const float *src, void *dst,
    size_t n, struct dither *d);

#endif
