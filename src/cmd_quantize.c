/* cmd_quantize.c - quantize: timing correction to the grid, as an edit
 * operation (edit.h) that works on clips in their place.
 *
 * One detection serves a whole take group: the onsets are found on the
 * sum of the group's tracks (or on ref=TRACK) over the clip's range, the
 * slices are planned once (dsp_quantize) and every track of the group
 * is rendered with that one plan, so the tracks keep their offsets to
 * the sample.  The onsets and grid lines are timeline frames; the clips
 * of the other tracks are cut (without fades, so they sound the same) at
 * the range's edges, and each clip in the range gets a new file of its
 * own length that keeps its original source for reprocess and undo.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clip.h"
#include "cmd.h"
#include "dsp_onset.h"
#include "dsp_quantize.h"
#include "edit.h"
#include "onsetmarks.h"
#include "session.h"
#include "util.h"

#define QUANTIZE_KEYS "grid,strength,window,xfade,ref,sensitivity"

extern const struct edit_op edit_quantize_op;

/* The tracks quantized together: t and the rest of its take group. */
struct quantize_group {
	struct track *v[PROJECT_TRACKS_MAX];
	int n;
};

static void
quantize_group(struct session *s, const struct track *t,
    struct quantize_group *g)
{
	int i;

	g->n = 0;
	for (i = 0; i < s->p->ntracks; i++) {
		struct track *u = &s->p->tracks[i];

		if (u == t || (t->group[0] != '\0' &&
		    strcmp(u->group, t->group) == 0))
			g->v[g->n++] = u;
	}
}

static double
quantize_get(const struct edit_params *ep, const char *key, double def)
{
	const char *v = edit_params_get(ep, key);

	return v != NULL ? atof(v) : def;
}

static int
quantize_check(struct session *s, const struct track *t,
    struct edit_params *ep)
{
	const char *grid = edit_params_get(ep, "grid"),
	    *ref = edit_params_get(ep, "ref");
	const struct track *r;
	bool triplet;
	int g;

	if (s->p->tempo.n == 0)
		return session_fail(s, "the project has no tempo: set one "
		    "with tempo BPM (the grid follows the tempo map)");
	if (grid == NULL || project_grid_parse(grid, &g, &triplet) != 0)
		return session_fail(s, "grid: expected 1/1, 1/2, 1/4, 1/8, "
		    "1/16 or 1/32 (t for triplets) or beat, got '%s'",
		    grid ? grid : "");
	if (edit_params_num(s, ep, "strength", 100, 0, 100, "percent") != 0 ||
	    edit_params_num(s, ep, "xfade", 3, 0.5, 10, "ms") != 0 ||
	    edit_params_num(s, ep, "sensitivity", 1.5, 1, 20, "a factor") != 0 ||
	    (edit_params_get(ep, "window") != NULL &&
	    edit_params_num(s, ep, "window", 0, 1, 2000, "ms") != 0))
		return -1;
	if (ref != NULL && ((r = project_track(s->p, ref)) == NULL ||
	    (r != t && (t->group[0] == '\0' || strcmp(r->group,
	    t->group) != 0))))
		return session_fail(s, "ref: expected %s or a track of its "
		    "take group, got '%s'", t->name, ref);
	return 0;
}

/* Clip c's original source at its start: the take (0: the comp) and the
 * source frame.  A quantize result is the same length as its source. */
static void
quantize_orig(const struct clip *c, int *take, int64_t *offset)
{
	if (c->file[0] != '\0') {
		*take = c->from_take;
		*offset = c->from_offset + c->offset;
	} else {
		*take = c->take;
		*offset = c->offset;
	}
}

/* Whether clip c can be quantized: a plain clip or a quantize result. */
static bool
quantize_ok(const struct clip *c)
{
	return c->file[0] == '\0' || (strncmp(c->op, "quantize", 8) == 0 &&
	    (c->op[8] == ' ' || c->op[8] == '\0'));
}

/* The original audio of track u over [P, P + L), mixed to mono and added
 * into x: its clips' sources (no gains or fades; a later clip wins where
 * clips overlap), or its comp.  0, or -1 (reported). */
