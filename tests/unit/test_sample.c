/* test_sample.c - sample.c: layouts, round trips, clipping, dither. */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "sample.h"
#include "t.h"

#define CHUNK 65536

static unsigned char	bytes[CHUNK * 4], back[CHUNK * 4];
static float		floats[CHUNK];

static void
test_names(void)
{
	static const char *names[] = {
		"S16_LE", "S24_3LE", "S24_LE", "S32_LE", "FLOAT_LE"
	};
	static const size_t sizes[] = { 2, 3, 4, 4, 4 };
	int	i;

	for (i = 0; i < SAMPLE_NFMT; i++) {
		T_CHECK(strcmp(sample_fmt_name(i), names[i]) == 0);
		T_CHECK(sample_fmt_parse(names[i]) == i);
		T_CHECK(sample_bytes(i) == sizes[i]);
	}
	T_CHECK(sample_fmt_parse("s24_3le") == SAMPLE_S24_3);
	T_CHECK(sample_fmt_parse("float_le") == SAMPLE_FLOAT);
	T_CHECK(sample_fmt_parse("S24") == -1);
	T_CHECK(sample_fmt_parse("") == -1);
	T_CHECK(sample_bits(SAMPLE_S16) == 16);
	T_CHECK(sample_bits(SAMPLE_S24_3) == 24);
	T_CHECK(sample_bits(SAMPLE_S24) == 24);
	T_CHECK(sample_bits(SAMPLE_S32) == 32);
}

/* The reference layouts, written out by hand, independent of sample.c. */
static void
put_le(unsigned char *p, enum sample_fmt f, int32_t v)
{
	uint32_t	u = (uint32_t)v;
	size_t		i, n = sample_bytes(f);

	for (i = 0; i < n; i++)
		p[i] = (u >> (8 * i)) & 0xff;
}

/* A value of `bits` bits, shifted up to fill format f. */
static int32_t
scale_to(enum sample_fmt f, int32_t v, int bits)
{
	if (f == SAMPLE_S32)
		return (int32_t)((uint32_t)v << (32 - bits));
	if (f == SAMPLE_S16)
		return v;
	return (int32_t)((uint32_t)v << (24 - bits));
}

/*
 * Integers of `bits` bits, from lo, n of them, through format f and back:
 * the floats must be exactly v / 2^(bits-1) and the bytes identical.
 */
static int
round_trip(enum sample_fmt f, int32_t lo, size_t n, int bits)
{
	size_t	i, sz = sample_bytes(f);
	float	want;
	int	bad = 0;

	for (i = 0; i < n; i++) {
		if (f == SAMPLE_FLOAT) {
			want = ldexpf((float)(lo + (int32_t)i), 1 - bits);
			memcpy(bytes + i * 4, &want, 4);
		} else
			put_le(bytes + i * sz, f, scale_to(f, lo + (int32_t)i,
			    bits));
	}
	sample_to_float(f, bytes, floats, n);
	for (i = 0; i < n; i++) {
		want = ldexpf((float)(lo + (int32_t)i), 1 - bits);
		if (floats[i] != want && bad++ < 3)
			fprintf(stderr, "%s: %d -> %.9g, want %.9g\n",
			    sample_fmt_name(f), lo + (int)i, floats[i], want);
	}
	memset(back, 0x55, n * sz);
	sample_from_float(f, floats, back, n, NULL);
	if (memcmp(bytes, back, n * sz) != 0)
		bad++;
	return bad;
}

static void
test_round_trips(void)
{
	int32_t	lo;
	int	f, bad;

	for (f = 0; f < SAMPLE_NFMT; f++) {
		bad = round_trip(f, -32768, 65536, 16);
		T_CHECKF(bad == 0, "16-bit through %s", sample_fmt_name(f));
	}
	/* Every 24-bit value, through every format that can hold it. */
	for (f = SAMPLE_S24_3; f < SAMPLE_NFMT; f++) {
		bad = 0;
		for (lo = -8388608; lo < 8388608; lo += CHUNK)
			bad += round_trip(f, lo, CHUNK, 24);
		T_CHECKF(bad == 0, "24-bit through %s", sample_fmt_name(f));
	}
}

