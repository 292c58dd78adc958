/* tui_master.c - the Master screen: the master chain (inserts and their
 * parameters that differ from the defaults, the fader) on the left;
 * loudness on the right (momentary, short-term, integrated, range, true
 * and sample peak, live from the engine's meter thread), the target and
 * the listening mode; below, the short-term loudness over the last
 * minute or so as a bar graph with the target as a line.  Editing is by
 * commands (fx-set master N ..., gain master, master-target, listen);
 * the keys name them. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "fx_plugin.h"
#include "livemeter.h"
#include "monitor.h"
#include "session.h"
#include "tui_priv.h"

#define MASTER_LW 40		/* the chain's column */
#define MASTER_GRAPH_TOP (-36.0)	/* LUFS at the graph's bottom */
#define MASTER_GRAPH_RANGE 36.0		/* dB from bottom to top */

/* "-14.2" or "  -- " for no figure. */
static void
tui_master_fig(double v, char *buf, size_t len)
{
	if (!isfinite(v))
		snprintf(buf, len, "  -- ");
	else
		snprintf(buf, len, "%5.1f", v);
}

/* One insert: "1 limit  ceiling=-1 gain=4.3" (the parameters not at
 * their defaults), wrapped over the rows it may take; returns rows
 * used. */
static int
tui_master_insert(struct tui *t, int y, int rows, int n,
    const struct insert *in)
{
	char line[256], v[32];
	size_t len;
	int i, used = 0;

	snprintf(line, sizeof line, "%d %-6s%s", n,
	    fx_plugin_short(in->kind), in->bypass ? " (bypassed)" : "");
	len = strlen(line);
	for (i = 0; i < in->kind->nparams && used < rows; i++) {
		if (in->val[i] == in->kind->params[i].def)
			continue;
		fx_param_format(in->kind, i, in->val[i], v, sizeof v);
		if (len + strlen(in->kind->params[i].symbol) + strlen(v) + 2 >
		    MASTER_LW - 2) {
			tui_put(t, y + used++, 1, MASTER_LW - 1, TUI_E_NORMAL,
			    "%s", line);
			snprintf(line, sizeof line, "        ");
			len = strlen(line);
		}
		len += (size_t)snprintf(line + len, sizeof line - len, " %s=%s",
		    in->kind->params[i].symbol, v);
	}
	if (used < rows)
		tui_put(t, y + used++, 1, MASTER_LW - 1, TUI_E_NORMAL, "%s",
		    line);
	return used;
}

static void
tui_master_chain(struct tui *t, int y0, int y1)
{
	struct project *p = t->s->p;
	char db[16];
	int i, y = y0 + 1;

	tui_put(t, y0, 0, MASTER_LW, TUI_E_TITLE, " Master chain");
	if (p->master_fx.n == 0)
		tui_put(t, y++, 1, MASTER_LW - 1, TUI_E_DIM, "no inserts "
		    "(fx-add master KIND; t: master-target)");
	for (i = 0; i < p->master_fx.n && y < y1 - 1; i++)
		y += tui_master_insert(t, y, y1 - 1 - y, i + 1,
		    &p->master_fx.v[i]);
	cmd_text_db(p->master_gain_db, db, sizeof db);
	tui_put(t, y < y1 ? y : y1 - 1, 1, MASTER_LW - 1, TUI_E_NORMAL,
	    "fader %s", db);
}

static void
tui_master_loudness(struct tui *t, int y0, const struct loudness_figures *f)
{
	struct session *s = t->s;
	int x = MASTER_LW + 1, w = COLS - x;
	char m[16], st[16], i[16], lra[16], tp[16], sp[16], tg[16];

	tui_master_fig(f->momentary, m, sizeof m);
	tui_master_fig(f->short_term, st, sizeof st);
	tui_master_fig(f->integrated, i, sizeof i);
	tui_master_fig(f->range, lra, sizeof lra);
	tui_master_fig(f->true_peak, tp, sizeof tp);
	tui_master_fig(f->sample_peak, sp, sizeof sp);
	tui_put(t, y0, MASTER_LW, COLS - MASTER_LW, TUI_E_TITLE,
	    " Loudness (live, EBU R128)");
	tui_put(t, y0 + 1, x, w, TUI_E_NORMAL, "momentary   %s LUFS", m);
	tui_put(t, y0 + 2, x, w, TUI_E_NORMAL, "short-term  %s LUFS", st);
	tui_put(t, y0 + 3, x, w, TUI_E_NORMAL, "integrated  %s LUFS", i);
	tui_put(t, y0 + 4, x, w, TUI_E_NORMAL, "range       %s LU", lra);
	tui_put(t, y0 + 5, x, w, f->true_peak > -1.0 ? TUI_E_CLIP :
	    TUI_E_NORMAL, "true peak   %s dBTP", tp);
	tui_put(t, y0 + 6, x, w, TUI_E_NORMAL, "sample peak %s dBFS", sp);
	if (s->target_lufs < 0)
		snprintf(tg, sizeof tg, "%.1f LUFS", s->target_lufs);
	else
		snprintf(tg, sizeof tg, "none");
	tui_put(t, y0 + 8, x, w, TUI_E_NORMAL, "target      %s", tg);
	tui_put(t, y0 + 9, x, w, s->listen ? TUI_E_ARMED : TUI_E_NORMAL,
	    "listen      %s", monitor_listen_names[s->listen]);
	if (s->ref != NULL)
		tui_put(t, y0 + 10, x, w, s->ab_ref ? TUI_E_ARMED :
		    TUI_E_NORMAL, "A/B (a)     %s", s->ab_ref ? "REFERENCE" :
		    "mix");
}

