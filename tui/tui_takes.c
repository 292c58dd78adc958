/* tui_takes.c - the takes screen: the selected track's takes as lanes over
 * a time ruler (bars|beats when the project has a tempo, else time), its
 * comp as highlighted ranges and a summary lane, an edit cursor and a
 * selection; and the front end's comping commands (cursor, mark, pick,
 * cycle).
 *
 * The cursor and the selection belong to the screen, not the project: a
 * pick turns them into a `comp` (or `take`) command line and runs it, so
 * a comp edit is checked, saved, applied to the take group and undoable
 * exactly as when typed.  On the grid everything is a bar|beat; the
 * command lines carry positions the parser reads back to the same frame.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "comp.h"
#include "session.h"
#include "tui_onsets.h"
#include "tui_priv.h"
#include "util.h"

#define TUI_TK_TOP 1			/* the header */
#define TUI_TK_RULER (TUI_TK_TOP + 2)
#define TUI_TK_SEL (TUI_TK_TOP + 3)
#define TUI_TK_COMP (TUI_TK_TOP + 4)
#define TUI_TK_LANES (TUI_TK_TOP + 5)	/* two rows per take */

static int
tui_takes_width(void)
{
	return COLS - TUI_NAMEW;
}

static bool
tui_takes_tempo(const struct tui *t)
{
	return t->s->p->tempo.n > 0;
}

static int64_t
tui_takes_beat_frame(const struct tui *t, int bar, int beat)
{
	const struct project *p = t->s->p;

	if (bar < 1)
		return 0;
	return tempo_bar_to_frame(&p->tempo, p->rate, bar, beat);
}

static void
tui_takes_beat_floor(const struct tui *t, int64_t f, int *bar, int *beat)
{
	tempo_beat_floor(&t->s->p->tempo, t->s->p->rate, f, bar, beat);
}

/* A step without a tempo: a round number of seconds that is at least
 * `cols` columns at the current zoom, so a key press always shows. */
static int64_t
tui_takes_step(const struct tui *t, int cols)
{
	static const double steps[] = { 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1,
	    2, 5, 10, 15, 30, 60, 120, 300, 600, 1800, 3600 };
	int rate = t->s->p->rate;
	size_t i;

	for (i = 0; i < sizeof steps / sizeof steps[0] - 1; i++)
		if (steps[i] * rate >= t->fpc * cols)
			break;
	return llround(steps[i] * rate);
}

/* Where the cursor goes from f: a beat (bar) on, or back, snapping to
 * the grid; by a round step without a tempo. */
static int64_t
tui_takes_move(const struct tui *t, int64_t f, int dir, bool big)
{
	const struct project *p = t->s->p;
	int64_t step;

	if (!tui_takes_tempo(t)) {
		step = tui_takes_step(t, big ? 8 : 1);
		if (dir > 0)
			f = (f / step + 1) * step;
		else
			f = f % step != 0 ? f / step * step : f - step;
		return f < 0 ? 0 : f;
	}
	return tempo_step(&p->tempo, p->rate, f, dir, big);
}

/* A position for a command line: bar|beat on the grid, else seconds to
 * the nanosecond (which the parser rounds back to the same frame). */
void
tui_takes_arg(const struct tui *t, int64_t f, char *buf, size_t size)
{
	const struct project *p = t->s->p;
	int64_t nano;
	size_t n;

	if (tui_takes_tempo(t)) {
		timefmt_format_bars(f, p->rate, &p->tempo, buf, size);
		if (strchr(buf, '.') == NULL)
			return;
	}
	nano = ((f % p->rate) * 2000000000LL + p->rate) / (2LL * p->rate);
	snprintf(buf, size, "%lld.%09lld", (long long)(f / p->rate),
	    (long long)nano);
	n = strlen(buf);
	while (buf[n - 1] == '0')
		buf[--n] = '\0';
	if (buf[n - 1] == '.')
		buf[n - 1] = '\0';
}

/* A position for people: bar|beat with a tempo, else m:ss.fff. */
static void
tui_takes_show(const struct tui *t, int64_t f, char *buf, size_t size)
{
	const struct project *p = t->s->p;

	if (tui_takes_tempo(t))
		timefmt_format_bars(f, p->rate, &p->tempo, buf, size);
	else
		timefmt_format(f, p->rate, buf, size);
}

