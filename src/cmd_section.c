/* cmd_section.c - sections and markers: section-add, section-rename,
 * section-move, section-copy, section-delete, section-resize, sections,
 * marker-add, marker-remove, markers.
 *
 * Sections lie on the bar grid (they follow tempo and meter changes) and
 * never overlap.  Moving, copying and deleting one carries the clips of
 * every track with it and ripples what follows (clips, later sections,
 * markers, tempo changes); a clip crossing an edge is split there with a
 * short equal-power fade on each side so that no click appears. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clip.h"
#include "cmd.h"
#include "session.h"
#include "util.h"

/* Fade at a section edge a clip is cut at. */
#define SECTION_EDGE_MS 5

static int
cmd_section_index(const struct project *p, const char *name)
{
	int i;

	for (i = 0; i < p->nsections; i++)
		if (strcmp(p->sections[i].name, name) == 0)
			return i;
	return -1;
}

static int
cmd_section_find(struct session *s, const char *name)
{
	int i = cmd_section_index(s->p, name);

	if (i < 0)
		session_fail(s, "no section named '%s' (see sections)", name);
	return i;
}

static int64_t
cmd_section_frame(const struct project *p, int bar)
{
	return tempo_bar_to_frame(&p->tempo, p->rate, bar, 1.0);
}

static int
cmd_section_tempo(struct session *s)
{
	if (s->p->tempo.n == 0)
		return session_fail(s, "sections lie on bars: set a tempo "
		    "first (tempo BPM)");
	return 0;
}

/* A new name: letters, digits, '_', '-', '.', not a section yet. */
static int
cmd_section_name_ok(struct session *s, const char *what, const char *name)
{
	char err[160];

	if (project_name_ok(name, err, sizeof err) != 0)
		return session_fail(s, "%s: %s", what, err);
	if (cmd_section_index(s->p, name) >= 0)
		return session_fail(s, "%s: there is a section '%s' already",
		    what, name);
	return 0;
}

/* Inserts sc in bar order. */
static void
cmd_section_put(struct project *p, const struct section *sc)
{
	int i;

	for (i = 0; i < p->nsections && p->sections[i].bar < sc->bar; i++)
		;
	p->sections = xreallocarray(p->sections, p->nsections + 1,
	    sizeof *p->sections);
	memmove(&p->sections[i + 1], &p->sections[i],
	    (p->nsections - i) * sizeof *p->sections);
	p->sections[i] = *sc;
	p->nsections++;
}

static void
cmd_section_drop(struct project *p, int i)
{
	memmove(&p->sections[i], &p->sections[i + 1],
	    (p->nsections - i - 1) * sizeof *p->sections);
	p->nsections--;
}

/* Whether bars [bar, bar + bars) are free of sections (but `skip`). */
static bool
cmd_section_free(const struct project *p, int bar, int bars, int skip)
{
	int i;

	for (i = 0; i < p->nsections; i++)
		if (i != skip && p->sections[i].bar < bar + bars &&
		    p->sections[i].bar + p->sections[i].bars > bar)
			return false;
	return true;
}

static int
cmd_section_number(struct session *s, const char *what, const char *v,
    int *out)
{
	char *end;
	long n = strtol(v, &end, 10);

	if (end == v || *end != '\0' || n < 1 || n > 9999)
		return session_fail(s, "%s: expected a number of bars from 1 "
		    "to 9999, got '%s'", what, v);
	*out = (int)n;
	return 0;
}

static void
cmd_section_text(struct session *s, const struct section *sc, char *buf,
    size_t size)
{
	char a[32], b[32];

	timefmt_format(cmd_section_frame(s->p, sc->bar), s->p->rate, a,
	    sizeof a);
	timefmt_format(cmd_section_frame(s->p, sc->bar + sc->bars),
	    s->p->rate, b, sizeof b);
	snprintf(buf, size, "bar %d, %d bar%s, %s to %s", sc->bar, sc->bars,
	    sc->bars == 1 ? "" : "s", a, b);
}

