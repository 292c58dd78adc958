/* cmd_track.c - commands that add, remove and set up tracks. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "session.h"
#include "util.h"

/* "1" or "1,2": inputs from 1. */
static int
cmd_track_parse_inputs(struct session *s, const char *v, int *channels,
    int in[2])
{
	int a, b, n;

	if (sscanf(v, "%d,%d%n", &a, &b, &n) == 2 && v[n] == '\0' &&
	    a >= 1 && a <= 256 && b >= 1 && b <= 256) {
		*channels = 2;
		in[0] = a;
		in[1] = b;
		return 0;
	}
	if (sscanf(v, "%d%n", &a, &n) == 1 && v[n] == '\0' && a >= 1 &&
	    a <= 256) {
		*channels = 1;
		in[0] = a;
		in[1] = 0;
		return 0;
	}
	return session_fail(s, "in: expected an input N or a pair N,M "
	    "counting from 1, got '%s'", v);
}

/* A track added without in= takes the lowest input (or pair) no other
 * track uses, as a desk patches the next free line; on an open device
 * with every input taken it shares input 1. */
static void
cmd_track_next_input(struct session *s, int channels, int in[2])
{
	int max = s->dev != NULL && s->dev->cap != NULL ? s->dev->cch_max :
	    PROJECT_TRACKS_MAX * 2, a, c, i;
	bool used;

	for (a = 1; a + channels - 1 <= max; a++) {
		used = false;
		for (i = 0; i < s->p->ntracks && !used; i++) {
			const struct track *t = &s->p->tracks[i];

			for (c = 0; c < channels; c++)
				used = used || t->in[0] == a + c ||
				    (t->channels == 2 && t->in[1] == a + c);
		}
		if (!used)
			break;
	}
	if (a + channels - 1 > max)
		a = 1;
	in[0] = a;
	in[1] = channels == 2 ? a + 1 : 0;
}

/* "input 1", "inputs 1,2", "no input". */
static void
cmd_track_inputs_text(int channels, const int in[2], char *buf, size_t size)
{
	if (in[0] < 1)
		snprintf(buf, size, "no input");
	else if (channels == 2)
		snprintf(buf, size, "inputs %d,%d", in[0], in[1]);
	else
		snprintf(buf, size, "input %d", in[0]);
}

/* The device's inputs are known once its capture side is open: an input
 * it does not have is refused then.  Before (a script that has not played
 * or recorded yet), inputs 1 and 2 are taken on trust -- reel opens at
 * least two -- and a higher one with a note: recording checks it. */
static int
cmd_track_check_inputs(struct session *s, const char *name, int channels,
    const int in[2])
{
	int hi = channels == 2 && in[1] > in[0] ? in[1] : in[0];

	if (s->dev != NULL && s->dev->cap != NULL) {
		if (hi > s->dev->cch_max)
			return session_fail(s, "in: input %d, but capture "
			    "device '%s' has %d", hi, s->dev->cap_name,
			    s->dev->cch_max);
		return 0;
	}
	if (hi > 2)
		session_msg(s, MSG_NOTE, "%s: track %s: input %d is checked "
		    "when the device opens for recording", s->cmd_name, name,
		    hi);
	return 0;
}

static int
cmd_track_parse_role(struct session *s, const char *what, const char *v)
{
	char list[256];
	size_t len = 0;
	int i;

	for (i = 0; project_roles[i] != NULL; i++)
		if (strcmp(v, project_roles[i]) == 0)
			return 0;
	for (i = 0; project_roles[i] != NULL && len < sizeof list; i++)
		len += snprintf(list + len, sizeof list - len, "%s%s",
		    i == 0 ? "" : project_roles[i + 1] != NULL ? ", " : " or ",
		    project_roles[i]);
	return session_fail(s, "%s: expected %s, got '%s'", what, list, v);
}

