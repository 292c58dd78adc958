/* test_graph.c - graph.c through mixer_process: parallel paths with a
 * look-ahead limiter on some stay aligned to the sample; a graph with
 * nothing in it mixes bit for bit as the plain mixer; a new description
 * keeps the processors' state (a reverb tail goes on); meters and gain
 * reduction through the accessor; tracks run two by two give what each
 * chain gives alone. */
#include <math.h>
#include <string.h>

#include "mixer.h"
#include "pan.h"
#include "t.h"

#define RATE 48000
#define N 1024

static struct graph_pool *pool;

static void
ins(struct graph_strip *s, unsigned id, const char *kind, const char *sym,
    float v)
{
	const struct fx_kind *k = fx_kind_find(kind);
	struct graph_ins *in;

	s->ins = realloc(s->ins, sizeof *s->ins * (s->nins + 1));
	in = &s->ins[s->nins++];
	memset(in, 0, sizeof *in);
	in->fx = graph_pool_fx(pool, id, k);
	fx_defaults(k, in->val);
	/* Limiters in sample-peak mode: their latency is the look-ahead
	 * alone (true peak adds the interpolator's 8 frames). */
	if (strcmp(kind, "limit") == 0)
		in->val[fx_param_find(k, "truepeak")] = 0;
	if (sym != NULL)
		in->val[fx_param_find(k, sym)] = v;
}

static void
link_to(struct graph_strip *s, int dst, float g, bool pre)
{
	struct graph_link *l;

	s->link = realloc(s->link, sizeof *s->link * (s->nlinks + 1));
	l = &s->link[s->nlinks++];
	memset(l, 0, sizeof *l);
	l->dst = dst;
	l->gl = l->gr = g;
	l->pre = pre;
}

static const char *const tkeys[] = { "a", "b", "c", "d" };
static const char *const bkeys[] = { "grp", "aux" };

/* Tracks monitor inputs 0..nt-1, mono, gains 1 both sides. */
static struct snapshot *
snap(int nt)
{
	struct snapshot *s = snapshot_new(nt);
	int k;

	for (k = 0; k < nt; k++) {
		s->t[k].channels = 1;
		s->t[k].in[0] = k;
		s->t[k].in[1] = -1;
		s->t[k].monitor = SNAP_MON_ALWAYS;
		s->t[k].gl = s->t[k].gr = 1.0f;
	}
	return s;
}

/* a: limiter 5 ms -> master; b: -> group bus (limiter 2 ms) -> master;
 * c: utility -> master, and a pre-fader send to the aux bus (plain) ->
 * master.  Every path must land on frame 100 + 240. */
static struct snapshot *
parallel(void)
{
	struct snapshot *s = snap(3);
	struct graph *g = graph_new(3, 2);

	g->ctx.rate = RATE;
	ins(&g->track[0], 1, "limit", "lookahead", 5);
	link_to(&g->track[0], GRAPH_MASTER, 1, false);
	link_to(&g->track[1], 0, 1, false);
	ins(&g->bus[0], 2, "limit", "lookahead", 2);
	link_to(&g->bus[0], GRAPH_MASTER, 1, false);
	ins(&g->track[2], 3, "utility", "gain", -6);
	link_to(&g->track[2], GRAPH_MASTER, 0.5f, false);
	link_to(&g->track[2], 1, 0.25f, true);
	link_to(&g->bus[1], GRAPH_MASTER, 1, false);
	g->bus[0].channels = g->bus[1].channels = 2;
	g->bus[0].slot = MIXER_SLOT_BUS(0);
	g->bus[1].slot = MIXER_SLOT_BUS(1);
	graph_compensate(g, pool, tkeys, bkeys);
	s->graph = g;
	return s;
}

