/* cmd_fx.c - inserts: fx-add, fx-set, fx-bypass, fx-remove, fx-move,
 * fx-list.  A STRIP is a track, a bus or `master`; SLOT counts from 1.  The
 * processor's parameter table (audio/fx.h) parses and lists the values. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "fx_plugin.h"
#include "fx_state.h"
#include "session.h"

static struct inserts *
cmd_fx_strip(struct session *s, const char *strip)
{
	struct inserts *fx = project_inserts(s->p, strip);

	if (fx == NULL)
		session_fail(s, "STRIP: no track or bus named '%s' (or "
		    "'master')",
		    strip);
	return fx;
}

/* The insert at SLOT; NULL after a message. */
static struct insert *
cmd_fx_slot(struct session *s, struct inserts *fx, const char *what,
    const char *v, int extra)
{
	char *end;
	long n = strtol(v, &end, 10);

	if (end == v || *end != '\0' || n < 1 || n > fx->n + extra) {
		if (fx->n + extra == 0)
			session_fail(s, "%s: the strip has no inserts", what);
		else
			session_fail(s, "%s: expected 1 to %d, got '%s'", what,
			    fx->n + extra, v);
		return NULL;
	}
	return &fx->v[n - 1];
}

static int
cmd_fx_add_exec(struct session *s, const struct cmd_args *a)
{
	struct inserts *fx = cmd_fx_strip(s, a->argv[1]);
	const struct fx_kind *k;

	if (fx == NULL)
		return -1;
	k = fx_kind_find(a->argv[2]);
	if (k == NULL && fx_plugin_named(a->argv[2]))
		return session_fail(s, "KIND: %s", fx_plugin_error());
	if (k == NULL)
		return session_fail(s, "KIND: expected one of %s, lv2:URI or "
		    "ladspa:LABEL, got '%s'", fx_kind_names(), a->argv[2]);
	if (fx->n >= 16)
		return session_fail(s, "a strip has at most 16 inserts");
	project_insert_add(s->p, fx, k);
	/* Scripts read the slot from stdout; a person is told what and
	 * where. */
	session_msg(s, MSG_OUT, "%d", fx->n);
	session_said(s, "%s: %s added in slot %d", a->argv[1], k->name,
	    fx->n);
	return 0;
}

const struct cmd_entry cmd_fx_add_entry = {
	"fx-add", "STRIP KIND", "append an insert (eq, comp, gate, deess, "
	"limit, delay, reverb, utility, or a plugin: lv2:URI, ladspa:LABEL) "
	"to a track, a bus or the master; prints its slot", 2, 2, NULL, CMD_SAVE | CMD_UPDATE, cmd_fx_add_exec
};

static int
cmd_fx_set_exec(struct session *s, const struct cmd_args *a)
{
	struct inserts *fx = cmd_fx_strip(s, a->argv[1]);
	struct insert *in;
	float val[FX_MAX_PARAMS];
	char err[256];
	int i, j;

	if (fx == NULL || (in = cmd_fx_slot(s, fx, "SLOT", a->argv[2], 0))
	    == NULL)
		return -1;
	if (a->nkv == 0)
		return session_fail(s, "expected PARAM=VALUE (fx-list %s "
		    "shows them)", a->argv[1]);
	if (fx_plugin_missing(in->kind) != NULL)
		return session_fail(s, "SLOT: %s is not installed here; its "
		    "saved values are kept as they are", in->kind->name);
	/* Every value checked before any is set. */
	memcpy(val, in->val, sizeof val);
	for (i = 0; i < a->nkv; i++) {
		j = fx_param_find(in->kind, a->keys[i]);
		if (j < 0)
			return session_fail(s, "%s has no parameter '%s' "
			    "(fx-list %s shows them)", in->kind->name,
			    a->keys[i], a->argv[1]);
		if (fx_param_parse(in->kind, j, a->vals[i], &val[j], err,
		    sizeof err) != 0)
			return session_fail(s, "%s", err);
	}
	memcpy(in->val, val, sizeof val);
	if (a->nkv == 1) {
		char buf[64];
		const struct fx_param *p;

		j = fx_param_find(in->kind, a->keys[0]);
		p = &in->kind->params[j];
		fx_param_format(in->kind, j, val[j], buf, sizeof buf);
		session_said(s, "%s %s %s %s %s%s%s", a->argv[1], a->argv[2],
		    in->kind->name, p->symbol, buf, p->unit[0] &&
		    p->type != FX_ENUM ? " " : "", p->type != FX_ENUM ?
		    p->unit : "");
	}
	return 0;
}

