/* version_diff.c - what changed between two mixes, in words: one line per
 * parameter, named the way the commands name it ("vox: gain -1.5 dB ->
 * -3.0 dB", "snare: send verb -12 dB -> -9 dB", "master: insert 2
 * (limit) ceiling -1 -> -0.5 dBTP").  Inserts are matched by their id,
 * so a moved insert is a move, not a removal and an addition. */
#include "version.h"

#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "fx.h"
#include "util.h"

/* The strip a section is about, as the user names it. */
static void
version_diff_who(const char *section, char *buf, size_t size)
{
	if (strcmp(section, "project") == 0)
		snprintf(buf, size, "master");
	else if (strchr(section, ' ') != NULL)
		snprintf(buf, size, "%s", strchr(section, ' ') + 1);
	else
		snprintf(buf, size, "%s", section);
}

/* Two dB values as the faders say them, with more digits where those
 * would read alike. */
static void
version_diff_db(const char *a, const char *b, char *buf, size_t size)
{
	char ta[32], tb[32];

	cmd_text_db(strtod(a, NULL), ta, sizeof ta);
	cmd_text_db(strtod(b, NULL), tb, sizeof tb);
	if (strcmp(ta, tb) == 0) {
		snprintf(ta, sizeof ta, "%s dB", a);
		snprintf(tb, sizeof tb, "%s dB", b);
	}
	snprintf(buf, size, "%s -> %s", ta, tb);
}

static void
version_diff_pan(const char *a, const char *b, char *buf, size_t size)
{
	char ta[32], tb[32];

	cmd_text_pan(strtod(a, NULL), ta, sizeof ta);
	cmd_text_pan(strtod(b, NULL), tb, sizeof tb);
	if (strcmp(ta, tb) == 0) {
		snprintf(ta, sizeof ta, "%s", a);
		snprintf(tb, sizeof tb, "%s", b);
	}
	snprintf(buf, size, "%s -> %s", ta, tb);
}

/* A send's value "DB pre|post" in words: "-12 dB post". */
static void
version_diff_send(const char *v, char *buf, size_t size)
{
	char tap[8] = "";
	double db = 0;

	sscanf(v, "%lf %7s", &db, tap);
	cmd_text_db(db, buf, size);
	if (strcmp(tap, "pre") == 0)
		strlcpy_(buf + strlen(buf), " pre", size - strlen(buf));
}

/* One key of a track, bus or the master changed from a to b (NULL: not
 * there). */
static void
version_diff_key(FILE *f, const char *who, const char *key, const char *a,
    const char *b)
{
	char w[128], x[64], y[64];

	if (strcmp(key, "gain") == 0 || strcmp(key, "master-gain") == 0) {
		version_diff_db(a != NULL ? a : "0", b != NULL ? b : "0", w,
		    sizeof w);
		fprintf(f, "%s: gain %s\n", who, w);
	} else if (strcmp(key, "pan") == 0) {
		version_diff_pan(a != NULL ? a : "0", b != NULL ? b : "0", w,
		    sizeof w);
		fprintf(f, "%s: pan %s\n", who, w);
	} else if (strcmp(key, "mute") == 0 || strcmp(key, "solo") == 0) {
		bool on = b != NULL && strcmp(b, "yes") == 0;

		fprintf(f, "%s: %s%s\n", who, on ? "" : "un",
		    key[0] == 'm' ? "muted" : "soloed");
	} else if (strcmp(key, "route") == 0) {
		fprintf(f, "%s: route %s -> %s\n", who, a != NULL ? a :
		    "master", b != NULL ? b : "master");
	} else if (strncmp(key, "send.", 5) == 0) {
		if (a == NULL) {
			version_diff_send(b, y, sizeof y);
			fprintf(f, "%s: send %s added at %s\n", who, key + 5, y);
		} else if (b == NULL) {
			fprintf(f, "%s: send %s removed\n", who, key + 5);
		} else {
			version_diff_send(a, x, sizeof x);
			version_diff_send(b, y, sizeof y);
			if (strcmp(x, y) == 0) {
				snprintf(x, sizeof x, "%s", a);
				snprintf(y, sizeof y, "%s", b);
			}
			fprintf(f, "%s: send %s %s -> %s\n", who, key + 5, x,
			    y);
		}
	} else
		fprintf(f, "%s: %s %s -> %s\n", who, key, a != NULL ? a :
		    "(none)", b != NULL ? b : "(none)");
}

