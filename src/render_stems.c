/* render_stems.c - stems: one file per strip at the master's input, or
 * one per track through its whole path.
 *
 * By strip (the default), every track routed to the master and every
 * bus routed to it is tapped where it enters the master (after its
 * inserts, fader and pan, latency compensated: mixer_tap), all in one
 * run of the graph and one pass over the disk; summed through a master
 * without inserts at 0 dB they are the mix.  By track, each track is
 * rendered on its own as if soloed (its sends and the buses they reach
 * stay in, the master's chain too): one run per track.  Every file has
 * the render's length and start, is written as NAME.part and renamed
 * once all are complete; a failure leaves none.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "render.h"
#include "render_dither.h"
#include "render_out.h"
#include "renderlog.h"
#include "util.h"

struct stem {
	char name[PROJECT_NAME_MAX + 1];
	int track;		/* index, or -1 for a bus */
	int slot;		/* mixer meter slot (the tap's) */
	char *path, *part;
	struct render_out *o;
	float *buf;		/* the tap */
	struct render_dither d;
};

struct stems {
	struct stem *v;
	int n;
	int cur;		/* by track: the one rendering */
	bool by_track;
};

/* Strip stems: each tap to its file. */
static int
stems_block(void *arg, float *out, int n)
{
	struct stems *st = arg;
	int i, rc;

	for (i = st->by_track ? st->cur : 0; i < st->n; i++) {
		struct stem *sm = &st->v[i];
		float *x = st->by_track ? out : sm->buf;

		render_dither_run(&sm->d, x, n);
		if ((rc = render_out_write(sm->o, x, n)) != 0)
			return rc;
		if (st->by_track)
			break;
	}
	return 0;
}

/* The snapshot of the mix with track i alone, as solo in place hears
 * it (its buses kept): the solo flags are set for it and put back. */
static struct snapshot *
stems_solo(struct session *s, struct graph_pool *pool, int i)
{
	struct project *p = s->p;
	bool *ts = xcalloc((size_t)p->ntracks + (size_t)p->nbuses + 1,
	    sizeof *ts);
	struct snapshot *snap;
	int k;

	for (k = 0; k < p->ntracks; k++) {
		ts[k] = p->tracks[k].solo;
		p->tracks[k].solo = k == i;
	}
	for (k = 0; k < p->nbuses; k++) {
		ts[p->ntracks + k] = p->buses[k].solo;
		p->buses[k].solo = false;
	}
	snap = session_snapshot_pool(s, pool);
	for (k = 0; k < p->ntracks; k++)
		p->tracks[k].solo = ts[k];
	for (k = 0; k < p->nbuses; k++)
		p->buses[k].solo = ts[p->ntracks + k];
	free(ts);
	return snap;
}

/* One run of the graph: strips (all taps at once) or track st->cur. */
static int
stems_run(struct session *s, struct stems *st, int64_t start, int64_t end)
{
	struct graph_pool *pool = graph_pool_new(s->p->rate);
	struct snapshot *snap;
	struct mixer *m;
	struct run *run;
	struct render_progress pr = { "stems", "no stems were written" };
	int i, rc;

	if (pool == NULL)
		fatal("out of memory");
	snap = st->by_track ? stems_solo(s, pool, st->v[st->cur].track) :
	    session_snapshot_pool(s, pool);
	snap->click.on = false;
	run = render_run_new(s, snap, start, end, st->by_track ?
	    st->v[st->cur].track : -1);
	if (run == NULL) {
		snapshot_free(snap);
		graph_pool_free(pool);
		return -1;
	}
	if (!st->by_track && snap->graph != NULL &&
	    snap->graph->master.lat > 0) {
		/* The taps are the master's input: the master's own
		 * look-ahead is not before them, so less is taken in first
		 * and the stems line up with the timeline. */
		run->preroll = snap->graph->latency - snap->graph->master.lat;
		for (i = 0; i < run->ntracks; i++)
			if (run->play[i] != NULL)
				run->play[i]->end = end + run->preroll;
	}
	m = mixer_new(RENDER_BLOCK);
	if (m == NULL)
		fatal("out of memory");
	for (i = 0; !st->by_track && i < st->n; i++)
		mixer_tap(m, st->v[i].slot, st->v[i].buf);
	rc = render_mix_run(s, snap, run, m, start, end, &pr, stems_block,
	    st);
	run_free(run);
	mixer_free(m);
	snapshot_free(snap);
	graph_pool_free(pool);
	return rc;
}

/* The stems' list: by strip, the tracks and buses routed to the
 * master; by track, every track. */
static void
stems_list(const struct project *p, struct stems *st)
{
	int i;

	st->v = xcalloc((size_t)p->ntracks + (size_t)p->nbuses + 1,
	    sizeof *st->v);
	for (i = 0; i < p->ntracks; i++) {
		if (!st->by_track && p->tracks[i].rt.out[0] != '\0')
			continue;
		strlcpy_(st->v[st->n].name, p->tracks[i].name,
		    sizeof st->v[0].name);
		st->v[st->n].track = i;
		st->v[st->n++].slot = i;
	}
	for (i = 0; !st->by_track && i < p->nbuses; i++) {
		if (p->buses[i].rt.out[0] != '\0')
			continue;
		strlcpy_(st->v[st->n].name, p->buses[i].name,
		    sizeof st->v[0].name);
		st->v[st->n].track = -1;
		st->v[st->n++].slot = MIXER_SLOT_BUS(i);
	}
}

