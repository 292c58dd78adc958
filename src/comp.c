/* comp.c - comp ranges and the playlist they make. */
#include "comp.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

int64_t
comp_default_xfade(const struct project *p)
{
	return (int64_t)p->xfade_ms * p->rate / 1000;
}

static void
comp_insert(struct track *t, int at, const struct comp_range *r)
{
	t->comp = xreallocarray(t->comp, t->ncomp + 1, sizeof *t->comp);
	memmove(&t->comp[at + 1], &t->comp[at],
	    (t->ncomp - at) * sizeof *t->comp);
	t->comp[at] = *r;
	t->ncomp++;
}

static void
comp_delete(struct track *t, int at)
{
	memmove(&t->comp[at], &t->comp[at + 1],
	    (t->ncomp - at - 1) * sizeof *t->comp);
	t->ncomp--;
}

void
comp_put(struct track *t, int take, int64_t start, int64_t end,
    int64_t xfade)
{
	struct comp_range r = { start, end, take, xfade };
	int i;

	if (end <= start)
		return;
	for (i = 0; i < t->ncomp; i++) {
		struct comp_range *c = &t->comp[i];

		if (c->end <= start || c->start >= end)
			continue;
		if (c->start < start && c->end > end) {
			/* The new range falls inside: split around it. */
			struct comp_range tail = *c;

			tail.start = end;
			tail.xfade = xfade;
			c->end = start;
			comp_insert(t, i + 1, &tail);
			break;
		}
		if (c->start < start)
			c->end = start;
		else if (c->end > end) {
			c->start = end;
			c->xfade = xfade;
		} else {
			comp_delete(t, i);
			i--;
		}
	}
	for (i = 0; i < t->ncomp && t->comp[i].start < start; i++)
		;
	comp_insert(t, i, &r);
	comp_tidy(t);
}

void
comp_whole(struct track *t, const struct take *k, int64_t xfade)
{
	t->ncomp = 0;
	comp_put(t, k->id, k->rec_start, k->rec_end, xfade);
}

void
comp_tidy(struct track *t)
{
	int i;

	for (i = 0; i < t->ncomp; i++)
		if (project_take(t, t->comp[i].take) == NULL ||
		    t->comp[i].end <= t->comp[i].start) {
			comp_delete(t, i);
			i--;
		}
	for (i = 1; i < t->ncomp; i++) {
		struct comp_range *a = &t->comp[i - 1], *b = &t->comp[i];

		if (a->take == b->take && a->end == b->start) {
			a->end = b->end;
			comp_delete(t, i);
			i--;
		}
	}
}

int
comp_take_at(const struct track *t, int64_t pos)
{
	int i;

	for (i = 0; i < t->ncomp; i++)
		if (pos >= t->comp[i].start && pos < t->comp[i].end)
			return t->comp[i].take;
	return 0;
}

static int
comp_source(struct pstream *ps, const char *path)
{
	int i;

	for (i = 0; i < ps->nsources; i++)
		if (strcmp(ps->paths[i], path) == 0)
			return i;
	return pstream_add_source(ps, path);
}

/* The crossfade into range i, fitted to the audio both takes have: the
 * earlier take must go on X - X/2 frames past the boundary and the later
 * one start X/2 before it, and a take's file may end (or begin) sooner.
 * Both sides call this, so they agree. */
static int64_t
comp_xfade_at(const struct track *t, int i)
{
	const struct comp_range *c = &t->comp[i];
	const struct take *a, *b;
	int64_t x, after, before;

	if (i == 0 || t->comp[i - 1].end != c->start || c->xfade <= 0)
		return 0;
	a = project_take((struct track *)t, t->comp[i - 1].take);
	b = project_take((struct track *)t, c->take);
	if (a == NULL || b == NULL)
		return 0;
	x = c->xfade;
	after = a->start + a->length - c->start;	/* A's audio past b */
	before = c->start - b->start;			/* B's audio before b */
	while (x > 0 && (x - x / 2 > after || x / 2 > before))
		x = x - x / 2 > after ? 2 * after : x / 2 > before ?
		    2 * before + 1 : x;
	return x > 0 ? x : 0;
}

/* One comp range as a segment: widened by half a crossfade into each
 * neighbour it touches, fading over the whole crossfade. */
static void
comp_add_range(const struct project *p, struct track *t,
    struct pstream *ps, int i, int64_t start, int64_t end)
{
	const struct comp_range *c = &t->comp[i];
	const struct take *k = project_take(t, c->take);
	struct segment seg;
	int64_t x;
	char *path;

	memset(&seg, 0, sizeof seg);
	seg.start = start;
	seg.end = end;
	if (start == c->start && (x = comp_xfade_at(t, i)) > 0) {
		seg.start = c->start - x / 2;
		seg.fade_in = x;
	}
	if (end == c->end && i + 1 < t->ncomp &&
	    (x = comp_xfade_at(t, i + 1)) > 0) {
		seg.end = c->end - x / 2 + x;
		seg.fade_out = x;
	}
	seg.offset = seg.start - k->start;
	path = project_path(p, k->file);
	seg.source = comp_source(ps, path);
	free(path);
	pstream_add_segment(ps, &seg);
}

void
comp_segments(const struct project *p, const struct track *ct,
    struct pstream *ps, int64_t cut_start, int64_t cut_end)
{
	struct track *t = (struct track *)ct;
	int i;

	for (i = 0; i < t->ncomp; i++) {
		const struct comp_range *c = &t->comp[i];

		if (project_take(t, c->take) == NULL)
			continue;
		if (cut_end <= cut_start || c->end <= cut_start ||
		    c->start >= cut_end) {
			comp_add_range(p, t, ps, i, c->start, c->end);
			continue;
		}
		/* A punch: the old audio plays up to the punch-in and from
		 * the punch-out on. */
		if (c->start < cut_start)
			comp_add_range(p, t, ps, i, c->start, cut_start);
		if (c->end > cut_end)
			comp_add_range(p, t, ps, i, cut_end, c->end);
	}
}