/* ---- inserts ---- */

struct version_ins {
	char strip[64];
	int slot;
	const struct fx_kind *kind;
	const char *kindname;
	unsigned id;
	const char *bypass;
	const struct inidoc_entry *e;	/* its entries */
	int ne;
};

struct version_fx {
	struct version_ins *v;
	int n;
};

static void
version_fx_read(const struct inidoc *d, struct version_fx *fx)
{
	struct version_ins *in = NULL;
	int i, slot;
	char strip[64];

	memset(fx, 0, sizeof *fx);
	for (i = 0; i < d->n; i++) {
		const struct inidoc_entry *e = &d->v[i];

		if (strncmp(e->section, "fx ", 3) != 0 ||
		    sscanf(e->section + 3, "%63s %d", strip, &slot) != 2)
			continue;
		if (in == NULL || strcmp(in->strip, strip) != 0 ||
		    in->slot != slot) {
			fx->v = xreallocarray(fx->v, fx->n + 1, sizeof *fx->v);
			in = &fx->v[fx->n++];
			memset(in, 0, sizeof *in);
			strlcpy_(in->strip, strip, sizeof in->strip);
			in->slot = slot;
			in->e = e;
		}
		in->ne++;
		if (strcmp(e->key, "kind") == 0) {
			in->kindname = e->value;
			in->kind = fx_kind_find(e->value);
		} else if (strcmp(e->key, "id") == 0)
			in->id = (unsigned)strtoul(e->value, NULL, 10);
		else if (strcmp(e->key, "bypass") == 0)
			in->bypass = e->value;
	}
}

static const char *
version_ins_get(const struct version_ins *in, const char *key)
{
	int i;

	for (i = 0; i < in->ne; i++)
		if (strcmp(in->e[i].key, key) == 0)
			return in->e[i].value;
	return NULL;
}

static const struct version_ins *
version_ins_find(const struct version_fx *fx, const char *strip,
    unsigned id)
{
	int i;

	for (i = 0; i < fx->n; i++)
		if (fx->v[i].id == id && strcmp(fx->v[i].strip, strip) == 0)
			return &fx->v[i];
	return NULL;
}

/* Insert a (in mix A) became b (in mix B). */
static int
version_diff_ins(FILE *f, const struct version_ins *a,
    const struct version_ins *b)
{
	const char *kn = b->kindname != NULL ? b->kindname : "?";
	const char *va, *vb, *unit;
	int n = 0, i;

	if (a->slot != b->slot) {
		fprintf(f, "%s: insert %d (%s) moved to %d\n", b->strip,
		    a->slot, kn, b->slot);
		n++;
	}
	if (a->bypass != NULL && b->bypass != NULL &&
	    strcmp(a->bypass, b->bypass) != 0) {
		fprintf(f, "%s: insert %d (%s) %s\n", b->strip, b->slot, kn,
		    strcmp(b->bypass, "yes") == 0 ? "bypassed" : "active");
		n++;
	}
	for (i = 0; i < b->ne; i++) {
		const char *key = b->e[i].key;
		int pi;

		if (strcmp(key, "kind") == 0 || strcmp(key, "id") == 0 ||
		    strcmp(key, "bypass") == 0)
			continue;
		va = version_ins_get(a, key);
		vb = b->e[i].value;
		if (va != NULL && strcmp(va, vb) == 0)
			continue;
		pi = b->kind != NULL ? fx_param_find(b->kind, key) : -1;
		unit = pi >= 0 ? b->kind->params[pi].unit : "";
		fprintf(f, "%s: insert %d (%s) %s %s -> %s%s%s\n", b->strip,
		    b->slot, kn, key, va != NULL ? va : "(default)", vb,
		    unit[0] != '\0' && unit[0] != ':' ? " " : "", unit);
		n++;
	}
	return n;
}

