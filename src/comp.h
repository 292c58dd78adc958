/* comp.h - a track's comp: which take plays where.
 *
 * A comp is a sorted list of non-overlapping timeline ranges, each naming a
 * take.  Where two ranges meet, the playlist crosses them over with an
 * equal-power crossfade centred on the boundary (the later range's xfade).
 * Editing a comp never touches a take file.
 */
#ifndef REEL_COMP_H
#define REEL_COMP_H

#include <stdint.h>

#include "project.h"
#include "stream.h"

/* Puts take `take` over [start, end), splitting or trimming the ranges
 * there.  xfade: crossfade frames at the new range's boundaries. */
void comp_put(struct track *t, int take, int64_t start, int64_t end,
    int64_t xfade);
/* Makes take k the whole comp. */
void comp_whole(struct track *t, const struct take *k, int64_t xfade);
/* Drops ranges naming a take that no longer exists; merges neighbours of
 * the same take. */
void comp_tidy(struct track *t);
/* The take playing at frame pos, or 0. */
int comp_take_at(const struct track *t, int64_t pos);
/* Adds the comp's segments to a playback stream, leaving out [cut_start,
 * cut_end) when cut_end > cut_start (a punch range being recorded). */
void comp_segments(const struct project *p, const struct track *t,
    struct pstream *ps, int64_t cut_start, int64_t cut_end);
/* Frames of the default crossfade. */
int64_t comp_default_xfade(const struct project *p);

#endif
