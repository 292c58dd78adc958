/* history.c - undo and redo steps, kept in .reel/undo/ of the project. */
#include "history.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "project.h"
#include "util.h"

#define HISTORY_MAGIC "reel undo step 1\n"

static void
history_step_free(struct history_step *st)
{
	free(st->text);
	free(st->desc);
	free(st->param);
	free(st->from);
	memset(st, 0, sizeof *st);
}

static void
history_stack_clear(struct history_step **stack, int *n)
{
	while (*n > 0)
		history_step_free(&(*stack)[--*n]);
	free(*stack);
	*stack = NULL;
}

void
history_free(struct history *h)
{
	history_stack_clear(&h->undo, &h->nundo);
	history_stack_clear(&h->redo, &h->nredo);
	h->next_id = 0;
}

/* A description is one line of printable text. */
static char *
history_line(const char *s)
{
	char *d = xstrdup(s), *p;

	for (p = d; *p != '\0'; p++)
		if ((unsigned char)*p < ' ' || *p == 0x7f)
			*p = '?';
	return d;
}

static void
history_drop_oldest(struct history_step **stack, int *n)
{
	history_step_free(&(*stack)[0]);
	memmove(*stack, *stack + 1, (*n - 1) * sizeof **stack);
	(*n)--;
}

static size_t
history_bytes(const struct history *h)
{
	size_t n = 0;
	int i;

	for (i = 0; i < h->nundo; i++)
		n += strlen(h->undo[i].text);
	for (i = 0; i < h->nredo; i++)
		n += strlen(h->redo[i].text);
	return n;
}

/* At most HISTORY_MAX_STEPS a stack, and HISTORY_MAX_BYTES in all: the
 * oldest undo steps go first, then the redo steps farthest away. */
static void
history_bound(struct history *h)
{
	size_t bytes;

	while (h->nundo > HISTORY_MAX_STEPS)
		history_drop_oldest(&h->undo, &h->nundo);
	while (h->nredo > HISTORY_MAX_STEPS)
		history_drop_oldest(&h->redo, &h->nredo);
	bytes = history_bytes(h);
	while (bytes > HISTORY_MAX_BYTES && h->nundo + h->nredo > 1) {
		if (h->nundo > 0) {
			bytes -= strlen(h->undo[0].text);
			history_drop_oldest(&h->undo, &h->nundo);
		} else {
			bytes -= strlen(h->redo[0].text);
			history_drop_oldest(&h->redo, &h->nredo);
		}
	}
}

static struct history_step *
history_stack_add(struct history_step **stack, int *n)
{
	struct history_step *st;

	*stack = xreallocarray(*stack, *n + 1, sizeof **stack);
	st = &(*stack)[(*n)++];
	memset(st, 0, sizeof *st);
	return st;
}

void
history_push(struct history *h, char *text, const char *desc,
    const char *param, const char *from, int64_t now_ms)
{
	struct history_step *st;

	history_stack_clear(&h->redo, &h->nredo);
	st = history_stack_add(&h->undo, &h->nundo);
	st->id = ++h->next_id;
	st->text = text;
	st->desc = history_line(desc);
	st->param = param != NULL ? history_line(param) : NULL;
	st->from = param != NULL && from != NULL ? history_line(from) : NULL;
	st->when_ms = now_ms;
	history_bound(h);
}

bool
history_merge(struct history *h, const char *param, const char *to,
    int64_t now_ms, int64_t window_ms)
{
	struct history_step *st;
	char *line;

	if (h->nundo == 0 || h->nredo > 0)
		return false;
	st = &h->undo[h->nundo - 1];
	if (st->param == NULL || st->from == NULL || st->when_ms == 0 ||
	    strcmp(st->param, param) != 0 || now_ms - st->when_ms > window_ms ||
	    now_ms < st->when_ms)
		return false;
	line = xasprintf("%s %s -> %s", st->param, st->from, to);
	free(st->desc);
	st->desc = history_line(line);
	free(line);
	st->when_ms = now_ms;
	st->saved = false;
	return true;
}

