/* onsetmarks.c - per-track onset lists, keyed by the track's name and a
 * hash of what it plays. */
#include "onsetmarks.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

struct onsetmarks_track {
	char name[PROJECT_NAME_MAX + 1];
	uint64_t key;
	int64_t *f;
	int n;
};

struct onsetmarks {
	struct onsetmarks_track *v;
	int n;
};

static uint64_t
onsetmarks_mix(uint64_t h, const void *p, size_t len)
{
	const unsigned char *b = p;
	size_t i;

	for (i = 0; i < len; i++)
		h = (h ^ b[i]) * 0x100000001b3ull;
	return h;
}

/* FNV-1a over what the track plays: cheap enough for every redraw (a
 * few dozen bytes per clip). */
static uint64_t
onsetmarks_key(const struct track *t)
{
	uint64_t h = 0xcbf29ce484222325ull;
	int i;

	h = onsetmarks_mix(h, &t->clipped, sizeof t->clipped);
	for (i = 0; t->clipped && i < t->nclips; i++) {
		const struct clip *c = &t->clips[i];

		h = onsetmarks_mix(h, &c->pos, sizeof c->pos);
		h = onsetmarks_mix(h, &c->len, sizeof c->len);
		h = onsetmarks_mix(h, &c->take, sizeof c->take);
		h = onsetmarks_mix(h, &c->offset, sizeof c->offset);
		h = onsetmarks_mix(h, c->file, strlen(c->file));
	}
	for (i = 0; !t->clipped && i < t->ncomp; i++) {
		h = onsetmarks_mix(h, &t->comp[i].start, sizeof (int64_t));
		h = onsetmarks_mix(h, &t->comp[i].end, sizeof (int64_t));
		h = onsetmarks_mix(h, &t->comp[i].take, sizeof (int));
	}
	return h;
}

static struct onsetmarks_track *
onsetmarks_find(const struct onsetmarks *m, const char *name)
{
	int i;

	for (i = 0; m != NULL && i < m->n; i++)
		if (strcmp(m->v[i].name, name) == 0)
			return &m->v[i];
	return NULL;
}

void
onsetmarks_set(struct onsetmarks **m, const struct track *t,
    const int64_t *f, int n)
{
	struct onsetmarks_track *k;

	if (*m == NULL)
		*m = xcalloc(1, sizeof **m);
	if ((k = onsetmarks_find(*m, t->name)) == NULL) {
		(*m)->v = xrealloc((*m)->v, ((*m)->n + 1) * sizeof *(*m)->v);
		k = &(*m)->v[(*m)->n++];
		memset(k, 0, sizeof *k);
		strlcpy_(k->name, t->name, sizeof k->name);
	}
	free(k->f);
	k->f = xcalloc(n > 0 ? n : 1, sizeof *k->f);
	if (n > 0)
		memcpy(k->f, f, n * sizeof *f);
	k->n = n;
	k->key = onsetmarks_key(t);
}

const int64_t *
onsetmarks_get(const struct onsetmarks *m, const struct track *t, int64_t a,
    int *n)
{
	const struct onsetmarks_track *k = onsetmarks_find(m, t->name);
	int lo = 0, hi;

	*n = 0;
	if (k == NULL || k->n == 0 || k->key != onsetmarks_key(t))
		return NULL;
	hi = k->n;
	while (lo < hi) {
		int mid = (lo + hi) / 2;

		if (k->f[mid] < a)
			lo = mid + 1;
		else
			hi = mid;
	}
	*n = k->n - lo;
	return *n > 0 ? k->f + lo : NULL;
}

void
onsetmarks_free(struct onsetmarks *m)
{
	int i;

	if (m == NULL)
		return;
	for (i = 0; i < m->n; i++)
		free(m->v[i].f);
	free(m->v);
	free(m);
}
