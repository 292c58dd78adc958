/* tui_mix.c - channel strips side by side, like a console: the tracks,
 * then the buses, then the master on the right.  A strip shows its name,
 * input (or what kind of bus it is), arm/mute/solo, its inserts (bypassed
 * ones marked), its sends and where it goes, the peak (with hold and clip
 * latch), RMS and gain-reduction readouts, a peak and an RMS meter column
 * beside a fader on the meter's own dB scale, its gain and pan.  The
 * master adds a correlation meter.  An armed track's strip meters its
 * input while the transport stands or records.  Meters come through the
 * engine's accessors; nothing here touches audio buffers. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "fx_plugin.h"
#include "session.h"
#include "tui_priv.h"

#define MIX_TOP 1
#define MIX_SW 9		/* strip width with its separator */
#define MIX_MW 14		/* master strip */
#define MIX_TOP_DB 12.0		/* the scale's top row: the fader's top */
#define MIX_FALL 30.0f		/* dB per second */
#define MIX_HOLD_MS 1500
#define MIX_NINS 3		/* insert rows of a strip */
#define MIX_NSENDS 2		/* send rows */
/* Rows above the meters: name, input, arm/mute/solo, inserts, sends,
 * route, peak, RMS, gain reduction. */
#define MIX_HEAD (3 + MIX_NINS + MIX_NSENDS + 1 + 3)

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

/* RMS shown: the period's reading, falling as the bars do. */
static void
tui_mix_rms_update(float *shown, float rms, float dt)
{
	float db = rms > 0 ? 20 * log10f(rms) : -200;

	*shown -= MIX_FALL * dt;
	if (db > *shown)
		*shown = db;
	if (*shown < -200)
		*shown = -200;
}

/* What the strip meters: its input when armed, unless the transport
 * plays (then what the track plays, as auto input monitoring does). */
static bool
tui_mix_input_shown(const struct tui *t, int i)
{
	return t->s->p->tracks[i].armed && t->s->state != TRANSPORT_PLAYING;
}

/* One slot's readings into its bar, RMS and gain reduction. */
static void
tui_mix_take_slot(struct tui *t, int slot, struct tui_meter *m, bool stale,
    float dt, int64_t now)
{
	float pk, rms, gr;

	engine_meter_take(t->s->eng, slot, &pk, &rms, &gr);
	if (stale)
		pk = rms = gr = 0.0f;
	tui_meter_update(m, pk, dt, now);
	tui_mix_rms_update(&t->rms[slot], rms, dt);
	/* A period with no reading (stopped) leaves the last one. */
	if (pk > 0 || gr < 0)
		t->gr[slot] = gr;
}

void
tui_mix_take_peaks(struct tui *t)
{
	struct session *s = t->s;
	float in[MIXER_MAX_INPUTS], pl, pr;
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
		float ip = 0.0f;

		tui_mix_take_slot(t, i, &t->meter[i], stale, dt, now);
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
	for (i = 0; i < s->p->nbuses && i < MIXER_MAX_BUSES; i++)
		tui_mix_take_slot(t, MIXER_SLOT_BUS(i), &t->bus[i], stale, dt,
		    now);
	pl = engine_master_peak(s->eng, 0);
	pr = engine_master_peak(s->eng, 1);
	tui_meter_update(&t->master[0], stale ? 0.0f : pl, dt, now);
	tui_meter_update(&t->master[1], stale ? 0.0f : pr, dt, now);
	{
		struct tui_meter m = t->master[0];

		/* The slot's peak is taken with the sides above; its RMS
		 * and reduction matter here. */
		tui_mix_take_slot(t, MIXER_SLOT_MASTER, &m, stale, dt, now);
	}
	t->corr = engine_correlation(s->eng);
}

