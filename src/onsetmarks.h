/* onsetmarks.h - the onsets last found on each track (onsets, quantize),
 * which the Arrangement and Takes screens mark on the clips.
 *
 * Marks live in the session, not in the project: they are a view of the
 * last analysis.  A track's marks hold while what it plays (its clips or
 * its comp) is as it was when they were found; after an edit they are
 * not shown (and the next detection replaces them).
 */
#ifndef REEL_ONSETMARKS_H
#define REEL_ONSETMARKS_H

#include <stdint.h>

#include "project.h"

struct onsetmarks;

/* Sets the marks of track t: n timeline frames f (ascending).  *m is
 * created on first use. */
void onsetmarks_set(struct onsetmarks **m, const struct track *t,
    const int64_t *f, int n);
/* The marks of t from frame a on (ascending, *n of them), or NULL when
 * t has none or its audio changed since. */
const int64_t *onsetmarks_get(const struct onsetmarks *m,
    const struct track *t, int64_t a, int *n);
void onsetmarks_free(struct onsetmarks *m);

#endif