static int
cmd_track_add_exec(struct session *s, const struct cmd_args *a)
{
	const char *in = cmd_key(a, "in"), *role = cmd_key(a, "role");
	const char *ch = cmd_key(a, "channels");
	int channels = 1, inputs[2] = { 0, 0 };
	char err[256];

	if (project_name_ok(a->argv[1], err, sizeof err) != 0)
		return session_fail(s, "NAME: %s", err);
	if (project_track(s->p, a->argv[1]) != NULL ||
	    project_bus(s->p, a->argv[1]) != NULL)
		return session_fail(s, "a %s named '%s' exists already",
		    project_bus(s->p, a->argv[1]) != NULL ? "bus" : "track",
		    a->argv[1]);
	if (in != NULL && cmd_track_parse_inputs(s, in, &channels,
	    inputs) != 0)
		return -1;
	if (ch != NULL) {
		if (strcmp(ch, "1") != 0 && strcmp(ch, "2") != 0)
			return session_fail(s, "channels: expected 1 or 2, "
			    "got '%s'", ch);
		if (in != NULL && atoi(ch) != channels)
			return session_fail(s, "channels=%s does not match "
			    "in=%s", ch, in);
		channels = atoi(ch);
	}
	if (role != NULL && cmd_track_parse_role(s, "role", role) != 0)
		return -1;
	if (s->p->ntracks >= PROJECT_TRACKS_MAX)
		return session_fail(s, "a project has at most %d tracks",
		    PROJECT_TRACKS_MAX);
	if (in == NULL)
		cmd_track_next_input(s, channels, inputs);
	if (in != NULL && cmd_track_check_inputs(s, a->argv[1], channels,
	    inputs) != 0)
		return -1;
	project_track_add(s->p, a->argv[1], channels, inputs, role);
	cmd_track_inputs_text(channels, inputs, err, sizeof err);
	session_said(s, "track %s added, %s, %s", a->argv[1], channels == 2 ?
	    "stereo" : "mono", err);
	return 0;
}

const struct cmd_entry cmd_track_add_entry = {
	"track-add", "NAME [in=N|in=N,M] [role=ROLE] [channels=1|2]",
	"add a track; one input makes it mono, two stereo", 1, 1,
	"in,role,channels", CMD_SAVE | CMD_UPDATE, cmd_track_add_exec
};

static int
cmd_idle(struct session *s)
{
	if (s->state != TRANSPORT_STOPPED)
		return session_fail(s, "stop the transport first");
	return 0;
}

static int
cmd_track_remove_exec(struct session *s, const struct cmd_args *a)
{
	int i = project_track_index(s->p, a->argv[1]);

	if (i < 0)
		return session_fail(s, "no track named '%s'", a->argv[1]);
	if (cmd_idle(s) != 0)
		return -1;
	/* Takes stay on disk: removing a track never deletes audio. */
	session_said(s, "track %s removed (its takes stay in audio/)",
	    s->p->tracks[i].name);
	project_track_remove(s->p, i);
	return 0;
}

const struct cmd_entry cmd_track_remove_entry = {
	"track-remove", "NAME",
	"remove a track from the project (its take files stay in audio/)",
	1, 1, NULL, CMD_SAVE | CMD_UPDATE, cmd_track_remove_exec
};

static int
cmd_track_rename_exec(struct session *s, const struct cmd_args *a)
{
	struct track *t = cmd_track(s, a->argv[1]);
	char err[256];

	if (t == NULL)
		return -1;
	if (project_name_ok(a->argv[2], err, sizeof err) != 0)
		return session_fail(s, "NEW: %s", err);
	if (project_track(s->p, a->argv[2]) != NULL ||
	    project_bus(s->p, a->argv[2]) != NULL)
		return session_fail(s, "a %s named '%s' exists already",
		    project_bus(s->p, a->argv[2]) != NULL ? "bus" : "track",
		    a->argv[2]);
	session_said(s, "track %s renamed %s", t->name, a->argv[2]);
	strlcpy_(t->name, a->argv[2], sizeof t->name);
	return 0;
}