const struct history_step *
history_top(const struct history *h, bool redo)
{
	if (redo)
		return h->nredo > 0 ? &h->redo[h->nredo - 1] : NULL;
	return h->nundo > 0 ? &h->undo[h->nundo - 1] : NULL;
}

void
history_move(struct history *h, bool redo, char *current)
{
	struct history_step **from = redo ? &h->redo : &h->undo;
	struct history_step **to = redo ? &h->undo : &h->redo;
	int *nfrom = redo ? &h->nredo : &h->nundo;
	int *nto = redo ? &h->nundo : &h->nredo;
	struct history_step moved, *st;

	if (*nfrom == 0) {
		free(current);
		return;
	}
	moved = (*from)[--*nfrom];
	st = history_stack_add(to, nto);
	*st = moved;
	free(st->text);
	st->text = current;
	/* A new file: the old one is pruned once project.ini is saved. */
	st->id = ++h->next_id;
	st->saved = false;
	/* An undone burst is not carried on by the next move. */
	st->when_ms = 0;
	history_bound(h);
}

void
history_drop(struct history *h, bool redo)
{
	struct history_step *stack = redo ? h->redo : h->undo;
	int *n = redo ? &h->nredo : &h->nundo;

	if (*n > 0)
		history_step_free(&stack[--*n]);
}

/* ---- files ---- */

static char *
history_dir(const char *dir)
{
	return xasprintf("%s/%s", dir, HISTORY_DIR);
}

/* .reel and .reel/undo are directories of the project's own, not
 * symlinks that would lead the history's files out of it. */
static bool
history_dirs_ok(const char *dir)
{
	char *d = xasprintf("%s/.reel", dir), *u = history_dir(dir);
	struct stat st;
	bool ok;

	ok = lstat(d, &st) == 0 && S_ISDIR(st.st_mode) && lstat(u, &st) == 0 &&
	    S_ISDIR(st.st_mode);
	free(d);
	free(u);
	return ok;
}

/* mkdir, then a directory of its own (not a symlink) must be there. */
static int
history_mkdir(const char *path)
{
	struct stat st;

	if (mkdir(path, 0777) != 0 && errno != EEXIST)
		return -1;
	if (lstat(path, &st) != 0)
		return -1;
	if (!S_ISDIR(st.st_mode)) {
		errno = ENOTDIR;
		return -1;
	}
	return 0;
}

static int
history_mkdirs(const char *dir)
{
	char *d = xasprintf("%s/.reel", dir), *u = history_dir(dir);
	int rc;

	/* .reel first: creating undo/ in a symlinked .reel would already
	 * write out of the project. */
	rc = history_mkdir(d);
	if (rc == 0)
		rc = history_mkdir(u);
	free(d);
	free(u);
	return rc;
}

static int
history_write_step(const char *udir, char kind, const struct history_step *st)
{
	char *path = xasprintf("%s/%c-%" PRIu64 ".step", udir, kind, st->id);
	char *tmp = xasprintf("%s.tmp", path);
	size_t len = strlen(st->text);
	FILE *f = NULL;
	int fd, e = 0;

	/* A fresh file, never one a planted symlink points to. */
	unlink(tmp);
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
	    0666);
	if (fd < 0 || (f = fdopen(fd, "w")) == NULL) {
		e = errno;
		if (fd >= 0)
			close(fd);
		goto done;
	}
	errno = 0;
	fputs(HISTORY_MAGIC, f);
	fprintf(f, "desc = %s\n", st->desc);
	if (st->param != NULL && st->from != NULL)
		fprintf(f, "param = %s\nfrom = %s\n", st->param, st->from);
	fprintf(f, "bytes = %zu\n", len);
	fwrite(st->text, 1, len, f);
	if (fflush(f) != 0 || ferror(f))
		e = errno != 0 ? errno : EIO;
	if (fclose(f) != 0 && e == 0)
		e = errno;
	/* No fsync: project.ini is the truth, and a step lost or cut short
	 * by a power cut is dropped when it is next read. */
	if (e == 0 && rename(tmp, path) != 0)
		e = errno;
	if (e != 0)
		unlink(tmp);
