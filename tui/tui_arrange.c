/* tui_arrange.c - the arrangement (tracks as rows, time across) and the
 * time axis the takes screen (tui_takes.c) shares. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clip.h"
#include "comp.h"
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
		/* The song fills the width; an empty one shows 30 s. */
		len = project_length(p);
		if (p->loop_end > len)
			len = p->loop_end;
		if (len <= 0)
			len = 30LL * p->rate;
		t->fpc = len * 1.04 / tui_arrange_width();
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

	/* A label does not overwrite the one before it, and one that does
	 * not fit whole is left out rather than cut. */
	if (x > 0 && line[x - 1] != ' ' && line[x - 1] != '.')
		return;
	if (x + (int)strlen(label) > w)
		return;
	for (i = 0; label[i] != '\0'; i++)
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

/* Bars (every one, or every 2nd, 4th... when they are narrow) with a dot
 * on each beat when there is room. */
static void
tui_ruler_bars(struct tui *t, char *line, int w)
{
	struct project *p = t->s->p;
	const struct tempo_map *tm = &p->tempo;
	int x, i, bar, beat, every, num;
	double bw;
	char label[32];
	int64_t f;

	tempo_beat_floor(tm, p->rate, t->view0, &bar, &beat);
	bw = (tempo_bar_to_frame(tm, p->rate, bar + 1, 1) -
	    tempo_bar_to_frame(tm, p->rate, bar, 1)) / t->fpc;
	for (every = 1; every * bw < 5 && every < 1 << 20; every *= 2)
		;
	for (;; bar++) {
		f = tempo_bar_to_frame(tm, p->rate, bar, 1);
		x = (int)floor((f - t->view0) / t->fpc);
		if (x >= w)
			break;
		num = tempo_num(tm, bar);
		for (i = 2; bw / num >= 2 && i <= num; i++) {
			int bx = (int)floor((tempo_bar_to_frame(tm, p->rate,
			    bar, i) - t->view0) / t->fpc);

			if (bx >= 0 && bx < w && line[bx] == ' ')
				line[bx] = '.';
		}
		if (x < 0 || (bar - 1) % every != 0)
			continue;
		snprintf(label, sizeof label, "|%d", bar);
		tui_ruler_label(line, w, x, label);
	}
}

/* The columns [*x0, *x1] a range [start, end) covers; false when none. */
static bool
tui_ruler_span(const struct tui *t, int w, int64_t start, int64_t end,
    int *x0, int *x1)
{
	double a = (start - t->view0) / t->fpc, b = (end - t->view0) / t->fpc;

	if (end <= start || b <= 0 || a >= w)
		return false;
	*x0 = a < 0 ? 0 : (int)a;
	*x1 = b > w ? w - 1 : (int)ceil(b) - 1;
	if (*x1 < *x0)
		*x1 = *x0;
	return true;
}

/* An edge mark goes where it does not cut a label. */
static void
tui_ruler_mark(char *line, int x, char c)
{
	if (line[x] == ' ' || line[x] == '.' || line[x] == '|')
		line[x] = c;
}

