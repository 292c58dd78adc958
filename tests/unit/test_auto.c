/* test_auto.c - automation in the graph through mixer_process: the same
 * lanes (a gain ramp and step, a pan ramp, an EQ band's gain and
 * frequency moving, a send ramp) give the same samples whether a pass is
 * processed in blocks of 8192 frames or cut at random places (as
 * periods and render blocks cut it), also from a start off the cell
 * grid; a gain lane lands on its values; a lane's value between and
 * around its points follows its curves. */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "mixer.h"
#include "pan.h"
#include "t.h"

#define RATE 48000
#define LEN 40000
#define BLK 8192

static void
lane(struct graph *g, struct graph_strip *s, int target, int link, int ins,
    int param, bool logv, int n, const int64_t *t, const float *v,
    const unsigned char *st)
{
	graph_strip_lane(g, s, target, link, ins, param, logv, n, t, v, st);
}

/* Track 0 (mono input 0): EQ, fader/pan lanes, a send lane into an aux
 * bus with a reverb; both to the master. */
static struct snapshot *
build(struct graph_pool *pool)
{
	struct snapshot *s = snapshot_new(1);
	struct graph *g = graph_new(1, 1);
	struct graph_strip *tr = &g->track[0];
	const struct fx_kind *eq = fx_kind_find("eq"), *rv =
	    fx_kind_find("reverb");
	static const int64_t tg[] = { 1000, 20000, 30001 };
	static const float vg[] = { -30, 0, -9 };
	static const unsigned char sg[] = { 0, 0, 1 };
	static const int64_t tp[] = { 0, 39999 };
	static const float vp[] = { -1, 1 };
	static const unsigned char sp[] = { 0, 0 };
	static const int64_t te[] = { 5000, 25000 };
	static const float ve[] = { -12, 12 }, vf[] = { 300, 5000 };
	static const unsigned char se[] = { 0, 0 };

	s->t[0].channels = 1;
	s->t[0].in[0] = 0;
	s->t[0].in[1] = -1;
	s->t[0].monitor = SNAP_MON_ALWAYS;
	s->t[0].gl = s->t[0].gr = 1;
	g->ctx.rate = RATE;
	tr->channels = 1;
	tr->nins = 1;
	tr->ins = calloc(1, sizeof *tr->ins);
	tr->ins[0].fx = graph_pool_fx(pool, 1, eq);
	fx_defaults(eq, tr->ins[0].val);
	tr->ins[0].val[fx_param_find(eq, "b1.type")] = 4;	/* peak */
	tr->nlinks = 2;
	tr->link = calloc(2, sizeof *tr->link);
	tr->link[0].dst = GRAPH_MASTER;
	tr->link[1].dst = 0;
	tr->link[1].db = -20;
	tr->gain_db = 0;
	tr->audible = true;
	g->bus[0].channels = 2;
	g->bus[0].nins = 1;
	g->bus[0].ins = calloc(1, sizeof *g->bus[0].ins);
	g->bus[0].ins[0].fx = graph_pool_fx(pool, 2, rv);
	fx_defaults(rv, g->bus[0].ins[0].val);
	g->bus[0].nlinks = 1;
	g->bus[0].link = calloc(1, sizeof *g->bus[0].link);
	g->bus[0].link[0].dst = GRAPH_MASTER;
	g->bus[0].link[0].gl = g->bus[0].link[0].gr = 1;
	lane(g, tr, GRAPH_AUTO_GAIN, 0, 0, 0, false, 3, tg, vg, sg);
	lane(g, tr, GRAPH_AUTO_PAN, 0, 0, 0, false, 2, tp, vp, sp);
	lane(g, tr, GRAPH_AUTO_SEND, 1, 0, 0, false, 2, te, ve, se);
	lane(g, tr, GRAPH_AUTO_PARAM, 0, 0, fx_param_find(eq, "b1.gain"),
	    false, 2, te, ve, se);
	lane(g, tr, GRAPH_AUTO_PARAM, 0, 0, fx_param_find(eq, "b1.freq"),
	    true, 2, te, vf, se);
	s->graph = g;
	return s;
}