/* The short-term loudness, one column a second (the loudest of its ten
 * 100 ms values), newest on the right; eighth-row blocks in Unicode,
 * '#' in ASCII; the target a row of dashes where no bar covers it. */
static void
tui_master_graph(struct tui *t, int y0, int rows, const float *h, int nh)
{
	static const char *const eighths[] = { " ", "\u2581", "\u2582",
	    "\u2583", "\u2584", "\u2585", "\u2586", "\u2587", "\u2588" };
	double target = t->s->target_lufs;
	int cols = COLS - 7, c, r, x, trow = -1;

	tui_put(t, y0, 0, COLS, TUI_E_TITLE, " Short-term loudness, the "
	    "last %d s (LUFS)%s", cols, target < 0 ? ", target dashed" : "");
	y0++;
	rows--;
	if (target < 0 && target > MASTER_GRAPH_TOP)
		trow = (int)((target - MASTER_GRAPH_TOP) / MASTER_GRAPH_RANGE *
		    rows);
	for (r = 0; r < rows; r++) {
		double lv = MASTER_GRAPH_TOP + MASTER_GRAPH_RANGE * (rows - r) /
		    rows;

		tui_put(t, y0 + r, 0, 6, TUI_E_DIM, r % 2 == 0 ? "%5.0f " :
		    "      ", lv);
	}
	for (c = 0; c < cols; c++) {
		int k = nh - (cols - c) * 10, j;
		float v = -INFINITY;
		double fill;

		x = 6 + c;
		for (j = k; j < k + 10 && j < nh; j++)
			if (j >= 0 && h[j] > v)
				v = h[j];
		fill = isfinite(v) ? (v - MASTER_GRAPH_TOP) /
		    MASTER_GRAPH_RANGE * rows : 0;
		for (r = 0; r < rows; r++) {
			int y = y0 + rows - 1 - r, e;
			double part = fill - r;

			if (part >= 1)
				e = 8;
			else if (part > 0)
				e = (int)(part * 8);
			else
				e = 0;
			if (e == 0 && r == trow) {
				tui_put(t, y, x, 1, TUI_E_DIM, "-");
				continue;
			}
			if (t->ascii)
				tui_put(t, y, x, 1, r == trow ? TUI_E_METER_HI :
				    TUI_E_METER_LO, "%s", e >= 4 ? "#" :
				    e > 0 ? "." : " ");
			else
				tui_put(t, y, x, 1, r == trow ? TUI_E_METER_HI :
				    TUI_E_METER_LO, "%s", eighths[e]);
		}
	}
}

void
tui_master_draw(struct tui *t)
{
	struct session *s = t->s;
	struct loudness_figures f;
	static float hist[36000];
	int nh = 0, rows = tui_body_rows(), top = 1, split = 12;

	memset(&f, 0, sizeof f);
	f.integrated = f.range = f.true_peak = f.sample_peak =
	    f.momentary = f.short_term = -INFINITY;
	if (s->lm != NULL)
		nh = livemeter_get(s->lm, &f, hist, (COLS - 7) * 10);
	for (int y = top; y < top + rows; y++)
		tui_put(t, y, 0, COLS, TUI_E_NORMAL, "%s", "");
	tui_master_chain(t, top, top + split - 1);
	tui_master_loudness(t, top, &f);
	tui_master_graph(t, top + split - 1, rows - split + 1, hist, nh);
}
