/* tui_form.c - the editing form: an operation of the edit framework
 * (denoise, strip-silence, stretch, shift and whatever edit.c lists by
 * then) over the Arrangement's selection, its parameters as fields to
 * move through, nudge and type, then preview, apply or cancel.
 *
 * The form is driven by data: the operations are edit.c's (edit_op_at,
 * and the commands its parameter table names), a field is a key=value
 * key of the operation's command (struct cmd_entry keys), its default,
 * range and step come from edit_param_find when it has a row there, and
 * the positional arguments of the command (TRACK, TIME, START END) from
 * its usage text.  Apply and Preview run command lines, so undo, the Log
 * and scripts see what the form did.  Keys are bindings of the [form]
 * keymap section; %F names the selected field.
 *
 * While an operation (or any long command run from a key or the prompt)
 * runs, edit_progress and the render call tui_progress: a bar on the
 * message line, and esc cancels (the operation then leaves the project
 * and audio/ as they were, see cmd_edit.c).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "edit.h"
#include "session.h"
#include "tui_priv.h"
#include "util.h"

#define FORM_FIELDS 12
#define FORM_OPS 32

struct tui_form {
	char op[32];
	int nf, field;
	char key[FORM_FIELDS][24];
	char val[FORM_FIELDS][40];
	const struct edit_param *par[FORM_FIELDS];
};

/* The operations the form offers: edit.c's, then the commands its
 * parameter table names besides (strip-silence). */
static int
tui_form_ops(const char **ops)
{
	const struct edit_op *op;
	const struct edit_param *e;
	int n = 0, i, j;

	for (i = 0; (op = edit_op_at(i)) != NULL && n < FORM_OPS; i++)
		if (cmd_find(op->name) != NULL)
			ops[n++] = op->name;
	for (i = 0; (e = edit_param_at(i)) != NULL && n < FORM_OPS; i++) {
		for (j = 0; j < n && strcmp(ops[j], e->op) != 0; j++)
			;
		if (j == n && cmd_find(e->op) != NULL)
			ops[n++] = e->op;
	}
	return n;
}

static void
tui_form_value(const struct edit_param *e, double v, char *buf, size_t size)
{
	if (e->integer)
		v = round(v);
	snprintf(buf, size, "%.6g", v);
}

/* The fields of op: its command's keys, with their defaults. */
static void
tui_form_load(struct tui_form *f, const char *op)
{
	const struct cmd_entry *ce = cmd_find(op);
	const char *k = ce != NULL && ce->keys != NULL ? ce->keys : "";
	size_t n;

	snprintf(f->op, sizeof f->op, "%s", op);
	f->nf = f->field = 0;
	while (*k != '\0' && f->nf < FORM_FIELDS) {
		n = strcspn(k, ",");
		if (n > 0 && n < sizeof f->key[0]) {
			const struct edit_param *e;

			snprintf(f->key[f->nf], sizeof f->key[0], "%.*s",
			    (int)n, k);
			e = edit_param_find(op, f->key[f->nf]);
			f->par[f->nf] = e;
			f->val[f->nf][0] = '\0';
			if (e != NULL && e->choices != NULL)
				snprintf(f->val[f->nf], sizeof f->val[0],
				    "%.*s", (int)strcspn(e->choices, "|"),
				    e->choices);
			else if (e != NULL)
				tui_form_value(e, e->def, f->val[f->nf],
				    sizeof f->val[0]);
			f->nf++;
		}
		k += n;
		if (*k == ',')
			k++;
	}
}

/* The command line of the form: OP ARGS... key=value...; preview:
 * preview OP TRACK TIME key=value....  NULL (reported) when the
 * command takes an argument the form cannot give. */
