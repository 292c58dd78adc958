/* cmd_cleanup.c - cleanup: audio files in audio/ that nothing uses.
 *
 * A file is in use when a take of the project names it, or a take of any
 * undo or redo step (the whole project text of before or after a change)
 * does: undo can bring those back, so their files stay.  Clips read takes,
 * so a clip keeps its take's file.  As a further guard every other file of
 * the project (outside audio/ and renders/: project.ini, .reel/ with the
 * step files, anything another version of reel keeps there) that
 * mentions a file's name keeps it too.  Removing is never undone, so it
 * happens only on `cleanup yes` or a yes to the question the interactive
 * front ends ask. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "history.h"
#include "session.h"
#include "util.h"

/* Files bigger than this are not texts that could name a take. */
#define CLEANUP_SCAN_MAX (64 << 20)

struct cleanup {
	char **names;		/* "audio/x.wav" not in use (yet) */
	int64_t *bytes;
	int n;
};

static void
cleanup_drop(struct cleanup *c, int i)
{
	free(c->names[i]);
	c->names[i] = c->names[c->n - 1];
	c->bytes[i] = c->bytes[c->n - 1];
	c->n--;
}

/* Takes of a project text keep their files. */
static void
cleanup_text(struct session *s, struct cleanup *c, const char *text)
{
	struct project *q;
	char err[256];
	int i, j, k;

	if ((q = project_from_text(s->p, text, err, sizeof err)) == NULL) {
		/* Unreadable: keep whatever it mentions. */
		for (k = 0; k < c->n; k++)
			if (strstr(text, strrchr(c->names[k], '/') + 1) != NULL)
				cleanup_drop(c, k--);
		return;
	}
	for (i = 0; i < q->ntracks; i++)
		for (j = 0; j < q->tracks[i].ntakes; j++)
			for (k = 0; k < c->n; k++)
				if (strcmp(q->tracks[i].takes[j].file,
				    c->names[k]) == 0)
					cleanup_drop(c, k--);
	project_free(q);
}

/* Every other file of the project that mentions a name keeps it. */
static void
cleanup_scan(struct cleanup *c, const char *dir, int depth)
{
	struct dirent *de;
	struct stat st;
	DIR *d;
	int k;

	if (depth > 8 || (d = opendir(dir)) == NULL)
		return;
	while ((de = readdir(d)) != NULL && c->n > 0) {
		char *path, *text;
		FILE *f;
		size_t len;

		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0 || (depth == 0 &&
		    (strcmp(de->d_name, "audio") == 0 ||
		    strcmp(de->d_name, "renders") == 0)))
			continue;
		path = xasprintf("%s/%s", dir, de->d_name);
		if (lstat(path, &st) != 0) {
			free(path);
			continue;
		}
		if (S_ISDIR(st.st_mode))
			cleanup_scan(c, path, depth + 1);
		else if (S_ISREG(st.st_mode) && st.st_size < CLEANUP_SCAN_MAX &&
		    (f = fopen(path, "rb")) != NULL) {
			text = xmalloc((size_t)st.st_size + 1);
			len = fread(text, 1, (size_t)st.st_size, f);
			text[len] = '\0';
			fclose(f);
			for (k = 0; k < c->n; k++)
				if (memmem(text, len, strrchr(c->names[k], '/') +
				    1, strlen(strrchr(c->names[k], '/') + 1)) !=
				    NULL)
					cleanup_drop(c, k--);
			free(text);
		}
		free(path);
	}
	closedir(d);
}

