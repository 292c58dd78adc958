/* tui_pitch.c - the pitch view: the detected pitch of one track over a
 * stretch of time, drawn against the lines of a scale (braille dots, two
 * per column and four per row; '*', '^' and 'v' in ASCII), opened over
 * the Arrangement or Takes screen by pitch-view.  The pitch is detected
 * once when the view opens (cmd_pitch_detect); drawing only maps it. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "dsp_pitch.h"
#include "edit_tune.h"
#include "scale.h"
#include "session.h"
#include "tui_priv.h"

#define PITCH_LW 5		/* the note names' column */

struct tui_pitch {
	int track;		/* index */
	int64_t start, n;	/* frames shown */
	struct dsp_pitch_frame *fr;
	int nf;
	unsigned mask;		/* the scale's pitch classes, C = bit 0 */
	char what[96];		/* "A minor", "chromatic" */
};

void
tui_pitch_close(struct tui *t)
{
	if (t->pitch == NULL)
		return;
	free(t->pitch->fr);
	free(t->pitch);
	t->pitch = NULL;
	t->dirty |= TUI_D_ALL;
}

/* The scale of key= and scale= (or of the track's tune, or chromatic). */
static int
tui_pitch_scale(struct tui *t, const struct cmd_args *a,
    const struct track *tr, int64_t at, struct tui_pitch *v)
{
	struct session *s = t->s;
	const struct edit_op *op;
	struct dsp_tune_params par;
	struct edit_params ep;
	const char *key = cmd_key(a, "key"), *sc = cmd_key(a, "scale");
	int i;

	memset(&ep, 0, sizeof ep);
	if (key == NULL && sc == NULL) {
		/* The scale the clip there was tuned to. */
		for (i = 0; tr->clipped && i < tr->nclips; i++) {
			const struct clip *c = &tr->clips[i];

			if (at >= c->pos && at < c->pos + c->len &&
			    strncmp(c->op, "tune ", 5) == 0 &&
			    edit_op_parse(s, c->op, &op, &ep) == 0 &&
			    edit_params_get(&ep, "key") != NULL) {
				key = edit_params_get(&ep, "key");
				sc = edit_params_get(&ep, "scale");
				break;
			}
		}
	}
	if (key == NULL && sc == NULL)
		sc = "chromatic";
	if (key != NULL)
		edit_params_set(&ep, "key", key);
	if (sc != NULL)
		edit_params_set(&ep, "scale", sc);
	if (edit_tune_target(s, &ep, &par) != 0)
		return -1;
	v->mask = par.mask;
	snprintf(v->what, sizeof v->what, "%s%s%s", key ? key : "",
	    key ? " " : "", sc ? sc : "major");
	return 0;
}

int
tui_pitch_command(struct tui *t, const struct cmd_args *a)
{
	struct session *s = t->s;
	struct project *p = s->p;
	struct tui_pitch *v;
	struct track *tr;
	int64_t start, end;
	int i;

	if (t->pitch != NULL && a->argc == 1 && a->nkv == 0) {
		tui_pitch_close(t);
		return 0;
	}
	if (t->screen != TUI_ARRANGE && t->screen != TUI_TAKES)
		return session_fail(s, "the pitch view opens over the "
		    "Arrangement or Takes screen");
	if (a->argc > 1) {
		if ((tr = cmd_track(s, a->argv[1])) == NULL)
			return -1;
	} else if (t->sel >= 0 && t->sel < p->ntracks)
		tr = &p->tracks[t->sel];
	else
		return session_fail(s, "no track selected");
	if (a->argc == 3)
		return session_fail(s, "END: expected START and END, or "
		    "neither");
	if (a->argc == 4) {
		if (cmd_parse_time(s, "START", a->argv[2], &start) != 0 ||
		    cmd_parse_time(s, "END", a->argv[3], &end) != 0)
			return -1;
	} else if (t->screen == TUI_TAKES && t->mark >= 0) {
		start = t->mark < t->cur ? t->mark : t->cur;
		end = t->mark < t->cur ? t->cur : t->mark;
	} else if (t->screen == TUI_ARRANGE && t->fpc > 0) {
		start = t->view0 > 0 ? t->view0 : 0;
		end = t->view0 + (int64_t)(t->fpc * (COLS - TUI_NAMEW));
	} else {
		start = 0;
		end = 0;
		for (i = 0; tr->clipped && i < tr->nclips; i++)
			if (tr->clips[i].pos + tr->clips[i].len > end)
				end = tr->clips[i].pos + tr->clips[i].len;
		for (i = 0; !tr->clipped && i < tr->ncomp; i++)
			if (tr->comp[i].end > end)
				end = tr->comp[i].end;
	}
	if (end <= start)
		return session_fail(s, "END: expected a time after START");
	v = calloc(1, sizeof *v);
	if (v == NULL)
		return session_fail(s, "out of memory");
	if (tui_pitch_scale(t, a, tr, start, v) != 0) {
		free(v);
		return -1;
	}
	v->track = (int)(tr - p->tracks);
	v->start = start;
	v->n = end - start;
	if ((v->nf = cmd_pitch_detect(s, tr, start, v->n, &v->fr)) < 0) {
		free(v);
		return -1;
	}
	tui_pitch_close(t);
	t->pitch = v;
	t->dirty |= TUI_D_ALL;
	return 0;
}

/* The median MIDI pitch of the voiced frames in [a, b), or -1 when
 * fewer than half are voiced. */
