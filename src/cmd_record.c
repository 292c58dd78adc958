/* cmd_record.c - loop, punch, pre-roll, count-in, click, monitoring. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "pan.h"
#include "session.h"

static int
cmd_record_idle(struct session *s)
{
	if (s->state != TRANSPORT_STOPPED)
		return session_fail(s, "stop the transport first");
	return 0;
}

/* "0:30.000 to 0:45.000", or "off". */
static void
cmd_loop_text(struct session *s, char *buf, size_t size)
{
	if (s->p->loop_end == 0)
		snprintf(buf, size, "off");
	else
		cmd_text_range(s, s->p->loop_start, s->p->loop_end, buf,
		    size);
}

/* The step of a loop change: "loop off -> 0:30.000 to 0:45.000". */
static void
cmd_loop_said(struct session *s, const char *was)
{
	char now[96];

	cmd_loop_text(s, now, sizeof now);
	session_step(s, "loop %s -> %s", was, now);
	session_said(s, "loop %s", now);
}

static int
cmd_loop_exec(struct session *s, const struct cmd_args *a)
{
	int64_t start, end;
	char was[96];

	cmd_loop_text(s, was, sizeof was);
	if (a->argc == 2 && strcmp(a->argv[1], "off") == 0) {
		if (cmd_record_idle(s) != 0)
			return -1;
		s->p->loop_start = s->p->loop_end = 0;
		cmd_loop_said(s, was);
		return 0;
	}
	if (a->argc != 3)
		return session_fail(s, "usage: loop START END | loop off");
	if (cmd_parse_time(s, "START", a->argv[1], &start) != 0 ||
	    cmd_parse_time(s, "END", a->argv[2], &end) != 0)
		return -1;
	if (end <= start)
		return session_fail(s, "END must be after START");
	if (cmd_record_idle(s) != 0)
		return -1;
	s->p->loop_start = start;
	s->p->loop_end = end;
	cmd_loop_said(s, was);
	return 0;
}

const struct cmd_entry cmd_loop_entry = {
	"loop", "START END | off", "set the loop (recording in it makes a "
	"take per pass) or clear it", 1, 2, NULL, CMD_SAVE, cmd_loop_exec
};

static int
cmd_punch_exec(struct session *s, const struct cmd_args *a)
{
	int64_t in, out = INT64_MAX;

	if (cmd_parse_time(s, "START", a->argv[1], &in) != 0 ||
	    (a->argc > 2 && cmd_parse_time(s, "END", a->argv[2], &out) != 0))
		return -1;
	if (out <= in)
		return session_fail(s, "END must be after START");
	if (transport_punch(s, in, out) != 0)
		return -1;
	return transport_script_wait(s);
}

const struct cmd_entry cmd_punch_entry = {
	"punch", "START [END]", "record the armed tracks over START..END only "
	"(no END: from START until stopped), rolling from the pre-roll, and "
	"comp the new take in", 1, 2, NULL, 0, cmd_punch_exec
};

static int
cmd_preroll_exec(struct session *s, const struct cmd_args *a)
{
	double sec;

	if (cmd_parse_double(s, "SECONDS", a->argv[1], 0, 60, &sec) != 0)
		return -1;
	session_step(s, "preroll %g s -> %g s", s->p->preroll, sec);
	session_said(s, "pre-roll %g s", sec);
	s->p->preroll = sec;
	return 0;
}

const struct cmd_entry cmd_preroll_entry = {
	"preroll", "SECONDS", "seconds rolled before a punch-in (0 to 60)", 1,
	1, NULL, CMD_SAVE, cmd_preroll_exec
};

static int
cmd_count_in_exec(struct session *s, const struct cmd_args *a)
{
	char *end;
	long n = strtol(a->argv[1], &end, 10);

	if (*end != '\0' || end == a->argv[1] || n < 0 || n > 16)
		return session_fail(s, "BARS: expected 0 to 16, got '%s'",
		    a->argv[1]);
	session_step(s, "count-in %d -> %ld bars", s->p->count_in, n);
	if (n == 0)
		session_said(s, "count-in off");
	else
		session_said(s, "count-in %ld bar%s", n, n == 1 ? "" : "s");
	s->p->count_in = (int)n;
	return 0;
}

const struct cmd_entry cmd_count_in_entry = {
	"count-in", "BARS", "bars of click before a recording starts (0: "
	"none)", 1, 1, NULL, CMD_SAVE, cmd_count_in_exec
};

