/* tui_onsets.h - detected onsets (onsets, quantize) marked on a lane. */
#ifndef REEL_TUI_ONSETS_H
#define REEL_TUI_ONSETS_H

#include "project.h"

struct tui;

/* The onset mark: an apostrophe, the tick of a stroke on the row. */
#define TUI_ONSET_MARK '\''

/* Puts the mark into the cells ch[0, w) of a lane row that hold `fill`
 * (the blank or fill of a clip or range) or a label's letter (never a
 * clip's bracket or a take's bar) where an
 * onset of track tr falls in the column.  One pass over the columns and
 * the marks in view, nothing when the track has none. */
void tui_onsets_cells(const struct tui *t, const struct track *tr, int w,
    char *ch, char fill);

#endif
