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
#include <sndfile.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "sample.h"
#include "util.h"
#include "wavfile.h"

#define RENDER_BLOCK 4096

struct render_out {
	struct wavfile *wav;
	SNDFILE *sf;
	int *ibuf;
};

static int
render_open(struct render_out *o, const char *path, const char *fmt,
    int rate, char *err, size_t errlen)
{
	SF_INFO info;

	memset(o, 0, sizeof *o);
	if (strcmp(fmt, "flac") == 0) {
		memset(&info, 0, sizeof info);
		info.samplerate = rate;
		info.channels = 2;
		info.format = SF_FORMAT_FLAC | SF_FORMAT_PCM_24;
		o->sf = sf_open(path, SFM_WRITE, &info);
		if (o->sf == NULL) {
			snprintf(err, errlen, "%s: %s", path,
			    sf_strerror(NULL));
			return -1;
		}
		o->ibuf = xcalloc(RENDER_BLOCK * 2, sizeof *o->ibuf);
		return 0;
	}
	o->wav = wavfile_create(path, 2, rate, strcmp(fmt, "wav16") == 0 ?
	    WAVFILE_PCM16 : strcmp(fmt, "wav24") == 0 ? WAVFILE_PCM24 :
	    WAVFILE_FLOAT32, err, errlen);
	return o->wav != NULL ? 0 : -1;
}

static int
render_write(struct render_out *o, const float *buf, int n)
{
	int i;

	if (o->wav != NULL)
		return wavfile_write(o->wav, buf, n);
	/* 24-bit FLAC through libsndfile's int path: our rounding, exact. */
	for (i = 0; i < n * 2; i++) {
		float v = buf[i] * 8388608.0f;

		v = v >= 8388607.0f ? 8388607.0f : v < -8388608.0f ?
		    -8388608.0f : v;
		o->ibuf[i] = (int)lrintf(v) * 256;
	}
	if (sf_writef_int(o->sf, o->ibuf, n) != n)
		return -EIO;
	return 0;
}

