/* clip.c - clips to stream segments. */
#include "clip.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "comp.h"
#include "util.h"

/* A visible part of a clip: [a, b), with the crossfades the clips on top
 * of it ask for. */
struct clip_piece {
	int64_t a, b;
	struct segment_fade fade[SEGMENT_ENV_FADES - 2];
	int nfades;
};

struct clip
clip_make(int64_t pos, int64_t len, int take, int64_t offset)
{
	struct clip c;

	memset(&c, 0, sizeof c);
	c.pos = pos;
	c.len = len;
	c.take = take;
	c.offset = offset;
	c.shape_in = c.shape_out = SHAPE_EQUAL_POWER;
	return c;
}

double
clip_gain(double db)
{
	return db == 0.0 ? 1.0 : pow(10.0, db / 20.0);
}

bool
clip_plays(const struct track *t)
{
	return t->clipped ? t->nclips > 0 : t->ncomp > 0;
}

void
clip_insert(struct track *t, int at, const struct clip *c)
{
	t->clips = xreallocarray(t->clips, t->nclips + 1, sizeof *t->clips);
	memmove(&t->clips[at + 1], &t->clips[at],
	    (t->nclips - at) * sizeof *t->clips);
	t->clips[at] = *c;
	t->nclips++;
}

void
clip_delete(struct track *t, int i)
{
	memmove(&t->clips[i], &t->clips[i + 1],
	    (t->nclips - i - 1) * sizeof *t->clips);
	t->nclips--;
}

void
clip_materialize(struct track *t)
{
	struct clip c;
	int i, j;

	if (t->clipped)
		return;
	t->clipped = true;
	/* One clip per run of touching ranges: a crossfade between two
	 * ranges stays inside one clip, and nothing plays between runs. */
	for (i = 0; i < t->ncomp; i = j + 1) {
		for (j = i; j + 1 < t->ncomp &&
		    t->comp[j + 1].start == t->comp[j].end; j++)
			;
		c = clip_make(t->comp[i].start, t->comp[j].end -
		    t->comp[i].start, 0, t->comp[i].start);
		clip_insert(t, t->nclips, &c);
	}
}

int
clip_at(const struct track *t, int64_t pos)
{
	int i;

	for (i = t->nclips - 1; i >= 0; i--)
		if (pos >= t->clips[i].pos &&
		    pos < t->clips[i].pos + t->clips[i].len)
			return i;
	return -1;
}

void
clip_split(struct track *t, int i, int64_t at)
{
	struct clip r = t->clips[i];
	struct clip *l;

	r.pos = at;
	r.len = t->clips[i].pos + t->clips[i].len - at;
	r.offset += at - t->clips[i].pos;
	r.fade_in = 0;
	if (r.fade_out > r.len)
		r.fade_out = r.len;
	clip_insert(t, i + 1, &r);
	l = &t->clips[i];
	l->len = at - l->pos;
	l->fade_out = 0;
	if (l->fade_in > l->len)
		l->fade_in = l->len;
}

void
clip_recorded(struct track *t, int64_t a, int64_t b)
{
	struct clip c;
	int i, j;

	if (!t->clipped || b <= a)
		return;
	/* Already heard as recorded: a comp clip in place over [a, b),
	 * untouched by fades there, with nothing on top of it. */
	for (i = t->nclips - 1; i >= 0; i--) {
		const struct clip *k = &t->clips[i];

		if (k->pos >= b || k->pos + k->len <= a)
			continue;
		if (k->take == 0 && k->file[0] == '\0' && k->offset == k->pos && k->pos <= a &&
		    k->pos + k->len >= b && k->pos + k->fade_in <= a &&
		    k->pos + k->len - k->fade_out >= b) {
			for (j = i + 1; j < t->nclips; j++)
				if (t->clips[j].pos < b &&
				    t->clips[j].pos + t->clips[j].len > a)
					break;
			if (j == t->nclips)
				return;
		}
		break;
	}
	c = clip_make(a, b - a, 0, a);
	clip_insert(t, t->nclips, &c);
}

/* Removes [h0, h1) from the pieces; the parts left of it fade out under
 * `fin` frames before h0, the parts right of it fade in over `fout`
 * frames from h1 (0: a plain cut). */