static int
quantize_ref_add(struct session *s, const struct track *u, int64_t P,
    int64_t L, float *x)
{
	float *m = xcalloc(L > 0 ? L : 1, sizeof *m), *buf;
	int ch = u->channels, i, c;
	int64_t f;

	if (!u->clipped) {
		if ((buf = edit_read(s, u, NULL, P, L)) == NULL) {
			free(m);
			return -1;
		}
		for (f = 0; f < L; f++)
			for (c = 0; c < ch; c++)
				m[f] += buf[f * ch + c] / ch;
		free(buf);
	}
	for (i = 0; u->clipped && i < u->nclips; i++) {
		const struct clip *k = &u->clips[i];
		int64_t a = k->pos > P ? k->pos : P, b = k->pos + k->len <
		    P + L ? k->pos + k->len : P + L, off;
		struct clip src;
		int take;

		if (b <= a)
			continue;
		quantize_orig(k, &take, &off);
		src = clip_make(0, b - a, take, off + (a - k->pos));
		if ((buf = edit_read(s, u, &src, 0, b - a)) == NULL) {
			free(m);
			return -1;
		}
		for (f = a; f < b; f++) {
			float v = 0;

			for (c = 0; c < ch; c++)
				v += buf[(f - a) * ch + c] / ch;
			m[f - P] = v;
		}
		free(buf);
	}
	for (f = 0; f < L; f++)
		x[f] += m[f];
	free(m);
	return 0;
}

/* One detection for the group g over [P, P + L): the plan in frames from
 * P.  0, or -1 (reported). */
static int
quantize_plan(struct session *s, const struct track *t,
    const struct quantize_group *g, const struct edit_params *ep,
    int64_t P, int64_t L, struct dsp_quantize_plan *plan)
{
	const char *ref = edit_params_get(ep, "ref");
	double ms = s->p->rate / 1000.0,
	    window = quantize_get(ep, "window", -1);
	int64_t *on, *line;
	bool triplet;
	int i, no, grid;
	float *x;

	project_grid_parse(edit_params_get(ep, "grid"), &grid, &triplet);
	x = xcalloc(L > 0 ? L : 1, sizeof *x);
	for (i = 0; i < g->n; i++)
		if ((ref == NULL || strcmp(ref, g->v[i]->name) == 0) &&
		    quantize_ref_add(s, g->v[i], P, L, x) != 0) {
			free(x);
			return -1;
		}
	if (edit_progress(s, 0.3) != 0) {
		free(x);
		return session_fail(s, "cancelled");
	}
	no = dsp_onset_find(x, L, s->p->rate, quantize_get(ep, "sensitivity",
	    1.5), &on);
	if (no < 0)
		fatal("out of memory");
	line = xcalloc(no > 0 ? no : 1, sizeof *line);
	for (i = 0; i < no; i++)
		line[i] = tempo_snap(&s->p->tempo, s->p->rate, P + on[i], grid,
		    triplet) - P;
	if (dsp_quantize_plan(x, L, on, line, no, quantize_get(ep, "strength",
	    100) / 100.0, window < 0 ? -1 : llround(window * ms),
	    llround(quantize_get(ep, "xfade", 3) * ms), llround(10 * ms),
	    plan) != 0)
		fatal("out of memory");
	free(line);
	free(on);
	free(x);
	return 0;
}

/* Clip c of track u rendered with the plan (frames from P): c->len
 * frames, malloc; NULL (reported) when cancelled. */
static float *
quantize_render(struct session *s, const struct track *u,
    const struct clip *c, const struct dsp_quantize_plan *plan, int64_t P)
{
	int64_t off, pre, post = plan->xfade + 1;
	struct clip src;
	float *in, *out;
	int take, i;

	for (i = 0; i < plan->n; i++)
		if (llabs(plan->v[i].shift) + plan->xfade + 1 > post)
			post = llabs(plan->v[i].shift) + plan->xfade + 1;
	quantize_orig(c, &take, &off);
	/* A little of the source on either side for slices that reach
	 * past the clip's edges (none before frame 0 of the source). */
	pre = off < post ? off : post;
	src = clip_make(0, pre + c->len + post, take, off - pre);
	if ((in = edit_read(s, u, &src, 0, src.len)) == NULL)
		return NULL;
	out = xcalloc((c->len > 0 ? c->len : 1) * u->channels, sizeof *out);
	dsp_quantize_render(plan, P - c->pos + pre, in, src.len, u->channels,
	    c->pos - P, out, c->len);
	free(in);
	return out;
}

