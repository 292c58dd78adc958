/* session.c - the control thread's context and what it hands the engine. */
#include "session.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <dirent.h>

#include "comp.h"
#include "lock.h"
#include "pan.h"
#include "routing.h"
#include "util.h"
#include "wavfile.h"

static void session_stack_clear(char ***stack, int *n);

volatile sig_atomic_t session_signal;
static int session_pipe[2] = { -1, -1 };

static void
session_on_signal(int sig)
{
	int saved = errno;
	char c = (char)sig;

	session_signal = sig;
	/* A full pipe already wakes the loop; nothing to do on failure. */
	if (session_pipe[1] >= 0)
		(void)!write(session_pipe[1], &c, 1);
	errno = saved;
}

void
session_signals_install(void)
{
	struct sigaction sa;

	if (session_pipe[0] < 0 && pipe2(session_pipe,
	    O_NONBLOCK | O_CLOEXEC) != 0)
		session_pipe[0] = session_pipe[1] = -1;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = session_on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
}

int
session_signal_fd(void)
{
	return session_pipe[0];
}

void
session_msg(struct session *s, enum msg_kind kind, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (s->msg != NULL)
		s->msg(s->msg_arg, kind, buf);
}

int
session_fail(struct session *s, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (s->cmd_name != NULL)
		session_msg(s, MSG_ERROR, "%s: %s", s->cmd_name, buf);
	else
		session_msg(s, MSG_ERROR, "%s", buf);
	return -1;
}

static bool
session_dir_empty(const char *dir)
{
	struct dirent *de;
	DIR *d = opendir(dir);
	bool empty = true;

	if (d == NULL)
		return false;
	while ((de = readdir(d)) != NULL)
		if (strcmp(de->d_name, ".") != 0 &&
		    strcmp(de->d_name, "..") != 0) {
			empty = false;
			break;
		}
	closedir(d);
	return empty;
}

/* A loop recording cut short: its file holds pass after pass; each whole
 * or partial pass becomes a take of its own, as a clean stop makes them. */
static int
session_recover_loop(struct session *s, struct track *t, int j,
    int64_t frames)
{
	struct project *p = s->p;
	struct take *k = &t->takes[j];
	int64_t len = k->rec_end - k->rec_start, start = k->start;
	int64_t rec_start = k->rec_start, avail, i, npass;
	char when[32];
	int id = k->id;

	avail = frames - (rec_start - start);
	if (avail < 0)
		avail = 0;
	npass = len > 0 ? (avail + len - 1) / len : 1;
	if (npass < 1)
		npass = 1;
	for (i = 0; i < npass; i++) {
		int64_t n = avail - i * len < len ? avail - i * len : len;

		k = i == 0 ? project_take(t, id) :
		    project_take_loop_pass(t, id, (int)i, len, p->next_pass++);
		k->rec_end = rec_start + (n > 0 ? n : 0);
		k->loop = false;
		k->state = TAKE_RECOVERED;
		t->active = k->id;
		comp_put(t, k->id, k->rec_start, k->rec_end,
		    comp_default_xfade(p));
		timefmt_format(n > 0 ? n : 0, p->rate, when, sizeof when);
		session_msg(s, MSG_NOTE, "recovered take %s %d (%s, loop pass "
		    "%lld) left by a crash", t->name, k->id, when,
		    (long long)i + 1);
	}
	return (int)npass;
}

/* Takes left in state "recording" were cut short by a crash: their files
 * are repaired to cover every frame on disk and kept. */
static void
session_recover(struct session *s)
{
	struct project *p = s->p;
	char err[512], when[32];
	int i, j, n = 0;

	for (i = 0; i < p->ntracks; i++) {
		struct track *t = &p->tracks[i];

		for (j = 0; j < t->ntakes; j++) {
			struct take *k = &t->takes[j];
			int64_t frames = 0;
			char *path;

			if (k->state != TAKE_RECORDING)
				continue;
			path = project_path(p, k->file);
			if (wavfile_repair(path, &frames, err,
			    sizeof err) != 0) {
				session_msg(s, MSG_NOTE, "take %s %d could not "
				    "be recovered: %s", t->name, k->id, err);
				free(path);
				continue;
			}
			free(path);
			k->length = frames;
			if (k->loop) {
				n += session_recover_loop(s, t, j, frames);
				continue;
			}
			/* The range covers what reached the disk: all of it
			 * for an open-ended pass (saved with an empty range),
			 * at most the planned range for a timed one. */
			if (k->rec_end <= k->rec_start ||
			    k->start + frames < k->rec_end)
				k->rec_end = k->start + frames;
			if (k->rec_end < k->rec_start)
				k->rec_end = k->rec_start;
			k->state = TAKE_RECOVERED;
			t->active = k->id;
			comp_put(t, k->id, k->rec_start, k->rec_end,
			    comp_default_xfade(p));
			timefmt_format(k->rec_end - k->rec_start, p->rate,
			    when, sizeof when);
			session_msg(s, MSG_NOTE, "recovered take %s %d (%s) "
			    "left by a crash", t->name, k->id, when);
			n++;
		}
	}
	if (n > 0 && !p->readonly)
		session_save(s);
}

