/* cmd_request.c - revision requests: request, requests, request-done,
 * request-reopen, request-next, request-prev, requests-export.  They are
 * kept in requests.ini (request.h), not in the undo history. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "atomicfile.h"
#include "cmd.h"
#include "request.h"
#include "session.h"
#include "util.h"
#include "version.h"

static int
cmd_request_load(struct session *s, struct requests *r)
{
	char err[256];

	if (requests_load(s->p, r, err, sizeof err) != 0)
		return session_fail(s, "%s", err);
	return 0;
}

static int
cmd_request_save(struct session *s, struct requests *r)
{
	char err[256];
	int rc = requests_save(s->p, r, err, sizeof err);

	requests_free(r);
	if (rc != 0)
		return session_fail(s, "%s", err);
	return 0;
}

static int
cmd_request_exec(struct session *s, const struct cmd_args *a)
{
	const char *by = cmd_key(a, "by");
	struct requests r;
	struct request *q;
	int64_t at;
	char *text, when[64];
	size_t len = 0;
	int i;

	if (s->p->readonly)
		return session_fail(s, "the project is read-only");
	if (cmd_parse_time(s, "TIME", a->argv[1], &at) != 0)
		return -1;
	if (by != NULL && (by[0] == '\0' || strlen(by) > 64))
		return session_fail(s, "by: expected a name of 1 to 64 "
		    "characters");
	for (i = 2; i < a->argc; i++)
		len += strlen(a->argv[i]) + 1;
	if (len > 4000)
		return session_fail(s, "TEXT: at most 4000 characters");
	if (cmd_request_load(s, &r) != 0)
		return -1;
	q = requests_add(&r);
	q->frame = at;
	text = xmalloc(len + 1);
	text[0] = '\0';
	for (i = 2; i < a->argc; i++) {
		if (i > 2)
			strcat(text, " ");
		strcat(text, a->argv[i]);
	}
	free(q->text);
	q->text = text;
	if (by != NULL) {
		free(q->by);
		q->by = xstrdup(by);
	}
	version_now(q->asked, sizeof q->asked);
	i = q->id;
	cmd_text_time(s, at, when, sizeof when);
	if (cmd_request_save(s, &r) != 0)
		return -1;
	session_said(s, "request %d at %s", i, when);
	return 0;
}

const struct cmd_entry cmd_request_entry = {
	"request", "TIME TEXT... [by=NAME]", "note a revision request at a "
	"time (\"request 1:23 vocal too loud by=producer\")", 2, 1000, "by", 0,
	cmd_request_exec
};

/* "open", "done in v4", "done (next version)". */
static void
cmd_request_status(const struct request *q, char *buf, size_t size)
{
	if (!q->done)
		snprintf(buf, size, "open");
	else if (q->version > 0)
		snprintf(buf, size, "done in v%d", q->version);
	else
		snprintf(buf, size, "done (next version)");
}

static int
cmd_requests_exec(struct session *s, const struct cmd_args *a)
{
	const char *which = a->argc > 1 ? a->argv[1] : "all";
	struct requests r;
	char t[64], st[64];
	int i, shown = 0;

	if (strcmp(which, "open") != 0 && strcmp(which, "done") != 0 &&
	    strcmp(which, "all") != 0)
		return session_fail(s, "WHICH: expected open, done or all, got "
		    "'%s'", which);
	if (cmd_request_load(s, &r) != 0)
		return -1;
	for (i = 0; i < r.n; i++) {
		const struct request *q = &r.v[i];

		if ((which[0] == 'o' && q->done) ||
		    (which[0] == 'd' && !q->done))
			continue;
		cmd_text_time(s, q->frame, t, sizeof t);
		cmd_request_status(q, st, sizeof st);
		session_msg(s, MSG_OUT, "#%d  %s  %s  %s%s%s%s%s", q->id, t,
		    st, q->by[0] != '\0' ? q->by : "-", ": ", q->text,
		    q->reply[0] != '\0' ? "  -> " : "", q->reply);
		shown++;
	}
	if (shown == 0)
		session_msg(s, MSG_OUT, "no %srequests", which[0] == 'a' ? "" :
		    which[0] == 'o' ? "open " : "done ");
	requests_free(&r);
	return 0;
}

