/* render.c - offline mixdown through the engine's own process function.
 *
 * The same mixer_process the engine runs each period runs here in a plain
 * loop: a render is sample for sample what playback sends to the device.
 * The disk reader (stream_service) runs beside it in a thread of its own,
 * as it does beside the engine, so that reading and converting the takes
 * overlaps the mix; the loop waits until every stream holds the whole next
 * block, so the output never depends on timing.
 */
#include "session.h"

#include <errno.h>
#include <math.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <semaphore.h>
#include <sndfile.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "atomicfile.h"
#include "fx.h"
#include "monitor.h"
#include "render.h"
#include "render_dither.h"
#include "render_out.h"
#include "sample.h"
#include "util.h"


/* The disk side of a render. */
struct render_disk {
	struct run *run;
	pthread_t thread;
	bool started;
	bool fed;		/* the mixing threads read (render_feed) */
	atomic_int quit;
	int wake_fd;		/* loop -> disk: a block was consumed */
	int ready_fd;		/* disk -> loop: streams were filled */
};

static void
render_signal(int fd)
{
	uint64_t one = 1;

	if (write(fd, &one, sizeof one) < 0)
		return;		/* non-blocking: already signalled */
}

static void
render_wait(int fd)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	uint64_t v;

	if (poll(&pfd, 1, 100) > 0 && read(fd, &v, sizeof v) < 0)
		return;
}

static void *
render_disk_thread(void *arg)
{
	struct render_disk *d = arg;

	while (!atomic_load(&d->quit)) {
		if (stream_service(d->run, false))
			render_signal(d->ready_fd);
		else
			render_wait(d->wake_fd);
	}
	return NULL;
}

/* Starts the disk thread (thread: else the mixing threads read); without
 * one the loop services the streams itself (the same samples, slower). */
static void
render_disk_start(struct render_disk *d, struct run *run, bool thread)
{
	memset(d, 0, sizeof *d);
	d->run = run;
	d->wake_fd = d->ready_fd = -1;
	if (!thread) {
		d->fed = true;
		return;
	}
	d->wake_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	d->ready_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	if (d->wake_fd >= 0 && d->ready_fd >= 0 &&
	    pthread_create(&d->thread, NULL, render_disk_thread, d) == 0)
		d->started = true;
}

/* Waits until every stream holds n frames (the disk always delivers
 * them: a file that fails plays as silence).  False when a signal came
 * first: a slow disk does not hold up ^C. */
static bool
render_disk_wait(struct render_disk *d, int n)
{
	struct run *run = d->run;
	int i;

	if (d->fed)
		return session_signal == 0;
	if (!d->started) {
		stream_service(run, false);
		return true;
	}
	for (i = 0; i < run->ntracks; i++) {
		struct pstream *ps = run->play[i];

		while (ps != NULL && ring_read_space(ps->ring) <
		    (size_t)n * ps->channels * sizeof(float)) {
			if (session_signal != 0)
				return false;
			render_wait(d->ready_fd);
		}
	}
	return true;
}

static void
render_disk_stop(struct render_disk *d)
{
	if (d->started) {
		atomic_store(&d->quit, 1);
		render_signal(d->wake_fd);
		pthread_join(d->thread, NULL);
	}
	if (d->wake_fd >= 0)
		close(d->wake_fd);
	if (d->ready_fd >= 0)
		close(d->ready_fd);
}

/* A mixing thread's reader: the thread that takes a track reads its
 * playlist into its ring just before it mixes it, with scratch of its
 * own. */
struct render_feeder {
	struct run *run;
	struct stream_scratch sb;
};

static void
render_feed(void *ctx, int k)
{
	struct render_feeder *f = ctx;
	struct pstream *ps = k < f->run->ntracks ? f->run->play[k] : NULL;

	/* In reads of several blocks: two blocks must be there, this one
	 * and, for a track mixer_process reads from its ring, the one
	 * before it (the next block is filled while the loop mixes). */
	if (ps != NULL && ring_read_space(ps->ring) < 2 * (size_t)RENDER_BLOCK *
	    ps->channels * sizeof(float))
		pstream_fill(ps, &f->sb);
}