void
tui_ruler(struct tui *t, int y)
{
	struct session *s = t->s;
	struct project *p = s->p;
	int w = tui_arrange_width(), phx, x, lx0 = -1, lx1 = -1, px0 = -1,
	    px1 = -1, sx0 = -1, sx1 = -2;
	char line[1024];
	attr_t at;

	if (w >= (int)sizeof line)
		w = sizeof line - 1;
	memset(line, ' ', w);
	line[w] = '\0';
	if (p->tempo.n > 0)
		tui_ruler_bars(t, line, w);
	else
		tui_ruler_seconds(t, line, w);
	/* The loop and, while one runs, the punch: bracketed and shaded. */
	if (p->loop_end > p->loop_start && tui_ruler_span(t, w,
	    p->loop_start, p->loop_end, &lx0, &lx1)) {
		if (p->loop_start >= t->view0)
			tui_ruler_mark(line, lx0, '[');
		if (lx1 > lx0 && (p->loop_end - t->view0) / t->fpc <= w)
			tui_ruler_mark(line, lx1, ']');
	}
	if (s->state == TRANSPORT_RECORDING && s->plan.punch &&
	    tui_ruler_span(t, w, s->plan.rec_start, s->plan.rec_start +
	    s->plan.rec_len, &px0, &px1)) {
		tui_ruler_mark(line, px0, '{');
		if (px1 > px0)
			tui_ruler_mark(line, px1, '}');
	}
	tui_revisions_marks(t, line, w);
	/* The Arrangement's time selection: > at its start, < at its end,
	 * highlighted between (the takes screen has its own). */
	if (t->screen == TUI_ARRANGE && tui_range_cols(t, w, &sx0, &sx1)) {
		int64_t r0, r1;

		tui_range_get(t, &r0, &r1);
		if (r0 >= t->view0)
			line[sx0] = '>';
		if (sx1 > sx0 && (r1 - t->view0) / t->fpc <= w)
			line[sx1] = '<';
	}
	tui_put(t, y, 0, TUI_NAMEW, TUI_E_DIM, p->tempo.n > 0 ? " bar|beat" :
	    " time");
	/* Not tui_arrange_playhead_col: the takes screen's view follows its
	 * cursor, not the playhead, while stopped. */
	phx = (int)floor((transport_position(s) - t->view0) / t->fpc);
	for (x = 0; x < w; x++) {
		at = t->attr[TUI_E_DIM];
		if (x >= px0 && x <= px1)
			at = t->attr[TUI_E_REC];
		else if (x >= sx0 && x <= sx1)
			at = t->attr[TUI_E_SELECTED] | A_UNDERLINE;
		else if (x >= lx0 && x <= lx1)
			at = t->attr[TUI_E_SELECTED];
		/* The playhead: its mark in a blank cell, else the label's
		 * character highlighted, so that no label is cut. */
		if (x == phx) {
			attrset(t->attr[TUI_E_ARMED] | A_REVERSE);
			if (line[x] == ' ' || line[x] == '.')
				mvaddstr(y, TUI_NAMEW + x, t->g.playhead);
			else
				mvaddch(y, TUI_NAMEW + x,
				    (unsigned char)line[x]);
			continue;
		}
		attrset(at);
		mvaddch(y, TUI_NAMEW + x, (unsigned char)line[x]);
	}
	attrset(A_NORMAL);
}

void
tui_comp_cells(struct tui *t, const struct track *tr, int w, int *take,
    char *ch, char fill)
{
	int x, k, prev = 0, li = 0;
	char label[16] = "";

	for (x = 0; x < w; x++) {
		k = comp_take_at(tr, t->view0 + (int64_t)((x + 0.5) * t->fpc));
		take[x] = k;
		if (k != prev) {
			/* A range that meets another starts with a bar, so
			 * that 2, 10 and 4 read "2=|10|4=", not "2=104=". */
			snprintf(label, sizeof label, "%s%d", prev != 0 &&
			    k != 0 ? "|" : "", k);
			li = 0;
			prev = k;
		}
		if (k == 0)
			ch[x] = ' ';
		else
			ch[x] = label[li] != '\0' ? label[li++] : fill;
	}
}

/* A lane's columns: what plays (take, clip, frame in recording time at
 * the column's start) and its label characters.  A track without clips
 * reads as tui_comp_cells; with clips each clip starts with '[' and a
 * clip followed by a gap ends with ']'. */
static void
tui_lane_cells(struct tui *t, const struct track *tr, int w, int *take,
    int *clip, int64_t *rec, char *ch)
{
	int x, k, c, prevk = 0, prevc = -1, li = 0;
	char label[16] = "";

	if (!tr->clipped) {
		tui_comp_cells(t, tr, w, take, ch, ' ');
		for (x = 0; x < w; x++) {
			clip[x] = -1;
			rec[x] = t->view0 + (int64_t)(x * t->fpc);
		}
		return;
	}
	for (x = 0; x < w; x++) {
		int64_t f = t->view0 + (int64_t)((x + 0.5) * t->fpc), r;

		k = clip_take_at(tr, f, &c, &r);
		take[x] = k;
		clip[x] = c;
		rec[x] = r - (f - (t->view0 + (int64_t)(x * t->fpc)));
		if (c != prevc || k != prevk) {
			snprintf(label, sizeof label, "%s%d", c != prevc ?
			    "[" : "|", k);
			/* An edit's result names its operation. */
			if (k == 0)
				snprintf(label, sizeof label, "[%.*s",
				    c >= 0 ? (int)strcspn(tr->clips[c].op,
				    " ") : 0, c >= 0 ? tr->clips[c].op : "");
			li = 0;
		}
		if (c < 0) {
			ch[x] = x > 0 && clip[x - 1] >= 0 ? ']' : ' ';
			if (x > 0 && clip[x - 1] >= 0)
				take[x] = -1;
		} else
			ch[x] = label[li] != '\0' ? label[li++] : ' ';
		prevk = k;
		prevc = c;
	}
}