const struct cmd_entry cmd_track_rename_entry = {
	"track-rename", "NAME NEW", "rename a track", 2, 2, NULL,
	CMD_SAVE, cmd_track_rename_exec
};

static int
cmd_track_input_exec(struct session *s, const struct cmd_args *a)
{
	struct track *t = cmd_track(s, a->argv[1]);
	int channels, in[2];
	char was[32], now[32];

	if (t == NULL || cmd_track_parse_inputs(s, a->argv[2], &channels,
	    in) != 0)
		return -1;
	if (t->ntakes > 0 && channels != t->channels)
		return session_fail(s, "track %s has %s takes; it cannot "
		    "change to %s", t->name, t->channels == 1 ? "mono" :
		    "stereo", channels == 1 ? "mono" : "stereo");
	if (cmd_idle(s) != 0 || cmd_track_check_inputs(s, t->name, channels,
	    in) != 0)
		return -1;
	cmd_track_inputs_text(t->channels, t->in, was, sizeof was);
	t->channels = channels;
	t->in[0] = in[0];
	t->in[1] = in[1];
	cmd_track_inputs_text(t->channels, t->in, now, sizeof now);
	session_step(s, "track-input %s %s -> %s", t->name, was, now);
	session_said(s, "%s records from %s", t->name, now);
	return 0;
}

const struct cmd_entry cmd_track_input_entry = {
	"track-input", "NAME N|N,M", "set the inputs a track records from",
	2, 2, NULL, CMD_SAVE | CMD_UPDATE, cmd_track_input_exec
};

static int
cmd_role_exec(struct session *s, const struct cmd_args *a)
{
	struct track *t = cmd_track(s, a->argv[1]);

	if (t == NULL || cmd_track_parse_role(s, "ROLE", a->argv[2]) != 0)
		return -1;
	session_step(s, "role %s %s -> %s", t->name, t->role[0] ? t->role :
	    "none", a->argv[2]);
	session_said(s, "%s role %s", t->name, a->argv[2]);
	strlcpy_(t->role, a->argv[2], sizeof t->role);
	return 0;
}

const struct cmd_entry cmd_role_entry = {
	"role", "NAME ROLE", "set a track's role (lead, rhythm, harmony, pad, "
	"bass, drums, fx, vocal, keys, none)", 2, 2, NULL, CMD_SAVE,
	cmd_role_exec
};

/* arm, disarm, mute, unmute, solo, unsolo: a flag of one track. */
static int
cmd_track_flag(struct session *s, const struct cmd_args *a)
{
	const char *cmd = a->argv[0];
	struct bus *b = project_bus(s->p, a->argv[1]);
	struct track *t;
	bool on = strncmp(cmd, "un", 2) != 0 && strcmp(cmd, "disarm") != 0;

	/* A bus mutes and solos like a track. */
	if (b != NULL && strstr(cmd, "arm") == NULL) {
		if (strstr(cmd, "mute") != NULL)
			b->mute = on;
		else
			b->solo = on;
		return 0;
	}
	if ((t = cmd_track(s, a->argv[1])) == NULL)
		return -1;
	if (strstr(cmd, "arm") != NULL) {
		if (on && cmd_unfrozen(s, t) != 0)
			return -1;
		if (on && t->in[0] < 1)
			return session_fail(s, "track %s has no input; give "
			    "it one with 'track-input %s N'", t->name,
			    t->name);
		if (s->state == TRANSPORT_RECORDING)
			return session_fail(s, "cannot change arming while "
			    "recording");
		t->armed = on;
		if (on)
			listen_start(s);
	} else if (strstr(cmd, "mute") != NULL)
		t->mute = on;
	else
		t->solo = on;
	/* toggle runs these too: the step is named by what it did. */
	session_step(s, "%s %s", cmd, t->name);
	session_said(s, "%s%s %s", cmd, cmd[strlen(cmd) - 1] == 'e' ? "d" :
	    "ed", t->name);
	return 0;
}