/* Temp files of saves cut short by a crash (project.ini.tmp.PID): with
 * the lock held nobody else is saving, so they are stale. */
static void
session_clean_temps(struct session *s)
{
	const char *prefix = PROJECT_FILE ".tmp.";
	size_t n = strlen(prefix);
	struct dirent *de;
	DIR *d = opendir(s->p->dir);
	char *path;

	if (d == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if (strncmp(de->d_name, prefix, n) != 0 ||
		    de->d_name[n] == '\0' ||
		    strspn(de->d_name + n, "0123456789") !=
		    strlen(de->d_name + n))
			continue;
		path = project_path(s->p, de->d_name);
		unlink(path);
		free(path);
	}
	closedir(d);
}

int
session_open(struct session *s, const char *dir, char *err, size_t errlen)
{
	struct stat st;
	bool create, locked = false;
	char *ini;
	int fd = -1;

	create = stat(dir, &st) != 0 ? errno == ENOENT :
	    S_ISDIR(st.st_mode) && session_dir_empty(dir);
	s->lock_fd = -1;
	if (create) {
		s->p = project_create(dir, s->cfg.rate, s->cfg.take_format,
		    err, errlen);
		if (s->p == NULL)
			return -1;
		session_msg(s, MSG_NOTE, "created new project %s (%d Hz)", dir,
		    s->p->rate);
	} else {
		/* Lock before reading: a reel that saves once more and quits
		 * in between would otherwise see its last save overwritten
		 * by what we read before it. */
		ini = xasprintf("%s/%s", dir, PROJECT_FILE);
		if (access(ini, F_OK) == 0) {
			fd = lock_acquire(dir, err, errlen);
			if (fd == -1) {
				free(ini);
				return -1;
			}
			locked = true;
		}
		free(ini);
		s->p = project_load(dir, err, errlen);
		if (s->p == NULL) {
			if (fd >= 0)
				lock_release(fd, dir);
			return -1;
		}
	}
	if (!locked)
		fd = lock_acquire(dir, err, errlen);
	if (fd == -1) {
		project_free(s->p);
		s->p = NULL;
		return -1;
	}
	if (fd == -2 || s->p->readonly) {
		s->p->readonly = true;
		session_msg(s, MSG_NOTE, "project %s is read-only: changes "
		    "will not be saved", dir);
	}
	s->lock_fd = fd;
	if (fd >= 0 && !s->p->readonly)
		session_clean_temps(s);
	session_recover(s);
	return 0;
}

void
session_close(struct session *s)
{
	if (s->state != TRANSPORT_STOPPED) {
		transport_stop(s);
		while (s->state != TRANSPORT_STOPPED)
			transport_wait(s);
	}
	engine_free(s->eng);
	s->eng = NULL;
	/* After the engine: its last snapshots held the instances. */
	graph_pool_free(s->pool);
	s->pool = NULL;
	device_close(s->dev);
	s->dev = NULL;
	if (s->lock_fd >= 0 && s->p != NULL)
		lock_release(s->lock_fd, s->p->dir);
	s->lock_fd = -1;
	project_free(s->p);
	s->p = NULL;
	free(s->rec);
	s->rec = NULL;
	session_stack_clear(&s->undo, &s->nundo);
	session_stack_clear(&s->redo, &s->nredo);
}

#define SESSION_UNDO_MAX 200

static void
session_stack_push(char ***stack, int *n, char *text)
{
	if (*n == SESSION_UNDO_MAX) {
		free((*stack)[0]);
		memmove(*stack, *stack + 1, (*n - 1) * sizeof **stack);
		(*n)--;
	}
	*stack = xreallocarray(*stack, *n + 1, sizeof **stack);
	(*stack)[(*n)++] = text;
}