static int
tui_wave_level(const struct overview *ov, const struct take *k, int64_t f0,
    int64_t f1)
{
	int64_t from = f0 - k->start, to = f1 - k->start;
	float pk, db;
	int lvl;

	if (ov == NULL)
		return 0;
	if (from < 0)
		from = 0;
	if (to > k->length)
		to = k->length;
	if (to <= from)
		return 0;
	pk = overview_peak(ov, from, to);
	db = pk > 0 ? 20 * log10f(pk) : -200;
	lvl = db <= -48 ? 0 : (int)((db + 48) / 48 * 8) + 1;
	return lvl > 8 ? 8 : lvl;
}

static const struct overview *
tui_take_overview(struct tui *t, const struct take *k)
{
	const struct overview *ov;
	char *path;

	if (k == NULL || k->state == TAKE_RECORDING)
		return NULL;
	path = project_path(t->s->p, k->file);
	ov = overview_get(&t->ov, path, k->length);
	free(path);
	return ov;
}

/* The level of an edit's result file (clip c) over the lane's frames
 * [f0, f1). */
static int
tui_file_level(struct tui *t, const struct clip *c, int64_t f0, int64_t f1)
{
	struct take k;
	char *path = project_path(t->s->p, c->file);
	const struct overview *ov = overview_get(&t->ov, path, c->offset +
	    c->len);

	free(path);
	memset(&k, 0, sizeof k);
	k.start = c->pos - c->offset;
	k.length = c->offset + c->len;
	return tui_wave_level(ov, &k, f0, f1);
}

/* Two rows of a lane: what plays, range by range (each with its take's
 * number and its own waveform below), and over it the take being
 * recorded. */