static bool
tui_takes_selection(const struct tui *t, int64_t *start, int64_t *end)
{
	if (t->mark < 0)
		return false;
	*start = t->mark < t->cur ? t->mark : t->cur;
	*end = t->mark < t->cur ? t->cur : t->mark;
	return true;
}

bool
tui_takes_placeholder(struct tui *t, char c, char *buf, size_t size)
{
	int64_t start, end;

	if (!tui_takes_selection(t, &start, &end))
		start = end = t->cur;
	switch (c) {
	case 'c':
		tui_takes_arg(t, t->cur, buf, size);
		return true;
	case 's':
		tui_takes_arg(t, start, buf, size);
		return true;
	case 'e':
		tui_takes_arg(t, end, buf, size);
		return true;
	}
	return false;
}

/* Pages the view so that the cursor shows. */
static void
tui_takes_reveal(struct tui *t)
{
	int w = tui_takes_width();
	double x;

	if (t->fpc <= 0)
		tui_arrange_zoom(t, "fit");
	x = (t->cur - t->view0) / t->fpc;
	if (x < 0 || x >= w - 1) {
		t->view0 = t->cur - (int64_t)(w / 4 * t->fpc);
		if (t->view0 < 0)
			t->view0 = 0;
	}
}

/* zoom fit on the takes screen: the selected track's takes fill the
 * width (the arrangement's fit is the whole project, 30 s at least). */
void
tui_takes_fit(struct tui *t)
{
	struct project *p = t->s->p;
	int64_t end = 0;
	int i;

	if (t->sel >= 0)
		for (i = 0; i < p->tracks[t->sel].ntakes; i++)
			if (p->tracks[t->sel].takes[i].rec_end > end)
				end = p->tracks[t->sel].takes[i].rec_end;
	if (end < p->rate)
		end = p->rate;
	t->fpc = end * 1.03 / tui_takes_width();
	if (t->fpc < p->rate / 100.0)
		t->fpc = p->rate / 100.0;
	t->view0 = 0;
	t->phx = -2;
}

/* The message line says where the cursor is and what plays there; it is
 * not logged (a key held down would flood the log). */
static void
tui_takes_say_cursor(struct tui *t)
{
	struct project *p = t->s->p;
	char at[32], a[32], b[32], sel[96] = "";
	int64_t start, end;
	int k = 0;

	tui_takes_show(t, t->cur, at, sizeof at);
	if (t->sel >= 0)
		k = comp_take_at(&p->tracks[t->sel], t->cur);
	if (tui_takes_selection(t, &start, &end)) {
		tui_takes_show(t, start, a, sizeof a);
		tui_takes_show(t, end, b, sizeof b);
		snprintf(sel, sizeof sel, ", selection %s..%s", a, b);
	}
	if (k > 0)
		snprintf(t->msg, sizeof t->msg, "cursor %s, take %d plays%s",
		    at, k, sel);
	else
		snprintf(t->msg, sizeof t->msg, "cursor %s, no take plays%s",
		    at, sel);
	t->msg_logged = false;
	t->msg_elem = TUI_E_NORMAL;
	t->dirty |= TUI_D_MSG | TUI_D_BODY;
}

static struct track *
tui_takes_track(struct tui *t)
{
	struct track *tr;

	if (t->sel < 0) {
		session_fail(t->s, "there is no track yet (add one with 'n')");
		return NULL;
	}
	tr = &t->s->p->tracks[t->sel];
	if (tr->ntakes == 0) {
		session_fail(t->s, "%s has no takes", tr->name);
		return NULL;
	}
	return tr;
}

/* Runs a comp edit as a command line, keeping the name of the command
 * that asked for it for later errors. */
static int
tui_takes_run(struct tui *t, const char *line)
{
	const char *name = t->s->cmd_name;
	int rc = cmd_run(t->s, line);

	t->s->cmd_name = name;
	return rc;
}

static void
tui_takes_group_note(struct tui *t, const struct track *tr, char *buf,
    size_t size)
{
	if (tr->group[0] != '\0')
		snprintf(buf, size, " (group %s)", tr->group);
	else
		buf[0] = '\0';
}