done:
	free(path);
	free(tmp);
	errno = e;
	return e != 0 ? -1 : 0;
}

int
history_write(struct history *h, const char *dir, char *err, size_t errlen)
{
	char *udir;
	int i, rc = 0;

	for (i = 0; i < h->nundo && h->undo[i].saved; i++)
		;
	if (i == h->nundo) {
		for (i = 0; i < h->nredo && h->redo[i].saved; i++)
			;
		if (i == h->nredo)
			return 0;
	}
	udir = history_dir(dir);
	rc = history_mkdirs(dir);
	for (i = 0; rc == 0 && i < h->nundo; i++)
		if (!h->undo[i].saved) {
			if (history_write_step(udir, 'u', &h->undo[i]) != 0)
				rc = -1;
			else
				h->undo[i].saved = true;
		}
	for (i = 0; rc == 0 && i < h->nredo; i++)
		if (!h->redo[i].saved) {
			if (history_write_step(udir, 'r', &h->redo[i]) != 0)
				rc = -1;
			else
				h->redo[i].saved = true;
		}
	if (rc != 0)
		snprintf(err, errlen, "undo history %s: %s", udir,
		    strerror(errno));
	free(udir);
	return rc;
}

/* "u-12.step" -> 'u', 12; 0 when the name is not a step's. */
static char
history_parse_name(const char *name, uint64_t *id)
{
	char *end;
	unsigned long long v;

	if ((name[0] != 'u' && name[0] != 'r') || name[1] != '-' ||
	    name[2] < '0' || name[2] > '9')
		return 0;
	errno = 0;
	v = strtoull(name + 2, &end, 10);
	if (errno != 0 || strcmp(end, ".step") != 0 || v == 0)
		return 0;
	*id = v;
	return name[0];
}

static bool
history_has(const struct history_step *stack, int n, uint64_t id)
{
	int i;

	for (i = 0; i < n; i++)
		if (stack[i].id == id)
			return true;
	return false;
}

void
history_prune(const struct history *h, const char *dir)
{
	char *udir = history_dir(dir), *path;
	struct dirent *de;
	DIR *d = history_dirs_ok(dir) ? opendir(udir) : NULL;
	size_t len;
	uint64_t id;
	char kind;
	bool keep;

	if (d == NULL) {
		free(udir);
		return;
	}
	while ((de = readdir(d)) != NULL) {
		len = strlen(de->d_name);
		kind = history_parse_name(de->d_name, &id);
		if (kind == 'u')
			keep = history_has(h->undo, h->nundo, id);
		else if (kind == 'r')
			keep = history_has(h->redo, h->nredo, id);
		else
			keep = !(len > 4 &&
			    strcmp(de->d_name + len - 4, ".tmp") == 0);
		if (keep)
			continue;
		path = xasprintf("%s/%s", udir, de->d_name);
		unlink(path);
		free(path);
	}
	closedir(d);
	free(udir);
}

/* The value of "KEY = value\n" at *p, moving *p past the line; NULL when
 * the line is not that key's. */
static char *
history_header(const char **p, const char *end, const char *key)
{
	size_t k = strlen(key);
	const char *nl;
	char *v;

	if ((size_t)(end - *p) < k + 3 || memcmp(*p, key, k) != 0 ||
	    memcmp(*p + k, " = ", 3) != 0)
		return NULL;
	nl = memchr(*p, '\n', end - *p);
	if (nl == NULL)
		return NULL;
	v = xstrndup(*p + k + 3, nl - (*p + k + 3));
	*p = nl + 1;
	return v;
}

/* Reads one step file into st (its id set by the caller).  0, or -1 when
 * it is damaged. */
