/* tui_auto.c - an automation lane drawn under its track on the
 * arrangement: one row, the curve as block heights across the time
 * axis, a mark where a point lies, the lane's name and mode at the left.
 * `lanes` (A) shows or hides these rows. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "session.h"
#include "tui_priv.h"

/* The value v of lane l as 0..1 of the row's height. */
static double
tui_auto_norm(struct project *p, const char *strip,
    const struct auto_lane *l, double v)
{
	const struct fx_param *fp;
	struct inserts *fx;
	double n = 0;
	int i;

	switch (l->target) {
	case AUTO_GAIN:
	case AUTO_SEND:
		n = (v + 60.0) / 72.0;	/* -60 .. +12 dB */
		break;
	case AUTO_PAN:
		n = (v + 1.0) / 2.0;
		break;
	case AUTO_MUTE:
		n = v >= 0.5 ? 0 : 1;	/* muted: nothing heard */
		break;
	default:
		fx = project_inserts(p, strip);
		for (i = 0; fx != NULL && i < fx->n; i++)
			if (fx->v[i].id == l->ins)
				break;
		if (fx == NULL || i == fx->n)
			return 0;
		fp = &fx->v[i].kind->params[fx_param_find(fx->v[i].kind,
		    l->param)];
		if (fp->log && fp->min > 0 && v > 0)
			n = log(v / fp->min) / log(fp->max / fp->min);
		else if (fp->max > fp->min)
			n = (v - fp->min) / (fp->max - fp->min);
	}
	return n < 0 ? 0 : n > 1 ? 1 : n;
}

void
tui_auto_lane(struct tui *t, int y, struct track *tr, int phx)
{
	struct project *p = t->s->p;
	const struct auto_lane *l = tr->au.n > 0 ? &tr->au.v[0] : NULL;
	int w = COLS - TUI_NAMEW, x, k = 0, lvl;
	char name[64];
	bool logv;
	attr_t a;

	move(y, 0);
	clrtoeol();
	if (l == NULL) {
		tui_put(t, y, 0, TUI_NAMEW, TUI_E_DIM, "  (no lanes)");
		for (x = 0; x < w; x++)
			if (x == phx)
				mvaddstr(y, TUI_NAMEW + x, t->g.cursor);
		return;
	}
	auto_param_name(p, tr->name, l, name, sizeof name);
	tui_put(t, y, 0, TUI_NAMEW, TUI_E_DIM, "  %.*s %c%s", TUI_NAMEW - 6,
	    name, auto_modes[l->mode][0], tr->au.n > 1 ? "+" : "");
	logv = auto_lane_log(p, tr->name, l);
	for (x = 0; x < w; x++) {
		int64_t f0 = t->view0 + (int64_t)(x * t->fpc);
		int64_t f1 = t->view0 + (int64_t)((x + 1) * t->fpc);
		bool point = false;

		while (k < l->n && l->pt[k].t < f0)
			k++;
		point = k < l->n && l->pt[k].t < f1;
		lvl = 1 + (int)lrint(7 * tui_auto_norm(p, tr->name, l,
		    auto_value(l, logv, (f0 + f1) / 2)));
		a = t->attr[point ? TUI_E_METER_MID : l->mode == AUTO_OFF ?
		    TUI_E_DIM : TUI_E_NORMAL];
		attrset(x == phx ? a ^ A_REVERSE : a);
		mvaddstr(y, TUI_NAMEW + x, l->n == 0 ? " " : point ?
		    t->g.armed : t->g.wave[lvl]);
	}
	attrset(A_NORMAL);
}
