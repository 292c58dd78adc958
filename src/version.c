/* version.c - mix versions: which entries of project.ini are the mix, the
 * versions/ files, and putting a version's mix in place. */
#include "version.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "atomicfile.h"
#include "inival.h"
#include "project.h"
#include "util.h"

/* The mix: sections of these kinds (the section's first word), and of
 * them these keys ("*" all; "send.*" every key that begins so).  Whole
 * sections name their strip in their second word ([fx vox 2], [bus verb],
 * [auto vox gain]). */
static const struct version_select {
	const char *kind;
	const char *keys;
} version_table[] = {
	{ "project", "master-gain" },
	{ "track", "gain,pan,mute,solo,route,send.*" },
	{ "bus", "*" },
	{ "fx", "*" },
	{ "auto", "*" },
};

static const struct version_select *
version_kind(const char *section)
{
	size_t n = strcspn(section, " ");
	size_t i;

	for (i = 0; i < sizeof version_table / sizeof version_table[0]; i++)
		if (strlen(version_table[i].kind) == n &&
		    strncmp(version_table[i].kind, section, n) == 0)
			return &version_table[i];
	return NULL;
}

static bool
version_whole(const struct version_select *k)
{
	return k != NULL && strcmp(k->keys, "*") == 0;
}

bool
version_selects(const char *section, const char *key)
{
	const struct version_select *k = version_kind(section);
	const char *w, *e;
	size_t n;

	if (k == NULL)
		return false;
	for (w = k->keys; *w != '\0'; w = e + (*e == ',')) {
		e = w + strcspn(w, ",");
		n = e - w;
		if (n == 1 && *w == '*')
			return true;
		if (n >= 2 && w[n - 1] == '*' && strncmp(key, w, n - 1) == 0)
			return true;
		if (strlen(key) == n && strncmp(key, w, n) == 0)
			return true;
	}
	return false;
}

void
version_mix(const char *text, struct inidoc *mix)
{
	struct inidoc all;
	int i;

	inidoc_parse(&all, text);
	memset(mix, 0, sizeof *mix);
	for (i = 0; i < all.n; i++)
		if (version_selects(all.v[i].section, all.v[i].key))
			inidoc_add(mix, all.v[i].section, all.v[i].key,
			    all.v[i].value);
	inidoc_free(&all);
}

/* The strip a whole section names ("fx vox 2" -> "vox"), into buf. */
static const char *
version_strip(const char *section, char *buf, size_t size)
{
	const char *s = strchr(section, ' ');
	size_t n;

	if (s == NULL) {
		buf[0] = '\0';
		return buf;
	}
	s++;
	n = strcspn(s, " ");
	snprintf(buf, size, "%.*s", (int)n, s);
	return buf;
}

static bool
version_has(const struct inidoc *d, const char *kind, const char *name)
{
	char sec[128];

	snprintf(sec, sizeof sec, "%s %s", kind, name);
	return inidoc_has_section(d, sec);
}

/* A strip whose whole sections come from the version: the master, the
 * buses (all of them are the version's) and the tracks it knows. */
static bool
version_covers(const struct inidoc *cur, const struct inidoc *mix,
    const char *strip)
{
	return strcmp(strip, "master") == 0 || version_has(mix, "bus", strip)
	    || version_has(cur, "bus", strip) ||
	    version_has(mix, "track", strip);
}

/* Whether an entry of the current project stays when `mix` is loaded. */
static bool
version_keeps(const struct inidoc *cur, const struct inidoc *mix,
    const struct inidoc_entry *e)
{
	const struct version_select *k = version_kind(e->section);
	char strip[64];

	if (k == NULL || !version_selects(e->section, e->key))
		return true;
	if (version_whole(k))
		return strcmp(k->kind, "bus") != 0 && !version_covers(cur, mix,
		    version_strip(e->section, strip, sizeof strip));
	if (inidoc_has_section(mix, e->section) ||
	    strcmp(e->section, "project") == 0)
		return false;
	/* A track the version does not know keeps its mix, but not a
	 * route or send into a bus the version has not. */
	if (strcmp(e->key, "route") == 0)
		return strcmp(e->value, "master") == 0 ||
		    version_has(mix, "bus", e->value);
	if (strncmp(e->key, "send.", 5) == 0)
		return version_has(mix, "bus", e->key + 5);
	return true;
}

