/* cmd_track.c - commands that add, remove and set up tracks. */
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

static int
cmd_track_parse_role(struct session *s, const char *v)
{
	int i;

	for (i = 0; project_roles[i] != NULL; i++)
		if (strcmp(v, project_roles[i]) == 0)
			return 0;
	return session_fail(s, "role: expected none, lead, rhythm, harmony, "
	    "pad, bass, drums, fx, vocal or keys, got '%s'", v);
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
	if (role != NULL && cmd_track_parse_role(s, role) != 0)
		return -1;
	if (s->p->ntracks >= MIXER_MAX_TRACKS)
		return session_fail(s, "a project has at most %d tracks",
		    MIXER_MAX_TRACKS);
	project_track_add(s->p, a->argv[1], channels, inputs, role);
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

	if (t == NULL || cmd_track_parse_inputs(s, a->argv[2], &channels,
	    in) != 0)
		return -1;
	if (t->ntakes > 0 && channels != t->channels)
		return session_fail(s, "track %s has %s takes; it cannot "
		    "change to %s", t->name, t->channels == 1 ? "mono" :
		    "stereo", channels == 1 ? "mono" : "stereo");
	if (cmd_idle(s) != 0)
		return -1;
	t->channels = channels;
	t->in[0] = in[0];
	t->in[1] = in[1];
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

	if (t == NULL || cmd_track_parse_role(s, a->argv[2]) != 0)
		return -1;
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
		if (on && t->in[0] < 1)
			return session_fail(s, "track %s has no input; give "
			    "it one with 'track-input %s N'", t->name,
			    t->name);
		if (s->state == TRANSPORT_RECORDING)
			return session_fail(s, "cannot change arming while "
			    "recording");
		t->armed = on;
	} else if (strstr(cmd, "mute") != NULL)
		t->mute = on;
	else
		t->solo = on;
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