/* What a command has done so far: the files it wrote (removed again
 * when it fails) and the onsets where the plans put them (timeline
 * frames, marked on the group's tracks when it succeeds). */
struct quantize_done {
	char **rel;
	int n;
	int64_t *mark;
	int nmark;
};

static int
quantize_cmp(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

static void
quantize_done_end(struct session *s, const struct track *t,
    struct quantize_done *d, int rc)
{
	struct quantize_group g;
	int i;

	if (rc == 0 && d->nmark > 0) {
		qsort(d->mark, d->nmark, sizeof *d->mark, quantize_cmp);
		quantize_group(s, t, &g);
		for (i = 0; i < g.n; i++)
			onsetmarks_set(&s->marks, g.v[i], d->mark, d->nmark);
	}
	for (i = 0; i < d->n; i++) {
		if (rc != 0) {
			char *path = project_path(s->p, d->rel[i]);

			unlink(path);
			free(path);
		}
		free(d->rel[i]);
	}
	free(d->rel);
	free(d->mark);
	memset(d, 0, sizeof *d);
}

/* The clip lists of the group, to put back after a failure. */
struct quantize_saved {
	struct track *t;
	bool clipped;
	struct clip *clips;
	int nclips;
};

static struct quantize_saved *
quantize_save(const struct quantize_group *g)
{
	struct quantize_saved *sv = xcalloc(g->n, sizeof *sv);
	int i;

	for (i = 0; i < g->n; i++) {
		struct track *u = g->v[i];

		sv[i].t = u;
		sv[i].clipped = u->clipped;
		sv[i].nclips = u->nclips;
		sv[i].clips = xcalloc(u->nclips ? u->nclips : 1,
		    sizeof *sv[i].clips);
		if (u->nclips > 0)
			memcpy(sv[i].clips, u->clips, u->nclips *
			    sizeof *u->clips);
	}
	return sv;
}

static int
quantize_restore(struct quantize_saved *sv, int n, int rc)
{
	int i;

	for (i = 0; i < n; i++) {
		if (rc != 0) {
			struct track *u = sv[i].t;

			free(u->clips);
			u->clips = sv[i].clips;
			u->nclips = sv[i].nclips;
			u->clipped = sv[i].clipped;
		} else
			free(sv[i].clips);
	}
	free(sv);
	return rc;
}

/* Quantizes [P, P + L) of t's group: every clip of theirs inside it gets
 * a new file (listed in w).  The clip lists may change on failure too:
 * the caller restores them.  The number of onsets moved (*onsets: found
 * is added to), or -1. */
static int
quantize_range(struct session *s, struct track *t, int64_t P, int64_t L,
    const struct edit_params *ep, struct quantize_done *w, int *onsets)
{
	struct quantize_group g;
	struct dsp_quantize_plan plan;
	char text[sizeof ((struct clip *)0)->op], at[64];
	int i, j, k, moved = 0, done = 0, total = 0;

	edit_op_text(&edit_quantize_op, ep, text, sizeof text);
	if (strlen(text) >= sizeof text - 1)
		return session_fail(s, "the parameters are too long");
	quantize_group(s, t, &g);
	for (i = 0; i < g.n; i++) {
		struct track *u = g.v[i];

		clip_materialize(u);
		clip_cut_edge(u, P, 0);
		clip_cut_edge(u, P + L, 0);
		for (j = 0; j < u->nclips; j++) {
			const struct clip *c = &u->clips[j];

			if (c->pos < P || c->pos + c->len > P + L)
				continue;
			if (!quantize_ok(c)) {
				cmd_text_time(s, c->pos, at, sizeof at);
				return session_fail(s, "the clip of %s at %s is "
				    "the result of '%s': reprocess it, or undo "
				    "that first", u->name, at, c->op);
			}
			total++;
		}
	}
	if (quantize_plan(s, t, &g, ep, P, L, &plan) != 0)
		return -1;
	for (i = 0; i < g.n; i++) {
		struct track *u = g.v[i];

		for (j = 0; j < u->nclips; j++) {
			struct clip *c = &u->clips[j];
			char *rel;
			float *out;
			int take;
			int64_t off;

			if (c->pos < P || c->pos + c->len > P + L)
				continue;
			if (edit_progress(s, 0.4 + 0.6 * done++ / total) != 0) {
				dsp_quantize_plan_free(&plan);
				return session_fail(s, "cancelled");
			}
			if ((out = quantize_render(s, u, c, &plan, P)) == NULL) {
				dsp_quantize_plan_free(&plan);
				return -1;
			}
			k = edit_write(s, u, "quantize", out, c->len, &rel);
			free(out);
			if (k != 0) {
				dsp_quantize_plan_free(&plan);
				return -1;
			}
			w->rel = xrealloc(w->rel, (w->n + 1) * sizeof *w->rel);
			w->rel[w->n++] = xasprintf("%s", rel);
			quantize_orig(c, &take, &off);
			c->from_take = take;
			c->from_offset = off;
			c->from_len = c->len;
			c->take = 0;
			c->offset = 0;
			snprintf(c->file, sizeof c->file, "%s", rel);
			snprintf(c->op, sizeof c->op, "%s", text);
			free(rel);
		}
	}
	for (k = 1; k < plan.n; k++)
		if (plan.v[k].shift != 0)
			moved++;
	w->mark = xrealloc(w->mark, (w->nmark + plan.n) * sizeof *w->mark);
	for (k = 1; k < plan.n; k++)
		w->mark[w->nmark++] = P + plan.v[k].onset + plan.v[k].shift;
	*onsets += plan.n - 1;
	dsp_quantize_plan_free(&plan);
	return moved;
}

/* edit_apply's hook (reprocess): clip i of t and its group. */
static int
quantize_apply(struct session *s, struct track *t, int i,
    const struct edit_params *ep)
{
	struct quantize_done w = { NULL, 0, NULL, 0 };
	struct quantize_group g;
	struct quantize_saved *sv;
	int rc, found = 0;

	quantize_group(s, t, &g);
	sv = quantize_save(&g);
	rc = quantize_range(s, t, t->clips[i].pos, t->clips[i].len, ep, &w,
	    &found);
	edit_progress_done(s);
	rc = rc < 0 ? -1 : 0;
	quantize_done_end(s, t, &w, rc);
	return quantize_restore(sv, g.n, rc);
}

/* preview's hook: clip c of t as quantize would make it, nothing
 * changed. */
static float *
quantize_preview(struct session *s, const struct track *t,
    const struct clip *c, const struct edit_params *ep, int64_t *outn)
{
	struct quantize_group g;
	struct dsp_quantize_plan plan;
	float *out;

	quantize_group(s, t, &g);
	if (quantize_plan(s, t, &g, ep, c->pos, c->len, &plan) != 0)
		return NULL;
	out = quantize_render(s, t, c, &plan, c->pos);
	dsp_quantize_plan_free(&plan);
	*outn = c->len;
	return out;
}

/* The operation on a source alone (nothing calls it for a clip in
 * place): the track by itself, its first frame on the timeline's 0. */
static float *
quantize_run(struct session *s, const struct track *t,
    const struct edit_params *ep, const float *in, int64_t n, int ch,
    int64_t *outn)
{
	struct dsp_quantize_plan plan;
	double ms = s->p->rate / 1000.0, window = quantize_get(ep, "window",
	    -1);
	int64_t *on, *line, f;
	float *x, *out;
	bool triplet;
	int i, c, no, grid;

	project_grid_parse(edit_params_get(ep, "grid"), &grid, &triplet);
	x = xcalloc(n > 0 ? n : 1, sizeof *x);
	for (f = 0; f < n; f++)
		for (c = 0; c < ch; c++)
			x[f] += in[f * ch + c] / ch;
	if ((no = dsp_onset_find(x, n, s->p->rate, quantize_get(ep,
	    "sensitivity", 1.5), &on)) < 0)
		fatal("out of memory");
	line = xcalloc(no > 0 ? no : 1, sizeof *line);
	for (i = 0; i < no; i++)
		line[i] = tempo_snap(&s->p->tempo, s->p->rate, on[i], grid,
		    triplet);
	if (dsp_quantize_plan(x, n, on, line, no, quantize_get(ep, "strength",
	    100) / 100.0, window < 0 ? -1 : llround(window * ms),
	    llround(quantize_get(ep, "xfade", 3) * ms), llround(10 * ms),
	    &plan) != 0)
		fatal("out of memory");
	out = xcalloc((n > 0 ? n : 1) * ch, sizeof *out);
	dsp_quantize_render(&plan, 0, in, n, ch, 0, out, n);
	dsp_quantize_plan_free(&plan);
	free(line);
	free(on);
	free(x);
	*outn = n;
	return out;
}

const struct edit_op edit_quantize_op = {
	"quantize", QUANTIZE_KEYS, true, quantize_check, quantize_run
};

const struct edit_placed edit_quantize_placed = {
	&edit_quantize_op, quantize_apply, quantize_preview
};

/* quantize TRACK [TIME]: the clip at TIME, or every clip of TRACK, with
 * the rest of its take group. */
static int
cmd_quantize_exec(struct session *s, const struct cmd_args *a)
{
	struct quantize_done w = { NULL, 0, NULL, 0 };
	struct quantize_group g;
	struct quantize_saved *sv;
	struct edit_params ep;
	struct track *t;
	int64_t pos, *rng;
	char at[64];
	int i, n, rc = 0, moved = 0, found = 0;

	memset(&ep, 0, sizeof ep);
	for (i = 0; i < a->nkv; i++)
		if (edit_params_set(&ep, a->keys[i], a->vals[i]) != 0)
			return session_fail(s, "%s: value too long",
			    a->keys[i]);
	if ((t = cmd_track(s, a->argv[1])) == NULL ||
	    (a->argc > 2 && cmd_parse_time(s, "TIME", a->argv[2], &pos) !=
	    0) || quantize_check(s, t, &ep) != 0)
		return -1;
	quantize_group(s, t, &g);
	sv = quantize_save(&g);
	clip_materialize(t);
	/* The ranges first: quantizing one cuts the group's clips. */
	rng = xcalloc(2 * (t->nclips ? t->nclips : 1), sizeof *rng);
	n = 0;
	if (a->argc > 2) {
		if ((i = clip_at(t, pos)) < 0) {
			free(rng);
			cmd_text_time(s, pos, at, sizeof at);
			session_fail(s, "TIME: track %s has no clip at %s",
			    t->name, at);
			return quantize_restore(sv, g.n, -1);
		}
		rng[0] = t->clips[i].pos;
		rng[1] = t->clips[i].len;
		n = 1;
	} else
		for (i = 0; i < t->nclips; i++) {
			rng[2 * n] = t->clips[i].pos;
			rng[2 * n + 1] = t->clips[i].len;
			n++;
		}
	if (n == 0) {
		free(rng);
		session_fail(s, "track %s has no clip to quantize", t->name);
		return quantize_restore(sv, g.n, -1);
	}
	for (i = 0; i < n && rc >= 0; i++) {
		rc = quantize_range(s, t, rng[2 * i], rng[2 * i + 1], &ep, &w,
		    &found);
		if (rc > 0)
			moved += rc;
	}
	free(rng);
	edit_progress_done(s);
	rc = rc < 0 ? -1 : 0;
	if (g.n > 1)
		snprintf(at, sizeof at, " (group %s)", t->group);
	else
		at[0] = '\0';
	if (rc == 0)
		session_said(s, "quantize %s%s: %d clip%s, %d onset%s, %d "
		    "moved towards %s at %s%%", t->name, at, n, n == 1 ? "" :
		    "s", found, found == 1 ? "" : "s", moved,
		    edit_params_get(&ep, "grid"), edit_params_get(&ep,
		    "strength"));
	rc = quantize_restore(sv, g.n, rc);
	quantize_done_end(s, t, &w, rc);
	return rc;
}

const struct cmd_entry cmd_quantize_entry = {
	"quantize", "TRACK [TIME]",
	"move the onsets of TRACK's clips (the clip at TIME) towards grid= by "
	"strength= percent, its take group with it, into new files", 1, 2,
	QUANTIZE_KEYS, CMD_SAVE | CMD_UPDATE, cmd_quantize_exec
};