/* The helper that runs tracks' strips (their playlists and inserts) of
 * each block beside the loop (mixer_ahead; the two take tracks in turn
 * until none is left): both cores mix.  Each also reads the playlists of
 * the tracks it takes (render_feed), so no third thread competes for the
 * two cores, and reading is shared as the mixing is.
 * The loop and the helper meet twice a block on two semaphores, so each
 * sees what the other wrote. */
struct render_help {
	pthread_t thread;
	bool started;
	sem_t go, done;
	atomic_int quit;
	struct mixer *m;
	const struct snapshot *snap;
	struct run *run;
	int n;
	bool preroll;
	struct render_feeder feed[2];	/* the loop's, the helper's */
	int set;		/* the set of buffers the block goes to */
	bool open;		/* the next block was let go early
				   (render_help_open) */
};

static void *
render_help_thread(void *arg)
{
	struct render_help *h = arg;

	/* The strips it runs must round as on the engine thread (render
	 * equals playback); this thread runs nothing else. */
	fx_denormals_off();
	for (;;) {
		while (sem_wait(&h->go) != 0)
			;
		if (atomic_load(&h->quit))
			break;
		mixer_ahead(h->m, h->snap, h->run, h->n, h->preroll,
		    render_feed, &h->feed[1]);
		sem_post(&h->done);
	}
	return NULL;
}

/* The CPUs this process may run on (taskset limits them). */
static int
render_cpus(void)
{
	cpu_set_t set;

	if (sched_getaffinity(0, sizeof set, &set) != 0)
		return 1;
	return CPU_COUNT(&set);
}

/* Whether a render of snap has the helper: a graph with strips to run
 * and a second core to run them. */
static bool
render_helped(const struct snapshot *snap)
{
	return snap->graph != NULL && snap->alt == NULL && snap->ntracks >= 2 &&
	    render_cpus() >= 2;
}

/* Without the helper the loop mixes alone (the same samples). */
static void
render_help_start(struct render_help *h, struct mixer *m,
    const struct snapshot *snap, struct run *run)
{
	int i;

	memset(h, 0, sizeof *h);
	if (!render_helped(snap) || mixer_ahead_init(m, snap->ntracks) != 0)
		return;
	h->m = m;
	h->snap = snap;
	h->run = run;
	if (sem_init(&h->go, 0, 0) != 0)
		return;
	if (sem_init(&h->done, 0, 0) != 0) {
		sem_destroy(&h->go);
		return;
	}
	for (i = 0; i < 2; i++) {
		h->feed[i].run = run;
		stream_scratch_init(&h->feed[i].sb);
	}
	if (pthread_create(&h->thread, NULL, render_help_thread, h) == 0) {
		h->started = true;
		return;
	}
	sem_destroy(&h->go);
	sem_destroy(&h->done);
	for (i = 0; i < 2; i++)
		stream_scratch_free(&h->feed[i].sb);
}

/* Lets the helper go on the block just opened. */
static void
render_help_go(struct render_help *h, bool preroll, int n)
{
	h->n = n;
	h->preroll = preroll;
	sem_post(&h->go);
}

/* Runs the strips of the next n frames on both threads: this one takes
 * tracks too until none is left, then waits for the helper's. */
static void
render_help_run(struct render_help *h, bool preroll, int n)
{
	if (!h->started)
		return;
	if (!h->open) {
		mixer_ahead_begin(h->m, h->snap, h->run, preroll);
		h->set = 0;
		render_help_go(h, preroll, n);
	}
	mixer_ahead(h->m, h->snap, h->run, h->n, h->preroll, render_feed,
	    &h->feed[0]);
	while (sem_wait(&h->done) != 0)
		;
	h->open = false;
	mixer_ahead_set(h->m, true, h->set);
}