static void
tui_lane(struct tui *t, int y, struct track *tr, int phx)
{
	struct session *s = t->s;
	int w = tui_arrange_width(), x, lvl, cur = -1, li = 0, sc = -1, sx0,
	    sx1;
	int take[1024], clip[1024];
	int64_t rec[1024];
	char ch[1024], label[32];
	struct take *k = NULL, *rk = NULL;
	const struct overview *ov = NULL;
	int64_t f0, f1, end = 0;
	attr_t bar, wave;

	if (w > (int)sizeof ch)
		w = sizeof ch;
	tui_lane_cells(t, tr, w, take, clip, rec, ch);
	/* The selected clip: at the selection's start (else under the
	 * playhead) on the selected track, as %a names it. */
	if (tr == &s->p->tracks[t->sel >= 0 ? t->sel : 0] && tr->clipped) {
		int64_t r, r0, r1;

		if (!tui_range_get(t, &r0, &r1))
			r0 = transport_position(s);
		clip_take_at(tr, r0, &sc, &r);
	}
	if (!tui_range_cols(t, w, &sx0, &sx1))
		sx0 = sx1 = -1;
	if (s->state == TRANSPORT_RECORDING && tr->ntakes > 0 &&
	    tr->takes[tr->ntakes - 1].state == TAKE_RECORDING) {
		rk = &tr->takes[tr->ntakes - 1];
		end = transport_position(s);
		snprintf(label, sizeof label, "REC %d", rk->id);
	}
	for (x = 0; x < w; x++) {
		f0 = t->view0 + (int64_t)(x * t->fpc);
		f1 = t->view0 + (int64_t)((x + 1) * t->fpc);
		if (rk != NULL && f1 > rk->rec_start && f0 < end) {
			bar = t->attr[TUI_E_REC];
			attrset(x == phx ? bar ^ A_REVERSE : bar);
			mvaddch(y, TUI_NAMEW + x, label[li] != '\0' ?
			    (unsigned char)label[li++] : ' ');
			attrset(x == phx ? bar ^ A_REVERSE : t->color ? bar :
			    A_NORMAL);
			mvaddstr(y + 1, TUI_NAMEW + x, t->g.wave[0]);
			continue;
		}
		if (take[x] < 0) {
			/* The end of a clip before a gap. */
			attrset(t->attr[TUI_E_DIM]);
			mvaddch(y, TUI_NAMEW + x, ']');
			attrset(A_NORMAL);
			mvaddstr(y + 1, TUI_NAMEW + x, x == phx ?
			    t->g.cursor : " ");
			continue;
		}
		if (take[x] == 0 && clip[x] < 0) {
			attrset(A_NORMAL);
			mvaddstr(y, TUI_NAMEW + x, x == phx ? t->g.cursor :
			    " ");
			mvaddstr(y + 1, TUI_NAMEW + x, x == phx ?
			    t->g.cursor : " ");
			continue;
		}
		if (take[x] != cur) {
			cur = take[x];
			k = cur > 0 ? project_take(tr, cur) : NULL;
			ov = tui_take_overview(t, k);
		}
		bar = t->attr[clip[x] >= 0 && clip[x] == sc ?
		    TUI_E_SELECTED : TUI_E_CLIP];
		wave = t->color ? bar : A_NORMAL;
		attrset(x == phx ? bar ^ A_REVERSE : bar);
		mvaddch(y, TUI_NAMEW + x, (unsigned char)ch[x]);
		lvl = k != NULL && take[x] > 0 ? tui_wave_level(ov, k, rec[x],
		    rec[x] + (f1 - f0)) : 0;
		if (take[x] == 0 && clip[x] >= 0 &&
		    tr->clips[clip[x]].file[0] != '\0')
			lvl = tui_file_level(t, &tr->clips[clip[x]], f0, f1);
		/* The time selection underlines every lane. */
		attrset((x == phx ? wave ^ A_REVERSE : wave) | (x >= sx0 &&
		    x <= sx1 ? A_UNDERLINE : 0));
		mvaddstr(y + 1, TUI_NAMEW + x, t->g.wave[lvl]);
	}
	attrset(A_NORMAL);
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

/* The sections as [Name...] spans on the bar grid, and the markers as
 * *name where they fall. */
static void
tui_sections_row(struct tui *t, int y)
{
	struct project *p = t->s->p;
	int w = tui_arrange_width(), i, x0, x1, x, j;
	char line[1024];
	int64_t a, b;

	if (w >= (int)sizeof line)
		w = sizeof line - 1;
	memset(line, ' ', w);
	line[w] = '\0';
	for (i = 0; i < p->nsections; i++) {
		const struct section *sc = &p->sections[i];

		a = tempo_bar_to_frame(&p->tempo, p->rate, sc->bar, 1.0);
		b = tempo_bar_to_frame(&p->tempo, p->rate, sc->bar + sc->bars,
		    1.0);
		if (!tui_ruler_span(t, w, a, b, &x0, &x1))
			continue;
		for (x = x0; x <= x1; x++)
			line[x] = '-';
		if (a >= t->view0)
			line[x0] = '[';
		for (j = 0; sc->name[j] != '\0' && x0 + 1 + j < x1; j++)
			line[x0 + 1 + j] = sc->name[j];
		if ((b - t->view0) / t->fpc <= w)
			line[x1] = ']';
	}
	for (i = 0; i < p->nmarkers; i++) {
		x = (int)floor((p->markers[i].pos - t->view0) / t->fpc);
		if (x < 0 || x >= w)
			continue;
		line[x] = '*';
		/* The name where it hides no section's. */
		for (j = 0; p->markers[i].name[j] != '\0' && x + 1 + j < w &&
		    j < 8 && (line[x + 1 + j] == '-' ||
		    line[x + 1 + j] == ' '); j++)
			line[x + 1 + j] = p->markers[i].name[j];
	}
	tui_put(t, y, 0, TUI_NAMEW, TUI_E_DIM, " sections");
	tui_put(t, y, TUI_NAMEW, w, TUI_E_TITLE, "%s", line);
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
	int per = t->lanes ? 3 : 2;	/* rows a track takes */

	if (t->fpc <= 0)
		tui_arrange_zoom(t, "fit");
	phx = tui_arrange_playhead_col(t);
	t->phx = phx;
	tui_ruler(t, TUI_TOP);
	tui_sections_row(t, TUI_TOP + 1);
	y = TUI_TOP + 2;
	if (tui_sheet_shown(p))
		tui_prompter(t, y++);
	if (t->grid_view) {
		t->cy = y;
		t->cx = 1;
		tui_grid_draw(t, y, TUI_TOP + rows);
		return;
	}
	/* The open form takes the bottom rows: the selected track stays
	 * above it. */
	if (t->form != NULL)
		rows -= tui_form_rows(t);
	ntv = (TUI_TOP + rows - y) / per;
	if (ntv < 1)
		ntv = 1;
	if (t->sel >= 0 && t->sel < t->top)
		t->top = t->sel;
	if (t->sel >= t->top + ntv)
		t->top = t->sel - ntv + 1;
	if (t->top > p->ntracks - ntv)
		t->top = p->ntracks - ntv > 0 ? p->ntracks - ntv : 0;
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
	for (i = t->top; i < p->ntracks && i < t->top + ntv; i++, y += per) {
		struct track *tr = &p->tracks[i];

		tui_put(t, y, 0, TUI_NAMEW, i == t->sel ? TUI_E_SELECTED :
		    TUI_E_NORMAL, " %-*s", TUI_NAMEW - 2, tr->name);
		if (i == t->sel) {
			t->cy = y;
			t->cx = 1;
		}
		tui_track_flags(t, y + 1, tr);
		tui_lane(t, y, tr, phx);
		if (t->lanes)
			tui_auto_lane(t, y + 2, tr, phx);
	}
	tui_clear_rows(t, y, TUI_TOP + rows);
	if (t->form != NULL)
		tui_form_draw(t);
}
