/* sample.c - conversion between float samples and device/file formats. */
#include <math.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "sample.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/*
 * Bytes are assembled one at a time so the layout is little-endian on any
 * host; compilers fold these into single loads and stores on x86 and ARM.
 */

static const struct {
	const char	*name;
	size_t		 bytes;
	int		 bits;
} sample_fmts[SAMPLE_NFMT] = {
	[SAMPLE_S16] = { "S16_LE", 2, 16 },
	[SAMPLE_S24_3] = { "S24_3LE", 3, 24 },
	[SAMPLE_S24] = { "S24_LE", 4, 24 },
	[SAMPLE_S32] = { "S32_LE", 4, 32 },
	/* A float's mantissa holds 24 bits; sox calls this its precision. */
	[SAMPLE_FLOAT] = { "FLOAT_LE", 4, 24 },
};

size_t
sample_bytes(enum sample_fmt f)
{
	if ((unsigned)f >= SAMPLE_NFMT)
		return 0;
	return sample_fmts[f].bytes;
}

int
sample_bits(enum sample_fmt f)
{
	if ((unsigned)f >= SAMPLE_NFMT)
		return 0;
	return sample_fmts[f].bits;
}

const char *
sample_fmt_name(enum sample_fmt f)
{
	if ((unsigned)f >= SAMPLE_NFMT)
		return "unknown";
	return sample_fmts[f].name;
}

int
sample_fmt_parse(const char *name)
{
	int	i;

	for (i = 0; i < SAMPLE_NFMT; i++) {
		if (strcasecmp(name, sample_fmts[i].name) == 0)
			return i;
	}
	return -1;
}

void
dither_init(struct dither *d, uint32_t seed, int on)
{
	/* xorshift32 sticks at 0 forever. */
	d->state = seed != 0 ? seed : 0x9e3779b9u;
	d->on = on;
}

static inline uint32_t
dither_next(struct dither *d)
{
	uint32_t	x = d->state;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	d->state = x;
	return x;
}

/*
 * Uniform over 2^24 cells of [-0.5, 0.5), taking each cell's midpoint: an
 * odd 24-bit integer is exact in a float, the mean is exactly 0 and the
 * value never reaches -0.5, so the TPDF sum stays inside (-1, 1).
 */
static inline float
dither_uniform(struct dither *d)
{
	return (float)((dither_next(d) >> 8) | 1) * 0x1p-24f - 0.5f;
}

static inline float
dither_sum(struct dither *d)
{
	float	a;

	a = dither_uniform(d);
	return a + dither_uniform(d);
}

float
dither_tpdf(struct dither *d)
{
	return dither_sum(d);
}

/*
 * Round to nearest even, as lrintf() does in the default rounding mode.
 * Without -fno-math-errno the compiler will not inline lrintf(), and a
 * libm call per sample is most of the cost of a conversion loop; SSE2 has
 * the instruction.  Callers have already brought v into range.
 */
static inline int32_t
sample_roundf(float v)
{
#if defined(__SSE2__)
	return _mm_cvtss_si32(_mm_set_ss(v));
#else
	return (int32_t)lrintf(v);
#endif
}

static inline int32_t
sample_round(double v)
{
#if defined(__SSE2__)
	return _mm_cvtsd_si32(_mm_set_sd(v));
#else
	return (int32_t)lrint(v);
#endif
}

/*
 * Float to an integer of `bits` bits: scaled by 2^(bits-1), rounded to
 * nearest and clipped.  The comparisons come before rounding so that out of
 * range values never reach a conversion that cannot represent them, and a
 * NaN (every comparison false) falls through to silence.
 */
static inline int32_t
sample_clip16(float v)
{
	if (v > -32768.0f && v < 32767.0f)
		return sample_roundf(v);
	if (v >= 32767.0f)
		return 32767;
	if (v <= -32768.0f)
		return -32768;
	return 0;
}

static inline int32_t
sample_clip24(float v)
{
	if (v > -8388608.0f && v < 8388607.0f)
		return sample_roundf(v);
	if (v >= 8388607.0f)
		return 8388607;
	if (v <= -8388608.0f)
		return -8388608;
	return 0;
}

/* In double: a float cannot hold 2^31 - 1, so +1.0 must clip exactly. */
static inline int32_t
sample_clip32(double v)
{
	if (v > -2147483648.0 && v < 2147483647.0)
		return sample_round(v);
	if (v >= 2147483647.0)
		return INT32_MAX;
	if (v <= -2147483648.0)
		return INT32_MIN;
	return 0;
}

static inline void
sample_put16(unsigned char *p, int32_t v)
{
	uint32_t	u = (uint32_t)v;

	p[0] = u & 0xff;
	p[1] = (u >> 8) & 0xff;
}

static inline void
sample_put24(unsigned char *p, int32_t v)
{
	uint32_t	u = (uint32_t)v;

	p[0] = u & 0xff;
	p[1] = (u >> 8) & 0xff;
	p[2] = (u >> 16) & 0xff;
}