static void
check_bytes(enum sample_fmt f, float x, const char *want, size_t n)
{
	unsigned char	out[4];

	memset(out, 0xee, sizeof out);
	sample_from_float(f, &x, out, 1, NULL);
	T_CHECKF(memcmp(out, want, n) == 0,
	    "%s %.9g -> %02x %02x %02x %02x", sample_fmt_name(f), x,
	    out[0], out[1], out[2], out[3]);
}

static float
from_bytes(enum sample_fmt f, const char *in)
{
	float	x;

	sample_to_float(f, in, &x, 1);
	return x;
}

static void
test_layouts(void)
{
	check_bytes(SAMPLE_S16, 0x1234 / 32768.0f, "\x34\x12", 2);
	check_bytes(SAMPLE_S16, -1 / 32768.0f, "\xff\xff", 2);
	check_bytes(SAMPLE_S16, -1.0f, "\x00\x80", 2);
	check_bytes(SAMPLE_S24_3, 0x123456 / 8388608.0f, "\x56\x34\x12", 3);
	check_bytes(SAMPLE_S24_3, -2 / 8388608.0f, "\xfe\xff\xff", 3);
	check_bytes(SAMPLE_S24, 0x123456 / 8388608.0f, "\x56\x34\x12\x00", 4);
	check_bytes(SAMPLE_S24, -2 / 8388608.0f, "\xfe\xff\xff\xff", 4);
	check_bytes(SAMPLE_S32, 0x12345600 / 2147483648.0f,
	    "\x00\x56\x34\x12", 4);
	check_bytes(SAMPLE_S32, -1.0f, "\x00\x00\x00\x80", 4);
	check_bytes(SAMPLE_FLOAT, 1.0f, "\x00\x00\x80\x3f", 4);
	check_bytes(SAMPLE_FLOAT, -2.0f, "\x00\x00\x00\xc0", 4);

	T_CHECK(from_bytes(SAMPLE_S16, "\x00\x80") == -1.0f);
	T_CHECK(from_bytes(SAMPLE_S16, "\xff\x7f") == 32767 / 32768.0f);
	T_CHECK(from_bytes(SAMPLE_S24_3, "\x00\x00\x80") == -1.0f);
	T_CHECK(from_bytes(SAMPLE_S24_3, "\x01\x00\x00") == 0x1p-23f);
	/* S24_LE: the top byte is padding and must not leak in. */
	T_CHECK(from_bytes(SAMPLE_S24, "\x56\x34\x12\x7f") ==
	    0x123456 / 8388608.0f);
	T_CHECK(from_bytes(SAMPLE_S24, "\x00\x00\x80\x00") == -1.0f);
	T_CHECK(from_bytes(SAMPLE_S24, "\xff\xff\xff\x00") == -0x1p-23f);
	T_CHECK(from_bytes(SAMPLE_S32, "\x00\x00\x00\x80") == -1.0f);
	T_CHECK(from_bytes(SAMPLE_S32, "\x00\x01\x00\x00") == 0x1p-23f);
	T_CHECK(from_bytes(SAMPLE_FLOAT, "\x00\x00\x00\x3f") == 0.5f);
}

static int32_t
one(enum sample_fmt f, float x, struct dither *d)
{
	unsigned char	out[4];
	int32_t		v;
	float		y;

	sample_from_float(f, &x, out, 1, d);
	if (f == SAMPLE_S16)
		return (int16_t)(out[0] | out[1] << 8);
	if (f == SAMPLE_S24_3)
		v = out[0] | out[1] << 8 | out[2] << 16;
	else {
		memcpy(&v, out, 4);	/* the host is little-endian too */
		if (f == SAMPLE_FLOAT) {
			memcpy(&y, out, 4);
			return (int32_t)y;
		}
		return v;
	}
	return v >= 0x800000 ? v - 0x1000000 : v;
}