/*
 * Lets the helper start on the next n frames, into the other set of
 * buffers, while this thread mixes the block just run (links, buses,
 * master, writing): the helper need not wait for that part.  Not with
 * automation, where running a strip moves the parameters the mix reads,
 * and not in the preroll.
 */
static void
render_help_open(struct render_help *h, int n)
{
	if (!h->started || h->snap->graph->nlanes > 0)
		return;
	h->set ^= 1;
	mixer_ahead_open(h->m, h->set);
	h->open = true;
	render_help_go(h, false, n);
}

static void
render_help_stop(struct render_help *h)
{
	if (!h->started)
		return;
	atomic_store(&h->quit, 1);
	sem_post(&h->go);
	pthread_join(h->thread, NULL);
	sem_destroy(&h->go);
	sem_destroy(&h->done);
	stream_scratch_free(&h->feed[0].sb);
	stream_scratch_free(&h->feed[1].sb);
}

/* A render that cannot fit is refused before it fills the disk. */
int
render_space_check(struct session *s, const char *path, int64_t frames,
    const struct render_spec *spec)
{
	struct statvfs sv;
	char *dir = xstrdup(path), *slash = strrchr(dir, '/');
	int64_t need, avail;

	if (slash != NULL)
		*slash = '\0';
	if (statvfs(slash != NULL ? (dir[0] ? dir : "/") : ".", &sv) != 0) {
		free(dir);
		return 0;
	}
	free(dir);
	need = (int64_t)((double)frames * render_out_frame_bytes(spec));
	avail = (int64_t)sv.f_bavail * (int64_t)sv.f_frsize;
	if (need > avail)
		return session_fail(s, "%s needs %lld MB and only %lld MB are "
		    "free", path, (long long)(need >> 20),
		    (long long)(avail >> 20));
	return 0;
}

/*
 * A render replaces only a regular file (or creates a new one): never a
 * device node, a FIFO or a directory, whatever a symlink leads to.  A
 * symlink to a regular file is written through: *out gets the file it
 * leads to (heap), so that the link stays.
 */
int
render_target(struct session *s, const char *path, char **out)
{
	char err[1200];

	if (atomicfile_target(path, out, err, sizeof err) != 0)
		return session_fail(s, "%s", err);
	return 0;
}

int
render_check_target(struct session *s, const char *path)
{
	char *real;

	if (render_target(s, path, &real) != 0)
		return -1;
	free(real);
	return 0;
}

/* A stale temp file of a render cut short is removed; anything else by
 * that name is left alone and refused. */
int
render_part_clear(struct session *s, const char *part)
{
	struct stat st;

	if (lstat(part, &st) != 0)
		return 0;
	if (!S_ISREG(st.st_mode))
		return session_fail(s, "%s is %s; a render writes its temp "
		    "file there: move it away", part,
		    atomicfile_kind(st.st_mode));
	if (unlink(part) != 0)
		return session_fail(s, "%s: %s", part, strerror(errno));
	return 0;
}

/* Every take file the range plays must be there: a missing one is named
 * before anything is written (it would play as silence). */
static int
render_sources_check(struct session *s, struct run *run, int64_t start,
    int64_t end)
{
	struct stat st;
	size_t dl = strlen(s->p->dir);
	int i, j;

	for (i = 0; i < run->ntracks; i++) {
		struct pstream *ps = run->play[i];

		for (j = 0; ps != NULL && j < ps->nsegs; j++) {
			const struct segment *sg = &ps->segs[j];
			const char *f = ps->paths[sg->source];
			bool there;

			if (sg->end <= start || sg->start >= end)
				continue;
			there = stat(f, &st) == 0;
			if (there && S_ISREG(st.st_mode))
				continue;
			if (strncmp(f, s->p->dir, dl) == 0 && f[dl] == '/')
				f += dl + 1;
			return session_fail(s, "track %s: take file %s %s; "
			    "nothing was rendered (info lists the missing "
			    "files)", s->p->tracks[i].name, f,
			    !there ? "is missing" : "is not a regular file");
		}
	}
	return 0;
}

