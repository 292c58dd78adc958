/* album_render.c - a song of an album measured and rendered headless: its
 * project opened read-only in a private session (no device, no engine, no
 * lock: nothing is written to it) and mixed through render_analyse, the
 * same graph and loop as `render` and `loudness mix`.  Songs run in
 * parallel on worker threads, one per core. */
#include "album.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <pthread.h>
#include <samplerate.h>
#include <sndfile.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "pan.h"
#include "session.h"
#include "util.h"

/* Plugin hosts keep process-wide state (lilv's world, the kinds loaded
 * once): projects are opened one at a time, and a song with plugin
 * inserts is rendered while no other such song is.  Built-in
 * processors are plain allocations and run in parallel. */
static pthread_mutex_t album_load_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t album_plugin_lock = PTHREAD_MUTEX_INITIALIZER;

static bool
album_has_plugins_in(const struct inserts *fx)
{
	int i;

	for (i = 0; i < fx->n; i++)
		if (fx->v[i].kind->knew != NULL)
			return true;
	return false;
}

static bool
album_has_plugins(const struct project *p)
{
	int i;

	if (album_has_plugins_in(&p->master_fx))
		return true;
	for (i = 0; i < p->ntracks; i++)
		if (album_has_plugins_in(&p->tracks[i].fx))
			return true;
	for (i = 0; i < p->nbuses; i++)
		if (album_has_plugins_in(&p->buses[i].fx))
			return true;
	return false;
}

/* A private session's messages: the first error is kept. */
struct album_msgs {
	char *err;
	size_t errlen;
	bool got;
	bool plugins;		/* holds album_plugin_lock */
};

static void
album_render_msg(void *arg, enum msg_kind kind, const char *text)
{
	struct album_msgs *m = arg;

	if (kind == MSG_ERROR && !m->got) {
		m->got = true;
		snprintf(m->err, m->errlen, "%s", text);
	}
}

/* Opens song i's project in *s (read-only).  0, or -1 with err. */
static int
album_song_session(const struct album *a, int i, struct session *s,
    struct album_msgs *m, char *err, size_t errlen)
{
	char dir[2048], why[512];

	memset(s, 0, sizeof *s);
	memset(m, 0, sizeof *m);
	m->err = err;
	m->errlen = errlen;
	err[0] = '\0';
	config_defaults(&s->cfg);
	s->lock_fd = -1;
	s->msg = album_render_msg;
	s->msg_arg = m;
	album_song_dir(a, i, dir, sizeof dir);
	pthread_mutex_lock(&album_load_lock);
	s->p = project_load(dir, why, sizeof why);
	pthread_mutex_unlock(&album_load_lock);
	if (s->p == NULL) {
		snprintf(err, errlen, "%s", why);
		return -1;
	}
	s->p->readonly = true;
	if (project_length(s->p) <= 0) {
		snprintf(err, errlen, "%s: the song is empty", dir);
		project_free(s->p);
		s->p = NULL;
		return -1;
	}
	m->plugins = album_has_plugins(s->p);
	if (m->plugins)
		pthread_mutex_lock(&album_plugin_lock);
	return 0;
}

static void
album_song_session_end(struct session *s, struct album_msgs *m)
{
	graph_pool_free(s->pool);
	pthread_mutex_lock(&album_load_lock);
	project_free(s->p);
	pthread_mutex_unlock(&album_load_lock);
	s->p = NULL;
	if (m->plugins)
		pthread_mutex_unlock(&album_plugin_lock);
}

static int
album_measure_sink(void *ctx, float *buf, int n)
{
	return loudness_add(ctx, buf, (size_t)n) == 0 ? 0 : -ENOMEM;
}

