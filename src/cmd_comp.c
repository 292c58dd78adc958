/* cmd_comp.c - takes and comping: takes, take, comp, rate, take-note,
 * group-add, ungroup, xfade. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "comp.h"
#include "session.h"
#include "util.h"

static int
cmd_comp_take_number(struct session *s, struct track *t, const char *v,
    struct take **k)
{
	char *end;
	long id = strtol(v, &end, 10);

	if (*end != '\0' || end == v || id < 1 ||
	    (*k = project_take(t, (int)id)) == NULL)
		return session_fail(s, "N: track %s has no take '%s'", t->name,
		    v);
	return 0;
}

/* The tracks a comp edit applies to: the track, or its whole group, each
 * with its take of the same pass.  All are checked before any changes. */
static int
cmd_comp_members(struct session *s, struct track *t, const struct take *k,
    struct track **tracks, int *takes, int *n)
{
	struct project *p = s->p;
	int i, j;

	*n = 0;
	for (i = 0; i < p->ntracks; i++) {
		struct track *u = &p->tracks[i];

		if (u != t && (t->group[0] == '\0' ||
		    strcmp(u->group, t->group) != 0))
			continue;
		if (u == t) {
			tracks[*n] = u;
			takes[(*n)++] = k->id;
			continue;
		}
		for (j = 0; j < u->ntakes; j++)
			if (k->pass != 0 && u->takes[j].pass == k->pass)
				break;
		if (j == u->ntakes)
			return session_fail(s, "track %s (group %s) has no "
			    "take from the pass of %s take %d", u->name,
			    t->group, t->name, k->id);
		tracks[*n] = u;
		takes[(*n)++] = u->takes[j].id;
	}
	return 0;
}

/* Fits [*start, *end) to the audio the takes have (the range each was
 * recorded for): a range wholly outside a take is refused, one partly
 * outside is clipped, and the note says so, as a tape op would tell the
 * producer that the take does not go that far. */
static int
cmd_comp_clip(struct session *s, struct track **tracks, const int *takes,
    int n, int64_t *start, int64_t *end)
{
	int rate = s->p->rate;
	int64_t s0 = *start, e0 = *end;
	char a[32], b[32], c[32], d[32], has[80] = "";
	const struct take *k;
	int i;

	for (i = 0; i < n; i++) {
		k = project_take(tracks[i], takes[i]);
		timefmt_format(k->rec_start, rate, a, sizeof a);
		timefmt_format(k->rec_end, rate, b, sizeof b);
		if (i == 0)
			snprintf(has, sizeof has, "%s..%s", a, b);
		if (*end <= k->rec_start || *start >= k->rec_end) {
			timefmt_format(s0, rate, c, sizeof c);
			timefmt_format(e0, rate, d, sizeof d);
			return session_fail(s, "START END: take %d of %s has "
			    "audio only over %s..%s, none over %s..%s",
			    takes[i], tracks[i]->name, a, b, c, d);
		}
		if (*start < k->rec_start)
			*start = k->rec_start;
		if (*end > k->rec_end)
			*end = k->rec_end;
	}
	if (*start != s0 || *end != e0) {
		timefmt_format(*start, rate, a, sizeof a);
		timefmt_format(*end, rate, b, sizeof b);
		timefmt_format(s0, rate, c, sizeof c);
		timefmt_format(e0, rate, d, sizeof d);
		session_msg(s, MSG_NOTE, "take %d of %s has audio only over "
		    "%s: comped over %s..%s, not all of %s..%s", takes[0],
		    tracks[0]->name, has, a, b, c, d);
	}
	return 0;
}

/* Puts k (and its pass on the rest of the group) over [start, end), or
 * as the whole comp when end <= start.  Checks every member first. */
static int
cmd_comp_apply(struct session *s, struct track *t, const struct take *k,
    int64_t start, int64_t end, int64_t xfade)
{
	struct track **tracks = xcalloc(s->p->ntracks, sizeof *tracks);
	int *takes = xcalloc(s->p->ntracks, sizeof *takes), n, i, rc;

	rc = cmd_comp_members(s, t, k, tracks, takes, &n);
	if (rc == 0 && end > start)
		rc = cmd_comp_clip(s, tracks, takes, n, &start, &end);
	for (i = 0; rc == 0 && i < n; i++) {
		if (end > start) {
			comp_put(tracks[i], takes[i], start, end, xfade);
			continue;
		}
		tracks[i]->active = takes[i];
		comp_whole(tracks[i], project_take(tracks[i], takes[i]),
		    xfade);
	}
	free(tracks);
	free(takes);
	return rc;
}

/* "vox take 2 over 0:30.000 to 0:40.000 (group g)", or "vox plays take
 * 2" for the whole comp. */