void
render_error(struct session *s, const char *path, int rc)
{
	const char *what = path != NULL ? path : "standard output";

	if (rc == -EFBIG)
		session_fail(s, "%s: file too large: the file size limit "
		    "(ulimit -f) was reached; nothing was written", what);
	else if (rc == -ENOSPC || rc == -EDQUOT)
		session_fail(s, "%s: %s: the disk is full; nothing was "
		    "written", what, strerror(-rc));
	else if (rc == -EPIPE)
		session_fail(s, "standard output: the reader went away "
		    "(broken pipe)");
	else if (rc == -EIO)
		session_fail(s, "%s: write error", what);
	else if (rc == -ECANCELED)
		session_fail(s, "cancelled; nothing was written");
	else
		session_fail(s, "%s: %s", what, strerror(-rc));
}

struct run *
render_run_new(struct session *s, const struct snapshot *snap,
    int64_t start, int64_t end, int only)
{
	struct project *p = s->p;
	struct run *run = run_new(p->ntracks);
	/* Six blocks where the mixing threads read: four at a time when two
	 * are left (render_feed), in reads of tens of KB, not one a block.
	 * Two for the disk thread, which reads a block as one is used. */
	int i, blocks = render_helped(snap) ? 6 : 2;

	for (i = 0; i < p->ntracks; i++)
		if (only < 0 || i == only)
			session_add_playlist(s, run, i, RENDER_BLOCK * blocks,
			    0, 0);
	if (render_sources_check(s, run, start, end) != 0) {
		run_free(run);
		return NULL;
	}
	/* Inserts that look ahead delay the mix: the graph takes in that
	 * much of the playlists before the first frame is written (and
	 * they run as much past the end), as playback does, so the render
	 * lines up with the timeline. */
	run->preroll = snap->graph != NULL ? snap->graph->latency : 0;
	run_seek(run, start);
	for (i = 0; i < p->ntracks; i++)
		if (run->play[i] != NULL)
			run->play[i]->end = end + run->preroll;
	return run;
}