static void
stems_free(struct stems *st, bool unlink_parts)
{
	int i;

	for (i = 0; i < st->n; i++) {
		if (st->v[i].o != NULL)
			render_out_close(st->v[i].o);
		if (unlink_parts && st->v[i].part != NULL)
			unlink(st->v[i].part);
		free(st->v[i].path);
		free(st->v[i].part);
		free(st->v[i].buf);
	}
	free(st->v);
}

/* The directory: made when missing (one level); a bare name is under
 * the project's renders/. */
static char *
stems_dir(struct session *s, const char *dir)
{
	struct stat sb;
	char *d = strchr(dir, '/') == NULL ? xasprintf("%s/renders/%s",
	    s->p->dir, dir) : xstrdup(dir);

	if (stat(d, &sb) == 0) {
		if (S_ISDIR(sb.st_mode))
			return d;
		session_fail(s, "DIR: %s is not a directory", d);
		free(d);
		return NULL;
	}
	if (errno != ENOENT || mkdir(d, 0777) != 0) {
		session_fail(s, "DIR: %s: %s", d, strerror(errno));
		free(d);
		return NULL;
	}
	return d;
}

int
render_stems(struct session *s, const char *dir, int64_t start, int64_t end,
    const char *format, const char *quality, const char *bitrate,
    bool by_track, int dither)
{
	struct project *p = s->p;
	struct stems st;
	struct render_spec spec;
	const char *ext = "wav";
	char err[512], *d, *probe, len[32], fmt[64], proj[256];
	int i, rc = 0, renamed = 0;

	if (format != NULL && (ext = render_out_format_ext(format)) == NULL)
		return session_fail(s, "format: expected wav16, wav24, "
		    "wav32f, flac, flac16, flac24, vorbis, opus or mp3, got "
		    "'%s'", format);
	memset(&st, 0, sizeof st);
	st.by_track = by_track;
	stems_list(p, &st);
	if (st.n == 0) {
		free(st.v);
		return session_fail(s, "no %s to make stems of",
		    by_track ? "tracks" : "strips feeding the master");
	}
	for (i = 0; i < p->nbuses && !by_track; i++)
		if (project_track_index(p, p->buses[i].name) >= 0) {
			free(st.v);
			return session_fail(s, "track and bus %s would write "
			    "the same stem; rename one", p->buses[i].name);
		}
	renderlog_project(p, proj, sizeof proj);
	probe = xasprintf("%s-%s.%s", proj, st.v[0].name, ext);
	rc = render_out_spec(&spec, probe, format, quality, bitrate, p->rate,
	    err, sizeof err);
	free(probe);
	if (rc != 0) {
		free(st.v);
		return session_fail(s, "%s", err);
	}
	if ((d = stems_dir(s, dir)) == NULL) {
		free(st.v);
		return -1;
	}
	for (i = 0; i < st.n && rc == 0; i++) {
		char *want = xasprintf("%s/%s-%s.%s", d, proj, st.v[i].name,
		    ext);

		rc = render_target(s, want, &st.v[i].path);
		free(want);
		if (rc == 0) {
			st.v[i].part = xasprintf("%s.part", st.v[i].path);
			rc = render_part_clear(s, st.v[i].part);
		}
	}
	if (rc == 0)
		rc = render_space_check(s, st.v[0].path, (end - start) * st.n,
		    &spec);
	for (i = 0; i < st.n && rc == 0; i++) {
		st.v[i].o = render_out_open(&spec, st.v[i].part, p->rate,
		    end - start, err, sizeof err);
		if (st.v[i].o == NULL)
			rc = session_fail(s, "%s", err);
		st.v[i].buf = xcalloc(RENDER_BLOCK * 2, sizeof(float));
		render_dither_init(&st.v[i].d, spec.bits == 16 ?
		    (enum render_dither_mode)dither : RENDER_DITHER_OFF,
		    p->rate);
		/* Each stem's own noise: summed, they do not add up in
		 * step. */
		dither_init(&st.v[i].d.rng, 0x7374656d + (unsigned)i,
		    st.v[i].d.mode != RENDER_DITHER_OFF);
	}
	if (rc != 0) {
		stems_free(&st, true);
		free(d);
		return -1;
	}
	if (by_track)
		for (st.cur = 0; st.cur < st.n && rc == 0; st.cur++)
			rc = stems_run(s, &st, start, end);
	else
		rc = stems_run(s, &st, start, end);
	for (i = 0; i < st.n; i++) {
		int c = render_out_close(st.v[i].o);

		st.v[i].o = NULL;
		if (rc == 0)
			rc = c;
	}
	for (renamed = 0; renamed < st.n && rc == 0; renamed++)
		if (rename(st.v[renamed].part, st.v[renamed].path) != 0)
			rc = -errno;
	if (rc != 0 && renamed > 0)
		renamed--;	/* the one that failed */
	if (rc != 0) {
		if (rc == -EINTR)
			session_fail(s, "stopped by %s; no stems were written",
			    session_signal ? strsignal(session_signal) :
			    "a signal");
		else if (rc != -1)
			render_error(s, st.v[0].path, rc);
		/* Those renamed already go too: all or none. */
		for (i = 0; i < renamed; i++)
			unlink(st.v[i].path);
		stems_free(&st, true);
		free(d);
		return -1;
	}
	timefmt_format(end - start, p->rate, len, sizeof len);
	render_out_describe(&spec, fmt, sizeof fmt);
	session_msg(s, MSG_NOTE, "wrote %d stem%s %s to %s (%s, %s)", st.n,
	    st.n == 1 ? "" : "s", by_track ? "by track" : "by strip", d, len,
	    fmt);
	stems_free(&st, false);
	free(d);
	return 0;
}
