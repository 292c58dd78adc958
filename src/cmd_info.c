/* cmd_info.c - info, status, takes, take, save, help. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cmd.h"
#include "monitor.h"
#include "session.h"
#include "util.h"

static const char *
cmd_info_format(int f)
{
	return f == 0 ? "wav16" : f == 1 ? "wav24" : "wav32f";
}

/* Take files that are not there (or not regular files): one line each,
 * with the takes that play from it (the passes of a loop share a file).
 * Such a take plays as silence and a render refuses to run. */
static void
cmd_info_missing(struct session *s)
{
	struct project *p = s->p;
	struct stat st;
	char ids[128];
	int i, j, k;
	size_t at;

	for (i = 0; i < p->ntracks; i++) {
		struct track *t = &p->tracks[i];

		for (j = 0; j < t->ntakes; j++) {
			const char *f = t->takes[j].file;
			char *path;
			bool seen = false, there;

			for (k = 0; k < j && !seen; k++)
				seen = strcmp(t->takes[k].file, f) == 0;
			if (seen)
				continue;
			path = project_path(p, f);
			there = stat(path, &st) == 0 && S_ISREG(st.st_mode);
			free(path);
			if (there)
				continue;
			at = 0;
			ids[0] = '\0';
			for (k = j; k < t->ntakes && at < sizeof ids; k++)
				if (strcmp(t->takes[k].file, f) == 0)
					at += (size_t)snprintf(ids + at,
					    sizeof ids - at, "%s%d",
					    at ? ", " : "", t->takes[k].id);
			session_msg(s, MSG_OUT, "missing  %s (%s %s %s)", f,
			    t->name, strchr(ids, ',') ? "takes" : "take", ids);
		}
	}
}

/* Every route other than to the master, and every send, one a line. */
static void
cmd_info_routing(struct session *s)
{
	struct project *p = s->p;
	int i, j;

	for (i = 0; i < p->ntracks + p->nbuses; i++) {
		const struct routing *rt = i < p->ntracks ?
		    &p->tracks[i].rt : &p->buses[i - p->ntracks].rt;
		const char *name = i < p->ntracks ? p->tracks[i].name :
		    p->buses[i - p->ntracks].name;

		if (rt->out[0] != '\0')
			session_msg(s, MSG_OUT, "route    %s -> %s", name,
			    rt->out);
		for (j = 0; j < rt->nsends; j++)
			session_msg(s, MSG_OUT, "send     %s -> %s %+.2f dB "
			    "%s", name, rt->sends[j].bus, rt->sends[j].db,
			    rt->sends[j].pre ? "pre" : "post");
	}
}

static int
cmd_info_exec(struct session *s, const struct cmd_args *a)
{
	struct project *p = s->p;
	char len[32], gain[16], in[16], takes[32];
	int i;

	timefmt_format(project_length(p), p->rate, len, sizeof len);
	session_msg(s, MSG_OUT, "project  %s%s", p->dir,
	    p->readonly ? " (read-only)" : "");
	session_msg(s, MSG_OUT, "rate     %d Hz, takes %s", p->rate,
	    cmd_info_format(p->take_format));
	session_msg(s, MSG_OUT, "length   %s (%lld frames)", len,
	    (long long)project_length(p));
	if (p->tempo.n > 0)
		session_msg(s, MSG_OUT, "tempo    %g BPM %d/%d",
		    p->tempo.seg[0].bpm, p->tempo.seg[0].num,
		    p->tempo.seg[0].den);
	session_msg(s, MSG_OUT, "master   %+.1f dB", p->master_gain_db);
	session_msg(s, MSG_OUT, "tracks   %d", p->ntracks);
	if (p->ntracks > 0)
		session_msg(s, MSG_OUT, "  %-12s %-7s %-7s %-6s %8s %6s %-9s "
		    "%s", "name", "role", "in", "ch", "gain", "pan", "state",
		    "takes");
	for (i = 0; i < p->ntracks; i++) {
		const struct track *t = &p->tracks[i];

		snprintf(gain, sizeof gain, "%+.1fdB", t->gain_db);
		if (t->in[0] == 0)
			snprintf(in, sizeof in, "-");
		else if (t->channels == 2)
			snprintf(in, sizeof in, "%d,%d", t->in[0], t->in[1]);
		else
			snprintf(in, sizeof in, "%d", t->in[0]);
		if (t->active)
			snprintf(takes, sizeof takes, "%d (active %d)",
			    t->ntakes, t->active);
		else
			snprintf(takes, sizeof takes, "%d", t->ntakes);
		session_msg(s, MSG_OUT, "  %-12s %-7s %-7s %-6s %8s %+6.2f "
		    "%-9s %s", t->name, t->role, in,
		    t->channels == 2 ? "stereo" : "mono", gain,
		    t->pan, t->mute ? "mute" : t->solo ? "solo" :
		    t->armed ? "armed" : "-", takes);
	}
	if (p->nbuses > 0)
		session_msg(s, MSG_OUT, "buses    %d", p->nbuses);
	for (i = 0; i < p->nbuses; i++) {
		const struct bus *b = &p->buses[i];

		snprintf(gain, sizeof gain, "%+.1fdB", b->gain_db);
		session_msg(s, MSG_OUT, "  %-12s %8s %+6.2f %-5s %d inserts",
		    b->name, gain, b->pan, b->mute ? "mute" : b->solo ?
		    "solo" : "-", b->fx.n);
	}
	cmd_info_routing(s);
	cmd_info_missing(s);
	cmd_plugin_missing(s, MSG_OUT);
	return 0;
}

