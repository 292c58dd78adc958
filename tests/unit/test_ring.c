/* test_ring.c - ring.c: wrap-around, block API, two threads. */
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <string.h>

#include "ring.h"
#include "t.h"

#define NVALUES	(10u * 1000 * 1000)	/* uint32 values through the ring */
#define SMALL	4096

static void
test_capacity(void)
{
	struct ring	*r;

	r = ring_new(1000);
	T_CHECK(r != NULL);
	T_CHECKF(ring_capacity(r) == 1024, "%zu", ring_capacity(r));
	T_CHECK(ring_read_space(r) == 0);
	T_CHECK(ring_write_space(r) == 1024);
	ring_free(r);

	r = ring_new(4096);
	T_CHECKF(ring_capacity(r) == 4096, "%zu", ring_capacity(r));
	ring_free(r);

	r = ring_new(1);
	T_CHECK(r != NULL && ring_capacity(r) == 1);
	ring_free(r);

	T_CHECK(ring_new(SIZE_MAX) == NULL);
	ring_free(NULL);
}

/* Fills, drains and refills a 16-byte ring at every offset, comparing
 * against a plain counter. */
static void
test_wrap(void)
{
	struct ring	*r;
	unsigned char	 in[64], out[64];
	unsigned char	 next_in = 0, next_out = 0;
	size_t		 n, got, i, round, len, space;
	const unsigned char *blk;
	int		 bad = 0;

	r = ring_new(16);
	for (round = 0; round < 200; round++) {
		len = 1 + round % 23;	/* sometimes more than fits */
		for (i = 0; i < len; i++)
			in[i] = (unsigned char)(next_in + i);
		space = 16 - ring_read_space(r);
		n = ring_write(r, in, len);
		if (n != (len < space ? len : space))
			bad++;
		next_in = (unsigned char)(next_in + n);
		if (ring_read_space(r) > 16)
			bad++;
		got = ring_read(r, out, 1 + (round * 7) % 19);
		for (i = 0; i < got; i++) {
			if (out[i] != next_out++)
				bad++;
		}
	}
	T_CHECKF(bad == 0, "%d bad bytes", bad);

	/* A full ring accepts nothing and reports no space. */
	ring_reset(r);
	memset(in, 0xab, sizeof in);
	T_CHECK(ring_write(r, in, 40) == 16);
	T_CHECK(ring_write_space(r) == 0);
	T_CHECK(ring_write(r, in, 1) == 0);
	T_CHECK(ring_read_space(r) == 16);

	/* Blocks stop at the end of the buffer: write 10, read 10, then a
	 * 12-byte write must come back as 6 + 6. */
	ring_reset(r);
	T_CHECK(ring_write(r, in, 10) == 10);
	T_CHECK(ring_read(r, out, 10) == 10);
	(void)ring_wgetblk(r, &n);
	T_CHECKF(n == 6, "wgetblk %zu", n);
	for (i = 0; i < 12; i++)
		in[i] = (unsigned char)(100 + i);
	T_CHECK(ring_write(r, in, 12) == 12);
	blk = ring_rgetblk(r, &n);
	T_CHECKF(n == 6, "rgetblk %zu", n);
	T_CHECK(blk[0] == 100 && blk[5] == 105);
	ring_rdiscard(r, 6);
	blk = ring_rgetblk(r, &n);
	T_CHECKF(n == 6, "rgetblk after wrap %zu", n);
	T_CHECK(blk[0] == 106 && blk[5] == 111);
	ring_rdiscard(r, 6);
	T_CHECK(ring_read_space(r) == 0);
	(void)ring_rgetblk(r, &n);
	T_CHECK(n == 0);

	ring_free(r);
}

struct xfer {
	struct ring	*r;
	uint32_t	 bad;
	uint32_t	 first_bad;
	uint32_t	 got;
};

