/* cmd_ui.c - commands for the interactive front ends: screens and
 * selection (answered by the front end through s->ui), toggles and
 * nudges for single keys, seek, meters. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "session.h"
#include "util.h"

/* screen, select, scroll, zoom, quit, redraw: the front end's business. */
static int
cmd_ui_front(struct session *s, const struct cmd_args *a)
{
	if (s->ui == NULL)
		return session_fail(s, "only in the interactive interface");
	return s->ui(s->ui_arg, a);
}

const struct cmd_entry cmd_screen_entry = {
	"screen", "arrange|takes|mix|strip|master|revisions|album|help|log|"
	"next|prev|back",
	"show a screen (log: the recent messages; strip: the strip editor "
	"last opened; back: the one before)",
	1, 1, NULL, CMD_NOSONG, cmd_ui_front
};
const struct cmd_entry cmd_select_entry = {
	"select", "next|prev|first|last|next-take|prev-take|next-param|"
	"prev-param|next-insert|prev-insert|TRACK",
	"select a track, a take of the selected track, or in the strip "
	"editor a parameter or an insert (on the Album screen a song)", 1, 1,
	NULL, CMD_NOSONG, cmd_ui_front
};
const struct cmd_entry cmd_strip_edit_entry = {
	"strip-edit", "STRIP [SLOT]", "open the strip editor on a track's, a "
	"bus's or the master's inserts (at SLOT)", 1, 2, NULL, 0,
	cmd_ui_front
};
const struct cmd_entry cmd_scroll_entry = {
	"scroll", "up|down|left|right|pgup|pgdn|top|bottom",
	"scroll the screen (help, log, mix strips)", 1, 1, NULL, CMD_NOSONG,
	cmd_ui_front
};
const struct cmd_entry cmd_find_entry = {
	"find", "[TEXT]", "on Help and Log, go to the next line holding TEXT "
	"(any case; without TEXT, the last one again)", 0, 1, NULL,
	CMD_NOSONG, cmd_ui_front
};
const struct cmd_entry cmd_zoom_entry = {
	"zoom", "in|out|fit", "zoom the arrangement's time axis", 1, 1, NULL,
	0, cmd_ui_front
};
const struct cmd_entry cmd_view_entry = {
	"view", "grid|lanes", "the arrangement as tracks x sections (grid: "
	"again goes back) or as lanes", 1, 1, NULL, 0, cmd_ui_front
};
const struct cmd_entry cmd_lyrics_edit_entry = {
	"lyrics-edit", "SECTION", "edit a section's lyrics in $EDITOR (vi "
	"without one), a line a line", 1, 1, NULL, 0, cmd_ui_front
};
const struct cmd_entry cmd_cursor_entry = {
	"cursor", "left|right|bar-left|bar-right|start|end|playhead|TIME",
	"move the takes screen's cursor: a beat (a step without a tempo), a "
	"bar, or to a place", 1, 1, NULL, 0, cmd_ui_front
};
const struct cmd_entry cmd_mark_entry = {
	"mark", "[clear|bar|START END]", "start a selection at the cursor "
	"(moving extends it), clear it, select the bar, or START..END", 0, 2,
	NULL, 0, cmd_ui_front
};
const struct cmd_entry cmd_pick_entry = {
	"pick", "N", "put take N over the selection (comp), or make it the "
	"whole comp (take) when nothing is selected", 1, 1, NULL, 0,
	cmd_ui_front
};
const struct cmd_entry cmd_cycle_entry = {
	"cycle", "", "put the next take that covers the cursor in place of "
	"the one playing there", 0, 0, NULL, 0, cmd_ui_front
};
const struct cmd_entry cmd_range_entry = {
	"range", "in|out|clip|section|clear|START END",
	"the Arrangement's time selection: its start (in) or end (out) at "
	"the playhead, the clip or section there, none, or START..END", 1, 2,
	NULL, 0, cmd_ui_front
};
const struct cmd_entry cmd_form_entry = {
	"form", "[open [OP]|close|next|prev|next-op|prev-op|nudge STEPS|"
	"set KEY=VALUE|preview|apply]",
	"the editing form over the Arrangement's selection: an operation "
	"(denoise, strip-silence, stretch, shift...) and its parameters, "
	"previewed or applied", 0, 2, NULL, 0, cmd_ui_front
};
const struct cmd_entry cmd_quit_entry = {
	"quit", "[force]", "leave reel (asks first while recording)", 0, 1,
	NULL, CMD_NOSONG, cmd_ui_front
};
const struct cmd_entry cmd_lanes_entry = {
	"lanes", "[on|off|toggle]", "show or hide the automation lanes under "
	"the tracks on the arrangement", 0, 1, NULL, 0, cmd_ui_front
};
const struct cmd_entry cmd_redraw_entry = {
	"redraw", "", "redraw the whole screen", 0, 0, NULL, CMD_NOSONG,
	cmd_ui_front
};