static void
clip_cut(struct clip_piece **pcs, int *n, int64_t h0, int64_t h1,
    int64_t fin, int64_t fout, int shape_in, int shape_out)
{
	int k, m = *n;

	if (h1 <= h0)
		return;
	for (k = 0; k < m; k++) {
		struct clip_piece p = (*pcs)[k], l = p, r = p;
		bool left, right;

		if (p.b <= h0 || p.a >= h1)
			continue;
		left = p.a < h0;
		right = p.b > h1;
		l.b = h0;
		if (fin > 0 && l.nfades < SEGMENT_ENV_FADES - 2)
			l.fade[l.nfades++] = (struct segment_fade){ h0, fin,
			    shape_in, 1 };
		r.a = h1;
		if (fout > 0 && r.nfades < SEGMENT_ENV_FADES - 2)
			r.fade[r.nfades++] = (struct segment_fade){ h1, fout,
			    shape_out, 0 };
		if (left && right) {
			*pcs = xreallocarray(*pcs, *n + 1, sizeof **pcs);
			memmove(&(*pcs)[k + 2], &(*pcs)[k + 1],
			    (*n - k - 1) * sizeof **pcs);
			(*pcs)[k] = l;
			(*pcs)[k + 1] = r;
			(*n)++;
			m++;
			k++;
		} else if (left)
			(*pcs)[k] = l;
		else if (right)
			(*pcs)[k] = r;
		else {
			memmove(&(*pcs)[k], &(*pcs)[k + 1],
			    (*n - k - 1) * sizeof **pcs);
			(*n)--;
			m--;
			k--;
		}
	}
}

static int
clip_source(struct pstream *ps, const char *path)
{
	int i;

	for (i = 0; i < ps->nsources; i++)
		if (strcmp(ps->paths[i], path) == 0)
			return i;
	return pstream_add_source(ps, path);
}

/* One visible piece of clip c as segments. */
static void
clip_piece_segments(const struct project *p, const struct track *t,
    const struct clip *c, const struct clip_piece *pc,
    const struct pstream *comp, struct pstream *ps)
{
	struct segment_env env;
	struct segment seg;
	int envn = 0, i;

	memset(&env, 0, sizeof env);
	env.gain = clip_gain(c->gain_db);
	if (c->fade_in > 0)
		env.fade[env.nfades++] = (struct segment_fade){ c->pos,
		    c->fade_in, c->shape_in, 0 };
	if (c->fade_out > 0)
		env.fade[env.nfades++] = (struct segment_fade){ c->pos +
		    c->len, c->fade_out, c->shape_out, 1 };
	for (i = 0; i < pc->nfades; i++)
		env.fade[env.nfades++] = pc->fade[i];
	/* Unity and no fades: the plain path, sample for sample. */
	if (env.gain != 1.0 || env.nfades > 0)
		envn = pstream_add_env(ps, &env);
	if (c->file[0] != '\0') {
		char *path = project_path(p, c->file);

		memset(&seg, 0, sizeof seg);
		seg.start = pc->a;
		seg.end = pc->b;
		seg.offset = c->offset + (pc->a - c->pos);
		seg.env = envn;
		seg.source = clip_source(ps, path);
		free(path);
		pstream_add_segment(ps, &seg);
		return;
	}
	if (c->take != 0) {
		const struct take *k = project_take((struct track *)t,
		    c->take);
		char *path;

		if (k == NULL)
			return;
		memset(&seg, 0, sizeof seg);
		seg.start = pc->a;
		seg.end = pc->b;
		seg.offset = c->offset + (pc->a - c->pos);
		seg.env = envn;
		path = project_path(p, k->file);
		seg.source = clip_source(ps, path);
		free(path);
		pstream_add_segment(ps, &seg);
		return;
	}
	for (i = 0; i < comp->nsegs; i++) {
		int64_t d = c->pos - c->offset, a, b;

		seg = comp->segs[i];
		seg.start += d;
		seg.end += d;
		a = seg.start > pc->a ? seg.start : pc->a;
		b = seg.end < pc->b ? seg.end : pc->b;
		if (a >= b)
			continue;
		if (a != seg.start || b != seg.end) {
			seg.win_start = a;
			seg.win_end = b;
		}
		seg.env = envn;
		seg.source = clip_source(ps, comp->paths[seg.source]);
		pstream_add_segment(ps, &seg);
	}
}

void
clip_segments(const struct project *p, const struct track *t,
    struct pstream *ps, int64_t cut_start, int64_t cut_end)
{
	struct pstream comp;
	struct clip_piece *pcs = NULL;
	int i, j, n;

