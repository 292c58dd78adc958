/* tui_strip.c - the strip editor: one strip's inserts, the parameters of
 * the selected one from its kind's table (audio/fx.h), and for an EQ its
 * frequency response, for a compressor its transfer curve, computed by
 * the processors' own formulas (fx_eq_response_db, fx_comp_static_db).
 *
 * Every change is a command bound in the [strip] keymap section (fx-nudge,
 * fx-set, fx-bypass, fx-add, fx-remove, fx-move), so undo covers it and
 * Help lists it; this file only draws and keeps the selection, which the
 * bindings name as %S (the strip), %n (the insert's slot) and %p (the
 * parameter's symbol).
 *
 * Layout: the insert row and the selected insert's state on top, the
 * parameters on the left, the curve (or the parameter's description) on
 * the right: the plot starts at column STRIP_PX and is COLS - STRIP_PX - 2
 * columns wide; column c stands for the frequency 20 Hz * 1000^((c + 0.5)
 * / width) (EQ) or the input level -60 + 60 (c + 0.5) / width dBFS
 * (compressor).  Each column is filled from the bottom up to its value, in
 * eighths of a cell (fewer steps in ASCII).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "fx_plugin.h"
#include "session.h"
#include "tui_priv.h"

#define STRIP_TOP 1
#define STRIP_PX 42		/* the plot's first column */
#define STRIP_LW 40		/* the parameter list's width */
#define STRIP_EQ_DB 24.0	/* the EQ plot spans +-24 dB */
#define STRIP_COMP_LO -60.0	/* the compressor plot: -60..0 dBFS */

struct inserts *
tui_strip_inserts(struct tui *t, const char *name)
{
	if (name[0] == '\0')
		return NULL;
	return project_inserts(t->s->p, name);
}

int
tui_strip_count(struct tui *t)
{
	struct inserts *fx = t->s->p != NULL ? tui_strip_inserts(t, t->strip) :
	    NULL;

	return fx != NULL ? fx->n : 0;
}

void
tui_strip_follow(struct tui *t, const char *line, int before)
{
	int n = tui_strip_count(t);

	if (strncmp(line, "fx-add ", 7) != 0 || n != before + 1)
		return;
	t->slot = n - 1;
	t->param = 0;
	t->ptop = 0;
}

/* The strip's meter slot (mixer.h), -1 when it has none. */
static int
tui_strip_slot(struct tui *t)
{
	struct project *p = t->s->p;
	int i;

	if (strcmp(t->strip, "master") == 0)
		return MIXER_SLOT_MASTER;
	i = project_track_index(p, t->strip);
	if (i >= 0)
		return i < MIXER_MAX_TRACKS ? i : -1;
	for (i = 0; i < p->nbuses && i < MIXER_MAX_BUSES; i++)
		if (strcmp(p->buses[i].name, t->strip) == 0)
			return MIXER_SLOT_BUS(i);
	return -1;
}

/* The selected insert, NULL when the strip has none; keeps the
 * selection in range after inserts went away (fx-remove, undo). */
static struct insert *
tui_strip_insert(struct tui *t)
{
	struct inserts *fx = tui_strip_inserts(t, t->strip);

	if (fx == NULL || fx->n == 0)
		return NULL;
	if (t->slot >= fx->n)
		t->slot = fx->n - 1;
	if (t->slot < 0)
		t->slot = 0;
	if (t->param >= fx->v[t->slot].kind->nparams)
		t->param = fx->v[t->slot].kind->nparams - 1;
	if (t->param < 0)
		t->param = 0;
	return &fx->v[t->slot];
}

bool
tui_strip_placeholder(struct tui *t, char c, char *buf, size_t size)
{
	struct insert *in;

	if (c != 'n' && c != 'P')
		return false;
	in = tui_strip_insert(t);
	if (c == 'n')
		snprintf(buf, size, "%d", in != NULL ? t->slot + 1 : 0);
	else
		snprintf(buf, size, "%s", in != NULL && in->kind->nparams > 0 ?
		    in->kind->params[t->param].symbol : "-");
	return true;
}

