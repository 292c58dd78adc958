/* cmd_clip.c - clip editing: split, trim, move, nudge (of a clip),
 * duplicate, delete, fade, clip-gain, snap, grid.
 *
 * TIME names the clip heard there.  Every command finds its clip and
 * checks its values on the track as it is before it changes anything;
 * only then does a track without a clip list get its identity clips
 * (clip_materialize), which leaves the sound as it was. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clip.h"
#include "cmd.h"
#include "session.h"
#include "util.h"

/* The clip of track t heard at pos, as it will be numbered once the
 * track has a clip list: its index and a copy.  -1 (reported) when there
 * is none. */
static int
cmd_clip_pick(struct session *s, struct track *t, int64_t pos,
    struct clip *c)
{
	char at[64];
	int i, n = 0;

	if (t->clipped) {
		i = clip_at(t, pos);
		if (i >= 0) {
			*c = t->clips[i];
			return i;
		}
	} else {
		/* The identity clips: one per run of touching comp
		 * ranges. */
		for (i = 0; i < t->ncomp; i++) {
			int j = i;

			while (j + 1 < t->ncomp &&
			    t->comp[j + 1].start == t->comp[j].end)
				j++;
			if (pos >= t->comp[i].start && pos < t->comp[j].end) {
				*c = clip_make(t->comp[i].start,
				    t->comp[j].end - t->comp[i].start, 0,
				    t->comp[i].start);
				return n;
			}
			n++;
			i = j;
		}
	}
	cmd_text_time(s, pos, at, sizeof at);
	session_fail(s, "TIME: track %s has no clip at %s", t->name, at);
	return -1;
}

/* TRACK and TIME (argv[1], argv[2]) to a track and its clip. */
static int
cmd_clip_args(struct session *s, const struct cmd_args *a, struct track **t,
    struct clip *c)
{
	int64_t pos;

	if ((*t = cmd_track_edit(s, a->argv[1])) == NULL)
		return -1;
	if (cmd_parse_time(s, "TIME", a->argv[2], &pos) != 0)
		return -1;
	return cmd_clip_pick(s, *t, pos, c);
}

/* A position a clip edit puts something at: on the grid when snap is on
 * and the song has a tempo. */
static int64_t
cmd_clip_snap(struct session *s, int64_t f)
{
	if (!s->p->snap || s->p->tempo.n == 0)
		return f;
	return tempo_snap(&s->p->tempo, s->p->rate, f, s->p->grid,
	    s->p->grid_triplet);
}

/* Whether a clip may read its source over [offset, offset + len): a
 * take's file has bounds, the comp starts at 0. */
static int
cmd_clip_source_ok(struct session *s, struct track *t, const struct clip *c,
    const char *what)
{
	const struct take *k;

	if (c->offset < 0)
		return session_fail(s, "%s: the clip would start before the "
		    "start of its source", what);
	if (c->take != 0 && (k = project_take(t, c->take)) != NULL &&
	    c->offset + c->len > k->length)
		return session_fail(s, "%s: the clip would run past the end "
		    "of take %d", what, c->take);
	return 0;
}

/* Replaces clip i (numbered as after materializing) with c; top: moves
 * it on top of the others. */
static void
cmd_clip_store(struct track *t, int i, const struct clip *c, bool top)
{
	clip_materialize(t);
	if (!top) {
		t->clips[i] = *c;
		return;
	}
	clip_delete(t, i);
	clip_insert(t, t->nclips, c);
}

static void
cmd_clip_said(struct session *s, const char *what, const struct track *t,
    const struct clip *c)
{
	char a[64], b[64];

	cmd_text_time(s, c->pos, a, sizeof a);
	timefmt_format(c->len, s->p->rate, b, sizeof b);
	session_said(s, "%s %s clip at %s, %s long", what, t->name, a, b);
}