static inline void
sample_put32(unsigned char *p, uint32_t u)
{
	p[0] = u & 0xff;
	p[1] = (u >> 8) & 0xff;
	p[2] = (u >> 16) & 0xff;
	p[3] = (u >> 24) & 0xff;
}

static inline uint32_t
sample_get32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 |
	    (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* Sign extension of 24 bits without shifting into the sign bit. */
static inline int32_t
sample_sext24(uint32_t u)
{
	return (int32_t)((u & 0xffffff) ^ 0x800000) - 0x800000;
}

/* Unsigned to signed 32 bits without implementation-defined conversion. */
static inline int32_t
sample_s32(uint32_t u)
{
	if (u <= INT32_MAX)
		return (int32_t)u;
	return (int32_t)(u - 0x80000000u) + INT32_MIN;
}

static void
sample_to_float_s16(const unsigned char *p, float *dst, size_t n)
{
	size_t	i;
	int32_t	v;

	for (i = 0; i < n; i++, p += 2) {
		v = (int32_t)((uint32_t)p[0] | (uint32_t)p[1] << 8);
		v = (v ^ 0x8000) - 0x8000;
		dst[i] = (float)v * 0x1p-15f;
	}
}

static void
sample_to_float_s24_3(const unsigned char *p, float *dst, size_t n)
{
	size_t	i;
	uint32_t u;

	for (i = 0; i < n; i++, p += 3) {
		u = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16;
		dst[i] = (float)sample_sext24(u) * 0x1p-23f;
	}
}

static void
sample_to_float_s24(const unsigned char *p, float *dst, size_t n)
{
	size_t	i;

	/* The top byte is padding: ALSA does not promise what it holds. */
	for (i = 0; i < n; i++, p += 4)
		dst[i] = (float)sample_sext24(sample_get32(p)) * 0x1p-23f;
}

static void
sample_to_float_s32(const unsigned char *p, float *dst, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++, p += 4)
		dst[i] = (float)sample_s32(sample_get32(p)) * 0x1p-31f;
}

static void
sample_to_float_float(const unsigned char *p, float *dst, size_t n)
{
	size_t	 i;
	uint32_t u;

	for (i = 0; i < n; i++, p += 4) {
		u = sample_get32(p);
		memcpy(&dst[i], &u, sizeof u);
	}
}

void
sample_to_float(enum sample_fmt f, const void *src, float *dst, size_t n)
{
	const unsigned char	*p = src;

	switch (f) {
	case SAMPLE_S16:
		sample_to_float_s16(p, dst, n);
		break;
	case SAMPLE_S24_3:
		sample_to_float_s24_3(p, dst, n);
		break;
	case SAMPLE_S24:
		sample_to_float_s24(p, dst, n);
		break;
	case SAMPLE_S32:
		sample_to_float_s32(p, dst, n);
		break;
	case SAMPLE_FLOAT:
		sample_to_float_float(p, dst, n);
		break;
	default:
		break;
	}
}

static void
sample_from_float_s16(const float *src, unsigned char *p, size_t n,
    struct dither *d)
{
	size_t	i;

	/* Two loops so the common undithered case has no branch inside. */
	if (d != NULL && d->on) {
		for (i = 0; i < n; i++, p += 2)
			sample_put16(p, sample_clip16(src[i] * 32768.0f +
			    dither_sum(d)));
	} else {
		for (i = 0; i < n; i++, p += 2)
			sample_put16(p, sample_clip16(src[i] * 32768.0f));
	}
}

static void
sample_from_float_s24_3(const float *src, unsigned char *p, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++, p += 3)
		sample_put24(p, sample_clip24(src[i] * 8388608.0f));
}

static void
sample_from_float_s24(const float *src, unsigned char *p, size_t n)
{
	size_t	i;

	/* Sign-extended into the top byte, as most drivers expect. */
	for (i = 0; i < n; i++, p += 4)
		sample_put32(p, (uint32_t)sample_clip24(src[i] * 8388608.0f));
}

static void
sample_from_float_s32(const float *src, unsigned char *p, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++, p += 4)
		sample_put32(p, (uint32_t)sample_clip32(src[i] *
		    2147483648.0));
}

static void
sample_from_float_float(const float *src, unsigned char *p, size_t n)
{
	size_t	 i;
	uint32_t u;

	for (i = 0; i < n; i++, p += 4) {
		memcpy(&u, &src[i], sizeof u);
		sample_put32(p, u);
	}
}

void
sample_from_float(enum sample_fmt f, const float *src, void *dst, size_t n,
    struct dither *d)
{
	unsigned char	*p = dst;

	switch (f) {
	case SAMPLE_S16:
		sample_from_float_s16(src, p, n, d);
		break;
	case SAMPLE_S24_3:
		sample_from_float_s24_3(src, p, n);
		break;
	case SAMPLE_S24:
		sample_from_float_s24(src, p, n);
		break;
	case SAMPLE_S32:
		sample_from_float_s32(src, p, n);
		break;
	case SAMPLE_FLOAT:
		sample_from_float_float(src, p, n);
		break;
	default:
		break;
	}
}
