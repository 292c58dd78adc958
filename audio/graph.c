/* graph.c - the mix graph's descriptions, the pool of instances they
 * share, latency compensation, and the engine-side steps mixer.c runs. */
#include "graph.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fx_plugin.h"
#include "fx_state.h"
#include "pan.h"

struct graph_fx {
	struct graph_pool *pool;
	struct graph_fx *next;
	int refs;
	unsigned id;
	const struct fx_kind *kind;
	void *st;
	float wet;		/* 1 in, 0 bypassed, between: crossfading */
	bool prepared;
	uint64_t shash;		/* the plugin state it was restored with */
};

/* Bypass crossfades over 10 ms, in steps of this many frames. */
#define GRAPH_XF_MS 10
#define GRAPH_XF_CHUNK 64

struct graph_delay {
	struct graph_pool *pool;
	struct graph_delay *next;
	int refs;
	char *key;
	int len, pos;
	float *buf;		/* len frames, stereo */
};

struct graph_pool {
	int rate;
	struct graph_fx *fx;
	struct graph_delay *dl;
};

struct graph_pool *
graph_pool_new(int rate)
{
	struct graph_pool *p = calloc(1, sizeof *p);

	if (p != NULL)
		p->rate = rate;
	return p;
}

void
graph_pool_free(struct graph_pool *p)
{
	free(p);
}

int
graph_pool_rate(const struct graph_pool *p)
{
	return p->rate;
}

struct graph_fx *
graph_pool_fx(struct graph_pool *p, unsigned id, const struct fx_kind *k)
{
	return graph_pool_fx_state(p, id, k, NULL);
}

/* A plugin's state is restored into a new instance before anything
 * runs it (LV2 forbids restoring while it runs): another state is
 * another instance, and the old one goes with the graph it was in. */
struct graph_fx *
graph_pool_fx_state(struct graph_pool *p, unsigned id,
    const struct fx_kind *k, const struct fx_state *state)
{
	uint64_t h = fx_state_hash(state);
	struct graph_fx *f;

	for (f = p->fx; f != NULL; f = f->next)
		if (f->id == id && f->kind == k && f->shash == h) {
			f->refs++;
			return f;
		}
	f = calloc(1, sizeof *f);
	if (f == NULL)
		return NULL;
	f->st = fx_new(k, p->rate);
	if (f->st == NULL) {
		free(f);
		return NULL;
	}
	f->shash = h;
	if (state != NULL)
		fx_plugin_restore(k, f->st, state);
	f->pool = p;
	f->refs = 1;
	f->id = id;
	f->kind = k;
	f->wet = 1;
	f->next = p->fx;
	p->fx = f;
	return f;
}

static void
graph_fx_unref(struct graph_fx *f)
{
	struct graph_fx **pp;

	if (f == NULL || --f->refs > 0)
		return;
	for (pp = &f->pool->fx; *pp != NULL; pp = &(*pp)->next)
		if (*pp == f) {
			*pp = f->next;
			break;
		}
	f->kind->free(f->st);
	free(f);
}

void
graph_fx_prepare(struct graph_fx *fx, const float *val)
{
	if (fx->prepared)
		return;
	fx->prepared = true;
	if (fx->kind->prepare != NULL)
		fx->kind->prepare(fx->st, val);
}

float
graph_fx_gr(const struct graph_fx *fx)
{
	return fx->kind->gr != NULL ? fx->kind->gr(fx->st) : 0.0f;
}

struct graph_delay *
graph_pool_delay(struct graph_pool *p, const char *key, int frames)
{
	struct graph_delay *d;

	for (d = p->dl; d != NULL; d = d->next)
		if (d->len == frames && strcmp(d->key, key) == 0) {
			d->refs++;
			return d;
		}
	d = calloc(1, sizeof *d);
	if (d == NULL)
		return NULL;
	d->buf = calloc((size_t)frames * 2, sizeof *d->buf);
	d->key = strdup(key);
	if (d->buf == NULL || d->key == NULL) {
		free(d->buf);
		free(d->key);
		free(d);
		return NULL;
	}
	d->pool = p;
	d->refs = 1;
	d->len = frames;
	d->next = p->dl;
	p->dl = d;
	return d;
}

