/* cmd_auto.c - automation: auto, auto-clear, auto-mode, autos.  PARAM
 * is gain, pan, mute, send.BUS or SLOT.PARAM (an insert's parameter,
 * 2.threshold, 2.b1.gain); automation.h has the model. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "session.h"

/* TIME as the other commands take it, or frames as NNNf. */
static int
cmd_auto_time(struct session *s, const char *what, const char *v,
    int64_t *out)
{
	size_t n = strlen(v);
	char *end;
	long long f;

	if (n > 1 && v[n - 1] == 'f') {
		f = strtoll(v, &end, 10);
		if (end != v + n - 1 || f < 0)
			return session_fail(s, "%s: expected frames (as "
			    "48000f), got '%s'", what, v);
		*out = f;
		return 0;
	}
	return cmd_parse_time(s, what, v, out);
}

/* The lane key of STRIP PARAM; -1 after a message. */
static int
cmd_auto_key(struct session *s, const struct cmd_args *a,
    struct auto_lane *key)
{
	char err[256];
	struct track *t;

	if (auto_param_parse(s->p, a->argv[1], a->argv[2], key, err,
	    sizeof err) != 0)
		return session_fail(s, "%s", err);
	/* A frozen track's inserts are in its file, automation and all. */
	if (key->target == AUTO_PARAM &&
	    (t = project_track(s->p, a->argv[1])) != NULL)
		return cmd_unfrozen(s, t);
	return 0;
}

static int
cmd_auto_exec(struct session *s, const struct cmd_args *a)
{
	struct auto_lane key, *l;
	const char *cv = cmd_key(a, "curve");
	char err[256], vbuf[64];
	int64_t t;
	double v;
	int curve = AUTO_LINEAR;

	if (cmd_auto_key(s, a, &key) != 0 ||
	    cmd_auto_time(s, "TIME", a->argv[3], &t) != 0)
		return -1;
	if (auto_value_parse(s->p, a->argv[1], &key, a->argv[4], &v, err,
	    sizeof err) != 0)
		return session_fail(s, "%s", err);
	if (cv != NULL) {
		if (strcmp(cv, "step") == 0)
			curve = AUTO_STEP;
		else if (strcmp(cv, "linear") != 0)
			return session_fail(s, "curve: expected linear or "
			    "step, got '%s'", cv);
	}
	l = auto_lane_get(auto_strip_lanes(s->p, a->argv[1]), &key);
	auto_point_set(l, t, v, curve);
	auto_value_format(s->p, a->argv[1], l, v, vbuf, sizeof vbuf);
	session_said(s, "%s %s: point at frame %lld = %s (%s)", a->argv[1],
	    a->argv[2], (long long)t, vbuf, curve == AUTO_STEP ? "step" :
	    "linear");
	return 0;
}

const struct cmd_entry cmd_auto_entry = {
	"auto", "STRIP PARAM TIME VALUE [curve=linear|step]",
	"add an automation point (PARAM: gain, pan, mute, send.BUS or "
	"SLOT.PARAM; TIME also as frames, 48000f)", 4, 4, "curve",
	CMD_SAVE | CMD_UPDATE, cmd_auto_exec
};

static int
cmd_auto_clear_exec(struct session *s, const struct cmd_args *a)
{
	struct auto_lanes *al;
	struct auto_lane key, *l;
	int64_t start = 0, end = INT64_MAX;
	int gone;

	if (cmd_auto_key(s, a, &key) != 0)
		return -1;
	if (a->argc == 4)
		return session_fail(s, "expected both START and END, or "
		    "neither");
	if (a->argc == 5 && (cmd_auto_time(s, "START", a->argv[3],
	    &start) != 0 || cmd_auto_time(s, "END", a->argv[4], &end) != 0))
		return -1;
	if (end < start)
		return session_fail(s, "END: must not come before START");
	al = auto_strip_lanes(s->p, a->argv[1]);
	l = auto_lane_find(al, &key);
	if (l == NULL)
		return session_fail(s, "%s has no %s automation", a->argv[1],
		    a->argv[2]);
	if (a->argc == 3) {
		gone = l->n;
		auto_lane_remove(al, (int)(l - al->v));
	} else
		gone = auto_clear(l, start, end);
	session_said(s, "%s %s: %d point%s cleared", a->argv[1], a->argv[2],
	    gone, gone == 1 ? "" : "s");
	return 0;
}

