/* cmd_freeze.c - freeze and unfreeze, and the lock on a frozen track's
 * inserts, takes, clips and comp. */
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "freeze.h"
#include "session.h"
#include "util.h"

int
cmd_unfrozen(struct session *s, const struct track *t)
{
	int i;

	if (t->frozen[0] != '\0')
		return session_fail(s, "track %s is frozen; unfreeze it "
		    "first", t->name);
	/* A comp edit follows the whole take group. */
	for (i = 0; t->group[0] != '\0' && i < s->p->ntracks; i++)
		if (s->p->tracks[i].frozen[0] != '\0' &&
		    strcmp(s->p->tracks[i].group, t->group) == 0)
			return session_fail(s, "track %s (in take group %s) "
			    "is frozen; unfreeze it first",
			    s->p->tracks[i].name, t->group);
	return 0;
}

struct track *
cmd_track_edit(struct session *s, const char *name)
{
	struct track *t = cmd_track(s, name);

	return t == NULL || cmd_unfrozen(s, t) != 0 ? NULL : t;
}

int
cmd_none_frozen(struct session *s)
{
	int i;

	for (i = 0; i < s->p->ntracks; i++)
		if (s->p->tracks[i].frozen[0] != '\0')
			return session_fail(s, "track %s is frozen; unfreeze "
			    "it first (a section edit moves every track's "
			    "clips)", s->p->tracks[i].name);
	return 0;
}

static int
cmd_freeze_exec(struct session *s, const struct cmd_args *a)
{
	struct track *t = cmd_track(s, a->argv[1]);
	char *file;
	int64_t frames;

	if (t == NULL)
		return -1;
	if (t->frozen[0] != '\0')
		return session_fail(s, "track %s is frozen already (%s)",
		    t->name, t->frozen);
	if (t->fx.n == 0)
		return session_fail(s, "track %s has no inserts: nothing to "
		    "freeze", t->name);
	if (t->armed)
		return session_fail(s, "track %s is armed; disarm it first",
		    t->name);
	if (project_length(s->p) == 0)
		return session_fail(s, "the project has no audio yet");
	if (s->state != TRANSPORT_STOPPED)
		return session_fail(s, "stop the transport first");
	if (freeze_render(s, project_track_index(s->p, t->name), &file,
	    &frames) != 0)
		return -1;
	strlcpy_(t->frozen, file, sizeof t->frozen);
	t->frozen_len = frames;
	free(file);
	session_step(s, "freeze %s", t->name);
	session_said(s, "froze %s to %s (%d inserts no longer run)", t->name,
	    t->frozen, t->fx.n);
	return 0;
}

const struct cmd_entry cmd_freeze_entry = {
	"freeze", "TRACK", "render a track through its inserts (pre-fader) "
	"to a file in audio/ and play that instead; its inserts, takes, "
	"clips and comp are locked until unfreeze", 1, 1, NULL, CMD_SAVE | CMD_UPDATE,
	cmd_freeze_exec
};

static int
cmd_unfreeze_exec(struct session *s, const struct cmd_args *a)
{
	struct track *t = cmd_track(s, a->argv[1]);

	if (t == NULL)
		return -1;
	if (t->frozen[0] == '\0')
		return session_fail(s, "track %s is not frozen", t->name);
	if (s->state != TRANSPORT_STOPPED)
		return session_fail(s, "stop the transport first");
	session_step(s, "unfreeze %s", t->name);
	session_said(s, "unfroze %s: its %d inserts run again", t->name,
	    t->fx.n);
	/* The file stays: undo may freeze it again. */
	t->frozen[0] = '\0';
	t->frozen_len = 0;
	return 0;
}

const struct cmd_entry cmd_unfreeze_entry = {
	"unfreeze", "TRACK", "play a frozen track's comp through its inserts "
	"again (the frozen file stays in audio/)", 1, 1, NULL,
	CMD_SAVE | CMD_UPDATE, cmd_unfreeze_exec
};
