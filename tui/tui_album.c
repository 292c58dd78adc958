/* tui_album.c - the Album screen: the album's songs as a table (number,
 * title, length, integrated loudness, LRA, true peak, gain, gap, side),
 * the selected song's metadata, and a line with the album's total length
 * and the loudness spread after gain, and below the table the disc as
 * delivery lays it out (a timeline of the tracks, pauses and index points
 * against 79:57) and the vinyl sides against the format's limit
 * (album-layout's plan, album_layout.c).  The rows are album-list's
 * (cmd_album_row); every change is a bound command naming the selected
 * song as %a. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "album.h"
#include "album_layout.h"
#include "cmd.h"
#include "session.h"
#include "tui_priv.h"
#include "util.h"

/* The table's fixed columns after the title: see cmd_album_row. */
#define ALBUM_FIXED 49

static void
tui_album_clamp(struct tui *t)
{
	const struct album *a = t->s->album;
	int n = a != NULL ? a->nsongs : 0;

	if (t->asel >= n)
		t->asel = n - 1;
	if (t->asel < 0)
		t->asel = 0;
}

/* The selected song's details: performer, writers, ISRC, crossfade and
 * index points, in one line. */
static void
tui_album_details(const struct album *a, int i, char *buf, size_t len)
{
	const struct album_song *so = &a->songs[i];
	size_t n;
	int j;

	n = (size_t)snprintf(buf, len, "%d: %s", i + 1, so->project);
	if (so->performer[0] && n < len)
		n += (size_t)snprintf(buf + n, len - n, "  performer %s",
		    so->performer);
	if (so->songwriter[0] && n < len)
		n += (size_t)snprintf(buf + n, len - n, "  songwriter %s",
		    so->songwriter);
	if (so->composer[0] && n < len)
		n += (size_t)snprintf(buf + n, len - n, "  composer %s",
		    so->composer);
	if (so->isrc[0] && n < len)
		n += (size_t)snprintf(buf + n, len - n, "  ISRC %s", so->isrc);
	if (so->crossfade_ms > 0 && n < len)
		n += (size_t)snprintf(buf + n, len - n, "  crossfade %d ms",
		    so->crossfade_ms);
	for (j = 0; j < so->nindex && n < len; j++)
		n += (size_t)snprintf(buf + n, len - n, "%s%g", j ?
		    " " : "  index at ", so->index_s[j]);
}

/* The layout last drawn, planned again only when what it depends on
 * changes (album_layout_key), not every frame. */
static struct {
	bool have;
	uint64_t key;
	struct album_layout l;
} tui_album_plan;

static const struct album_layout *
tui_album_layout(const struct session *s)
{
	const struct deliver_vinyl_format *fmt =
	    album_layout_format(s->album_vinyl);
	uint64_t key = album_layout_key(s->album, fmt);

	if (!tui_album_plan.have || tui_album_plan.key != key) {
		if (tui_album_plan.have)
			album_layout_free(&tui_album_plan.l);
		album_layout_make(s->album, fmt, &tui_album_plan.l);
		tui_album_plan.key = key;
		tui_album_plan.have = true;
	}
	return &tui_album_plan.l;
}

/* How many rows the layout takes under the table. */
static int
tui_album_layout_rows(const struct album *a, const struct album_layout *l)
{
	if (a->nsongs == 0)
		return 0;
	if (l->unmeasured > 0 || !l->disc_ok)
		return 1;
	return 2 + (l->vinyl_ok ? l->vinyl.nsides : 1);
}

/* The timeline from y: the bar, the CD's total, a row per side. */
static void
tui_album_layout_draw(struct tui *t, const struct album_layout *l, int y)
{
	const struct album *a = t->s->album;
	char cells[512], line[256];
	int track[512], w = COLS - 3, c, c0, k;
	enum tui_elem e, run;
	bool over;

	if (l->unmeasured > 0 || !l->disc_ok) {
		tui_put(t, y, 1, COLS - 1, TUI_E_DIM, "%s", l->unmeasured > 0 ?
		    "measure (m) to draw the disc and the vinyl sides" :
		    "the disc could not be planned: album-layout says why");
		return;
	}
	if (w > (int)sizeof cells - 1)
		w = (int)sizeof cells - 1;
	if (w < 8)
		return;
	album_layout_bar(l, w, cells, track);
	tui_put(t, y, 0, 2, TUI_E_DIM, " [");
	/* Runs of one look: tracks alternate, pauses dim, marks stand
	 * out; the characters alone tell them apart without colour. */
	for (c0 = 0, c = 0, run = TUI_E_NORMAL; c <= w; c++) {
		if (c < w) {
			if (cells[c] == '.')
				e = TUI_E_DIM;
			else if (cells[c] == '!')
				e = TUI_E_ERROR;
			else if (cells[c] == ' ' || track[c] < 0)
				e = TUI_E_NORMAL;
			else
				e = track[c] % 2 ? TUI_E_METER_MID :
				    TUI_E_METER_LO;
		} else
			e = TUI_NELEMS;
		if (c > c0 && e != run) {
			tui_put(t, y, 2 + c0, c - c0, run, "%.*s", c - c0,
			    cells + c0);
			c0 = c;
		}
		if (c == c0)
			run = e;
	}
	over = album_layout_cd_line(l, line, sizeof line);
	/* Too long: the bar ends in '!' too, whatever its last cell is. */
	tui_put(t, y, 2 + w, 1, over ? TUI_E_ERROR : TUI_E_DIM, "%s",
	    over ? "!" : "]");
	tui_put(t, y + 1, 0, COLS, over ? TUI_E_ERROR : TUI_E_NORMAL, " %s%s",
	    line, over || (int)strlen(line) + 30 > COLS ? "" :
	    "   = track . pause ^ index");
	if (!l->vinyl_ok) {
		tui_put(t, y + 2, 1, COLS - 1, TUI_E_DIM, "vinyl %s: not "
		    "planned (album-layout says why)", l->fmt->name);
		return;
	}
	for (k = 0; k < l->vinyl.nsides; k++) {
		over = album_layout_side_line(a, l, k, line, sizeof line);
		tui_put(t, y + 2 + k, 0, COLS, over ? TUI_E_ERROR :
		    TUI_E_NORMAL, " %s", line);
	}
}