static char *
tui_form_line(struct tui *t, bool preview)
{
	struct tui_form *f = t->form;
	const struct cmd_entry *ce = cmd_find(f->op);
	char buf[1024], w[64], at[64];
	const char *u;
	int64_t s0, s1;
	size_t len = 0, n;
	bool opt = false, close;
	int i;

	if (ce == NULL || t->sel < 0) {
		session_msg(t->s, MSG_ERROR, "form: no operation '%s' or no "
		    "track", f->op);
		return NULL;
	}
	if (!tui_range_get(t, &s0, &s1)) {
		s0 = transport_position(t->s);
		s1 = -1;
	}
	/* An operation on the clip at TIME works on the selection: the
	 * clip is split at its edges first (each split a step of its own). */
	if (!preview && s1 >= 0 && strstr(ce->usage, "TIME") != NULL) {
		const struct track *tr = &t->s->p->tracks[t->sel];
		int64_t a, b;

		if (tui_range_clip(tr, s0, &a, &b) && a < s0 && s0 < b) {
			tui_takes_arg(t, s0, at, sizeof at);
			len += snprintf(buf + len, sizeof buf - len,
			    "split %s %s; ", tr->name, at);
		}
		if (tui_range_clip(tr, s1 - 1, &a, &b) && a < s1 && s1 < b) {
			tui_takes_arg(t, s1, at, sizeof at);
			len += snprintf(buf + len, sizeof buf - len,
			    "split %s %s; ", tr->name, at);
		}
	}
	len += snprintf(buf + len, sizeof buf - len, preview ?
	    "preview %s %s" : "%s %s", f->op, t->s->p->tracks[t->sel].name);
	if (preview) {
		tui_takes_arg(t, s0, at, sizeof at);
		len += snprintf(buf + len, sizeof buf - len, " %s", at);
	}
	/* The usage's words after TRACK: TIME, START, END ([ ] optional). */
	for (u = preview ? "" : ce->usage; *u != '\0' && len < sizeof buf;) {
		while (*u == ' ')
			u++;
		n = strcspn(u, " ");
		if (n == 0)
			break;
		if (u[0] == '[')
			opt = true;
		snprintf(w, sizeof w, "%.*s", (int)(u[0] == '[' ? n - 1 : n),
		    u[0] == '[' ? u + 1 : u);
		u += n;
		close = strchr(w, ']') != NULL;
		w[strcspn(w, "]")] = '\0';
		if (strchr(w, '=') != NULL)
			break;
		if (strcmp(w, "TRACK") == 0 || strncmp(w, "TRACK|", 6) == 0)
			continue;
		if (strcmp(w, "TIME") == 0 || strcmp(w, "START") == 0)
			tui_takes_arg(t, s0, at, sizeof at);
		else if (strcmp(w, "END") == 0 && s1 >= 0)
			tui_takes_arg(t, s1, at, sizeof at);
		else if (strcmp(w, "END") == 0 && opt)
			break;
		else if (strcmp(w, "END") == 0) {
			session_msg(t->s, MSG_ERROR, "%s needs a time "
			    "selection (I and O mark one)", f->op);
			return NULL;
		} else {
			session_msg(t->s, MSG_ERROR, "%s: the form cannot give "
			    "its %s (type the command at the prompt)", f->op,
			    w);
			return NULL;
		}
		/* An optional START goes only with its END. */
		if (strcmp(w, "START") == 0 && opt && s1 < 0)
			break;
		len += snprintf(buf + len, sizeof buf - len, " %s", at);
		if (close)
			opt = false;
	}
	for (i = 0; i < f->nf && len < sizeof buf; i++)
		if (f->val[i][0] != '\0')
			len += snprintf(buf + len, sizeof buf - len, " %s=%s",
			    f->key[i], f->val[i]);
	if (len >= sizeof buf) {
		session_msg(t->s, MSG_ERROR, "form: the command is too long");
		return NULL;
	}
	return xstrdup(buf);
}

static int
tui_form_nudge(struct tui *t, double steps)
{
	struct tui_form *f = t->form;
	const struct edit_param *e;
	char *v, *end;
	double x, step;

	if (f->nf == 0)
		return session_fail(t->s, "%s has no parameters", f->op);
	e = f->par[f->field];
	v = f->val[f->field];
	if (e != NULL && e->choices != NULL) {
		/* A choice: the next or previous one, round. */
		const char *c = e->choices, *p;
		int n = 1, i = 0, k;
		size_t l;

		for (p = c; *p != '\0'; p++)
			n += *p == '|';
		for (p = c, k = 0; k < n; k++) {
			l = strcspn(p, "|");
			if (strlen(v) == l && strncmp(p, v, l) == 0)
				i = k;
			p += l + (p[l] == '|');
		}
		i = ((i + (steps < 0 ? -1 : 1)) % n + n) % n;
		for (p = c, k = 0; k < i; k++)
			p += strcspn(p, "|") + 1;
		snprintf(v, sizeof f->val[0], "%.*s", (int)strcspn(p, "|"), p);
		return 0;
	}
	x = strtod(v, &end);
	if (end == v || *end != '\0')
		x = e != NULL ? e->def : 0;
	step = e != NULL && e->step > 0 ? e->step : 1;
	x += steps * step;
	if (e != NULL && e->integer && fabs(steps) < 1)
		x = round(x + (steps < 0 ? -0.5 : 0.5));
	if (e != NULL && x < e->min)
		x = e->min;
	if (e != NULL && x > e->max)
		x = e->max;
	/* Nudged values stay on the step's grid, without float dust. */
	x = round(x / (step * (fabs(steps) < 1 ? 0.1 : 1))) *
	    (step * (fabs(steps) < 1 ? 0.1 : 1));
	if (e != NULL)
		tui_form_value(e, x, v, sizeof f->val[0]);
	else
		snprintf(v, sizeof f->val[0], "%.6g", x);
	return 0;
}

