/* renderlog.c - render names and renders/renders.ini. */
#include "renderlog.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "atomicfile.h"
#include "inidoc.h"
#include "inival.h"
#include "project.h"
#include "timefmt.h"
#include "util.h"
#include "version.h"

void
renderlog_project(const struct project *p, char *buf, size_t size)
{
	const char *d = p->dir, *e = d + strlen(d), *b;

	while (e > d + 1 && e[-1] == '/')
		e--;
	for (b = e; b > d && b[-1] != '/'; b--)
		;
	if (e == b || (e - b == 1 && *b == '.'))
		snprintf(buf, size, "mix");
	else
		snprintf(buf, size, "%.*s", (int)(e - b), b);
}

void
renderlog_name(const struct project *p, char *buf, size_t size)
{
	char proj[256], err[256];
	struct version v;
	bool changed;
	int n = version_current(p, &changed);

	renderlog_project(p, proj, sizeof proj);
	if (n <= 0) {
		snprintf(buf, size, "%s.wav", proj);
		return;
	}
	if (version_read(p, n, &v, err, sizeof err) != 0)
		memset(&v, 0, sizeof v);
	snprintf(buf, size, "%s-v%d%s%s%s.wav", proj, n, v.name[0] != '\0' ?
	    "-" : "", v.name, changed ? "-edited" : "");
	version_free(&v);
}

void
renderlog_name_range(const struct project *p, int64_t start, int64_t end,
    char *buf, size_t size)
{
	char base[512];
	size_t n;

	renderlog_name(p, base, sizeof base);
	if (start == 0 && end == project_length(p)) {
		snprintf(buf, size, "%s", base);
		return;
	}
	n = strlen(base) - strlen(".wav");
	snprintf(buf, size, "%.*s-%.3fs-%.3fs.wav", (int)n, base,
	    (double)start / p->rate, (double)end / p->rate);
}

static char *
renderlog_read(const struct project *p)
{
	char *path = project_path(p, RENDERLOG_FILE), *buf = NULL;
	size_t len = 0;
	FILE *f = fopen(path, "r"), *m;
	char chunk[4096];
	size_t got;

	free(path);
	m = open_memstream(&buf, &len);
	if (m == NULL)
		fatal("out of memory (open_memstream)");
	while (f != NULL && (got = fread(chunk, 1, sizeof chunk, f)) > 0)
		fwrite(chunk, 1, got, m);
	if (f != NULL)
		fclose(f);
	if (fclose(m) != 0)
		fatal("out of memory (renders log)");
	return buf;
}

int
renderlog_add(const struct project *p, const char *file, int64_t start,
    int64_t end, char *err, size_t errlen)
{
	char *old = renderlog_read(p), *path, when[32];
	struct atomicfile *af;
	struct inidoc d;
	bool changed;
	int n = 1, i, id, ver = version_current(p, &changed);
	FILE *f;

	inidoc_parse(&d, old);
	for (i = 0; i < d.n; i++)
		if (sscanf(d.v[i].section, "render %d", &id) == 1 && id >= n)
			n = id + 1;
	inidoc_free(&d);
	path = project_path(p, RENDERLOG_FILE);
	af = atomicfile_open(path, err, errlen);
	free(path);
	if (af == NULL) {
		free(old);
		return -1;
	}
	f = atomicfile_stream(af);
	if (old[0] == '\0')
		fprintf(f, "# reel renders: what was rendered from which "
		    "mix version, and when.\n");
	fputs(old, f);
	free(old);
	version_now(when, sizeof when);
	fprintf(f, "\n[render %d]\n", n);
	inival_write(f, "file", file);
	fprintf(f, "version = %d\n", ver);
	fprintf(f, "edited = %s\n", ver > 0 && changed ? "yes" : "no");
	fprintf(f, "date = %s\n", when);
	fprintf(f, "range = %lld %lld\n", (long long)start, (long long)end);
	return atomicfile_commit(af, err, errlen);
}

char *
renderlog_text(const struct project *p)
{
	char *old = renderlog_read(p), *buf = NULL, *file = NULL;
	size_t len = 0;
	struct inidoc d;
	FILE *f = open_memstream(&buf, &len);
	int i;

	if (f == NULL)
		fatal("out of memory (open_memstream)");
	inidoc_parse(&d, old);
	free(old);
	for (i = 0; i < d.n; i++) {
		const struct inidoc_entry *e = &d.v[i];
		const char *ver, *ed, *date;

		if (strcmp(e->key, "file") == 0)
			inival_append(&file, e->value);
		if (i + 1 < d.n && strcmp(d.v[i + 1].section, e->section) == 0)
			continue;
		/* The section's last entry: say it. */
		ver = inidoc_get(&d, e->section, "version");
		ed = inidoc_get(&d, e->section, "edited");
		date = inidoc_get(&d, e->section, "date");
		if (ver == NULL || strcmp(ver, "0") == 0)
			fprintf(f, "%s  %s  no version\n", date != NULL ? date :
			    "?", file != NULL ? file : "?");
		else
			fprintf(f, "%s  %s  v%s%s\n", date != NULL ? date : "?",
			    file != NULL ? file : "?", ver, ed != NULL &&
			    strcmp(ed, "yes") == 0 ? " (edited since)" : "");
		free(file);
		file = NULL;
	}
	inidoc_free(&d);
	if (fclose(f) != 0)
		fatal("out of memory (renders log)");
	return buf;
}