const struct cmd_entry cmd_arm_entry = {
	"arm", "NAME", "arm a track for recording", 1, 1, NULL,
	CMD_SAVE | CMD_UPDATE, cmd_track_flag
};
const struct cmd_entry cmd_disarm_entry = {
	"disarm", "NAME", "disarm a track", 1, 1, NULL,
	CMD_SAVE | CMD_UPDATE, cmd_track_flag
};
const struct cmd_entry cmd_mute_entry = {
	"mute", "NAME", "mute a track or bus", 1, 1, NULL, CMD_SAVE | CMD_UPDATE,
	cmd_track_flag
};
const struct cmd_entry cmd_unmute_entry = {
	"unmute", "NAME", "unmute a track", 1, 1, NULL,
	CMD_SAVE | CMD_UPDATE, cmd_track_flag
};
const struct cmd_entry cmd_solo_entry = {
	"solo", "NAME", "solo a track or bus (the others fall silent; the "
	"buses it feeds stay)", 1, 1, NULL,
	CMD_SAVE | CMD_UPDATE, cmd_track_flag
};
const struct cmd_entry cmd_unsolo_entry = {
	"unsolo", "NAME", "unsolo a track", 1, 1, NULL,
	CMD_SAVE | CMD_UPDATE, cmd_track_flag
};

void
cmd_gain_said(struct session *s, const char *name, double from, double to)
{
	char param[64], a[32], b[32];

	cmd_text_db(from, a, sizeof a);
	cmd_text_db(to, b, sizeof b);
	snprintf(param, sizeof param, "gain %s", name);
	session_burst(s, param, a, b);
	session_said(s, "%s gain %s", name, b);
}

void
cmd_pan_said(struct session *s, const char *name, double from, double to)
{
	char param[64], a[32], b[32];

	cmd_text_pan(from, a, sizeof a);
	cmd_text_pan(to, b, sizeof b);
	snprintf(param, sizeof param, "pan %s", name);
	session_burst(s, param, a, b);
	session_said(s, "%s pan %s", name, b);
}

static int
cmd_gain_exec(struct session *s, const struct cmd_args *a)
{
	struct track *t = NULL;
	struct bus *b = project_bus(s->p, a->argv[1]);
	double db;

	if (strcmp(a->argv[1], "master") != 0 && b == NULL &&
	    (t = cmd_track(s, a->argv[1])) == NULL)
		return -1;
	if (cmd_parse_double(s, "DB", a->argv[2], -144, 24, &db) != 0)
		return -1;
	cmd_gain_said(s, t ? t->name : b ? b->name : "master", t ?
	    t->gain_db : b ? b->gain_db : s->p->master_gain_db, db);
	if (t != NULL)
		t->gain_db = db;
	else if (b != NULL)
		b->gain_db = db;
	else
		s->p->master_gain_db = db;
	return 0;
}

const struct cmd_entry cmd_gain_entry = {
	"gain", "NAME|master DB", "set a track's, a bus's or the master's "
	"gain in dB, -144 to +24", 2, 2, NULL, CMD_SAVE | CMD_UPDATE, cmd_gain_exec
};

static int
cmd_pan_exec(struct session *s, const struct cmd_args *a)
{
	struct bus *b = project_bus(s->p, a->argv[1]);
	struct track *t = NULL;
	double p;

	if ((b == NULL && (t = cmd_track(s, a->argv[1])) == NULL) ||
	    cmd_parse_double(s, "P", a->argv[2], -1, 1, &p) != 0)
		return -1;
	cmd_pan_said(s, b ? b->name : t->name, b ? b->pan : t->pan, p);
	if (b != NULL)
		b->pan = p;
	else
		t->pan = p;
	return 0;
}

const struct cmd_entry cmd_pan_entry = {
	"pan", "NAME P", "pan a track or bus from -1 (left) to 1 (right); "
	"stereo tracks and buses balance", 2, 2, NULL, CMD_SAVE | CMD_UPDATE, cmd_pan_exec
};
