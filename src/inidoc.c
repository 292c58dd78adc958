/* inidoc.c - an INI text as a list of entries. */
#include "inidoc.h"

#include <stdlib.h>
#include <string.h>

#include "iniread.h"
#include "util.h"

void
inidoc_add(struct inidoc *d, const char *section, const char *key,
    const char *value)
{
	struct inidoc_entry *e;

	d->v = xreallocarray(d->v, d->n + 1, sizeof *d->v);
	e = &d->v[d->n++];
	e->section = xstrdup(section);
	e->key = xstrdup(key);
	e->value = xstrdup(value);
}

static int
inidoc_handler(void *user, const char *section, const char *name,
    const char *value)
{
	inidoc_add(user, section, name, value);
	return 1;
}

int
inidoc_read(struct inidoc *d, FILE *f)
{
	memset(d, 0, sizeof *d);
	return iniread_stream(f, inidoc_handler, d);
}

int
inidoc_parse(struct inidoc *d, const char *text)
{
	FILE *f = fmemopen((void *)text, strlen(text), "r");
	int rc;

	memset(d, 0, sizeof *d);
	if (strlen(text) == 0)
		return 0;
	if (f == NULL)
		fatal("out of memory (fmemopen)");
	rc = inidoc_read(d, f);
	fclose(f);
	return rc;
}

void
inidoc_free(struct inidoc *d)
{
	int i;

	for (i = 0; i < d->n; i++) {
		free(d->v[i].section);
		free(d->v[i].key);
		free(d->v[i].value);
	}
	free(d->v);
	memset(d, 0, sizeof *d);
}

void
inidoc_write(const struct inidoc *d, FILE *f)
{
	const char *cur = NULL;
	int i;

	for (i = 0; i < d->n; i++) {
		const struct inidoc_entry *e = &d->v[i];

		if (cur == NULL || strcmp(cur, e->section) != 0) {
			fprintf(f, "%s[%s]\n", cur == NULL ? "" : "\n",
			    e->section);
			cur = e->section;
		}
		fprintf(f, "%s = %s\n", e->key, e->value);
	}
}

const char *
inidoc_get(const struct inidoc *d, const char *section, const char *key)
{
	int i;

	for (i = 0; i < d->n; i++)
		if (strcmp(d->v[i].section, section) == 0 &&
		    strcmp(d->v[i].key, key) == 0)
			return d->v[i].value;
	return NULL;
}

bool
inidoc_has_section(const struct inidoc *d, const char *section)
{
	int i;

	for (i = 0; i < d->n; i++)
		if (strcmp(d->v[i].section, section) == 0)
			return true;
	return false;
}

bool
inidoc_equal(const struct inidoc *a, const struct inidoc *b)
{
	int i;

	if (a->n != b->n)
		return false;
	for (i = 0; i < a->n; i++)
		if (strcmp(a->v[i].section, b->v[i].section) != 0 ||
		    strcmp(a->v[i].key, b->v[i].key) != 0 ||
		    strcmp(a->v[i].value, b->v[i].value) != 0)
			return false;
	return true;
}