static int
tui_form_set(struct tui *t, const char *kv, const char *val)
{
	struct tui_form *f = t->form;
	char key[64];
	int i;

	if (val == NULL) {
		const char *eq = strchr(kv, '=');

		if (eq == NULL)
			return session_fail(t->s, "expected KEY=VALUE, got "
			    "'%s'", kv);
		snprintf(key, sizeof key, "%.*s", (int)(eq - kv), kv);
		val = eq + 1;
	} else
		snprintf(key, sizeof key, "%s", kv);
	for (i = 0; i < f->nf && strcmp(f->key[i], key) != 0; i++)
		;
	if (i == f->nf)
		return session_fail(t->s, "KEY: %s has no parameter '%s'",
		    f->op, key);
	if (strlen(val) >= sizeof f->val[0])
		return session_fail(t->s, "VALUE: too long");
	/* Checked by the operation itself when it runs or previews. */
	snprintf(f->val[i], sizeof f->val[0], "%s", val);
	f->field = i;
	return 0;
}

/* Runs the form's command line; the form closes once it applied. */
static int
tui_form_run(struct tui *t, bool preview)
{
	char *line = tui_form_line(t, preview);
	int rc;

	if (line == NULL)
		return -1;
	if (preview && cmd_find("preview") != NULL && edit_op_find(
	    t->form->op) == NULL) {
		free(line);
		return session_fail(t->s, "%s has no preview (apply it and "
		    "undo)", t->form->op);
	}
	session_msg(t->s, MSG_NOTE, "%s", line);
	tui_progress_begin(t);
	rc = cmd_run(t->s, line);
	free(line);
	if (rc == 0 && !preview) {
		free(t->form);
		t->form = NULL;
	}
	t->dirty = TUI_D_ALL;
	return 0;
}

static int
tui_form_open(struct tui *t, const char *want)
{
	const char *ops[FORM_OPS];
	int n = tui_form_ops(ops), i;
	struct cmd_args b;
	char *argv[2] = { "range", "clip" };
	int64_t s0, s1;

	if (t->sel < 0)
		return session_fail(t->s, "there is no track yet");
	/* From the Takes screen: its selection is the one to work on. */
	if (t->screen == TUI_TAKES && t->mark >= 0 && t->mark != t->cur) {
		t->rin = t->mark < t->cur ? t->mark : t->cur;
		t->rout = t->mark < t->cur ? t->cur : t->mark;
	}
	for (i = 0; i < n && want != NULL && strcmp(ops[i], want) != 0; i++)
		;
	if (want != NULL && i == n)
		return session_fail(t->s, "OP: expected an editing operation "
		    "(tab in the form lists them), got '%s'", want);
	if (!tui_range_get(t, &s0, &s1)) {
		/* No selection: the clip under the playhead is one. */
		memset(&b, 0, sizeof b);
		b.argc = 2;
		b.argv = argv;
		if (tui_range_command(t, &b) != 0)
			return -1;
	}
	if (t->form == NULL) {
		t->form = xcalloc(1, sizeof *t->form);
		tui_form_load(t->form, want != NULL ? want : ops[0]);
	} else if (want != NULL)
		tui_form_load(t->form, want);
	if (t->screen != TUI_ARRANGE || t->grid_view) {
		t->grid_view = false;
		t->screen = TUI_ARRANGE;
	}
	t->dirty = TUI_D_ALL;
	return 0;
}

/* form open [OP]|close|next|prev|next-op|prev-op|nudge STEPS|
 * set KEY=VALUE|preview|apply */
