/* tui_mix.c - channel strips side by side, like a console: name, input,
 * arm/mute/solo, peak meter with hold and clip, gain as a vertical fader
 * on the meter's own dB scale, pan; the master strip on the right.  An
 * armed track's strip meters its input while the transport stands or
 * records.  Meters come through the engine's accessors; nothing here
 * touches audio buffers. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "session.h"
#include "tui_priv.h"

#define MIX_TOP 1
#define MIX_SW 9		/* strip width with its separator */
#define MIX_MW 14		/* master strip */
#define MIX_TOP_DB 12.0		/* the scale's top row: the fader's top */
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

static void
tui_meter_clear(struct tui_meter *m)
{
	m->level = m->hold = m->max = -200;
	m->hold_ms = 0;
	m->clip = false;
}

/* What the strip meters: its input when armed, unless the transport
 * plays (then what the track plays, as auto input monitoring does). */
static bool
tui_mix_input_shown(const struct tui *t, int i)
{
	return t->s->p->tracks[i].armed && t->s->state != TRANSPORT_PLAYING;
}

void
tui_mix_take_peaks(struct tui *t)
{
	struct session *s = t->s;
	float in[MIXER_MAX_INPUTS];
	int64_t now = tui_now_ms();
	float dt = t->meter_ms ? (now - t->meter_ms) / 1000.0f : 0;
	/* After a pause (another screen, nothing armed, stopped: see
	 * tui_frame) the peaks waiting are old news: taken, not shown. */
	bool stale = t->meter_ms == 0;
	int i, c, nin;

	t->meter_ms = now;
	if (s->eng == NULL)
		return;
	nin = engine_inputs(s->eng);
	for (i = 0; i < nin; i++)
		in[i] = stale ? (engine_input_peak(s->eng, i), 0.0f) :
		    engine_input_peak(s->eng, i);
	for (i = 0; i < s->p->ntracks && i < MIXER_MAX_TRACKS; i++) {
		const struct track *tr = &s->p->tracks[i];
		float pk = engine_track_peak(s->eng, i), ip = 0.0f;

		tui_meter_update(&t->meter[i], stale ? 0.0f : pk, dt, now);
		if (!tr->armed) {
			tui_meter_clear(&t->input[i]);
			continue;
		}
		for (c = 0; c < tr->channels; c++)
			if (tr->in[c] >= 1 && tr->in[c] <= nin &&
			    in[tr->in[c] - 1] > ip)
				ip = in[tr->in[c] - 1];
		tui_meter_update(&t->input[i], ip, dt, now);
	}
	for (i = 0; i < 2; i++)
		tui_meter_update(&t->master[i], stale ? 0.0f :
		    engine_master_peak(s->eng, i), dt, now);
}

static int
tui_mix_graph_rows(void)
{
	return tui_body_rows() - 6;
}

/*
 * The one dB scale of meters and faders.  Row j of g (0 at the bottom)
 * stands for MIX_TOP_DB - (g - 1 - j) steps of 6 dB (3 dB on a tall
 * screen), so that every label is a round figure: a meter lights the rows
 * it reaches within half a step, a fader's knob sits on its nearest row,
 * and a fader at 0 dB is level with a meter at 0 dBFS.
 */
static double
tui_mix_step(int g)
{
	return (g - 1) * 3 >= 72 ? 3.0 : 6.0;
}

static double
tui_mix_row_db(int j, int g)
{
	return MIX_TOP_DB - (g - 1 - j) * tui_mix_step(g);
}

/* Rows a level lights, 0..g. */
static int
tui_mix_lit(double db, int g)
{
	double n = floor((db - tui_mix_row_db(0, g)) / tui_mix_step(g) + 0.5)
	    + 1;

	return n < 0 ? 0 : n > g ? g : (int)n;
}

