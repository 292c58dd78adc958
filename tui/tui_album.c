/* tui_album.c - the Album screen: the album's songs as a table (number,
 * title, length, integrated loudness, LRA, true peak, gain, gap, side),
 * the selected song's metadata, and a line with the album's total length
 * and the loudness spread after gain.  The rows are album-list's
 * (cmd_album_row); every change is a bound command naming the selected
 * song as %a. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "album.h"
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

void
tui_album_draw(struct tui *t)
{
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
	/* Rows: the table, then a blank, the details and the summary. */
	rows = y1 - (y0 + 2) - 3;
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