static void
cmd_comp_said(struct session *s, const struct track *t,
    const struct take *k, int64_t start, int64_t end)
{
	char range[96], group[64];

	if (t->group[0] != '\0')
		snprintf(group, sizeof group, " (group %s)", t->group);
	else
		group[0] = '\0';
	if (end <= start) {
		session_step(s, "take %s %d", t->name, k->id);
		session_said(s, "%s plays take %d%s", t->name, k->id, group);
		return;
	}
	cmd_text_range(s, start, end, range, sizeof range);
	session_step(s, "comp %s take %d over %s", t->name, k->id, range);
	session_said(s, "%s take %d over %s%s", t->name, k->id, range,
	    group);
}

static int
cmd_comp_exec(struct session *s, const struct cmd_args *a)
{
	struct track *t = cmd_track(s, a->argv[1]);
	struct take *k;
	const char *xf = cmd_key(a, "xfade");
	int64_t start, end, x = comp_default_xfade(s->p);
	double ms;

	if (t == NULL || cmd_comp_take_number(s, t, a->argv[2], &k) != 0 ||
	    cmd_parse_time(s, "START", a->argv[3], &start) != 0 ||
	    cmd_parse_time(s, "END", a->argv[4], &end) != 0)
		return -1;
	if (end <= start)
		return session_fail(s, "END must be after START");
	if (xf != NULL) {
		if (cmd_parse_double(s, "xfade", xf, 0, 1000, &ms) != 0)
			return -1;
		x = (int64_t)(ms * s->p->rate / 1000 + 0.5);
	}
	if (s->state != TRANSPORT_STOPPED)
		return session_fail(s, "stop the transport first");
	if (cmd_unfrozen(s, t) != 0 ||
	    cmd_comp_apply(s, t, k, start, end, x) != 0)
		return -1;
	cmd_comp_said(s, t, k, start, end);
	return 0;
}

const struct cmd_entry cmd_comp_entry = {
	"comp", "TRACK N START END [xfade=MS]", "play take N over START..END "
	"(the whole group follows), crossfading at the edges", 4, 4, "xfade",
	CMD_SAVE | CMD_UPDATE, cmd_comp_exec
};

static int
cmd_take_exec(struct session *s, const struct cmd_args *a)
{
	struct track *t = cmd_track(s, a->argv[1]);
	struct take *k;

	if (t == NULL || cmd_comp_take_number(s, t, a->argv[2], &k) != 0)
		return -1;
	if (s->state != TRANSPORT_STOPPED)
		return session_fail(s, "stop the transport first");
	if (cmd_unfrozen(s, t) != 0 ||
	    cmd_comp_apply(s, t, k, 0, 0, comp_default_xfade(s->p)) != 0)
		return -1;
	cmd_comp_said(s, t, k, 0, 0);
	return 0;
}

const struct cmd_entry cmd_take_entry = {
	"take", "TRACK N", "make take N the whole comp (the whole group "
	"follows)", 2, 2, NULL, CMD_SAVE | CMD_UPDATE, cmd_take_exec
};

static int
cmd_takes_exec(struct session *s, const struct cmd_args *a)
{
	struct track *t = cmd_track(s, a->argv[1]);
	char len[32], at[32], to[32];
	int j;

	if (t == NULL)
		return -1;
	if (t->ntakes == 0)
		session_msg(s, MSG_OUT, "%s has no takes", t->name);
	for (j = 0; j < t->ntakes; j++) {
		const struct take *k = &t->takes[j];

		timefmt_format(k->rec_end - k->rec_start, s->p->rate, len,
		    sizeof len);
		timefmt_format(k->rec_start, s->p->rate, at, sizeof at);
		session_msg(s, MSG_OUT, "%c%3d  at %-10s length %-10s "
		    "rating %d%s%s%s", k->id == t->active ? '*' : ' ', k->id,
		    at, len, k->rating, k->state == TAKE_RECOVERED ?
		    "  recovered" : "", k->note ? "  note: " : "",
		    k->note ? k->note : "");
	}
	for (j = 0; j < t->ncomp; j++) {
		timefmt_format(t->comp[j].start, s->p->rate, at, sizeof at);
		timefmt_format(t->comp[j].end, s->p->rate, to, sizeof to);
		session_msg(s, MSG_OUT, "comp %s..%s take %d", at, to,
		    t->comp[j].take);
	}
	return 0;
}

const struct cmd_entry cmd_takes_entry = {
	"takes", "TRACK", "list a track's takes (* marks the newest chosen) "
	"and its comp", 1, 1, NULL, 0, cmd_takes_exec
};

static int
cmd_rate_exec(struct session *s, const struct cmd_args *a)
{
	struct track *t = cmd_track(s, a->argv[1]);
	struct take *k;
	char *end;
	long r;

	if (t == NULL || cmd_comp_take_number(s, t, a->argv[2], &k) != 0)
		return -1;
	r = strtol(a->argv[3], &end, 10);
	if (*end != '\0' || end == a->argv[3] || r < 0 || r > 5)
		return session_fail(s, "RATING: expected 0 to 5, got '%s'",
		    a->argv[3]);
	session_step(s, "rate %s take %d %d -> %ld", t->name, k->id,
	    k->rating, r);
	session_said(s, "%s take %d rated %ld of 5", t->name, k->id, r);
	k->rating = (int)r;
	return 0;
}