int
tui_form_command(struct tui *t, const struct cmd_args *a)
{
	const char *v = a->argc > 1 ? a->argv[1] : "open", *ops[FORM_OPS];
	int n, i;
	double d;

	if (strcmp(v, "open") == 0)
		return tui_form_open(t, a->argc > 2 ? a->argv[2] : NULL);
	if (t->form == NULL)
		return session_fail(t->s, "no form is open (form open opens "
		    "one over the selection)");
	t->dirty |= TUI_D_BODY;
	if (strcmp(v, "close") == 0) {
		free(t->form);
		t->form = NULL;
		t->dirty = TUI_D_ALL;
		session_msg(t->s, MSG_NOTE, "nothing done");
		return 0;
	}
	if (strcmp(v, "next") == 0 || strcmp(v, "prev") == 0) {
		if (t->form->nf > 0)
			t->form->field = (t->form->field + (v[0] == 'n' ? 1 :
			    t->form->nf - 1)) % t->form->nf;
		return 0;
	}
	if (strcmp(v, "next-op") == 0 || strcmp(v, "prev-op") == 0) {
		n = tui_form_ops(ops);
		for (i = 0; i < n && strcmp(ops[i], t->form->op) != 0; i++)
			;
		i = (i + (v[0] == 'n' ? 1 : n - 1)) % n;
		tui_form_load(t->form, ops[i]);
		return 0;
	}
	if (strcmp(v, "nudge") == 0) {
		if (a->argc < 3 || cmd_parse_double(t->s, "STEPS", a->argv[2],
		    -1000, 1000, &d) != 0)
			return a->argc < 3 ? session_fail(t->s, "usage: form "
			    "nudge STEPS") : -1;
		return tui_form_nudge(t, d);
	}
	if (strcmp(v, "set") == 0) {
		if (a->argc < 3)
			return session_fail(t->s, "usage: form set KEY=VALUE");
		return tui_form_set(t, a->argv[2], a->argc > 3 ? a->argv[3] :
		    NULL);
	}
	if (strcmp(v, "preview") == 0 || strcmp(v, "apply") == 0)
		return tui_form_run(t, v[0] == 'p');
	return session_fail(t->s, "expected open, close, next, prev, "
	    "next-op, prev-op, nudge, set, preview or apply, got '%s'", v);
}

bool
tui_form_placeholder(struct tui *t, char c, char *buf, size_t size)
{
	if (c != 'F')
		return false;
	snprintf(buf, size, "%s", t->form != NULL && t->form->nf > 0 ?
	    t->form->key[t->form->field] : "-");
	return true;
}

/* The key bound to `text` in the [form] section, "" when none. */
static void
tui_form_key(struct tui *t, const char *text, char *buf, size_t size)
{
	const struct keymap_binding *b = t->km.b[KEYMAP_FORM];
	int i;

	buf[0] = '\0';
	for (i = 0; i < t->km.n[KEYMAP_FORM]; i++)
		if (strcmp(b[i].text, text) == 0) {
			keymap_key_label(b[i].key, buf, size);
			return;
		}
}

/* Hints "KEY what" for the bindings that have a key. */
static void
tui_form_hints(struct tui *t, char *buf, size_t size)
{
	static const char *const what[][2] = {
		{ "form next-op", "operation" }, { "form nudge 1", "nudge" },
		{ ":form set %F=", "type" }, { "form preview", "preview" },
		{ "form apply", "apply" }, { "form close", "cancel" }
	};
	char key[32];
	size_t len = 0;
	int i;

	buf[0] = '\0';
	for (i = 0; i < (int)(sizeof what / sizeof what[0]); i++) {
		tui_form_key(t, what[i][0], key, sizeof key);
		if (key[0] != '\0' && len < size)
			len += snprintf(buf + len, size - len, "%s%s %s",
			    len ? "  " : "", key, what[i][1]);
	}
}

/* COLS - 2 dashes: the box's top and bottom. */
static void
tui_form_rule(char *line, size_t size)
{
	size_t n = COLS > 2 ? (size_t)COLS - 2 : 0;

	if (n >= size)
		n = size - 1;
	memset(line, '-', n);
	line[n] = '\0';
}

int
tui_form_rows(const struct tui *t)
{
	int rows = t->form->nf + 5 + (t->form->nf == 0);

	return rows > tui_body_rows() - 4 ? tui_body_rows() - 4 : rows;
}