/* toggle arm|mute|solo NAME: runs arm/disarm, mute/unmute, solo/unsolo
 * with their own checks. */
static int
cmd_toggle_exec(struct session *s, const struct cmd_args *a)
{
	struct track *t = cmd_track(s, a->argv[2]);
	const struct cmd_entry *ce;
	struct cmd_args b;
	const char *what = a->argv[1], *name;
	char *argv[2];

	if (t == NULL)
		return -1;
	if (strcmp(what, "arm") == 0)
		name = t->armed ? "disarm" : "arm";
	else if (strcmp(what, "mute") == 0)
		name = t->mute ? "unmute" : "mute";
	else if (strcmp(what, "solo") == 0)
		name = t->solo ? "unsolo" : "solo";
	else if (strcmp(what, "freeze") == 0)
		name = t->frozen[0] != '\0' ? "unfreeze" : "freeze";
	else
		return session_fail(s, "WHAT: expected arm, mute, solo or "
		    "freeze, got '%s'", what);
	ce = cmd_find(name);
	memset(&b, 0, sizeof b);
	argv[0] = (char *)name;
	argv[1] = t->name;
	b.argc = 2;
	b.argv = argv;
	return ce->exec(s, &b);
}

const struct cmd_entry cmd_toggle_entry = {
	"toggle", "arm|mute|solo|freeze NAME", "switch a track's arm, mute, "
	"solo or freeze",
	2, 2, NULL, CMD_SAVE | CMD_UPDATE, cmd_toggle_exec
};

static int
cmd_play_toggle_exec(struct session *s, const struct cmd_args *a)
{
	struct cmd_args b;
	char *argv[1] = { "play" };

	if (s->state != TRANSPORT_STOPPED) {
		transport_stop(s);
		return 0;
	}
	memset(&b, 0, sizeof b);
	b.argc = 1;
	b.argv = argv;
	return cmd_find("play")->exec(s, &b);
}

const struct cmd_entry cmd_play_toggle_entry = {
	"play-toggle", "", "play from the playhead, or stop when rolling", 0,
	0, NULL, 0, cmd_play_toggle_exec
};

/* nudge rating TRACK N DELTA: runs rate with the new rating, so that
 * the keys and the command check alike. */
static int
cmd_nudge_rating(struct session *s, const struct cmd_args *a)
{
	struct track *t;
	struct take *k;
	struct cmd_args b;
	char *argv[4], *end, num[16];
	long id;
	double d;
	int r;

	if (a->argc != 5)
		return session_fail(s, "usage: nudge rating TRACK N DELTA");
	if ((t = cmd_track(s, a->argv[2])) == NULL)
		return -1;
	id = strtol(a->argv[3], &end, 10);
	if (*end != '\0' || end == a->argv[3] || id < 1 ||
	    (k = project_take(t, (int)id)) == NULL)
		return session_fail(s, "N: track %s has no take '%s'",
		    t->name, a->argv[3]);
	if (cmd_parse_double(s, "DELTA", a->argv[4], -5, 5, &d) != 0)
		return -1;
	r = k->rating + (int)lround(d);
	r = r < 0 ? 0 : r > 5 ? 5 : r;
	snprintf(num, sizeof num, "%d", r);
	memset(&b, 0, sizeof b);
	argv[0] = "rate";
	argv[1] = t->name;
	argv[2] = a->argv[3];
	argv[3] = num;
	b.argc = 4;
	b.argv = argv;
	/* rate says what it did, and names the step. */
	return cmd_find("rate")->exec(s, &b);
}