int
album_measure(struct album *a, int i, char *err, size_t errlen)
{
	struct album_song *so = &a->songs[i];
	struct album_msgs m;
	struct session s;
	struct loudness *l;
	int64_t end;
	int rc;

	if (album_song_session(a, i, &s, &m, err, errlen) != 0)
		return -1;
	end = project_length(s.p);
	l = loudness_new(s.p->rate, 2, LOUDNESS_THREADS);
	if (l == NULL)
		fatal("out of memory");
	rc = render_analyse(&s, 0, end, album_measure_sink, l);
	if (rc == 0) {
		loudness_get(l, &so->lf);
		so->song_rate = s.p->rate;
		so->length = a->rate > 0 && a->rate != s.p->rate ?
		    (int64_t)llround((double)end * a->rate / s.p->rate) : end;
		so->measured = true;
	} else if (!m.got)
		snprintf(err, errlen, "the song could not be measured");
	loudness_free(l);
	album_song_session_end(&s, &m);
	return rc;
}

/* The render's sink: the album gain, then (at another rate) libsamplerate
 * at its best quality, into the file. */
struct album_out {
	SNDFILE *sf;
	SRC_STATE *src;
	double ratio;
	float gain;
	float *conv;
	long conv_frames;
	int64_t frames;		/* written */
	int64_t want;		/* frames at the album rate: round(n*ratio) */
};

static int
album_out_write(struct album_out *o, const float *buf, long n)
{
	/* A converted song is exactly round(frames * ratio) long: the
	 * filter's tail past that is dropped, a shortfall padded. */
	if (o->src != NULL && o->frames + n > o->want)
		n = (long)(o->want - o->frames);
	if (n <= 0)
		return 0;
	if (sf_writef_float(o->sf, buf, n) != n)
		return -EIO;
	o->frames += n;
	return 0;
}

static int
album_out_convert(struct album_out *o, const float *in, long n, bool last)
{
	static const float none[2];
	SRC_DATA d;

	memset(&d, 0, sizeof d);
	d.data_in = in != NULL ? in : none;
	d.input_frames = n;
	d.src_ratio = o->ratio;
	d.end_of_input = last;
	for (;;) {
		d.data_out = o->conv;
		d.output_frames = o->conv_frames;
		if (src_process(o->src, &d) != 0)
			return -EINVAL;
		if (d.output_frames_gen > 0 && album_out_write(o, o->conv,
		    d.output_frames_gen) != 0)
			return -EIO;
		d.data_in += d.input_frames_used * 2;
		d.input_frames -= d.input_frames_used;
		if (d.input_frames == 0 && (!last ||
		    d.output_frames_gen == 0))
			return 0;
	}
}

static int
album_out_sink(void *ctx, float *buf, int n)
{
	struct album_out *o = ctx;
	int j;

	for (j = 0; j < 2 * n; j++)
		buf[j] *= o->gain;
	if (o->src == NULL)
		return album_out_write(o, buf, n);
	return album_out_convert(o, buf, n, false);
}