const struct cmd_entry cmd_auto_clear_entry = {
	"auto-clear", "STRIP PARAM [START END]", "remove a lane's automation "
	"points between START and END (both included), or the whole lane",
	2, 4, NULL, CMD_SAVE | CMD_UPDATE, cmd_auto_clear_exec
};

static int
cmd_auto_mode_exec(struct session *s, const struct cmd_args *a)
{
	struct auto_lane key, *l;
	int m;

	if (cmd_auto_key(s, a, &key) != 0)
		return -1;
	for (m = 0; auto_modes[m] != NULL; m++)
		if (strcmp(auto_modes[m], a->argv[3]) == 0)
			break;
	if (auto_modes[m] == NULL)
		return session_fail(s, "MODE: expected off, read, write or "
		    "touch, got '%s'", a->argv[3]);
	if (s->state != TRANSPORT_STOPPED && (m == AUTO_WRITE ||
	    m == AUTO_TOUCH))
		return session_fail(s, "stop the transport first (a write "
		    "pass starts with play)");
	l = auto_lane_get(auto_strip_lanes(s->p, a->argv[1]), &key);
	l->mode = m;
	session_said(s, "%s %s automation: %s", a->argv[1], a->argv[2],
	    auto_modes[m]);
	return 0;
}

const struct cmd_entry cmd_auto_mode_entry = {
	"auto-mode", "STRIP PARAM off|read|write|touch", "how a lane plays: "
	"off (the fixed value), read, write (moves while playing replace it "
	"until stop), touch (while moving)", 3, 3, NULL,
	CMD_SAVE | CMD_UPDATE, cmd_auto_mode_exec
};

static void
cmd_autos_strip(struct session *s, const char *strip)
{
	struct auto_lanes *al = auto_strip_lanes(s->p, strip);
	char name[64], vbuf[64], tbuf[64];
	double fixed;
	int i, j;

	for (i = 0; al != NULL && i < al->n; i++) {
		const struct auto_lane *l = &al->v[i];

		if (auto_fixed_get(s->p, strip, l, &fixed) != 0)
			continue;
		auto_param_name(s->p, strip, l, name, sizeof name);
		session_msg(s, MSG_OUT, "%s %s: %s, %d point%s", strip, name,
		    auto_modes[l->mode], l->n, l->n == 1 ? "" : "s");
		for (j = 0; j < l->n; j++) {
			auto_value_format(s->p, strip, l, l->pt[j].v, vbuf,
			    sizeof vbuf);
			cmd_text_time(s, l->pt[j].t, tbuf, sizeof tbuf);
			session_msg(s, MSG_OUT, "  %lld %s %s (%s)",
			    (long long)l->pt[j].t, vbuf,
			    l->pt[j].curve == AUTO_STEP ? "step" : "linear",
			    tbuf);
		}
	}
}

static int
cmd_autos_exec(struct session *s, const struct cmd_args *a)
{
	struct project *p = s->p;
	int i;

	if (a->argc == 2) {
		if (auto_strip_lanes(p, a->argv[1]) == NULL)
			return session_fail(s, "STRIP: no track or bus named "
			    "'%s' (or 'master')", a->argv[1]);
		cmd_autos_strip(s, a->argv[1]);
		return 0;
	}
	for (i = 0; i < p->ntracks; i++)
		cmd_autos_strip(s, p->tracks[i].name);
	for (i = 0; i < p->nbuses; i++)
		cmd_autos_strip(s, p->buses[i].name);
	cmd_autos_strip(s, "master");
	return 0;
}

const struct cmd_entry cmd_autos_entry = {
	"autos", "[STRIP]", "list automation lanes (mode, points: frame, "
	"value, curve)", 0, 1, NULL, 0, cmd_autos_exec
};