static int
cmd_split_exec(struct session *s, const struct cmd_args *a)
{
	struct track *t;
	struct clip c;
	int64_t at;
	char w[64];
	int i;

	if ((i = cmd_clip_args(s, a, &t, &c)) < 0)
		return -1;
	cmd_parse_time(s, "TIME", a->argv[2], &at);
	at = cmd_clip_snap(s, at);
	if (at <= c.pos || at >= c.pos + c.len) {
		cmd_text_time(s, at, w, sizeof w);
		return session_fail(s, "TIME: %s is on the clip's edge, "
		    "nothing to split", w);
	}
	clip_materialize(t);
	clip_split(t, i, at);
	cmd_text_time(s, at, w, sizeof w);
	session_said(s, "split %s at %s", t->name, w);
	return 0;
}

const struct cmd_entry cmd_split_entry = {
	"split", "TRACK TIME",
	"split the clip at TIME in two (the sound stays the same)", 2, 2,
	NULL, CMD_SAVE | CMD_UPDATE, cmd_split_exec
};

static int
cmd_trim_exec(struct session *s, const struct cmd_args *a)
{
	struct track *t;
	struct clip c;
	int64_t to, end;
	bool start;
	int i;

	if ((i = cmd_clip_args(s, a, &t, &c)) < 0)
		return -1;
	if (strcmp(a->argv[3], "start") != 0 && strcmp(a->argv[3], "end") != 0)
		return session_fail(s, "EDGE: expected start or end, got '%s'",
		    a->argv[3]);
	start = a->argv[3][0] == 's';
	if (cmd_parse_time(s, "TO", a->argv[4], &to) != 0)
		return -1;
	to = cmd_clip_snap(s, to);
	end = c.pos + c.len;
	if (start ? to >= end : to <= c.pos)
		return session_fail(s, "TO: the clip's %s must stay %s its %s",
		    start ? "start" : "end", start ? "before" : "after",
		    start ? "end" : "start");
	if (start) {
		c.offset += to - c.pos;
		c.pos = to;
		c.len = end - to;
	} else
		c.len = to - c.pos;
	if (cmd_clip_source_ok(s, t, &c, "TO") != 0)
		return -1;
	/* The fades shorten to fit what is left. */
	if (c.fade_out > c.len)
		c.fade_out = c.len;
	if (c.fade_in > c.len - c.fade_out)
		c.fade_in = c.len - c.fade_out;
	cmd_clip_store(t, i, &c, false);
	cmd_clip_said(s, "trimmed", t, &c);
	return 0;
}

const struct cmd_entry cmd_trim_entry = {
	"trim", "TRACK TIME start|end TO",
	"move the start or end of the clip at TIME to TO", 4, 4, NULL,
	CMD_SAVE | CMD_UPDATE, cmd_trim_exec
};

/* Moves clip i (c, already found) to `to`, on top. */
static int
cmd_clip_move_to(struct session *s, struct track *t, int i, struct clip *c,
    int64_t to, const char *what)
{
	if (to < 0)
		return session_fail(s, "%s: a clip cannot start before 0:00",
		    what);
	c->pos = to;
	cmd_clip_store(t, i, c, true);
	cmd_clip_said(s, "moved", t, c);
	return 0;
}

static int
cmd_move_exec(struct session *s, const struct cmd_args *a)
{
	struct track *t;
	struct clip c;
	int64_t to;
	int i;

	if ((i = cmd_clip_args(s, a, &t, &c)) < 0)
		return -1;
	if (cmd_parse_time(s, "TO", a->argv[3], &to) != 0)
		return -1;
	return cmd_clip_move_to(s, t, i, &c, cmd_clip_snap(s, to), "TO");
}

const struct cmd_entry cmd_move_entry = {
	"move", "TRACK TIME TO",
	"move the clip at TIME to start at TO (on top of the others)", 3, 3,
	NULL, CMD_SAVE | CMD_UPDATE, cmd_move_exec
};

