/* ring.c - lock-free single-producer/single-consumer byte ring. */
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ring.h"

/*
 * head and tail are free-running byte counts, never reduced modulo the
 * capacity: since the capacity is a power of two it divides 2^N, so
 * head - tail is the fill level even after the counters wrap, and a full
 * ring is told apart from an empty one without wasting a byte.
 *
 * Only the writer stores head and only the reader stores tail.  The writer
 * publishes bytes with a release store of head which the reader's acquire
 * load pairs with; the same holds for tail in the other direction, so the
 * writer never overwrites bytes the reader is still copying.
 *
 * Each counter sits on its own cache line so the two threads do not keep
 * stealing the line from each other.
 */
#define RING_LINE 64

struct ring {
	unsigned char	*buf;
	size_t		 cap;
	size_t		 mask;

	_Alignas(RING_LINE) _Atomic size_t head;	/* written by writer */
	_Alignas(RING_LINE) _Atomic size_t tail;	/* written by reader */
};

static size_t
ring_round(size_t bytes)
{
	size_t	n = 1;

	while (n < bytes) {
		if (n > SIZE_MAX / 2)
			return 0;
		n <<= 1;
	}
	return n;
}

struct ring *
ring_new(size_t bytes)
{
	struct ring	*r;
	size_t		 cap;

	cap = ring_round(bytes);
	if (cap == 0)
		return NULL;
	/* aligned_alloc keeps the _Alignas of the counters honest. */
	r = aligned_alloc(RING_LINE, sizeof *r);
	if (r == NULL)
		return NULL;
	r->buf = malloc(cap);
	if (r->buf == NULL) {
		free(r);
		return NULL;
	}
	r->cap = cap;
	r->mask = cap - 1;
	atomic_init(&r->head, 0);
	atomic_init(&r->tail, 0);
	return r;
}

void
ring_free(struct ring *r)
{
	if (r == NULL)
		return;
	free(r->buf);
	free(r);
}

size_t
ring_capacity(const struct ring *r)
{
	return r->cap;
}

size_t
ring_read_space(const struct ring *r)
{
	size_t	head, tail;

	head = atomic_load_explicit(&r->head, memory_order_acquire);
	tail = atomic_load_explicit(&r->tail, memory_order_relaxed);
	return head - tail;
}

size_t
ring_write_space(const struct ring *r)
{
	size_t	head, tail;

	tail = atomic_load_explicit(&r->tail, memory_order_acquire);
	head = atomic_load_explicit(&r->head, memory_order_relaxed);
	return r->cap - (head - tail);
}

void *
ring_wgetblk(struct ring *r, size_t *len)
{
	size_t	head, off, space;

	space = ring_write_space(r);
	head = atomic_load_explicit(&r->head, memory_order_relaxed);
	off = head & r->mask;
	if (space > r->cap - off)
		space = r->cap - off;
	*len = space;
	return r->buf + off;
}

void
ring_wcommit(struct ring *r, size_t len)
{
	size_t	head;

	head = atomic_load_explicit(&r->head, memory_order_relaxed);
	atomic_store_explicit(&r->head, head + len, memory_order_release);
}

const void *
ring_rgetblk(struct ring *r, size_t *len)
{
	size_t	tail, off, space;

	space = ring_read_space(r);
	tail = atomic_load_explicit(&r->tail, memory_order_relaxed);
	off = tail & r->mask;
	if (space > r->cap - off)
		space = r->cap - off;
	*len = space;
	return r->buf + off;
}

void
ring_rdiscard(struct ring *r, size_t len)
{
	size_t	tail;

	tail = atomic_load_explicit(&r->tail, memory_order_relaxed);
	atomic_store_explicit(&r->tail, tail + len, memory_order_release);
}

size_t
ring_write(struct ring *r, const void *src, size_t len)
{
	const unsigned char	*p = src;
	size_t			 done = 0, n;
	void			*blk;

	/* At most two blocks: up to the end of the buffer, then from 0. */
	while (done < len) {
		blk = ring_wgetblk(r, &n);
		if (n == 0)
			break;
		if (n > len - done)
			n = len - done;
		memcpy(blk, p + done, n);
		ring_wcommit(r, n);
		done += n;
	}
	return done;
}

size_t
ring_read(struct ring *r, void *dst, size_t len)
{
	unsigned char	*p = dst;
	size_t		 done = 0, n;
	const void	*blk;

	while (done < len) {
		blk = ring_rgetblk(r, &n);
		if (n == 0)
			break;
		if (n > len - done)
			n = len - done;
		memcpy(p + done, blk, n);
		ring_rdiscard(r, n);
		done += n;
	}
	return done;
}

void
ring_reset(struct ring *r)
{
	atomic_store_explicit(&r->head, 0, memory_order_relaxed);
	atomic_store_explicit(&r->tail, 0, memory_order_relaxed);
}