static void
graph_delay_unref(struct graph_delay *d)
{
	struct graph_delay **pp;

	if (d == NULL || --d->refs > 0)
		return;
	for (pp = &d->pool->dl; *pp != NULL; pp = &(*pp)->next)
		if (*pp == d) {
			*pp = d->next;
			break;
		}
	free(d->buf);
	free(d->key);
	free(d);
}

struct graph *
graph_new(int nt, int nb)
{
	struct graph *g = calloc(1, sizeof *g);

	if (g == NULL)
		abort();
	g->ntracks = nt;
	g->nbuses = nb;
	g->track = calloc(nt > 0 ? (size_t)nt : 1, sizeof *g->track);
	g->bus = calloc(nb > 0 ? (size_t)nb : 1, sizeof *g->bus);
	if (g->track == NULL || g->bus == NULL)
		abort();
	g->master.channels = 2;
	return g;
}

static void
graph_strip_free(struct graph_strip *s)
{
	int i;

	for (i = 0; i < s->nlanes; i++) {
		free(s->lane[i].t);
		free(s->lane[i].v);
		free(s->lane[i].step);
	}
	free(s->lane);
	if (s->ramp != NULL) {
		free(s->ramp->g0);
		free(s->ramp->g1);
		free(s->ramp);
	}

	for (i = 0; i < s->nins; i++)
		graph_fx_unref(s->ins[i].fx);
	for (i = 0; i < s->nlinks; i++)
		graph_delay_unref(s->link[i].dl);
	free(s->ins);
	free(s->link);
}

void
graph_free(struct graph *g)
{
	int i;

	if (g == NULL)
		return;
	for (i = 0; i < g->ntracks; i++)
		graph_strip_free(&g->track[i]);
	for (i = 0; i < g->nbuses; i++)
		graph_strip_free(&g->bus[i]);
	graph_strip_free(&g->master);
	free(g->track);
	free(g->bus);
	free(g);
}

static int
graph_strip_lat(const struct graph_strip *s, int rate)
{
	int i, lat = 0;

	for (i = 0; i < s->nins; i++) {
		const struct graph_ins *in = &s->ins[i];

		if (!in->bypass)
			lat += fx_plugin_latency(in->fx->kind, in->fx->st,
			    in->val, rate);
	}
	return lat;
}

/* Each link is delayed so that everything meeting at a bus or the master
 * arrives with the same latency: the largest of its sources'. */
void
graph_compensate(struct graph *g, struct graph_pool *p,
    const char *const *track_keys, const char *const *bus_keys)
{
	int *in_lat = calloc((size_t)g->nbuses + 1, sizeof *in_lat);
	int *out_lat = calloc((size_t)g->nbuses + 1, sizeof *out_lat);
	int b, i, k, master_in = 0;
	char key[160];

	if (in_lat == NULL || out_lat == NULL)
		abort();
	for (k = 0; k < g->ntracks; k++)
		g->track[k].lat = graph_strip_lat(&g->track[k], p->rate);
	for (b = 0; b < g->nbuses; b++)
		g->bus[b].lat = graph_strip_lat(&g->bus[b], p->rate);
	g->master.lat = graph_strip_lat(&g->master, p->rate);
	/* Arrival at each bus, in processing order (sources come first). */
	for (k = 0; k < g->ntracks; k++)
		for (i = 0; i < g->track[k].nlinks; i++) {
			int d = g->track[k].link[i].dst;
			int *t = d == GRAPH_MASTER ? &master_in : &in_lat[d];

			if (g->track[k].lat > *t)
				*t = g->track[k].lat;
		}
	for (b = 0; b < g->nbuses; b++) {
		out_lat[b] = in_lat[b] + g->bus[b].lat;
		for (i = 0; i < g->bus[b].nlinks; i++) {
			int d = g->bus[b].link[i].dst;
			int *t = d == GRAPH_MASTER ? &master_in : &in_lat[d];

			if (out_lat[b] > *t)
				*t = out_lat[b];
		}
	}
	for (k = 0; k < g->ntracks + g->nbuses; k++) {
		struct graph_strip *s = k < g->ntracks ? &g->track[k] :
		    &g->bus[k - g->ntracks];
		int src = k < g->ntracks ? s->lat : out_lat[k - g->ntracks];

		for (i = 0; i < s->nlinks; i++) {
			struct graph_link *l = &s->link[i];

			l->delay = (l->dst == GRAPH_MASTER ? master_in :
			    in_lat[l->dst]) - src;
			if (l->delay <= 0)
				continue;
			snprintf(key, sizeof key, "%s>%s#%d", k < g->ntracks ?
			    track_keys[k] : bus_keys[k - g->ntracks],
			    l->dst == GRAPH_MASTER ? "master" :
			    bus_keys[l->dst], i);
			l->dl = graph_pool_delay(p, key, l->delay);
			if (l->dl == NULL)
				abort();
		}
	}
	g->latency = master_in + g->master.lat;
	free(in_lat);
	free(out_lat);
}

