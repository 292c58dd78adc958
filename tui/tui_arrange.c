/* tui_arrange.c - the arrangement (tracks as rows, time across) and the
 * time axis the takes screen (tui_takes.c) shares. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "session.h"
#include "tui_priv.h"
#include "util.h"

#define TUI_TOP 1		/* first body row */

static int
tui_arrange_width(void)
{
	return COLS - TUI_NAMEW;
}

/* Keeps the playhead in view, paging like a tape counter would. */
void
tui_arrange_follow(struct tui *t)
{
	int64_t pos = transport_position(t->s);
	int w = tui_arrange_width();
	double x;

	if (pos < 0)
		pos = 0;
	if (t->fpc <= 0)
		tui_arrange_zoom(t, "fit");
	x = (double)(pos - t->view0) / t->fpc;
	if (x < 0 || x >= w - 1) {
		t->view0 = pos - (int64_t)(w / 8 * t->fpc);
		if (t->view0 < 0)
			t->view0 = 0;
		t->dirty |= TUI_D_BODY;
	}
}

int
tui_arrange_playhead_col(struct tui *t)
{
	int64_t pos = transport_position(t->s);
	double x;

	tui_arrange_follow(t);
	x = (double)(pos - t->view0) / t->fpc;
	return x < 0 || x >= tui_arrange_width() ? -1 : (int)x;
}

void
tui_arrange_zoom(struct tui *t, const char *how)
{
	struct project *p = t->s->p;
	double min = p->rate / 100.0, max = p->rate * 600.0;
	int64_t len;

	if (strcmp(how, "in") == 0)
		t->fpc /= 2;
	else if (strcmp(how, "out") == 0)
		t->fpc *= 2;
	else {
		len = project_length(p);
		if (len < 30LL * p->rate)
			len = 30LL * p->rate;
		t->fpc = len * 1.1 / tui_arrange_width();
		t->view0 = 0;
	}
	if (t->fpc < min)
		t->fpc = min;
	if (t->fpc > max)
		t->fpc = max;
	t->phx = -2;
}

void
tui_ruler_label(char *line, int w, int x, const char *label)
{
	int i;

	/* A label does not overwrite the one before it. */
	if (x > 0 && line[x - 1] != ' ' && line[x - 1] != '.')
		return;
	for (i = 0; label[i] != '\0' && x + i < w; i++)
		line[x + i] = label[i];
}

void
tui_ruler_seconds(struct tui *t, char *line, int w)
{
	static const double steps[] = { 0.1, 0.25, 0.5, 1, 2, 5, 10, 15, 30,
	    60, 120, 300, 600, 1800, 3600, 7200 };
	struct project *p = t->s->p;
	double step = steps[0], sec;
	char label[32];
	int64_t k;
	int i, x;

	/* The smallest round step that leaves 10 columns per label. */
	for (i = 0; i < (int)(sizeof steps / sizeof steps[0]); i++) {
		step = steps[i];
		if (step * p->rate / t->fpc >= 10)
			break;
	}
	for (k = (int64_t)ceil(t->view0 / (double)p->rate / step);; k++) {
		sec = k * step;
		x = (int)((sec * p->rate - t->view0) / t->fpc);
		if (x >= w)
			break;
		if (x < 0)
			continue;
		if (step >= 1)
			snprintf(label, sizeof label, "|%d:%02d",
			    (int)(sec / 60), (int)fmod(sec, 60));
		else
			snprintf(label, sizeof label, "|%d:%04.1f",
			    (int)(sec / 60), fmod(sec, 60));
		tui_ruler_label(line, w, x, label);
	}
}

static void
tui_ruler(struct tui *t, int y)
{
	int w = tui_arrange_width(), phx;
	char line[1024];

	if (w >= (int)sizeof line)
		w = sizeof line - 1;
	memset(line, ' ', w);
	line[w] = '\0';
	tui_ruler_seconds(t, line, w);
	tui_put(t, y, 0, TUI_NAMEW, TUI_E_DIM, " time");
	tui_put(t, y, TUI_NAMEW, w, TUI_E_DIM, "%s", line);
	phx = tui_arrange_playhead_col(t);
	if (phx >= 0) {
		attrset(t->attr[TUI_E_ARMED]);
		mvaddstr(y, TUI_NAMEW + phx, t->g.playhead);
		attrset(A_NORMAL);
	}
}

/* Two rows of a lane: the clip bar with its take number, and the
 * waveform overview below it. */