int
tui_strip_command(struct tui *t, const struct cmd_args *a)
{
	struct session *s = t->s;
	const char *v = a->argc > 1 ? a->argv[1] : "";
	struct inserts *fx;
	struct insert *in;
	char *end;
	long n;

	if (strcmp(a->argv[0], "strip-edit") == 0) {
		fx = tui_strip_inserts(t, v);
		if (fx == NULL || strlen(v) >= sizeof t->strip)
			return session_fail(s, "STRIP: no track or bus named "
			    "'%s' (or 'master')", v);
		n = 1;
		if (a->argc > 2) {
			n = strtol(a->argv[2], &end, 10);
			if (*end != '\0' || end == a->argv[2] || n < 1 ||
			    n > fx->n)
				return session_fail(s, "SLOT: expected 1 to "
				    "%d, got '%s'", fx->n, a->argv[2]);
		}
		if (strcmp(t->strip, v) != 0 || t->slot != n - 1) {
			t->param = 0;
			t->ptop = 0;
		}
		snprintf(t->strip, sizeof t->strip, "%s", v);
		t->slot = (int)n - 1;
		return 0;
	}
	if (tui_strip_inserts(t, t->strip) == NULL)
		return session_fail(s, "no strip is open (strip-edit STRIP "
		    "opens one)");
	if (t->screen != TUI_STRIP)
		return session_fail(s, "only in the strip editor");
	in = tui_strip_insert(t);
	fx = tui_strip_inserts(t, t->strip);
	if (strcmp(v, "next-param") == 0 || strcmp(v, "prev-param") == 0) {
		if (in == NULL)
			return session_fail(s, "%s has no inserts", t->strip);
		t->param += v[0] == 'n' ? 1 : -1;
		tui_strip_insert(t);
	} else if (strcmp(v, "next-insert") == 0 ||
	    strcmp(v, "prev-insert") == 0) {
		n = t->slot + (v[0] == 'n' ? 1 : -1);
		if (n >= 0 && n < fx->n && n != t->slot) {
			t->slot = (int)n;
			t->param = 0;
			t->ptop = 0;
		}
	} else
		return session_fail(s, "expected next-param, prev-param, "
		    "next-insert or prev-insert, got '%s'", v);
	return 0;
}

/* The strip's inserts in a row: "1 eq  [2 comp]  3 reverb(off)". */
static void
tui_strip_insert_row(struct tui *t, const struct inserts *fx)
{
	int i, x = 0, w;
	char buf[48];

	tui_put(t, STRIP_TOP, 0, COLS, TUI_E_TITLE, " %s  inserts:",
	    t->strip);
	x = (int)strlen(t->strip) + 11;
	if (fx->n == 0)
		tui_put(t, STRIP_TOP, x, COLS - x, TUI_E_DIM, " none (a adds "
		    "one)");
	for (i = 0; i < fx->n && x < COLS; i++) {
		snprintf(buf, sizeof buf, " %d %s%s ", i + 1,
		    fx_plugin_short(fx->v[i].kind), fx->v[i].bypass ?
		    "(off)" : "");
		w = (int)strlen(buf);
		if (x + w > COLS)
			w = COLS - x;
		tui_put(t, STRIP_TOP, x, w, i == t->slot ? TUI_E_SELECTED :
		    fx->v[i].bypass ? TUI_E_DIM : TUI_E_NORMAL, "%s", buf);
		x += w;
	}
	if (x < COLS)
		tui_put(t, STRIP_TOP, x, COLS - x, TUI_E_NORMAL, "%s", "");
}

