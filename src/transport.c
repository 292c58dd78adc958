/* transport.c - play and record passes, and what happens when they end.
 *
 * A pass rolls from roll_start (before the recorded range when there is a
 * count-in or a pre-roll) for a number of frames; with a loop set, the
 * timeline wraps at the loop's end.  Capture runs for the whole pass, so
 * even the pre-roll is on disk; each take's range says what it plays.
 */
#include "session.h"

#include <errno.h>
#include <math.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "clip.h"
#include "comp.h"
#include "latency.h"
#include "util.h"
#include "wavfile.h"

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

/* Frames of one bar at frame t, or 0 without a tempo. */
static int64_t
transport_bar_frames(const struct project *p, int64_t t)
{
	const struct tempo_seg *seg = NULL;
	int i;

	for (i = 0; i < p->tempo.n; i++)
		if (i == 0 || tempo_bar_to_frame(&p->tempo, p->rate,
		    p->tempo.seg[i].bar, 1.0) <= t)
			seg = &p->tempo.seg[i];
	if (seg == NULL)
		return 0;
	return llround(seg->num * 60.0 * p->rate / seg->bpm);
}

/* Builds the playback side of a pass: every track's comp, less the
 * recorded range of the tracks being recorded. */
static struct run *
transport_run(struct session *s, const struct transport_plan *pl)
{
	struct run *run = run_new(s->p->ntracks);
	int64_t cut_end;
	int i;

	cut_end = pl->rec_len == INT64_MAX ? INT64_MAX :
	    pl->rec_start + pl->rec_len;
	if (pl->loop)
		cut_end = pl->loop_end;
	for (i = 0; i < s->p->ntracks; i++) {
		bool rec = pl->record && s->p->tracks[i].armed;

		session_add_playlist(s, run, i, STREAM_RING_FRAMES,
		    rec ? pl->rec_start : 0, rec ? cut_end : 0);
	}
	run->start = pl->roll_start;
	run->length = pl->roll_len;
	run->count_in = pl->count_in;
	run->mon_start = pl->rec_start;
	run->mon_end = cut_end;
	/* The engine feeds the graph its latency ahead (as render does):
	 * the streams run as much further. */
	run->preroll = session_latency(s);
	for (i = 0; i < s->p->ntracks; i++)
		if (run->play[i] != NULL && !pl->loop &&
		    pl->roll_len != INT64_MAX)
			run->play[i]->end = pl->roll_start + pl->roll_len +
			    run->preroll;
	run_seek(run, pl->roll_start);
	if (pl->loop)
		run_loop(run, pl->loop_start, pl->loop_end);
	return run;
}

static int
transport_begin(struct session *s, struct run *run,
    enum transport_state state)
{
	/* Prime the rings before the engine sees the run. */
	stream_service(run, false);
	s->run = run;
	s->run_start = s->plan.roll_start;
	s->run_len = s->plan.roll_len;
	s->state = state;
	s->stop_reported = false;
	s->pass_failed = false;
	s->xruns_reported = engine_xruns(s->eng);
	session_update(s);
	if (engine_roll(s->eng, run) != 0) {
		s->run = NULL;
		s->state = TRANSPORT_STOPPED;
		run_free(run);
		session_update(s);
		return session_fail(s, "the transport is busy");
	}
	return 0;
}

/* Plans a pass from the playhead, or over the loop when one is set.  A
 * punch records `len` frames (INT64_MAX: until stopped) from punch_in,
 * rolling from the pre-roll. */