const struct cmd_entry cmd_requests_entry = {
	"requests", "[open|done|all]", "list the revision requests with time, "
	"status, who asked and the reply", 0, 1, NULL, 0, cmd_requests_exec
};

/* Request N of r, or NULL after a message. */
static struct request *
cmd_request_n(struct session *s, struct requests *r, const char *v)
{
	char *end;
	long n = strtol(v + (v[0] == '#'), &end, 10);
	struct request *q;

	if (end == v + (v[0] == '#') || *end != '\0' || n < 1) {
		session_fail(s, "N: expected a request number, got '%s'", v);
		return NULL;
	}
	q = requests_find(r, (int)n);
	if (q == NULL)
		session_fail(s, "N: no request %ld (requests lists them)", n);
	return q;
}

static int
cmd_request_done_exec(struct session *s, const struct cmd_args *a)
{
	const char *reply = cmd_key(a, "reply");
	struct requests r;
	struct request *q;
	bool changed;
	int ver, id;

	if (s->p->readonly)
		return session_fail(s, "the project is read-only");
	if (reply != NULL && strlen(reply) > 4000)
		return session_fail(s, "reply: at most 4000 characters");
	if (cmd_request_load(s, &r) != 0)
		return -1;
	if ((q = cmd_request_n(s, &r, a->argv[1])) == NULL) {
		requests_free(&r);
		return -1;
	}
	/* The version that addresses it: the current one when the mix is
	 * as saved, else the next one saved (version-save fills it in). */
	ver = version_current(s->p, &changed);
	q->done = true;
	q->version = ver > 0 && !changed ? ver : 0;
	version_now(q->answered, sizeof q->answered);
	if (reply != NULL) {
		free(q->reply);
		q->reply = xstrdup(reply);
	}
	id = q->id;
	ver = q->version;
	if (cmd_request_save(s, &r) != 0)
		return -1;
	if (ver > 0)
		session_said(s, "request %d done in v%d", id, ver);
	else
		session_said(s, "request %d done (in the next version saved)",
		    id);
	return 0;
}

const struct cmd_entry cmd_request_done_entry = {
	"request-done", "N [reply=TEXT]", "mark request N done, with a reply "
	"(addressed by the current version, or the next one saved)", 1, 1,
	"reply", 0, cmd_request_done_exec
};

static int
cmd_request_reopen_exec(struct session *s, const struct cmd_args *a)
{
	struct requests r;
	struct request *q;
	int id;

	if (s->p->readonly)
		return session_fail(s, "the project is read-only");
	if (cmd_request_load(s, &r) != 0)
		return -1;
	if ((q = cmd_request_n(s, &r, a->argv[1])) == NULL) {
		requests_free(&r);
		return -1;
	}
	q->done = false;
	q->version = 0;
	q->answered[0] = '\0';
	id = q->id;
	if (cmd_request_save(s, &r) != 0)
		return -1;
	session_said(s, "request %d open again", id);
	return 0;
}

const struct cmd_entry cmd_request_reopen_entry = {
	"request-reopen", "N", "open request N again (its reply stays)", 1, 1,
	NULL, 0, cmd_request_reopen_exec
};

/* The playhead to the nearest open request after it (dir 1) or before
 * it (-1). */
static int
cmd_request_step(struct session *s, int dir)
{
	const struct requests *r = requests_cached(s->p);
	int64_t best = -1;
	int i, id = 0;

	if (s->state != TRANSPORT_STOPPED)
		return session_fail(s, "stop the transport first");
	for (i = 0; i < r->n; i++) {
		int64_t f = r->v[i].frame;

		if (r->v[i].done || (dir > 0 ? f <= s->pos : f >= s->pos))
			continue;
		if (best < 0 || (dir > 0 ? f < best : f > best)) {
			best = f;
			id = r->v[i].id;
		}
	}
	if (best < 0)
		return session_fail(s, "no open request %s the playhead",
		    dir > 0 ? "after" : "before");
	s->pos = best;
	for (i = 0; i < r->n; i++)
		if (r->v[i].id == id)
			session_said(s, "request %d: %s", id, r->v[i].text);
	return 0;
}

