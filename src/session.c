/* session.c - the control thread's context and what it hands the engine. */
#include "session.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <dirent.h>

#include "clip.h"
#include "ab.h"
#include "cmd.h"
#include "comp.h"
#include "livemeter.h"
#include "lock.h"
#include "monitor.h"
#include "onsetmarks.h"
#include "pan.h"
#include "routing.h"
#include "util.h"
#include "wavfile.h"

/* Every track the project may hold is mixed. */
_Static_assert(PROJECT_TRACKS_MAX == MIXER_MAX_TRACKS,
    "project and mixer disagree on the number of tracks");

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
	/* Past a file size limit (ulimit -f) a write fails with EFBIG, which
	 * is handled as a full disk is: the default action would kill reel
	 * with a take left "recording" and a render's temp file behind. */
	signal(SIGXFSZ, SIG_IGN);
}

int
session_signal_fd(void)
{
	return session_pipe[0];
}

void
session_msg(struct session *s, enum msg_kind kind, const char *fmt, ...)
{
	char buf[1024], safe[2048];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	/* Every message may carry text from the project or the user (a
	 * note, a name, a value read from a file): no control character
	 * reaches the terminal. */
	util_escape(safe, sizeof safe, buf);
	if (s->msg != NULL)
		s->msg(s->msg_arg, kind, safe);
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
session_dir_new_sub(const char *dir)
{
	struct dirent *de;
	DIR *d = opendir(dir);
	bool empty = true;

	if (d == NULL)
		return false;
	while (empty && (de = readdir(d)) != NULL)
		empty = strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0;
	closedir(d);
	return empty;
}

/* Whether dir may become a new project: empty, or holding only what a
 * creation under way (or cut short) leaves: the lock, a save's temp file,
 * empty audio/ and renders/. */
static bool
session_dir_new(const char *dir)
{
	const char *tmp = PROJECT_FILE ".tmp.";
	struct dirent *de;
	DIR *d = opendir(dir);
	bool fresh = true;
	char *sub;

	if (d == NULL)
		return false;
	while (fresh && (de = readdir(d)) != NULL) {
		const char *n = de->d_name;

		if (strcmp(n, ".") == 0 || strcmp(n, "..") == 0 ||
		    strcmp(n, ".reel.lock") == 0 ||
		    strncmp(n, tmp, strlen(tmp)) == 0)
			continue;
		if (strcmp(n, "audio") == 0 || strcmp(n, "renders") == 0) {
			sub = xasprintf("%s/%s", dir, n);
			fresh = session_dir_new_sub(sub);
			free(sub);
			continue;
		}
		fresh = false;
	}
	closedir(d);
	return fresh;
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
		clip_recorded(t, k->rec_start, k->rec_end);
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
			clip_recorded(t, k->rec_start, k->rec_end);
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

/* The undo history the project keeps; a damaged one costs one warning. */
static void
session_history_load(struct session *s)
{
	int bad;

	history_load(&s->hist, s->p, &bad);
	if (bad == 0)
		return;
	session_msg(s, MSG_NOTE, "undo history: %d damaged step%s dropped "
	    "(in %s/%s)", bad, bad == 1 ? "" : "s", s->p->dir, HISTORY_DIR);
	/* Said once: the damaged files go. */
	if (!s->p->readonly)
		history_prune(&s->hist, s->p->dir);
}

/* Temp files of renders cut short by a kill (renders/NAME.part): with the
 * lock held no render of this project runs. */
static void
session_clean_parts(struct session *s)
{
	char *dir = project_path(s->p, "renders"), *path;
	struct dirent *de;
	struct stat st;
	DIR *d = opendir(dir);
	size_t n;

	free(dir);
	while (d != NULL && (de = readdir(d)) != NULL) {
		n = strlen(de->d_name);
		if (n <= 5 || strcmp(de->d_name + n - 5, ".part") != 0)
			continue;
		path = xasprintf("%s/renders/%s", s->p->dir, de->d_name);
		if (lstat(path, &st) == 0 && S_ISREG(st.st_mode) &&
		    unlink(path) == 0)
			session_msg(s, MSG_NOTE, "removed renders/%s, left by "
			    "a render that was cut short", de->d_name);
		free(path);
	}
	if (d != NULL)
		closedir(d);
}

int
session_open(struct session *s, const char *dir, char *err, size_t errlen)
{
	struct stat st;
	bool create = false;
	char *ini;
	int fd = -3;

	s->lock_fd = -1;
	if (stat(dir, &st) != 0 && errno == ENOENT && mkdir(dir, 0777) != 0 &&
	    errno != EEXIST) {
		snprintf(err, errlen, "cannot create %s: %s", dir,
		    strerror(errno));
		return -1;
	}
	/* Lock before reading, and before creating: a reel that saves once
	 * more and quits in between would otherwise see its last save
	 * overwritten by what we read before it, and two reels creating the
	 * same project at once would each write a project of their own.
	 * What to do is decided under the lock. */
	ini = xasprintf("%s/%s", dir, PROJECT_FILE);
	if (access(ini, F_OK) == 0 || session_dir_new(dir)) {
		fd = lock_acquire(dir, err, errlen);
		if (fd == -1) {
			free(ini);
			return -1;
		}
		create = access(ini, F_OK) != 0 && session_dir_new(dir);
	}
	free(ini);
	if (create && fd == -2) {
		snprintf(err, errlen, "cannot create a project in %s: the "
		    "directory is read-only", dir);
		return -1;
	}
	if (create) {
		s->p = project_create(dir, s->cfg.rate, s->cfg.take_format,
		    err, errlen);
		if (s->p != NULL)
			session_msg(s, MSG_NOTE, "created new project %s (%d "
			    "Hz)", dir, s->p->rate);
	} else
		s->p = project_load(dir, err, errlen);
	if (s->p == NULL) {
		if (fd >= 0)
			lock_release(fd, dir);
		return -1;
	}
	if (fd == -3 && (fd = lock_acquire(dir, err, errlen)) == -1) {
		/* project.ini appeared after we looked: someone else's. */
		project_free(s->p);
		s->p = NULL;
		return -1;
	}
	if (fd == -2 || s->p->readonly) {
		s->p->readonly = true;
		session_msg(s, MSG_NOTE, "project %s is read-only: changes "
		    "will not be saved", dir);
	}
	s->lock_fd = fd >= 0 ? fd : -1;
	if (fd >= 0 && !s->p->readonly) {
		session_clean_temps(s);
		session_clean_parts(s);
	}
	session_history_load(s);
	session_recover(s);
	cmd_plugin_missing(s, MSG_NOTE);
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
	/* A burst's save still waiting: on disk before the lock goes. */
	if (s->p != NULL && s->save_due_ms != 0)
		session_save(s);
	engine_free(s->eng);
	s->eng = NULL;
	livemeter_free(s->lm);
	s->lm = NULL;
	/* No engine reads them now. */
	for (int i = 0; i < s->nrefs; i++) {
		free((void *)s->refs[i]->buf);
		free(s->refs[i]);
	}
	free(s->refs);
	s->refs = NULL;
	s->ref = NULL;
	s->nrefs = 0;
	/* After the engine: its last snapshots held the instances. */
	graph_pool_free(s->pool);
	s->pool = NULL;
	ab_free(s);
	device_close(s->dev);
	s->dev = NULL;
	if (s->lock_fd >= 0 && s->p != NULL)
		lock_release(s->lock_fd, s->p->dir);
	s->lock_fd = -1;
	project_free(s->p);
	s->p = NULL;
	free(s->preview_path);
	s->preview_path = NULL;
	onsetmarks_free(s->marks);
	s->marks = NULL;
	free(s->rec);
	s->rec = NULL;
	history_free(&s->hist);
	session_album_close(s);
	free(s->auto_text);
	s->auto_text = NULL;
}

static int64_t
session_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void
session_said(struct session *s, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(s->said, sizeof s->said, fmt, ap);
	va_end(ap);
}

bool
session_ask(struct session *s, const char *cmd, const char *fmt, ...)
{
	va_list ap;

	if (!s->interactive)
		return false;
	va_start(ap, fmt);
	vsnprintf(s->ask, sizeof s->ask, fmt, ap);
	va_end(ap);
	strlcpy_(s->ask_cmd, cmd, sizeof s->ask_cmd);
	return true;
}

void
session_step(struct session *s, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(s->step, sizeof s->step, fmt, ap);
	va_end(ap);
}

void
session_burst(struct session *s, const char *param, const char *from,
    const char *to)
{
	strlcpy_(s->burst_param, param, sizeof s->burst_param);
	strlcpy_(s->burst_from, from, sizeof s->burst_from);
	strlcpy_(s->burst_to, to, sizeof s->burst_to);
	session_step(s, "%s %s -> %s", param, from, to);
}

/* How long the moves of one parameter stay one step, and how long their
 * save may wait after the last move and after the first unsaved one. */
#define SESSION_BURST_MS 1000
#define SESSION_SAVE_IDLE_MS 250
#define SESSION_SAVE_MAX_MS 1000

static void
session_save_soon(struct session *s)
{
	int64_t now = session_now_ms();

	if (s->unsaved_ms == 0)
		s->unsaved_ms = now;
	s->save_due_ms = now + SESSION_SAVE_IDLE_MS;
	if (s->save_due_ms > s->unsaved_ms + SESSION_SAVE_MAX_MS)
		s->save_due_ms = s->unsaved_ms + SESSION_SAVE_MAX_MS;
}

int
session_save_wait(const struct session *s)
{
	int64_t left, due = s->save_due_ms;

	/* The album's burst save waits the same way. */
	if (s->album_due_ms != 0 && (due == 0 || s->album_due_ms < due))
		due = s->album_due_ms;
	if (due == 0)
		return -1;
	left = due - session_now_ms();
	return left < 0 ? 0 : left > 1000 ? 1000 : (int)left;
}

void
session_tick(struct session *s)
{
	if (auto_pass_release(s))
		session_update(s);
	if (s->save_due_ms != 0 && session_now_ms() >= s->save_due_ms)
		session_save(s);
	if (s->album_due_ms != 0 && session_now_ms() >= s->album_due_ms)
		session_album_save(s);
}

int
session_commit(struct session *s, char *before, const char *words)
{
	char *after = project_text(s->p);
	bool burst = s->burst_param[0] != '\0' && s->interactive;
	int64_t now = session_now_ms();

	/* A command that changed nothing is no step. */
	if (strcmp(before, after) == 0) {
		free(before);
		free(after);
		return 0;
	}
	free(after);
	s->album_last = false;
	if (burst && history_merge(&s->hist, s->burst_param, s->burst_to, now,
	    SESSION_BURST_MS)) {
		s->step_merged = true;
		free(before);
	} else
		history_push(&s->hist, before, s->step[0] != '\0' ? s->step :
		    words, s->burst_param[0] != '\0' ? s->burst_param : NULL,
		    s->burst_from, now);
	if (burst && !s->p->readonly) {
		session_save_soon(s);
		return 0;
	}
	return session_save(s);
}

void
session_undo_push(struct session *s, char *before, const char *desc)
{
	char err[512];

	history_push(&s->hist, before, desc, NULL, NULL, session_now_ms());
	s->album_last = false;
	/* The step is on disk with the change it undoes (a recording's
	 * takes are saved before it starts). */
	if (!s->p->readonly && history_write(&s->hist, s->p->dir, err,
	    sizeof err) == 0)
		history_prune(&s->hist, s->p->dir);
}

int
session_undo(struct session *s, bool redo)
{
	const struct history_step *st = history_top(&s->hist, redo);
	const char *what = redo ? "redo" : "undo";
	struct project *p;
	char err[512], *said;
	int rc;

	if (session_album_undoes(s, redo))
		return session_album_undo(s, redo);
	if (s->p == NULL)
		return session_fail(s, "nothing to %s", what);
	if (s->p->readonly)
		return session_fail(s, "the project is read-only");
	if (st == NULL)
		return session_fail(s, "nothing to %s", what);
	if (s->state != TRANSPORT_STOPPED)
		return session_fail(s, "stop the transport first");
	p = project_from_text(s->p, st->text, err, sizeof err);
	if (p == NULL) {
		/* Its file was whole but is no project (the history is
		 * read lazily): the step goes, the one before stays. */
		session_fail(s, "the step \"%s\" is damaged (%s); it was "
		    "dropped and nothing changed", st->desc, err);
		history_drop(&s->hist, redo);
		history_prune(&s->hist, s->p->dir);
		return -1;
	}
	said = xasprintf("%s: %s", what, st->desc);
	history_move(&s->hist, redo, project_text(s->p));
	project_free(s->p);
	s->p = p;
	session_update(s);
	rc = session_save(s);
	if (rc == 0)
		session_msg(s, MSG_OUT, "%s", said);
	free(said);
	return rc;
}

int
session_save(struct session *s)
{
	char err[512];

	if (s->p->readonly)
		return 0;
	s->unsaved_ms = s->save_due_ms = 0;
	/* The steps first, the project then, and the steps it no longer
	 * needs last: a crash in between leaves a step that would change
	 * nothing, which the next open drops. */
	if (history_write(&s->hist, s->p->dir, err, sizeof err) != 0 &&
	    !s->history_warned) {
		s->history_warned = true;
		session_msg(s, MSG_NOTE, "%s (undo still works until you "
		    "quit)", err);
	}
	if (project_save(s->p, err, sizeof err) != 0) {
		session_msg(s, MSG_ERROR, "%s", err);
		return -1;
	}
	history_prune(&s->hist, s->p->dir);
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
		gs->ins[i].fx = graph_pool_fx_state(pool, fx->v[i].id,
		    fx->v[i].kind, fx->v[i].state);
		if (gs->ins[i].fx == NULL)
			fatal("out of memory");
		memcpy(gs->ins[i].val, fx->v[i].val, sizeof gs->ins[i].val);
		graph_fx_prepare(gs->ins[i].fx, gs->ins[i].val);
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

/* A strip's automation: what its lanes do not drive stays as the
 * links have it (gain, pan, mute, audible without the mute a lane
 * drives, send levels). */
static void
session_auto(struct project *p, struct graph *g, struct graph_strip *gs,
    const char *name, const struct auto_lanes *al, const struct inserts *fx,
    const struct routing *rt, double gain_db, double pan, bool mute,
    bool audible)
{
	int i;

	if (al->n == 0)
		return;
	gs->gain_db = gain_db;
	gs->pan = pan;
	gs->mute = auto_drives(al, AUTO_MUTE) ? false : mute;
	gs->audible = audible;
	for (i = 0; i < rt->nsends; i++)
		gs->link[1 + i].db = (float)rt->sends[i].db;
	auto_graph_strip(p, name, g, gs, fx, rt);
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

	any |= p->master_au.n > 0;
	for (i = 0; i < p->ntracks; i++)
		any |= p->tracks[i].fx.n > 0 || p->tracks[i].au.n > 0;
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
		/* A frozen track plays its inserts' output: none run, and
		 * its parameters' automation is in the file. */
		static const struct inserts none;
		const struct inserts *fx = p->tracks[i].frozen[0] != '\0' ?
		    &none : &p->tracks[i].fx;

		keys[i] = p->tracks[i].name;
		gs->channels = p->tracks[i].channels;
		gs->slot = i;
		session_strip(pool, gs, fx);
		session_links(p, gs, &p->tracks[i].rt, pos, snap->t[i].gl,
		    snap->t[i].gr, taud[i]);
		session_auto(p, g, gs, p->tracks[i].name, &p->tracks[i].au,
		    fx, &p->tracks[i].rt,
		    p->tracks[i].gain_db, p->tracks[i].pan,
		    p->tracks[i].mute, taud[i]);
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
		session_auto(p, g, gs, b->name, &b->au, &b->fx, &b->rt,
		    b->gain_db, b->pan, b->mute, baud[order[i]]);
	}
	g->master.slot = MIXER_SLOT_MASTER;
	g->master.channels = 2;
	session_strip(pool, &g->master, &p->master_fx);
	auto_graph_strip(p, "master", g, &g->master, &p->master_fx, NULL);
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
	/* A/B armed: both mixes, the engine fades between them. */
	if (ab_on(s))
		return ab_snapshot(s);
	return session_snapshot_pool(s, s->pool);
}

static void
session_audible(struct project *p, bool *taud, bool *baud)
{
	bool *tm = xcalloc((size_t)p->ntracks + 1, sizeof *tm);
	bool bm[PROJECT_MAX_BUSES] = { false };
	int i;

	for (i = 0; i < p->ntracks; i++)
		if ((tm[i] = p->tracks[i].mute && auto_drives(
		    &p->tracks[i].au, AUTO_MUTE)))
			p->tracks[i].mute = false;
	for (i = 0; i < p->nbuses && i < PROJECT_MAX_BUSES; i++)
		if ((bm[i] = p->buses[i].mute && auto_drives(&p->buses[i].au,
		    AUTO_MUTE)))
			p->buses[i].mute = false;
	routing_audible(p, taud, baud);
	for (i = 0; i < p->ntracks; i++)
		p->tracks[i].mute |= tm[i];
	for (i = 0; i < p->nbuses && i < PROJECT_MAX_BUSES; i++)
		p->buses[i].mute |= bm[i];
	free(tm);
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
	 * the buses a soloed strip feeds, and mute wins over solo.  A
	 * strip whose mute is automated is audible here: the engine mutes
	 * it where its lane says. */
	session_audible(p, taud, baud);
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

	if (i == s->audition_track - 1 && s->audition_take == 0 &&
	    s->preview_path != NULL) {
		/* A preview: the operation's result in place of the clip. */
		struct segment seg;

		ps = run_add_play(run, i, t->channels, ring_frames);
		memset(&seg, 0, sizeof seg);
		seg.source = pstream_add_source(ps, s->preview_path);
		seg.start = s->preview_pos;
		seg.end = s->preview_pos + s->preview_len;
		pstream_add_segment(ps, &seg);
		return;
	}
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
	if (t->frozen[0] != '\0') {
		/* Its inserts' output, from the timeline's start. */
		struct segment seg;
		char *path;

		ps = run_add_play(run, i, t->channels, ring_frames);
		memset(&seg, 0, sizeof seg);
		path = project_path(s->p, t->frozen);
		seg.source = pstream_add_source(ps, path);
		free(path);
		seg.end = t->frozen_len;
		pstream_add_segment(ps, &seg);
		return;
	}
	if (!clip_plays(t))
		return;
	ps = run_add_play(run, i, t->channels, ring_frames);
	clip_segments(s->p, t, ps, cut_start, cut_end);
}

int
session_device(struct session *s, bool capture)
{
	struct device_params dp;
	char err[512], note[256];
	const char *pacing;
	int i, need = 0, outs;
	bool freewheel;

	for (i = 0; i < s->p->ntracks; i++) {
		const struct track *t = &s->p->tracks[i];

		if (t->in[0] > need)
			need = t->in[0];
		if (t->channels == 2 && t->in[1] > need)
			need = t->in[1];
	}
	/* A click routed to outputs of its own needs them open, and a track
	 * given a higher input since the device opened needs it. */
	outs = s->p->click_out > 0 ? s->p->click_out + 1 : 2;
	if (s->dev != NULL && (!capture || (s->dev->cap != NULL &&
	    s->dev->cch >= need)) && s->dev->pch >= outs)
		return 0;
	if (s->dev != NULL) {
		/* Reopen with capture, or with more channels. */
		engine_free(s->eng);
		s->eng = NULL;
		device_close(s->dev);
		s->dev = NULL;
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
	/* Freewheel is for scripts: someone at the screen or the prompt
	 * hears, and stops, in real time, so there a device no clock paces
	 * is paced by the system's, like the null device standing in for a
	 * sound card. */
	dp.clock = s->cfg.freewheel == CONFIG_NO || s->interactive;
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
	freewheel = !s->interactive && (s->cfg.freewheel == CONFIG_AUTO ?
	    s->dev->freewheel : s->cfg.freewheel == CONFIG_YES);
	s->eng = engine_new(s->dev, freewheel);
	if (s->eng == NULL) {
		device_close(s->dev);
		s->dev = NULL;
		return session_fail(s, "out of memory");
	}
	engine_publish(s->eng, session_snapshot(s));
	if (s->lm == NULL)
		s->lm = livemeter_new(s->p->rate);
	if (s->lm != NULL)
		engine_tap(s->eng, livemeter_ring(s->lm));
	monitor_set(engine_monitor(s->eng), (enum monitor_listen)s->listen);
	monitor_reference(engine_monitor(s->eng), s->ref);
	monitor_ab(engine_monitor(s->eng), s->ab_ref);
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
	pacing = freewheel ? "freewheel" : s->dev->clock ? "paced" : NULL;
	device_describe(s->dev, pacing, s->device_note,
	    sizeof s->device_note);
	snprintf(s->device_short, sizeof s->device_short, "%s %s%s%s%s",
	    s->dev->play_name, s->dev->kind, pacing ? " (" : "",
	    pacing ? pacing : "", pacing ? ")" : "");
	return 0;
}
