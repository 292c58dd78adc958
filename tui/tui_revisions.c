/* tui_revisions.c - the Revisions screen (the requests with status, who
 * asked, the reply and the version that addressed each; the mix versions
 * with their notes; the A/B state) and the requests' marks on the time
 * ruler. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ab.h"
#include "request.h"
#include "session.h"
#include "timefmt.h"
#include "tui_priv.h"
#include "util.h"
#include "version.h"

/* The screen's lines, each with its element. */
struct tui_rev_lines {
	char **v;
	enum tui_elem *e;
	int n;
};

static void
tui_rev_add(struct tui_rev_lines *l, enum tui_elem e, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
tui_rev_add(struct tui_rev_lines *l, enum tui_elem e, const char *fmt, ...)
{
	va_list ap;
	char buf[1024];

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	l->v = xreallocarray(l->v, l->n + 1, sizeof *l->v);
	l->e = xreallocarray(l->e, l->n + 1, sizeof *l->e);
	l->v[l->n] = xstrdup(buf);
	l->e[l->n++] = e;
}

static void
tui_rev_requests(struct tui *t, struct tui_rev_lines *l)
{
	const struct requests *r = requests_cached(t->s->p);
	char at[32], st[32];
	int i, open = 0;

	for (i = 0; i < r->n; i++)
		open += !r->v[i].done;
	tui_rev_add(l, TUI_E_TAB, " Requests: %d open of %d", open, r->n);
	if (r->n == 0) {
		tui_rev_add(l, TUI_E_DIM, "  none yet: a adds one at the "
		    "playhead's time (:request TIME TEXT by=NAME)");
		return;
	}
	tui_rev_add(l, TUI_E_DIM, "  %-3s %-9s %-11s %-10s %s", "#", "time",
	    "status", "by", "request");
	for (i = 0; i < r->n; i++) {
		const struct request *q = &r->v[i];

		timefmt_format(q->frame, t->s->p->rate, at, sizeof at);
		if (!q->done)
			snprintf(st, sizeof st, "open");
		else if (q->version > 0)
			snprintf(st, sizeof st, "done v%d", q->version);
		else
			snprintf(st, sizeof st, "done (next)");
		tui_rev_add(l, q->done ? TUI_E_NORMAL : TUI_E_CLIP,
		    "  %-3d %-9s %-11s %-10.10s %s", q->id, at, st,
		    q->by[0] != '\0' ? q->by : "-", q->text);
		if (q->reply[0] != '\0')
			tui_rev_add(l, TUI_E_DIM, "  %37s-> %s", "", q->reply);
	}
}

static void
tui_rev_versions(struct tui *t, struct tui_rev_lines *l)
{
	struct session *s = t->s;
	struct version v;
	char err[256], na[16], nb[16];
	bool changed;
	int n, i, *list = version_list(s->p, &n);
	int cur = version_current(s->p, &changed);

	tui_rev_add(l, TUI_E_NORMAL, "%s", "");
	if (cur > 0)
		tui_rev_add(l, TUI_E_TAB, " Versions: the mix is v%d%s", cur,
		    changed ? ", changed since" : "");
	else
		tui_rev_add(l, TUI_E_TAB, " Versions");
	if (n == 0)
		tui_rev_add(l, TUI_E_DIM, "  none yet: v saves the mix as "
		    "one (:version-save NAME note=TEXT)");
	for (i = n - 1; i >= 0; i--) {
		if (version_read(s->p, list[i], &v, err, sizeof err) != 0) {
			tui_rev_add(l, TUI_E_ERROR, "  v%d: %s", list[i], err);
			continue;
		}
		tui_rev_add(l, list[i] == cur ? TUI_E_SELECTED : TUI_E_NORMAL,
		    " %cv%-4d %s  %-12s %s", list[i] == cur ? '*' : ' ',
		    v.number, v.date, v.name[0] != '\0' ? v.name : "-",
		    v.note);
		version_free(&v);
	}
	free(list);
	if (ab_on(s)) {
		ab_name(s->ab->side[0], na, sizeof na);
		ab_name(s->ab->side[1], nb, sizeof nb);
		tui_rev_add(l, TUI_E_NORMAL, "%s", "");
		tui_rev_add(l, TUI_E_ARMED, " A/B: A %s, B %s; hearing %s%s",
		    na, nb, s->ab->target ? "B" : "A", s->ab->match ?
		    " (levels matched)" : "");
	}
}

void
tui_revisions_draw(struct tui *t)
{
	struct tui_rev_lines l = { NULL, NULL, 0 };
	int rows = tui_body_rows(), y, i, max;

	tui_rev_requests(t, &l);
	tui_rev_versions(t, &l);
	max = l.n - rows > 0 ? l.n - rows : 0;
	if (t->scroll > max)
		t->scroll = max;
	if (t->scroll < 0)
		t->scroll = 0;
	for (y = 0; y < rows; y++) {
		i = t->scroll + y;
		tui_put(t, 1 + y, 0, COLS, i < l.n ? l.e[i] : TUI_E_NORMAL,
		    "%s", i < l.n ? l.v[i] : "");
	}
	for (i = 0; i < l.n; i++)
		free(l.v[i]);
	free(l.v);
	free(l.e);
	t->cy = 1;
	t->cx = 0;
}

void
tui_revisions_marks(struct tui *t, char *line, int w)
{
	const struct requests *r = requests_cached(t->s->p);
	int i, x;

	/* Open requests over done ones where they share a column. */
	for (i = 0; i < r->n; i++) {
		x = (int)((r->v[i].frame - t->view0) / t->fpc);
		if (r->v[i].frame < t->view0 || x >= w)
			continue;
		if (!r->v[i].done)
			line[x] = '!';
		else if (line[x] != '!')
			line[x] = '+';
	}
}