static int
cmd_section_add_exec(struct session *s, const struct cmd_args *a)
{
	struct section sc;
	char what[96];

	memset(&sc, 0, sizeof sc);
	if (cmd_section_tempo(s) != 0 ||
	    cmd_section_name_ok(s, "NAME", a->argv[1]) != 0 ||
	    cmd_section_number(s, "START", a->argv[2], &sc.bar) != 0 ||
	    cmd_section_number(s, "LENGTH", a->argv[3], &sc.bars) != 0)
		return -1;
	if (!cmd_section_free(s->p, sc.bar, sc.bars, -1))
		return session_fail(s, "START LENGTH: bars %d to %d overlap "
		    "another section", sc.bar, sc.bar + sc.bars - 1);
	strlcpy_(sc.name, a->argv[1], sizeof sc.name);
	cmd_section_put(s->p, &sc);
	cmd_section_text(s, &sc, what, sizeof what);
	session_said(s, "section %s: %s", sc.name, what);
	return 0;
}

const struct cmd_entry cmd_section_add_entry = {
	"section-add", "NAME START LENGTH",
	"add a section of LENGTH bars from bar START", 3, 3, NULL, CMD_SAVE,
	cmd_section_add_exec
};

static int
cmd_section_rename_exec(struct session *s, const struct cmd_args *a)
{
	int i;

	if ((i = cmd_section_find(s, a->argv[1])) < 0 ||
	    cmd_section_name_ok(s, "NEW", a->argv[2]) != 0)
		return -1;
	strlcpy_(s->p->sections[i].name, a->argv[2],
	    sizeof s->p->sections[i].name);
	session_said(s, "section %s is now %s", a->argv[1], a->argv[2]);
	return 0;
}

const struct cmd_entry cmd_section_rename_entry = {
	"section-rename", "OLD NEW", "rename a section", 2, 2, NULL,
	CMD_SAVE, cmd_section_rename_exec
};

/* A shorter section keeps the chords of its remaining bars. */
static void
cmd_section_chords_fit(struct section *sc)
{
	char *c = sc->chords;
	int n = 0;

	while (c != NULL && (c = strchr(c, ' ')) != NULL)
		if (++n == sc->bars)
			*c = '\0';
		else
			c++;
}

static int
cmd_section_resize_exec(struct session *s, const struct cmd_args *a)
{
	int i, bars;

	if ((i = cmd_section_find(s, a->argv[1])) < 0 ||
	    cmd_section_number(s, "BARS", a->argv[2], &bars) != 0)
		return -1;
	if (!cmd_section_free(s->p, s->p->sections[i].bar, bars, i))
		return session_fail(s, "BARS: %d bars from bar %d overlap the "
		    "next section", bars, s->p->sections[i].bar);
	s->p->sections[i].bars = bars;
	cmd_section_chords_fit(&s->p->sections[i]);
	session_said(s, "section %s is %d bar%s long", a->argv[1], bars,
	    bars == 1 ? "" : "s");
	return 0;
}

const struct cmd_entry cmd_section_resize_entry = {
	"section-resize", "NAME BARS",
	"make a section BARS long (its audio stays where it is)", 2, 2, NULL,
	CMD_SAVE, cmd_section_resize_exec
};

/* Every track that plays gets its clips (so that they can move). */
static void
cmd_section_tracks(struct project *p)
{
	int i;

	for (i = 0; i < p->ntracks; i++)
		if (clip_plays(&p->tracks[i]))
			clip_materialize(&p->tracks[i]);
}

/* Markers at or after `at` move by `by`; those in [at + by, at) when by
 * is negative went with what was removed. */
static void
cmd_section_markers(struct project *p, int64_t at, int64_t by)
{
	int i;

	for (i = 0; i < p->nmarkers; i++) {
		struct marker *m = &p->markers[i];

		if (by < 0 && m->pos >= at + by && m->pos < at) {
			memmove(m, m + 1, (p->nmarkers - i - 1) * sizeof *m);
			p->nmarkers--;
			i--;
		} else if (m->pos >= at)
			m->pos += by;
	}
}

