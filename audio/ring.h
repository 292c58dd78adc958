/* ring.h - lock-free single-producer/single-consumer byte ring.
 *
 * One thread writes, one thread reads; neither ever blocks or allocates.
 * The API follows sndio's abuf: get a contiguous block, fill or consume it,
 * then commit.  Capacity is rounded up to a power of two.
 */
#ifndef REEL_RING_H
#define REEL_RING_H

#include <stddef.h>

struct ring;

/* Allocates a ring of at least `bytes` capacity; NULL when out of memory. */
struct ring *ring_new(size_t bytes);
void ring_free(struct ring *r);

size_t ring_capacity(const struct ring *r);
/* Bytes the reader may consume now (reader side). */
size_t ring_read_space(const struct ring *r);
/* Bytes the writer may add now (writer side). */
size_t ring_write_space(const struct ring *r);

/* Writer: a contiguous free block of *len bytes (may be less than
 * ring_write_space when the block wraps); commit what was filled. */
void *ring_wgetblk(struct ring *r, size_t *len);
void ring_wcommit(struct ring *r, size_t len);
/* Reader: a contiguous readable block; discard what was consumed. */
const void *ring_rgetblk(struct ring *r, size_t *len);
void ring_rdiscard(struct ring *r, size_t len);

/* Copying helpers built on the block API: they move min(len, space) bytes
 * and return how many. */
size_t ring_write(struct ring *r, const void *src, size_t len);
size_t ring_read(struct ring *r, void *dst, size_t len);

/* Empties the ring.  Only while neither side is using it. */
void ring_reset(struct ring *r);

#endif