static int
tui_takes_pick(struct tui *t, const char *v)
{
	struct session *s = t->s;
	struct track *tr = tui_takes_track(t);
	char line[256], a[64], b[64], ga[64];
	int64_t start, end;
	struct take *k;
	char *e;
	long n;

	if (tr == NULL)
		return -1;
	n = strtol(v, &e, 10);
	if (*e != '\0' || e == v || n < 1 ||
	    (k = project_take(tr, (int)n)) == NULL)
		return session_fail(s, "N: %s has no take '%s'", tr->name, v);
	tui_takes_group_note(t, tr, ga, sizeof ga);
	if (tui_takes_selection(t, &start, &end)) {
		if (start == end)
			return session_fail(s, "the selection is empty: move "
			    "the cursor to extend it");
		tui_takes_arg(t, start, a, sizeof a);
		tui_takes_arg(t, end, b, sizeof b);
		snprintf(line, sizeof line, "comp %s %d %s %s", tr->name,
		    k->id, a, b);
		if (tui_takes_run(t, line) != 0)
			return -1;
		/* comp fits the range to the take's audio (and says so). */
		tui_takes_show(t, start > k->rec_start ? start : k->rec_start,
		    a, sizeof a);
		tui_takes_show(t, end < k->rec_end ? end : k->rec_end, b,
		    sizeof b);
		session_msg(s, MSG_NOTE, "take %d over %s..%s%s%s", (int)n, a,
		    b, start < k->rec_start || end > k->rec_end ?
		    " (as far as it goes)" : "", ga);
	} else {
		snprintf(line, sizeof line, "take %s %d", tr->name, k->id);
		if (tui_takes_run(t, line) != 0)
			return -1;
		session_msg(s, MSG_NOTE, "take %d is the whole comp%s",
		    (int)n, ga);
	}
	t->sel_take = (int)n;
	return 0;
}

/* The next take (in take order, wrapping) that covers the cursor
 * replaces the one playing there, over the comp range under the cursor
 * (or the gap it is in), as far as the new take reaches. */
static int
tui_takes_cycle(struct tui *t)
{
	struct session *s = t->s;
	struct track *tr = tui_takes_track(t);
	char line[256], a[64], b[64], ga[64];
	int64_t pos = t->cur, r0 = 0, r1 = INT64_MAX;
	struct take *k = NULL;
	int cur, i, j, idx = -1;

	if (tr == NULL)
		return -1;
	cur = comp_take_at(tr, pos);
	/* The range the last cycle worked on, while the cursor is in it and
	 * it still holds what that cycle put there: the comp merges it with
	 * a neighbour of the same take, which is not to change with it. */
	if (t->cyc_track == t->sel + 1 && cur == t->cyc_take &&
	    pos >= t->cyc_start && pos < t->cyc_end) {
		r0 = t->cyc_start;
		r1 = t->cyc_end;
		i = tr->ncomp;
	} else
		i = 0;
	for (; i < tr->ncomp; i++) {
		const struct comp_range *c = &tr->comp[i];

		if (pos >= c->start && pos < c->end) {
			r0 = c->start;
			r1 = c->end;
			break;
		}
		if (c->end <= pos)
			r0 = c->end;
		else if (c->start > pos && r1 == INT64_MAX)
			r1 = c->start;
	}
	for (i = 0; i < tr->ntakes; i++)
		if (tr->takes[i].id == cur)
			idx = i;
	for (i = 1; i <= tr->ntakes; i++) {
		j = (idx + i) % tr->ntakes;
		if (tr->takes[j].id != cur &&
		    tr->takes[j].state != TAKE_RECORDING &&
		    pos >= tr->takes[j].rec_start &&
		    pos < tr->takes[j].rec_end) {
			k = &tr->takes[j];
			break;
		}
	}
	tui_takes_show(t, pos, a, sizeof a);
	if (k == NULL)
		return session_fail(s, "no other take of %s covers %s",
		    tr->name, a);
	t->cyc_track = t->sel + 1;
	t->cyc_start = r0;
	t->cyc_end = r1;
	t->cyc_take = k->id;
	if (r0 < k->rec_start)
		r0 = k->rec_start;
	if (r1 > k->rec_end)
		r1 = k->rec_end;
	tui_takes_arg(t, r0, a, sizeof a);
	tui_takes_arg(t, r1, b, sizeof b);
	snprintf(line, sizeof line, "comp %s %d %s %s", tr->name, k->id, a,
	    b);
	if (tui_takes_run(t, line) != 0) {
		t->cyc_track = 0;
		return -1;
	}
	tui_takes_show(t, r0, a, sizeof a);
	tui_takes_show(t, r1, b, sizeof b);
	tui_takes_group_note(t, tr, ga, sizeof ga);
	if (cur > 0)
		session_msg(s, MSG_NOTE, "take %d over %s..%s, was take %d%s",
		    k->id, a, b, cur, ga);
	else
		session_msg(s, MSG_NOTE, "take %d over %s..%s%s", k->id, a, b,
		    ga);
	t->sel_take = k->id;
	return 0;
}

