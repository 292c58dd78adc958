/* cmd_plugin.c - plugins: plugins (list the installed ones),
 * fx-presets and fx-preset (a plugin insert's presets).  Inserting one is
 * fx-add STRIP lv2:URI or ladspa:LABEL (cmd_fx.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "fx_plugin.h"
#include "fx_state.h"
#include "session.h"

static void
cmd_plugin_line(void *user, const char *line)
{
	session_msg(user, MSG_OUT, "%s", line);
}

static int
cmd_plugins_exec(struct session *s, const struct cmd_args *a)
{
	const char *filter = a->argc > 1 ? a->argv[1] : "";

	if (fx_plugin_list(filter, cmd_plugin_line, s) == 0)
		session_msg(s, MSG_OUT, "no plugins%s%s%s installed (LV2 "
		    "from LV2_PATH, LADSPA from LADSPA_PATH)", filter[0] ?
		    " matching '" : "", filter, filter[0] ? "'" : "");
	return 0;
}

const struct cmd_entry cmd_plugins_entry = {
	"plugins", "[FILTER]", "list the installed LV2 and LADSPA plugins "
	"whose name, URI or class contains FILTER: the name fx-add takes, "
	"the plugin's name, class, audio inputs/outputs and controls", 0, 1,
	NULL, 0, cmd_plugins_exec
};

/* The plugin insert at STRIP SLOT; NULL after a message. */
static struct insert *
cmd_plugin_insert(struct session *s, const char *strip, const char *slot)
{
	struct inserts *fx = project_inserts(s->p, strip);
	char *end;
	long n;

	if (fx == NULL) {
		session_fail(s, "STRIP: no track or bus named '%s' (or "
		    "'master')", strip);
		return NULL;
	}
	n = strtol(slot, &end, 10);
	if (end == slot || *end != '\0' || n < 1 || n > fx->n) {
		if (fx->n == 0)
			session_fail(s, "SLOT: the strip has no inserts");
		else
			session_fail(s, "SLOT: expected 1 to %d, got '%s'",
			    fx->n, slot);
		return NULL;
	}
	return &fx->v[n - 1];
}

static int
cmd_fx_presets_exec(struct session *s, const struct cmd_args *a)
{
	struct insert *in = cmd_plugin_insert(s, a->argv[1], a->argv[2]);
	int n;

	if (in == NULL)
		return -1;
	n = fx_plugin_presets(in->kind, cmd_plugin_line, s);
	if (n < 0)
		return session_fail(s, "SLOT: %s", fx_plugin_error());
	if (n == 0)
		session_msg(s, MSG_OUT, "%s: no presets", in->kind->name);
	return 0;
}

const struct cmd_entry cmd_fx_presets_entry = {
	"fx-presets", "STRIP SLOT", "list the presets of an LV2 plugin "
	"insert (from its bundle and the user's)", 2, 2, NULL, 0,
	cmd_fx_presets_exec
};

static int
cmd_fx_preset_exec(struct session *s, const struct cmd_args *a)
{
	struct insert *in = cmd_plugin_insert(s, a->argv[1], a->argv[2]);
	float val[FX_MAX_PARAMS];
	struct fx_state *st;

	if (in == NULL)
		return -1;
	memcpy(val, in->val, sizeof val);
	if (fx_plugin_preset(in->kind, a->argv[3], val, s->p->dir, &st) != 0)
		return session_fail(s, "%s", fx_plugin_error());
	memcpy(in->val, val, sizeof val);
	/* A preset with a state replaces the insert's (its instances are
	 * restored anew); one without leaves it as it was. */
	if (st != NULL) {
		fx_state_free(in->state);
		in->state = st;
	}
	session_said(s, "%s %s preset %s", a->argv[1], a->argv[2],
	    a->argv[3]);
	return 0;
}

const struct cmd_entry cmd_fx_preset_entry = {
	"fx-preset", "STRIP SLOT NAME", "load an LV2 plugin insert's preset "
	"by name: its control values become the insert's parameters", 3, 3,
	NULL, CMD_SAVE | CMD_UPDATE, cmd_fx_preset_exec
};

static int
cmd_plugin_missing_strip(struct session *s, enum msg_kind kind,
    const char *strip, const struct inserts *fx)
{
	int i, n = 0;

	for (i = 0; i < fx->n; i++) {
		const char *why = fx_plugin_missing(fx->v[i].kind);

		if (why == NULL)
			continue;
		session_msg(s, kind, "missing plugin %s (insert %s %d passes "
		    "audio through; its values are kept): %s",
		    fx->v[i].kind->name, strip, i + 1, why);
		n++;
	}
	return n;
}

int
cmd_plugin_missing(struct session *s, int kind)
{
	struct project *p = s->p;
	int i, n = 0;

	for (i = 0; i < p->ntracks; i++)
		n += cmd_plugin_missing_strip(s, kind, p->tracks[i].name,
		    &p->tracks[i].fx);
	for (i = 0; i < p->nbuses; i++)
		n += cmd_plugin_missing_strip(s, kind, p->buses[i].name,
		    &p->buses[i].fx);
	return n + cmd_plugin_missing_strip(s, kind, "master", &p->master_fx);
}
