/* engine.c - the real-time thread and the disk thread beside it.
 *
 * Nothing below engine_thread() may allocate, lock, print or do file I/O;
 * its only system calls are the device's and non-blocking eventfd writes
 * (and, in freewheel mode only, a poll() waiting for the disk thread).
 */
#include "engine.h"

#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>
#include "fx.h"
#include "monitor.h"
#include "ring.h"

#define ENGINE_MAX_XRUNS 64

struct engine {
	struct device *dev;
	struct mixer *mix;
	bool freewheel;
	pthread_t thread, disk_thread;
	bool thread_started, disk_started;
	atomic_int quit;

	_Atomic(struct snapshot *) snap;	/* latest published */
	_Atomic(struct snapshot *) seen;	/* in use by the engine */
	struct snapshot **retired;	/* control side, freed by collect */
	int nretired;

	_Atomic(struct run *) pending;		/* control -> engine */
	_Atomic(struct run *) disk_run;		/* control -> disk */
	struct run *run;			/* control side: owned run */
	atomic_int stop_req;

	int wake_fd;		/* engine/disk -> control */
	int disk_fd;		/* engine -> disk: a period went by */
	int fw_fd;		/* disk -> engine (freewheel) */
	int ctl_fd;		/* control -> engine (freewheel idle) */

	atomic_int_least64_t xruns;
	/* engine_load: written by the engine thread alone. */
	atomic_int_least64_t load_periods, load_ns, load_max;
	atomic_int_least64_t xrun_pos[ENGINE_MAX_XRUNS];
	atomic_int nxrun_pos;

	float *in, *out;
	struct monitor *mon;		/* listening: never in a render */
	_Atomic(struct ring *) tap;	/* the master's samples, for the
					   loudness meter (may be NULL) */
};

static void
engine_signal(int fd)
{
	uint64_t one = 1;

	/* Non-blocking eventfd: never waits, an overflow is impossible. */
	if (write(fd, &one, sizeof one) < 0)
		return;
}

static void
engine_drain_fd(int fd)
{
	uint64_t v;

	while (read(fd, &v, sizeof v) > 0)
		;
}

struct engine *
engine_new(struct device *dev, bool freewheel)
{
	struct engine *e = calloc(1, sizeof *e);
	int max = dev != NULL ? dev->period : 4096;

	if (e == NULL)
		return NULL;
	e->dev = dev;
	e->freewheel = freewheel;
	e->mix = mixer_new(max);
	e->mon = monitor_new(dev != NULL ? dev->rate : 48000);
	e->in = calloc((size_t)max * (dev && dev->cch ? dev->cch : 1),
	    sizeof(float));
	e->out = calloc((size_t)max * 2, sizeof(float));
	e->wake_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	e->disk_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	e->fw_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	e->ctl_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	atomic_store(&e->snap, snapshot_new(0));
	if (e->mix == NULL || e->mon == NULL || e->in == NULL ||
	    e->out == NULL ||
	    e->wake_fd < 0 || e->disk_fd < 0 || e->fw_fd < 0 ||
	    e->ctl_fd < 0) {
		engine_free(e);
		return NULL;
	}
	return e;
}

/* The master as mixed goes to the loudness meter's ring (a period
 * that does not fit whole is dropped: the meter is behind, the audio
 * never waits); then through the listening emulation to the device. */
static void
engine_monitor_path(struct engine *e, int n, int64_t pos)
{
	struct ring *tap = atomic_load_explicit(&e->tap,
	    memory_order_acquire);
	size_t bytes = (size_t)n * 2 * sizeof(float);

	if (tap != NULL && ring_write_space(tap) >= bytes)
		ring_write(tap, e->out, bytes);
	monitor_process(e->mon, e->out, n, pos);
}

struct monitor *
engine_monitor(struct engine *e)
{
	return e->mon;
}

void
engine_tap(struct engine *e, struct ring *r)
{
	atomic_store_explicit(&e->tap, r, memory_order_release);
}

static void
engine_note_xrun(struct engine *e, struct run *run)
{
	int i = atomic_load(&e->nxrun_pos);

	atomic_fetch_add(&e->xruns, 1);
	if (run != NULL && i < ENGINE_MAX_XRUNS) {
		atomic_store(&e->xrun_pos[i], run->start +
		    atomic_load(&run->rolled));
		atomic_store(&e->nxrun_pos, i + 1);
	}
	engine_signal(e->wake_fd);
}