static void
tui_lane(struct tui *t, int y, struct track *tr, struct take *k,
    int phx, bool dim)
{
	struct session *s = t->s;
	int w = tui_arrange_width(), x, li = 0, lvl;
	int64_t f0, f1, end, from, to;
	bool rec = k != NULL && k->state == TAKE_RECORDING &&
	    s->state == TRANSPORT_RECORDING;
	const struct overview *ov = NULL;
	char label[32] = "";
	attr_t bar, wave;
	float pk, db;

	if (k != NULL) {
		end = rec ? transport_position(s) : k->rec_end;
		if (!rec && k->state != TAKE_RECORDING) {
			char *path = project_path(s->p, k->file);

			ov = overview_get(&t->ov, path, k->length);
			free(path);
		}
		snprintf(label, sizeof label, rec ? "REC %d" : "%d", k->id);
	} else
		end = 0;
	bar = t->attr[rec ? TUI_E_REC : dim ? TUI_E_SELECTED : TUI_E_CLIP];
	wave = t->color ? bar : A_NORMAL;
	for (x = 0; x < w; x++) {
		bool in;

		f0 = t->view0 + (int64_t)(x * t->fpc);
		f1 = t->view0 + (int64_t)((x + 1) * t->fpc);
		in = k != NULL && f1 > k->rec_start && f0 < end;
		if (!in) {
			attrset(A_NORMAL);
			mvaddstr(y, TUI_NAMEW + x, x == phx ? t->g.cursor :
			    " ");
			mvaddstr(y + 1, TUI_NAMEW + x, x == phx ?
			    t->g.cursor : " ");
			continue;
		}
		attrset(x == phx ? bar ^ A_REVERSE : bar);
		if (label[li] != '\0') {
			mvaddch(y, TUI_NAMEW + x, (unsigned char)label[li]);
			li++;
		} else
			mvaddch(y, TUI_NAMEW + x, ' ');
		lvl = 0;
		if (ov != NULL) {
			from = (f0 > k->rec_start ? f0 : k->rec_start) -
			    k->start;
			to = (f1 < end ? f1 : end) - k->start;
			pk = overview_peak(ov, from, to);
			db = pk > 0 ? 20 * log10f(pk) : -200;
			lvl = db <= -48 ? 0 : (int)((db + 48) / 48 * 8) + 1;
			if (lvl > 8)
				lvl = 8;
		}
		attrset(x == phx ? wave ^ A_REVERSE : wave);
		mvaddstr(y + 1, TUI_NAMEW + x, t->g.wave[lvl]);
	}
	attrset(A_NORMAL);
	(void)tr;
}

static void
tui_track_flags(struct tui *t, int y, const struct track *tr)
{
	char in[16];

	if (tr->in[0] == 0)
		snprintf(in, sizeof in, "in -");
	else if (tr->channels == 2)
		snprintf(in, sizeof in, "in %d,%d", tr->in[0], tr->in[1]);
	else
		snprintf(in, sizeof in, "in %d", tr->in[0]);
	tui_put(t, y, 0, 8, TUI_E_DIM, " %s", in);
	tui_put(t, y, 8, 2, tr->armed ? TUI_E_ARMED : TUI_E_DIM, "%s",
	    tr->armed ? "R" : t->g.off);
	tui_put(t, y, 10, 2, tr->mute ? TUI_E_ERROR : TUI_E_DIM, "%s",
	    tr->mute ? "M" : t->g.off);
	tui_put(t, y, 12, 2, tr->solo ? TUI_E_METER_MID : TUI_E_DIM, "%s",
	    tr->solo ? "S" : t->g.off);
}

static void
tui_clear_rows(struct tui *t, int y0, int y1)
{
	int y;

	for (y = y0; y < y1; y++) {
		move(y, 0);
		clrtoeol();
	}
}

void
tui_arrange_draw(struct tui *t)
{
	struct project *p = t->s->p;
	int rows = tui_body_rows(), ntv, i, y, phx;

	if (t->fpc <= 0)
		tui_arrange_zoom(t, "fit");
	phx = tui_arrange_playhead_col(t);
	t->phx = phx;
	tui_ruler(t, TUI_TOP);
	tui_put(t, TUI_TOP + 1, 0, COLS, TUI_E_DIM, " sections");
	ntv = (rows - 2) / 2;
	if (t->sel >= 0 && t->sel < t->top)
		t->top = t->sel;
	if (t->sel >= t->top + ntv)
		t->top = t->sel - ntv + 1;
	if (t->top > p->ntracks - ntv)
		t->top = p->ntracks - ntv > 0 ? p->ntracks - ntv : 0;
	y = TUI_TOP + 2;
	t->cy = y;
	t->cx = 1;
	if (p->ntracks == 0) {
		tui_put(t, y + 1, 0, COLS, TUI_E_NORMAL, "  no tracks yet: "
		    "n adds one (or :track-add NAME in=1), ? lists the keys");
		t->cy = y + 1;
		t->cx = 2;
		tui_clear_rows(t, y + 2, TUI_TOP + rows);
		move(y, 0);
		clrtoeol();
		return;
	}
	for (i = t->top; i < p->ntracks && i < t->top + ntv; i++, y += 2) {
		struct track *tr = &p->tracks[i];

		tui_put(t, y, 0, TUI_NAMEW, i == t->sel ? TUI_E_SELECTED :
		    TUI_E_NORMAL, " %-*s", TUI_NAMEW - 2, tr->name);
		if (i == t->sel) {
			t->cy = y;
			t->cx = 1;
		}
		tui_track_flags(t, y + 1, tr);
		tui_lane(t, y, tr, project_active_take(tr) ?
		    project_active_take(tr) : NULL, phx, false);
		/* A take being recorded shows over the active one. */
		if (t->s->state == TRANSPORT_RECORDING && tr->ntakes > 0 &&
		    tr->takes[tr->ntakes - 1].state == TAKE_RECORDING)
			tui_lane(t, y, tr, &tr->takes[tr->ntakes - 1], phx,
			    false);
	}
	tui_clear_rows(t, y, TUI_TOP + rows);
}