static void
session_stack_clear(char ***stack, int *n)
{
	while (*n > 0)
		free((*stack)[--*n]);
	free(*stack);
	*stack = NULL;
}

void
session_undo_push(struct session *s, char *before)
{
	session_stack_push(&s->undo, &s->nundo, before);
	session_stack_clear(&s->redo, &s->nredo);
}

int
session_undo_swap(struct session *s, char ***from, int *nfrom, char ***to,
    int *nto)
{
	struct project *p;
	char err[512];

	if (*nfrom == 0)
		return session_fail(s, "nothing to %s", from == &s->undo ?
		    "undo" : "redo");
	if (s->state != TRANSPORT_STOPPED)
		return session_fail(s, "stop the transport first");
	p = project_from_text(s->p, (*from)[*nfrom - 1], err, sizeof err);
	if (p == NULL)
		return session_fail(s, "%s", err);
	session_stack_push(to, nto, project_text(s->p));
	free((*from)[--*nfrom]);
	project_free(s->p);
	s->p = p;
	session_update(s);
	return session_save(s);
}

int
session_save(struct session *s)
{
	char err[512];

	if (s->p->readonly)
		return 0;
	if (project_save(s->p, err, sizeof err) != 0) {
		session_msg(s, MSG_ERROR, "%s", err);
		return -1;
	}
	return 0;
}

/* The tempo map as beats in frames, for the engine's click. */
static void
session_click(const struct project *p, struct snap_click *c)
{
	int i;

	c->on = p->click;
	c->out = p->click_out;
	c->gain = pan_db_to_gain(p->click_db);
	c->rate = p->rate;
	c->nseg = p->tempo.n;
	for (i = 0; i < p->tempo.n; i++) {
		const struct tempo_seg *seg = &p->tempo.seg[i];

		c->seg[i].start = tempo_bar_to_frame(&p->tempo, p->rate,
		    seg->bar, 1.0);
		c->seg[i].fpb = 60.0 * p->rate / seg->bpm;
		c->seg[i].num = seg->num;
	}
}

static void
session_strip(struct graph_pool *pool, struct graph_strip *gs,
    const struct inserts *fx)
{
	int i;

	gs->nins = fx->n;
	gs->ins = xcalloc(fx->n > 0 ? (size_t)fx->n : 1, sizeof *gs->ins);
	for (i = 0; i < fx->n; i++) {
		gs->ins[i].fx = graph_pool_fx(pool, fx->v[i].id,
		    fx->v[i].kind);
		if (gs->ins[i].fx == NULL)
			fatal("out of memory");
		memcpy(gs->ins[i].val, fx->v[i].val, sizeof gs->ins[i].val);
		gs->ins[i].bypass = fx->v[i].bypass;
	}
}

/* A strip's links: its output (gains gl/gr: fader, pan, mute and
 * solo), then its sends, post (after fader and pan) or pre (the send
 * level alone, a mono strip into both sides). */
static void
session_links(const struct project *p, struct graph_strip *gs,
    const struct routing *rt, const int *pos, float gl, float gr,
    bool audible)
{
	int i;

	gs->nlinks = 1 + rt->nsends;
	gs->link = xcalloc((size_t)gs->nlinks, sizeof *gs->link);
	gs->link[0].dst = rt->out[0] != '\0' ?
	    pos[project_bus_index(p, rt->out)] : GRAPH_MASTER;
	gs->link[0].gl = gl;
	gs->link[0].gr = gr;
	for (i = 0; i < rt->nsends; i++) {
		struct graph_link *l = &gs->link[1 + i];
		float g = pan_db_to_gain(rt->sends[i].db);

		l->dst = pos[project_bus_index(p, rt->sends[i].bus)];
		l->pre = rt->sends[i].pre;
		l->gl = l->pre ? (audible ? g : 0.0f) : g * gl;
		l->gr = l->pre ? (audible ? g : 0.0f) : g * gr;
	}
}

/* The graph of a project with inserts or buses: every track's strip
 * through its fader and pan (t[].gl/gr) into the master or a group bus,
 * its sends, the buses in processing order, the master's inserts; NULL
 * when there is nothing but faders (the plain mix). */