/* Row 2: the selected insert, its bypass, the strip's gain reduction. */
static void
tui_strip_state(struct tui *t, const struct insert *in)
{
	int slot = tui_strip_slot(t);
	char gr[32] = "";

	if (in == NULL) {
		tui_put(t, STRIP_TOP + 1, 0, COLS, TUI_E_DIM, "%s", "");
		return;
	}
	if (in->kind->gr != NULL && slot >= 0)
		snprintf(gr, sizeof gr, "  gain reduction %5.1f dB",
		    t->gr[slot] < -0.05f ? t->gr[slot] : 0.0f);
	/* A plugin's description is its name, its kind a long URI. */
	if (fx_plugin_missing(in->kind) != NULL)
		tui_put(t, STRIP_TOP + 1, 0, COLS, TUI_E_ERROR, " insert %d: "
		    "%s MISSING: passes audio through", t->slot + 1,
		    fx_plugin_short(in->kind));
	else if (fx_plugin_named(in->kind->name))
		tui_put(t, STRIP_TOP + 1, 0, COLS, in->bypass ? TUI_E_ERROR :
		    TUI_E_NORMAL, " insert %d: %s  %s%s", t->slot + 1,
		    in->kind->desc, in->bypass ? "BYPASSED" : "active", gr);
	else
		tui_put(t, STRIP_TOP + 1, 0, COLS, in->bypass ? TUI_E_ERROR :
		    TUI_E_NORMAL, " insert %d: %s (%s)  %s%s", t->slot + 1,
		    in->kind->name, in->kind->desc, in->bypass ? "BYPASSED" :
		    "active", gr);
}

/* The parameter list, scrolled to keep the selected one in view. */
static void
tui_strip_params(struct tui *t, const struct insert *in, int y0, int h)
{
	const struct fx_kind *k = in->kind;
	char val[64];
	int i, y;

	if (t->param < t->ptop)
		t->ptop = t->param;
	if (t->param >= t->ptop + h)
		t->ptop = t->param - h + 1;
	if (t->ptop > k->nparams - h)
		t->ptop = k->nparams - h;
	if (t->ptop < 0)
		t->ptop = 0;
	for (y = 0; y < h; y++) {
		const struct fx_param *p;

		i = t->ptop + y;
		if (i >= k->nparams) {
			tui_put(t, y0 + y, 0, STRIP_LW, TUI_E_NORMAL, "%s", "");
			continue;
		}
		p = &k->params[i];
		fx_param_format(k, i, in->val[i], val, sizeof val);
		tui_put(t, y0 + y, 0, STRIP_LW, i == t->param ?
		    TUI_E_SELECTED : TUI_E_NORMAL, " %-13s %10s %-6s%s",
		    p->symbol, val, p->type == FX_ENUM ? "" : p->unit,
		    i == t->ptop && t->ptop > 0 ? "^" : i == t->ptop + h - 1 &&
		    i < k->nparams - 1 ? "v" : "");
		if (i == t->param) {
			t->cy = y0 + y;
			t->cx = 1;
		}
	}
}

/* The selected parameter from its table: name, range, unit, scale and
 * its labels. */
static void
tui_strip_describe(struct tui *t, const struct insert *in, int y)
{
	const struct fx_param *p = &in->kind->params[t->param];
	char lo[32], hi[32], labels[160] = "";
	const char *sep = " ";
	int i;

	fx_param_format(in->kind, t->param, p->min, lo, sizeof lo);
	fx_param_format(in->kind, t->param, p->max, hi, sizeof hi);
	/* Plugins' labels may hold spaces and commas. */
	for (i = 0; p->type == FX_ENUM && p->labels[i] != NULL; i++)
		if (strchr(p->labels[i], ' ') != NULL)
			sep = " | ";
	if (p->type == FX_ENUM)
		for (i = 0; p->labels[i] != NULL; i++)
			snprintf(labels + strlen(labels), sizeof labels -
			    strlen(labels), "%s%s", i ? sep : ": ",
			    p->labels[i]);
	tui_put(t, y, 0, COLS, TUI_E_DIM, " %s: %s, %s%s%s%s%s", p->symbol,
	    p->name, p->type == FX_ENUM ? "one of" : lo, p->type == FX_ENUM ?
	    "" : " to ", p->type == FX_ENUM ? labels : hi,
	    p->type != FX_ENUM && p->unit[0] ? " " : "",
	    p->type != FX_ENUM ? p->unit : "");
	tui_put(t, y + 1, 0, COLS, TUI_E_DIM, " %s%s", p->type == FX_ENUM ?
	    "left and right step through the labels" : p->type == FX_TOGGLE ?
	    "on or off" : p->type == FX_INT ? "whole steps" : p->log ?
	    "log scale: a step is a third of an octave" :
	    "linear scale", p->type == FX_FLOAT ? "; shift: a tenth" : "");
}