	if (!t->clipped) {
		comp_segments(p, t, ps, cut_start, cut_end);
		return;
	}
	/* The comp as recorded, read through each clip. */
	memset(&comp, 0, sizeof comp);
	comp_segments(p, t, &comp, 0, 0);
	for (i = 0; i < t->nclips; i++) {
		const struct clip *c = &t->clips[i];

		n = 1;
		pcs = xreallocarray(pcs, 1, sizeof *pcs);
		memset(pcs, 0, sizeof *pcs);
		pcs[0].a = c->pos;
		pcs[0].b = c->pos + c->len;
		for (j = i + 1; j < t->nclips && n > 0; j++) {
			const struct clip *u = &t->clips[j];

			clip_cut(&pcs, &n, u->pos + u->fade_in,
			    u->pos + u->len - u->fade_out, u->fade_in,
			    u->fade_out, u->shape_in, u->shape_out);
		}
		if (cut_end > cut_start)
			clip_cut(&pcs, &n, cut_start, cut_end, 0, 0, 0, 0);
		for (j = 0; j < n; j++)
			clip_piece_segments(p, t, c, &pcs[j], &comp, ps);
	}
	free(pcs);
	for (i = 0; i < comp.nsources; i++)
		free(comp.paths[i]);
	free(comp.paths);
	free(comp.srcs);
	free(comp.segs);
	free(comp.envs);
}

void
clip_cut_edge(struct track *t, int64_t at, int64_t fade)
{
	int i;

	for (i = 0; i < t->nclips; i++) {
		struct clip *c = &t->clips[i];

		if (at <= c->pos || at >= c->pos + c->len)
			continue;
		clip_split(t, i, at);
		c = &t->clips[i];
		c->fade_out = fade < c->len - c->fade_in ? fade :
		    c->len - c->fade_in;
		c->shape_out = SHAPE_EQUAL_POWER;
		c = &t->clips[i + 1];
		c->fade_in = fade < c->len - c->fade_out ? fade :
		    c->len - c->fade_out;
		c->shape_in = SHAPE_EQUAL_POWER;
		i++;
	}
}

void
clip_remove_range(struct track *t, int64_t a, int64_t b, int64_t fade)
{
	int i;

	clip_cut_edge(t, a, fade);
	clip_cut_edge(t, b, fade);
	for (i = 0; i < t->nclips; i++) {
		struct clip *c = &t->clips[i];

		if (c->pos >= a && c->pos + c->len <= b) {
			clip_delete(t, i--);
			continue;
		}
		if (c->pos >= b)
			c->pos -= b - a;
	}
}

void
clip_insert_gap(struct track *t, int64_t at, int64_t len, int64_t fade)
{
	int i;

	clip_cut_edge(t, at, fade);
	for (i = 0; i < t->nclips; i++)
		if (t->clips[i].pos >= at)
			t->clips[i].pos += len;
}

void
clip_copy_range(struct track *t, int64_t a, int64_t b, int64_t to,
    int64_t fade)
{
	struct clip *copy;
	int i, n = 0;

	clip_cut_edge(t, a, fade);
	clip_cut_edge(t, b, fade);
	copy = xcalloc(t->nclips ? t->nclips : 1, sizeof *copy);
	for (i = 0; i < t->nclips; i++)
		if (t->clips[i].pos >= a && t->clips[i].pos + t->clips[i].len <=
		    b)
			copy[n++] = t->clips[i];
	clip_insert_gap(t, to, b - a, fade);
	for (i = 0; i < n; i++) {
		copy[i].pos += to - a;
		clip_insert(t, t->nclips, &copy[i]);
	}
	free(copy);
}

int
clip_take_at(const struct track *t, int64_t f, int *clip, int64_t *rec)
{
	const struct clip *c;
	const struct take *k;
	int i;

	*clip = -1;
	*rec = f;
	if (!t->clipped)
		return comp_take_at(t, f);
	if ((i = clip_at(t, f)) < 0)
		return 0;
	*clip = i;
	c = &t->clips[i];
	if (c->file[0] != '\0')
		return 0;	/* an edit's file: no take plays there */
	if (c->take == 0) {
		*rec = c->offset + (f - c->pos);
		return comp_take_at(t, *rec);
	}
	if ((k = project_take((struct track *)t, c->take)) == NULL)
		return 0;
	*rec = k->start + c->offset + (f - c->pos);
	return c->take;
}