static void
test_clipping(void)
{
	T_CHECK(one(SAMPLE_S16, 1.5f, NULL) == 32767);
	T_CHECK(one(SAMPLE_S16, -1.5f, NULL) == -32768);
	T_CHECK(one(SAMPLE_S16, 1.0f, NULL) == 32767);
	T_CHECK(one(SAMPLE_S16, 32767.4f / 32768, NULL) == 32767);
	T_CHECK(one(SAMPLE_S16, 1e30f, NULL) == 32767);
	T_CHECK(one(SAMPLE_S16, -INFINITY, NULL) == -32768);
	T_CHECK(one(SAMPLE_S16, NAN, NULL) == 0);
	T_CHECK(one(SAMPLE_S24_3, 1.5f, NULL) == 8388607);
	T_CHECK(one(SAMPLE_S24_3, -1.5f, NULL) == -8388608);
	T_CHECK(one(SAMPLE_S24_3, 1.0f, NULL) == 8388607);
	T_CHECK(one(SAMPLE_S24, 1.5f, NULL) == 8388607);
	T_CHECK(one(SAMPLE_S24, -1.5f, NULL) == -8388608);
	T_CHECK(one(SAMPLE_S32, 1.5f, NULL) == INT32_MAX);
	T_CHECK(one(SAMPLE_S32, 1.0f, NULL) == INT32_MAX);
	T_CHECK(one(SAMPLE_S32, -1.0f, NULL) == INT32_MIN);
	T_CHECK(one(SAMPLE_S32, -1.5f, NULL) == INT32_MIN);
	T_CHECK(one(SAMPLE_S32, INFINITY, NULL) == INT32_MAX);
	/* Float is not clipped: 1.5 stays 1.5. */
	T_CHECK(one(SAMPLE_FLOAT, 1.5f, NULL) == 1);

	/* Round to nearest, ties to even, in LSB units. */
	T_CHECK(one(SAMPLE_S16, 0.49f / 32768, NULL) == 0);
	T_CHECK(one(SAMPLE_S16, 0.51f / 32768, NULL) == 1);
	T_CHECK(one(SAMPLE_S16, -0.51f / 32768, NULL) == -1);
	T_CHECK(one(SAMPLE_S16, 0.5f / 32768, NULL) == 0);
	T_CHECK(one(SAMPLE_S16, 1.5f / 32768, NULL) == 2);
	T_CHECK(one(SAMPLE_S24_3, 2.6f / 8388608, NULL) == 3);
	T_CHECK(one(SAMPLE_S32, 0.75f / 2147483648.0f, NULL) == 1);
}

static void
test_dither_stats(void)
{
	struct dither	d, e;
	double		x, sum = 0, sum2 = 0, inner = 0;
	double		mean, var;
	float		lo = 0, hi = 0;
	int		i, n = 2000000, same = 1;

	dither_init(&d, 1, 1);
	for (i = 0; i < n; i++) {
		x = dither_tpdf(&d);
		sum += x;
		sum2 += x * x;
		if (fabs(x) < 0.5)
			inner++;
		if (x < lo)
			lo = (float)x;
		if (x > hi)
			hi = (float)x;
	}
	mean = sum / n;
	var = sum2 / n - mean * mean;
	T_CHECKF(fabs(mean) < 0.002, "mean %g", mean);
	T_CHECKF(fabs(var - 1.0 / 6) < 0.002, "variance %g", var);
	T_CHECKF(lo > -1.0f && hi < 1.0f, "range %g %g", lo, hi);
	T_CHECKF(lo < -0.95f && hi > 0.95f, "range %g %g", lo, hi);
	/* Triangular on (-1, 1): P(|x| < 1/2) = 3/4, where a single uniform
	 * of the same variance would give 0.71 and a Gaussian 0.78. */
	T_CHECKF(fabs(inner / n - 0.75) < 0.002, "inner %g", inner / n);

	/* Reproducible from the seed; seed 0 does not stick. */
	dither_init(&d, 42, 1);
	dither_init(&e, 42, 1);
	for (i = 0; i < 1000; i++)
		same &= dither_tpdf(&d) == dither_tpdf(&e);
	T_CHECK(same);
	dither_init(&d, 0, 1);
	x = dither_tpdf(&d);
	T_CHECK(dither_tpdf(&d) != x || dither_tpdf(&d) != x);
}