/* Freewheel only: true when the disk has what the next n frames need. */
static bool
engine_disk_ready(struct run *run, int64_t n)
{
	int i;

	for (i = 0; i < run->ntracks; i++) {
		struct pstream *ps = run->play[i];
		struct cstream *cs = run->cap[i];

		if (ps != NULL && ring_read_space(ps->ring) <
		    (size_t)n * ps->channels * sizeof(float))
			return false;
		if (cs != NULL && ring_write_space(cs->ring) <
		    (size_t)n * cs->channels * sizeof(float))
			return false;
	}
	return true;
}

static void
engine_wait(int fd, int ms)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };

	if (poll(&pfd, 1, ms) > 0)
		engine_drain_fd(fd);
}

static void
engine_finish(struct engine *e, struct run *run)
{
	atomic_store_explicit(&run->done, 1, memory_order_release);
	engine_signal(e->disk_fd);
	engine_signal(e->wake_fd);
}

/* A pass's preroll: the graph's latency of the playlists, taken in
 * before its first period so the device puts out the timeline from the
 * pass's first frame, as render writes it.  The rings were primed before
 * the pass was handed over; freewheeling waits for them anyway. */
static void
engine_preroll(struct engine *e, struct run *run, const struct snapshot *s)
{
	int64_t done, k;

	for (done = 0; done < run->preroll; done += k) {
		k = run->preroll - done < e->dev->period ?
		    run->preroll - done : e->dev->period;
		if (e->freewheel)
			while (!engine_disk_ready(run, k) &&
			    !atomic_load(&e->quit) &&
			    !atomic_load(&run->disk_error))
				engine_wait(e->fw_fd, 100);
		mixer_preroll(e->mix, s, run, e->out, (int)k);
		engine_signal(e->disk_fd);
	}
}

/* One rolling period's mix took from t0 to now. */
static void
engine_time(struct engine *e, const struct timespec *t0)
{
	struct timespec t1;
	int64_t ns;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	ns = (int64_t)(t1.tv_sec - t0->tv_sec) * 1000000000 +
	    (t1.tv_nsec - t0->tv_nsec);
	/* One writer: plain loads and stores suffice. */
	atomic_store_explicit(&e->load_periods, atomic_load_explicit(
	    &e->load_periods, memory_order_relaxed) + 1,
	    memory_order_relaxed);
	atomic_store_explicit(&e->load_ns, atomic_load_explicit(&e->load_ns,
	    memory_order_relaxed) + ns, memory_order_relaxed);
	if (ns > atomic_load_explicit(&e->load_max, memory_order_relaxed))
		atomic_store_explicit(&e->load_max, ns, memory_order_relaxed);
}

static void *
engine_thread(void *arg)
{
	struct engine *e = arg;
	struct device *d = e->dev;
	struct run *run = NULL;
	int64_t since_wake = 0, wake_every = d->rate / 25;
	int n = d->period;
	struct timespec t0;

	fx_denormals_off();	/* as render_mix: the same samples */
	while (!atomic_load_explicit(&e->quit, memory_order_relaxed)) {
		struct snapshot *s = atomic_load_explicit(&e->snap,
		    memory_order_acquire);
		int64_t left = 0, rolled0;

		atomic_store_explicit(&e->seen, s, memory_order_release);
		if (run == NULL) {
			run = atomic_exchange(&e->pending, NULL);
			if (run != NULL && run->preroll > 0)
				engine_preroll(e, run, s);
			if (run == NULL && e->freewheel) {
				/* Nothing to do, and nobody waits on the
				 * clock: sleep until told. */
				engine_wait(e->ctl_fd, 100);
				continue;
			}
		}
		if (run != NULL) {
			left = run->length - atomic_load(&run->rolled);
			if (atomic_exchange(&e->stop_req, 0) || left <= 0) {
				engine_finish(e, run);
				run = NULL;
				continue;
			}
			if (e->freewheel && !engine_disk_ready(run, left < n ?
			    left : n) && !atomic_load(&run->disk_error)) {
				/* Waiting for the disk, a stop (a signal, a
				 * key) is still heard: the check above runs
				 * again after every wake-up. */
				engine_wait(e->fw_fd, 100);
				continue;
			}
		}
		if (d->cap != NULL) {
			if (device_read(d, e->in, n) < 0) {
				engine_note_xrun(e, run);
				device_recover(d);
				continue;
			}
		}
		rolled0 = run != NULL ? atomic_load(&run->rolled) : 0;
		if (run != NULL)
			clock_gettime(CLOCK_MONOTONIC, &t0);
		if (run != NULL && left < n) {
			/* The pass ends inside this period. */
			mixer_process(e->mix, s, run, d->cap ? e->in : NULL,
			    d->cch, e->out, (int)left);
			mixer_process(e->mix, s, NULL, NULL, 0,
			    e->out + 2 * left, n - (int)left);
			memset(e->mix->click + left, 0,
			    sizeof(float) * (n - left));
		} else
			mixer_process(e->mix, s, run, d->cap ? e->in : NULL,
			    d->cch, e->out, n);
		engine_monitor_path(e, n, run != NULL ? run_timeline(run,
		    rolled0) : -1);
		if (run != NULL)
			engine_time(e, &t0);
		/* A click routed to outputs of its own goes there, beside
		 * the mix. */
		if (device_write(d, e->out, n, run != NULL &&
		    s->click.out > 0 ? e->mix->click : NULL,
		    s->click.out - 1) < 0) {
			engine_note_xrun(e, run);
			device_recover(d);
		}
		if (run != NULL) {
			engine_signal(e->disk_fd);
			since_wake += n;
			if (since_wake >= wake_every) {
				since_wake = 0;
				engine_signal(e->wake_fd);
			}
		}
	}
	return NULL;
}

