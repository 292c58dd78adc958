/* cmd_version.c - mix versions: version-save, versions, version-load,
 * version-diff.  A version is the mix (version.h); loading one is an undo
 * step like any change. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "request.h"
#include "session.h"
#include "util.h"
#include "version.h"

/* Done requests waiting for the version that carries their fix. */
static void
cmd_version_requests(struct session *s, int n)
{
	struct requests r;
	char err[256];
	int i, k = 0;

	if (requests_load(s->p, &r, err, sizeof err) != 0) {
		session_msg(s, MSG_NOTE, "%s", err);
		return;
	}
	for (i = 0; i < r.n; i++)
		if (r.v[i].done && r.v[i].version == 0) {
			r.v[i].version = n;
			k++;
		}
	if (k > 0 && requests_save(s->p, &r, err, sizeof err) != 0)
		session_msg(s, MSG_NOTE, "%s", err);
	requests_free(&r);
}

static int
cmd_version_save_exec(struct session *s, const struct cmd_args *a)
{
	const char *note = cmd_key(a, "note");
	struct version v;
	char err[256], *text;
	int rc;

	memset(&v, 0, sizeof v);
	if (a->argc > 1) {
		if (version_name_ok(a->argv[1], err, sizeof err) != 0)
			return session_fail(s, "NAME: %s", err);
		strlcpy_(v.name, a->argv[1], sizeof v.name);
	}
	v.number = version_next(s->p);
	if (v.number > VERSION_MAX)
		return session_fail(s, "at most %d versions", VERSION_MAX);
	v.note = (char *)(note != NULL ? note : "");
	version_now(v.date, sizeof v.date);
	text = project_text(s->p);
	version_mix(text, &v.mix);
	free(text);
	rc = version_write(s->p, &v, err, sizeof err);
	inidoc_free(&v.mix);
	if (rc != 0)
		return session_fail(s, "%s", err);
	s->p->version = v.number;
	cmd_version_requests(s, v.number);
	session_step(s, "version-save v%d%s%s", v.number,
	    v.name[0] != '\0' ? " " : "", v.name);
	session_said(s, "saved the mix as version %d%s%s", v.number,
	    v.name[0] != '\0' ? " " : "", v.name);
	return 0;
}

const struct cmd_entry cmd_version_save_entry = {
	"version-save", "[NAME] [note=TEXT]", "save the mix (gains, pans, "
	"mutes, inserts, buses, sends, master) as the next version",
	0, 1, "note", CMD_SAVE, cmd_version_save_exec
};

static int
cmd_versions_exec(struct session *s, const struct cmd_args *a)
{
	struct version v;
	char err[256];
	bool changed;
	int n, i, *list = version_list(s->p, &n);
	int cur = version_current(s->p, &changed);

	(void)a;
	if (n == 0)
		session_msg(s, MSG_OUT, "no versions yet (version-save makes "
		    "one)");
	for (i = 0; i < n; i++) {
		if (version_read(s->p, list[i], &v, err, sizeof err) != 0) {
			session_msg(s, MSG_OUT, "  v%d  (%s)", list[i], err);
			continue;
		}
		session_msg(s, MSG_OUT, "%c v%d  %s  %s%s%s", list[i] == cur ?
		    '*' : ' ', v.number, v.date, v.name[0] != '\0' ? v.name :
		    "-", v.note[0] != '\0' ? "  " : "", v.note);
		version_free(&v);
	}
	if (cur > 0)
		session_msg(s, MSG_OUT, "the mix is v%d%s", cur, changed ?
		    ", changed since" : "");
	free(list);
	return 0;
}

const struct cmd_entry cmd_versions_entry = {
	"versions", "", "list the mix versions (* the one the mix was last "
	"saved or loaded as)", 0, 0, NULL, 0, cmd_versions_exec
};

/* A version number ("3" or "v3"), or with `current` allowed, 0 for the
 * mix as it is. */