static void
check_aligned(void)
{
	struct mixer *m = mixer_new(N);
	float in[N * 3], out[N * 2];
	double want[3] = { 0.1, 0.1, 0.1 * 0.501187 * (0.5 + 0.25) };
	int path, i;

	for (path = 0; path < 3; path++) {
		struct snapshot *s = parallel();
		int hits = 0, at = -1;

		T_CHECKF(s->graph->latency == 240, "latency %d",
		    s->graph->latency);
		memset(in, 0, sizeof in);
		in[100 * 3 + path] = 0.1f;
		mixer_process(m, s, NULL, in, 3, out, N);
		for (i = 0; i < N; i++)
			if (out[2 * i] != 0 || out[2 * i + 1] != 0) {
				hits++;
				at = i;
			}
		printf("path %d: impulse at frame 100 out at %d (%d frames "
		    "non-zero), %.6f\n", path, at, hits, at >= 0 ?
		    out[2 * at] : 0);
		T_CHECKF(hits == 1 && at == 340, "path %d: %d samples, last "
		    "at %d", path, hits, at);
		T_CHECKF(at >= 0 && fabs(out[2 * at] - want[path]) < 1e-5 &&
		    out[2 * at] == out[2 * at + 1], "path %d: %.7f, want %.7f",
		    path, at >= 0 ? out[2 * at] : 0, want[path]);
		snapshot_free(s);
	}
	mixer_free(m);
}

/* Noise through three tracks: graph with plain strips == no graph. */
static void
check_identity(void)
{
	struct mixer *m1 = mixer_new(N), *m2 = mixer_new(N);
	struct snapshot *a = snap(3), *b = snap(3), *c;
	static float in[N * 3], o1[N * 2], o2[N * 2];
	unsigned seed = 7;
	int i, k;

	for (i = 0; i < N * 3; i++) {
		seed = seed * 1103515245u + 12345u;
		in[i] = ((int)((seed >> 9) % 20001) - 10000) / 10001.0f;
	}
	b->graph = graph_new(3, 0);
	for (k = 0; k < 3; k++) {
		pan_gains(1, -0.3 + 0.4 * k, &a->t[k].gl, &a->t[k].gr);
		a->t[k].gl *= 0.7f;
		b->t[k] = a->t[k];
		link_to(&b->graph->track[k], GRAPH_MASTER, 0, false);
		b->graph->track[k].link[0].gl = a->t[k].gl;
		b->graph->track[k].link[0].gr = a->t[k].gr;
	}
	a->master = b->master = 0.8f;
	graph_compensate(b->graph, pool, tkeys, bkeys);
	mixer_process(m1, a, NULL, in, 3, o1, N);
	mixer_process(m2, b, NULL, in, 3, o2, N);
	T_CHECK(memcmp(o1, o2, sizeof o1) == 0);
	/* The same strips through the graph's own path (a utility at
	 * unity forces it): the same sums, the same samples.  A changed
	 * graph is a new snapshot, as the control thread makes it. */
	c = snap(3);
	c->graph = graph_new(3, 0);
	for (k = 0; k < 3; k++) {
		c->t[k] = a->t[k];
		link_to(&c->graph->track[k], GRAPH_MASTER, 0, false);
		c->graph->track[k].link[0].gl = a->t[k].gl;
		c->graph->track[k].link[0].gr = a->t[k].gr;
	}
	c->master = a->master;
	ins(&c->graph->track[1], 9, "utility", NULL, 0);
	graph_compensate(c->graph, pool, tkeys, bkeys);
	mixer_process(m2, c, NULL, in, 3, o2, N);
	mixer_process(m1, a, NULL, in, 3, o1, N);
	T_CHECK(memcmp(o1, o2, sizeof o1) == 0);
	snapshot_free(c);
	snapshot_free(a);
	snapshot_free(b);
	mixer_free(m1);
	mixer_free(m2);
}

static struct snapshot *
reverb_snap(float size, bool extra)
{
	struct snapshot *s = snap(2);
	struct graph *g = graph_new(2, 0);

	g->ctx.rate = RATE;
	ins(&g->track[0], 20, "reverb", "size", size);
	link_to(&g->track[0], GRAPH_MASTER, 1, false);
	if (extra)
		ins(&g->track[1], 21, "comp", "threshold", -40);
	link_to(&g->track[1], GRAPH_MASTER, 1, false);
	graph_compensate(g, pool, tkeys, bkeys);
	s->graph = g;
	return s;
}

