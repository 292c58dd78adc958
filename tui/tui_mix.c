/* tui_mix.c - channel strips side by side, like a console: name, input,
 * arm/mute/solo, peak meter with hold and clip, gain as a vertical fader,
 * pan; the master strip on the right.  Meters are read from the mixer's
 * atomics; nothing here touches audio buffers. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "session.h"
#include "tui_priv.h"

#define MIX_TOP 1
#define MIX_SW 9		/* strip width with its separator */
#define MIX_MW 14		/* master strip */
#define MIX_FLOOR -60.0f	/* meter bottom, dB */
#define MIX_FALL 30.0f		/* dB per second */
#define MIX_HOLD_MS 1500

static void
tui_meter_update(struct tui_meter *m, float pk, float dt, int64_t now)
{
	float db = pk > 0 ? 20 * log10f(pk) : -200;

	m->level -= MIX_FALL * dt;
	if (db > m->level)
		m->level = db;
	if (m->level < -200)
		m->level = -200;
	if (m->level >= m->hold || now - m->hold_ms > MIX_HOLD_MS) {
		m->hold = m->level;
		m->hold_ms = now;
	}
	if (db > m->max)
		m->max = db;
	if (pk >= 1.0f)
		m->clip = true;
}

void
tui_mix_take_peaks(struct tui *t)
{
	struct session *s = t->s;
	struct mixer *m;
	int64_t now = tui_now_ms();
	float dt = t->meter_ms ? (now - t->meter_ms) / 1000.0f : 0;
	int i;

	t->meter_ms = now;
	if (s->eng == NULL)
		return;
	m = engine_mixer(s->eng);
	for (i = 0; i < s->p->ntracks && i < MIXER_MAX_TRACKS; i++)
		tui_meter_update(&t->meter[i], mixer_take_peak(&m->peak[i]),
		    dt, now);
	for (i = 0; i < 2; i++)
		tui_meter_update(&t->master[i],
		    mixer_take_peak(&m->master_peak[i]), dt, now);
}

static int
tui_mix_graph_rows(void)
{
	return tui_body_rows() - 6;
}

static int
tui_mix_row(float db, int g)
{
	return (int)floorf((db - MIX_FLOOR) / -MIX_FLOOR * g + 0.5f);
}

/* One meter column, bottom up. */
static void
tui_mix_meter(struct tui *t, int y0, int x, const struct tui_meter *m)
{
	int g = tui_mix_graph_rows(), n = tui_mix_row(m->level, g), j;
	int h = tui_mix_row(m->hold, g) - 1;
	float db;

	for (j = 0; j < g; j++) {
		int y = y0 + g - 1 - j;

		db = MIX_FLOOR + (j + 1) * -MIX_FLOOR / g;
		if (j < n) {
			attrset(t->attr[db > -6 ? TUI_E_METER_HI : db > -18 ?
			    TUI_E_METER_MID : TUI_E_METER_LO]);
			mvaddstr(y, x, t->g.bar);
		} else if (j == h && m->hold > MIX_FLOOR) {
			attrset(t->attr[db > -6 ? TUI_E_METER_HI :
			    TUI_E_METER_MID]);
			mvaddstr(y, x, t->g.hold);
		} else {
			attrset(A_NORMAL);
			mvaddch(y, x, ' ');
		}
	}
	attrset(A_NORMAL);
}

static void
tui_mix_fader(struct tui *t, int y0, int x, double gain_db, bool sel)
{
	int g = tui_mix_graph_rows(), j;
	int k = (int)floor((gain_db + 48) / 60 * (g - 1) + 0.5);

	if (k < 0)
		k = 0;
	if (k > g - 1)
		k = g - 1;
	for (j = 0; j < g; j++) {
		attrset(j == k ? t->attr[sel ? TUI_E_SELECTED :
		    TUI_E_NORMAL] | A_BOLD : t->attr[TUI_E_DIM]);
		mvaddstr(y0 + g - 1 - j, x, j == k ? t->g.knob : t->g.fader);
	}
	attrset(A_NORMAL);
}

static void
tui_mix_peak_text(struct tui *t, int y, int x, int w,
    const struct tui_meter *m)
{
	if (m->clip)
		tui_put(t, y, x, w, TUI_E_METER_HI, "CLIP");
	else if (m->max > -100)
		tui_put(t, y, x, w, TUI_E_DIM, "%5.1f", m->max);
	else
		tui_put(t, y, x, w, TUI_E_DIM, "  -");
}

static void
tui_mix_pan(double pan, char *buf, size_t size)
{
	int v = (int)lround(pan * 100);

	if (v == 0)
		snprintf(buf, size, "C");
	else
		snprintf(buf, size, "%c%d", v < 0 ? 'L' : 'R', v < 0 ? -v : v);
}