/* The form over the lower rows of the Arrangement. */
void
tui_form_draw(struct tui *t)
{
	struct tui_form *f = t->form;
	const char *ops[FORM_OPS];
	char line[512], sel[256], range[64];
	int n = tui_form_ops(ops), rows = tui_form_rows(t), y0, y, i, len;
	const struct edit_param *e;

	y0 = 1 + tui_body_rows() - rows;
	tui_form_rule(line, sizeof line);
	tui_put(t, y0, 0, COLS, TUI_E_TITLE, "+%s+", line);
	len = snprintf(line, sizeof line, " edit:");
	for (i = 0; i < n; i++)
		len += snprintf(line + len, sizeof line - (size_t)len,
		    strcmp(ops[i], f->op) == 0 ? " [%s]" : "  %s ", ops[i]);
	tui_put(t, y0 + 1, 0, COLS, TUI_E_TITLE, "|%-*.*s|", COLS - 2,
	    COLS - 2, line);
	tui_range_text(t, range, sizeof range);
	snprintf(sel, sizeof sel, " %s  %s", t->sel >= 0 ?
	    t->s->p->tracks[t->sel].name : "-", range);
	tui_put(t, y0 + 2, 0, COLS, TUI_E_NORMAL, "|%-*.*s|", COLS - 2,
	    COLS - 2, sel);
	for (i = 0, y = y0 + 3; i < f->nf && y < y0 + rows - 2; i++, y++) {
		char lim[80] = "";

		e = f->par[i];
		if (e != NULL && e->choices != NULL)
			snprintf(lim, sizeof lim, "one of %s", e->choices);
		else if (e != NULL)
			snprintf(lim, sizeof lim, "%g to %g %s", e->min,
			    e->max, e->unit);
		else
			snprintf(lim, sizeof lim, "typed (empty: the default)");
		snprintf(line, sizeof line, "%s %-14s %10s %-6s %s",
		    i == f->field ? ">" : " ", f->key[i], f->val[i][0] ?
		    f->val[i] : "-", e != NULL && e->choices == NULL ?
		    e->unit : "", lim);
		tui_put(t, y, 0, 1, TUI_E_TITLE, "|");
		tui_put(t, y, 1, COLS - 2, i == f->field ? TUI_E_SELECTED :
		    TUI_E_NORMAL, "%s", line);
		tui_put(t, y, COLS - 1, 1, TUI_E_TITLE, "|");
		if (i == f->field) {
			t->cy = y;
			t->cx = 2;
		}
	}
	if (f->nf == 0) {
		tui_put(t, y, 0, COLS, TUI_E_DIM, "|%-*s|", COLS - 2,
		    "  (no parameters)");
		t->cy = y++;
		t->cx = 2;
	}
	tui_form_hints(t, sel, sizeof sel);
	tui_put(t, y++, 0, COLS, TUI_E_DIM, "| %-*.*s|", COLS - 3, COLS - 3,
	    sel);
	tui_form_rule(line, sizeof line);
	tui_put(t, y, 0, COLS, TUI_E_TITLE, "+%s+", line);
}

/* The display of a long operation (edit_progress, a render): the bar
 * on the message line at most ten times a second, and a look at the
 * keys: esc (or C-g) cancels, the rest is dropped. */
static int64_t tui_prog_ms;
static bool tui_prog_cancel;

void
tui_progress_begin(struct tui *t)
{
	tui_prog_ms = 0;
	tui_prog_cancel = false;
	t->s->progress_ui = tui_progress;
}

int
tui_progress(void *arg, double fraction)
{
	struct tui *t = arg;
	const char *what = t->s->cmd_name != NULL ? t->s->cmd_name : "working";
	int64_t now = tui_now_ms();
	char bar[41];
	int i, w;
	wint_t wc;

	if (fraction < 0)
		fraction = 0;
	if (fraction > 1)
		fraction = 1;
	if (tui_prog_ms == 0 || now - tui_prog_ms >= 100) {
		tui_prog_ms = now;
		w = (int)(fraction * 40 + 0.5);
		for (i = 0; i < 40; i++)
			bar[i] = i < w ? '#' : '.';
		bar[40] = '\0';
		tui_put(t, LINES - 1, 0, COLS, TUI_E_NORMAL, "%s [%s] %3d%%  "
		    "esc cancels", what, bar, (int)(fraction * 100 + 0.5));
		refresh();
		while (wget_wch(stdscr, &wc) != ERR)
			if (wc == KEYMAP_ESC || wc == 'G' - '@')
				tui_prog_cancel = true;
	}
	return tui_prog_cancel;
}