/* The disk side of a render. */
struct render_disk {
	struct run *run;
	pthread_t thread;
	bool started;
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

/* Starts the disk thread; without one the loop services the streams
 * itself (the same samples, slower). */
static void
render_disk_start(struct render_disk *d, struct run *run)
{
	memset(d, 0, sizeof *d);
	d->run = run;
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

static int
render_close(struct render_out *o)
{
	int rc = 0;

	if (o->wav != NULL)
		rc = wavfile_close(o->wav, NULL);
	if (o->sf != NULL && sf_close(o->sf) != 0)
		rc = -EIO;
	free(o->ibuf);
	return rc;
}

/* A render that cannot fit is refused before it fills the disk. */
static int
render_space_check(struct session *s, const char *path, int64_t frames,
    const char *fmt)
{
	struct statvfs sv;
	char *dir = xstrdup(path), *slash = strrchr(dir, '/');
	int64_t need, avail;
	int bytes = strcmp(fmt, "wav16") == 0 ? 2 : strcmp(fmt, "wav24") == 0
	    || strcmp(fmt, "flac") == 0 ? 3 : 4;

	if (slash != NULL)
		*slash = '\0';
	if (statvfs(slash != NULL ? (dir[0] ? dir : "/") : ".", &sv) != 0) {
		free(dir);
		return 0;
	}
	free(dir);
	need = frames * 2 * bytes;
	avail = (int64_t)sv.f_bavail * (int64_t)sv.f_frsize;
	if (need > avail)
		return session_fail(s, "%s needs %lld MB and only %lld MB are "
		    "free", path, (long long)(need >> 20),
		    (long long)(avail >> 20));
	return 0;
}

/* Dithers and writes n frames. */
static int
render_emit(struct render_out *o, struct dither *d, float *out, int n)
{
	int i;

	if (d->on)
		for (i = 0; i < n * 2; i++)
			out[i] += dither_tpdf(d) * (1.0f / 32768);
	return render_write(o, out, n);
}

int
render_file(struct session *s, const char *path, int64_t start, int64_t end,
    const char *fmt, bool dither, bool click)
{
	struct project *p = s->p;
	struct snapshot *snap;
	struct mixer *m;
	struct run *run;
	struct render_out o;
	struct render_disk disk;
	struct dither d;
	char err[512], *part, len[32];
	struct graph_pool *pool;
	float *out;
	int64_t pos, k;
	int i, rc = 0, last = -1;
	bool tty = s->progress && isatty(2);

	if (render_space_check(s, path, end - start, fmt) != 0)
		return -1;
	part = xasprintf("%s.part", path);
	unlink(part);
	if (render_open(&o, part, fmt, p->rate, err, sizeof err) != 0) {
		free(part);
		return session_fail(s, "%s", err);
	}
	pool = graph_pool_new(p->rate);
	if (pool == NULL)
		fatal("out of memory");
	snap = session_snapshot_pool(s, pool);
	/* The click is for the players: in a render only when asked. */
	snap->click.on = click;
	m = mixer_new(RENDER_BLOCK);
	if (m == NULL)
		fatal("out of memory");
	out = xcalloc(RENDER_BLOCK * 2, sizeof *out);
	run = run_new(p->ntracks);
	for (i = 0; i < p->ntracks; i++)
		session_add_playlist(s, run, i, RENDER_BLOCK * 2, 0, 0);
	/* Inserts that look ahead delay the mix: the graph takes in that
	 * much of the playlists before the first frame is written (and
	 * they run as much past the end), as playback does, so the render
	 * lines up with the timeline. */
	run->preroll = snap->graph != NULL ? snap->graph->latency : 0;
	run_seek(run, start);
	for (i = 0; i < p->ntracks; i++)
		if (run->play[i] != NULL)
			run->play[i]->end = end + run->preroll;
	dither_init(&d, 0x72656e64, dither && strcmp(fmt, "wav16") == 0);
	render_disk_start(&disk, run);
	for (pos = 0; pos < run->preroll && session_signal == 0; pos += k) {
		k = run->preroll - pos < RENDER_BLOCK ? run->preroll - pos :
		    RENDER_BLOCK;
		if (!render_disk_wait(&disk, (int)k))
			break;
		mixer_preroll(m, snap, run, out, (int)k);
		if (disk.started)
			render_signal(disk.wake_fd);
	}
	/* A hang-up or ^C stops a render: nothing is left under either
	 * name, and the caller exits with the signal's status. */
	for (pos = start; pos < end && rc == 0 && session_signal == 0;
	    pos += RENDER_BLOCK) {
		int n = end - pos < RENDER_BLOCK ? (int)(end - pos) :
		    RENDER_BLOCK;

		if (!render_disk_wait(&disk, n))
			break;
		mixer_process(m, snap, run, NULL, 0, out, n);
		if (disk.started)
			render_signal(disk.wake_fd);
		rc = render_emit(&o, &d, out, n);
		if (tty && (int)((pos - start) * 50 / (end - start)) != last) {
			last = (int)((pos - start) * 50 / (end - start));
			fprintf(stderr, "\rrendering [%.*s%*s] %3d%%", last,
			    "##################################################",
			    50 - last, "", last * 2);
		}
	}
	if (tty)
		fprintf(stderr, "\r%*s\r", 70, "");
	render_disk_stop(&disk);
	for (i = 0; i < p->ntracks; i++)
		if (run->play[i] != NULL && atomic_load(&run->play[i]->failed)) {
			session_fail(s, "%s", run->play[i]->error);
			rc = -EIO;
			break;
		}
	run_free(run);
	mixer_free(m);
	snapshot_free(snap);
	graph_pool_free(pool);
	free(out);
	if (render_close(&o) != 0 && rc == 0)
		rc = -EIO;
	if (rc == 0 && session_signal != 0)
		rc = -EINTR;
	if (rc == 0 && rename(part, path) != 0)
		rc = -errno;
	if (rc != 0) {
		unlink(part);
		free(part);
		if (rc == -EINTR)
			session_fail(s, "stopped by %s; %s was not written",
			    strsignal(session_signal), path);
		else if (rc != -EIO)
			session_fail(s, "%s: %s", path, strerror(-rc));
		else
			session_fail(s, "%s: write error", path);
		return -1;
	}
	free(part);
	timefmt_format(end - start, p->rate, len, sizeof len);
	session_msg(s, MSG_NOTE, "rendered %s (%s, %s)", path, len, fmt);
	return 0;
}
