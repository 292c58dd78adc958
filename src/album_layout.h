/* album_layout.h - the album as it would be delivered, for the eye and
 * the ear: the CD's layout (deliver_disc_plan: pregap, track starts,
 * gaps, index points, lead-out) and the vinyl sides (deliver_vinyl_plan)
 * from the songs' measured lengths, and the text the Album screen and
 * `album-layout` show of them.  No layout rule lives here: every position
 * comes from the delivery's own planners. */
#ifndef REEL_ALBUM_LAYOUT_H
#define REEL_ALBUM_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "album.h"
#include "deliver.h"
#include "deliver_vinyl.h"

/* 74:00, the programme every CD player reads. */
#define ALBUM_LAYOUT_SAFE_SECTORS (74 * 60 * 75)

struct album_layout {
	int unmeasured;			/* songs not measured yet */
	bool disc_ok, vinyl_ok;		/* planned (findings may remain) */
	struct deliver_disc disc;
	struct deliver_report disc_r;
	const struct deliver_vinyl_format *fmt;
	struct deliver_vinyl_plan vinyl;
	struct deliver_report vinyl_r;
};

/* The vinyl format by name, or 12in33 for NULL or "". */
const struct deliver_vinyl_format *album_layout_format(const char *name);
/* The format after cur in deliver_vinyl_formats, round. */
const struct deliver_vinyl_format *album_layout_format_next(
    const struct deliver_vinyl_format *cur);

/* Plans both from a's measured lengths (nothing when a song is not
 * measured: l->unmeasured says how many).  Free with album_layout_free. */
void album_layout_make(const struct album *a,
    const struct deliver_vinyl_format *fmt, struct album_layout *l);
void album_layout_free(struct album_layout *l);
/* What the layout depends on (order, lengths, gaps, crossfades, index
 * points, sides, rate, format): equal keys give equal layouts. */
uint64_t album_layout_key(const struct album *a,
    const struct deliver_vinyl_format *fmt);

/* The disc's total against the limit: "CD 41:12 of 79:57 (74:00 fits
 * every player)", or the over-limit warning.  True when over 79:57. */
bool album_layout_cd_line(const struct album_layout *l, char *buf,
    size_t len);
/* Side k (0 = A): "side A  20:31 of 24:00  songs 1-5", "(too long)" when
 * over the format's limit.  True when over. */
bool album_layout_side_line(const struct album *a,
    const struct album_layout *l, int k, char *buf, size_t len);

/* The disc as w cells (w >= 8) into cells (w bytes and a NUL): the scale
 * is 79:57, or the disc's length when longer (then every cell past
 * 79:57 is '!').  A track's cells are '=' with its number at its start
 * (index 01), a pause (index 00 to 01, and the 2 s pregap) '.', an index
 * point from 02 on '^', the room left ' '.  track[c] (may be NULL) gets the
 * track the cell belongs to, -1 for none. */
void album_layout_bar(const struct album_layout *l, int w, char *cells,
    int *track);

#endif
