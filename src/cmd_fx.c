/* cmd_fx.c - inserts: fx-add, fx-set, fx-bypass, fx-remove, fx-move,
 * fx-list.  A STRIP is a track, a bus or `master`; SLOT counts from 1.  The
 * processor's parameter table (audio/fx.h) parses and lists the values. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "session.h"

/* The strip's inserts; a change to a frozen track's is refused. */
static struct inserts *
cmd_fx_strip(struct session *s, const char *strip, bool change)
{
	struct inserts *fx = project_inserts(s->p, strip);
	struct track *t = project_track(s->p, strip);

	if (fx == NULL)
		session_fail(s, "STRIP: no track or bus named '%s' (or "
		    "'master')",
		    strip);
	else if (change && t != NULL && t->frozen[0] != '\0') {
		session_fail(s, "track %s is frozen; unfreeze it first",
		    t->name);
		return NULL;
	}
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
	struct inserts *fx = cmd_fx_strip(s, a->argv[1], true);
	const struct fx_kind *k;

	if (fx == NULL)
		return -1;
	k = fx_kind_find(a->argv[2]);
	if (k == NULL)
		return session_fail(s, "KIND: expected one of %s, got '%s'",
		    fx_kind_names(), a->argv[2]);
	if (fx->n >= 16)
		return session_fail(s, "a strip has at most 16 inserts");
	project_insert_add(s->p, fx, k);
	session_msg(s, MSG_OUT, "%d", fx->n);
	return 0;
}

const struct cmd_entry cmd_fx_add_entry = {
	"fx-add", "STRIP KIND", "append an insert (eq, comp, gate, deess, "
	"limit, delay, reverb, utility) to a track, a bus or the master; "
	"prints "
	"its slot", 2, 2, NULL, CMD_SAVE | CMD_UPDATE, cmd_fx_add_exec
};

static int
cmd_fx_set_exec(struct session *s, const struct cmd_args *a)
{
	struct inserts *fx = cmd_fx_strip(s, a->argv[1], true);
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
	return 0;
}

const struct cmd_entry cmd_fx_set_entry = {
	"fx-set", "STRIP SLOT PARAM=VALUE...", "set an insert's parameters",
	2, 2, "*", CMD_SAVE | CMD_UPDATE, cmd_fx_set_exec
};

static int
cmd_fx_bypass_exec(struct session *s, const struct cmd_args *a)
{
	struct inserts *fx = cmd_fx_strip(s, a->argv[1], true);
	struct insert *in;

	if (fx == NULL || (in = cmd_fx_slot(s, fx, "SLOT", a->argv[2], 0))
	    == NULL)
		return -1;
	if (strcmp(a->argv[3], "on") != 0 && strcmp(a->argv[3], "off") != 0)
		return session_fail(s, "expected on or off, got '%s'",
		    a->argv[3]);
	in->bypass = strcmp(a->argv[3], "on") == 0;
	return 0;
}

const struct cmd_entry cmd_fx_bypass_entry = {
	"fx-bypass", "STRIP SLOT on|off", "bypass an insert, or put it back",
	3, 3, NULL, CMD_SAVE | CMD_UPDATE, cmd_fx_bypass_exec
};

static int
cmd_fx_remove_exec(struct session *s, const struct cmd_args *a)
{
	struct inserts *fx = cmd_fx_strip(s, a->argv[1], true);
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
	struct inserts *fx = cmd_fx_strip(s, a->argv[1], true);
	struct insert *from, *to, tmp;
	int i, j;

	if (fx == NULL || (from = cmd_fx_slot(s, fx, "SLOT", a->argv[2], 0))
	    == NULL || (to = cmd_fx_slot(s, fx, "NEWSLOT", a->argv[3], 0))
	    == NULL)
		return -1;
	i = (int)(from - fx->v);
	j = (int)(to - fx->v);
	tmp = fx->v[i];
	if (i < j)
		memmove(&fx->v[i], &fx->v[i + 1], (j - i) * sizeof tmp);
	else
		memmove(&fx->v[j + 1], &fx->v[j], (i - j) * sizeof tmp);
	fx->v[j] = tmp;
	return 0;
}

const struct cmd_entry cmd_fx_move_entry = {
	"fx-move", "STRIP SLOT NEWSLOT", "move an insert to another slot", 3,
	3, NULL, CMD_SAVE | CMD_UPDATE, cmd_fx_move_exec
};

static int
cmd_fx_list_exec(struct session *s, const struct cmd_args *a)
{
	struct inserts *fx = cmd_fx_strip(s, a->argv[1], false);
	char buf[64];
	int i, j;

	if (fx == NULL)
		return -1;
	if (fx->n == 0)
		session_msg(s, MSG_OUT, "%s: no inserts", a->argv[1]);
	for (i = 0; i < fx->n; i++) {
		const struct insert *in = &fx->v[i];

		session_msg(s, MSG_OUT, "%d %s%s", i + 1, in->kind->name,
		    in->bypass ? " (bypassed)" : "");
		for (j = 0; j < in->kind->nparams; j++) {
			const struct fx_param *p = &in->kind->params[j];

			fx_param_format(in->kind, j, in->val[j], buf,
			    sizeof buf);
			session_msg(s, MSG_OUT, "  %-12s %s%s%s", p->symbol,
			    buf, p->unit[0] && p->type != FX_ENUM ? " " : "",
			    p->type != FX_ENUM ? p->unit : "");
		}
	}
	return 0;
}

const struct cmd_entry cmd_fx_list_entry = {
	"fx-list", "STRIP", "list a strip's inserts with every parameter, its "
	"value and unit", 1, 1, NULL, 0, cmd_fx_list_exec
};