/* Column c's fill, in eighths of a cell, of a value v on lo..hi over h
 * rows. */
static int
tui_strip_eighths(double v, double lo, double hi, int h)
{
	double e = (v - lo) / (hi - lo) * h * 8;

	if (!(e > 0))
		return 0;
	return e > h * 8 ? h * 8 : (int)lround(e);
}

/* A plot of w columns by h rows at (y0, x0), each column filled up to
 * e[c] eighths, with a dim reference row at ref (row from the bottom,
 * -1 none). */
static void
tui_strip_plot(struct tui *t, int y0, int x0, int w, int h, const int *e,
    int ref)
{
	int c, r;

	for (r = 0; r < h; r++) {
		int y = y0 + h - 1 - r;

		for (c = 0; c < w; c++) {
			int f = e[c] - r * 8;

			if (f >= 8) {
				attrset(t->attr[TUI_E_METER_LO]);
				mvaddstr(y, x0 + c, t->g.wave[8]);
			} else if (f > 0) {
				attrset(t->attr[TUI_E_METER_LO]);
				mvaddstr(y, x0 + c, t->g.wave[f]);
			} else if (r == ref) {
				/* Not a glyph the fill uses. */
				attrset(t->attr[TUI_E_DIM]);
				mvaddstr(y, x0 + c, t->ascii ? ":" : t->g.off);
			} else {
				attrset(A_NORMAL);
				mvaddch(y, x0 + c, ' ');
			}
		}
	}
	attrset(A_NORMAL);
}

static void
tui_strip_curve(struct tui *t, const struct insert *in, int y0, int h)
{
	int w = COLS - STRIP_PX - 2, c, *e;
	bool eq = strcmp(in->kind->name, "eq") == 0;
	double v, lo = eq ? -STRIP_EQ_DB : STRIP_COMP_LO, hi = eq ?
	    STRIP_EQ_DB : 0;
	char axis[128];

	tui_put(t, y0, STRIP_LW, COLS - STRIP_LW, TUI_E_DIM, "  %s",
	    eq ? "response, +-24 dB, 20 Hz to 20 kHz" :
	    "output by input, -60 to 0 dBFS");
	h -= 2;
	e = calloc(w > 0 ? w : 1, sizeof *e);
	if (e == NULL)
		return;
	for (c = 0; c < w; c++) {
		if (eq)
			v = fx_eq_response_db(in->val, t->s->p->rate, 20.0 *
			    pow(1000.0, (c + 0.5) / w));
		else
			v = fx_comp_static_db(in->val, (float)(STRIP_COMP_LO +
			    -STRIP_COMP_LO * (c + 0.5) / w));
		e[c] = tui_strip_eighths(v, lo, hi, h);
	}
	for (c = 0; c < h; c++) {
		mvaddch(y0 + 1 + c, STRIP_LW, ' ');
		mvaddch(y0 + 1 + c, STRIP_PX - 1, ' ');
		tui_put(t, y0 + 1 + c, STRIP_PX - 1, 1, TUI_E_DIM, "%s",
		    t->g.vline);
	}
	tui_strip_plot(t, y0 + 1, STRIP_PX, w, h, e, eq ? h / 2 : -1);
	free(e);
	/* The axis: labels at their columns. */
	memset(axis, ' ', sizeof axis);
	axis[sizeof axis - 1] = '\0';
	if (w < (int)sizeof axis - 8) {
		static const char *const fl[] = { "20", "100", "1k", "10k" };
		static const double fv[] = { 20, 100, 1000, 10000 };
		static const char *const dl[] = { "-60", "-40", "-20", "0" };
		int i, at;

		axis[w + 2] = '\0';
		for (i = 0; i < 4; i++) {
			const char *l = eq ? fl[i] : dl[i];

			at = eq ? (int)(w * log(fv[i] / 20) / log(1000.0)) :
			    (int)(w * (i * 20.0) / 60.0);
			if (at + (int)strlen(l) > w + 2)
				at = w + 2 - (int)strlen(l);
			memcpy(axis + at, l, strlen(l));
		}
		tui_put(t, y0 + 1 + h, STRIP_PX - 1, COLS - STRIP_PX + 1,
		    TUI_E_DIM, " %s", axis);
	}
}