/* nudge TRACK TIME [+|-]FRAMES|[+|-]beat|bar|grid (from cmd_nudge). */
int
cmd_clip_nudge(struct session *s, const struct cmd_args *a)
{
	struct project *p = s->p;
	const char *v;
	struct track *t;
	struct clip c;
	int64_t d, from;
	char *end;
	int i, dir;

	if (a->argc != 4)
		return session_fail(s, "usage: nudge TRACK TIME "
		    "[+|-]FRAMES|beat|bar|grid");
	if ((i = cmd_clip_args(s, a, &t, &c)) < 0)
		return -1;
	v = a->argv[3];
	dir = v[0] == '-' ? -1 : 1;
	if (v[0] == '+' || v[0] == '-')
		v++;
	if (strcmp(v, "beat") == 0 || strcmp(v, "bar") == 0 ||
	    strcmp(v, "grid") == 0) {
		if (p->tempo.n == 0)
			return session_fail(s, "AMOUNT: nudging by %s needs a "
			    "tempo (tempo BPM)", v);
		/* By one step of the grid, keeping the clip's distance to
		 * the line before it. */
		if (v[1] == 'r')
			from = tempo_grid(&p->tempo, p->rate, c.pos, p->grid,
			    p->grid_triplet, 0);
		else {
			int bar, beat;

			tempo_beat_floor(&p->tempo, p->rate, c.pos, &bar,
			    &beat);
			from = tempo_bar_to_frame(&p->tempo, p->rate, bar,
			    v[1] == 'a' ? 1.0 : beat);
		}
		if (v[1] == 'r')
			d = tempo_grid(&p->tempo, p->rate, from, p->grid,
			    p->grid_triplet, dir) - from;
		else
			d = tempo_step(&p->tempo, p->rate, from, dir,
			    v[1] == 'a') - from;
	} else {
		d = strtoll(v, &end, 10);
		if (end == v || *end != '\0' || d <= 0 || d > (1LL << 40))
			return session_fail(s, "AMOUNT: expected [+|-]FRAMES, "
			    "beat, bar or grid, got '%s'", a->argv[3]);
		d *= dir;
	}
	return cmd_clip_move_to(s, t, i, &c, c.pos + d, "AMOUNT");
}

static int
cmd_duplicate_exec(struct session *s, const struct cmd_args *a)
{
	const char *v = cmd_key(a, "count");
	struct track *t;
	struct clip c, d;
	char *end;
	long n = 1, k;
	int i;

	if ((i = cmd_clip_args(s, a, &t, &c)) < 0)
		return -1;
	if (v != NULL) {
		n = strtol(v, &end, 10);
		if (end == v || *end != '\0' || n < 1 || n > 1000)
			return session_fail(s, "count: expected 1 to 1000, got "
			    "'%s'", v);
	}
	clip_materialize(t);
	for (k = 1; k <= n; k++) {
		d = c;
		d.pos = c.pos + k * c.len;
		clip_insert(t, t->nclips, &d);
	}
	if (n == 1)
		cmd_clip_said(s, "duplicated", t, &c);
	else
		session_said(s, "duplicated %s clip %ld times after itself",
		    t->name, n);
	return 0;
}

const struct cmd_entry cmd_duplicate_entry = {
	"duplicate", "TRACK TIME [count=N]",
	"place copies of the clip at TIME one after another behind it", 2, 2,
	"count", CMD_SAVE | CMD_UPDATE, cmd_duplicate_exec
};

static int
cmd_delete_exec(struct session *s, const struct cmd_args *a)
{
	struct track *t;
	struct clip c;
	int i;

	if ((i = cmd_clip_args(s, a, &t, &c)) < 0)
		return -1;
	clip_materialize(t);
	clip_delete(t, i);
	cmd_clip_said(s, "deleted", t, &c);
	return 0;
}

const struct cmd_entry cmd_delete_entry = {
	"delete", "TRACK TIME",
	"remove the clip at TIME (its takes stay)", 2, 2, NULL,
	CMD_SAVE | CMD_UPDATE, cmd_delete_exec
};

int
cmd_clip_shape(struct session *s, const char *v, int *shape)
{
	int i;

	for (i = 0; project_shapes[i] != NULL; i++)
		if (strcmp(v, project_shapes[i]) == 0) {
			*shape = i;
			return 0;
		}
	return session_fail(s, "shape: expected linear, equal-power or "
	    "s-curve, got '%s'", v);
}