static int
tui_takes_mark(struct tui *t, const struct cmd_args *a)
{
	struct session *s = t->s;
	const char *v = a->argc > 1 ? a->argv[1] : "";
	int64_t start, end;
	int bar, beat;
	char at[32];

	if (a->argc == 3) {
		if (cmd_parse_time(s, "START", a->argv[1], &start) != 0 ||
		    cmd_parse_time(s, "END", a->argv[2], &end) != 0)
			return -1;
		t->mark = start;
		t->cur = end;
	} else if (strcmp(v, "clear") == 0) {
		t->mark = -1;
		snprintf(t->msg, sizeof t->msg, "no selection");
		t->msg_logged = false;
		t->msg_elem = TUI_E_NORMAL;
		t->dirty |= TUI_D_MSG | TUI_D_BODY;
		return 0;
	} else if (strcmp(v, "bar") == 0) {
		if (!tui_takes_tempo(t))
			return session_fail(s, "bar needs a tempo (set one "
			    "with 'tempo BPM')");
		tui_takes_beat_floor(t, t->cur, &bar, &beat);
		t->mark = tui_takes_beat_frame(t, bar, 1);
		t->cur = tui_takes_beat_frame(t, bar + 1, 1);
	} else if (a->argc == 1) {
		t->mark = t->cur;
		tui_takes_show(t, t->cur, at, sizeof at);
		snprintf(t->msg, sizeof t->msg, "selection from %s: move the "
		    "cursor to extend it", at);
		t->msg_logged = false;
		t->msg_elem = TUI_E_NORMAL;
		t->dirty |= TUI_D_MSG | TUI_D_BODY;
		return 0;
	} else
		return session_fail(s, "expected clear, bar or START END, "
		    "got '%s'", v);
	tui_takes_reveal(t);
	tui_takes_say_cursor(t);
	return 0;
}

static int
tui_takes_cursor(struct tui *t, const char *v)
{
	struct session *s = t->s;
	struct project *p = s->p;
	int64_t f = t->cur;
	int i;

	if (strcmp(v, "left") == 0 || strcmp(v, "right") == 0)
		f = tui_takes_move(t, f, v[0] == 'r' ? 1 : -1, false);
	else if (strcmp(v, "bar-left") == 0 || strcmp(v, "bar-right") == 0)
		f = tui_takes_move(t, f, v[4] == 'r' ? 1 : -1, true);
	else if (strcmp(v, "start") == 0)
		f = 0;
	else if (strcmp(v, "end") == 0) {
		/* The end of the track's takes, else of the project. */
		f = 0;
		if (t->sel >= 0)
			for (i = 0; i < p->tracks[t->sel].ntakes; i++)
				if (p->tracks[t->sel].takes[i].rec_end > f)
					f = p->tracks[t->sel].takes[i].rec_end;
		if (f == 0)
			f = project_length(p);
	} else if (strcmp(v, "playhead") == 0)
		f = s->pos;
	else if (cmd_parse_time(s, "WHERE", v, &f) != 0)
		return -1;
	t->cur = f;
	tui_takes_reveal(t);
	tui_takes_say_cursor(t);
	return 0;
}

int
tui_takes_command(struct tui *t, const struct cmd_args *a)
{
	const char *cmd = a->argv[0], *v = a->argc > 1 ? a->argv[1] : "";

	t->dirty |= TUI_D_BODY;
	if (strcmp(cmd, "cursor") == 0)
		return tui_takes_cursor(t, v);
	if (strcmp(cmd, "mark") == 0)
		return tui_takes_mark(t, a);
	if (strcmp(cmd, "pick") == 0)
		return tui_takes_pick(t, v);
	return tui_takes_cycle(t);
}

/* "vox comp: take 1 1|1..5|1, take 2 5|1..9|1" (heap), NULL without a
 * track: what the message line says when a command changed the comp. */