int
render_mix_run(struct session *s, const struct snapshot *snap,
    struct run *run, struct mixer *m, int64_t start, int64_t end,
    const struct render_progress *pr,
    int (*sink)(void *ctx, float *buf, int n), void *ctx)
{
	struct render_disk disk;
	struct render_help help;
	float *out = xcalloc(RENDER_BLOCK * 2, sizeof *out);
	int64_t pos, k;
	int i, rc = 0, last = -1;
	bool tty = s->progress && isatty(2), failed = false;
	unsigned fpu;

	/* With the helper, the two mixing threads read the playlists;
	 * without, the disk thread does. */
	render_help_start(&help, m, snap, run);
	render_disk_start(&disk, run, !help.started);
	for (pos = 0; pos < run->preroll && session_signal == 0; pos += k) {
		k = run->preroll - pos < RENDER_BLOCK ? run->preroll - pos :
		    RENDER_BLOCK;
		if (!render_disk_wait(&disk, (int)k))
			break;
		render_help_run(&help, true, (int)k);
		fpu = fx_denormals_off();	/* as the engine thread */
		mixer_preroll(m, snap, run, out, (int)k);
		fx_denormals_restore(fpu);
		mixer_ahead_set(m, false, 0);
		if (disk.started)
			render_signal(disk.wake_fd);
	}
	/* A hang-up or ^C stops a render: nothing is left under either
	 * name, and the caller exits with the signal's status.  So does a
	 * take file that cannot be read: it would play as silence. */
	for (pos = start; pos < end && rc == 0 && session_signal == 0;
	    pos += RENDER_BLOCK) {
		int n = end - pos < RENDER_BLOCK ? (int)(end - pos) :
		    RENDER_BLOCK;

		if (!render_disk_wait(&disk, n))
			break;
		for (i = 0; i < run->ntracks && !failed; i++)
			failed = run->play[i] != NULL &&
			    atomic_load(&run->play[i]->failed);
		if (failed)
			break;
		render_help_run(&help, false, n);
		if (end - pos > RENDER_BLOCK)
			render_help_open(&help, end - pos - RENDER_BLOCK <
			    RENDER_BLOCK ? (int)(end - pos - RENDER_BLOCK) :
			    RENDER_BLOCK);
		fpu = fx_denormals_off();	/* as the engine thread */
		mixer_process(m, snap, run, NULL, 0, out, n);
		fx_denormals_restore(fpu);
		mixer_ahead_set(m, false, 0);
		if (disk.started)
			render_signal(disk.wake_fd);
		rc = sink(ctx, out, n);
		/* The interactive front end's bar, where esc cancels. */
		if (rc == 0 && s->progress_ui != NULL && s->progress_ui(
		    s->ui_arg, (double)(pos - start) / (end - start)))
			rc = -ECANCELED;
		if (tty && (int)((pos - start) * 50 / (end - start)) != last) {
			last = (int)((pos - start) * 50 / (end - start));
			fprintf(stderr, "\r%s [%.*s%*s] %3d%%", pr->verb, last,
			    "##################################################",
			    50 - last, "", last * 2);
		}
	}
	if (tty)
		fprintf(stderr, "\r%*s\r", 70, "");
	render_help_stop(&help);
	render_disk_stop(&disk);
	free(out);
	for (i = 0; i < run->ntracks; i++)
		if (run->play[i] != NULL && atomic_load(&run->play[i]->failed)) {
			/* The one error: the output is only cut short. */
			session_fail(s, "%s; %s", run->play[i]->error,
			    pr->cut);
			return -1;
		}
	if (rc == 0 && session_signal != 0)
		rc = -EINTR;
	return rc;
}

/* The render's mix: the graph over [start, end) in blocks of at most
 * RENDER_BLOCK stereo frames, each handed to sink (render_mix_run). */
static int
render_mix(struct session *s, int64_t start, int64_t end, bool click,
    const struct render_progress *pr,
    int (*sink)(void *ctx, float *buf, int n), void *ctx)
{
	struct graph_pool *pool = graph_pool_new(s->p->rate);
	struct snapshot *snap;
	struct mixer *m;
	struct run *run;
	int rc;

	if (pool == NULL)
		fatal("out of memory");
	snap = session_snapshot_pool(s, pool);
	/* The click is for the players: in a render only when asked. */
	snap->click.on = click;
	run = render_run_new(s, snap, start, end, -1);
	if (run == NULL) {
		snapshot_free(snap);
		graph_pool_free(pool);
		return -1;
	}
	m = mixer_new(RENDER_BLOCK);
	if (m == NULL)
		fatal("out of memory");
	rc = render_mix_run(s, snap, run, m, start, end, pr, sink, ctx);
	run_free(run);
	mixer_free(m);
	snapshot_free(snap);
	graph_pool_free(pool);
	return rc;
}

struct render_file_sink {
	struct render_out *o;
	struct render_dither *d;
	struct monitor *mon;	/* the monitor path, or NULL */
	int64_t pos;		/* its timeline frame */
};

static int
render_file_write(void *ctx, float *buf, int n)
{
	struct render_file_sink *f = ctx;

	if (f->mon != NULL)
		monitor_process(f->mon, buf, n, f->pos);
	f->pos += n;
	render_dither_run(f->d, buf, n);
	return render_out_write(f->o, buf, n);
}