void
graph_strip_lane(struct graph *g, struct graph_strip *s, int target,
    int link, int ins, int param, bool logv, int n, const int64_t *t,
    const float *v, const unsigned char *step)
{
	struct graph_lane *l;
	size_t k = n > 0 ? (size_t)n : 1;

	s->lane = realloc(s->lane, sizeof *s->lane * (s->nlanes + 1));
	if (s->lane == NULL)
		abort();
	l = &s->lane[s->nlanes++];
	memset(l, 0, sizeof *l);
	l->target = target;
	l->link = link;
	l->ins = ins;
	l->param = param;
	l->logv = logv;
	l->n = n;
	l->t = malloc(k * sizeof *l->t);
	l->v = malloc(k * sizeof *l->v);
	l->step = malloc(k);
	if (l->t == NULL || l->v == NULL || l->step == NULL)
		abort();
	if (n > 0) {
		memcpy(l->t, t, (size_t)n * sizeof *t);
		memcpy(l->v, v, (size_t)n * sizeof *v);
		memcpy(l->step, step, (size_t)n);
	}
	g->nlanes++;
	if (s->ramp == NULL) {
		s->ramp = calloc(1, sizeof *s->ramp);
		if (s->ramp == NULL)
			abort();
		s->ramp->g0 = calloc((size_t)s->nlinks * 2 + 2, sizeof(float));
		s->ramp->g1 = calloc((size_t)s->nlinks * 2 + 2, sizeof(float));
		if (s->ramp->g0 == NULL || s->ramp->g1 == NULL)
			abort();
		s->ramp->p0 = s->ramp->p1 = -1;
	}
	s->ramp->gains |= target != GRAPH_AUTO_PARAM;
}

