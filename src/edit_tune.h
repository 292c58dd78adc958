/* edit_tune.h - what edit_tune.c shares with the commands. */
#ifndef REEL_EDIT_TUNE_H
#define REEL_EDIT_TUNE_H

#include "dsp_tune.h"
#include "edit.h"

/* The target of a tune's parameters (key= and scale=, or note=) into
 * par (mask and note; the rest zero).  0, or -1 (reported). */
int edit_tune_target(struct session *s, const struct edit_params *ep,
    struct dsp_tune_params *par);

#endif