/* Removes section i with its audio; what follows moves up. */
static void
cmd_section_remove(struct project *p, int i, int64_t fade)
{
	struct section sc = p->sections[i];
	int64_t a = cmd_section_frame(p, sc.bar);
	int64_t b = cmd_section_frame(p, sc.bar + sc.bars);
	int j;

	for (j = 0; j < p->ntracks; j++)
		if (p->tracks[j].clipped)
			clip_remove_range(&p->tracks[j], a, b, fade);
	cmd_section_markers(p, b, a - b);
	free(sc.chords);
	free(sc.lyrics);
	cmd_section_drop(p, i);
	for (j = 0; j < p->nsections; j++)
		if (p->sections[j].bar >= sc.bar + sc.bars)
			p->sections[j].bar -= sc.bars;
	tempo_map_ripple(&p->tempo, sc.bar + sc.bars, -sc.bars);
}

/* The bar BEFORE names: a section's start, or the end of the last. */
static int
cmd_section_before(struct session *s, const char *v, int *bar)
{
	const struct project *p = s->p;
	int i;

	if (strcmp(v, "end") == 0) {
		*bar = p->nsections > 0 ? p->sections[p->nsections - 1].bar +
		    p->sections[p->nsections - 1].bars : 1;
		return 0;
	}
	if ((i = cmd_section_index(p, v)) < 0)
		return session_fail(s, "BEFORE: expected a section or end, got "
		    "'%s'", v);
	*bar = p->sections[i].bar;
	return 0;
}

/* Copies the audio of bars [from, from + bars) into a gap opened at bar
 * `to`, with the section `sc` there; later sections move on. */
static void
cmd_section_insert(struct project *p, int from, int bars, int to,
    const struct section *sc, int64_t fade)
{
	int64_t a = cmd_section_frame(p, from);
	int64_t b = cmd_section_frame(p, from + bars);
	int64_t x = cmd_section_frame(p, to);
	struct section n = *sc;
	int j;

	for (j = 0; j < p->ntracks; j++)
		if (p->tracks[j].clipped)
			clip_copy_range(&p->tracks[j], a, b, x, fade);
	cmd_section_markers(p, x, b - a);
	for (j = 0; j < p->nsections; j++)
		if (p->sections[j].bar >= to)
			p->sections[j].bar += bars;
	tempo_map_ripple(&p->tempo, to, bars);
	n.bar = to;
	n.bars = bars;
	/* The song sheet comes along (a move drops the original's). */
	n.chords = sc->chords != NULL ? xstrdup(sc->chords) : NULL;
	n.lyrics = sc->lyrics != NULL ? xstrdup(sc->lyrics) : NULL;
	cmd_section_put(p, &n);
}

static int
cmd_section_copy_exec(struct session *s, const struct cmd_args *a)
{
	struct project *p = s->p;
	const char *as = cmd_key(a, "as");
	int64_t fade = (int64_t)SECTION_EDGE_MS * p->rate / 1000;
	struct section sc;
	char name[64], what[96];
	int i, to, n;

	if (cmd_none_frozen(s) != 0)
		return -1;

	if ((i = cmd_section_find(s, a->argv[1])) < 0 ||
	    cmd_section_before(s, a->argv[2], &to) != 0)
		return -1;
	sc = p->sections[i];
	if (as == NULL) {
		/* Chorus, Chorus-2, Chorus-3... */
		for (n = 2;; n++) {
			snprintf(name, sizeof name, "%.28s-%d", sc.name, n);
			if (cmd_section_index(p, name) < 0)
				break;
		}
		as = name;
	}
	if (cmd_section_name_ok(s, "as", as) != 0)
		return -1;
	strlcpy_(sc.name, as, sizeof sc.name);
	cmd_section_tracks(p);
	cmd_section_insert(p, p->sections[i].bar, sc.bars, to, &sc, fade);
	cmd_section_text(s, &p->sections[cmd_section_index(p, as)], what,
	    sizeof what);
	session_said(s, "copied %s as %s: %s", a->argv[1], as, what);
	return 0;
}

const struct cmd_entry cmd_section_copy_entry = {
	"section-copy", "NAME BEFORE|end [as=NAME]",
	"copy a section with every track's audio before another (or at the "
	"end)", 2, 2, "as", CMD_SAVE | CMD_UPDATE, cmd_section_copy_exec
};