/* nudge gain|pan NAME|master DELTA, nudge rating TRACK N DELTA */
static int
cmd_nudge_exec(struct session *s, const struct cmd_args *a)
{
	const char *what = a->argv[1];
	struct track *t = NULL;
	double d, v;

	if (strcmp(what, "rating") == 0)
		return cmd_nudge_rating(s, a);
	if (strcmp(what, "gain") != 0 && strcmp(what, "pan") != 0 &&
	    project_track(s->p, what) != NULL)
		return cmd_clip_nudge(s, a);
	if (strcmp(what, "gain") != 0 && strcmp(what, "pan") != 0)
		return session_fail(s, "WHAT: expected gain, pan, rating or a "
		    "track, got '%s'", what);
	if (a->argc != 4)
		return session_fail(s, "usage: nudge %s NAME DELTA", what);
	if (strcmp(a->argv[2], "master") != 0 || strcmp(what, "pan") == 0)
		if ((t = cmd_track(s, a->argv[2])) == NULL)
			return -1;
	if (cmd_parse_double(s, "DELTA", a->argv[3], -168, 168, &d) != 0)
		return -1;
	if (strcmp(what, "gain") == 0) {
		v = (t ? t->gain_db : s->p->master_gain_db) + d;
		/* Nudging down from the bottom of the fader stays there. */
		v = v < -144 ? -144 : v > 24 ? 24 : v;
		v = round(v * 10) / 10;
		cmd_gain_said(s, t ? t->name : "master", t ? t->gain_db :
		    s->p->master_gain_db, v);
		if (t != NULL)
			t->gain_db = v;
		else
			s->p->master_gain_db = v;
	} else {
		v = t->pan + d;
		v = v < -1 ? -1 : v > 1 ? 1 : v;
		v = round(v * 100) / 100;
		cmd_pan_said(s, t->name, t->pan, v);
		t->pan = v;
	}
	return 0;
}

const struct cmd_entry cmd_nudge_entry = {
	"nudge", "gain|pan|rating NAME|master [N] DELTA | TRACK TIME "
	"[+|-]FRAMES|beat|bar|grid",
	"change a gain (dB), a pan or take N's rating by DELTA; or move the "
	"clip at TIME by frames, a beat, a bar or the grid", 3, 4, NULL,
	CMD_SAVE | CMD_UPDATE, cmd_nudge_exec
};

/* seek +SECONDS|-SECONDS|+beat|-beat|+bar|-bar|start|end */
static int
cmd_seek_exec(struct session *s, const struct cmd_args *a)
{
	const char *v = a->argv[1];
	int64_t pos, d;

	if (s->state != TRANSPORT_STOPPED)
		return session_fail(s, "stop the transport first");
	if (strcmp(v, "start") == 0)
		pos = 0;
	else if (strcmp(v, "end") == 0)
		pos = project_length(s->p);
	else if ((v[0] == '+' || v[0] == '-') &&
	    (strcmp(v + 1, "marker") == 0 || strcmp(v + 1, "section") == 0)) {
		pos = cmd_section_seek(s, s->pos, v[0] == '+' ? 1 : -1,
		    v[1] == 'm');
		if (pos < 0)
			return session_fail(s, "DELTA: no %s %s the playhead",
			    v + 1, v[0] == '+' ? "after" : "before");
	} else if ((v[0] == '+' || v[0] == '-') && (strcmp(v + 1, "beat") == 0 ||
	    strcmp(v + 1, "bar") == 0)) {
		/* On the grid with a tempo; 1 s and 10 s without one. */
		bool bar = v[2] == 'a';

		if (s->p->tempo.n > 0)
			pos = tempo_step(&s->p->tempo, s->p->rate, s->pos,
			    v[0] == '+' ? 1 : -1, bar);
		else
			pos = s->pos + (v[0] == '+' ? 1 : -1) *
			    (int64_t)s->p->rate * (bar ? 10 : 1);
		if (pos < 0)
			pos = 0;
	} else if (v[0] == '+' || v[0] == '-') {
		if (cmd_parse_duration(s, "DELTA", v + 1, &d) != 0)
			return -1;
		pos = s->pos + (v[0] == '-' ? -d : d);
		if (pos < 0)
			pos = 0;
	} else
		return session_fail(s, "DELTA: expected +TIME, -TIME, +beat, "
		    "-beat, +bar, -bar, +marker, -marker, +section, -section, "
		    "start or end, got '%s'", v);
	s->pos = pos;
	cmd_locate_said(s);
	return 0;
}

