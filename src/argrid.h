/* argrid.h - the arrangement grid: tracks x sections.
 *
 * A track covers the part of a section where it has audio regions: the
 * segments playback streams (clip_segments, the same mapping the engine
 * and render play), not the level of the audio in them.  A section's
 * elements are the tracks that cover any of it; a lead plays where one of
 * them has the role lead.
 */
#ifndef REEL_ARGRID_H
#define REEL_ARGRID_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "project.h"

/* Frames of [a, b) where track t has audio. */
int64_t argrid_cover(const struct project *p, const struct track *t,
    int64_t a, int64_t b);
/* Coverage of section sc by track t, 0..1. */
double argrid_section(const struct project *p, const struct track *t,
    const struct section *sc);
/* The elements of section sc and whether a lead is among them. */
int argrid_elements(const struct project *p, const struct section *sc,
    bool *lead);
/* The cell's mark for a coverage: ' ' none, then <25%, <50%, <75%,
 * >= 75% as light, medium, dark shade and full block (UTF-8), or
 * ". : + #" with ascii. */
const char *argrid_mark(double cover, bool ascii);
/* The grid as a text table: one row per track (role, coverage in percent
 * per section), the elements and lead rows. */
void argrid_write(const struct project *p, FILE *f);

#endif
