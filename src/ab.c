/* ab.c - A/B between two mixes: building the pair the engine fades
 * between, and measuring them for loudness matching. */
#include "ab.h"

#include <math.h>
#include <sndfile.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "graph.h"
#include "mixer.h"
#include "render_dither.h"
#include "render_out.h"
#include "session.h"
#include "util.h"
#include "version.h"

void
ab_name(int v, char *buf, int size)
{
	if (v == 0)
		snprintf(buf, size, "current");
	else
		snprintf(buf, size, "v%d", v);
}

/* The project with version v's mix (v > 0), or NULL with err. */
static struct project *
ab_project(struct session *s, int v, char *err, size_t errlen)
{
	struct version ver;
	struct project *p;
	char *text, *merged;

	if (version_read(s->p, v, &ver, err, errlen) != 0)
		return NULL;
	text = project_text(s->p);
	merged = version_apply(text, &ver.mix);
	free(text);
	version_free(&ver);
	p = project_from_text(s->p, merged, err, errlen);
	free(merged);
	return p;
}

/* One side's snapshot on `pool`; the current mix when its project
 * cannot be built (ab_arm checked that it could). */
static struct snapshot *
ab_side(struct session *s, int v, struct graph_pool *pool)
{
	struct project *keep = s->p, *p;
	struct snapshot *snap;
	char err[256];

	if (v == 0 || (p = ab_project(s, v, err, sizeof err)) == NULL)
		return session_snapshot_pool(s, pool);
	/* The snapshot is built from s->p; it keeps nothing of it. */
	s->p = p;
	snap = session_snapshot_pool(s, pool);
	s->p = keep;
	project_free(p);
	return snap;
}

struct snapshot *
ab_snapshot(struct session *s)
{
	struct ab *ab = s->ab;
	struct snapshot *a = ab_side(s, ab->side[0], s->pool);

	a->alt = ab_side(s, ab->side[1], ab->pool_b);
	a->ab_target = ab->target;
	a->ab_at = ab->at;
	a->ab_ramp = s->p->rate * AB_RAMP_MS / 1000;
	a->ab_gain[0] = ab->gain[0];
	a->ab_gain[1] = ab->gain[1];
	return a;
}

/* RMS (dB) of a float WAV's samples, or -inf. */
static double
ab_rms(const char *path)
{
	SF_INFO info;
	SNDFILE *f;
	float buf[4096];
	double sum = 0;
	sf_count_t k, n = 0, i;

	memset(&info, 0, sizeof info);
	f = sf_open(path, SFM_READ, &info);
	if (f == NULL)
		return -INFINITY;
	while ((k = sf_read_float(f, buf, 4096)) > 0) {
		for (i = 0; i < k; i++)
			sum += (double)buf[i] * buf[i];
		n += k;
	}
	sf_close(f);
	return n > 0 && sum > 0 ? 10 * log10(sum / n) : -INFINITY;
}

/* Passes a message on unless it is render's note. */
struct ab_quiet {
	void (*msg)(void *arg, enum msg_kind kind, const char *text);
	void *arg;
};

static void
ab_quiet_msg(void *arg, enum msg_kind kind, const char *text)
{
	struct ab_quiet *q = arg;

	if (kind != MSG_NOTE)
		q->msg(q->arg, kind, text);
}

/* Renders side v whole into the project's .reel/ and measures it. */
static int
ab_measure(struct session *s, int v, double *db)
{
	struct project *keep = s->p, *p = NULL;
	struct render_spec spec;
	struct ab_quiet q = { s->msg, s->msg_arg };
	char err[256], *path;
	int rc;

	if (v > 0 && (p = ab_project(s, v, err, sizeof err)) == NULL)
		return session_fail(s, "%s", err);
	path = xasprintf("%s/.reel", s->p->dir);
	mkdir(path, 0777);
	free(path);
	path = xasprintf("%s/.reel/ab-measure.wav", s->p->dir);
	if (render_out_spec(&spec, path, "wav32f", NULL, NULL, s->p->rate,
	    err, sizeof err) != 0) {
		free(path);
		project_free(p);
		return session_fail(s, "%s", err);
	}
	if (p != NULL)
		s->p = p;
	if (s->msg != NULL) {
		s->msg = ab_quiet_msg;
		s->msg_arg = &q;
	}
	rc = render_file(s, path, 0, project_length(s->p), &spec,
	    RENDER_DITHER_OFF, false, -1);
	s->msg = q.msg;
	s->msg_arg = q.arg;
	s->p = keep;
	project_free(p);
	if (rc == 0)
		*db = ab_rms(path);
	unlink(path);
	free(path);
	return rc;
}

int
ab_arm(struct session *s, int a, int b, bool match)
{
	struct ab *ab = xcalloc(1, sizeof *ab);
	struct project *p;
	char err[256];
	int i, side[2] = { a, b };

	ab->on = true;
	ab->side[0] = a;
	ab->side[1] = b;
	ab->at = -1;
	ab->match = match;
	ab->gain[0] = ab->gain[1] = 1.0f;
	for (i = 0; i < 2; i++) {
		if (side[i] == 0)
			continue;
		p = ab_project(s, side[i], err, sizeof err);
		if (p == NULL) {
			free(ab);
			return session_fail(s, "%s: %s", i == 0 ? "A" : "B",
			    err);
		}
		project_free(p);
	}
	if (match) {
		if (project_length(s->p) <= 0) {
			free(ab);
			return session_fail(s, "match: nothing to measure");
		}
		for (i = 0; i < 2; i++)
			if (ab_measure(s, side[i], &ab->rms_db[i]) != 0) {
				free(ab);
				return -1;
			}
		/* The louder one down to the quieter: nothing clips. */
		if (isfinite(ab->rms_db[0]) && isfinite(ab->rms_db[1])) {
			i = ab->rms_db[0] > ab->rms_db[1] ? 0 : 1;
			ab->gain[i] = (float)pow(10, (ab->rms_db[!i] -
			    ab->rms_db[i]) / 20);
		}
	}
	if (s->ab != NULL) {
		ab->pool_b = s->ab->pool_b;
		free(s->ab);
	}
	if (ab->pool_b == NULL)
		ab->pool_b = graph_pool_new(s->p->rate);
	if (ab->pool_b == NULL)
		fatal("out of memory");
	s->ab = ab;
	return 0;
}

bool
ab_on(const struct session *s)
{
	return s->ab != NULL && s->ab->on;
}

void
ab_off(struct session *s)
{
	if (s->ab != NULL)
		s->ab->on = false;
}

void
ab_free(struct session *s)
{
	if (s->ab == NULL)
		return;
	graph_pool_free(s->ab->pool_b);
	free(s->ab);
	s->ab = NULL;
}
