/* test_insert_ids.c - an insert keeps its id through the project's text
 * (what undo, redo and reopening rebuild the project from), so the mix
 * graph's pool hands the same running instance back and its tail goes
 * on; a new insert never takes an id in use. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "t.h"
#include "graph.h"
#include "project.h"

int
main(void)
{
	char dir[] = "/tmp/reel-ids-XXXXXX", err[512];
	struct project *p, *q;
	struct graph_pool *pool = graph_pool_new(48000);
	struct graph_fx *a, *b;
	struct track *t;
	struct bus *bus;
	struct insert *in;
	int none[2] = { 0, 0 }, i, j;
	char *text, *text2;
	unsigned ids[3];

	if (mkdtemp(dir) == NULL)
		return 1;
	p = project_create(dir, 48000, 1, err, sizeof err);
	T_CHECKF(p != NULL, "%s", err);
	if (p == NULL)
		return 1;
	t = project_track_add(p, "vox", 1, none, NULL);
	bus = project_bus_add(p, "verb");
	ids[0] = project_insert_add(p, &t->fx, &fx_eq)->id;
	ids[1] = project_insert_add(p, &bus->fx, &fx_reverb)->id;
	ids[2] = project_insert_add(p, &p->master_fx, &fx_limit)->id;
	T_CHECK(ids[0] != ids[1] && ids[1] != ids[2] && ids[0] != ids[2]);
	a = graph_pool_fx(pool, ids[1], &fx_reverb);

	/* Undo's way: the project from its text. */
	text = project_text(p);
	q = project_from_text(p, text, err, sizeof err);
	T_CHECKF(q != NULL, "%s", err);
	if (q == NULL)
		return 1;
	T_CHECK(q->tracks[0].fx.v[0].id == ids[0]);
	T_CHECK(q->buses[0].fx.v[0].id == ids[1]);
	T_CHECK(q->master_fx.v[0].id == ids[2]);
	b = graph_pool_fx(pool, q->buses[0].fx.v[0].id, &fx_reverb);
	T_CHECKF(a == b, "the reverb after undo is a new instance");
	/* And the text written again is the same text. */
	text2 = project_text(q);
	T_CHECK(strcmp(text, text2) == 0);

	/* A new insert in the rebuilt project takes an id of its own. */
	in = project_insert_add(q, &q->tracks[0].fx, &fx_comp);
	for (i = 0; i < 3; i++)
		T_CHECKF(in->id != ids[i], "new insert reuses id %u", in->id);
	/* Two inserts given the same id by hand get apart on reading. */
	free(text2);
	text2 = project_text(q);
	{
		char *s = strstr(text2, "[fx vox 2]"), *id;

		T_CHECK(s != NULL);
		id = s != NULL ? strstr(s, "id = ") : NULL;
		if (id != NULL) {
			char buf[32];
			int n = snprintf(buf, sizeof buf, "id = %u", ids[0]);
			char *nl = strchr(id, '\n');
			size_t len = strlen(text2);
			char *fixed = malloc(len + 32);

			memcpy(fixed, text2, (size_t)(id - text2));
			memcpy(fixed + (id - text2), buf, (size_t)n);
			strcpy(fixed + (id - text2) + n, nl);
			project_free(q);
			q = project_from_text(p, fixed, err, sizeof err);
			T_CHECKF(q != NULL, "%s", err);
			free(fixed);
		}
	}
	if (q != NULL) {
		unsigned seen[8];
		int n = 0;

		seen[n++] = q->master_fx.v[0].id;
		seen[n++] = q->buses[0].fx.v[0].id;
		for (i = 0; i < q->tracks[0].fx.n; i++)
			seen[n++] = q->tracks[0].fx.v[i].id;
		for (i = 0; i < n; i++)
			for (j = 0; j < i; j++)
				T_CHECKF(seen[i] != seen[j], "ids %d and %d "
				    "clash (%u)", i, j, seen[i]);
	}
	free(text);
	free(text2);
	project_free(q);
	project_free(p);
	{
		/* The instances' references go with a description. */
		struct graph *g = graph_new(0, 0);

		g->master.nins = 2;
		g->master.ins = calloc(2, sizeof *g->master.ins);
		g->master.ins[0].fx = a;
		g->master.ins[1].fx = b;
		graph_free(g);
	}
	graph_pool_free(pool);
	{
		char cmd[128];

		snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
		if (system(cmd) != 0)
			return 1;
	}
	T_DONE();
}
