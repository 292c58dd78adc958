/* transport.c - play and record passes, and what happens when they end. */
#include "session.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"
#include "wavfile.h"

/* Builds the playback side of a pass: every track with audio plays,
 * except those recording now (the engine keeps their rings empty). */
static struct run *
transport_run(struct session *s, int64_t start, int64_t len,
    const bool *recording)
{
	struct run *run = run_new(s->p->ntracks);
	int i;

	for (i = 0; i < s->p->ntracks; i++)
		if (recording == NULL || !recording[i])
			session_add_playlist(s, run, i, STREAM_RING_FRAMES);
	run->start = start;
	run->length = len;
	for (i = 0; i < s->p->ntracks; i++)
		if (run->play[i] != NULL)
			run->play[i]->end = start + len;
	run_seek(run, start);
	return run;
}

static void
transport_progress(struct session *s, bool done)
{
	char pos[32], tot[32];
	int64_t rolled;
	int width = 30, filled;

	if (!s->progress || s->run == NULL || s->run_len == INT64_MAX)
		return;
	rolled = atomic_load(&s->run->rolled);
	if (rolled > s->run_len)
		rolled = s->run_len;
	filled = (int)(rolled * width / (s->run_len ? s->run_len : 1));
	timefmt_format(rolled, s->p->rate, pos, sizeof pos);
	timefmt_format(s->run_len, s->p->rate, tot, sizeof tot);
	fprintf(stderr, "\r%s [%.*s%*s] %s / %s", s->state ==
	    TRANSPORT_RECORDING ? "recording" : "playing", filled,
	    "##############################", width - filled, "", pos, tot);
	if (done)
		fputc('\n', stderr);
	fflush(stderr);
}

static int
transport_begin(struct session *s, struct run *run, int64_t len,
    enum transport_state state)
{
	/* Prime the rings before the engine sees the run. */
	stream_service(run, false);
	s->run = run;
	s->run_start = s->pos;
	s->run_len = len;
	s->state = state;
	s->stop_reported = false;
	s->xruns_reported = engine_xruns(s->eng);
	session_update(s);
	if (engine_roll(s->eng, run) != 0) {
		s->run = NULL;
		s->state = TRANSPORT_STOPPED;
		run_free(run);
		return session_fail(s, "the transport is busy");
	}
	return 0;
}

int
transport_play(struct session *s, int64_t len)
{
	char when[32];

	if (s->state != TRANSPORT_STOPPED)
		return session_fail(s, "the transport is already rolling");
	if (session_device(s, false) != 0)
		return -1;
	s->latency = 0;
	timefmt_format(s->pos, s->p->rate, when, sizeof when);
	session_msg(s, MSG_EVENT, "playing from %s", when);
	return transport_begin(s, transport_run(s, s->pos, len, NULL), len,
	    TRANSPORT_PLAYING);
}

/* Checks everything a recording needs before anything is created. */
static int
transport_record_check(struct session *s, int *narmed)
{
	struct project *p = s->p;
	char *dir;
	int i, c, chans = 0;
	int64_t frames;

	*narmed = 0;
	for (i = 0; i < p->ntracks; i++) {
		struct track *t = &p->tracks[i];

		if (!t->armed)
			continue;
		for (c = 0; c < t->channels; c++)
			if (t->in[c] < 1)
				return session_fail(s, "track %s has no "
				    "input (set one with track-input)",
				    t->name);
		(*narmed)++;
		chans += t->channels;
	}
	if (*narmed == 0)
		return session_fail(s, "no track is armed (arm one with "
		    "'arm NAME')");
	if (p->readonly)
		return session_fail(s, "the project is read-only");
	dir = project_path(p, "audio");
	mkdir(dir, 0777);
	if (access(dir, W_OK) != 0) {
		session_fail(s, "cannot write takes to %s: %s", dir,
		    strerror(errno));
		free(dir);
		return -1;
	}
	free(dir);
	frames = project_disk_frames(p, chans,
	    (int64_t)s->cfg.disk_reserve_mb << 20);
	if (frames >= 0 && frames < p->rate)
		return session_fail(s, "not enough free disk space to record "
		    "(%d MB are kept free: disk-reserve)",
		    s->cfg.disk_reserve_mb);
	return 0;
}