const struct cmd_entry cmd_info_entry = {
	"info", "", "show the project: rate, length, every track and bus, "
	"routes and sends", 0, 0,
	NULL, 0, cmd_info_exec
};

static int
cmd_status_exec(struct session *s, const struct cmd_args *a)
{
	char t[32], b[32], left[32];
	int64_t pos = transport_position(s), frames;
	int i, chans = 0;

	for (i = 0; i < s->p->ntracks; i++)
		if (s->p->tracks[i].armed)
			chans += s->p->tracks[i].channels;
	timefmt_format(pos, s->p->rate, t, sizeof t);
	timefmt_format_bars(pos, s->p->rate, &s->p->tempo, b, sizeof b);
	frames = project_disk_frames(s->p, chans,
	    (int64_t)s->cfg.disk_reserve_mb << 20);
	if (chans == 0 || frames < 0)
		snprintf(left, sizeof left, "-");
	else
		timefmt_format(frames, s->p->rate, left, sizeof left);
	session_msg(s, MSG_OUT, "%s at %s%s%s, xruns %lld, device %s, "
	    "record time left %s",
	    s->state == TRANSPORT_RECORDING ? "recording" :
	    s->state == TRANSPORT_PLAYING ? "playing" : "stopped", t,
	    s->p->tempo.n ? " bar " : "", s->p->tempo.n ? b : "",
	    s->eng ? (long long)engine_xruns(s->eng) : 0LL,
	    s->dev ? s->device_note : "closed", left);
	/* The monitor path, when it is not the mix as it is. */
	if (s->listen != 0 || s->ab_ref)
		session_msg(s, MSG_OUT, "listening through %s%s",
		    monitor_listen_names[s->listen], s->ab_ref ?
		    ", hearing the reference" : "");
	return 0;
}

const struct cmd_entry cmd_status_entry = {
	"status", "", "say the transport state, position, xruns, device and "
	"record time left", 0, 0, NULL, 0, cmd_status_exec
};

static int
cmd_save_exec(struct session *s, const struct cmd_args *a)
{
	if (s->p->readonly)
		return session_fail(s, "the project is read-only");
	if (session_save(s) != 0)
		return -1;
	session_said(s, "saved");
	return 0;
}

const struct cmd_entry cmd_save_entry = {
	"save", "", "save the project now (every change is saved anyway)", 0,
	0, NULL, 0, cmd_save_exec
};

static int
cmd_undo_exec(struct session *s, const struct cmd_args *a)
{
	return session_undo(s, strcmp(a->argv[0], "redo") == 0);
}

const struct cmd_entry cmd_undo_entry = {
	"undo", "", "undo the last change and say what it was (the history "
	"is kept in the project; take files are never deleted)", 0, 0, NULL,
	CMD_NOSONG, cmd_undo_exec
};
const struct cmd_entry cmd_redo_entry = {
	"redo", "", "redo what undo undid, and say what it was", 0, 0, NULL,
	CMD_NOSONG, cmd_undo_exec
};

static int
cmd_help_exec(struct session *s, const struct cmd_args *a)
{
	const struct cmd_entry *ce;
	int i;

	if (a->argc > 1) {
		ce = cmd_find(a->argv[1]);
		if (ce == NULL)
			return session_fail(s, "no command '%s'", a->argv[1]);
		session_msg(s, MSG_OUT, "%s %s", ce->name, ce->usage);
		session_msg(s, MSG_OUT, "  %s", ce->help);
		return 0;
	}
	for (i = 0; cmd_table[i] != NULL; i++)
		session_msg(s, MSG_OUT, "%-13s %s", cmd_table[i]->name,
		    cmd_table[i]->help);
	return 0;
}

const struct cmd_entry cmd_help_entry = {
	"help", "[COMMAND]", "list the commands, or show one's usage", 0, 1,
	NULL, CMD_NOSONG, cmd_help_exec
};