static int
version_diff_fx(const struct inidoc *da, const struct inidoc *db, FILE *f)
{
	struct version_fx a, b;
	const struct version_ins *m;
	int i, n = 0;

	version_fx_read(da, &a);
	version_fx_read(db, &b);
	for (i = 0; i < a.n; i++)
		if (version_ins_find(&b, a.v[i].strip, a.v[i].id) == NULL) {
			fprintf(f, "%s: insert %d (%s) removed\n",
			    a.v[i].strip, a.v[i].slot, a.v[i].kindname != NULL
			    ? a.v[i].kindname : "?");
			n++;
		}
	for (i = 0; i < b.n; i++) {
		m = version_ins_find(&a, b.v[i].strip, b.v[i].id);
		if (m == NULL) {
			fprintf(f, "%s: insert %d (%s) added\n", b.v[i].strip,
			    b.v[i].slot, b.v[i].kindname != NULL ?
			    b.v[i].kindname : "?");
			n++;
		} else
			n += version_diff_ins(f, m, &b.v[i]);
	}
	free(a.v);
	free(b.v);
	return n;
}

/* ---- the rest, key by key ---- */

static bool
version_diff_seen(const struct inidoc *d, int upto, const char *section,
    const char *key)
{
	int i;

	for (i = 0; i < upto; i++)
		if (strcmp(d->v[i].section, section) == 0 &&
		    (key == NULL || strcmp(d->v[i].key, key) == 0))
			return true;
	return false;
}

int
version_diff(const struct inidoc *a, const struct inidoc *b, FILE *f)
{
	char who[96];
	const char *va, *vb;
	int i, n = 0;

	/* Strips only one side has. */
	for (i = 0; i < a->n; i++)
		if (strncmp(a->v[i].section, "fx ", 3) != 0 &&
		    !inidoc_has_section(b, a->v[i].section) &&
		    !version_diff_seen(a, i, a->v[i].section, NULL)) {
			fprintf(f, "%s: removed\n", a->v[i].section);
			n++;
		}
	for (i = 0; i < b->n; i++)
		if (strncmp(b->v[i].section, "fx ", 3) != 0 &&
		    !inidoc_has_section(a, b->v[i].section) &&
		    !version_diff_seen(b, i, b->v[i].section, NULL)) {
			fprintf(f, "%s: added\n", b->v[i].section);
			n++;
		}
	/* Keys of the strips both have: changed or gone, then new. */
	for (i = 0; i < a->n; i++) {
		const struct inidoc_entry *e = &a->v[i];

		if (strncmp(e->section, "fx ", 3) == 0 ||
		    !inidoc_has_section(b, e->section) ||
		    version_diff_seen(a, i, e->section, e->key))
			continue;
		vb = inidoc_get(b, e->section, e->key);
		if (vb != NULL && strcmp(vb, e->value) == 0)
			continue;
		version_diff_who(e->section, who, sizeof who);
		version_diff_key(f, who, e->key, e->value, vb);
		n++;
	}
	for (i = 0; i < b->n; i++) {
		const struct inidoc_entry *e = &b->v[i];

		if (strncmp(e->section, "fx ", 3) == 0 ||
		    !inidoc_has_section(a, e->section) ||
		    version_diff_seen(b, i, e->section, e->key))
			continue;
		va = inidoc_get(a, e->section, e->key);
		if (va != NULL)
			continue;
		version_diff_who(e->section, who, sizeof who);
		version_diff_key(f, who, e->key, NULL, e->value);
		n++;
	}
	return n + version_diff_fx(a, b, f);
}
