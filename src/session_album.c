/* session_album.c - the album a session holds beside (or instead of) a
 * song project: opening it under a lock, committing a command's change
 * (an undo step of the album.ini text, then an atomic save), undo.
 *
 * The album's undo steps live in memory for the session (history.c's
 * stacks, fed album.ini texts); they are not written to disk. */
#include "session.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "album.h"
#include "lock.h"
#include "util.h"

static int64_t
session_album_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int
session_album_open(struct session *s, const char *dir, char *err,
    size_t errlen)
{
	struct album *a;
	char why[512];
	int fd;

	if (album_open(dir, true, &a, err, errlen) != 0)
		return -1;
	/* One writer per album, as per project.  The album already open in
	 * this session is reopened from its file. */
	if (s->album != NULL && strcmp(s->album->dir, a->dir) == 0) {
		album_free(a);
		snprintf(err, errlen, "the album %s is open already", dir);
		return -1;
	}
	fd = lock_acquire(a->dir, why, sizeof why);
	if (fd == -1) {
		/* lock.c speaks of a project. */
		if (strncmp(why, "project is ", 11) == 0)
			snprintf(err, errlen, "the album %s is %s", a->dir,
			    why + 11);
		else
			snprintf(err, errlen, "%s", why);
		album_free(a);
		return -1;
	}
	session_album_close(s);
	s->album = a;
	s->album_lock_fd = fd;
	s->album_readonly = fd == -2;
	if (s->album_readonly)
		session_msg(s, MSG_NOTE, "album %s is read-only: changes will "
		    "not be saved", a->dir);
	return 0;
}

int
session_album_save(struct session *s)
{
	char err[512];

	s->album_due_ms = s->album_unsaved_ms = 0;
	if (s->album == NULL || s->album_readonly)
		return 0;
	if (album_save(s->album, err, sizeof err) != 0) {
		session_msg(s, MSG_ERROR, "%s", err);
		return -1;
	}
	return 0;
}

void
session_album_close(struct session *s)
{
	if (s->album == NULL)
		return;
	if (s->album_due_ms != 0)
		session_album_save(s);
	if (s->album_lock_fd >= 0)
		lock_release(s->album_lock_fd, s->album->dir);
	s->album_lock_fd = -1;
	album_free(s->album);
	s->album = NULL;
	history_free(&s->album_hist);
	memset(&s->album_hist, 0, sizeof s->album_hist);
	s->album_last = false;
}

int
session_album_commit(struct session *s, char *before, const char *words)
{
	char *after = album_text(s->album), err[512];
	int64_t now = session_album_now_ms();

	if (strcmp(before, after) == 0) {
		free(before);
		free(after);
		return 0;
	}
	free(after);
	if (s->burst_param[0] != '\0' && s->interactive &&
	    history_merge(&s->album_hist, s->burst_param, s->burst_to, now,
	    1000))
		free(before);
	else
		history_push(&s->album_hist, before, s->step[0] != '\0' ?
		    s->step : words, s->burst_param[0] != '\0' ?
		    s->burst_param : NULL, s->burst_from, now);
	s->album_last = true;
	if (s->album_readonly)
		return 0;
	/* Nudges in a burst at the prompt or the screen: saved once they
	 * pause (a quarter second), at most a second after the first. */
	if (s->burst_param[0] != '\0' && s->interactive) {
		if (s->album_unsaved_ms == 0)
			s->album_unsaved_ms = now;
		s->album_due_ms = now + 250;
		if (s->album_due_ms > s->album_unsaved_ms + 1000)
			s->album_due_ms = s->album_unsaved_ms + 1000;
		return 0;
	}
	s->album_due_ms = s->album_unsaved_ms = 0;
	if (album_save(s->album, err, sizeof err) != 0)
		return session_fail(s, "%s", err);
	return 0;
}

bool
session_album_undoes(const struct session *s, bool redo)
{
	if (s->album == NULL || history_top(&s->album_hist, redo) == NULL)
		return false;
	return s->p == NULL || s->album_last;
}

int
session_album_undo(struct session *s, bool redo)
{
	const struct history_step *st = history_top(&s->album_hist, redo);
	const char *what = redo ? "redo" : "undo";
	struct album *a;
	char err[512], *said;

	if (st == NULL)
		return session_fail(s, "nothing to %s in the album", what);
	if (s->album_readonly)
		return session_fail(s, "the album is read-only");
	a = album_from_text(s->album, st->text, err, sizeof err);
	if (a == NULL)
		return session_fail(s, "%s", err);
	said = xasprintf("%s: album: %s", what, st->desc);
	history_move(&s->album_hist, redo, album_text(s->album));
	album_free(s->album);
	s->album = a;
	s->album_due_ms = s->album_unsaved_ms = 0;
	if (album_save(a, err, sizeof err) != 0) {
		free(said);
		return session_fail(s, "%s", err);
	}
	session_msg(s, MSG_OUT, "%s", said);
	free(said);
	return 0;
}
