/* cmd_transport.c - locate, play, record, stop, where. */
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "session.h"

static int
cmd_locate_exec(struct session *s, const struct cmd_args *a)
{
	int64_t pos;

	if (cmd_parse_time(s, "TIME", a->argv[1], &pos) != 0)
		return -1;
	if (s->state != TRANSPORT_STOPPED)
		return session_fail(s, "stop the transport first");
	s->pos = pos;
	cmd_locate_said(s);
	return 0;
}

void
cmd_locate_said(struct session *s)
{
	char at[64];

	cmd_text_time(s, s->pos, at, sizeof at);
	session_said(s, "at %s", at);
}

const struct cmd_entry cmd_locate_entry = {
	"locate", "TIME", "move the playhead (seconds, m:ss.fff or BAR|BEAT)",
	1, 1, NULL, 0, cmd_locate_exec
};

static int
cmd_play_exec(struct session *s, const struct cmd_args *a)
{
	int64_t len = INT64_MAX;

	if (a->argc > 1 && cmd_parse_duration(s, "DURATION", a->argv[1],
	    &len) != 0)
		return -1;
	if (a->argc == 1 && !s->interactive) {
		/* A script plays to the end of the project. */
		len = project_length(s->p) - s->pos;
		if (len <= 0)
			return session_fail(s, "nothing to play after the "
			    "playhead (give a DURATION)");
	}
	if (transport_play(s, len) != 0)
		return -1;
	return transport_script_wait(s);
}

const struct cmd_entry cmd_play_entry = {
	"play", "[DURATION]", "play from the playhead (for DURATION, or to "
	"the end in a script, or until stop)", 0, 1, NULL, 0, cmd_play_exec
};

static int
cmd_record_exec(struct session *s, const struct cmd_args *a)
{
	int64_t len = INT64_MAX;

	if (a->argc > 1 && cmd_parse_duration(s, "DURATION", a->argv[1],
	    &len) != 0)
		return -1;
	if (transport_record(s, len) != 0)
		return -1;
	return transport_script_wait(s);
}

const struct cmd_entry cmd_record_entry = {
	"record", "[DURATION]", "record every armed track from the playhead, "
	"a new take each pass, while the others play", 0, 1, NULL, 0,
	cmd_record_exec
};

static int
cmd_stop_exec(struct session *s, const struct cmd_args *a)
{
	transport_stop(s);
	return 0;
}

const struct cmd_entry cmd_stop_entry = {
	"stop", "", "stop playing or recording (takes are kept)", 0, 0, NULL,
	0, cmd_stop_exec
};

static int
cmd_where_exec(struct session *s, const struct cmd_args *a)
{
	char t[32], b[32];
	int64_t pos = transport_position(s);

	timefmt_format(pos, s->p->rate, t, sizeof t);
	timefmt_format_bars(pos, s->p->rate, &s->p->tempo, b, sizeof b);
	session_msg(s, MSG_OUT, "%s%s%s", t, s->p->tempo.n ? " bar " : "",
	    s->p->tempo.n ? b : "");
	return 0;
}

const struct cmd_entry cmd_where_entry = {
	"where", "", "say the playhead position", 0, 0, NULL, 0,
	cmd_where_exec
};