static int
cmd_request_next_exec(struct session *s, const struct cmd_args *a)
{
	(void)a;
	return cmd_request_step(s, 1);
}

static int
cmd_request_prev_exec(struct session *s, const struct cmd_args *a)
{
	(void)a;
	return cmd_request_step(s, -1);
}

const struct cmd_entry cmd_request_next_entry = {
	"request-next", "", "move the playhead to the next open request", 0, 0,
	NULL, 0, cmd_request_next_exec
};

const struct cmd_entry cmd_request_prev_entry = {
	"request-prev", "", "move the playhead to the previous open request",
	0, 0, NULL, 0, cmd_request_prev_exec
};

/* A Markdown table cell: one line, '|' escaped. */
static void
cmd_request_md(FILE *f, const char *t)
{
	for (; *t != '\0'; t++) {
		if (*t == '|')
			fputs("\\|", f);
		else if (*t == '\n')
			fputs("<br>", f);
		else
			fputc(*t, f);
	}
}

static int
cmd_requests_export_exec(struct session *s, const struct cmd_args *a)
{
	const char *file = a->argv[1], *ext = strrchr(file, '.');
	bool md = ext != NULL && (strcmp(ext, ".md") == 0 ||
	    strcmp(ext, ".markdown") == 0);
	struct requests r;
	struct atomicfile *af;
	char err[512], t[64], st[64];
	bool changed;
	int i, open = 0, cur = version_current(s->p, &changed);
	FILE *f;

	if (cmd_request_load(s, &r) != 0)
		return -1;
	af = atomicfile_open(file, err, sizeof err);
	if (af == NULL) {
		requests_free(&r);
		return session_fail(s, "FILE: %s", err);
	}
	f = atomicfile_stream(af);
	for (i = 0; i < r.n; i++)
		open += !r.v[i].done;
	if (md) {
		fprintf(f, "# Revision requests\n\n");
		if (cur > 0)
			fprintf(f, "Mix version: v%d%s.  ", cur, changed ?
			    " (changed since)" : "");
		fprintf(f, "%d requests, %d open.\n\n", r.n, open);
		fprintf(f, "| # | Time | Status | By | Request | Reply |\n");
		fprintf(f, "|---|------|--------|----|---------|-------|\n");
	} else {
		fprintf(f, "Revision requests\n\n");
		if (cur > 0)
			fprintf(f, "Mix version: v%d%s\n", cur, changed ?
			    " (changed since)" : "");
		fprintf(f, "%d requests, %d open\n\n", r.n, open);
	}
	for (i = 0; i < r.n; i++) {
		const struct request *q = &r.v[i];

		cmd_text_time(s, q->frame, t, sizeof t);
		cmd_request_status(q, st, sizeof st);
		if (md) {
			fprintf(f, "| %d | %s | %s | ", q->id, t, st);
			cmd_request_md(f, q->by[0] != '\0' ? q->by : "-");
			fputs(" | ", f);
			cmd_request_md(f, q->text);
			fputs(" | ", f);
			cmd_request_md(f, q->reply);
			fputs(" |\n", f);
			continue;
		}
		fprintf(f, "#%d  %s  %s  %s\n    %s\n", q->id, t, st,
		    q->by[0] != '\0' ? q->by : "-", q->text);
		if (q->reply[0] != '\0')
			fprintf(f, "    reply: %s\n", q->reply);
	}
	requests_free(&r);
	if (atomicfile_commit(af, err, sizeof err) != 0)
		return session_fail(s, "FILE: %s", err);
	session_said(s, "wrote %d requests to %s", i, file);
	return 0;
}

const struct cmd_entry cmd_requests_export_entry = {
	"requests-export", "FILE", "write the requests with times, status, "
	"replies and versions (.md: Markdown, else plain text)", 1, 1, NULL,
	0, cmd_requests_export_exec
};
