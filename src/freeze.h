/* freeze.h - freezing a track: its inserts rendered to a file it plays
 * instead (freeze.c). */
#ifndef REEL_FREEZE_H
#define REEL_FREEZE_H

#include <stdint.h>

#include "mixer.h"
#include "session.h"

/* Renders track ti (which has inserts) over [0, project length) through
 * its inserts, post-insert and pre-fader, in its channels, to a new
 * 32-bit float file in audio/.  *file gets its path relative to the
 * project (heap), *frames its length.  0, or -1 (reported; no file
 * left). */
int freeze_render(struct session *s, int ti, char **file, int64_t *frames);
/* Inserts the graph of snap runs (a frozen track's are not in it). */
int freeze_inserts_running(const struct snapshot *snap);

#endif