int
transport_record(struct session *s, int64_t len)
{
	struct project *p = s->p;
	struct run *run;
	bool *recording;
	char err[512], when[32];
	int i, narmed;

	if (s->state != TRANSPORT_STOPPED)
		return session_fail(s, "the transport is already rolling");
	if (transport_record_check(s, &narmed) != 0)
		return -1;
	if (session_device(s, true) != 0)
		return -1;
	for (i = 0; i < p->ntracks; i++) {
		struct track *t = &p->tracks[i];

		if (t->armed && (t->in[0] > s->dev->cch ||
		    (t->channels == 2 && t->in[1] > s->dev->cch)))
			return session_fail(s, "track %s records from input "
			    "%d but the device has %d", t->name,
			    t->in[t->channels == 2 && t->in[1] > t->in[0]],
			    s->dev->cch);
	}
	/* Latency: capture lags what was played by the round trip, so the
	 * take's file starts that much earlier on the timeline, and the pass
	 * runs that much longer to cover the whole range. */
	s->latency = s->cfg.latency >= 0 ? s->cfg.latency : s->dev->latency;
	recording = xcalloc(p->ntracks, sizeof *recording);
	for (i = 0; i < p->ntracks; i++)
		recording[i] = p->tracks[i].armed;
	free(s->rec);
	s->rec = xcalloc(narmed, sizeof *s->rec);
	s->nrec = 0;
	run = transport_run(s, s->pos, len == INT64_MAX ? len :
	    len + s->latency, recording);
	free(recording);
	for (i = 0; i < p->ntracks; i++) {
		struct track *t = &p->tracks[i];
		struct take *k;
		struct wavfile *w;
		char *rel, *path;
		int n;

		if (!t->armed)
			continue;
		/* The take file name never collides: O_EXCL, next number. */
		for (n = t->next_take;; n++) {
			rel = xasprintf("audio/%s-%d.wav", t->name, n);
			path = project_path(p, rel);
			if (access(path, F_OK) != 0)
				break;
			free(rel);
			free(path);
		}
		w = wavfile_create(path, t->channels, p->rate,
		    p->take_format, err, sizeof err);
		free(path);
		if (w == NULL) {
			free(rel);
			session_fail(s, "%s", err);
			goto fail;
		}
		t->next_take = n;
		k = project_take_add(t);
		k->file = rel;
		k->start = s->pos - s->latency;
		k->rec_start = s->pos;
		k->rec_end = len == INT64_MAX ? s->pos : s->pos + len;
		k->state = TAKE_RECORDING;
		run_add_capture(run, i, t->channels, (int[2]){ t->in[0] - 1,
		    t->channels == 2 ? t->in[1] - 1 : -1 }, w,
		    STREAM_RING_FRAMES);
		s->rec[s->nrec].track = i;
		s->rec[s->nrec].take = k->id;
		s->nrec++;
	}
	run->rec_frames = run->length;
	run->take_dir = project_path(p, "audio");
	run->reserve_bytes = (int64_t)s->cfg.disk_reserve_mb << 20;
	/* The takes are in project.ini, as "recording", before a sample is
	 * captured: a crash from here on leaves a take the next start
	 * recovers. */
	if (session_save(s) != 0)
		goto fail;
	timefmt_format(s->pos, p->rate, when, sizeof when);
	for (i = 0; i < s->nrec; i++)
		session_msg(s, MSG_EVENT, "recording %s, take %d, from %s",
		    p->tracks[s->rec[i].track].name, s->rec[i].take, when);
	return transport_begin(s, run, run->length, TRANSPORT_RECORDING);
fail:
	run_free(run);
	for (i = s->nrec - 1; i >= 0; i--) {
		struct track *t = &p->tracks[s->rec[i].track];
		struct take *k = project_take(t, s->rec[i].take);
		char *path = project_path(p, k->file);

		unlink(path);
		free(path);
		free(k->file);
		t->ntakes--;
	}
	s->nrec = 0;
	return -1;
}

void
transport_stop(struct session *s)
{
	if (s->eng != NULL && s->state != TRANSPORT_STOPPED)
		engine_stop(s->eng);
}

int64_t
transport_position(struct session *s)
{
	if (s->state == TRANSPORT_STOPPED || s->run == NULL)
		return s->pos;
	return s->run_start + atomic_load(&s->run->rolled) - s->latency;
}