static int
transport_plan(struct session *s, bool record, int64_t len, bool punch,
    int64_t punch_in)
{
	struct project *p = s->p;
	struct transport_plan *pl = &s->plan;
	int64_t bar, lead = 0;

	memset(pl, 0, sizeof *pl);
	pl->record = record;
	pl->loop = p->loop_end > p->loop_start && !punch;
	pl->rec_start = pl->loop ? p->loop_start : punch ? punch_in : s->pos;
	pl->rec_len = len;
	pl->loop_start = p->loop_start;
	pl->loop_end = p->loop_end;
	pl->punch = punch;
	if (record && p->count_in > 0) {
		bar = transport_bar_frames(p, pl->rec_start);
		if (bar == 0)
			session_msg(s, MSG_NOTE, "count-in needs a tempo "
			    "('tempo BPM'); recording without it");
		pl->count_in = bar * p->count_in;
	}
	lead = pl->count_in;
	if (pl->punch && llround(p->preroll * p->rate) > lead)
		lead = llround(p->preroll * p->rate);
	pl->roll_start = pl->rec_start - lead;
	pl->lead = lead;
	pl->count_in = pl->count_in > 0 ? lead : 0;
	pl->roll_len = pl->rec_len == INT64_MAX ? INT64_MAX :
	    lead + pl->rec_len + (record ? s->latency : 0);
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
	transport_plan(s, false, len, false, 0);
	if (s->plan.loop) {
		/* Playing a loop starts from the playhead when it lies in
		 * the loop, else from the loop's start. */
		if (s->pos >= s->p->loop_start && s->pos < s->p->loop_end)
			s->plan.roll_start = s->pos;
		else
			s->plan.roll_start = s->p->loop_start;
	}
	timefmt_format(s->plan.roll_start, s->p->rate, when, sizeof when);
	session_msg(s, MSG_EVENT, "playing from %s%s", when,
	    s->plan.loop ? " (loop)" : "");
	return transport_begin(s, transport_run(s, &s->plan),
	    TRANSPORT_PLAYING);
}