static double
tui_pitch_at(const struct tui_pitch *v, int64_t a, int64_t b)
{
	double m[64];
	int64_t k, step;
	int n = 0, tot = 0, i, j;

	if (a < 0)
		a = 0;
	if (b > v->nf)
		b = v->nf;
	if (b <= a)
		return -1;
	step = (b - a + 63) / 64;
	for (k = a; k < b; k += step) {
		tot++;
		if (v->fr[k].voiced)
			m[n++] = dsp_pitch_midi(v->fr[k].hz);
	}
	if (n * 2 < tot || n == 0)
		return -1;
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && m[j - 1] > m[j]; j--) {
			double x = m[j];

			m[j] = m[j - 1];
			m[j - 1] = x;
		}
	return m[n / 2];
}

void
tui_pitch_draw(struct tui *t)
{
	struct tui_pitch *v = t->pitch;
	struct session *s = t->s;
	int y0 = 1, rows = tui_body_rows() - 2, w = COLS - PITCH_LW, x, y, i;
	int dots = t->ascii ? 1 : 2, sub = t->ascii ? 1 : 4;
	double lo = 1e9, hi = -1e9, top, span, *col;
	char a0[64], a1[64], name[16];
	unsigned char *cell;
	int *line;

	for (y = y0; y < y0 + rows + 2; y++) {
		move(y, 0);
		clrtoeol();
	}
	if (v->track >= s->p->ntracks || w < 10 || rows < 4) {
		tui_pitch_close(t);
		return;
	}
	cmd_text_time(s, v->start, a0, sizeof a0);
	cmd_text_time(s, v->start + v->n, a1, sizeof a1);
	tui_put(t, y0, 0, COLS, TUI_E_TITLE, " Pitch of %s, %s to %s, against "
	    "%s (I closes)", s->p->tracks[v->track].name, a0, a1, v->what);
	y0++;
	col = calloc((size_t)w * dots, sizeof *col);
	cell = calloc((size_t)w * rows, 1);
	line = calloc((size_t)rows, sizeof *line);
	if (col == NULL || cell == NULL || line == NULL) {
		free(col);
		free(cell);
		free(line);
		return;
	}
	for (x = 0; x < w * dots; x++) {
		int64_t a = (int64_t)((double)x * v->nf / (w * dots));
		int64_t b = (int64_t)((double)(x + 1) * v->nf / (w * dots));

		col[x] = tui_pitch_at(v, a, b > a ? b : a + 1);
		if (col[x] >= 0) {
			lo = fmin(lo, col[x]);
			hi = fmax(hi, col[x]);
		}
	}
	if (hi < lo) {
		lo = 57;	/* nothing voiced: A3 to A4 */
		hi = 69;
	}
	/* At least an octave, a semitone of room above and below. */
	span = hi - lo + 2;
	if (span < 13)
		span = 13;
	/* A whole number of rows per semitone, or of semitones per row. */
	if (floor(rows / span) >= 1)
		span = rows / floor(rows / span);
	else
		span = ceil(span / rows) * rows;
	top = floor((hi + lo) / 2 + span / 2) + 0.5;
	/* The scale's notes as lines (the first note that falls in a row
	 * keeps it). */
	for (y = 0; y < rows; y++)
		line[y] = -1;
	for (i = (int)ceil(top - span); i <= (int)floor(top); i++) {
		y = (int)((top - i) / span * rows);
		if (y >= 0 && y < rows && line[y] < 0 &&
		    (v->mask >> (i % 12) & 1))
			line[y] = i;
	}
	for (y = 0; y < rows; y++) {
		if (line[y] < 0)
			continue;
		scale_note_name(line[y], name, sizeof name);
		tui_put(t, y0 + y, 0, PITCH_LW, TUI_E_DIM, "%-4s", name);
		attron(t->attr[TUI_E_DIM]);
		for (x = 0; x < w; x++)
			mvaddstr(y0 + y, PITCH_LW + x, t->ascii ? "-" :
			    "\xe2\x94\x80");
		attroff(t->attr[TUI_E_DIM]);
	}
	/* The pitch: braille dots (bits per sub-row, left then right
	 * column), or one mark per cell. */
	for (x = 0; x < w * dots; x++) {
		double d;
		int yy, r;

		if (col[x] < 0)
			continue;
		d = (top - col[x]) / span * rows * sub;
		yy = (int)floor(d);
		if (yy < 0 || yy >= rows * sub)
			continue;
		r = yy % sub;
		y = yy / sub;
		if (t->ascii) {
			/* Against the row's note: on it, sharp or flat. */
			double off = line[y] >= 0 ? col[x] - line[y] :
			    col[x] - round(col[x]);

			cell[y * w + x] = off > 0.25 ? '^' : off < -0.25 ?
			    'v' : '*';
		} else {
			static const unsigned char bit[2][4] = {
				{ 0x01, 0x02, 0x04, 0x40 },
				{ 0x08, 0x10, 0x20, 0x80 }
			};

			cell[y * w + x / 2] |= bit[x % 2][r];
		}
	}
	attron(A_BOLD);
	for (y = 0; y < rows; y++)
		for (x = 0; x < w; x++) {
			unsigned char c = cell[y * w + x];
			char u[4];

			if (c == 0)
				continue;
			if (t->ascii) {
				u[0] = (char)c;
				u[1] = '\0';
			} else {
				/* U+2800 + c in UTF-8. */
				u[0] = (char)0xe2;
				u[1] = (char)(0xa0 | (c >> 6));
				u[2] = (char)(0x80 | (c & 0x3f));
				u[3] = '\0';
			}
			mvaddstr(y0 + y, PITCH_LW + x, u);
		}
	attroff(A_BOLD);
	tui_put(t, y0 + rows, PITCH_LW, w / 2, TUI_E_DIM, "%s", a0);
	tui_put(t, y0 + rows, PITCH_LW + w / 2, w / 2, TUI_E_DIM, "%*s",
	    w / 2, a1);
	free(col);
	free(cell);
	free(line);
}