int
render_analyse(struct session *s, int64_t start, int64_t end,
    int (*sink)(void *ctx, float *buf, int n), void *ctx)
{
	struct render_progress pr = { "analysing", "nothing was measured" };
	int rc = render_mix(s, start, end, false, &pr, sink, ctx);

	if (rc == -EINTR)
		session_fail(s, "stopped by %s; nothing was measured",
		    session_signal ? strsignal(session_signal) : "a signal");
	else if (rc < -1)
		session_fail(s, "%s", strerror(-rc));
	return rc == 0 ? 0 : -1;
}

int
render_file(struct session *s, const char *file, int64_t start, int64_t end,
    const struct render_spec *spec, enum render_dither_mode dither,
    bool click, int listen)
{
	struct project *p = s->p;
	struct render_out *o;
	struct render_dither d;
	struct render_file_sink fs;
	struct render_progress pr = { "rendering", NULL };
	char err[512], *path = NULL, *part = NULL, len[32], fmt[64];
	int i, rc;
	bool failed = false;

	if (spec->to_stdout) {
		/* Standard output is the screen there, or the prompt's. */
		if (s->interactive)
			return session_fail(s, "-: standard output only from "
			    "a script (reel PROJECT -c 'render -' | ...)");
		if (isatty(1))
			return session_fail(s, "-: standard output is a "
			    "terminal; send it to a pipe or a file");
	} else {
		if (render_target(s, file, &path) != 0)
			return -1;
		if (render_space_check(s, path, end - start, spec) != 0) {
			free(path);
			return -1;
		}
		part = xasprintf("%s.part", path);
	}
	pr.cut = path != NULL ? "nothing was rendered" :
	    "the stream was cut short";
	/* A stale temp file goes before the new one is opened (a take
	 * missing is found by render_mix, and the new one removed). */
	if (part != NULL && render_part_clear(s, part) != 0) {
		free(part);
		free(path);
		return -1;
	}
	o = render_out_open(spec, part, p->rate, end - start, err,
	    sizeof err);
	if (o == NULL) {
		free(part);
		free(path);
		return session_fail(s, "%s", err);
	}
	render_dither_init(&d, spec->bits == 16 ? dither : RENDER_DITHER_OFF,
	    p->rate);
	fs = (struct render_file_sink){ o, &d, NULL, start };
	if (listen >= 0) {
		fs.mon = monitor_new(p->rate);
		if (fs.mon == NULL)
			fatal("out of memory");
		/* A/B as the speakers have it, from the first frame. */
		monitor_reference(fs.mon, s->ref);
		monitor_ab(fs.mon, s->ab_ref);
		monitor_start(fs.mon, (enum monitor_listen)listen);
	}
	rc = render_mix(s, start, end, click, &pr, render_file_write, &fs);
	monitor_free(fs.mon);
	failed = rc == -1;
	i = render_out_close(o);
	if (rc == 0)
		rc = i;
	/* What is there now must still be a regular file (or nothing). */
	if (!failed && rc == 0 && path != NULL) {
		char *again = NULL;

		if (render_target(s, path, &again) != 0)
			failed = true;
		else if (rename(part, path) != 0)
			rc = -errno;
		free(again);
	}
	if (failed || rc != 0) {
		if (part != NULL)
			unlink(part);
		if (!failed && rc == -EINTR)
			session_fail(s, "stopped by %s; %s", session_signal ?
			    strsignal(session_signal) : "a signal",
			    path != NULL ? "nothing was written" :
			    "the stream was cut short");
		else if (!failed)
			render_error(s, path, rc);
		free(part);
		free(path);
		return -1;
	}
	timefmt_format(end - start, p->rate, len, sizeof len);
	render_out_describe(spec, fmt, sizeof fmt);
	if (path != NULL)
		session_msg(s, MSG_NOTE, "rendered %s (%s, %s%s)", path, len,
		    fmt, d.mode == RENDER_DITHER_SHAPED ? ", shaped dither" :
		    "");
	else
		session_msg(s, MSG_NOTE, "rendered to standard output (%s, "
		    "%s WAV)", len, fmt);
	free(part);
	free(path);
	return 0;
}