static void *
engine_disk_thread(void *arg)
{
	struct engine *e = arg;
	struct timespec last, now;

	clock_gettime(CLOCK_MONOTONIC, &last);
	while (!atomic_load(&e->quit)) {
		struct run *run = atomic_load(&e->disk_run);

		engine_wait(e->disk_fd, 20);
		if (run == NULL)
			continue;
		stream_service(run, false);
		if (e->freewheel)
			engine_signal(e->fw_fd);
		clock_gettime(CLOCK_MONOTONIC, &now);
		/* Take headers are refreshed at least once a second, so a
		 * crash loses no more than that. */
		if ((now.tv_sec - last.tv_sec) * 1000 +
		    (now.tv_nsec - last.tv_nsec) / 1000000 >= 500) {
			stream_sync(run);
			last = now;
		}
		if (atomic_load_explicit(&run->done, memory_order_acquire)
		    == 1) {
			stream_service(run, true);
			stream_sync(run);
			atomic_store(&e->disk_run, NULL);
			atomic_store_explicit(&run->done, 2,
			    memory_order_release);
			engine_signal(e->wake_fd);
		}
	}
	return NULL;
}

static int engine_start_threads(struct engine *e, int rt_priority,
    char *rt_note, size_t notelen, char *err, size_t errlen);

int
engine_start(struct engine *e, int rt_priority, char *rt_note,
    size_t notelen, char *err, size_t errlen)
{
	sigset_t block, old;
	int rc;

	rt_note[0] = '\0';
	/* The threads started here inherit a mask without the signals the
	 * control thread waits for: a ^C or hang-up always reaches it (and
	 * its pipe), never interrupts the engine's I/O. */
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGHUP);
	sigaddset(&block, SIGWINCH);
	pthread_sigmask(SIG_BLOCK, &block, &old);
	rc = engine_start_threads(e, rt_priority, rt_note, notelen, err,
	    errlen);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return rc;
}

static int
engine_start_threads(struct engine *e, int rt_priority, char *rt_note,
    size_t notelen, char *err, size_t errlen)
{
	pthread_attr_t attr;
	struct sched_param sp;
	int rc = -1;

	if (pthread_create(&e->disk_thread, NULL, engine_disk_thread, e)
	    != 0) {
		snprintf(err, errlen, "cannot start the disk thread");
		return -1;
	}
	e->disk_started = true;
	if (device_start(e->dev) != 0) {
		snprintf(err, errlen, "cannot start device '%s'",
		    e->dev->play_name);
		return -1;
	}
	if (rt_priority > 0 && !e->freewheel) {
		pthread_attr_init(&attr);
		pthread_attr_setinheritsched(&attr, PTHREAD_EXPLICIT_SCHED);
		pthread_attr_setschedpolicy(&attr, SCHED_FIFO);
		memset(&sp, 0, sizeof sp);
		sp.sched_priority = rt_priority;
		pthread_attr_setschedparam(&attr, &sp);
		rc = pthread_create(&e->thread, &attr, engine_thread, e);
		pthread_attr_destroy(&attr);
		if (rc != 0)
			snprintf(rt_note, notelen, "engine: no real-time "
			    "priority (%s); carrying on without it",
			    strerror(rc));
	}
	if (rc != 0 && pthread_create(&e->thread, NULL, engine_thread, e)
	    != 0) {
		snprintf(err, errlen, "cannot start the engine thread");
		return -1;
	}
	e->thread_started = true;
	return 0;
}

