/* request.c - revision requests and requests.ini. */
#include "request.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "atomicfile.h"
#include "inidoc.h"
#include "inival.h"
#include "project.h"
#include "timefmt.h"
#include "util.h"

void
requests_free(struct requests *r)
{
	int i;

	for (i = 0; i < r->n; i++) {
		free(r->v[i].text);
		free(r->v[i].by);
		free(r->v[i].reply);
	}
	free(r->v);
	memset(r, 0, sizeof *r);
	r->next = 1;
}

struct request *
requests_find(struct requests *r, int id)
{
	int i;

	for (i = 0; i < r->n; i++)
		if (r->v[i].id == id)
			return &r->v[i];
	return NULL;
}

struct request *
requests_add(struct requests *r)
{
	struct request *q;

	r->v = xreallocarray(r->v, r->n + 1, sizeof *r->v);
	q = &r->v[r->n++];
	memset(q, 0, sizeof *q);
	q->id = r->next++;
	q->text = xstrdup("");
	q->by = xstrdup("");
	q->reply = xstrdup("");
	return q;
}

/* A text value: continuation lines append. */
static void
requests_text(char **dst, bool first, const char *piece)
{
	if (first) {
		free(*dst);
		*dst = NULL;
	}
	inival_append(dst, piece);
}

int
requests_load(const struct project *p, struct requests *r, char *err,
    size_t errlen)
{
	char *path = project_path(p, REQUEST_FILE);
	struct inidoc d;
	struct request *q = NULL;
	FILE *f;
	int i, id, rc;

	memset(r, 0, sizeof *r);
	r->next = 1;
	f = fopen(path, "r");
	if (f == NULL) {
		rc = errno == ENOENT ? 0 : -1;
		if (rc != 0)
			snprintf(err, errlen, "%s: %s", path, strerror(errno));
		free(path);
		return rc;
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
		bool first = i == 0 || strcmp(d.v[i - 1].section,
		    e->section) != 0 || strcmp(d.v[i - 1].key, e->key) != 0;

		if (sscanf(e->section, "request %d", &id) != 1 || id < 1)
			continue;
		if (q == NULL || q->id != id) {
			q = requests_find(r, id);
			if (q == NULL) {
				r->next = id;
				q = requests_add(r);
			}
		}
		if (strcmp(e->key, "frame") == 0)
			q->frame = strtoll(e->value, NULL, 10);
		else if (strcmp(e->key, "text") == 0)
			requests_text(&q->text, first, e->value);
		else if (strcmp(e->key, "by") == 0)
			requests_text(&q->by, first, e->value);
		else if (strcmp(e->key, "reply") == 0)
			requests_text(&q->reply, first, e->value);
		else if (strcmp(e->key, "status") == 0)
			q->done = strcmp(e->value, "done") == 0;
		else if (strcmp(e->key, "version") == 0)
			q->version = atoi(e->value);
		else if (strcmp(e->key, "asked") == 0)
			strlcpy_(q->asked, e->value, sizeof q->asked);
		else if (strcmp(e->key, "answered") == 0)
			strlcpy_(q->answered, e->value, sizeof q->answered);
	}
	r->next = 1;
	for (i = 0; i < r->n; i++)
		if (r->v[i].id >= r->next)
			r->next = r->v[i].id + 1;
	inidoc_free(&d);
	return 0;
}

int
requests_save(const struct project *p, const struct requests *r, char *err,
    size_t errlen)
{
	char *path = project_path(p, REQUEST_FILE), t[32];
	struct atomicfile *af = atomicfile_open(path, err, errlen);
	FILE *f;
	int i;

	free(path);
	if (af == NULL)
		return -1;
	f = atomicfile_stream(af);
	fprintf(f, "# reel revision requests: one section each; frame is "
	    "the truth, time reads it.\n");
	for (i = 0; i < r->n; i++) {
		const struct request *q = &r->v[i];

		timefmt_format(q->frame, p->rate, t, sizeof t);
		fprintf(f, "%s[request %d]\n", i > 0 ? "\n" : "", q->id);
		fprintf(f, "time = %s\n", t);
		fprintf(f, "frame = %lld\n", (long long)q->frame);
		inival_write(f, "text", q->text);
		if (q->by[0] != '\0')
			inival_write(f, "by", q->by);
		fprintf(f, "status = %s\n", q->done ? "done" : "open");
		if (q->asked[0] != '\0')
			fprintf(f, "asked = %s\n", q->asked);
		if (q->answered[0] != '\0')
			fprintf(f, "answered = %s\n", q->answered);
		if (q->reply[0] != '\0')
			inival_write(f, "reply", q->reply);
		if (q->version > 0)
			fprintf(f, "version = %d\n", q->version);
	}
	return atomicfile_commit(af, err, errlen);
}

const struct requests *
requests_cached(const struct project *p)
{
	static struct requests cache = { NULL, 0, 1 };
	static struct timespec mtime;
	static off_t size = -1;
	static ino_t ino;
	static char *dir;
	char *path = project_path(p, REQUEST_FILE), err[256];
	struct stat st;

	if (stat(path, &st) != 0) {
		memset(&st, 0, sizeof st);
		st.st_size = -2;
	}
	free(path);
	/* Every save is a new file renamed into place: a new inode, even
	 * within one tick of the clock. */
	if (dir != NULL && strcmp(dir, p->dir) == 0 && st.st_size == size &&
	    st.st_ino == ino &&
	    st.st_mtim.tv_sec == mtime.tv_sec &&
	    st.st_mtim.tv_nsec == mtime.tv_nsec)
		return &cache;
	requests_free(&cache);
	if (requests_load(p, &cache, err, sizeof err) != 0)
		requests_free(&cache);
	free(dir);
	dir = xstrdup(p->dir);
	size = st.st_size;
	ino = st.st_ino;
	mtime = st.st_mtim;
	return &cache;
}
