/* cmd_bus.c - buses and routing: bus-add, bus-remove, send, send-remove,
 * route.  A bus is a stereo strip (inserts through fx-*, gain, pan,
 * mute, solo); aux buses are fed by sends, group buses by routes.  A
 * connection that would close a loop is refused, naming the loop. */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "routing.h"
#include "session.h"
#include "util.h"

/* The routing of a track or bus named by argument `what`; NULL after a
 * message. */
static struct routing *
cmd_bus_source(struct session *s, const char *what, const char *name)
{
	struct routing *rt = project_routing(s->p, name);

	if (rt == NULL)
		session_fail(s, "%s: no track or bus named '%s'", what, name);
	return rt;
}

static int
cmd_bus_target(struct session *s, const char *from, const char *to)
{
	char path[512];

	if (project_bus(s->p, to) == NULL)
		return session_fail(s, "BUS: no bus named '%s' (bus-add %s "
		    "makes one)", to, to);
	if (strcmp(from, to) == 0)
		return session_fail(s, "%s -> %s would loop", from, to);
	if (routing_loops(s->p, from, to, path, sizeof path))
		return session_fail(s, "%s would loop", path);
	return 0;
}

static int
cmd_bus_add_exec(struct session *s, const struct cmd_args *a)
{
	const char *name = a->argv[1];
	char err[256];

	if (project_name_ok(name, err, sizeof err) != 0)
		return session_fail(s, "NAME: %s", err);
	if (project_track(s->p, name) != NULL ||
	    project_bus(s->p, name) != NULL)
		return session_fail(s, "NAME: a %s named '%s' exists",
		    project_track(s->p, name) != NULL ? "track" : "bus", name);
	if (s->p->nbuses >= PROJECT_MAX_BUSES)
		return session_fail(s, "at most %d buses", PROJECT_MAX_BUSES);
	project_bus_add(s->p, name);
	return 0;
}

const struct cmd_entry cmd_bus_add_entry = {
	"bus-add", "NAME", "add a stereo bus (aux or group) into the master; "
	"fx-*, gain, pan, mute and solo work on it", 1, 1, NULL,
	CMD_SAVE | CMD_UPDATE, cmd_bus_add_exec
};

static int
cmd_bus_remove_exec(struct session *s, const struct cmd_args *a)
{
	int i = project_bus_index(s->p, a->argv[1]);
	char feeders[512];

	if (i < 0)
		return session_fail(s, "NAME: no bus named '%s'", a->argv[1]);
	routing_feeders(s->p, a->argv[1], feeders, sizeof feeders);
	if (feeders[0] != '\0')
		return session_fail(s, "%s is fed by %s; send-remove or route "
		    "those elsewhere first", a->argv[1], feeders);
	project_bus_remove(s->p, i);
	return 0;
}

const struct cmd_entry cmd_bus_remove_entry = {
	"bus-remove", "NAME", "remove a bus nothing routes or sends to (its "
	"inserts and sends go with it)", 1, 1, NULL, CMD_SAVE | CMD_UPDATE,
	cmd_bus_remove_exec
};

static int
cmd_send_exec(struct session *s, const struct cmd_args *a)
{
	struct routing *rt = cmd_bus_source(s, "TRACK", a->argv[1]);
	struct send *sd;
	double db;
	bool pre = false;

	if (rt == NULL || cmd_bus_target(s, a->argv[1], a->argv[2]) != 0 ||
	    cmd_parse_double(s, "DB", a->argv[3], -144, 24, &db) != 0)
		return -1;
	if (a->argc > 4) {
		if (strcmp(a->argv[4], "pre") != 0 &&
		    strcmp(a->argv[4], "post") != 0)
			return session_fail(s, "expected pre or post, got "
			    "'%s'", a->argv[4]);
		pre = strcmp(a->argv[4], "pre") == 0;
	}
	sd = project_send(rt, a->argv[2]);
	if (sd == NULL) {
		if (rt->nsends >= PROJECT_MAX_BUSES)
			return session_fail(s, "at most %d sends a strip",
			    PROJECT_MAX_BUSES);
		sd = project_send_add(rt, a->argv[2]);
	}
	sd->db = db;
	sd->pre = pre;
	return 0;
}

const struct cmd_entry cmd_send_entry = {
	"send", "TRACK|BUS BUS DB [pre|post]", "send a strip into an aux bus "
	"at DB (-144 to +24), after the fader and pan unless pre; sets the "
	"level of a send that exists", 3, 4, NULL, CMD_SAVE | CMD_UPDATE,
	cmd_send_exec
};

static int
cmd_send_remove_exec(struct session *s, const struct cmd_args *a)
{
	struct routing *rt = cmd_bus_source(s, "TRACK", a->argv[1]);
	struct send *sd;

	if (rt == NULL)
		return -1;
	sd = project_send(rt, a->argv[2]);
	if (sd == NULL)
		return session_fail(s, "BUS: %s has no send to '%s'",
		    a->argv[1], a->argv[2]);
	project_send_remove(rt, (int)(sd - rt->sends));
	return 0;
}

const struct cmd_entry cmd_send_remove_entry = {
	"send-remove", "TRACK|BUS BUS", "remove a send", 2, 2, NULL,
	CMD_SAVE | CMD_UPDATE, cmd_send_remove_exec
};

static int
cmd_route_exec(struct session *s, const struct cmd_args *a)
{
	struct routing *rt = cmd_bus_source(s, "TRACK", a->argv[1]);

	if (rt == NULL)
		return -1;
	if (strcmp(a->argv[2], "master") == 0) {
		rt->out[0] = '\0';
		return 0;
	}
	if (cmd_bus_target(s, a->argv[1], a->argv[2]) != 0)
		return -1;
	strlcpy_(rt->out, a->argv[2], sizeof rt->out);
	return 0;
}

const struct cmd_entry cmd_route_entry = {
	"route", "TRACK|BUS BUS|master", "send a strip's output (after fader "
	"and pan) into a group bus instead of the master, or back", 2, 2,
	NULL, CMD_SAVE | CMD_UPDATE, cmd_route_exec
};