/* The scale's label of row j ("+12", "  0", "-24"), or blanks. */
static void
tui_mix_label(int j, int g, char *buf, size_t size)
{
	int db = (int)lround(tui_mix_row_db(j, g));

	if (db % 12 != 0)
		snprintf(buf, size, "   ");
	else
		snprintf(buf, size, db > 0 ? "%+3d" : "%3d", db);
}

/* One meter column, bottom up. */
static void
tui_mix_meter(struct tui *t, int y0, int x, const struct tui_meter *m)
{
	int g = tui_mix_graph_rows(), n = tui_mix_lit(m->level, g), j;
	int h = tui_mix_lit(m->hold, g) - 1;
	double db;

	for (j = 0; j < g; j++) {
		int y = y0 + g - 1 - j;

		db = tui_mix_row_db(j, g);
		if (j < n) {
			attrset(t->attr[db > -6 ? TUI_E_METER_HI : db > -18 ?
			    TUI_E_METER_MID : TUI_E_METER_LO]);
			mvaddstr(y, x, t->g.bar);
		} else if (j == h && m->hold > -200) {
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

/* A fader and, right of it, the scale it shares with the meter. */
static void
tui_mix_fader(struct tui *t, int y0, int x, double gain_db, bool sel)
{
	int g = tui_mix_graph_rows(), j;
	double k = floor((gain_db - tui_mix_row_db(0, g)) / tui_mix_step(g) +
	    0.5);
	char label[8];

	if (k < 0)
		k = 0;
	if (k > g - 1)
		k = g - 1;
	for (j = 0; j < g; j++) {
		attrset(j == k ? t->attr[sel ? TUI_E_SELECTED :
		    TUI_E_NORMAL] | A_BOLD : t->attr[TUI_E_DIM]);
		mvaddstr(y0 + g - 1 - j, x, j == k ? t->g.knob : t->g.fader);
		tui_mix_label(j, g, label, sizeof label);
		tui_put(t, y0 + g - 1 - j, x + 1, 3, TUI_E_DIM, "%s", label);
	}
	attrset(A_NORMAL);
}

static void
tui_mix_peak_text(struct tui *t, int y, int x, int w,
    const struct tui_meter *m, const char *tag)
{
	if (m->clip)
		tui_put(t, y, x, w, TUI_E_METER_HI, "%sCLIP", tag);
	else if (m->max > -100)
		tui_put(t, y, x, w, TUI_E_DIM, "%s%5.1f", tag, m->max);
	else
		tui_put(t, y, x, w, TUI_E_DIM, "%s  -", tag);
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
	bool sel = i == t->sel, input = tui_mix_input_shown(t, i);
	const struct tui_meter *m = input ? &t->input[i] : &t->meter[i];
	char buf[32];

	if (!tr->armed)
		tui_meter_clear(&t->input[i]);
	tui_mix_peak_text(t, MIX_TOP + 3, x, MIX_SW - 1, m, input ? "in " :
	    "");
	tui_mix_meter(t, g0, x + 6, m);
	tui_mix_meter(t, g0, x + 7, m);
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
		mvaddch(y, x + 5, ' ');
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
	tui_mix_peak_text(t, MIX_TOP + 3, x + 1, w - 1, &both, "");
	tui_mix_meter(t, g0, x + 7, l);
	tui_mix_meter(t, g0, x + 9, r);
	if (meters_only)
		return;
	tui_put(t, MIX_TOP, x, w, TUI_E_TITLE, " master");
	tui_put(t, MIX_TOP + 1, x, w, TUI_E_DIM, " out   L R");
	tui_put(t, MIX_TOP + 2, x, w, TUI_E_DIM, " ");
	for (y = g0; y < g0 + tui_mix_graph_rows(); y++) {
		mvaddch(y, x, ' ');
		mvaddch(y, x + 1, ' ');
		mvaddch(y, x + 6, ' ');
		mvaddch(y, x + 8, ' ');
		tui_put(t, y, x + 10, w - 10, TUI_E_NORMAL, " ");
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