int
album_render_song(const struct album *a, int i, const char *path, char *err,
    size_t errlen)
{
	const struct album_song *so = &a->songs[i];
	struct album_out o;
	struct album_msgs m;
	struct session s;
	SF_INFO info;
	char *part;
	int rc, e;

	if (a->rate <= 0) {
		snprintf(err, errlen, "the album has no rate");
		return -1;
	}
	if (album_song_session(a, i, &s, &m, err, errlen) != 0)
		return -1;
	memset(&o, 0, sizeof o);
	o.gain = (float)pan_db_to_gain(so->gain_db);
	if (s.p->rate != a->rate) {
		o.src = src_new(SRC_SINC_BEST_QUALITY, 2, &e);
		if (o.src == NULL)
			fatal("libsamplerate: %s", src_strerror(e));
		o.ratio = (double)a->rate / s.p->rate;
		o.conv_frames = (long)(4096 * o.ratio) + 256;
		o.conv = xmalloc(sizeof(float) * 2 * (size_t)o.conv_frames);
		o.want = llround((double)project_length(s.p) * o.ratio);
	}
	/* Written under a temp name, renamed when whole. */
	part = xasprintf("%s.part", path);
	memset(&info, 0, sizeof info);
	info.samplerate = a->rate;
	info.channels = 2;
	info.format = SF_FORMAT_WAV | SF_FORMAT_FLOAT;
	o.sf = sf_open(part, SFM_WRITE, &info);
	if (o.sf == NULL) {
		snprintf(err, errlen, "%s: %s", part, sf_strerror(NULL));
		rc = -1;
		goto out;
	}
	/* No PEAK chunk: it holds a time stamp, and the same album should
	 * make the same files. */
	sf_command(o.sf, SFC_SET_ADD_PEAK_CHUNK, NULL, SF_FALSE);
	rc = render_analyse(&s, 0, project_length(s.p), album_out_sink, &o);
	if (rc == 0 && o.src != NULL && album_out_convert(&o, NULL, 0,
	    true) != 0) {
		snprintf(err, errlen, "%s: write error", part);
		rc = -1;
	}
	while (rc == 0 && o.src != NULL && o.frames < o.want) {
		long k = o.want - o.frames > o.conv_frames ? o.conv_frames :
		    (long)(o.want - o.frames);

		memset(o.conv, 0, sizeof(float) * 2 * (size_t)k);
		if (album_out_write(&o, o.conv, k) != 0) {
			snprintf(err, errlen, "%s: write error", part);
			rc = -1;
		}
	}
	if (rc != 0 && !m.got && err[0] == '\0')
		snprintf(err, errlen, "%s: the render failed", path);
	if (sf_close(o.sf) != 0 && rc == 0) {
		snprintf(err, errlen, "%s: write error", part);
		rc = -1;
	}
	if (rc == 0) {
		int fd = open(part, O_RDONLY | O_CLOEXEC);

		if (fd < 0 || fsync(fd) != 0 || rename(part, path) != 0) {
			snprintf(err, errlen, "%s: %s", path,
			    strerror(errno));
			rc = -1;
		}
		if (fd >= 0)
			close(fd);
	}
	if (rc != 0)
		unlink(part);
out:
	free(part);
	free(o.conv);
	if (o.src != NULL)
		src_delete(o.src);
	album_song_session_end(&s, &m);
	return rc;
}

struct album_pool {
	struct album *a;
	const bool *want;
	int (*job)(struct album *, int, void *, char *, size_t);
	void *arg;
	char (*errs)[512];
	atomic_int next;
	atomic_int failed;
};

static void *
album_worker(void *arg)
{
	struct album_pool *p = arg;
	int i;

	while ((i = atomic_fetch_add(&p->next, 1)) < p->a->nsongs) {
		if (!p->want[i] || session_signal != 0)
			continue;
		p->errs[i][0] = '\0';
		if (p->job(p->a, i, p->arg, p->errs[i], sizeof p->errs[i])
		    != 0) {
			if (p->errs[i][0] == '\0')
				snprintf(p->errs[i], sizeof p->errs[i],
				    "failed");
			atomic_fetch_add(&p->failed, 1);
		}
	}
	return NULL;
}

int
album_parallel(struct album *a, const bool *want,
    int (*job)(struct album *a, int i, void *arg, char *err, size_t errlen),
    void *arg, char (*errs)[512])
{
	struct album_pool p;
	pthread_t th[64];
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	int n = 0, i, nw, started;

	for (i = 0; i < a->nsongs; i++) {
		errs[i][0] = '\0';
		n += want[i];
	}
	nw = cores < 1 ? 1 : cores > 64 ? 64 : (int)cores;
	if (nw > n)
		nw = n;
	memset(&p, 0, sizeof p);
	p.a = a;
	p.want = want;
	p.job = job;
	p.arg = arg;
	p.errs = errs;
	atomic_init(&p.next, 0);
	atomic_init(&p.failed, 0);
	/* The first worker is this thread; a thread that cannot start
	 * leaves its share to the others. */
	for (started = 0; started + 1 < nw; started++)
		if (pthread_create(&th[started], NULL, album_worker, &p) != 0)
			break;
	album_worker(&p);
	for (i = 0; i < started; i++)
		pthread_join(th[i], NULL);
	return atomic_load(&p.failed);
}