static void
tui_mix_strip(struct tui *t, int i, int x, bool meters_only)
{
	struct track *tr = &t->s->p->tracks[i];
	int rows = tui_body_rows(), g0 = MIX_TOP + 4, y;
	bool sel = i == t->sel;
	char buf[32];

	tui_mix_peak_text(t, MIX_TOP + 3, x, MIX_SW - 1, &t->meter[i]);
	tui_mix_meter(t, g0, x + 4, &t->meter[i]);
	tui_mix_meter(t, g0, x + 5, &t->meter[i]);
	if (meters_only)
		return;
	tui_put(t, MIX_TOP, x, MIX_SW - 1, sel ? TUI_E_SELECTED :
	    TUI_E_NORMAL, "%-8.8s", tr->name);
	if (tr->in[0] == 0)
		tui_put(t, MIX_TOP + 1, x, MIX_SW - 1, TUI_E_DIM, "in -");
	else if (tr->channels == 2)
		tui_put(t, MIX_TOP + 1, x, MIX_SW - 1, TUI_E_DIM, "in %d,%d",
		    tr->in[0], tr->in[1]);
	else
		tui_put(t, MIX_TOP + 1, x, MIX_SW - 1, TUI_E_DIM, "in %d",
		    tr->in[0]);
	tui_put(t, MIX_TOP + 2, x, 2, tr->armed ? TUI_E_ARMED : TUI_E_DIM,
	    "%s", tr->armed ? "R" : t->g.off);
	tui_put(t, MIX_TOP + 2, x + 2, 2, tr->mute ? TUI_E_ERROR : TUI_E_DIM,
	    "%s", tr->mute ? "M" : t->g.off);
	tui_put(t, MIX_TOP + 2, x + 4, MIX_SW - 5, tr->solo ?
	    TUI_E_METER_MID : TUI_E_DIM, "%s", tr->solo ? "S" : t->g.off);
	for (y = g0; y < g0 + tui_mix_graph_rows(); y++) {
		mvaddch(y, x, ' ');
		mvaddch(y, x + 2, ' ');
		mvaddch(y, x + 3, ' ');
		mvaddch(y, x + 6, ' ');
		mvaddch(y, x + 7, ' ');
	}
	tui_mix_fader(t, g0, x + 1, tr->gain_db, sel);
	tui_put(t, MIX_TOP + rows - 2, x, MIX_SW - 1, sel ? TUI_E_SELECTED :
	    TUI_E_NORMAL, "%+.1fdB", tr->gain_db);
	tui_mix_pan(tr->pan, buf, sizeof buf);
	tui_put(t, MIX_TOP + rows - 1, x, MIX_SW - 1, TUI_E_DIM, "pan %s",
	    buf);
	for (y = MIX_TOP; y < MIX_TOP + rows; y++) {
		attrset(t->attr[TUI_E_DIM]);
		mvaddstr(y, x + MIX_SW - 1, t->g.vline);
	}
	attrset(A_NORMAL);
}

static void
tui_mix_master(struct tui *t, int x, bool meters_only)
{
	struct project *p = t->s->p;
	int rows = tui_body_rows(), g0 = MIX_TOP + 4, y, w = COLS - x;
	const struct tui_meter *l = &t->master[0], *r = &t->master[1];
	struct tui_meter both = *l;

	if (r->max > both.max)
		both.max = r->max;
	both.clip = l->clip || r->clip;
	mvaddch(MIX_TOP + 3, x, ' ');
	tui_mix_peak_text(t, MIX_TOP + 3, x + 1, w - 1, &both);
	tui_mix_meter(t, g0, x + 5, l);
	tui_mix_meter(t, g0, x + 7, r);
	if (meters_only)
		return;
	tui_put(t, MIX_TOP, x, w, TUI_E_TITLE, " master");
	tui_put(t, MIX_TOP + 1, x, w, TUI_E_DIM, " out L R");
	tui_put(t, MIX_TOP + 2, x, w, TUI_E_DIM, " ");
	for (y = g0; y < g0 + tui_mix_graph_rows(); y++) {
		int j = g0 + tui_mix_graph_rows() - 1 - y, db;

		mvaddch(y, x, ' ');
		mvaddch(y, x + 1, ' ');
		mvaddch(y, x + 3, ' ');
		mvaddch(y, x + 4, ' ');
		mvaddch(y, x + 6, ' ');
		/* A dB scale beside the meters, every few rows. */
		db = (int)(MIX_FLOOR + (j + 1) * -MIX_FLOOR /
		    tui_mix_graph_rows());
		if (j % 3 == 2 || j == tui_mix_graph_rows() - 1)
			tui_put(t, y, x + 8, w - 8, TUI_E_DIM, "%4d", db);
		else
			tui_put(t, y, x + 8, w - 8, TUI_E_DIM, " ");
	}
	tui_mix_fader(t, g0, x + 2, p->master_gain_db, false);
	tui_put(t, MIX_TOP + rows - 2, x, w, TUI_E_NORMAL, " %+.1fdB",
	    p->master_gain_db);
	tui_put(t, MIX_TOP + rows - 1, x, w, TUI_E_DIM, " ");
}

void
tui_mix_draw(struct tui *t, bool meters_only)
{
	struct project *p = t->s->p;
	int nvis = (COLS - MIX_MW) / MIX_SW, i, x, y, rows = tui_body_rows();

	if (!meters_only) {
		if (t->sel >= 0 && t->sel < t->strip0)
			t->strip0 = t->sel;
		if (t->sel >= t->strip0 + nvis)
			t->strip0 = t->sel - nvis + 1;
		if (t->strip0 > p->ntracks - nvis)
			t->strip0 = p->ntracks - nvis;
		if (t->strip0 < 0)
			t->strip0 = 0;
	}
	t->cy = MIX_TOP;
	t->cx = 0;
	for (i = t->strip0, x = 0; i < p->ntracks && i < t->strip0 + nvis;
	    i++, x += MIX_SW) {
		tui_mix_strip(t, i, x, meters_only);
		if (i == t->sel)
			t->cx = x;
	}
	if (!meters_only) {
		/* Blank what no strip covers. */
		for (y = MIX_TOP; y < MIX_TOP + rows; y++)
			tui_put(t, y, x, COLS - MIX_MW - x, TUI_E_NORMAL, "%s",
			    y == MIX_TOP && p->ntracks == 0 ? " no tracks "
			    "yet: n adds one" : y == MIX_TOP &&
			    t->strip0 + nvis < p->ntracks ? ">>" :
			    y == MIX_TOP + 1 && t->strip0 > 0 ? "<<" : "");
	}
	tui_mix_master(t, COLS - MIX_MW, meters_only);
}