static void
version_add_section(struct inidoc *out, const struct inidoc *mix,
    const char *section)
{
	int i;

	for (i = 0; i < mix->n; i++)
		if (strcmp(mix->v[i].section, section) == 0)
			inidoc_add(out, mix->v[i].section, mix->v[i].key,
			    mix->v[i].value);
}

char *
version_apply(const char *text, const struct inidoc *mix)
{
	struct inidoc cur, out;
	const struct version_select *k;
	char strip[64], *buf = NULL;
	size_t len = 0;
	FILE *f;
	int i;

	inidoc_parse(&cur, text);
	memset(&out, 0, sizeof out);
	for (i = 0; i < cur.n; i++) {
		const struct inidoc_entry *e = &cur.v[i];

		if (version_keeps(&cur, mix, e))
			inidoc_add(&out, e->section, e->key, e->value);
		/* A section's end: the version's keys of it follow. */
		if ((i + 1 == cur.n ||
		    strcmp(cur.v[i + 1].section, e->section) != 0) &&
		    (k = version_kind(e->section)) != NULL && !version_whole(k))
			version_add_section(&out, mix, e->section);
	}
	for (i = 0; i < mix->n; i++) {
		const struct inidoc_entry *e = &mix->v[i];

		k = version_kind(e->section);
		if (!version_whole(k))
			continue;
		version_strip(e->section, strip, sizeof strip);
		if (strcmp(k->kind, "bus") == 0 ||
		    strcmp(strip, "master") == 0 ||
		    version_has(mix, "bus", strip) ||
		    version_has(&cur, "track", strip))
			inidoc_add(&out, e->section, e->key, e->value);
	}
	f = open_memstream(&buf, &len);
	if (f == NULL)
		fatal("out of memory (open_memstream)");
	inidoc_write(&out, f);
	if (fclose(f) != 0)
		fatal("out of memory (version text)");
	inidoc_free(&cur);
	inidoc_free(&out);
	return buf;
}

int
version_name_ok(const char *name, char *err, size_t errlen)
{
	size_t i, n = strlen(name);

	if (n == 0 || n > VERSION_NAME_MAX || name[0] == '.') {
		snprintf(err, errlen, "expected 1 to %d letters, digits, "
		    "'_', '-' or '.' (not first), got '%s'", VERSION_NAME_MAX,
		    name);
		return -1;
	}
	for (i = 0; i < n; i++)
		if (!((name[i] >= 'a' && name[i] <= 'z') ||
		    (name[i] >= 'A' && name[i] <= 'Z') ||
		    (name[i] >= '0' && name[i] <= '9') || name[i] == '_' ||
		    name[i] == '-' || name[i] == '.')) {
			snprintf(err, errlen, "expected letters, digits, '_', "
			    "'-' or '.', got '%s'", name);
			return -1;
		}
	return 0;
}

void
version_now(char *buf, size_t size)
{
	time_t t = time(NULL);
	struct tm tm;

	localtime_r(&t, &tm);
	strftime(buf, size, "%Y-%m-%d %H:%M", &tm);
}

static char *
version_path(const struct project *p, int n)
{
	return xasprintf("%s/%s/v%d.ini", p->dir, VERSION_DIR, n);
}