/* Checks everything a recording needs before anything is created. */
static int
transport_record_check(struct session *s, int *narmed)
{
	struct project *p = s->p;
	char *dir, perr[512];
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
	/* Takes outside the project would make it refuse to open: an
	 * audio/ that is a symlink out is refused now, not then. */
	if (project_path_ok(p, "audio", perr, sizeof perr) != 0) {
		free(dir);
		return session_fail(s, "cannot record: %s", perr);
	}
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

/* Removes the takes of a pass that never started. */
static void
transport_unwind(struct session *s)
{
	int i;

	for (i = s->nrec - 1; i >= 0; i--) {
		struct track *t = &s->p->tracks[s->rec[i].track];
		struct take *k = project_take(t, s->rec[i].take);
		char *path = project_path(s->p, k->file);

		unlink(path);
		free(path);
		free(k->file);
		free(k->note);
		t->ntakes--;
	}
	s->nrec = 0;
}

static int
transport_record_pass(struct session *s)
{
	struct project *p = s->p;
	struct transport_plan *pl = &s->plan;
	struct run *run;
	char err[512], when[32];
	int i, narmed, pass;

	for (i = 0; i < p->ntracks; i++) {
		struct track *t = &p->tracks[i];

		if (t->armed && (t->in[0] > s->dev->cch ||
		    (t->channels == 2 && t->in[1] > s->dev->cch)))
			return session_fail(s, "track %s records from input "
			    "%d but the device has %d", t->name,
			    t->in[t->channels == 2 && t->in[1] > t->in[0]],
			    s->dev->cch);
		if (t->armed && project_number_room(p, t, err,
		    sizeof err) != 0)
			return session_fail(s, "%s", err);
	}
	for (narmed = 0, i = 0; i < p->ntracks; i++)
		narmed += p->tracks[i].armed;
	free(s->rec);
	s->rec = xcalloc(narmed, sizeof *s->rec);
	s->nrec = 0;
	run = transport_run(s, pl);
	pass = p->next_pass++;
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
		k->pass = pass;
		k->start = pl->roll_start - s->latency;
		k->rec_start = pl->rec_start;
		k->rec_end = pl->loop ? pl->loop_end :
		    pl->rec_len == INT64_MAX ? pl->rec_start :
		    pl->rec_start + pl->rec_len;
		k->state = TAKE_RECORDING;
		k->loop = pl->loop;
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
	timefmt_format(pl->rec_start, p->rate, when, sizeof when);
	for (i = 0; i < s->nrec; i++)
		session_msg(s, MSG_EVENT, "recording %s, take %d, from %s%s",
		    p->tracks[s->rec[i].track].name, s->rec[i].take, when,
		    pl->loop ? " (loop)" : pl->punch ? " (punch)" : "");
	return transport_begin(s, run, TRANSPORT_RECORDING);
fail:
	run_free(run);
	transport_unwind(s);
	p->next_pass--;
	return -1;
}

/* Undo's name for a pass: "record vox take 3, bass take 2". */
static const char *
transport_step_text(struct session *s, char *buf, size_t size)
{
	size_t n;
	int i;

	n = snprintf(buf, size, "%s", s->plan.punch ? "punch" : "record");
	for (i = 0; i < s->nrec && n < size; i++)
		n += snprintf(buf + n, size - n, "%s %s take %d", i ? "," : "",
		    s->p->tracks[s->rec[i].track].name, s->rec[i].take);
	return buf;
}

static int
transport_record_start(struct session *s, int64_t len, bool punch,
    int64_t in)
{
	char *before, desc[256];
	int narmed;

	if (s->state != TRANSPORT_STOPPED)
		return session_fail(s, "the transport is already rolling");
	if (transport_record_check(s, &narmed) != 0)
		return -1;
	if (session_device(s, true) != 0)
		return -1;
	/* Latency: capture lags what was played by the round trip, so the
	 * take's file starts that much earlier on the timeline, and the pass
	 * runs that much longer to cover the whole range. */
	if (s->cfg.latency >= 0)
		s->latency = s->cfg.latency;
	else if ((s->latency = latency_lookup(s->dev->play_name)) < 0)
		s->latency = s->dev->latency;
	transport_plan(s, true, len, punch, in);
	before = project_text(s->p);
	if (transport_record_pass(s) != 0) {
		free(before);
		return -1;
	}
	/* Undoing a recording takes its takes out of the project; their
	 * files stay in audio/. */
	session_undo_push(s, before, transport_step_text(s, desc,
	    sizeof desc));
	return 0;
}

int
transport_record(struct session *s, int64_t len)
{
	return transport_record_start(s, len, false, 0);
}

int
transport_punch(struct session *s, int64_t in, int64_t out)
{
	return transport_record_start(s, out == INT64_MAX ? INT64_MAX :
	    out - in, true, in);
}

int
transport_measure(struct session *s, int input, double seconds)
{
	struct run *run;
	struct pstream *ps;
	struct segment seg;
	struct wavfile *w;
	int64_t frames = (int64_t)(seconds * s->p->rate);
	char err[512], *imp, *cap;
	const char *tmp = getenv("TMPDIR");

	if (s->state != TRANSPORT_STOPPED)
		return session_fail(s, "the transport is already rolling");
	if (session_device(s, true) != 0)
		return -1;
	if (input > s->dev->cch)
		return session_fail(s, "the device has %d inputs, not %d",
		    s->dev->cch, input);
	snprintf(s->measure_dir, sizeof s->measure_dir,
	    "%s/reel-latency-XXXXXX", tmp != NULL ? tmp : "/tmp");
	if (mkdtemp(s->measure_dir) == NULL)
		return session_fail(s, "%s: %s", s->measure_dir,
		    strerror(errno));
	imp = xasprintf("%s/impulses.wav", s->measure_dir);
	cap = xasprintf("%s/capture.wav", s->measure_dir);
	w = NULL;
	if (latency_write_impulses(imp, s->p->rate, frames, s->p->rate / 2,
	    err, sizeof err) != 0 || (w = wavfile_create(cap, 1, s->p->rate,
	    WAVFILE_FLOAT32, err, sizeof err)) == NULL) {
		session_fail(s, "%s", err);
		unlink(imp);
		rmdir(s->measure_dir);
		free(imp);
		free(cap);
		return -1;
	}
	run = run_new(1);
	ps = run_add_play(run, 0, 1, STREAM_RING_FRAMES);
	memset(&seg, 0, sizeof seg);
	seg.source = pstream_add_source(ps, imp);
	seg.end = frames;
	pstream_add_segment(ps, &seg);
	ps->end = frames;
	run_add_capture(run, 0, 1, (int[2]){ input - 1, -1 }, w,
	    STREAM_RING_FRAMES);
	run->length = run->rec_frames = frames;
	run_seek(run, 0);
	free(imp);
	free(cap);
	memset(&s->plan, 0, sizeof s->plan);
	s->plan.roll_len = frames;
	s->latency = 0;
	s->measuring = true;
	session_msg(s, MSG_EVENT, "measuring latency: impulses out, input %d "
	    "in", input);
	if (transport_begin(s, run, TRANSPORT_PLAYING) != 0) {
		s->measuring = false;
		return -1;
	}
	return 0;
}

/* The end of a latency measurement: find the impulses, keep the figure. */
static void
transport_finish_measure(struct session *s)
{
	char err[512], path[1024], *cap, *imp;
	int64_t lag;

	wavfile_close(s->run->cap[0]->wav, NULL);
	s->run->cap[0]->wav = NULL;
	cap = xasprintf("%s/capture.wav", s->measure_dir);
	imp = xasprintf("%s/impulses.wav", s->measure_dir);
	lag = latency_find(cap, s->p->rate / 2, err, sizeof err);
	unlink(cap);
	unlink(imp);
	rmdir(s->measure_dir);
	free(cap);
	free(imp);
	s->measuring = false;
	s->pass_failed = true;
	if (lag < 0) {
		session_msg(s, MSG_ERROR, "latency-measure: %s", err);
		return;
	}
	if (latency_store(s->dev->play_name, lag, path, sizeof path, err,
	    sizeof err) != 0) {
		session_msg(s, MSG_ERROR, "latency-measure: %s", err);
		return;
	}
	s->pass_failed = false;
	session_msg(s, MSG_OUT, "round trip %lld frames (%.2f ms) on %s; "
	    "saved in %s", (long long)lag, 1000.0 * lag / s->p->rate,
	    s->dev->play_name, path);
}

void
transport_stop(struct session *s)
{
	if (s->eng != NULL && s->state != TRANSPORT_STOPPED)
		engine_stop(s->eng);
}

/* Where rolled frame `rolled` is heard on the timeline. */
static int64_t
transport_position_at(struct session *s, int64_t rolled)
{
	int64_t r = rolled - s->latency;

	return r < 0 ? s->run_start + r : run_timeline(s->run, r);
}

int64_t
transport_position(struct session *s)
{
	if (s->state == TRANSPORT_STOPPED || s->run == NULL)
		return s->pos;
	return transport_position_at(s, atomic_load(&s->run->rolled));
}

/* Closes the takes of a finished recording, makes loop passes takes of
 * their own, and comps the new audio in. */
static void
transport_finish_record(struct session *s, int64_t rolled)
{
	struct project *p = s->p;
	struct transport_plan *pl = &s->plan;
	int64_t xpos[64], recorded, len = pl->loop_end - pl->loop_start;
	char *comment = NULL, when[32], *xr = NULL;
	int nx, i, j, npass = 1, pass0 = 0;

	nx = engine_xrun_positions(s->eng, xpos, 64);
	for (j = 0; j < nx; j++) {
		char *n = xasprintf("%s%s%lld", xr ? xr : "", xr ? " " : "",
		    (long long)(xpos[j] - s->latency));

		free(xr);
		xr = n;
	}
	if (xr != NULL)
		comment = xasprintf("reel: xruns at frames %s", xr);
	/* Frames of the recorded range that reached the timeline. */
	recorded = rolled - s->latency - pl->lead;
	if (recorded < 0)
		recorded = 0;
	if (pl->rec_len != INT64_MAX && recorded > pl->rec_len)
		recorded = pl->rec_len;
	if (pl->loop && len > 0) {
		npass = (int)((recorded + len - 1) / len);
		if (npass < 1)
			npass = 1;
		pass0 = p->next_pass;
		p->next_pass += npass - 1;
	}
	for (i = 0; i < s->nrec; i++) {
		struct track *t = &p->tracks[s->rec[i].track];
		struct cstream *cs = s->run->cap[s->rec[i].track];
		int64_t dropped = atomic_load(&cs->dropped), frames;
		struct take *k;
		int rc, pp, id = s->rec[i].take;

		/* What is on disk counts: frames still buffered when the disk
		 * filled never reached it. */
		wavfile_sync(cs->wav);
		frames = wavfile_frames_on_disk(cs->wav);
		rc = wavfile_close(cs->wav, comment);
		cs->wav = NULL;
		k = project_take(t, id);
		k->length = frames;
		k->state = TAKE_OK;
		k->loop = false;
		if (xr != NULL)
			k->xruns = xstrdup(xr);
		if (atomic_load(&cs->error) != 0) {
			/* Stopped by the disk: the take ends where the file
			 * does. */
			int64_t got = k->start + frames - pl->rec_start;

			if (got < recorded)
				recorded = got > 0 ? got : 0;
		}
		for (pp = 0; pp < npass; pp++) {
			int64_t n = pl->loop ? recorded - pp * len : recorded;

			if (pl->loop && n > len)
				n = len;
			if (pp > 0)
				k = project_take_loop_pass(t, id, pp, len,
				    pass0 + pp - 1);
			k->rec_end = k->rec_start + (n > 0 ? n : 0);
			if (k->rec_end > k->start + k->length)
				k->rec_end = k->start + k->length;
			if (k->rec_end < k->rec_start)
				k->rec_end = k->rec_start;
			t->active = k->id;
			/* Later passes go on top: the comp ends with the
			 * newest audio everywhere. */
			comp_put(t, k->id, k->rec_start, k->rec_end,
			    comp_default_xfade(p));
			clip_recorded(t, k->rec_start, k->rec_end);
			timefmt_format(k->rec_end - k->rec_start, p->rate,
			    when, sizeof when);
			session_msg(s, MSG_EVENT, "recorded %s, take %d, %s",
			    t->name, k->id, when);
		}
		if (atomic_load(&cs->error) != 0) {
			s->pass_failed = true;
			session_msg(s, MSG_ERROR, "record: %s: %s: recording "
			    "stopped; what was recorded is kept", t->name,
			    strerror(-atomic_load(&cs->error)));
		}
		else if (rc != 0)
			session_msg(s, MSG_ERROR, "record: closing %s: %s",
			    k->file, strerror(-rc));
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
	int64_t rolled, xr, end;
	char when[32];
	bool recording;

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
		s->pass_failed = true;
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
	recording = s->state == TRANSPORT_RECORDING;
	if (recording)
		transport_finish_record(s, rolled);
	if (s->measuring)
		transport_finish_measure(s);
	/* A take that could not be read (missing, not a regular file)
	 * played as silence: say which. */
	for (int i = 0; i < s->run->ntracks; i++)
		if (s->run->play[i] != NULL &&
		    atomic_load(&s->run->play[i]->failed))
			session_msg(s, MSG_NOTE, "playback: %s (played as "
			    "silence)", s->run->play[i]->error);
	if (atomic_load(&s->run->underruns) > 0)
		session_msg(s, MSG_NOTE, "playback: the disk fell behind "
		    "(%lld frames of silence)",
		    (long long)atomic_load(&s->run->underruns));
	s->state = TRANSPORT_STOPPED;
	s->audition_track = 0;
	timefmt_format(transport_position_at(s, rolled), s->p->rate, when,
	    sizeof when);
	if (!s->cfg.auto_return)
		s->pos = transport_position_at(s, rolled);
	end = transport_position_at(s, rolled);
	run_free(s->run);
	s->run = NULL;
	s->latency = 0;
	auto_pass_finish(s, end);
	session_update(s);
	if (recording)
		session_save(s);
	/* With auto-return the playhead goes back where the pass began;
	 * say so, or the next pass seems to start from the wrong place. */
	if (s->pos != end) {
		char back[32];

		timefmt_format(s->pos, s->p->rate, back, sizeof back);
		session_msg(s, MSG_EVENT, "stopped at %s, back to %s", when,
		    back);
	} else
		session_msg(s, MSG_EVENT, "stopped at %s", when);
}

int
transport_script_wait(struct session *s)
{
	int sig;

	if (s->interactive)
		return 0;
	sig = transport_wait(s);
	if (sig != 0)
		return session_fail(s, "stopped by %s; everything up to then "
		    "is kept", strsignal(sig));
	/* Stopped by the disk, or a measurement found nothing: already
	 * said; the script stops here. */
	return s->pass_failed ? -1 : 0;
}

int
transport_wait(struct session *s)
{
	struct pollfd pfd[2];
	char drain[64];
	int sig = 0;

	while (s->state != TRANSPORT_STOPPED) {
		pfd[0].fd = engine_wake_fd(s->eng);
		pfd[0].events = POLLIN;
		pfd[1].fd = session_signal_fd();
		pfd[1].events = POLLIN;
		if (poll(pfd, pfd[1].fd >= 0 ? 2 : 1, 200) < 0 &&
		    errno != EINTR)
			break;
		/* The pipe only wakes us: emptied, it cannot keep poll()
		 * returning at once (a busy loop while the pass ends). */
		if (pfd[1].fd >= 0 && (pfd[1].revents & POLLIN))
			while (read(pfd[1].fd, drain, sizeof drain) > 0)
				;
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