static int
cmd_version_arg(struct session *s, const char *what, const char *v,
    bool current, int *out)
{
	char *end;
	long n;

	if (current && strcmp(v, "current") == 0) {
		*out = 0;
		return 0;
	}
	n = strtol(v + (v[0] == 'v'), &end, 10);
	if (end == v + (v[0] == 'v') || *end != '\0' || n < 1 ||
	    n > VERSION_MAX)
		return session_fail(s, "%s: expected a version number%s, got "
		    "'%s'", what, current ? " or current" : "", v);
	*out = (int)n;
	return 0;
}

static int
cmd_version_load_exec(struct session *s, const struct cmd_args *a)
{
	struct version v;
	struct project *np;
	char err[512], *text, *merged;
	int n;

	if (cmd_version_arg(s, "N", a->argv[1], false, &n) != 0)
		return -1;
	if (s->state != TRANSPORT_STOPPED)
		return session_fail(s, "stop the transport first (ab switches "
		    "versions while playing)");
	if (version_read(s->p, n, &v, err, sizeof err) != 0)
		return session_fail(s, "N: %s", err);
	text = project_text(s->p);
	merged = version_apply(text, &v.mix);
	free(text);
	np = project_from_text(s->p, merged, err, sizeof err);
	free(merged);
	if (np == NULL) {
		version_free(&v);
		return session_fail(s, "version %d does not fit this project: "
		    "%s", n, err);
	}
	np->version = n;
	project_free(s->p);
	s->p = np;
	session_step(s, "version-load v%d%s%s", n, v.name[0] != '\0' ? " " :
	    "", v.name);
	session_said(s, "loaded version %d%s%s", n, v.name[0] != '\0' ? " " :
	    "", v.name);
	version_free(&v);
	return 0;
}

const struct cmd_entry cmd_version_load_entry = {
	"version-load", "N", "put version N's mix in place of the current one "
	"(undo returns)", 1, 1, NULL, CMD_SAVE | CMD_UPDATE,
	cmd_version_load_exec
};

/* The mix of version n, or of the project for 0. */
static int
cmd_version_mix(struct session *s, int n, struct inidoc *mix)
{
	struct version v;
	char err[256], *text;

	if (n == 0) {
		text = project_text(s->p);
		version_mix(text, mix);
		free(text);
		return 0;
	}
	if (version_read(s->p, n, &v, err, sizeof err) != 0)
		return session_fail(s, "%s", err);
	*mix = v.mix;
	memset(&v.mix, 0, sizeof v.mix);
	version_free(&v);
	return 0;
}

static int
cmd_version_diff_exec(struct session *s, const struct cmd_args *a)
{
	struct inidoc ma, mb;
	char *buf = NULL, *line, *nl;
	size_t len = 0;
	FILE *f;
	int na, nb, k;

	if (cmd_version_arg(s, "A", a->argv[1], true, &na) != 0 ||
	    cmd_version_arg(s, "B", a->argv[2], true, &nb) != 0)
		return -1;
	if (cmd_version_mix(s, na, &ma) != 0)
		return -1;
	if (cmd_version_mix(s, nb, &mb) != 0) {
		inidoc_free(&ma);
		return -1;
	}
	f = open_memstream(&buf, &len);
	if (f == NULL)
		fatal("out of memory (open_memstream)");
	k = version_diff(&ma, &mb, f);
	if (fclose(f) != 0)
		fatal("out of memory (version-diff)");
	for (line = buf; *line != '\0'; line = nl + 1) {
		nl = strchr(line, '\n');
		*nl = '\0';
		session_msg(s, MSG_OUT, "%s", line);
	}
	if (k == 0)
		session_msg(s, MSG_OUT, "the mixes are the same");
	free(buf);
	inidoc_free(&ma);
	inidoc_free(&mb);
	return 0;
}

const struct cmd_entry cmd_version_diff_entry = {
	"version-diff", "A B", "what changed from mix A to mix B (version "
	"numbers or current), each parameter in words", 2, 2, NULL, 0,
	cmd_version_diff_exec
};