const struct cmd_entry cmd_seek_entry = {
	"seek", "+TIME|-TIME|+beat|-beat|+bar|-bar|+marker|-marker|+section|"
	"-section|start|end",
	"move the playhead by TIME, to the next or previous beat, bar, "
	"marker or section start, or to the start or end", 1, 1, NULL, 0,
	cmd_seek_exec
};

static void
cmd_meters_db(float pk, char *buf, size_t size)
{
	if (pk <= 0.0f)
		snprintf(buf, size, "-inf");
	else
		snprintf(buf, size, "%.1f", 20.0 * log10(pk));
}

/* A track's input level: the loudest of its capture channels. */
static float
cmd_meters_input(const struct track *t, const float *in, int nin)
{
	float pk = 0.0f;
	int c;

	for (c = 0; c < t->channels; c++)
		if (t->in[c] >= 1 && t->in[c] <= nin && in[t->in[c] - 1] > pk)
			pk = in[t->in[c] - 1];
	return pk;
}

/* The peaks since they were last taken (by this command or the screen):
 * what each track plays, and for an armed track what comes in. */
static int
cmd_meters_exec(struct session *s, const struct cmd_args *a)
{
	float in[MIXER_MAX_INPUTS], pk, pl, pr;
	char db[32], l[32], r[32], inbuf[128];
	int i, nin;

	if (s->eng == NULL)
		return session_fail(s, "no device is open (play, record or "
		    "arming a track opens it)");
	nin = engine_inputs(s->eng);
	for (i = 0; i < nin; i++)
		in[i] = engine_input_peak(s->eng, i);
	for (i = 0; i < s->p->ntracks && i < MIXER_MAX_TRACKS; i++) {
		const struct track *t = &s->p->tracks[i];

		pk = engine_track_peak(s->eng, i);
		cmd_meters_db(pk, db, sizeof db);
		inbuf[0] = '\0';
		if (t->armed) {
			float ip = cmd_meters_input(t, in, nin);

			cmd_meters_db(ip, l, sizeof l);
			snprintf(inbuf, sizeof inbuf, ", input %s dBFS%s%s",
			    l, ip >= 1.0f ? " clip" : "", nin == 0 ?
			    " (no capture device)" : "");
		}
		session_msg(s, MSG_OUT, "%-12s %6s dBFS%s%s", t->name, db,
		    pk >= 1.0f ? " clip" : "", inbuf);
	}
	pl = engine_master_peak(s->eng, 0);
	pr = engine_master_peak(s->eng, 1);
	cmd_meters_db(pl > pr ? pl : pr, db, sizeof db);
	cmd_meters_db(pl, l, sizeof l);
	cmd_meters_db(pr, r, sizeof r);
	session_msg(s, MSG_OUT, "%-12s %6s dBFS (left %s, right %s)%s",
	    "master", db, l, r, pl >= 1.0f || pr >= 1.0f ? " clip" : "");
	return 0;
}

const struct cmd_entry cmd_meters_entry = {
	"meters", "", "say each track's and the master's peak level since "
	"last asked, and an armed track's input level", 0, 0, NULL, 0,
	cmd_meters_exec
};
