/* clip.h - a track's clips: placed regions of its comp or of a take.
 *
 * A track without a clip list (clipped false) plays its comp as recorded:
 * one implicit clip over everything, comp time == timeline time.  Once it
 * has clips, only they play: each clip takes the comp (or a take's file)
 * over [offset, offset + len) and plays it at [pos, pos + len), through
 * its gain and fades.  A later clip in the list wins where clips overlap;
 * under its fade-in and fade-out the earlier clip fades the other way
 * with the same shape, which makes a crossfade where the user asks for
 * one (a fade on the clip on top) and a clean cut elsewhere.
 */
#ifndef REEL_CLIP_H
#define REEL_CLIP_H

#include <stdbool.h>
#include <stdint.h>

#include "project.h"
#include "stream.h"

/* Whether the track has anything to play. */
bool clip_plays(const struct track *t);
/* Adds the track's segments to a playback stream, leaving out the
 * timeline range [cut_start, cut_end) when cut_end > cut_start (a punch
 * range being recorded).  Without a clip list: comp_segments. */
void clip_segments(const struct project *p, const struct track *t,
    struct pstream *ps, int64_t cut_start, int64_t cut_end);
/* Gives a track without a clip list its identity clips (one per run of
 * touching comp ranges, in place), so that clip edits have something to
 * edit; the sound stays the same. */
void clip_materialize(struct track *t);
/* The clip heard at frame pos (the last one covering it), or -1. */
int clip_at(const struct track *t, int64_t pos);
/* A recording (or import) comped in over [a, b) of a track with clips:
 * a comp clip over it goes on top, unless one already plays it there. */
void clip_recorded(struct track *t, int64_t a, int64_t b);
/* A new clip with no gain and no fades (equal-power when given some). */
struct clip clip_make(int64_t pos, int64_t len, int take, int64_t offset);
/* Inserts c at index `at` (on top of the earlier ones) / removes one. */
void clip_insert(struct track *t, int at, const struct clip *c);
void clip_delete(struct track *t, int i);
/* Splits clip i at `at` (inside it): the right part becomes clip i + 1.
 * A fade that the cut falls in is shortened to fit its part. */
void clip_split(struct track *t, int i, int64_t at);
/* Arrangement edits (sections): every clip crossing `at` is split there,
 * each side fading over `fade` frames (equal-power) so that nothing
 * clicks whatever comes to meet it. */
void clip_cut_edge(struct track *t, int64_t at, int64_t fade);
/* Removes [a, b) and moves what follows back by b - a. */
void clip_remove_range(struct track *t, int64_t a, int64_t b, int64_t fade);
/* Opens a gap of len frames at `at`, moving what follows on. */
void clip_insert_gap(struct track *t, int64_t at, int64_t len, int64_t fade);
/* Copies the clips of [a, b) into a gap opened at `to` (to <= a or
 * to >= b); the copies go on top. */
void clip_copy_range(struct track *t, int64_t a, int64_t b, int64_t to,
    int64_t fade);
/* What plays at timeline frame f, for the screens: the take (0: none),
 * *clip its clip (-1 on a track without clips) and *rec the frame in
 * recording time (take k's file frame *rec - k->start). */
int clip_take_at(const struct track *t, int64_t f, int *clip, int64_t *rec);
/* The linear gain of a clip's dB. */
double clip_gain(double db);

#endif