static int
cleanup_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The files of audio/ nothing uses, sorted. */
static void
cleanup_find(struct session *s, struct cleanup *c)
{
	char *adir = project_path(s->p, "audio"), *path, *text;
	struct dirent *de;
	struct stat st;
	DIR *d;
	int i;

	memset(c, 0, sizeof *c);
	if ((d = opendir(adir)) != NULL) {
		while ((de = readdir(d)) != NULL) {
			if (de->d_name[0] == '.')
				continue;
			path = xasprintf("%s/%s", adir, de->d_name);
			if (lstat(path, &st) == 0 && S_ISREG(st.st_mode)) {
				c->names = xreallocarray(c->names, c->n + 1,
				    sizeof *c->names);
				c->bytes = xreallocarray(c->bytes, c->n + 1,
				    sizeof *c->bytes);
				c->names[c->n] = xasprintf("audio/%s",
				    de->d_name);
				c->bytes[c->n++] = st.st_size;
			}
			free(path);
		}
		closedir(d);
	}
	free(adir);
	text = project_text(s->p);
	cleanup_text(s, c, text);
	free(text);
	for (i = 0; i < s->hist.nundo && c->n > 0; i++)
		cleanup_text(s, c, s->hist.undo[i].text);
	for (i = 0; i < s->hist.nredo && c->n > 0; i++)
		cleanup_text(s, c, s->hist.redo[i].text);
	if (c->n > 0)
		cleanup_scan(c, s->p->dir, 0);
	/* Sorted with their sizes: sort pairs by name. */
	for (i = 0; i < c->n; i++) {
		char *pair = xasprintf("%s\n%lld", c->names[i],
		    (long long)c->bytes[i]);

		free(c->names[i]);
		c->names[i] = pair;
	}
	/* qsort of a NULL array is undefined even for no elements. */
	if (c->n > 1)
		qsort(c->names, c->n, sizeof *c->names, cleanup_cmp);
	for (i = 0; i < c->n; i++) {
		char *nl = strchr(c->names[i], '\n');

		*nl = '\0';
		c->bytes[i] = strtoll(nl + 1, NULL, 10);
	}
}

static void
cleanup_free(struct cleanup *c)
{
	int i;

	for (i = 0; i < c->n; i++)
		free(c->names[i]);
	free(c->names);
	free(c->bytes);
}

static int
cmd_cleanup_exec(struct session *s, const struct cmd_args *a)
{
	const char *how = a->argc > 1 ? a->argv[1] : "";
	struct cleanup c;
	int64_t total = 0;
	int i, gone = 0;

	if (a->argc > 1 && strcmp(how, "yes") != 0 &&
	    strcmp(how, "list") != 0)
		return session_fail(s, "expected yes or list, got '%s'", how);
	if (s->state != TRANSPORT_STOPPED)
		return session_fail(s, "stop the transport first");
	if (strcmp(how, "yes") == 0 && s->p->readonly)
		return session_fail(s, "the project is read-only");
	cleanup_find(s, &c);
	if (c.n == 0) {
		session_msg(s, MSG_OUT, "no unused audio files (every file in "
		    "audio/ belongs to a take, a clip or an undo step)");
		cleanup_free(&c);
		return 0;
	}
	for (i = 0; i < c.n; i++)
		total += c.bytes[i];
	if (strcmp(how, "yes") != 0) {
		for (i = 0; i < c.n; i++)
			session_msg(s, MSG_OUT, "unused: %s (%.1f MB)",
			    c.names[i], c.bytes[i] / 1e6);
		if (a->argc == 1 && session_ask(s, "cleanup yes", "Remove %d "
		    "unused file%s (%.1f MB)? [y/n] ", c.n, c.n == 1 ? "" :
		    "s", total / 1e6))
			;
		else
			session_msg(s, MSG_OUT, "%d unused file%s, %.1f MB; "
			    "cleanup yes removes them", c.n, c.n == 1 ? "" :
			    "s", total / 1e6);
		cleanup_free(&c);
		return 0;
	}
	for (i = 0; i < c.n; i++) {
		char *path = project_path(s->p, c.names[i]);

		if (unlink(path) == 0) {
			gone++;
			session_msg(s, MSG_OUT, "removed %s", c.names[i]);
		} else
			session_msg(s, MSG_ERROR, "cleanup: %s: %s", c.names[i],
			    strerror(errno));
		free(path);
	}
	session_said(s, "removed %d unused file%s (%.1f MB)", gone,
	    gone == 1 ? "" : "s", total / 1e6);
	i = gone == c.n ? 0 : -1;
	cleanup_free(&c);
	return i;
}

const struct cmd_entry cmd_cleanup_entry = {
	"cleanup", "[yes|list]",
	"list the audio files nothing uses (no take, clip or undo step); "
	"yes removes them, interactively it asks", 0, 1, NULL, 0,
	cmd_cleanup_exec
};