void
tui_strip_draw(struct tui *t, bool meters_only)
{
	struct inserts *fx = tui_strip_inserts(t, t->strip);
	struct insert *in = tui_strip_insert(t);
	int rows = tui_body_rows(), h = rows - 5, y;
	bool curve;

	if (meters_only) {
		tui_strip_state(t, in);
		return;
	}
	t->cy = STRIP_TOP;
	t->cx = 0;
	if (fx == NULL) {
		tui_put(t, STRIP_TOP, 0, COLS, TUI_E_ERROR, " no strip named "
		    "'%s' any more (esc goes back)", t->strip);
		for (y = STRIP_TOP + 1; y < STRIP_TOP + rows; y++)
			tui_put(t, y, 0, COLS, TUI_E_NORMAL, "%s", "");
		return;
	}
	tui_strip_insert_row(t, fx);
	tui_strip_state(t, in);
	tui_put(t, STRIP_TOP + 2, 0, COLS, TUI_E_NORMAL, "%s", "");
	if (in == NULL) {
		for (y = STRIP_TOP + 3; y < STRIP_TOP + rows; y++)
			tui_put(t, y, 0, COLS, TUI_E_NORMAL, "%s", "");
		return;
	}
	tui_strip_params(t, in, STRIP_TOP + 3, h - 2);
	curve = strcmp(in->kind->name, "eq") == 0 ||
	    strcmp(in->kind->name, "comp") == 0;
	if (curve)
		tui_strip_curve(t, in, STRIP_TOP + 2, h);
	else
		for (y = STRIP_TOP + 2; y < STRIP_TOP + 2 + h; y++)
			tui_put(t, y, STRIP_LW, COLS - STRIP_LW, TUI_E_NORMAL,
			    "%s", "");
	tui_put(t, STRIP_TOP + 2 + h - 1, 0, STRIP_LW, TUI_E_NORMAL, "%s",
	    "");
	if (in->kind->nparams > 0)
		tui_strip_describe(t, in, STRIP_TOP + rows - 2);
	else {
		/* A plugin with no controls (a convolver: all is state). */
		tui_put(t, STRIP_TOP + rows - 2, 0, COLS, TUI_E_DIM, " %s",
		    in->state != NULL ? "no controls; fx-list shows its "
		    "saved state" : "no controls");
		tui_put(t, STRIP_TOP + rows - 1, 0, COLS, TUI_E_DIM, "%s", "");
	}
	/* The cursor on the selected parameter (set by the list). */
	for (y = STRIP_TOP + 2 + h; y < STRIP_TOP + rows - 2; y++)
		tui_put(t, y, 0, COLS, TUI_E_NORMAL, "%s", "");
}