/* The first point after t (at or after t for the left limit). */
static int
graph_lane_find(const struct graph_lane *l, int64_t t, bool left)
{
	int lo = 0, hi = l->n;

	while (lo < hi) {
		int mid = (lo + hi) / 2;

		if (left ? l->t[mid] >= t : l->t[mid] > t)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

float
graph_lane_value(const struct graph_lane *l, int64_t t, bool left)
{
	int b = graph_lane_find(l, t, left), a = b - 1;
	double f;

	if (l->n == 0)
		return 0.0f;
	if (b == 0)
		return l->v[0];
	if (b == l->n)
		return l->v[l->n - 1];
	if (l->step[b])
		return l->v[a];
	f = (double)(t - l->t[a]) / (double)(l->t[b] - l->t[a]);
	if (l->logv && l->v[a] > 0 && l->v[b] > 0)
		return (float)(l->v[a] * pow((double)l->v[b] / l->v[a], f));
	return (float)(l->v[a] + (l->v[b] - l->v[a]) * f);
}

static void
graph_strip_update_at(const struct graph_strip *s, const struct fx_ctx *c,
    bool timed, int64_t t)
{
	float val[FX_MAX_PARAMS];
	int i, j;

	for (i = 0; i < s->nins; i++) {
		const float *v = s->ins[i].val;

		for (j = 0; timed && j < s->nlanes; j++) {
			const struct graph_lane *l = &s->lane[j];

			if (l->target != GRAPH_AUTO_PARAM || l->ins != i)
				continue;
			if (v != val) {
				memcpy(val, s->ins[i].val, sizeof val);
				v = val;
			}
			val[l->param] = graph_lane_value(l, t, false);
		}
		s->ins[i].fx->kind->update(s->ins[i].fx->st, v, c);
	}
}

static void
graph_update_all(const struct graph *g, bool timed, int64_t t)
{
	int i;

	for (i = 0; i < g->ntracks; i++)
		graph_strip_update_at(&g->track[i], &g->ctx, timed, t);
	for (i = 0; i < g->nbuses; i++)
		graph_strip_update_at(&g->bus[i], &g->ctx, timed, t);
	graph_strip_update_at(&g->master, &g->ctx, timed, t);
}

void
graph_update(const struct graph *g)
{
	graph_update_all(g, false, 0);
}

/* The cell holding t: from the last knot at or before t to the next
 * after it (grid lines and the strip's points). */
static int64_t
graph_cell_start(int64_t t)
{
	int64_t c = t / GRAPH_AUTO_CELL * GRAPH_AUTO_CELL;

	return c > t ? c - GRAPH_AUTO_CELL : c;
}

static void
graph_strip_cell(const struct graph_strip *s, int64_t t, int64_t *c0,
    int64_t *c1)
{
	int i, k;

	*c0 = graph_cell_start(t);
	*c1 = *c0 + GRAPH_AUTO_CELL;
	for (i = 0; i < s->nlanes; i++) {
		const struct graph_lane *l = &s->lane[i];

		k = graph_lane_find(l, t, false);
		if (k > 0 && l->t[k - 1] > *c0)
			*c0 = l->t[k - 1];
		if (k < l->n && l->t[k] < *c1)
			*c1 = l->t[k];
	}
}

/* Every strip's parameters as its cell holding t starts. */
static void
graph_update_cells(const struct graph *g, int64_t t)
{
	int64_t c0, c1;
	int i;

	for (i = 0; i < g->ntracks + g->nbuses + 1; i++) {
		const struct graph_strip *s = i < g->ntracks ? &g->track[i] :
		    i < g->ntracks + g->nbuses ? &g->bus[i - g->ntracks] :
		    &g->master;

		graph_strip_cell(s, t, &c0, &c1);
		graph_strip_update_at(s, &g->ctx, true, c0);
		if (s->ramp != NULL) {
			s->ramp->c0 = s->ramp->c1 = 0;
			s->ramp->p0 = c0;
			s->ramp->p1 = c1;
		}
	}
}

void
graph_update_at(const struct graph *g, int64_t t)
{
	graph_update_cells(g, t);
}

int
graph_auto_span(const struct graph *g, int64_t t, int n)
{
	int64_t end = t + n, c0, c1;
	int i;

	for (i = 0; i < g->ntracks + g->nbuses + 1; i++) {
		const struct graph_strip *s = i < g->ntracks ? &g->track[i] :
		    i < g->ntracks + g->nbuses ? &g->bus[i - g->ntracks] :
		    &g->master;

		if (s->nlanes == 0)
			continue;
		graph_strip_cell(s, t, &c0, &c1);
		if (c1 < end)
			end = c1;
	}
	return (int)(end - t);
}

/* The links' gains with the lanes' values at t (left: from before t),
 * computed as session.c computes the fixed ones. */
static void
graph_strip_gains(const struct graph_strip *s, int64_t t, bool left,
    float *g)
{
	double db = s->gain_db, pan = s->pan;
	bool mute = s->mute;
	float pl, pr, f, sd;
	int i;

	for (i = 0; i < s->nlanes; i++) {
		const struct graph_lane *l = &s->lane[i];

		if (l->target == GRAPH_AUTO_GAIN)
			db = graph_lane_value(l, t, left);
		else if (l->target == GRAPH_AUTO_PAN)
			pan = graph_lane_value(l, t, left);
		else if (l->target == GRAPH_AUTO_MUTE)
			mute = graph_lane_value(l, t, left) >= 0.5f;
	}
	f = s->audible && !mute ? pan_db_to_gain(db) : 0.0f;
	pan_gains(s->channels, pan, &pl, &pr);
	g[0] = pl * f;
	g[1] = pr * f;
	for (i = 1; i < s->nlinks; i++) {
		const struct graph_link *lk = &s->link[i];
		int j;

		sd = lk->db;
		for (j = 0; j < s->nlanes; j++)
			if (s->lane[j].target == GRAPH_AUTO_SEND &&
			    s->lane[j].link == i)
				sd = graph_lane_value(&s->lane[j], t, left);
		sd = pan_db_to_gain(sd);
		if (lk->pre) {
			g[2 * i] = g[2 * i + 1] = s->audible && !mute ? sd :
			    0.0f;
		} else {
			g[2 * i] = sd * g[0];
			g[2 * i + 1] = sd * g[1];
		}
	}
}

static void
graph_strip_apply(const struct graph_strip *s, const struct fx_ctx *c,
    int64_t t)
{
	struct graph_ramp *r = s->ramp;
	int64_t c0, c1;
	int i;

	if (s->nlanes == 0)
		return;
	graph_strip_cell(s, t, &c0, &c1);
	/* Parameters change once a cell, as it starts (a period that
	 * begins inside a cell leaves them be: render and playback cut
	 * cells differently). */
	if (r->p0 != c0 || r->p1 != c1) {
		for (i = 0; i < s->nlanes; i++)
			if (s->lane[i].target == GRAPH_AUTO_PARAM) {
				graph_strip_update_at(s, c, true, c0);
				break;
			}
		r->p0 = c0;
		r->p1 = c1;
	}
	if (!r->gains)
		return;
	r->on = true;
	if (r->c0 == c0 && r->c1 == c1)
		return;
	r->c0 = c0;
	r->c1 = c1;
	graph_strip_gains(s, c0, false, r->g0);
	graph_strip_gains(s, c1, true, r->g1);
}

void
graph_auto_apply(const struct graph *g, int64_t t)
{
	int i;

	for (i = 0; i < g->ntracks; i++)
		graph_strip_apply(&g->track[i], &g->ctx, t);
	for (i = 0; i < g->nbuses; i++)
		graph_strip_apply(&g->bus[i], &g->ctx, t);
	graph_strip_apply(&g->master, &g->ctx, t);
}

void
graph_strip_auto_apply(const struct graph *g, const struct graph_strip *s,
    int64_t t)
{
	graph_strip_apply(s, &g->ctx, t);
}

void
graph_auto_off(const struct graph *g)
{
	int i;

	for (i = 0; i < g->ntracks + g->nbuses; i++) {
		const struct graph_strip *s = i < g->ntracks ? &g->track[i] :
		    &g->bus[i - g->ntracks];

		if (s->ramp != NULL) {
			s->ramp->on = false;
			s->ramp->c0 = s->ramp->c1 = 0;
			s->ramp->p0 = s->ramp->p1 = -1;
		}
	}
}

static void
graph_strip_reset(const struct graph_strip *s)
{
	int i;

	for (i = 0; i < s->nins; i++) {
		s->ins[i].fx->kind->reset(s->ins[i].fx->st);
		s->ins[i].fx->wet = s->ins[i].bypass ? 0.0f : 1.0f;
	}
	for (i = 0; i < s->nlinks; i++)
		if (s->link[i].dl != NULL) {
			memset(s->link[i].dl->buf, 0,
			    sizeof(float) * 2 * s->link[i].dl->len);
			s->link[i].dl->pos = 0;
		}
}

void
graph_reset(const struct graph *g)
{
	int i;

	for (i = 0; i < g->ntracks; i++)
		graph_strip_reset(&g->track[i]);
	for (i = 0; i < g->nbuses; i++)
		graph_strip_reset(&g->bus[i]);
	graph_strip_reset(&g->master);
	graph_update(g);
}

void
graph_reset_at(const struct graph *g, int64_t t)
{
	int i;

	/* The parameters a processor starts from are those of the cell
	 * the pass starts in. */
	for (i = 0; i < g->ntracks; i++)
		graph_strip_reset(&g->track[i]);
	for (i = 0; i < g->nbuses; i++)
		graph_strip_reset(&g->bus[i]);
	graph_strip_reset(&g->master);
	graph_update_cells(g, t);
}

/* An insert going in or out of bypass: the processed signal fades in
 * or out against the dry one, so the switch never steps.  (A processor
 * that delays its signal switches at once: its bypass changes the
 * graph's latency, and a dry signal fading against a delayed one would
 * comb.) */
static void
graph_crossfade(struct graph_fx *f, const float *val, bool bypass,
    float *x, int nch, int n)
{
	float dry[GRAPH_XF_CHUNK * 2], tgt = bypass ? 0.0f : 1.0f;
	float step = 1000.0f / (GRAPH_XF_MS * (float)f->pool->rate);
	int i, j, c, k;

	if (fx_latency(f->kind, val, f->pool->rate) > 0) {
		f->wet = tgt;
		if (!bypass)
			f->kind->process(f->st, x, x, nch, n);
		return;
	}
	for (j = 0; j < n; j += k) {
		k = n - j < GRAPH_XF_CHUNK ? n - j : GRAPH_XF_CHUNK;
		memcpy(dry, x + j * nch, sizeof(float) * nch * k);
		f->kind->process(f->st, x + j * nch, x + j * nch, nch, k);
		for (i = 0; i < k; i++) {
			float *o = x + (j + i) * nch;

			if (f->wet < tgt)
				f->wet = f->wet + step < tgt ? f->wet +
				    step : tgt;
			else if (f->wet > tgt)
				f->wet = f->wet - step > tgt ? f->wet -
				    step : tgt;
			for (c = 0; c < nch; c++)
				o[c] = dry[i * nch + c] + f->wet *
				    (o[c] - dry[i * nch + c]);
		}
	}
}

/* An insert's gain reduction now into *gr, if lower. */
static void
graph_insert_gr(const struct graph_ins *in, float *gr)
{
	if (in->fx->kind->gr != NULL) {
		float r = in->fx->kind->gr(in->fx->st);

		if (r < *gr)
			*gr = r;
	}
}

/* One insert over x; its gain reduction into *gr (the lowest). */
static void
graph_run_insert(const struct graph_ins *in, float *x, int nch, int n,
    float *gr)
{
	struct graph_fx *f = in->fx;
	int j, k;

	if (f->wet != (in->bypass ? 0.0f : 1.0f)) {
		graph_crossfade(f, in->val, in->bypass, x, nch, n);
		return;
	}
	if (in->bypass)
		return;
	/* Processors take at most FX_MAX_BLOCK frames a call. */
	for (j = 0; j < n; j += k) {
		k = n - j < FX_MAX_BLOCK ? n - j : FX_MAX_BLOCK;
		f->kind->process(f->st, x + j * nch, x + j * nch, nch, k);
	}
	graph_insert_gr(in, gr);
}

float
graph_run_inserts(const struct graph_strip *s, float *x, int nch, int n)
{
	float gr = 0;
	int i;

	for (i = 0; i < s->nins; i++)
		graph_run_insert(&s->ins[i], x, nch, n, &gr);
	return gr;
}

/* Two inserts that one process2 call can run: the same kind, both
 * playing (not bypassed, not fading in or out). */
static bool
graph_ins_pair(const struct graph_ins *a, const struct graph_ins *b)
{
	return a->fx->kind == b->fx->kind && a->fx->kind->process2 != NULL &&
	    !a->bypass && !b->bypass && a->fx->wet == 1.0f &&
	    b->fx->wet == 1.0f;
}

void
graph_run_inserts2(const struct graph_strip *a, float *xa,
    const struct graph_strip *b, float *xb, int nch, int n, float *gra,
    float *grb)
{
	int i, j, k;

	*gra = *grb = 0;
	for (i = 0; i < a->nins || i < b->nins; i++) {
		const struct graph_ins *ia = i < a->nins ? &a->ins[i] : NULL;
		const struct graph_ins *ib = i < b->nins ? &b->ins[i] : NULL;

		if (ia == NULL || ib == NULL || !graph_ins_pair(ia, ib)) {
			if (ia != NULL)
				graph_run_insert(ia, xa, nch, n, gra);
			if (ib != NULL)
				graph_run_insert(ib, xb, nch, n, grb);
			continue;
		}
		for (j = 0; j < n; j += k) {
			k = n - j < FX_MAX_BLOCK ? n - j : FX_MAX_BLOCK;
			ia->fx->kind->process2(ia->fx->st, ib->fx->st,
			    xa + j * nch, xb + j * nch, nch, k);
		}
		graph_insert_gr(ia, gra);
		graph_insert_gr(ib, grb);
	}
}

void
graph_link_add(const struct graph_link *l, const float *restrict x,
    int channels, float *restrict dst, int n)
{
	struct graph_delay *d = l->dl;
	float gl = l->gl, gr = l->gr;
	int i;

	if (d == NULL) {
		/* The same operations, in the same order, as the plain
		 * mix: a graph without inserts gives its samples. */
		if (channels == 1)
			for (i = 0; i < n; i++) {
				dst[2 * i] += gl * x[i];
				dst[2 * i + 1] += gr * x[i];
			}
		else
			for (i = 0; i < n; i++) {
				dst[2 * i] += gl * x[2 * i];
				dst[2 * i + 1] += gr * x[2 * i + 1];
			}
		return;
	}
	for (i = 0; i < n; i++) {
		float *o = d->buf + 2 * d->pos, a = o[0], b = o[1];

		o[0] = x[i * channels];
		o[1] = x[i * channels + channels - 1];
		if (++d->pos == d->len)
			d->pos = 0;
		dst[2 * i] += gl * a;
		dst[2 * i + 1] += gr * b;
	}
}

void
graph_strip_link_add(const struct graph_strip *s, int i,
    const float *restrict x, int ch, float *restrict dst, int n, int64_t t)
{
	const struct graph_link *l = &s->link[i];
	const struct graph_ramp *r = s->ramp;
	struct graph_delay *d = l->dl;
	float a0, b0, da, db, span;
	int j;

	if (r == NULL || !r->on) {
		graph_link_add(l, x, ch, dst, n);
		return;
	}
	a0 = r->g0[2 * i];
	b0 = r->g0[2 * i + 1];
	da = r->g1[2 * i] - a0;
	db = r->g1[2 * i + 1] - b0;
	span = (float)(r->c1 - r->c0);
	for (j = 0; j < n; j++) {
		/* A function of the timeline frame alone. */
		float f = (float)(t + j - r->c0) / span;
		float gl = a0 + da * f, gr = b0 + db * f, u, v;

		if (d != NULL) {
			float *o = d->buf + 2 * d->pos;

			u = o[0];
			v = o[1];
			o[0] = x[j * ch];
			o[1] = x[j * ch + ch - 1];
			if (++d->pos == d->len)
				d->pos = 0;
		} else {
			u = x[j * ch];
			v = x[j * ch + ch - 1];
		}
		dst[2 * j] += gl * u;
		dst[2 * j + 1] += gr * v;
	}
}