/* A tail goes on across a new description that changes a parameter and
 * adds an insert elsewhere; a fresh pool (as render has) starts clean. */
static void
check_carry(void)
{
	struct mixer *m = mixer_new(N);
	struct snapshot *s1 = reverb_snap(70, false), *s2;
	float in[N * 2] = { 0 }, out[N * 2], last = 0, e = 0;
	double jump = 0, own = 0;
	int i, blk;

	in[0] = 0.5f;
	mixer_process(m, s1, NULL, in, 2, out, N);
	in[0] = 0;
	for (blk = 0; blk < 4; blk++) {
		mixer_process(m, s1, NULL, in, 2, out, N);
		for (i = 1; i < N; i++)
			if (fabs(out[2 * i] - out[2 * i - 2]) > own)
				own = fabs(out[2 * i] - out[2 * i - 2]);
		last = out[2 * N - 2];
	}
	s2 = reverb_snap(72, true);
	mixer_process(m, s2, NULL, in, 2, out, N);
	jump = fabs(out[0] - last);
	for (i = 0; i < N; i++)
		e += out[2 * i] * out[2 * i];
	printf("reverb tail across a new description: energy %.3g, step "
	    "%.3g at the swap (largest step before %.3g)\n", e, jump, own);
	T_CHECKF(e > 1e-6, "tail energy %g", e);
	T_CHECKF(jump <= own, "step %g at the swap, %g before", jump, own);
	snapshot_free(s1);
	snapshot_free(s2);
	mixer_free(m);
}

static void
check_meters(void)
{
	struct mixer *m = mixer_new(N);
	struct snapshot *s = snap(1);
	struct graph *g = graph_new(1, 0);
	float in[N], out[N * 2], pk, rms, gr;
	int i;

	/* A mono track at the centre: the constant-power pan's gains. */
	s->t[0].gl = s->t[0].gr = sqrtf(0.5f);
	ins(&g->track[0], 30, "comp", "threshold", -20);
	link_to(&g->track[0], GRAPH_MASTER, 1, false);
	graph_compensate(g, pool, tkeys, bkeys);
	s->graph = g;
	for (i = 0; i < N; i++)
		in[i] = (i / 24) % 2 ? 0.5f : -0.5f;
	for (i = 0; i < 20; i++)
		mixer_process(m, s, NULL, in, 1, out, N);
	/* Settled: what the meter took since its last reading. */
	mixer_meter_take(m, 0, &pk, &rms, &gr);
	mixer_process(m, s, NULL, in, 1, out, N);
	mixer_meter_take(m, 0, &pk, &rms, &gr);
	/* -6 dBFS square, threshold -20, ratio 4: 10.5 dB of reduction. */
	printf("meters: peak %.4f rms %.4f gr %.3f dB\n", pk, rms, gr);
	T_CHECKF(fabs(gr - -10.5) < 0.05, "gr %g", gr);
	T_CHECKF(fabs(pk - 0.5 * pow(10, -10.5 / 20)) < 1e-3, "peak %g", pk);
	T_CHECKF(fabs(rms - pk) < 1e-3, "rms %g (a square wave)", rms);
	mixer_meter_take(m, 0, &pk, &rms, &gr);
	T_CHECK(pk == 0 && rms == 0 && gr == 0);
	snapshot_free(s);
	mixer_free(m);
}

/* An insert with parameters as text ("b1.type=hp b1.freq=80"). */
static void
ins_set(struct graph_strip *s, unsigned id, const char *kind,
    const char *params)
{
	const struct fx_kind *k = fx_kind_find(kind);
	char buf[512], err[256], *tok, *save = NULL;
	struct graph_ins *in;

	ins(s, id, kind, NULL, 0);
	in = &s->ins[s->nins - 1];
	snprintf(buf, sizeof buf, "%s", params);
	for (tok = strtok_r(buf, " ", &save); tok != NULL;
	    tok = strtok_r(NULL, " ", &save)) {
		char *eq = strchr(tok, '=');
		int i;

		*eq = '\0';
		i = fx_param_find(k, tok);
		if (i < 0 || fx_param_parse(k, i, eq + 1, &in->val[i], err,
		    sizeof err) != 0)
			abort();
	}
}