static int
cmd_section_move_exec(struct session *s, const struct cmd_args *a)
{
	struct project *p = s->p;
	int64_t fade = (int64_t)SECTION_EDGE_MS * p->rate / 1000;
	struct section sc;
	struct marker *went;
	int64_t fa, fb, at;
	char what[96];
	int i, j, to, from, nwent = 0;

	if (cmd_none_frozen(s) != 0)
		return -1;

	if ((i = cmd_section_find(s, a->argv[1])) < 0 ||
	    cmd_section_before(s, a->argv[2], &to) != 0)
		return -1;
	sc = p->sections[i];
	if (to == sc.bar || to == sc.bar + sc.bars)
		return session_fail(s, "BEFORE: section %s is there already",
		    sc.name);
	cmd_section_tracks(p);
	/* The markers inside go with it. */
	fa = cmd_section_frame(p, sc.bar);
	fb = cmd_section_frame(p, sc.bar + sc.bars);
	went = xcalloc(p->nmarkers ? p->nmarkers : 1, sizeof *went);
	for (j = 0; j < p->nmarkers; j++)
		if (p->markers[j].pos >= fa && p->markers[j].pos < fb) {
			went[nwent] = p->markers[j];
			went[nwent++].pos -= fa;
			memmove(&p->markers[j], &p->markers[j + 1],
			    (p->nmarkers - j - 1) * sizeof *p->markers);
			p->nmarkers--;
			j--;
		}
	/* A copy where it goes, then the original (moved on by the copy
	 * when it lay after it) goes. */
	strlcpy_(sc.name, "\x01", sizeof sc.name);
	cmd_section_insert(p, sc.bar, sc.bars, to, &sc, fade);
	from = cmd_section_index(p, a->argv[1]);
	cmd_section_remove(p, from, fade);
	i = cmd_section_index(p, "\x01");
	strlcpy_(p->sections[i].name, a->argv[1], sizeof sc.name);
	at = cmd_section_frame(p, p->sections[i].bar);
	for (j = 0; j < nwent; j++) {
		int k;

		went[j].pos += at;
		for (k = 0; k < p->nmarkers && p->markers[k].pos <=
		    went[j].pos; k++)
			;
		p->markers = xreallocarray(p->markers, p->nmarkers + 1,
		    sizeof *p->markers);
		memmove(&p->markers[k + 1], &p->markers[k],
		    (p->nmarkers - k) * sizeof *p->markers);
		p->markers[k] = went[j];
		p->nmarkers++;
	}
	free(went);
	cmd_section_text(s, &p->sections[i], what, sizeof what);
	session_said(s, "moved %s: %s", a->argv[1], what);
	return 0;
}

const struct cmd_entry cmd_section_move_entry = {
	"section-move", "NAME BEFORE|end",
	"move a section with every track's audio before another (or to the "
	"end)", 2, 2, NULL, CMD_SAVE | CMD_UPDATE, cmd_section_move_exec
};

static int
cmd_section_delete_exec(struct session *s, const struct cmd_args *a)
{
	struct project *p = s->p;
	int i;

	if (cmd_none_frozen(s) != 0)
		return -1;

	if ((i = cmd_section_find(s, a->argv[1])) < 0)
		return -1;
	cmd_section_tracks(p);
	cmd_section_remove(p, i, (int64_t)SECTION_EDGE_MS * p->rate / 1000);
	session_said(s, "deleted section %s and its audio; what followed "
	    "moved up", a->argv[1]);
	return 0;
}

const struct cmd_entry cmd_section_delete_entry = {
	"section-delete", "NAME",
	"remove a section with every track's audio in it; what follows "
	"moves up", 1, 1, NULL, CMD_SAVE | CMD_UPDATE, cmd_section_delete_exec
};

static int
cmd_sections_exec(struct session *s, const struct cmd_args *a)
{
	char what[96];
	int i;

	if (s->p->nsections == 0) {
		session_msg(s, MSG_OUT, "no sections (section-add NAME START "
		    "LENGTH)");
		return 0;
	}
	for (i = 0; i < s->p->nsections; i++) {
		cmd_section_text(s, &s->p->sections[i], what, sizeof what);
		session_msg(s, MSG_OUT, "%-16s %s", s->p->sections[i].name,
		    what);
	}
	return 0;
}

