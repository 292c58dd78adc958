/* tui_range.c - the Arrangement's time selection: marked in and out at
 * the playhead (as a tape machine's locator pair), or taken from the clip
 * or the section under it; kept in the interface, not the project, and
 * handed to commands as TIME arguments by the %i, %o and %C
 * placeholders of a binding. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clip.h"
#include "cmd.h"
#include "session.h"
#include "tui_priv.h"
#include "util.h"

bool
tui_range_get(const struct tui *t, int64_t *start, int64_t *end)
{
	if (t->rin < 0 || t->rout < 0 || t->rin == t->rout)
		return false;
	*start = t->rin < t->rout ? t->rin : t->rout;
	*end = t->rin < t->rout ? t->rout : t->rin;
	return true;
}

/* "0:02.000 to 0:04.000 (bar 2|1 to 3|1), 2.000 s" */
void
tui_range_text(const struct tui *t, char *buf, size_t size)
{
	const struct project *p = t->s->p;
	char a[48], b[48], ba[48], bb[48], len[48];
	int64_t s0, s1;

	if (!tui_range_get(t, &s0, &s1)) {
		if (t->rin >= 0 || t->rout >= 0) {
			timefmt_format(t->rin >= 0 ? t->rin : t->rout,
			    p->rate, a, sizeof a);
			snprintf(buf, size, "%s at %s (the other end: %s)",
			    t->rin >= 0 ? "in" : "out", a, t->rin >= 0 ?
			    "O" : "I");
		} else
			snprintf(buf, size, "none");
		return;
	}
	timefmt_format(s0, p->rate, a, sizeof a);
	timefmt_format(s1, p->rate, b, sizeof b);
	timefmt_format(s1 - s0, p->rate, len, sizeof len);
	if (p->tempo.n > 0) {
		timefmt_format_bars(s0, p->rate, &p->tempo, ba, sizeof ba);
		timefmt_format_bars(s1, p->rate, &p->tempo, bb, sizeof bb);
		snprintf(buf, size, "%s to %s (bar %s to %s), %s", a, b, ba,
		    bb, len);
	} else
		snprintf(buf, size, "%s to %s, %s", a, b, len);
}

/* The clip (or, on a track without clips, the comp's run of ranges)
 * under pos on track tr: [*start, *end).  False when nothing plays. */
bool
tui_range_clip(const struct track *tr, int64_t pos, int64_t *start,
    int64_t *end)
{
	int i;

	if (tr->clipped) {
		if ((i = clip_at(tr, pos)) < 0)
			return false;
		*start = tr->clips[i].pos;
		*end = tr->clips[i].pos + tr->clips[i].len;
		return true;
	}
	for (i = 0; i < tr->ncomp; i++)
		if (pos >= tr->comp[i].start && pos < tr->comp[i].end)
			break;
	if (i == tr->ncomp)
		return false;
	/* Ranges that meet play as one clip (as clip_materialize makes). */
	*start = tr->comp[i].start;
	while (i > 0 && tr->comp[i - 1].end == *start)
		*start = tr->comp[--i].start;
	*end = tr->comp[i].end;
	while (i + 1 < tr->ncomp && tr->comp[i + 1].start == *end)
		*end = tr->comp[++i].end;
	return true;
}

static int
tui_range_said(struct tui *t)
{
	char buf[256];

	tui_range_text(t, buf, sizeof buf);
	session_msg(t->s, MSG_NOTE, "selection %s", buf);
	t->dirty |= TUI_D_BODY | TUI_D_STATUS;
	return 0;
}

/* range in|out|clip|section|clear|START END */
int
tui_range_command(struct tui *t, const struct cmd_args *a)
{
	struct session *s = t->s;
	struct project *p = s->p;
	const char *v = a->argc > 1 ? a->argv[1] : "";
	int64_t pos = transport_position(s), x, y;
	int i;

	if (pos < 0)
		pos = 0;
	if (a->argc == 3) {
		if (cmd_parse_time(s, "START", a->argv[1], &x) != 0 ||
		    cmd_parse_time(s, "END", a->argv[2], &y) != 0)
			return -1;
		if (y <= x)
			return session_fail(s, "END: expected a time after "
			    "START");
		t->rin = x;
		t->rout = y;
	} else if (strcmp(v, "in") == 0)
		t->rin = pos;
	else if (strcmp(v, "out") == 0)
		t->rout = pos;
	else if (strcmp(v, "clear") == 0) {
		t->rin = t->rout = -1;
		session_msg(s, MSG_NOTE, "selection cleared");
		t->dirty |= TUI_D_BODY | TUI_D_STATUS;
		return 0;
	} else if (strcmp(v, "clip") == 0) {
		if (t->sel < 0)
			return session_fail(s, "there is no track yet");
		if (!tui_range_clip(&p->tracks[t->sel], pos, &x, &y))
			return session_fail(s, "track %s plays nothing at "
			    "the playhead", p->tracks[t->sel].name);
		t->rin = x;
		t->rout = y;
	} else if (strcmp(v, "section") == 0) {
		for (i = 0; i < p->nsections; i++) {
			x = tempo_bar_to_frame(&p->tempo, p->rate,
			    p->sections[i].bar, 1.0);
			y = tempo_bar_to_frame(&p->tempo, p->rate,
			    p->sections[i].bar + p->sections[i].bars, 1.0);
			if (pos >= x && pos < y)
				break;
		}
		if (i == p->nsections)
			return session_fail(s, "the playhead is in no "
			    "section");
		t->rin = x;
		t->rout = y;
	} else
		return session_fail(s, "expected in, out, clip, section, "
		    "clear or START END, got '%s'", v);
	return tui_range_said(t);
}

/* %i, %o: the selection's start and end; %C: its start, or the playhead
 * when nothing is selected (the clip commands' TIME). */
int
tui_range_placeholder(struct tui *t, char c, char *buf, size_t size)
{
	int64_t s0, s1;

	if (c != 'i' && c != 'o' && c != 'C')
		return 0;
	if (!tui_range_get(t, &s0, &s1)) {
		if (c == 'C') {
			s0 = transport_position(t->s);
			tui_takes_arg(t, s0 < 0 ? 0 : s0, buf, size);
			return 1;
		}
		session_msg(t->s, MSG_ERROR, "nothing is selected (I and O "
		    "mark a range at the playhead, v the clip, b the "
		    "section)");
		return -1;
	}
	tui_takes_arg(t, c == 'o' ? s1 : s0, buf, size);
	return 1;
}

/* The selection over a ruler or lane: its columns [*x0, *x1] among w. */
bool
tui_range_cols(const struct tui *t, int w, int *x0, int *x1)
{
	int64_t s0, s1;
	double a, b;

	if (!tui_range_get(t, &s0, &s1) || t->fpc <= 0)
		return false;
	a = (s0 - t->view0) / t->fpc;
	b = (s1 - t->view0) / t->fpc;
	if (b <= 0 || a >= w)
		return false;
	*x0 = a < 0 ? 0 : (int)a;
	*x1 = b > w ? w - 1 : (int)(b - 1e-9);
	if (*x1 < *x0)
		*x1 = *x0;
	return true;
}