char *
tui_takes_comp_text(struct tui *t)
{
	struct track *tr;
	char a[32], b[32], *out;
	size_t len, cap = 256;
	int i;

	if (t->sel < 0 || t->sel >= t->s->p->ntracks)
		return NULL;
	tr = &t->s->p->tracks[t->sel];
	out = xmalloc(cap);
	len = snprintf(out, cap, "%s comp:", tr->name);
	for (i = 0; i < tr->ncomp; i++) {
		tui_takes_show(t, tr->comp[i].start, a, sizeof a);
		tui_takes_show(t, tr->comp[i].end, b, sizeof b);
		if (len + 96 > cap) {
			cap *= 2;
			out = xrealloc(out, cap);
		}
		len += snprintf(out + len, cap - len, "%s take %d %s..%s",
		    i ? "," : "", tr->comp[i].take, a, b);
	}
	if (tr->ncomp == 0)
		snprintf(out + len, cap - len, " empty");
	return out;
}

/* ---- drawing ---- */

static void
tui_takes_clear(int y0, int y1)
{
	int y;

	for (y = y0; y < y1; y++) {
		move(y, 0);
		clrtoeol();
	}
}

static int
tui_takes_col(const struct tui *t, int64_t f)
{
	double x = (f - t->view0) / t->fpc;

	return x < 0 || x >= tui_takes_width() ? -1 : (int)x;
}

/* The frame a column stands for: its middle, so that a column shows the
 * take that plays over most of it. */
static int64_t
tui_takes_mid(const struct tui *t, int x)
{
	return t->view0 + (int64_t)((x + 0.5) * t->fpc);
}

/* The selection as [----], the cursor as ^ below the ruler. */
static void
tui_takes_selrow(struct tui *t, int y, int cx)
{
	int w = tui_takes_width(), x, first = -1, last = -1;
	int64_t start = 0, end = 0, f0, f1;
	bool sel = tui_takes_selection(t, &start, &end);

	tui_put(t, y, 0, TUI_NAMEW, TUI_E_DIM, " %s", sel ? "selection" :
	    "cursor");
	for (x = 0; sel && x < w; x++) {
		f0 = t->view0 + (int64_t)(x * t->fpc);
		f1 = t->view0 + (int64_t)((x + 1) * t->fpc);
		if (f1 > start && f0 < end) {
			if (first < 0)
				first = x;
			last = x;
		}
	}
	for (x = 0; x < w; x++) {
		const char *c = " ";

		if (x == cx)
			c = t->ascii ? "^" : "\xe2\x96\xb2";
		else if (x == first && start >= t->view0)
			c = "[";
		else if (x == last && x < w - 1)
			c = "]";
		else if (x >= first && x <= last && first >= 0)
			c = "-";
		attrset(x == cx ? t->attr[TUI_E_ARMED] : x >= first &&
		    x <= last && first >= 0 ? t->attr[TUI_E_SELECTED] :
		    A_NORMAL);
		mvaddstr(y, TUI_NAMEW + x, c);
	}
	attrset(A_NORMAL);
}

/* The comp: each range as its take number then '=', reverse video. */
static void
tui_takes_comprow(struct tui *t, int y, struct track *tr, int cx)
{
	int w = tui_takes_width(), x, take[1024];
	char ch[1024];
	attr_t at;

	if (w > (int)sizeof ch)
		w = sizeof ch;
	tui_put(t, y, 0, TUI_NAMEW, TUI_E_NORMAL, " comp");
	tui_comp_cells(t, tr, w, take, ch, '=');
	tui_onsets_cells(t, tr, w, ch, '=');
	for (x = 0; x < w; x++) {
		if (take[x] == 0) {
			attrset(x == cx ? A_REVERSE : A_NORMAL);
			mvaddstr(y, TUI_NAMEW + x, x == cx ? t->g.cursor : " ");
			continue;
		}
		at = t->attr[TUI_E_CLIP];
		attrset(x == cx ? at ^ A_REVERSE : at);
		mvaddch(y, TUI_NAMEW + x, (unsigned char)ch[x]);
	}
	attrset(A_NORMAL);
}

/* A take's two rows: its extent ('=' where it is in the comp, in
 * reverse video; '-' where it is not, dim) and its waveform below. */
