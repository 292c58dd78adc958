/* listen.c - input metering before a take: as in a DAW, arming a track in
 * an interactive session opens the device with capture, so the armed
 * track's strip shows its input while the transport stands still. */
#include "session.h"

#include <stdio.h>

struct listen_msgs {
	struct session *s;
	void (*msg)(void *arg, enum msg_kind kind, const char *text);
	void *arg;
	char err[512];
};

/* A failure to open capture is kept, to be said as a note: the arming
 * stands, only its meter is missing.  Everything else passes. */
static void
listen_msg(void *arg, enum msg_kind kind, const char *text)
{
	struct listen_msgs *lm = arg;

	if (kind == MSG_ERROR)
		snprintf(lm->err, sizeof lm->err, "%s", text);
	else if (lm->msg != NULL)
		lm->msg(lm->arg, kind, text);
}

bool
listen_wanted(const struct session *s)
{
	int i;

	if (!s->interactive || s->state != TRANSPORT_STOPPED ||
	    s->measuring || s->p == NULL)
		return false;
	for (i = 0; i < s->p->ntracks; i++)
		if (s->p->tracks[i].armed)
			return true;
	return false;
}

void
listen_start(struct session *s)
{
	struct listen_msgs lm = { s, s->msg, s->msg_arg, "" };
	const char *name = s->cmd_name;
	int rc;

	if (!listen_wanted(s) || (s->dev != NULL && s->dev->cap != NULL))
		return;
	s->msg = listen_msg;
	s->msg_arg = &lm;
	s->cmd_name = NULL;
	rc = session_device(s, true);
	if (rc != 0)
		/* Playback as before, without capture. */
		session_device(s, false);
	s->msg = lm.msg;
	s->msg_arg = lm.arg;
	s->cmd_name = name;
	if (rc != 0)
		session_msg(s, MSG_NOTE, "no input meters: %s", lm.err);
}
