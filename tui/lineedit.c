/* lineedit.c - the prompt's line: editing, history, completion. */
#include "lineedit.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cmd.h"
#include "util.h"

void
lineedit_init(struct lineedit *le)
{
	memset(le, 0, sizeof *le);
	le->cap = 256;
	le->buf = xcalloc(1, le->cap);
}

void
lineedit_free(struct lineedit *le)
{
	int i;

	for (i = 0; i < le->nhist; i++)
		free(le->hist[i]);
	free(le->hist);
	free(le->stash);
	free(le->buf);
	memset(le, 0, sizeof *le);
}

static void
lineedit_reserve(struct lineedit *le, size_t n)
{
	if (le->len + n + 1 <= le->cap)
		return;
	while (le->len + n + 1 > le->cap)
		le->cap *= 2;
	le->buf = xrealloc(le->buf, le->cap);
}

void
lineedit_set(struct lineedit *le, const char *text)
{
	size_t n = strlen(text);

	le->len = 0;
	lineedit_reserve(le, n);
	memcpy(le->buf, text, n + 1);
	le->len = le->pos = n;
}

void
lineedit_insert(struct lineedit *le, const char *s, size_t n)
{
	lineedit_reserve(le, n);
	memmove(le->buf + le->pos + n, le->buf + le->pos,
	    le->len - le->pos + 1);
	memcpy(le->buf + le->pos, s, n);
	le->len += n;
	le->pos += n;
}

static bool
lineedit_cont(char c)
{
	return ((unsigned char)c & 0xc0) == 0x80;
}

static size_t
lineedit_prev(const struct lineedit *le, size_t pos)
{
	if (pos == 0)
		return 0;
	pos--;
	while (pos > 0 && lineedit_cont(le->buf[pos]))
		pos--;
	return pos;
}

static size_t
lineedit_next(const struct lineedit *le, size_t pos)
{
	if (pos >= le->len)
		return le->len;
	pos++;
	while (pos < le->len && lineedit_cont(le->buf[pos]))
		pos++;
	return pos;
}

static size_t
lineedit_word_start(const struct lineedit *le, size_t pos)
{
	while (pos > 0 && le->buf[pos - 1] == ' ')
		pos--;
	while (pos > 0 && le->buf[pos - 1] != ' ')
		pos--;
	return pos;
}

/* Removes bytes [a, b). */
static void
lineedit_cut(struct lineedit *le, size_t a, size_t b)
{
	memmove(le->buf + a, le->buf + b, le->len - b + 1);
	le->len -= b - a;
	le->pos = a;
}

static void
lineedit_browse(struct lineedit *le, int to)
{
	if (to < 0 || to > le->nhist || to == le->hpos)
		return;
	if (le->hpos == le->nhist) {
		free(le->stash);
		le->stash = xstrdup(le->buf);
	}
	le->hpos = to;
	lineedit_set(le, to == le->nhist ? (le->stash ? le->stash : "") :
	    le->hist[to]);
}

bool
lineedit_op(struct lineedit *le, enum lineedit_op op)
{
	size_t pos = le->pos, len = le->len;
	int hpos = le->hpos;

	switch (op) {
	case LINEEDIT_LEFT:
		le->pos = lineedit_prev(le, le->pos);
		break;
	case LINEEDIT_RIGHT:
		le->pos = lineedit_next(le, le->pos);
		break;
	case LINEEDIT_HOME:
		le->pos = 0;
		break;
	case LINEEDIT_END:
		le->pos = le->len;
		break;
	case LINEEDIT_WORD_LEFT:
		le->pos = lineedit_word_start(le, le->pos);
		break;
	case LINEEDIT_WORD_RIGHT:
		while (le->pos < le->len && le->buf[le->pos] == ' ')
			le->pos++;
		while (le->pos < le->len && le->buf[le->pos] != ' ')
			le->pos++;
		break;
	case LINEEDIT_BACKSPACE:
		if (le->pos > 0)
			lineedit_cut(le, lineedit_prev(le, le->pos), le->pos);
		break;
	case LINEEDIT_DELETE:
		if (le->pos < le->len)
			lineedit_cut(le, le->pos, lineedit_next(le, le->pos));
		break;
	case LINEEDIT_KILL_END:
		le->buf[le->pos] = '\0';
		le->len = le->pos;
		break;
	case LINEEDIT_KILL_START:
		lineedit_cut(le, 0, le->pos);
		break;
	case LINEEDIT_KILL_WORD:
		lineedit_cut(le, lineedit_word_start(le, le->pos), le->pos);
		break;
	case LINEEDIT_HIST_PREV:
		lineedit_browse(le, le->hpos - 1);
		break;
	case LINEEDIT_HIST_NEXT:
		lineedit_browse(le, le->hpos + 1);
		break;
	}
	return pos != le->pos || len != le->len || hpos != le->hpos;
}