static int
cmd_fade_exec(struct session *s, const struct cmd_args *a)
{
	const char *v = cmd_key(a, "shape");
	struct track *t;
	struct clip c;
	double ms;
	int64_t n;
	bool in;
	int i, shape = -1;

	if ((i = cmd_clip_args(s, a, &t, &c)) < 0)
		return -1;
	if (strcmp(a->argv[3], "in") != 0 && strcmp(a->argv[3], "out") != 0)
		return session_fail(s, "EDGE: expected in or out, got '%s'",
		    a->argv[3]);
	in = a->argv[3][0] == 'i';
	if (cmd_parse_double(s, "MS", a->argv[4], 0, 3600000, &ms) != 0)
		return -1;
	if (v != NULL && cmd_clip_shape(s, v, &shape) != 0)
		return -1;
	n = llround(ms * s->p->rate / 1000.0);
	if (n + (in ? c.fade_out : c.fade_in) > c.len)
		return session_fail(s, "MS: a %g ms fade does not fit the "
		    "clip beside its other fade", ms);
	if (in) {
		c.fade_in = n;
		if (shape >= 0)
			c.shape_in = shape;
	} else {
		c.fade_out = n;
		if (shape >= 0)
			c.shape_out = shape;
	}
	cmd_clip_store(t, i, &c, false);
	session_said(s, "%s clip fades %s over %g ms (%s)", t->name,
	    in ? "in" : "out", ms,
	    project_shapes[in ? c.shape_in : c.shape_out]);
	return 0;
}

const struct cmd_entry cmd_fade_entry = {
	"fade", "TRACK TIME in|out MS [shape=linear|equal-power|s-curve]",
	"fade the clip at TIME in or out over MS milliseconds (0: none)", 4,
	4, "shape", CMD_SAVE | CMD_UPDATE, cmd_fade_exec
};

static int
cmd_clip_gain_exec(struct session *s, const struct cmd_args *a)
{
	struct track *t;
	struct clip c;
	char db[32];
	int i;

	if ((i = cmd_clip_args(s, a, &t, &c)) < 0)
		return -1;
	if (cmd_parse_double(s, "DB", a->argv[3], -144, 24, &c.gain_db) != 0)
		return -1;
	cmd_clip_store(t, i, &c, false);
	cmd_text_db(c.gain_db, db, sizeof db);
	session_said(s, "%s clip gain %s", t->name, db);
	return 0;
}

const struct cmd_entry cmd_clip_gain_entry = {
	"clip-gain", "TRACK TIME DB",
	"set the gain of the clip at TIME (-144 to 24 dB)", 3, 3, NULL,
	CMD_SAVE | CMD_UPDATE, cmd_clip_gain_exec
};

static int
cmd_snap_exec(struct session *s, const struct cmd_args *a)
{
	const char *v = a->argv[1];

	if (strcmp(v, "on") != 0 && strcmp(v, "off") != 0)
		return session_fail(s, "STATE: expected on or off, got '%s'",
		    v);
	s->p->snap = strcmp(v, "on") == 0;
	session_said(s, "snap to the grid %s%s", v, s->p->snap &&
	    s->p->tempo.n == 0 ? " (once there is a tempo)" : "");
	return 0;
}

const struct cmd_entry cmd_snap_entry = {
	"snap", "on|off",
	"clip edits snap their positions to the grid (with a tempo)", 1, 1,
	NULL, CMD_SAVE, cmd_snap_exec
};

static int
cmd_grid_exec(struct session *s, const struct cmd_args *a)
{
	bool triplet;
	int grid;

	if (project_grid_parse(a->argv[1], &grid, &triplet) != 0)
		return session_fail(s, "DIVISION: expected 1/1, 1/2, 1/4, "
		    "1/8, 1/16 or 1/32 (t for triplets: 1/8t) or beat, got "
		    "'%s'", a->argv[1]);
	s->p->grid = grid;
	s->p->grid_triplet = triplet;
	session_said(s, "grid %s", project_grid_name(grid, triplet));
	return 0;
}

const struct cmd_entry cmd_grid_entry = {
	"grid", "1/1|1/2|1/4|1/8|1/16|1/32|1/8t|...|beat",
	"the grid clip edits snap to and nudge by", 1, 1, NULL, CMD_SAVE,
	cmd_grid_exec
};