static struct graph *
session_graph(struct session *s, struct graph_pool *pool,
    const struct snapshot *snap, const bool *taud, const bool *baud)
{
	struct project *p = s->p;
	struct graph *g;
	const char **keys;
	bool any = p->master_fx.n > 0 || p->nbuses > 0;
	int order[PROJECT_MAX_BUSES], pos[PROJECT_MAX_BUSES];
	int i, nb = p->nbuses < PROJECT_MAX_BUSES ? p->nbuses :
	    PROJECT_MAX_BUSES;

	for (i = 0; i < p->ntracks; i++)
		any |= p->tracks[i].fx.n > 0;
	if (!any)
		return NULL;
	routing_order(p, order);
	for (i = 0; i < nb; i++)
		pos[order[i]] = i;
	g = graph_new(p->ntracks, nb);
	g->ctx.rate = p->rate;
	g->ctx.bpm = p->tempo.n > 0 ? p->tempo.seg[0].bpm : 0;
	keys = xcalloc((size_t)p->ntracks + nb + 1, sizeof *keys);
	for (i = 0; i < p->ntracks; i++) {
		struct graph_strip *gs = &g->track[i];

		keys[i] = p->tracks[i].name;
		gs->channels = p->tracks[i].channels;
		gs->slot = i;
		session_strip(pool, gs, &p->tracks[i].fx);
		session_links(p, gs, &p->tracks[i].rt, pos, snap->t[i].gl,
		    snap->t[i].gr, taud[i]);
	}
	for (i = 0; i < nb; i++) {
		const struct bus *b = &p->buses[order[i]];
		struct graph_strip *gs = &g->bus[i];
		float gain = pan_db_to_gain(b->gain_db), gl, gr;

		keys[p->ntracks + i] = b->name;
		gs->channels = 2;
		gs->slot = MIXER_SLOT_BUS(order[i]);
		session_strip(pool, gs, &b->fx);
		pan_gains(2, b->pan, &gl, &gr);
		gl *= baud[order[i]] ? gain : 0.0f;
		gr *= baud[order[i]] ? gain : 0.0f;
		session_links(p, gs, &b->rt, pos, gl, gr, baud[order[i]]);
	}
	g->master.slot = MIXER_SLOT_MASTER;
	session_strip(pool, &g->master, &p->master_fx);
	graph_compensate(g, pool, keys, keys + p->ntracks);
	free(keys);
	return g;
}

int64_t
session_latency(struct session *s)
{
	struct snapshot *snap = session_snapshot(s);
	int64_t l = snap->graph != NULL ? snap->graph->latency : 0;

	snapshot_free(snap);
	return l;
}

struct snapshot *
session_snapshot(struct session *s)
{
	if (s->pool == NULL)
		s->pool = graph_pool_new(s->p->rate);
	if (s->pool == NULL)
		fatal("out of memory");
	return session_snapshot_pool(s, s->pool);
}

struct snapshot *
session_snapshot_pool(struct session *s, struct graph_pool *pool)
{
	struct project *p = s->p;
	struct snapshot *snap;
	bool *taud, baud[PROJECT_MAX_BUSES];
	int i;

	if (s->measuring) {
		/* The impulses, to both outputs, and nothing else. */
		snap = snapshot_new(1);
		snap->t[0].channels = 1;
		snap->t[0].in[0] = snap->t[0].in[1] = -1;
		snap->t[0].gl = snap->t[0].gr = 1.0f;
		return snap;
	}
	snap = snapshot_new(p->ntracks);
	taud = xcalloc((size_t)p->ntracks + 1, sizeof *taud);
	/* As on a console: solo-in-place silences the others but keeps
	 * the buses a soloed strip feeds, and mute wins over solo. */
	routing_audible(p, taud, baud);
	snap->master = pan_db_to_gain(p->master_gain_db);
	session_click(p, &snap->click);
	for (i = 0; i < p->ntracks; i++) {
		const struct track *t = &p->tracks[i];
		struct snap_track *st = &snap->t[i];
		float g = pan_db_to_gain(t->gain_db);
		bool audible = taud[i];

		/* Auditioning a take: that track alone, mute or not. */
		if (s->audition_track > 0)
			audible = i == s->audition_track - 1;

		st->channels = t->channels;
		st->in[0] = t->in[0] - 1;
		st->in[1] = t->channels == 2 ? t->in[1] - 1 : -1;
		st->armed = t->armed;
		/* auto: the input while recording, the take otherwise. */
		st->monitor = !t->armed || t->monitor == MONITOR_OFF ?
		    SNAP_MON_OFF : t->monitor == MONITOR_ON ?
		    SNAP_MON_ALWAYS : s->state == TRANSPORT_RECORDING ?
		    SNAP_MON_RECORDED : SNAP_MON_OFF;
		pan_gains(t->channels, t->pan, &st->gl, &st->gr);
		st->gl *= audible ? g : 0.0f;
		st->gr *= audible ? g : 0.0f;
	}
	snap->graph = session_graph(s, pool, snap, taud, baud);
	free(taud);
	return snap;
}