const struct cmd_entry cmd_sections_entry = {
	"sections", "", "list the sections: start bar, length, time", 0, 0,
	NULL, 0, cmd_sections_exec
};

static int
cmd_marker_index(const struct project *p, const char *name)
{
	int i;

	for (i = 0; i < p->nmarkers; i++)
		if (strcmp(p->markers[i].name, name) == 0)
			return i;
	return -1;
}

static int
cmd_marker_add_exec(struct session *s, const struct cmd_args *a)
{
	struct project *p = s->p;
	int64_t pos = s->pos;
	char err[160], at[64];
	int i;

	if (project_name_ok(a->argv[1], err, sizeof err) != 0)
		return session_fail(s, "NAME: %s", err);
	if (cmd_marker_index(p, a->argv[1]) >= 0)
		return session_fail(s, "NAME: there is a marker '%s' already",
		    a->argv[1]);
	if (a->argc > 2 && cmd_parse_time(s, "TIME", a->argv[2], &pos) != 0)
		return -1;
	for (i = 0; i < p->nmarkers && p->markers[i].pos <= pos; i++)
		;
	p->markers = xreallocarray(p->markers, p->nmarkers + 1,
	    sizeof *p->markers);
	memmove(&p->markers[i + 1], &p->markers[i],
	    (p->nmarkers - i) * sizeof *p->markers);
	memset(&p->markers[i], 0, sizeof p->markers[i]);
	strlcpy_(p->markers[i].name, a->argv[1], sizeof p->markers[i].name);
	p->markers[i].pos = pos;
	p->nmarkers++;
	cmd_text_time(s, pos, at, sizeof at);
	session_said(s, "marker %s at %s", a->argv[1], at);
	return 0;
}

const struct cmd_entry cmd_marker_add_entry = {
	"marker-add", "NAME [TIME]",
	"add a marker at TIME (the playhead)", 1, 2, NULL, CMD_SAVE,
	cmd_marker_add_exec
};

static int
cmd_marker_remove_exec(struct session *s, const struct cmd_args *a)
{
	struct project *p = s->p;
	int i = cmd_marker_index(p, a->argv[1]);

	if (i < 0)
		return session_fail(s, "no marker named '%s' (see markers)",
		    a->argv[1]);
	memmove(&p->markers[i], &p->markers[i + 1],
	    (p->nmarkers - i - 1) * sizeof *p->markers);
	p->nmarkers--;
	session_said(s, "removed marker %s", a->argv[1]);
	return 0;
}

const struct cmd_entry cmd_marker_remove_entry = {
	"marker-remove", "NAME", "remove a marker", 1, 1, NULL, CMD_SAVE,
	cmd_marker_remove_exec
};

static int
cmd_markers_exec(struct session *s, const struct cmd_args *a)
{
	char at[64];
	int i;

	if (s->p->nmarkers == 0) {
		session_msg(s, MSG_OUT, "no markers (marker-add NAME [TIME])");
		return 0;
	}
	for (i = 0; i < s->p->nmarkers; i++) {
		cmd_text_time(s, s->p->markers[i].pos, at, sizeof at);
		session_msg(s, MSG_OUT, "%-16s %s", s->p->markers[i].name, at);
	}
	return 0;
}

const struct cmd_entry cmd_markers_entry = {
	"markers", "", "list the markers", 0, 0, NULL, 0, cmd_markers_exec
};

int64_t
cmd_section_seek(struct session *s, int64_t from, int dir, bool markers)
{
	const struct project *p = s->p;
	int64_t best = -1, f;
	int i, n = markers ? p->nmarkers : p->nsections;

	for (i = 0; i < n; i++) {
		f = markers ? p->markers[i].pos :
		    cmd_section_frame(p, p->sections[i].bar);
		if ((dir > 0 && f > from && (best < 0 || f < best)) ||
		    (dir < 0 && f < from && (best < 0 || f > best)))
			best = f;
	}
	return best;
}