static int
history_read_step(const char *path, struct history_step *st)
{
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	FILE *f = fd >= 0 ? fdopen(fd, "r") : NULL;
	char *buf, *bytes = NULL, *endp;
	const char *q, *end;
	unsigned long long n;
	struct stat sb;
	size_t got;

	if (f == NULL) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	if (fstat(fileno(f), &sb) != 0 || !S_ISREG(sb.st_mode) ||
	    sb.st_size > (off_t)HISTORY_MAX_BYTES + 65536) {
		fclose(f);
		return -1;
	}
	buf = xmalloc((size_t)sb.st_size + 1);
	got = fread(buf, 1, (size_t)sb.st_size, f);
	fclose(f);
	buf[got] = '\0';
	end = buf + got;
	q = buf;
	if (got < strlen(HISTORY_MAGIC) || memcmp(q, HISTORY_MAGIC,
	    strlen(HISTORY_MAGIC)) != 0)
		goto bad;
	q += strlen(HISTORY_MAGIC);
	if ((st->desc = history_header(&q, end, "desc")) == NULL)
		goto bad;
	if ((st->param = history_header(&q, end, "param")) != NULL &&
	    (st->from = history_header(&q, end, "from")) == NULL)
		goto bad;
	if ((bytes = history_header(&q, end, "bytes")) == NULL)
		goto bad;
	errno = 0;
	n = strtoull(bytes, &endp, 10);
	if (errno != 0 || *endp != '\0' || endp == bytes ||
	    n != (unsigned long long)(end - q) || memchr(q, '\0', n) != NULL)
		goto bad;
	st->text = xstrndup(q, (size_t)n);
	free(bytes);
	free(buf);
	return 0;
bad:
	free(bytes);
	free(buf);
	free(st->text);
	free(st->desc);
	free(st->param);
	free(st->from);
	st->text = st->desc = st->param = st->from = NULL;
	return -1;
}

static int
history_cmp(const void *a, const void *b)
{
	const struct history_step *x = a, *y = b;

	return x->id < y->id ? -1 : x->id > y->id;
}

void
history_load(struct history *h, const struct project *p, int *bad)
{
	char *udir = history_dir(p->dir), *path, *current;
	struct history_step st, **stack;
	struct dirent *de;
	DIR *d;
	uint64_t id;
	char kind;
	int *n;

	*bad = 0;
	history_free(h);
	d = history_dirs_ok(p->dir) ? opendir(udir) : NULL;
	if (d == NULL) {
		free(udir);
		return;
	}
	while ((de = readdir(d)) != NULL) {
		kind = history_parse_name(de->d_name, &id);
		if (kind == 0)
			continue;
		memset(&st, 0, sizeof st);
		st.id = id;
		st.saved = true;
		path = xasprintf("%s/%s", udir, de->d_name);
		if (history_read_step(path, &st) != 0) {
			(*bad)++;
			free(path);
			continue;
		}
		free(path);
		stack = kind == 'u' ? &h->undo : &h->redo;
		n = kind == 'u' ? &h->nundo : &h->nredo;
		*history_stack_add(stack, n) = st;
		if (id > h->next_id)
			h->next_id = id;
	}
	closedir(d);
	free(udir);
	if (h->nundo > 1)
		qsort(h->undo, h->nundo, sizeof *h->undo, history_cmp);
	if (h->nredo > 1)
		qsort(h->redo, h->nredo, sizeof *h->redo, history_cmp);
	/* A step saved just before project.ini, by a session that ended
	 * before the save: it would change nothing. */
	current = project_text(p);
	while (h->nundo > 0 && strcmp(h->undo[h->nundo - 1].text,
	    current) == 0)
		history_step_free(&h->undo[--h->nundo]);
	while (h->nredo > 0 && strcmp(h->redo[h->nredo - 1].text,
	    current) == 0)
		history_step_free(&h->redo[--h->nredo]);
	free(current);
	history_bound(h);
}