static int
tui_mix_graph_rows(void)
{
	return tui_body_rows() - MIX_HEAD - 2;
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

/* One meter column, bottom up: level, and the hold mark when asked. */
static void
tui_mix_meter(struct tui *t, int y0, int x, float level, float hold)
{
	int g = tui_mix_graph_rows(), n = tui_mix_lit(level, g), j;
	int h = hold > -200 ? tui_mix_lit(hold, g) - 1 : -1;
	double db;

	for (j = 0; j < g; j++) {
		int y = y0 + g - 1 - j;

		db = tui_mix_row_db(j, g);
		if (j < n) {
			attrset(t->attr[db > -6 ? TUI_E_METER_HI : db > -18 ?
			    TUI_E_METER_MID : TUI_E_METER_LO]);
			mvaddstr(y, x, t->g.bar);
		} else if (j == h) {
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
tui_mix_db_text(char *buf, size_t size, float db)
{
	if (db > -100)
		snprintf(buf, size, "%5.1f", db);
	else
		snprintf(buf, size, "   -");
}

/* The readouts: peak of the pass (or CLIP, latched), RMS now, gain
 * reduction now (blank for a strip without dynamics). */
static void
tui_mix_readouts(struct tui *t, int y, int x, int w,
    const struct tui_meter *m, float rms, float gr, bool has_gr,
    const char *tag)
{
	char buf[16];

	if (m->clip)
		tui_put(t, y, x, w, TUI_E_METER_HI, "%sCLIP", tag);
	else {
		tui_mix_db_text(buf, sizeof buf, m->max);
		tui_put(t, y, x, w, TUI_E_DIM, "%s %s", tag[0] ? tag : "pk",
		    buf);
	}
	tui_mix_db_text(buf, sizeof buf, rms);
	tui_put(t, y + 1, x, w, TUI_E_DIM, "rm %s", buf);
	if (has_gr)
		tui_put(t, y + 2, x, w, gr < -0.05f ? TUI_E_METER_MID :
		    TUI_E_DIM, "gr %5.1f", gr < -0.05f ? gr : 0.0f);
	else
		tui_put(t, y + 2, x, w, TUI_E_DIM, "%s", "");
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

static bool
tui_mix_has_gr(const struct inserts *fx)
{
	int i;

	for (i = 0; i < fx->n; i++)
		if (fx->v[i].kind->gr != NULL)
			return true;
	return false;
}

/* The insert rows: "eq", "comp byp" (bypassed), "+2 more". */
static void
tui_mix_inserts(struct tui *t, int y, int x, int w, const struct inserts *fx)
{
	int i;

	for (i = 0; i < MIX_NINS; i++) {
		if (i == MIX_NINS - 1 && fx->n > MIX_NINS)
			tui_put(t, y + i, x, w, TUI_E_DIM, "+%d more",
			    fx->n - i);
		else if (i < fx->n)
			tui_put(t, y + i, x, w, fx->v[i].bypass ? TUI_E_DIM :
			    TUI_E_NORMAL, "%-4s%s",
			    fx_plugin_short(fx->v[i].kind),
			    fx->v[i].bypass ? " byp" : "");
		else
			tui_put(t, y + i, x, w, TUI_E_DIM, "%s",
			    i == 0 ? t->g.off : "");
	}
}

/* Sends (">rev -6", "p" when pre-fader) and the output ("->drums"). */
static void
tui_mix_routing(struct tui *t, int y, int x, int w, const struct routing *rt)
{
	int i;

	for (i = 0; i < MIX_NSENDS; i++) {
		const struct send *sd = &rt->sends[i];

		if (i == MIX_NSENDS - 1 && rt->nsends > MIX_NSENDS)
			tui_put(t, y + i, x, w, TUI_E_DIM, "+%d sends",
			    rt->nsends - i);
		else if (i < rt->nsends)
			tui_put(t, y + i, x, w, TUI_E_NORMAL, ">%.3s%3.0f%s",
			    sd->bus, sd->db, sd->pre ? "p" : "");
		else
			tui_put(t, y + i, x, w, TUI_E_DIM, "%s", "");
	}
	tui_put(t, y + MIX_NSENDS, x, w, TUI_E_DIM, "->%s",
	    rt->out[0] ? rt->out : "master");
}

/* What a bus is: a group (something is routed into it), an aux (sends
 * feed it), or both. */
static const char *
tui_mix_bus_kind(const struct project *p, const char *name)
{
	bool grp = false, aux = false;
	int i, j;

	for (i = 0; i < p->ntracks + p->nbuses; i++) {
		const struct routing *rt = i < p->ntracks ? &p->tracks[i].rt :
		    &p->buses[i - p->ntracks].rt;

		if (strcmp(rt->out, name) == 0)
			grp = true;
		for (j = 0; j < rt->nsends; j++)
			if (strcmp(rt->sends[j].bus, name) == 0)
				aux = true;
	}
	return grp && aux ? "bus" : grp ? "group" : aux ? "aux" : "bus";
}

/* Strip n of the row: tracks first, then buses. */
static void
tui_mix_strip(struct tui *t, int n, int x, bool meters_only)
{
	struct project *p = t->s->p;
	bool is_bus = n >= p->ntracks;
	struct track *tr = is_bus ? NULL : &p->tracks[n];
	struct bus *b = is_bus ? &p->buses[n - p->ntracks] : NULL;
	int slot = is_bus ? MIXER_SLOT_BUS(n - p->ntracks) : n;
	int rows = tui_body_rows(), g0 = MIX_TOP + MIX_HEAD, y, w = MIX_SW - 1;
	bool sel = !is_bus && n == t->sel;
	bool input = !is_bus && tui_mix_input_shown(t, n);
	const struct tui_meter *m = is_bus ? &t->bus[n - p->ntracks] :
	    input ? &t->input[n] : &t->meter[n];
	const struct inserts *fx = is_bus ? &b->fx : &tr->fx;
	float rms = input ? -200 : t->rms[slot];
	char buf[32];

	if (tr != NULL && !tr->armed)
		tui_meter_clear(&t->input[n]);
	tui_mix_readouts(t, g0 - 3, x, w, m, rms, t->gr[slot],
	    tui_mix_has_gr(fx), input ? "in" : "");
	tui_mix_meter(t, g0, x + 6, m->level, m->hold);
	tui_mix_meter(t, g0, x + 7, rms, -200);
	if (meters_only)
		return;
	tui_put(t, MIX_TOP, x, w, sel ? TUI_E_SELECTED : is_bus ?
	    TUI_E_TITLE : TUI_E_NORMAL, "%-8.8s", is_bus ? b->name :
	    tr->name);
	if (is_bus)
		tui_put(t, MIX_TOP + 1, x, w, TUI_E_DIM, "%s",
		    tui_mix_bus_kind(p, b->name));
	else if (tr->in[0] == 0)
		tui_put(t, MIX_TOP + 1, x, w, TUI_E_DIM, "in -");
	else if (tr->channels == 2)
		tui_put(t, MIX_TOP + 1, x, w, TUI_E_DIM, "in %d,%d",
		    tr->in[0], tr->in[1]);
	else
		tui_put(t, MIX_TOP + 1, x, w, TUI_E_DIM, "in %d",
		    tr->in[0]);
	tui_put(t, MIX_TOP + 2, x, 2, tr && tr->armed ? TUI_E_ARMED :
	    TUI_E_DIM, "%s", tr && tr->armed ? "R" : is_bus ? " " :
	    t->g.off);
	bool mute = is_bus ? b->mute : tr->mute, solo = is_bus ? b->solo :
	    tr->solo;
	tui_put(t, MIX_TOP + 2, x + 2, 2, mute ? TUI_E_ERROR : TUI_E_DIM,
	    "%s", mute ? "M" : t->g.off);
	tui_put(t, MIX_TOP + 2, x + 4, w - 4, solo ? TUI_E_METER_MID :
	    TUI_E_DIM, "%s", solo ? "S" : t->g.off);
	tui_mix_inserts(t, MIX_TOP + 3, x, w, fx);
	tui_mix_routing(t, MIX_TOP + 3 + MIX_NINS, x, w, is_bus ? &b->rt :
	    &tr->rt);
	for (y = g0; y < g0 + tui_mix_graph_rows(); y++) {
		mvaddch(y, x, ' ');
		mvaddch(y, x + 5, ' ');
	}
	tui_mix_fader(t, g0, x + 1, is_bus ? b->gain_db : tr->gain_db, sel);
	tui_put(t, MIX_TOP + rows - 2, x, w, sel ? TUI_E_SELECTED :
	    TUI_E_NORMAL, "%+.1fdB", is_bus ? b->gain_db : tr->gain_db);
	tui_mix_pan(is_bus ? b->pan : tr->pan, buf, sizeof buf);
	tui_put(t, MIX_TOP + rows - 1, x, w, TUI_E_DIM, "pan %s", buf);
	for (y = MIX_TOP; y < MIX_TOP + rows; y++) {
		attrset(t->attr[TUI_E_DIM]);
		mvaddstr(y, x + MIX_SW - 1, t->g.vline);
	}
	attrset(A_NORMAL);
}

/* The correlation as a bar from -1 to +1 with its figure: "-1 --|-*- +1". */
static void
tui_mix_corr(struct tui *t, int y, int x, int w)
{
	char bar[16];
	int n = w - 5, k, i;

	if (n > (int)sizeof bar - 1)
		n = sizeof bar - 1;
	if (n < 3) {
		tui_put(t, y, x, w, TUI_E_DIM, "%+.2f", t->corr);
		return;
	}
	k = (int)lround((t->corr + 1) / 2 * (n - 1));
	for (i = 0; i < n; i++)
		bar[i] = i == k ? '*' : i == (n - 1) / 2 ? '|' : '-';
	bar[n] = '\0';
	tui_put(t, y, x, w, t->corr < 0 ? TUI_E_METER_HI : TUI_E_DIM,
	    "%s%+.1f", bar, t->corr);
}

static void
tui_mix_master(struct tui *t, int x, bool meters_only)
{
	struct project *p = t->s->p;
	int rows = tui_body_rows(), g0 = MIX_TOP + MIX_HEAD, y, w = COLS - x;
	const struct tui_meter *l = &t->master[0], *r = &t->master[1];
	struct tui_meter both = *l;

	if (r->max > both.max)
		both.max = r->max;
	both.clip = l->clip || r->clip;
	tui_mix_readouts(t, g0 - 3, x + 1, w - 1, &both,
	    t->rms[MIXER_SLOT_MASTER], t->gr[MIXER_SLOT_MASTER],
	    tui_mix_has_gr(&p->master_fx), "");
	tui_mix_corr(t, g0 - 4, x + 1, w - 1);
	tui_mix_meter(t, g0, x + 7, l->level, l->hold);
	tui_mix_meter(t, g0, x + 9, r->level, r->hold);
	if (meters_only)
		return;
	tui_put(t, MIX_TOP, x, w, TUI_E_TITLE, " master");
	tui_put(t, MIX_TOP + 1, x, w, TUI_E_DIM, " out   L R");
	tui_put(t, MIX_TOP + 2, x, w, TUI_E_DIM, " ");
	for (y = 0; y < MIX_NINS; y++)
		mvaddch(MIX_TOP + 3 + y, x, ' ');
	tui_mix_inserts(t, MIX_TOP + 3, x + 1, w - 1, &p->master_fx);
	for (y = MIX_TOP + 3 + MIX_NINS; y < g0 - 4; y++)
		tui_put(t, y, x, w, TUI_E_DIM, "%s", y == g0 - 5 ? " corr" :
		    "");
	mvaddch(g0 - 4, x, ' ');
	for (y = g0 - 3; y < g0; y++)
		mvaddch(y, x, ' ');
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
	int nstrips = p->ntracks + (p->nbuses < MIXER_MAX_BUSES ? p->nbuses :
	    MIXER_MAX_BUSES);

	if (!meters_only) {
		if (t->sel >= 0 && t->sel < t->strip0)
			t->strip0 = t->sel;
		if (t->sel >= t->strip0 + nvis)
			t->strip0 = t->sel - nvis + 1;
		if (t->strip0 > nstrips - nvis)
			t->strip0 = nstrips - nvis;
		if (t->strip0 < 0)
			t->strip0 = 0;
	}
	/* The cursor sits on the selected strip's name (screen readers
	 * follow it). */
	t->cy = MIX_TOP;
	t->cx = 0;
	for (i = t->strip0, x = 0; i < nstrips && i < t->strip0 + nvis;
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
			    t->strip0 + nvis < nstrips ? ">>" :
			    y == MIX_TOP + 1 && t->strip0 > 0 ? "<<" : "");
	}
	tui_mix_master(t, COLS - MIX_MW, meters_only);
}