/* fx-nudge STRIP SLOT PARAM STEPS: fx-set with the value moved by the
 * parameter table's steps, so that keys and the command check alike. */
static int
cmd_fx_nudge_exec(struct session *s, const struct cmd_args *a)
{
	struct inserts *fx = cmd_fx_strip(s, a->argv[1]);
	struct insert *in;
	struct cmd_args b;
	char *argv[3], *keys[1], *vals[1], buf[64];
	double d;
	int j;

	if (fx == NULL || (in = cmd_fx_slot(s, fx, "SLOT", a->argv[2], 0))
	    == NULL)
		return -1;
	j = fx_param_find(in->kind, a->argv[3]);
	if (j < 0)
		return session_fail(s, "PARAM: %s has no parameter '%s' "
		    "(fx-list %s shows them)", in->kind->name, a->argv[3],
		    a->argv[1]);
	if (cmd_parse_double(s, "STEPS", a->argv[4], -100, 100, &d) != 0)
		return -1;
	fx_param_format(in->kind, j, fx_param_nudge(in->kind, j, in->val[j],
	    d), buf, sizeof buf);
	memset(&b, 0, sizeof b);
	argv[0] = "fx-set";
	argv[1] = a->argv[1];
	argv[2] = a->argv[2];
	keys[0] = a->argv[3];
	vals[0] = buf;
	b.argc = 3;
	b.argv = argv;
	b.nkv = 1;
	b.keys = keys;
	b.vals = vals;
	return cmd_fx_set_exec(s, &b);
}

const struct cmd_entry cmd_fx_nudge_entry = {
	"fx-nudge", "STRIP SLOT PARAM STEPS", "move an insert's parameter by "
	"STEPS steps (a third of an octave for frequencies and other log "
	"parameters, about a fiftieth of the range for the rest; 0.1 is a "
	"fine step)", 4, 4, NULL, CMD_SAVE | CMD_UPDATE, cmd_fx_nudge_exec
};

const struct cmd_entry cmd_fx_set_entry = {
	"fx-set", "STRIP SLOT PARAM=VALUE...", "set an insert's parameters",
	2, 2, "*", CMD_SAVE | CMD_UPDATE, cmd_fx_set_exec
};

static int
cmd_fx_bypass_exec(struct session *s, const struct cmd_args *a)
{
	struct inserts *fx = cmd_fx_strip(s, a->argv[1]);
	struct insert *in;

	if (fx == NULL || (in = cmd_fx_slot(s, fx, "SLOT", a->argv[2], 0))
	    == NULL)
		return -1;
	if (strcmp(a->argv[3], "toggle") == 0)
		in->bypass = !in->bypass;
	else if (strcmp(a->argv[3], "on") == 0 ||
	    strcmp(a->argv[3], "off") == 0)
		in->bypass = strcmp(a->argv[3], "on") == 0;
	else
		return session_fail(s, "expected on, off or toggle, got '%s'",
		    a->argv[3]);
	session_said(s, "%s %s %s %s", a->argv[1], a->argv[2],
	    in->kind->name, in->bypass ? "bypassed" : "in");
	return 0;
}

const struct cmd_entry cmd_fx_bypass_entry = {
	"fx-bypass", "STRIP SLOT on|off|toggle",
	"bypass an insert, put it back, or switch between the two",
	3, 3, NULL, CMD_SAVE | CMD_UPDATE, cmd_fx_bypass_exec
};

static int
cmd_fx_remove_exec(struct session *s, const struct cmd_args *a)
{
	struct inserts *fx = cmd_fx_strip(s, a->argv[1]);
	struct insert *in;

	if (fx == NULL || (in = cmd_fx_slot(s, fx, "SLOT", a->argv[2], 0))
	    == NULL)
		return -1;
	project_insert_remove(fx, (int)(in - fx->v));
	return 0;
}

const struct cmd_entry cmd_fx_remove_entry = {
	"fx-remove", "STRIP SLOT", "remove an insert", 2, 2, NULL,
	CMD_SAVE | CMD_UPDATE, cmd_fx_remove_exec
};