static void
test_dither_use(void)
{
	struct dither	d;
	unsigned char	a[256 * 3], b[256 * 3];
	float		in[256];
	int		i;

	for (i = 0; i < 256; i++)
		in[i] = (float)i / 512.0f + 0.1234567f / 32768;
	/* Only below 24 bits: S24 output is the same with dither on. */
	dither_init(&d, 7, 1);
	sample_from_float(SAMPLE_S24_3, in, a, 256, &d);
	sample_from_float(SAMPLE_S24_3, in, b, 256, NULL);
	T_CHECK(memcmp(a, b, sizeof a) == 0);
	/* Off means off. */
	dither_init(&d, 7, 0);
	sample_from_float(SAMPLE_S16, in, a, 256, &d);
	sample_from_float(SAMPLE_S16, in, b, 256, NULL);
	T_CHECK(memcmp(a, b, 512) == 0);
	/* On changes some samples, each by at most one LSB. */
	dither_init(&d, 7, 1);
	sample_from_float(SAMPLE_S16, in, a, 256, &d);
	T_CHECK(memcmp(a, b, 512) != 0);
	for (i = 0; i < 256; i++) {
		int16_t	x = (int16_t)(a[2 * i] | a[2 * i + 1] << 8);
		int16_t	y = (int16_t)(b[2 * i] | b[2 * i + 1] << 8);

		if (abs(x - y) > 1) {
			T_CHECKF(0, "sample %d: %d vs %d", i, x, y);
			break;
		}
	}
}

/* A -100 dBFS sine is a third of a 16-bit LSB: plain rounding loses it,
 * dither keeps it as a signal under noise. */
static void
test_dither_low_level(void)
{
	enum { N = 48000 };
	static float	sine[N], out[N];
	static unsigned char s16[N * 2];
	struct dither	d;
	double		amp = pow(10, -100 / 20.0), proj;
	int		i, nonzero = 0;

	for (i = 0; i < N; i++)
		sine[i] = (float)(amp * sin(2 * M_PI * 1000 * i / 48000.0));

	sample_from_float(SAMPLE_S16, sine, s16, N, NULL);
	for (i = 0; i < N * 2; i++)
		nonzero += s16[i] != 0;
	T_CHECKF(nonzero == 0, "%d nonzero bytes without dither", nonzero);

	dither_init(&d, 12345, 1);
	sample_from_float(SAMPLE_S16, sine, s16, N, &d);
	sample_to_float(SAMPLE_S16, s16, out, N);
	/* The projection onto the sine estimates its amplitude: 2/N sum of
	 * out * sin.  Noise of 0.5 LSB rms leaves it within ~1%. */
	proj = 0;
	for (i = 0; i < N; i++)
		proj += out[i] * sin(2 * M_PI * 1000 * i / 48000.0);
	proj = proj * 2 / N;
	T_CHECKF(fabs(proj / amp - 1) < 0.1, "amplitude %g of %g", proj, amp);
}

int
main(void)
{
	test_names();
	test_round_trips();
	test_layouts();
	test_clipping();
	test_dither_stats();
	test_dither_use();
	test_dither_low_level();
	T_DONE();
}
