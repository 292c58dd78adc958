/* graph.c - the mix graph's descriptions, the pool of instances they
 * share, latency compensation, and the engine-side steps mixer.c runs. */
#include "graph.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct graph_fx {
	struct graph_pool *pool;
	struct graph_fx *next;
	int refs;
	unsigned id;
	const struct fx_kind *kind;
	void *st;
	float wet;		/* 1 in, 0 bypassed, between: crossfading */
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
	struct graph_fx *f;

	for (f = p->fx; f != NULL; f = f->next)
		if (f->id == id && f->kind == k) {
			f->refs++;
			return f;
		}
	f = calloc(1, sizeof *f);
	if (f == NULL)
		return NULL;
	f->st = k->new(p->rate);
	if (f->st == NULL) {
		free(f);
		return NULL;
	}
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

		if (!in->bypass && in->fx->kind->latency != NULL)
			lat += in->fx->kind->latency(in->val, rate);
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

static void
graph_strip_update(const struct graph_strip *s, const struct fx_ctx *c)
{
	int i;

	for (i = 0; i < s->nins; i++)
		s->ins[i].fx->kind->update(s->ins[i].fx->st, s->ins[i].val, c);
}

void
graph_update(const struct graph *g)
{
	int i;

	for (i = 0; i < g->ntracks; i++)
		graph_strip_update(&g->track[i], &g->ctx);
	for (i = 0; i < g->nbuses; i++)
		graph_strip_update(&g->bus[i], &g->ctx);
	graph_strip_update(&g->master, &g->ctx);
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

	if (f->kind->latency != NULL &&
	    f->kind->latency(val, f->pool->rate) > 0) {
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

float
graph_run_inserts(const struct graph_strip *s, float *x, int nch, int n)
{
	float gr = 0;
	int i, j, k;

	for (i = 0; i < s->nins; i++) {
		const struct graph_ins *in = &s->ins[i];
		struct graph_fx *f = in->fx;

		if (f->wet != (in->bypass ? 0.0f : 1.0f)) {
			graph_crossfade(f, in->val, in->bypass, x, nch, n);
			continue;
		}
		if (in->bypass)
			continue;
		/* Processors take at most FX_MAX_BLOCK frames a call. */
		for (j = 0; j < n; j += k) {
			k = n - j < FX_MAX_BLOCK ? n - j : FX_MAX_BLOCK;
			in->fx->kind->process(in->fx->st, x + j * nch,
			    x + j * nch, nch, k);
		}
		if (in->fx->kind->gr != NULL) {
			float r = in->fx->kind->gr(in->fx->st);

			if (r < gr)
				gr = r;
		}
	}
	return gr;
}

/* A tap gets each product once and adds it where dst does, so that the
 * taps of every strip into dst sum to dst (up to the order of the
 * additions). */
void
graph_link_tap(const struct graph_link *l, const float *restrict x,
    int channels, float *restrict dst, float *restrict tap, int n)
{
	struct graph_delay *d = l->dl;
	float gl = l->gl, gr = l->gr, a, b;
	int i;

	for (i = 0; i < n; i++) {
		if (d == NULL) {
			a = x[i * channels];
			b = x[i * channels + channels - 1];
		} else {
			float *o = d->buf + 2 * d->pos;

			a = o[0];
			b = o[1];
			o[0] = x[i * channels];
			o[1] = x[i * channels + channels - 1];
			if (++d->pos == d->len)
				d->pos = 0;
		}
		a *= gl;
		b *= gr;
		dst[2 * i] += a;
		dst[2 * i + 1] += b;
		tap[2 * i] += a;
		tap[2 * i + 1] += b;
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
