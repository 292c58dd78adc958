/* overview.h - one-line waveform overviews of take files.
 *
 * Computed once per file (and length) with libsndfile in the control
 * thread, kept as a peak per OVERVIEW_FRAMES frames, and reused by every
 * redraw at any zoom.
 */
#ifndef REEL_OVERVIEW_H
#define REEL_OVERVIEW_H

#include <stdint.h>

#define OVERVIEW_FRAMES 512

struct overview {
	char *path;
	int64_t length;		/* frames the file had */
	float *peak;		/* npeaks, 0..1 */
	int64_t npeaks;
	unsigned used;		/* for eviction */
};

struct overview_cache {
	struct overview *o;
	int n;
	unsigned clock;
};

void overview_cache_init(struct overview_cache *c);
void overview_cache_free(struct overview_cache *c);
/* The overview of a file with `length` frames; NULL when unreadable. */
const struct overview *overview_get(struct overview_cache *c,
    const char *path, int64_t length);
/* Peak of file frames [from, to). */
float overview_peak(const struct overview *o, int64_t from, int64_t to);

#endif