/* Four mono tracks with inserts and no automation: mixer_process runs
 * them two by two (mixer_strip_pair: EQ pairs side by side, an EQ beside
 * a compressor one after the other).  Each track's chain run alone with
 * instances of its own, summed in track order, must give the very
 * samples. */
static void
check_pairs(void)
{
	static const struct {
		int track;
		const char *kind, *params;
	} chain[] = {
		{ 0, "eq", "b1.type=hp b1.freq=80 b2.type=lp b2.freq=12000" },
		{ 0, "comp", "threshold=-30 ratio=4" },
		{ 1, "eq", "b1.type=peak b1.freq=1000 b1.gain=6 "
		    "b4.type=highshelf b4.freq=8000 b4.gain=-3" },
		{ 1, "comp", "threshold=-24 ratio=3 attack=2" },
		{ 2, "eq", "b1.type=hp b1.freq=150 b1.slope=24" },
		{ 3, "comp", "threshold=-20" },
		{ 3, "eq", "b2.type=lp b2.freq=5000" },
	};
	enum { NC = sizeof chain / sizeof chain[0] };
	struct mixer *m = mixer_new(N);
	struct snapshot *s = snap(4);
	struct graph *g = graph_new(4, 0);
	static float in[N * 4], out[N * 2], y[4][N];
	const struct fx_kind *kind[NC];
	void *st[NC];
	unsigned seed = 99;
	int i, k, c, blk, bad = 0;

	g->ctx.rate = RATE;
	for (c = 0; c < NC; c++) {
		struct graph_strip *gs = &g->track[chain[c].track];

		ins_set(gs, 40 + c, chain[c].kind, chain[c].params);
		kind[c] = fx_kind_find(chain[c].kind);
		st[c] = fx_new(kind[c], RATE);
		kind[c]->update(st[c], gs->ins[gs->nins - 1].val, &g->ctx);
	}
	for (k = 0; k < 4; k++)
		link_to(&g->track[k], GRAPH_MASTER, 1, false);
	graph_compensate(g, pool, tkeys, bkeys);
	s->graph = g;
	for (blk = 0; blk < 3; blk++) {
		for (i = 0; i < N * 4; i++) {
			seed = seed * 1103515245u + 12345u;
			in[i] = ((int)((seed >> 9) % 20001) - 10000) / 20002.0f;
		}
		mixer_process(m, s, NULL, in, 4, out, N);
		for (k = 0; k < 4; k++)
			for (i = 0; i < N; i++)
				y[k][i] = in[i * 4 + k];
		for (c = 0; c < NC; c++)
			kind[c]->process(st[c], y[chain[c].track],
			    y[chain[c].track], 1, N);
		for (i = 0; i < N; i++) {
			float ref = 0.0f;

			for (k = 0; k < 4; k++)
				ref += 1.0f * y[k][i];
			bad += memcmp(&ref, &out[2 * i], sizeof ref) != 0;
			bad += memcmp(&ref, &out[2 * i + 1], sizeof ref) != 0;
		}
	}
	printf("tracks two by two: %d of %d samples differ from each chain "
	    "run alone\n", bad, 3 * N * 2);
	T_CHECKF(bad == 0, "%d samples differ", bad);
	for (c = 0; c < NC; c++)
		kind[c]->free(st[c]);
	snapshot_free(s);
	mixer_free(m);
}

int
main(void)
{
	pool = graph_pool_new(RATE);
	check_aligned();
	check_identity();
	check_carry();
	check_meters();
	check_pairs();
	graph_pool_free(pool);
	T_DONE();
}