/* A pass from `start` over LEN frames, in blocks cut by `cut`. */
static void
pass(float *out, const float *in, int64_t start, unsigned seed, bool random)
{
	struct graph_pool *pool = graph_pool_new(RATE);
	struct snapshot *s = build(pool);
	struct mixer *m = mixer_new(BLK);
	struct run *run = run_new(1);
	int done = 0, n;

	run->start = start;
	run->length = INT64_MAX;
	while (done < LEN) {
		seed = seed * 1103515245u + 12345u;
		n = random ? 1 + (int)(seed >> 16) % 700 : BLK;
		if (n > LEN - done)
			n = LEN - done;
		mixer_process(m, s, run, in + done, 1, out + 2 * done, n);
		done += n;
	}
	run_free(run);
	mixer_free(m);
	snapshot_free(s);
	graph_pool_free(pool);
}

static void
check_cuts(int64_t start)
{
	static float in[LEN], a[2 * LEN], b[2 * LEN];
	unsigned seed;
	int i, diff;

	for (i = 0; i < LEN; i++)
		in[i] = 0.5f * sinf(2 * (float)M_PI * 997 * i / RATE) +
		    0.2f * sinf(2 * (float)M_PI * 3001 * i / RATE);
	pass(a, in, start, 0, false);
	for (seed = 1; seed <= 3; seed++) {
		pass(b, in, start, seed, true);
		for (diff = 0, i = 0; i < 2 * LEN; i++)
			diff += a[i] != b[i];
		T_CHECKF(diff == 0, "start %lld, cuts %u: %d samples differ",
		    (long long)start, seed, diff);
	}
}

/* Gain alone: unity input, the left output is the lane's gain times
 * the pan law at the centre. */
static void
check_gain(void)
{
	struct graph_pool *pool = graph_pool_new(RATE);
	struct snapshot *s = snapshot_new(1);
	struct graph *g = graph_new(1, 0);
	struct mixer *m = mixer_new(BLK);
	struct run *run = run_new(1);
	static float in[LEN], out[2 * LEN];
	static const int64_t t[] = { 1000, 20000, 30001 };
	static const float v[] = { -30, 0, -9 };
	static const unsigned char st[] = { 0, 0, 1 };
	float c = (float)cos(M_PI / 4), worst = 0;
	int i;

	s->t[0].channels = 1;
	s->t[0].in[0] = 0;
	s->t[0].in[1] = -1;
	s->t[0].monitor = SNAP_MON_ALWAYS;
	s->t[0].gl = s->t[0].gr = 1;
	g->ctx.rate = RATE;
	g->track[0].channels = 1;
	g->track[0].nlinks = 1;
	g->track[0].link = calloc(1, sizeof *g->track[0].link);
	g->track[0].link[0].dst = GRAPH_MASTER;
	g->track[0].audible = true;
	graph_strip_lane(g, &g->track[0], GRAPH_AUTO_GAIN, 0, 0, 0, false,
	    3, t, v, st);
	s->graph = g;
	run->length = INT64_MAX;
	for (i = 0; i < LEN; i++)
		in[i] = 1;
	for (i = 0; i < LEN; i += 777)
		mixer_process(m, s, run, in + i, 1, out + 2 * i,
		    LEN - i < 777 ? LEN - i : 777);
	for (i = 0; i < LEN; i++) {
		double db = i <= 1000 ? -30 : i < 20000 ? -30 + 30.0 *
		    (i - 1000) / 19000 : i < 30001 ? 0 : -9;
		float e = fabsf(20 * log10f(out[2 * i] / c) - (float)db);

		if (e > worst)
			worst = e;
	}
	T_CHECKF(worst < 0.001f, "gain lane off by %g dB", worst);
	T_CHECK(out[2 * 30000] == c && fabsf(out[2 * 30001] -
	    c * pan_db_to_gain(-9)) < 1e-7f);
	run_free(run);
	mixer_free(m);
	snapshot_free(s);
	graph_pool_free(pool);
}

int
main(void)
{
	check_cuts(0);
	check_cuts(12345);
	check_gain();
	T_DONE();
}
