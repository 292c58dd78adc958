/* cmd_ab.c - ab and ab-toggle: two mixes side by side, one key switches
 * between them at the same position (ab.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ab.h"
#include "cmd.h"
#include "session.h"
#include "version.h"

/* A version number ("3", "v3") or current (0). */
static int
cmd_ab_side(struct session *s, const char *what, const char *v, int *out)
{
	char *end;
	long n;

	if (strcmp(v, "current") == 0) {
		*out = 0;
		return 0;
	}
	n = strtol(v + (v[0] == 'v'), &end, 10);
	if (end == v + (v[0] == 'v') || *end != '\0' || n < 1 ||
	    n > VERSION_MAX)
		return session_fail(s, "%s: expected a version number or "
		    "current, got '%s'", what, v);
	*out = (int)n;
	return 0;
}

static int
cmd_ab_exec(struct session *s, const struct cmd_args *a)
{
	const char *match = cmd_key(a, "match");
	char na[16], nb[16];
	int va, vb;

	if (a->argc == 2 && strcmp(a->argv[1], "off") == 0) {
		if (!ab_on(s))
			return session_fail(s, "A/B is not on");
		ab_off(s);
		session_said(s, "A/B off: the current mix");
		return 0;
	}
	if (a->argc != 3)
		return session_fail(s, "usage: ab A B [match=on|off] | ab off");
	if (match != NULL && strcmp(match, "on") != 0 &&
	    strcmp(match, "off") != 0)
		return session_fail(s, "match: expected on or off, got '%s'",
		    match);
	if (cmd_ab_side(s, "A", a->argv[1], &va) != 0 ||
	    cmd_ab_side(s, "B", a->argv[2], &vb) != 0)
		return -1;
	if (va == vb)
		return session_fail(s, "B: the same mix as A");
	if (match != NULL && strcmp(match, "on") == 0 &&
	    s->state != TRANSPORT_STOPPED)
		return session_fail(s, "match: stop the transport first (the "
		    "mixes are measured offline)");
	if (ab_arm(s, va, vb, match != NULL && strcmp(match, "on") == 0) !=
	    0)
		return -1;
	ab_name(va, na, sizeof na);
	ab_name(vb, nb, sizeof nb);
	if (s->ab->match)
		session_msg(s, MSG_OUT, "A %s RMS %.1f dB, B %s RMS %.1f dB: "
		    "%s turned down %.1f dB", na, s->ab->rms_db[0], nb,
		    s->ab->rms_db[1], s->ab->gain[0] < 1 ? "A" : "B",
		    s->ab->rms_db[0] > s->ab->rms_db[1] ?
		    s->ab->rms_db[0] - s->ab->rms_db[1] :
		    s->ab->rms_db[1] - s->ab->rms_db[0]);
	session_said(s, "A/B: hearing A (%s); ab-toggle switches to B (%s)",
	    na, nb);
	return 0;
}

const struct cmd_entry cmd_ab_entry = {
	"ab", "A B [match=on|off] | off", "arm A/B between two mixes (version "
	"numbers or current); match=on levels them by RMS", 1, 2, "match",
	CMD_UPDATE, cmd_ab_exec
};

static int
cmd_ab_toggle_exec(struct session *s, const struct cmd_args *a)
{
	const char *at = cmd_key(a, "at");
	int64_t pos = -1;
	char name[16], when[64];

	if (!ab_on(s))
		return session_fail(s, "A/B is not on (ab A B arms it)");
	if (at != NULL && cmd_parse_time(s, "at", at, &pos) != 0)
		return -1;
	s->ab->target = !s->ab->target;
	s->ab->at = pos;
	ab_name(s->ab->side[s->ab->target], name, sizeof name);
	if (pos >= 0) {
		cmd_text_time(s, pos, when, sizeof when);
		session_said(s, "A/B: %s (%s) from %s", s->ab->target ? "B" :
		    "A", name, when);
	} else
		session_said(s, "A/B: hearing %s (%s)", s->ab->target ? "B" :
		    "A", name);
	return 0;
}

const struct cmd_entry cmd_ab_toggle_entry = {
	"ab-toggle", "[at=TIME]", "switch between the A/B mixes at the "
	"playhead, with a 20 ms fade (at=: from that position of the pass)",
	0, 0, "at", CMD_UPDATE, cmd_ab_toggle_exec
};