void
session_update(struct session *s)
{
	if (s->eng != NULL)
		engine_publish(s->eng, session_snapshot(s));
}

void
session_add_playlist(struct session *s, struct run *run, int i,
    int ring_frames, int64_t cut_start, int64_t cut_end)
{
	struct track *t = &s->p->tracks[i];
	struct pstream *ps;

	if (i == s->audition_track - 1) {
		/* The auditioned take plays whole, in place of the comp. */
		const struct take *k = project_take(t, s->audition_take);
		struct segment seg;
		char *path;

		if (k == NULL)
			return;
		ps = run_add_play(run, i, t->channels, ring_frames);
		memset(&seg, 0, sizeof seg);
		path = project_path(s->p, k->file);
		seg.source = pstream_add_source(ps, path);
		free(path);
		seg.start = k->rec_start;
		seg.end = k->rec_end;
		seg.offset = k->rec_start - k->start;
		pstream_add_segment(ps, &seg);
		return;
	}
	if (t->ncomp == 0)
		return;
	ps = run_add_play(run, i, t->channels, ring_frames);
	comp_segments(s->p, t, ps, cut_start, cut_end);
}

int
session_device(struct session *s, bool capture)
{
	struct device_params dp;
	char err[512], note[256];
	int i, need = 0, outs;
	bool freewheel;

	/* A click routed to outputs of its own needs them open. */
	outs = s->p->click_out > 0 ? s->p->click_out + 1 : 2;
	if (s->dev != NULL && (!capture || s->dev->cap != NULL) &&
	    s->dev->pch >= outs)
		return 0;
	if (s->dev != NULL) {
		/* Reopen with capture. */
		engine_free(s->eng);
		s->eng = NULL;
		device_close(s->dev);
		s->dev = NULL;
	}
	for (i = 0; i < s->p->ntracks; i++) {
		const struct track *t = &s->p->tracks[i];

		if (t->in[0] > need)
			need = t->in[0];
		if (t->channels == 2 && t->in[1] > need)
			need = t->in[1];
	}
	memset(&dp, 0, sizeof dp);
	dp.capture = s->capture;
	dp.playback = s->playback;
	dp.rate = s->p->rate;
	dp.period = s->cfg.period;
	dp.periods = s->cfg.periods;
	dp.format = s->cfg.sample_format;
	dp.capture_channels = s->cfg.capture_channels > 0 ?
	    s->cfg.capture_channels : (need > 2 ? need : 2);
	dp.capture_required = capture;
	dp.playback_channels = outs;
	dp.dither = s->cfg.dither;
	dp.clock = s->cfg.freewheel == CONFIG_NO;
	s->dev = device_open(&dp, err, sizeof err);
	if (s->dev == NULL && !s->device_forced && !capture &&
	    strcmp(s->playback, "null") != 0) {
		/* No sound card: carry on silently rather than refuse. */
		session_msg(s, MSG_NOTE, "%s; using the null device (no "
		    "sound)", err);
		strlcpy_(s->capture, "null", sizeof s->capture);
		strlcpy_(s->playback, "null", sizeof s->playback);
		dp.capture = dp.playback = "null";
		/* Standing in for a sound card, it keeps real time. */
		dp.clock = true;
		s->dev = device_open(&dp, err, sizeof err);
	}
	if (s->dev == NULL)
		return session_fail(s, "%s", err);
	freewheel = s->cfg.freewheel == CONFIG_AUTO ? s->dev->freewheel :
	    s->cfg.freewheel == CONFIG_YES;
	s->eng = engine_new(s->dev, freewheel);
	if (s->eng == NULL) {
		device_close(s->dev);
		s->dev = NULL;
		return session_fail(s, "out of memory");
	}
	engine_publish(s->eng, session_snapshot(s));
	if (engine_start(s->eng, s->cfg.realtime_priority, note, sizeof note,
	    err, sizeof err) != 0) {
		engine_free(s->eng);
		s->eng = NULL;
		device_close(s->dev);
		s->dev = NULL;
		return session_fail(s, "%s", err);
	}
	if (note[0] != '\0')
		session_msg(s, MSG_NOTE, "%s", note);
	device_describe(s->dev, s->device_note, sizeof s->device_note);
	return 0;
}