void
engine_free(struct engine *e)
{
	int i;

	if (e == NULL)
		return;
	atomic_store(&e->quit, 1);
	if (e->ctl_fd >= 0)
		engine_signal(e->ctl_fd);
	if (e->thread_started)
		pthread_join(e->thread, NULL);
	if (e->disk_started)
		pthread_join(e->disk_thread, NULL);
	if (e->dev != NULL && e->thread_started)
		device_stop(e->dev);
	for (i = 0; i < e->nretired; i++)
		snapshot_free(e->retired[i]);
	free(e->retired);
	snapshot_free(atomic_load(&e->snap));
	mixer_free(e->mix);
	monitor_free(e->mon);
	free(e->in);
	free(e->out);
	if (e->wake_fd >= 0)
		close(e->wake_fd);
	if (e->disk_fd >= 0)
		close(e->disk_fd);
	if (e->fw_fd >= 0)
		close(e->fw_fd);
	if (e->ctl_fd >= 0)
		close(e->ctl_fd);
	free(e);
}

void
engine_publish(struct engine *e, struct snapshot *s)
{
	struct snapshot *old = atomic_exchange(&e->snap, s);

	struct snapshot **r;

	engine_collect(e);
	if (!e->thread_started) {
		snapshot_free(old);
		return;
	}
	r = realloc(e->retired, sizeof *r * (e->nretired + 1));
	if (r == NULL)
		abort();
	e->retired = r;
	e->retired[e->nretired++] = old;
}

void
engine_collect(struct engine *e)
{
	struct snapshot *seen = atomic_load(&e->seen);
	int i;

	/* Once the engine uses the newest snapshot, none of the older ones
	 * can be in use. */
	if (e->thread_started && seen != atomic_load(&e->snap))
		return;
	for (i = 0; i < e->nretired; i++)
		snapshot_free(e->retired[i]);
	e->nretired = 0;
}

int
engine_roll(struct engine *e, struct run *run)
{
	if (e->run != NULL)
		return -1;
	e->run = run;
	atomic_store(&e->nxrun_pos, 0);
	atomic_store(&run->rolled, 0);
	atomic_store(&run->done, 0);
	atomic_store(&e->stop_req, 0);
	atomic_store(&e->disk_run, run);
	atomic_store(&e->pending, run);
	engine_signal(e->ctl_fd);
	engine_signal(e->disk_fd);
	return 0;
}

void
engine_stop(struct engine *e)
{
	if (e->run != NULL) {
		atomic_store(&e->stop_req, 1);
		/* A freewheeling engine may be waiting for the disk. */
		engine_signal(e->fw_fd);
	}
}

bool
engine_idle(struct engine *e)
{
	if (e->run == NULL)
		return true;
	if (atomic_load_explicit(&e->run->done, memory_order_acquire) != 2)
		return false;
	e->run = NULL;
	return true;
}

int
engine_wake_fd(const struct engine *e)
{
	return e->wake_fd;
}

void
engine_ack(struct engine *e)
{
	engine_drain_fd(e->wake_fd);
	engine_collect(e);
}

float
engine_track_peak(struct engine *e, int track)
{
	if (track < 0 || track >= MIXER_MAX_TRACKS)
		return 0.0f;
	return mixer_take_peak(&e->mix->peak[track]);
}

void
engine_meter_take(struct engine *e, int slot, float *peak, float *rms,
    float *gr)
{
	if (slot < 0 || slot >= MIXER_SLOTS) {
		*peak = *rms = *gr = 0.0f;
		return;
	}
	mixer_meter_take(e->mix, slot, peak, rms, gr);
}

float
engine_correlation(struct engine *e)
{
	return mixer_correlation(e->mix);
}

float
engine_master_peak(struct engine *e, int side)
{
	return mixer_take_peak(&e->mix->master_peak[side != 0]);
}

float
engine_input_peak(struct engine *e, int ch)
{
	if (ch < 0 || ch >= engine_inputs(e))
		return 0.0f;
	return mixer_take_peak(&e->mix->input_peak[ch]);
}

int
engine_inputs(const struct engine *e)
{
	int n = e->dev != NULL && e->dev->cap != NULL ? e->dev->cch : 0;

	return n < MIXER_MAX_INPUTS ? n : MIXER_MAX_INPUTS;
}

void
engine_load(struct engine *e, int64_t *periods, int64_t *busy_ns,
    int64_t *max_ns)
{
	*periods = atomic_load(&e->load_periods);
	*busy_ns = atomic_load(&e->load_ns);
	*max_ns = atomic_load(&e->load_max);
}

int64_t
engine_xruns(struct engine *e)
{
	return atomic_load(&e->xruns);
}

int
engine_xrun_positions(struct engine *e, int64_t *pos, int max)
{
	int i, n = atomic_load(&e->nxrun_pos);

	if (n > max)
		n = max;
	for (i = 0; i < n; i++)
		pos[i] = atomic_load(&e->xrun_pos[i]);
	return n;
}

const struct device *
engine_device(const struct engine *e)
{
	return e->dev;
}