static void
tui_takes_lane(struct tui *t, int y, struct track *tr, struct take *k,
    int cx)
{
	struct session *s = t->s;
	int w = tui_takes_width(), x, lvl;
	bool rec = k->state == TAKE_RECORDING &&
	    s->state == TRANSPORT_RECORDING;
	int64_t end = rec ? transport_position(s) : k->rec_end, f0, f1, mid;
	const struct overview *ov = NULL;
	char label[128];
	const char *lp;
	attr_t bar, wave;
	float pk, db;

	if (k->state != TAKE_RECORDING) {
		char *path = project_path(s->p, k->file);

		ov = overview_get(&t->ov, path, k->length);
		free(path);
	}
	snprintf(label, sizeof label, rec ? "REC %d%s%s" : "%d%s%s", k->id,
	    k->note != NULL ? " " : "", k->note != NULL ? k->note : "");
	lp = label;
	for (x = 0; x < w; x++) {
		bool in, comped;
		char c[8];

		f0 = t->view0 + (int64_t)(x * t->fpc);
		f1 = t->view0 + (int64_t)((x + 1) * t->fpc);
		mid = tui_takes_mid(t, x);
		/* By the column's middle, as the comp lane goes, and the
		 * first column always, so that a short take shows. */
		in = (mid >= k->rec_start && mid < end) ||
		    (f0 <= k->rec_start && f1 > k->rec_start);
		if (!in) {
			attrset(A_NORMAL);
			mvaddstr(y, TUI_NAMEW + x, x == cx ? t->g.cursor :
			    " ");
			mvaddstr(y + 1, TUI_NAMEW + x, x == cx ?
			    t->g.cursor : " ");
			continue;
		}
		comped = !rec && comp_take_at(tr, mid) == k->id;
		bar = t->attr[rec ? TUI_E_REC : comped ? TUI_E_CLIP :
		    TUI_E_DIM];
		wave = t->color || !comped ? bar : A_NORMAL;
		attrset(x == cx ? bar ^ A_REVERSE : bar);
		if (tui_text_char(&lp, c))
			mvaddstr(y, TUI_NAMEW + x, c);
		else
			mvaddch(y, TUI_NAMEW + x, comped ? '=' : '-');
		lvl = 0;
		if (ov != NULL) {
			int64_t from = (f0 > k->rec_start ? f0 :
			    k->rec_start) - k->start;
			int64_t to = (f1 < end ? f1 : end) - k->start;

			pk = overview_peak(ov, from, to);
			db = pk > 0 ? 20 * log10f(pk) : -200;
			lvl = db <= -48 ? 0 : (int)((db + 48) / 48 * 8) + 1;
			if (lvl > 8)
				lvl = 8;
		}
		attrset(x == cx ? wave ^ A_REVERSE : wave);
		mvaddstr(y + 1, TUI_NAMEW + x, t->g.wave[lvl]);
	}
	attrset(A_NORMAL);
}

/* A rating as five cells: filled stars then empty ones (0 to 5 all
 * differ, in ASCII too). */
static void
tui_takes_stars(const struct tui *t, int rating, char *buf, size_t size)
{
	size_t len = 0;
	int i;

	buf[0] = '\0';
	for (i = 0; i < 5 && len + 4 < size; i++)
		len += snprintf(buf + len, size - len, "%s", i < rating ?
		    (t->ascii ? "*" : "\xe2\x98\x85") :
		    (t->ascii ? "." : "\xe2\x98\x86"));
}

/* The header: the track, the cursor and selection in words (what a
 * screen reader reads first) and the take group edits apply to; below,
 * the selected take: its range, rating and note. */
