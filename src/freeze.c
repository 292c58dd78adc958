/* freeze.c - a track rendered through its inserts, to play instead.
 *
 * Freezing runs the track's playlist through its insert chain alone, as
 * the graph would (from reset, its own latency of the playlist taken in
 * first, so the file lines up with the timeline; its parameters'
 * automation followed cell by cell as the graph follows it), and writes
 * the result post-insert and pre-fader to a 32-bit float file in audio/: fader, pan,
 * mute, solo, sends and the route stay live.  A frozen track plays that
 * file with no inserts in the graph (session.c), so a render of the
 * frozen project is the unfrozen render up to float rounding.  The file
 * stays when the track is unfrozen: undo and redo may name it again.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "freeze.h"
#include "render.h"
#include "util.h"
#include "wavfile.h"

/* Waits (serving the disk itself) until ps holds n frames. */
static void
freeze_fill(struct run *run, struct pstream *ps, int n)
{
	while (ps != NULL && ring_read_space(ps->ring) <
	    (size_t)n * ps->channels * sizeof(float) &&
	    !atomic_load(&ps->failed))
		stream_service(run, false);
}

/* n frames of ps into x (nc channels), silence where it has none. */
static void
freeze_read(struct pstream *ps, float *x, int nc, int n)
{
	size_t fb, len;
	const float *r;
	int done = 0, k, i, c;

	memset(x, 0, sizeof(float) * nc * n);
	if (ps == NULL)
		return;
	fb = sizeof(float) * ps->channels;
	while (done < n) {
		r = ring_rgetblk(ps->ring, &len);
		k = (int)(len / fb);
		if (k == 0)
			break;
		if (k > n - done)
			k = n - done;
		for (i = 0; i < k; i++)
			for (c = 0; c < nc; c++)
				x[(done + i) * nc + c] = r[i * ps->channels +
				    (c < ps->channels ? c : 0)];
		ring_rdiscard(ps->ring, fb * k);
		done += k;
	}
}

/* A new file name in audio/: NAME-frozen-N.wav. */
static char *
freeze_name(const struct project *p, const char *track)
{
	struct stat st;
	char *rel, *abs;
	int n;

	for (n = 1;; n++) {
		rel = xasprintf("audio/%s-frozen-%d.wav", track, n);
		abs = project_path(p, rel);
		if (lstat(abs, &st) != 0 && errno == ENOENT) {
			free(abs);
			return rel;
		}
		free(abs);
		free(rel);
	}
}

int
freeze_render(struct session *s, int ti, char **file, int64_t *frames)
{
	struct project *p = s->p;
	struct track *t = &p->tracks[ti];
	struct graph_pool *pool = graph_pool_new(p->rate);
	struct snapshot *snap;
	const struct graph_strip *gs;
	struct wavfile *w;
	const struct graph *g;
	struct run *run;
	struct pstream *ps;
	char err[512], *rel, *path;
	float *x;
	int64_t len = project_length(p), lat, pos, n;
	int nc = t->channels, rc = 0, c, done;

	if (pool == NULL)
		fatal("out of memory");
	snap = session_snapshot_pool(s, pool);
	g = snap->graph;
	gs = &g->track[ti];
	lat = gs->lat;
	run = render_run_new(s, snap, 0, len, ti);
	if (run == NULL) {
		snapshot_free(snap);
		graph_pool_free(pool);
		return -1;
	}
	ps = run->play[ti];
	/* The chain's own latency of the playlist first: output frame 0
	 * is timeline frame 0. */
	run->preroll = lat;
	if (ps != NULL)
		ps->end = len + lat;
	rel = freeze_name(p, t->name);
	path = project_path(p, rel);
	w = wavfile_create(path, nc, p->rate, WAVFILE_FLOAT32, err,
	    sizeof err);
	if (w == NULL) {
		session_fail(s, "%s", err);
		goto fail;
	}
	/* Automated parameters start as they stand at the timeline's
	 * start, where the file starts. */
	if (gs->nlanes > 0)
		graph_reset_at(g, 0);
	else
		graph_reset(g);
	x = xcalloc((size_t)RENDER_BLOCK * 2, sizeof *x);
	for (pos = -lat; pos < len && rc == 0 && session_signal == 0;
	    pos += n) {
		int skip = pos < 0 ? (int)-pos : 0;

		n = len - pos < RENDER_BLOCK ? len - pos : RENDER_BLOCK;
		if (skip > n)
			skip = (int)n;
		freeze_fill(run, ps, (int)n);
		if (ps != NULL && atomic_load(&ps->failed))
			break;
		freeze_read(ps, x, nc, (int)n);
		/* In automation's cells, each with its parameters: the
		 * signal read is timeline frame pos + lat on. */
		for (done = 0; done < n; done += c) {
			c = (int)n - done;
			if (gs->nlanes > 0) {
				c = graph_auto_span(g, pos + lat + done, c);
				graph_strip_auto_apply(g, gs, pos + lat + done);
			}
			graph_run_inserts(gs, x + (size_t)done * nc, nc, c);
		}
		if (n > skip)
			rc = wavfile_write(w, x + (size_t)skip * nc,
			    (size_t)(n - skip));
	}
	free(x);
	if (rc == 0)
		rc = wavfile_close(w, NULL);
	else
		wavfile_close(w, NULL);
	if (ps != NULL && atomic_load(&ps->failed)) {
		session_fail(s, "%s; %s was not frozen", ps->error, t->name);
		unlink(path);
		goto fail;
	}
	if (rc == 0 && session_signal != 0) {
		session_fail(s, "stopped by a signal; %s was not frozen",
		    t->name);
		unlink(path);
		goto fail;
	}
	if (rc != 0) {
		session_fail(s, "%s: %s", rel, strerror(-rc));
		unlink(path);
		goto fail;
	}
	run_free(run);
	snapshot_free(snap);
	graph_pool_free(pool);
	free(path);
	*file = rel;
	*frames = len;
	return 0;
fail:
	run_free(run);
	snapshot_free(snap);
	graph_pool_free(pool);
	free(path);
	free(rel);
	return -1;
}

int
freeze_inserts_running(const struct snapshot *snap)
{
	const struct graph *g = snap->graph;
	int i, n = 0;

	if (g == NULL)
		return 0;
	for (i = 0; i < g->ntracks; i++)
		n += g->track[i].nins;
	for (i = 0; i < g->nbuses; i++)
		n += g->bus[i].nins;
	return n + g->master.nins;
}