static int
cmd_click_exec(struct session *s, const struct cmd_args *a)
{
	session_step(s, "click %s -> %s", s->p->click ? "on" : "off",
	    a->argv[1]);
	session_said(s, "click %s", a->argv[1]);
	if (strcmp(a->argv[1], "on") == 0)
		s->p->click = true;
	else if (strcmp(a->argv[1], "off") == 0)
		s->p->click = false;
	else
		return session_fail(s, "expected on or off, got '%s'",
		    a->argv[1]);
	if (s->p->click && s->p->tempo.n == 0)
		session_msg(s, MSG_NOTE, "the click needs a tempo: set one "
		    "with 'tempo BPM'");
	return 0;
}

const struct cmd_entry cmd_click_entry = {
	"click", "on|off", "the metronome while rolling (never in a render "
	"unless asked)", 1, 1, NULL, CMD_SAVE | CMD_UPDATE, cmd_click_exec
};

static int
cmd_click_level_exec(struct session *s, const struct cmd_args *a)
{
	double db;
	char was[32], now[32];

	if (cmd_parse_double(s, "DB", a->argv[1], -60, 0, &db) != 0)
		return -1;
	cmd_text_db(s->p->click_db, was, sizeof was);
	cmd_text_db(db, now, sizeof now);
	session_burst(s, "click-level", was, now);
	session_said(s, "click level %s", now);
	s->p->click_db = db;
	return 0;
}

const struct cmd_entry cmd_click_level_entry = {
	"click-level", "DB", "the click's level in dB (-60 to 0)", 1, 1, NULL,
	CMD_SAVE | CMD_UPDATE, cmd_click_level_exec
};

static int
cmd_click_out_exec(struct session *s, const struct cmd_args *a)
{
	char *end;
	long n;

	if (strcmp(a->argv[1], "main") == 0)
		n = 0;
	else {
		n = strtol(a->argv[1], &end, 10);
		if (*end != '\0' || end == a->argv[1] || n < 1 || n > 63)
			return session_fail(s, "expected main or an output "
			    "from 1 to 63, got '%s'", a->argv[1]);
	}
	if (s->state != TRANSPORT_STOPPED)
		return session_fail(s, "stop the transport first");
	if (s->p->click_out == 0)
		session_step(s, "click-out main -> %s", a->argv[1]);
	else
		session_step(s, "click-out %d -> %s", s->p->click_out,
		    a->argv[1]);
	if (n == 0)
		session_said(s, "click in the mix");
	else
		session_said(s, "click alone on outputs %ld and %ld", n,
		    n + 1);
	s->p->click_out = (int)n;
	return 0;
}

const struct cmd_entry cmd_click_out_entry = {
	"click-out", "main|N", "route the click into the mix (main) or to "
	"device outputs N and N+1 alone", 1, 1, NULL, CMD_SAVE | CMD_UPDATE,
	cmd_click_out_exec
};

static int
cmd_monitor_exec(struct session *s, const struct cmd_args *a)
{
	static const char *modes[] = { "auto", "on", "off" };
	struct track *t = cmd_track(s, a->argv[1]);
	int i;

	if (t == NULL)
		return -1;
	for (i = 0; i < 3; i++)
		if (strcmp(a->argv[2], modes[i]) == 0)
			break;
	if (i == 3)
		return session_fail(s, "expected auto, on or off, got '%s'",
		    a->argv[2]);
	session_step(s, "monitor %s %s -> %s", t->name, modes[t->monitor],
	    modes[i]);
	session_said(s, "%s monitor %s", t->name, modes[i]);
	t->monitor = i;
	if (s->dev != NULL && i != MONITOR_OFF)
		session_msg(s, MSG_NOTE, "software monitoring latency %.1f ms",
		    1000.0 * (s->dev->buffer + s->dev->period) / s->dev->rate);
	return 0;
}

const struct cmd_entry cmd_monitor_entry = {
	"monitor", "TRACK auto|on|off", "input monitoring (auto: the input "
	"while armed and recording, the take while playing)", 2, 2, NULL,
	CMD_SAVE | CMD_UPDATE, cmd_monitor_exec
};

static int
cmd_latency_measure_exec(struct session *s, const struct cmd_args *a)
{
	const char *in = cmd_key(a, "in"), *sec = cmd_key(a, "seconds");
	double seconds = 3;
	char *end;
	long input = 1;

	if (in != NULL) {
		input = strtol(in, &end, 10);
		if (*end != '\0' || end == in || input < 1 || input > 256)
			return session_fail(s, "in: expected an input from 1, "
			    "got '%s'", in);
	}
	if (sec != NULL && cmd_parse_double(s, "seconds", sec, 1, 60,
	    &seconds) != 0)
		return -1;
	if (transport_measure(s, (int)input, seconds) != 0)
		return -1;
	return transport_script_wait(s);
}

const struct cmd_entry cmd_latency_measure_entry = {
	"latency-measure", "[in=N] [seconds=S]", "play impulses and find them "
	"in input N (a loopback cable): store the device's round trip", 0, 0,
	"in,seconds", 0, cmd_latency_measure_exec
};