int
version_write(const struct project *p, const struct version *v, char *err,
    size_t errlen)
{
	struct atomicfile *af;
	char *path;
	FILE *f;

	path = xasprintf("%s/%s", p->dir, VERSION_DIR);
	if (mkdir(path, 0777) != 0 && errno != EEXIST) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		free(path);
		return -1;
	}
	free(path);
	path = version_path(p, v->number);
	af = atomicfile_open(path, err, errlen);
	free(path);
	if (af == NULL)
		return -1;
	f = atomicfile_stream(af);
	fprintf(f, "# reel mix version %d: the mix only, the audio is the "
	    "project's.\n[version]\n", v->number);
	fprintf(f, "number = %d\n", v->number);
	if (v->name[0] != '\0')
		fprintf(f, "name = %s\n", v->name);
	fprintf(f, "date = %s\n", v->date);
	if (v->note[0] != '\0')
		inival_write(f, "note", v->note);
	fprintf(f, "\n");
	inidoc_write(&v->mix, f);
	return atomicfile_commit(af, err, errlen);
}

int
version_read(const struct project *p, int n, struct version *v, char *err,
    size_t errlen)
{
	struct inidoc d;
	char *path = version_path(p, n);
	FILE *f = fopen(path, "r");
	int i, rc;

	memset(v, 0, sizeof *v);
	v->number = n;
	if (f == NULL) {
		if (errno == ENOENT)
			snprintf(err, errlen, "no version %d (versions lists "
			    "them)", n);
		else
			snprintf(err, errlen, "%s: %s", path, strerror(errno));
		free(path);
		return -1;
	}
	rc = inidoc_read(&d, f);
	fclose(f);
	if (rc != 0) {
		snprintf(err, errlen, "%s:%d: cannot read it", path, rc);
		free(path);
		inidoc_free(&d);
		return -1;
	}
	free(path);
	for (i = 0; i < d.n; i++) {
		const struct inidoc_entry *e = &d.v[i];

		if (strcmp(e->section, "version") != 0) {
			inidoc_add(&v->mix, e->section, e->key, e->value);
			continue;
		}
		if (strcmp(e->key, "name") == 0)
			strlcpy_(v->name, e->value, sizeof v->name);
		else if (strcmp(e->key, "date") == 0)
			strlcpy_(v->date, e->value, sizeof v->date);
		else if (strcmp(e->key, "note") == 0)
			inival_append(&v->note, e->value);
	}
	if (v->note == NULL)
		v->note = xstrdup("");
	inidoc_free(&d);
	return 0;
}

void
version_free(struct version *v)
{
	free(v->note);
	inidoc_free(&v->mix);
	memset(v, 0, sizeof *v);
}

static int
version_cmp(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

int *
version_list(const struct project *p, int *n)
{
	char *path = xasprintf("%s/%s", p->dir, VERSION_DIR), tail;
	DIR *d = opendir(path);
	struct dirent *de;
	int *v = NULL, x;

	*n = 0;
	free(path);
	if (d == NULL)
		return NULL;
	while ((de = readdir(d)) != NULL)
		if (sscanf(de->d_name, "v%d.in%c", &x, &tail) == 2 &&
		    tail == 'i' && x >= 1 && x <= VERSION_MAX &&
		    strcmp(strchr(de->d_name, '.'), ".ini") == 0) {
			char check[32];

			snprintf(check, sizeof check, "v%d.ini", x);
			if (strcmp(check, de->d_name) != 0)
				continue;
			v = xreallocarray(v, *n + 1, sizeof *v);
			v[(*n)++] = x;
		}
	closedir(d);
	if (*n > 0)
		qsort(v, *n, sizeof *v, version_cmp);
	return v;
}

int
version_next(const struct project *p)
{
	int n, *v = version_list(p, &n), next;

	next = n > 0 ? v[n - 1] + 1 : 1;
	free(v);
	return next;
}

int
version_current(const struct project *p, bool *changed)
{
	struct version v;
	struct inidoc now;
	char err[256], *text;

	*changed = true;
	if (p->version <= 0 || version_read(p, p->version, &v, err,
	    sizeof err) != 0)
		return p->version;
	text = project_text(p);
	version_mix(text, &now);
	*changed = !inidoc_equal(&now, &v.mix);
	free(text);
	inidoc_free(&now);
	version_free(&v);
	return p->version;
}