/* Closes the takes of a finished recording and records them. */
static void
transport_finish_record(struct session *s, int64_t rolled)
{
	struct project *p = s->p;
	int64_t xpos[64];
	char *comment = NULL, when[32], *xr = NULL;
	int nx, i, j;

	nx = engine_xrun_positions(s->eng, xpos, 64);
	for (j = 0; j < nx; j++) {
		char *n = xasprintf("%s%s%lld", xr ? xr : "", xr ? " " : "",
		    (long long)(xpos[j] - s->latency));

		free(xr);
		xr = n;
	}
	if (xr != NULL)
		comment = xasprintf("reel: xruns at frames %s", xr);
	for (i = 0; i < s->nrec; i++) {
		struct track *t = &p->tracks[s->rec[i].track];
		struct take *k = project_take(t, s->rec[i].take);
		struct cstream *cs = s->run->cap[s->rec[i].track];
		int64_t dropped = atomic_load(&cs->dropped);
		int rc;

		rc = wavfile_close(cs->wav, comment);
		cs->wav = NULL;
		k->length = cs->written;
		k->state = TAKE_OK;
		if (xr != NULL)
			k->xruns = xstrdup(xr);
		/* Stopped early: the take covers what was rolled. */
		if (k->rec_end > s->run_start + rolled - s->latency ||
		    s->run_len == INT64_MAX)
			k->rec_end = s->run_start + rolled - s->latency;
		if (k->rec_end > k->start + k->length)
			k->rec_end = k->start + k->length;
		if (k->rec_end < k->rec_start)
			k->rec_end = k->rec_start;
		t->active = k->id;
		timefmt_format(k->rec_end - k->rec_start, p->rate, when,
		    sizeof when);
		if (atomic_load(&cs->error) != 0)
			session_msg(s, MSG_ERROR, "record: %s: %s: recording "
			    "stopped; the take keeps %s", t->name,
			    strerror(-atomic_load(&cs->error)), when);
		else if (rc != 0)
			session_msg(s, MSG_ERROR, "record: closing %s: %s",
			    k->file, strerror(-rc));
		session_msg(s, MSG_EVENT, "recorded %s, take %d, %s", t->name,
		    k->id, when);
		if (dropped > 0)
			session_msg(s, MSG_ERROR, "record: %s: the disk fell "
			    "behind, %lld frames lost", t->name,
			    (long long)dropped);
	}
	free(comment);
	free(xr);
	s->nrec = 0;
}

void
transport_poll(struct session *s)
{
	int64_t rolled, xr;
	char when[32];

	if (s->eng == NULL)
		return;
	engine_ack(s->eng);
	xr = engine_xruns(s->eng);
	if (xr > s->xruns_reported) {
		session_msg(s, MSG_NOTE, "xrun (%lld in all)", (long long)xr);
		s->xruns_reported = xr;
	}
	if (s->state == TRANSPORT_STOPPED)
		return;
	if (atomic_load(&s->run->disk_error) != 0 && !s->stop_reported) {
		s->stop_reported = true;
		session_msg(s, MSG_ERROR, "record: disk almost full (less than "
		    "%d MB free): stopping", s->cfg.disk_reserve_mb);
		engine_stop(s->eng);
	}
	for (int i = 0; i < s->run->ntracks && !s->stop_reported; i++)
		if (s->run->cap[i] != NULL &&
		    atomic_load(&s->run->cap[i]->error) != 0) {
			s->stop_reported = true;
			engine_stop(s->eng);
		}
	transport_progress(s, false);
	if (!engine_idle(s->eng))
		return;
	rolled = atomic_load(&s->run->rolled);
	transport_progress(s, true);
	if (s->state == TRANSPORT_RECORDING)
		transport_finish_record(s, rolled);
	if (atomic_load(&s->run->underruns) > 0)
		session_msg(s, MSG_NOTE, "playback: the disk fell behind "
		    "(%lld frames of silence)",
		    (long long)atomic_load(&s->run->underruns));
	run_free(s->run);
	s->run = NULL;
	if (s->state == TRANSPORT_RECORDING)
		session_save(s);
	s->state = TRANSPORT_STOPPED;
	timefmt_format(s->run_start + rolled - s->latency, s->p->rate, when,
	    sizeof when);
	session_msg(s, MSG_EVENT, "stopped at %s", when);
	if (!s->cfg.auto_return)
		s->pos = s->run_start + rolled - s->latency;
	s->latency = 0;
}

int
transport_wait(struct session *s)
{
	struct pollfd pfd[2];
	int sig = 0;

	while (s->state != TRANSPORT_STOPPED) {
		pfd[0].fd = engine_wake_fd(s->eng);
		pfd[0].events = POLLIN;
		pfd[1].fd = session_signal_fd();
		pfd[1].events = POLLIN;
		if (poll(pfd, pfd[1].fd >= 0 ? 2 : 1, 200) < 0 &&
		    errno != EINTR)
			break;
		if (session_signal != 0 && sig == 0) {
			/* A hang-up or ^C ends the pass cleanly: the take
			 * is closed and kept. */
			sig = session_signal;
			transport_stop(s);
		}
		transport_poll(s);
	}
	return sig;
}