const struct cmd_entry cmd_rate_entry = {
	"rate", "TRACK N 0..5", "rate a take", 3, 3, NULL, CMD_SAVE,
	cmd_rate_exec
};

static int
cmd_take_note_exec(struct session *s, const struct cmd_args *a)
{
	struct track *t = cmd_track(s, a->argv[1]);
	struct take *k;
	char *text;
	size_t len = 0;
	int i;

	if (t == NULL || cmd_comp_take_number(s, t, a->argv[2], &k) != 0)
		return -1;
	/* The rest of the words are the note. */
	for (i = 3; i < a->argc; i++)
		len += strlen(a->argv[i]) + 1;
	if (len > 4096)
		return session_fail(s, "TEXT: at most 4096 characters");
	text = xcalloc(1, len + 1);
	for (i = 3; i < a->argc; i++) {
		if (i > 3)
			strcat(text, " ");
		strcat(text, a->argv[i]);
	}
	free(k->note);
	k->note = text[0] != '\0' ? text : NULL;
	if (k->note == NULL)
		free(text);
	session_step(s, "take-note %s %d", t->name, k->id);
	session_said(s, "%s take %d note %s", t->name, k->id,
	    k->note != NULL ? "set" : "cleared");
	return 0;
}

const struct cmd_entry cmd_take_note_entry = {
	"take-note", "TRACK N TEXT", "note on a take (empty TEXT clears it)",
	2, 64, NULL, CMD_SAVE, cmd_take_note_exec
};

static int
cmd_group_add_exec(struct session *s, const struct cmd_args *a)
{
	char err[256];
	int i;

	if (project_name_ok(a->argv[1], err, sizeof err) != 0)
		return session_fail(s, "NAME: %s", err);
	for (i = 2; i < a->argc; i++)
		if (cmd_track(s, a->argv[i]) == NULL)
			return -1;
	for (i = 2; i < a->argc; i++)
		strlcpy_(project_track(s->p, a->argv[i])->group, a->argv[1],
		    sizeof project_track(s->p, a->argv[i])->group);
	session_said(s, "group %s: %d track%s added", a->argv[1],
	    a->argc - 2, a->argc == 3 ? "" : "s");
	return 0;
}

const struct cmd_entry cmd_group_add_entry = {
	"group-add", "NAME TRACK...", "put tracks in a take group: comp edits "
	"on one apply to all, in phase", 2, 64, NULL, CMD_SAVE,
	cmd_group_add_exec
};

static int
cmd_ungroup_exec(struct session *s, const struct cmd_args *a)
{
	struct track *t = cmd_track(s, a->argv[1]);

	if (t == NULL)
		return -1;
	if (t->group[0] != '\0')
		session_said(s, "%s left group %s", t->name, t->group);
	else
		session_said(s, "%s is in no group", t->name);
	t->group[0] = '\0';
	return 0;
}

const struct cmd_entry cmd_ungroup_entry = {
	"ungroup", "TRACK", "take a track out of its group", 1, 1, NULL,
	CMD_SAVE, cmd_ungroup_exec
};

static int
cmd_xfade_exec(struct session *s, const struct cmd_args *a)
{
	double ms;

	if (cmd_parse_double(s, "MS", a->argv[1], 0, 1000, &ms) != 0)
		return -1;
	session_step(s, "xfade %d ms -> %d ms", s->p->xfade_ms,
	    (int)(ms + 0.5));
	session_said(s, "crossfade %d ms", (int)(ms + 0.5));
	s->p->xfade_ms = (int)(ms + 0.5);
	return 0;
}

const struct cmd_entry cmd_xfade_entry = {
	"xfade", "MS", "default crossfade at comp boundaries (10 ms)", 1, 1,
	NULL, CMD_SAVE, cmd_xfade_exec
};

static int
cmd_audition_exec(struct session *s, const struct cmd_args *a)
{
	struct track *t = cmd_track(s, a->argv[1]);
	struct take *k;
	int64_t len = INT64_MAX;

	if (t == NULL || cmd_comp_take_number(s, t, a->argv[2], &k) != 0)
		return -1;
	if (a->argc > 3 && cmd_parse_duration(s, "DURATION", a->argv[3],
	    &len) != 0)
		return -1;
	/* Without a duration it stops where the take does (in the TUI
	 * too: a take auditioned is not left running into silence). */
	if (a->argc == 3)
		len = k->rec_end - s->pos;
	if (len <= 0)
		return session_fail(s, "take %d ends before the playhead",
		    k->id);
	if (s->state != TRANSPORT_STOPPED)
		return session_fail(s, "stop the transport first");
	s->audition_track = (int)(t - s->p->tracks) + 1;
	s->audition_take = k->id;
	if (transport_play(s, len) != 0) {
		s->audition_track = 0;
		session_update(s);
		return -1;
	}
	return transport_script_wait(s);
}

const struct cmd_entry cmd_audition_entry = {
	"audition", "TRACK N [DURATION]", "play take N of TRACK alone from "
	"the playhead, whatever the comp", 2, 3, NULL, 0, cmd_audition_exec
};
