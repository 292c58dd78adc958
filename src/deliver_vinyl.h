/* deliver_vinyl.h - vinyl premasters: sides, one 24-bit file per side,
 * the side sheet, the cutter's warnings (deliver_vinyl.c). */
#ifndef REEL_DELIVER_VINYL_H
#define REEL_DELIVER_VINYL_H

#include "deliver.h"

#define DELIVER_VINYL_SIDES 4

/* A format and how long its side may be. */
struct deliver_vinyl_format {
	const char *name;		/* "12in33" */
	double comfortable_s;		/* full level and bass up to this */
	double max_s;			/* beyond this it cannot be cut */
	const char *what;
};

extern const struct deliver_vinyl_format deliver_vinyl_formats[];
const struct deliver_vinyl_format *deliver_vinyl_format_find(
    const char *name);

struct deliver_vinyl_plan {
	char *side;			/* per song, 'A'.. */
	int64_t *start;			/* per song, frames into its side */
	int64_t *len;			/* per song, frames (set by
					   deliver_vinyl) */
	int64_t side_len[DELIVER_VINYL_SIDES];
	int nsides;
	bool balanced;			/* reel chose the sides */
};

struct deliver_vinyl_opts {
	const struct deliver_vinyl_format *format;
	double ceiling_db;		/* peaks above it are reported */
	deliver_progress_fn progress;
	void *progress_arg;
};

/* Sides and their lengths from the masters' lengths (album rate);
 * findings into r.  0, or -1 when there is nothing to plan. */
int deliver_vinyl_plan(const struct album *a, const int64_t *len,
    const struct deliver_vinyl_format *fmt, struct deliver_vinyl_plan *p,
    struct deliver_report *r);
void deliver_vinyl_plan_free(struct deliver_vinyl_plan *p);

/* Writes dir/side-A.wav ... and dir/sides.txt.  Warnings do not stop it
 * (they are the cutting engineer's notes); errors do.  0 written, 1
 * refused, 2 stopped, -1 failed with err.  p is the plan used (free it
 * with deliver_vinyl_plan_free, which also frees p->len). */
int deliver_vinyl(const struct album *a, char *const *masters,
    const char *dir, const struct deliver_vinyl_opts *o,
    struct deliver_report *r, struct deliver_vinyl_plan *p, char *err,
    size_t errlen);

#endif