static void
tui_takes_header(struct tui *t, struct track *tr)
{
	struct project *p = t->s->p;
	char at[32], a[32], b[32], sel[96], members[256], head[512];
	char stars[32], line[1024];
	const char *np;
	int64_t start, end;
	size_t len = 0;
	struct take *k;
	int i, x;

	tui_takes_show(t, t->cur, at, sizeof at);
	if (tui_takes_selection(t, &start, &end)) {
		tui_takes_show(t, start, a, sizeof a);
		tui_takes_show(t, end, b, sizeof b);
		snprintf(sel, sizeof sel, "selection %s..%s", a, b);
	} else
		snprintf(sel, sizeof sel, "no selection");
	x = snprintf(head, sizeof head, " takes of %s: %d   cursor %s   %s",
	    tr->name, tr->ntakes, at, sel);
	tui_put(t, TUI_TK_TOP, 0, COLS, TUI_E_NORMAL, "%s", head);
	if (tr->group[0] != '\0' && x + 4 < COLS) {
		members[0] = '\0';
		for (i = 0; i < p->ntracks && len + 2 < sizeof members; i++)
			if (strcmp(p->tracks[i].group, tr->group) == 0)
				len += snprintf(members + len,
				    sizeof members - len, "%s%s", len ? "," :
				    "", p->tracks[i].name);
		tui_put(t, TUI_TK_TOP, x + 2, COLS - x - 2, TUI_E_METER_MID,
		    " group %s (%s) follows ", tr->group, members);
	}
	k = project_take(tr, t->sel_take);
	if (k == NULL) {
		tui_put(t, TUI_TK_TOP + 1, 0, COLS, TUI_E_DIM, " comp: "
		    "mark a range, pick a take for it; ? lists the keys");
		return;
	}
	timefmt_format(k->rec_start, p->rate, a, sizeof a);
	timefmt_format(k->rec_end, p->rate, b, sizeof b);
	tui_takes_stars(t, k->rating, stars, sizeof stars);
	len = snprintf(line, sizeof line, " take %d  %s..%s  %s %d of 5  ",
	    k->id, a, b, stars, k->rating);
	/* The note, made safe for the terminal. */
	if (k->note != NULL) {
		char c[8];

		len += snprintf(line + len, sizeof line - len, "note: ");
		for (np = k->note; len + 8 < sizeof line &&
		    tui_text_char(&np, c);)
			len += snprintf(line + len, sizeof line - len, "%s", c);
	} else
		snprintf(line + len, sizeof line - len, "no note");
	tui_put(t, TUI_TK_TOP + 1, 0, COLS, TUI_E_DIM, "%s", line);
}

void
tui_takes_draw(struct tui *t)
{
	struct project *p = t->s->p;
	struct track *tr;
	int rows = tui_body_rows(), ntv, i, y, cx, first = 0;
	char len[32], stars[32];

	if (t->fpc <= 0)
		tui_arrange_zoom(t, "fit");
	t->phx = tui_takes_col(t, transport_position(t->s));
	t->cy = TUI_TK_TOP;
	t->cx = 1;
	if (t->sel < 0) {
		tui_put(t, TUI_TK_TOP, 0, COLS, TUI_E_NORMAL, " no tracks "
		    "yet: n adds one");
		tui_takes_clear(TUI_TK_TOP + 1, TUI_TK_TOP + rows);
		return;
	}
	tr = &p->tracks[t->sel];
	tui_takes_header(t, tr);
	tui_ruler(t, TUI_TK_RULER);
	cx = tui_takes_col(t, t->cur);
	tui_takes_selrow(t, TUI_TK_SEL, cx);
	tui_takes_comprow(t, TUI_TK_COMP, tr, cx);
	y = TUI_TK_LANES;
	if (tui_sheet_shown(p))
		tui_prompter(t, y++);
	if (tr->ntakes == 0) {
		tui_put(t, y, 0, COLS, TUI_E_NORMAL, "  no takes yet: arm "
		    "the track (a) and record (r)");
		t->cy = y;
		t->cx = 2;
		tui_takes_clear(y + 1, TUI_TK_TOP + rows);
		return;
	}
	ntv = (TUI_TK_TOP + rows - y) / 2;
	if (ntv < 1)
		ntv = 1;
	for (i = 0; i < tr->ntakes; i++)
		if (tr->takes[i].id == t->sel_take)
			first = i;
	first = first >= ntv ? first - ntv + 1 : 0;
	for (i = first; i < tr->ntakes && i < first + ntv; i++, y += 2) {
		struct take *k = &tr->takes[i];
		bool sel = k->id == t->sel_take;

		tui_put(t, y, 0, TUI_NAMEW, sel ? TUI_E_SELECTED :
		    TUI_E_NORMAL, "%c take %-*d", k->id == tr->active ? '*' :
		    ' ', TUI_NAMEW - 8, k->id);
		/* Whole seconds here; the header has the take to the ms. */
		timefmt_format(k->rec_end - k->rec_start, p->rate, len,
		    sizeof len);
		len[strcspn(len, ".")] = '\0';
		tui_takes_stars(t, k->rating, stars, sizeof stars);
		tui_put(t, y + 1, 0, TUI_NAMEW, TUI_E_DIM, "  %-5s %s", len,
		    stars);
		tui_takes_lane(t, y, tr, k, cx);
		/* The focus: the cursor in the selected lane. */
		if (sel) {
			t->cy = y;
			t->cx = cx >= 0 ? TUI_NAMEW + cx : 0;
		}
	}
	tui_takes_clear(y, TUI_TK_TOP + rows);
}