size_t
lineedit_cursor_col(const struct lineedit *le)
{
	size_t i, n = 0;

	for (i = 0; i < le->pos; i++)
		if (!lineedit_cont(le->buf[i]))
			n++;
	return n;
}

/* Without trailing blanks (completion leaves one). */
static char *
lineedit_trimmed(const char *line)
{
	size_t n = strlen(line);

	while (n > 0 && (line[n - 1] == ' ' || line[n - 1] == '\t'))
		n--;
	return xstrndup(line, n);
}

void
lineedit_history_add(struct lineedit *le, const char *text)
{
	char *line = lineedit_trimmed(text);
	const char *p = line;

	while (*p == ' ')
		p++;
	if (*p != '\0' && (le->nhist == 0 ||
	    strcmp(le->hist[le->nhist - 1], line) != 0)) {
		if (le->nhist == LINEEDIT_HISTORY) {
			free(le->hist[0]);
			memmove(le->hist, le->hist + 1,
			    (le->nhist - 1) * sizeof *le->hist);
			le->nhist--;
		}
		le->hist = xreallocarray(le->hist, le->nhist + 1,
		    sizeof *le->hist);
		le->hist[le->nhist++] = xstrdup(line);
	}
	free(line);
	le->hpos = le->nhist;
	free(le->stash);
	le->stash = NULL;
}

void
lineedit_history_path(char *buf, size_t size)
{
	const char *x = getenv("XDG_STATE_HOME"), *h = getenv("HOME");

	if (x != NULL && *x == '/')
		snprintf(buf, size, "%s/reel/history", x);
	else
		snprintf(buf, size, "%s/.local/state/reel/history",
		    h ? h : ".");
}

void
lineedit_history_load(struct lineedit *le, const char *path)
{
	FILE *f = fopen(path, "r");
	char line[4096];

	if (f == NULL)
		return;
	while (fgets(line, sizeof line, f) != NULL) {
		line[strcspn(line, "\n")] = '\0';
		lineedit_history_add(le, line);
	}
	fclose(f);
}

/* mkdir -p of the file's directory. */
static void
lineedit_mkdirs(const char *path)
{
	char *d = xstrdup(path), *p;

	for (p = d + 1; *p != '\0'; p++)
		if (*p == '/') {
			*p = '\0';
			if (mkdir(d, 0700) != 0 && errno != EEXIST)
				break;
			*p = '/';
		}
	free(d);
}

void
lineedit_history_append(const char *path, const char *text)
{
	char *line = lineedit_trimmed(text);
	FILE *f;

	if (strchr(line, '\n') == NULL && *line != '\0') {
		lineedit_mkdirs(path);
		f = fopen(path, "a");
		if (f != NULL) {
			fprintf(f, "%s\n", line);
			fclose(f);
		}
	}
	free(line);
}

void
lineedit_free_matches(char **m, int n)
{
	int i;

	for (i = 0; i < n; i++)
		free(m[i]);
	free(m);
}

int
lineedit_complete(struct lineedit *le, struct session *s, char ***matches)
{
	char *head = xstrndup(le->buf, le->pos), **m;
	size_t start, have, common, i;
	int n, j;

	*matches = NULL;
	m = cmd_complete(s, head, &n);
	free(head);
	if (n == 0) {
		free(m);
		return 0;
	}
	start = le->pos;
	while (start > 0 && le->buf[start - 1] != ' ' &&
	    le->buf[start - 1] != ';')
		start--;
	have = le->pos - start;
	common = strlen(m[0]);
	for (j = 1; j < n; j++) {
		for (i = 0; i < common && m[j][i] == m[0][i]; i++)
			;
		common = i;
	}
	if (common > have)
		lineedit_insert(le, m[0] + have, common - have);
	if (n == 1) {
		if (common == 0 || m[0][common - 1] != '=')
			if (le->pos == le->len || le->buf[le->pos] != ' ')
				lineedit_insert(le, " ", 1);
		lineedit_free_matches(m, n);
		return 1;
	}
	*matches = m;
	return n;
}