void
tui_album_draw(struct tui *t)
{
	const struct album_layout *l;
	int lrows;
	const struct album *a = t->s->album;
	int y0 = 1, y1 = 1 + tui_body_rows(), rows, y, i;
	int titlew = COLS - ALBUM_FIXED;
	char line[1024];

	for (y = y0; y < y1; y++)
		tui_put(t, y, 0, COLS, TUI_E_NORMAL, "%s", "");
	if (a == NULL) {
		tui_put(t, y0 + 1, 1, COLS - 1, TUI_E_NORMAL, "No album is "
		    "open.  ': album DIR' opens or creates one (album.ini);");
		tui_put(t, y0 + 2, 1, COLS - 1, TUI_E_NORMAL, "reel --album "
		    "DIR starts with one.");
		return;
	}
	if (titlew < 8)
		titlew = 8;
	tui_album_clamp(t);
	tui_put(t, y0, 0, COLS, TUI_E_TITLE, " Album %s%s%s  %d Hz%s",
	    a->title[0] ? a->title : "", a->title[0] ? "  " : "", a->dir,
	    a->rate, t->s->album_readonly ? "  (read-only)" : "");
	cmd_album_header(line, sizeof line, titlew);
	tui_put(t, y0 + 1, 0, COLS, TUI_E_DIM, "%s", line);
	/* Rows: the table, the layout, then a blank, the details and the
	 * summary; the layout gives way on a short screen. */
	l = tui_album_layout(t->s);
	lrows = tui_album_layout_rows(a, l);
	rows = y1 - (y0 + 2) - 3 - lrows;
	if (rows < 2) {
		rows += lrows;
		lrows = 0;
	}
	if (t->asel < t->atop)
		t->atop = t->asel;
	if (t->asel >= t->atop + rows)
		t->atop = t->asel - rows + 1;
	if (t->atop < 0)
		t->atop = 0;
	if (a->nsongs == 0)
		tui_put(t, y0 + 2, 1, COLS - 1, TUI_E_DIM, "no songs yet: "
		    "': album-add PROJECT' adds one");
	for (i = t->atop, y = y0 + 2; i < a->nsongs && y < y0 + 2 + rows;
	    i++, y++) {
		cmd_album_row(a, i, line, sizeof line, titlew);
		tui_put(t, y, 0, COLS, i == t->asel ? TUI_E_SELECTED :
		    TUI_E_NORMAL, "%s", line);
	}
	if (lrows > 0)
		tui_album_layout_draw(t, l, y1 - 2 - lrows);
	if (a->nsongs > 0) {
		tui_album_details(a, t->asel, line, sizeof line);
		tui_put(t, y1 - 2, 0, COLS, TUI_E_DIM, "%s", line);
	}
	cmd_album_summary(a, line, sizeof line);
	tui_put(t, y1 - 1, 0, COLS, TUI_E_STATUS, " %s", line);
}

int
tui_album_select(struct tui *t, const char *v)
{
	struct session *s = t->s;
	const struct album *a = s->album;
	int i;

	if (a == NULL)
		return session_fail(s, "no album is open (album DIR opens "
		    "one)");
	if (strcmp(v, "next") == 0)
		t->asel++;
	else if (strcmp(v, "prev") == 0)
		t->asel--;
	else if (strcmp(v, "first") == 0)
		t->asel = 0;
	else if (strcmp(v, "last") == 0)
		t->asel = a->nsongs - 1;
	else {
		i = album_song_find(a, v);
		if (i < 0)
			return session_fail(s, "SONG: expected a song number "
			    "from 1 to %d or a project's name, got '%s'",
			    a->nsongs, v);
		t->asel = i;
	}
	tui_album_clamp(t);
	t->dirty |= TUI_D_BODY;
	return 0;
}

bool
tui_album_placeholder(struct tui *t, char c, char *buf, size_t size)
{
	const struct album *a = t->s->album;

	if (c != 'a')
		return false;
	if (a == NULL || a->nsongs == 0)
		return false;
	tui_album_clamp(t);
	snprintf(buf, size, "%d", t->asel + 1);
	return true;
}

/* After a command: the selection follows a moved song and stays on the
 * table. */
void
tui_album_follow(struct tui *t, const char *line)
{
	const struct album *a = t->s->album;
	int to;

	if (a == NULL)
		return;
	if (strncmp(line, "album-move ", 11) == 0) {
		const char *p = strchr(line + 11, ' ');

		if (p != NULL) {
			p++;
			if (strncmp(p, "up", 2) == 0)
				t->asel--;
			else if (strncmp(p, "down", 4) == 0)
				t->asel++;
			else if ((to = atoi(p)) > 0)
				t->asel = to - 1;
		}
	}
	if (strncmp(line, "album-add", 9) == 0)
		t->asel = a->nsongs - 1;
	tui_album_clamp(t);
}