static int
cmd_fx_move_exec(struct session *s, const struct cmd_args *a)
{
	struct inserts *fx = cmd_fx_strip(s, a->argv[1]);
	struct insert *from, *to, tmp;
	int i, j;

	char rel[16];
	const char *ns = a->argv[3];

	if (fx == NULL || (from = cmd_fx_slot(s, fx, "SLOT", a->argv[2], 0))
	    == NULL)
		return -1;
	/* up and down: one slot earlier or later, as keys move it. */
	if (strcmp(ns, "up") == 0 || strcmp(ns, "down") == 0) {
		i = (int)(from - fx->v) + 1 + (ns[0] == 'u' ? -1 : 1);
		if (i < 1 || i > fx->n)
			return session_fail(s, "NEWSLOT: insert %s is already "
			    "the %s", a->argv[2], ns[0] == 'u' ? "first" :
			    "last");
		snprintf(rel, sizeof rel, "%d", i);
		ns = rel;
	}
	if ((to = cmd_fx_slot(s, fx, "NEWSLOT", ns, 0)) == NULL)
		return -1;
	i = (int)(from - fx->v);
	j = (int)(to - fx->v);
	tmp = fx->v[i];
	if (i < j)
		memmove(&fx->v[i], &fx->v[i + 1], (j - i) * sizeof tmp);
	else
		memmove(&fx->v[j + 1], &fx->v[j], (i - j) * sizeof tmp);
	fx->v[j] = tmp;
	session_said(s, "%s %s now in slot %d", a->argv[1], tmp.kind->name,
	    j + 1);
	return 0;
}

const struct cmd_entry cmd_fx_move_entry = {
	"fx-move", "STRIP SLOT NEWSLOT|up|down",
	"move an insert to another slot (up, down: one slot)", 3,
	3, NULL, CMD_SAVE | CMD_UPDATE, cmd_fx_move_exec
};

static int
cmd_fx_list_exec(struct session *s, const struct cmd_args *a)
{
	struct inserts *fx = cmd_fx_strip(s, a->argv[1]);
	char buf[64];
	int i, j;

	if (fx == NULL)
		return -1;
	if (fx->n == 0)
		session_msg(s, MSG_OUT, "%s: no inserts", a->argv[1]);
	for (i = 0; i < fx->n; i++) {
		const struct insert *in = &fx->v[i];

		session_msg(s, MSG_OUT, "%d %s%s", i + 1, in->kind->name,
		    fx_plugin_missing(in->kind) != NULL ? " (missing: "
		    "passes audio through)" : in->bypass ? " (bypassed)" : "");
		if (fx_plugin_missing(in->kind) != NULL)
			session_msg(s, MSG_OUT, "  %s",
			    fx_plugin_missing(in->kind));
		else if (fx_plugin_named(in->kind->name))
			session_msg(s, MSG_OUT, "  %s", in->kind->desc);
		if (fx_plugin_bad_blocks(in->kind) > 0)
			session_msg(s, MSG_OUT, "  output muted: NaN or Inf in "
			    "%d blocks", fx_plugin_bad_blocks(in->kind));
		for (j = 0; j < in->kind->nparams; j++) {
			const struct fx_param *p = &in->kind->params[j];

			fx_param_format(in->kind, j, in->val[j], buf,
			    sizeof buf);
			session_msg(s, MSG_OUT, "  %-12s %s%s%s", p->symbol,
			    buf, p->unit[0] && p->type != FX_ENUM ? " " : "",
			    p->type != FX_ENUM ? p->unit : "");
		}
		/* A plugin's saved state, as project.ini has it. */
		for (j = 0; in->state != NULL && j < in->state->n; j++) {
			char *line = fx_state_format(in->state, j);

			session_msg(s, MSG_OUT, "  state %s", line);
			free(line);
		}
		if (fx_plugin_state_failed(in->kind))
			session_msg(s, MSG_OUT, "  the plugin refused a saved "
			    "state");
		if (fx_plugin_said(in->kind) != NULL)
			session_msg(s, MSG_OUT, "  the plugin said: %s",
			    fx_plugin_said(in->kind));
	}
	return 0;
}

const struct cmd_entry cmd_fx_list_entry = {
	"fx-list", "STRIP", "list a strip's inserts with every parameter, its "
	"value and unit", 1, 1, NULL, 0, cmd_fx_list_exec
};