static void *
xfer_writer(void *arg)
{
	struct xfer	*x = arg;
	unsigned char	*blk;
	uint32_t	 next = 0, v, rnd = 12345;
	size_t		 n, want, k;
	unsigned char	 part[4];
	size_t		 partlen = 0, partoff = 0;

	/* Byte-granular: values are split across blocks and across the wrap
	 * on purpose, with block sizes from a small LCG. */
	while (next < NVALUES || partoff < partlen) {
		blk = ring_wgetblk(x->r, &n);
		if (n == 0) {
			sched_yield();
			continue;
		}
		rnd = rnd * 1103515245u + 12345u;
		want = 1 + (rnd >> 16) % 1500;
		if (n > want)
			n = want;
		for (k = 0; k < n; k++) {
			if (partoff == partlen) {
				if (next == NVALUES)
					break;
				v = next++;
				memcpy(part, &v, 4);
				partlen = 4;
				partoff = 0;
			}
			blk[k] = part[partoff++];
		}
		ring_wcommit(x->r, k);
	}
	return NULL;
}

static void *
xfer_reader(void *arg)
{
	struct xfer		*x = arg;
	const unsigned char	*blk;
	uint32_t		 v, rnd = 999;
	size_t			 n, want, k;
	unsigned char		 part[4];
	size_t			 partlen = 0;

	while (x->got < NVALUES) {
		blk = ring_rgetblk(x->r, &n);
		if (n == 0) {
			sched_yield();
			continue;
		}
		rnd = rnd * 1103515245u + 12345u;
		want = 1 + (rnd >> 16) % 1300;
		if (n > want)
			n = want;
		for (k = 0; k < n; k++) {
			part[partlen++] = blk[k];
			if (partlen < 4)
				continue;
			partlen = 0;
			memcpy(&v, part, 4);
			if (v != x->got && x->bad++ == 0)
				x->first_bad = x->got;
			x->got++;
		}
		ring_rdiscard(x->r, n);
	}
	return NULL;
}

/* The same through the copying helpers, in odd-sized pieces. */
static void *
copy_writer(void *arg)
{
	struct xfer	*x = arg;
	uint32_t	 buf[97], next = 0;
	size_t		 i, n, sent, total;
	unsigned char	*p;

	while (next < NVALUES) {
		n = NVALUES - next < 97 ? NVALUES - next : 97;
		for (i = 0; i < n; i++)
			buf[i] = next + (uint32_t)i;
		next += (uint32_t)n;
		p = (unsigned char *)buf;
		total = n * 4;
		for (sent = 0; sent < total; ) {
			sent += ring_write(x->r, p + sent, total - sent);
			if (sent < total)
				sched_yield();
		}
	}
	return NULL;
}

static void *
copy_reader(void *arg)
{
	struct xfer	*x = arg;
	uint32_t	 buf[61];
	size_t		 i, n;

	while (x->got < NVALUES) {
		/* Whole values only: read_space is a lower bound. */
		n = ring_read_space(x->r) / 4;
		if (n == 0) {
			sched_yield();
			continue;
		}
		if (n > 61)
			n = 61;
		if (ring_read(x->r, buf, n * 4) != n * 4 && x->bad++ == 0)
			x->first_bad = x->got;
		for (i = 0; i < n; i++) {
			if (buf[i] != x->got && x->bad++ == 0)
				x->first_bad = x->got;
			x->got++;
		}
	}
	return NULL;
}

static void
test_threads(void *(*wr)(void *), void *(*rd)(void *), const char *name)
{
	struct xfer	x;
	pthread_t	tw, tr;

	memset(&x, 0, sizeof x);
	x.r = ring_new(SMALL);
	T_CHECK(pthread_create(&tr, NULL, rd, &x) == 0);
	T_CHECK(pthread_create(&tw, NULL, wr, &x) == 0);
	pthread_join(tw, NULL);
	pthread_join(tr, NULL);
	T_CHECKF(x.got == NVALUES, "%s: got %u", name, x.got);
	T_CHECKF(x.bad == 0, "%s: %u bad values, first at %u", name, x.bad,
	    x.first_bad);
	T_CHECK(ring_read_space(x.r) == 0);
	ring_free(x.r);
}

int
main(void)
{
	test_capacity();
	test_wrap();
	test_threads(xfer_writer, xfer_reader, "blocks");
	test_threads(copy_writer, copy_reader, "copies");
	T_DONE();
}
