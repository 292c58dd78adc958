/* mixer.c - the process function shared by the engine and render. */
#include "mixer.h"

#include <math.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <stdlib.h>
#include <string.h>

struct snapshot *
snapshot_new(int ntracks)
{
	struct snapshot *s = calloc(1, sizeof *s +
	    sizeof s->t[0] * (ntracks > 0 ? ntracks : 1));

	if (s == NULL)
		abort();
	s->ntracks = ntracks;
	s->master = 1.0f;
	return s;
}

void
snapshot_free(struct snapshot *s)
{
	if (s == NULL)
		return;
	graph_free(s->graph);
	snapshot_free(s->alt);
	free(s);
}

struct mixer *
mixer_new(int max_frames)
{
	struct mixer *m = calloc(1, sizeof *m);

	if (m == NULL)
		return NULL;
	m->max_frames = max_frames;
	m->scratch = calloc((size_t)max_frames * 2, sizeof(float));
	m->bus = calloc((size_t)max_frames * 2, sizeof(float));
	m->click = calloc((size_t)max_frames, sizeof(float));
	m->strip = calloc((size_t)max_frames * 2, sizeof(float));
	m->buses = calloc((size_t)max_frames * 2 * MIXER_MAX_BUSES,
	    sizeof(float));
	m->bus_b = calloc((size_t)max_frames * 2, sizeof(float));
	m->strip_b = calloc((size_t)max_frames * 2, sizeof(float));
	m->buses_b = calloc((size_t)max_frames * 2 * MIXER_MAX_BUSES,
	    sizeof(float));
	if (m->scratch == NULL || m->bus == NULL || m->click == NULL ||
	    m->strip == NULL || m->buses == NULL || m->bus_b == NULL ||
	    m->strip_b == NULL || m->buses_b == NULL) {
		mixer_free(m);
		return NULL;
	}
	return m;
}

void
mixer_free(struct mixer *m)
{
	int i;

	if (m == NULL)
		return;
	free(m->scratch);
	free(m->bus);
	free(m->click);
	free(m->strip);
	free(m->buses);
	free(m->bus_b);
	free(m->strip_b);
	free(m->buses_b);
	for (i = 0; m->ahead_x != NULL && i < 2 * m->nahead; i++)
		free(m->ahead_x[i]);
	free(m->ahead_x);
	free(m->ahead_gr);
	free(m->ahead_missing);
	free(m);
}

void
mixer_tap(struct mixer *m, int slot, float *buf)
{
	if (slot >= 0 && slot < MIXER_SLOTS)
		m->tap[slot] = buf;
}

static inline uint32_t
mixer_bits(float f)
{
	uint32_t u;

	memcpy(&u, &f, sizeof u);
	return u;
}

static inline float
mixer_float(uint32_t u)
{
	float f;

	memcpy(&f, &u, sizeof f);
	return f;
}

/* Single writer: a plain load/compare/store; the reader's exchange may
 * lose one period's peak at worst. */
static inline void
mixer_peak(_Atomic uint32_t *p, float v)
{
	uint32_t cur = atomic_load_explicit(p, memory_order_relaxed);
	float f;

	memcpy(&f, &cur, sizeof f);
	if (v > f)
		atomic_store_explicit(p, mixer_bits(v), memory_order_relaxed);
}

float
mixer_take_peak(_Atomic uint32_t *p)
{
	uint32_t u = atomic_exchange_explicit(p, 0, memory_order_relaxed);
	float f;

	memcpy(&f, &u, sizeof f);
	return f;
}

static inline float
mixer_max(float a, float b)
{
	return a > b ? a : b;
}

void
mixer_meter_take(struct mixer *m, int slot, float *peak, float *rms,
    float *gr)
{
	*peak = mixer_take_peak(&m->slot_peak[slot]);
	*rms = mixer_take_peak(&m->slot_rms[slot]);
	*gr = -mixer_take_peak(&m->slot_gr[slot]);
}

/* The master's RMS (both sides) and its correlation: the sums of
 * L*L, R*R and L*R decay with a 300 ms time constant, on the engine's
 * own doubles, and the result goes out as one atomic float. */
static void
mixer_master_stats(struct mixer *m, const float *out, int n, int rate)
{
	double ll = 0, rr = 0, lr = 0, d, c;
	int i;

	for (i = 0; i < n; i++) {
		double l = out[2 * i], r = out[2 * i + 1];

		ll += l * l;
		rr += r * r;
		lr += l * r;
	}
	mixer_peak(&m->slot_rms[MIXER_SLOT_MASTER], n > 0 ?
	    (float)sqrt((ll + rr) / (2.0 * n)) : 0.0f);
	d = exp(-(double)n / (0.3 * (rate > 0 ? rate : 48000)));
	m->corr[0] = m->corr[0] * d + ll;
	m->corr[1] = m->corr[1] * d + rr;
	m->corr[2] = m->corr[2] * d + lr;
	for (i = 0; i < 3; i++)
		if (m->corr[i] < 1e-30 && m->corr[i] > -1e-30)
			m->corr[i] = 0;
	c = m->corr[0] > 1e-12 && m->corr[1] > 1e-12 ? m->corr[2] /
	    sqrt(m->corr[0] * m->corr[1]) : 0.0;
	c = c > 1 ? 1 : c < -1 ? -1 : c;
	atomic_store_explicit(&m->correlation, mixer_bits((float)c),
	    memory_order_relaxed);
}

float
mixer_correlation(struct mixer *m)
{
	return mixer_float(atomic_load_explicit(&m->correlation,
	    memory_order_relaxed));
}

/* The largest |x| and the sum of squares of n samples, in lanes: one
 * running maximum or sum would be a chain of dependent operations, one
 * sample at a time (mixer_lanes).  For the meters only: the order of
 * the sums does not reach the audio. */
static float
mixer_levels(const float *restrict x, int n, double *sumsq)
{
	float p = 0;
	double q = 0;
	int i = 0;
#ifdef __SSE2__
	/* GCC keeps lane arrays of this in memory, not registers.  maxps
	 * gives its second operand where the first is NaN, as mixer_max
	 * keeps p. */
	const __m128 abs = _mm_castsi128_ps(_mm_set1_epi32(0x7fffffff));
	__m128 pa = _mm_setzero_ps(), pb = pa;
	__m128d q0 = _mm_setzero_pd(), q1 = q0, q2 = q0, q3 = q0;

	for (; i + 8 <= n; i += 8) {
		__m128 a = _mm_loadu_ps(x + i), b = _mm_loadu_ps(x + i + 4);
		__m128d d;

		pa = _mm_max_ps(_mm_and_ps(a, abs), pa);
		pb = _mm_max_ps(_mm_and_ps(b, abs), pb);
		d = _mm_cvtps_pd(a);
		q0 = _mm_add_pd(q0, _mm_mul_pd(d, d));
		d = _mm_cvtps_pd(_mm_movehl_ps(a, a));
		q1 = _mm_add_pd(q1, _mm_mul_pd(d, d));
		d = _mm_cvtps_pd(b);
		q2 = _mm_add_pd(q2, _mm_mul_pd(d, d));
		d = _mm_cvtps_pd(_mm_movehl_ps(b, b));
		q3 = _mm_add_pd(q3, _mm_mul_pd(d, d));
	}
	pa = _mm_max_ps(pa, pb);
	pa = _mm_max_ps(pa, _mm_movehl_ps(pa, pa));
	pa = _mm_max_ss(pa, _mm_shuffle_ps(pa, pa, 1));
	p = _mm_cvtss_f32(pa);
	q0 = _mm_add_pd(_mm_add_pd(q0, q1), _mm_add_pd(q2, q3));
	q = _mm_cvtsd_f64(_mm_add_sd(q0, _mm_unpackhi_pd(q0, q0)));
#endif
	for (; i < n; i++) {
		p = mixer_max(fabsf(x[i]), p);
		q += (double)x[i] * x[i];
	}
	*sumsq = q;
	return p;
}

/* Peak and RMS of n frames of a strip, scaled by its fader; returns the
 * peak before the fader. */
static float
mixer_meter(struct mixer *m, int slot, const float *x, int ns, float g,
    float gr)
{
	double sum;
	float p = mixer_levels(x, ns, &sum);

	mixer_peak(&m->slot_peak[slot], p * g);
	mixer_peak(&m->slot_rms[slot], ns > 0 ? (float)sqrt(sum / ns) * g :
	    0.0f);
	mixer_peak(&m->slot_gr[slot], -gr);
	return p;
}

/*
 * The loops below run over a multiple of 8 samples and then the rest, so
 * that the compiler vectorizes them at -O2 (it does not when it would need
 * a scalar tail of its own).  Peaks are kept in 8 lanes, lane j the
 * largest |x[i]| with i % 8 == j: one running maximum would be a chain of
 * dependent compares, one sample at a time.  Sums are the same per-sample
 * operations in the same order as a plain loop, so the output is too.
 */
static void
mixer_lanes(const float *restrict x, int n, float *restrict lane)
{
	float l[8] = { 0 };	/* local: the compiler keeps it in registers */
	int i, j, n8 = n & ~7;

	for (i = 0; i < n8; i += 8)
		for (j = 0; j < 8; j++)
			l[j] = mixer_max(fabsf(x[i + j]), l[j]);
	for (; i < n; i++)
		l[i & 7] = mixer_max(fabsf(x[i]), l[i & 7]);
	memcpy(lane, l, sizeof l);
}

/* out = bus * g, n samples. */
static void
mixer_scale(float *restrict out, const float *restrict bus, int n, float g)
{
	int i, n8 = n & ~7;

	for (i = 0; i < n8; i++)
		out[i] = bus[i] * g;
	for (; i < n; i++)
		out[i] = bus[i] * g;
}

/* Adds n frames of a track to the bus; returns their peak. */
static float
mixer_add(float *restrict bus, const float *restrict x, int n, int ch,
    float gl, float gr)
{
	float lane[8], p = 0;
	int i, j, n8 = n & ~7;

	if (ch == 1) {
		for (i = 0; i < n8; i++) {
			bus[2 * i] += gl * x[i];
			bus[2 * i + 1] += gr * x[i];
		}
		for (; i < n; i++) {
			bus[2 * i] += gl * x[i];
			bus[2 * i + 1] += gr * x[i];
		}
	} else {
		const float g[8] = { gl, gr, gl, gr, gl, gr, gl, gr };

		for (i = 0; i < 2 * n8; i += 8)
			for (j = 0; j < 8; j++)
				bus[i + j] += g[j] * x[i + j];
		for (; i < 2 * n; i++)
			bus[i] += g[i & 7] * x[i];
	}
	mixer_lanes(x, n * ch, lane);
	for (i = 0; i < 8; i++)
		p = mixer_max(lane[i], p);
	return p;
}

/*
 * Mixes n frames of a playback stream into the bus straight from its
 * ring, without copying them out first.  Frames the disk has not delivered
 * are silence.  Returns the missing frames; *pk gets the peak.
 */
static int
mixer_play(struct pstream *ps, float *bus, int n, float gl, float gr,
    float *pk, float *rms)
{
	size_t fbytes = sizeof(float) * ps->channels, len;
	const float *x;
	int done = 0, k, i;
	double sum = 0;

	*pk = 0;
	*rms = 0;
	while (done < n) {
		x = ring_rgetblk(ps->ring, &len);
		k = (int)(len / fbytes);
		if (k == 0)
			break;
		if (k > n - done)
			k = n - done;
		*pk = mixer_max(mixer_add(bus + 2 * done, x, k, ps->channels,
		    gl, gr), *pk);
		for (i = 0; i < k * ps->channels; i++)
			sum += (double)x[i] * x[i];
		ring_rdiscard(ps->ring, fbytes * k);
		done += k;
	}
	if (n > 0)
		*rms = (float)sqrt(sum / ((double)n * ps->channels));
	return n - done;
}

static void
mixer_capture(struct cstream *cs, const float *in, int in_ch, int n,
    float *tmp)
{
	size_t fbytes = sizeof(float) * cs->channels;
	size_t space = ring_write_space(cs->ring) / fbytes;
	int i, c, take = n;

	if ((size_t)take > space) {
		atomic_fetch_add(&cs->dropped, take - (int64_t)space);
		take = (int)space;
	}
	for (i = 0; i < take; i++)
		for (c = 0; c < cs->channels; c++) {
			int ch = cs->in[c];

			tmp[i * cs->channels + c] = (ch >= 0 && ch < in_ch) ?
			    in[i * in_ch + ch] : 0.0f;
		}
	ring_write(cs->ring, tmp, fbytes * take);
}

static void
mixer_input_peaks(struct mixer *m, const float *in, int in_ch, int n)
{
	int c, i, nch = in_ch < MIXER_MAX_INPUTS ? in_ch :
	    MIXER_MAX_INPUTS;

	for (c = 0; c < nch; c++) {
		float pk = 0;

		for (i = 0; i < n; i++) {
			float v = fabsf(in[i * in_ch + c]);

			if (v > pk)
				pk = v;
		}
		mixer_peak(&m->input_peak[c], pk);
	}
}

float
mixer_click_sample(const struct snap_click *c, int64_t t)
{
	const struct snap_beats *b = &c->seg[0];
	int64_t k, beat, d, len = c->rate * 3 / 100;
	double f;
	int i;

	if (c->nseg == 0)
		return 0.0f;
	for (i = 1; i < c->nseg && c->seg[i].start <= t; i++)
		b = &c->seg[i];
	/* Beat k falls on round(start + k * fpb): the division may name the
	 * beat before or after the one that has begun by t. */
	k = (int64_t)floor((double)(t - b->start) / b->fpb);
	beat = b->start + llround(k * b->fpb);
	if (beat > t) {
		k--;
		beat = b->start + llround(k * b->fpb);
	} else if (b->start + llround((k + 1) * b->fpb) <= t) {
		k++;
		beat = b->start + llround(k * b->fpb);
	}
	d = t - beat;
	if (d < 0 || d >= len)
		return 0.0f;
	f = (k % b->num + b->num) % b->num == 0 ? 1500.0 : 1000.0;
	return c->gain * (float)(exp(-5.0 * d / len) *
	    cos(2 * M_PI * f * d / c->rate));
}

/* Into the mix, or on its own into m->click for outputs of its own (the
 * players' headphones, not the speakers). */
static void
mixer_click(struct mixer *m, const struct snapshot *s, const struct run *run,
    int64_t rolled, float *out, int n)
{
	int i;

	if (s->click.nseg == 0 || (!s->click.on && rolled >= run->count_in))
		return;
	for (i = 0; i < n; i++) {
		float v;

		if (!s->click.on && rolled + i >= run->count_in)
			break;
		v = mixer_click_sample(&s->click, run_timeline(run,
		    rolled + i));
		if (s->click.out > 0) {
			m->click[i] = v;
			continue;
		}
		out[2 * i] += v;
		out[2 * i + 1] += v;
	}
}

/* Software monitoring: the inputs of a track into the mix, panned. */
static void
mixer_monitor(const struct snap_track *t, const struct run *run,
    int64_t rolled, const float *in, int in_ch, float *bus, int n)
{
	int i, l = t->in[0], r = t->channels == 2 ? t->in[1] : t->in[0];

	if (l < 0 || l >= in_ch || r < 0 || r >= in_ch)
		return;
	if (t->monitor == SNAP_MON_RECORDED && run == NULL)
		return;
	for (i = 0; i < n; i++) {
		float a = in[i * in_ch + l], b = in[i * in_ch + r];

		if (t->monitor == SNAP_MON_RECORDED) {
			int64_t tl = run_timeline(run, rolled + i);

			if (tl < run->mon_start || tl >= run->mon_end)
				continue;
		}

		if (t->channels == 1) {
			bus[2 * i] += t->gl * a;
			bus[2 * i + 1] += t->gr * a;
		} else {
			bus[2 * i] += t->gl * a;
			bus[2 * i + 1] += t->gr * b;
		}
	}
}

/* Software monitoring into a strip's own signal (unity, its channels). */
static void
mixer_monitor_raw(const struct snap_track *t, const struct run *run,
    int64_t rolled, const float *in, int in_ch, float *x, int n)
{
	int i, c, nc = t->channels;

	if (t->monitor == SNAP_MON_RECORDED && run == NULL)
		return;
	for (c = 0; c < nc; c++)
		if (t->in[c] < 0 || t->in[c] >= in_ch)
			return;
	for (i = 0; i < n; i++) {
		if (t->monitor == SNAP_MON_RECORDED) {
			int64_t tl = run_timeline(run, rolled + i);

			if (tl < run->mon_start || tl >= run->mon_end)
				continue;
		}
		for (c = 0; c < nc; c++)
			x[i * nc + c] += in[i * in_ch + t->in[c]];
	}
}

/* Adds n frames of a playback stream into a strip's signal (nc
 * channels; a mono stream feeds both sides of a stereo strip).  Returns
 * the frames the disk did not deliver. */
static int
mixer_read(struct pstream *ps, float *x, int nc, int n)
{
	size_t fbytes = sizeof(float) * ps->channels, len;
	const float *r;
	int done = 0, k, i, c;

	while (done < n) {
		r = ring_rgetblk(ps->ring, &len);
		k = (int)(len / fbytes);
		if (k == 0)
			break;
		if (k > n - done)
			k = n - done;
		if (nc == ps->channels)	/* one flat loop, vectorised */
			for (i = 0; i < k * nc; i++)
				x[done * nc + i] += r[i];
		else
			for (i = 0; i < k; i++)
				for (c = 0; c < nc; c++)
					x[(done + i) * nc + c] += r[i *
					    ps->channels +
					    (c < ps->channels ? c : 0)];
		ring_rdiscard(ps->ring, fbytes * k);
		done += k;
	}
	return n - done;
}

/* A strip with nothing but its fader and pan into the master: mixed
 * straight from the ring, as before there were graphs. */
static bool
mixer_plain(const struct graph_strip *gs)
{
	return gs == NULL || (gs->nins == 0 && gs->nlanes == 0 &&
	    gs->nlinks == 1 &&
	    gs->link[0].dst == GRAPH_MASTER && !gs->link[0].pre &&
	    gs->link[0].dl == NULL);
}

static float *
mixer_dst(struct mixer *m, int dst)
{
	return dst == GRAPH_MASTER ? m->bus : m->buses + (size_t)dst * 2 *
	    m->max_frames;
}

/* Link i of a strip; its output into the master also into the strip's
 * tap, if any: the product goes into the zeroed tap and the tap into the
 * master, the same sum as straight in.  (A strip has one link into the
 * master, its output: sends go to buses.) */
static void
mixer_link(struct mixer *m, const struct graph_strip *gs, int i,
    const float *x, int nc, int n)
{
	float *tap = gs->link[i].dst == GRAPH_MASTER && gs->slot >= 0 &&
	    gs->slot < MIXER_SLOTS ? m->tap[gs->slot] : NULL;
	int j;

	if (tap == NULL) {
		graph_strip_link_add(gs, i, x, nc,
		    mixer_dst(m, gs->link[i].dst), n, m->auto_t);
		return;
	}
	tap += 2 * (size_t)m->off;
	graph_strip_link_add(gs, i, x, nc, tap, n, m->auto_t);
	for (j = 0; j < 2 * n; j++)
		m->bus[j] += tap[j];
}

/* A track's signal before its inserts into x: its input (monitoring)
 * and its playlist; returns the frames the disk did not deliver. */
static int
mixer_strip_read(const struct snap_track *t, struct pstream *ps,
    const struct run *run, int64_t rolled, const float *in, int in_ch, int n,
    float *x)
{
	int nc = t->channels;

	memset(x, 0, sizeof(float) * nc * n);
	if (t->monitor != SNAP_MON_OFF && in != NULL)
		mixer_monitor_raw(t, run, rolled, in, in_ch, x, n);
	return ps != NULL ? mixer_read(ps, x, nc, n) : 0;
}

/* A track's signal through its inserts into x (zeroed first); returns
 * the frames the disk did not deliver, *gr the inserts' reduction. */
static int
mixer_strip_in(const struct snap_track *t, const struct graph_strip *gs,
    struct pstream *ps, const struct run *run, int64_t rolled,
    const float *in, int in_ch, int n, float *x, float *gr)
{
	int missing = mixer_strip_read(t, ps, run, rolled, in, in_ch, n, x);

	*gr = graph_run_inserts(gs, x, t->channels, n);
	return missing;
}

/* A track's meters over n frames of its signal after the inserts: post
 * fader, pre pan, as the plain path meters (a mono track's constant-power
 * pan undone, a stereo track's near side). */
static void
mixer_strip_meter(struct mixer *m, const struct snap_track *t, int k,
    bool playing, const float *x, int n, float gr)
{
	float g = t->channels == 1 ? sqrtf(t->gl * t->gl + t->gr * t->gr) :
	    t->gl > t->gr ? t->gl : t->gr;
	float p = mixer_meter(m, k, x, t->channels * n, g, gr);

	if (playing || t->monitor != SNAP_MON_OFF)
		mixer_peak(&m->peak[k], p * g);
}

/* A track through its inserts, out through its links (output, sends).
 * When render's helpers ran its inserts ahead (mixer_ahead), only the
 * links and meters are left. */
static int
mixer_strip(struct mixer *m, const struct snap_track *t,
    const struct graph_strip *gs, struct pstream *ps, const struct run *run,
    int64_t rolled, const float *in, int in_ch, int n, int k)
{
	float *x = m->strip, gr;
	int nc = t->channels, missing = 0, i;
	bool ahead = m->ahead && k < m->nahead;

	if (ahead) {
		int r = m->ahead_read * m->nahead + k;

		x = m->ahead_x[r] + (size_t)m->off * nc;
		missing = m->off == 0 ? m->ahead_missing[r] : 0;
	} else
		missing = mixer_strip_in(t, gs, ps, run, rolled, in, in_ch,
		    n, x, &gr);
	for (i = 0; i < gs->nlinks; i++)
		mixer_link(m, gs, i, x, nc, n);
	/* Run ahead, its meters were read there too. */
	if (!ahead)
		mixer_strip_meter(m, t, k, ps != NULL, x, n, gr);
	return missing;
}

/* Tracks k and k + 1 (mixer_pair said they may) as two mixer_strip
 * calls, but their inserts side by side (graph_run_inserts2): the same
 * samples, the same sums in the same order. */
static int
mixer_strip_pair(struct mixer *m, const struct snapshot *s, struct run *run,
    int64_t rolled, const float *in, int in_ch, int n, int k)
{
	const struct graph *g = s->graph;
	const struct graph_strip *ga = &g->track[k], *gb = &g->track[k + 1];
	struct pstream *pa = run != NULL && k < run->ntracks ? run->play[k] :
	    NULL;
	struct pstream *pb = run != NULL && k + 1 < run->ntracks ?
	    run->play[k + 1] : NULL;
	/* strip_b is A/B's, which does not come here. */
	float *xa = m->strip, *xb = m->strip_b, gra, grb;
	int nc = s->t[k].channels, missing, i;

	missing = mixer_strip_read(&s->t[k], pa, run, rolled, in, in_ch, n,
	    xa);
	missing += mixer_strip_read(&s->t[k + 1], pb, run, rolled, in, in_ch,
	    n, xb);
	graph_run_inserts2(ga, xa, gb, xb, nc, n, &gra, &grb);
	for (i = 0; i < ga->nlinks; i++)
		mixer_link(m, ga, i, xa, nc, n);
	mixer_strip_meter(m, &s->t[k], k, pa != NULL, xa, n, gra);
	for (i = 0; i < gb->nlinks; i++)
		mixer_link(m, gb, i, xb, nc, n);
	mixer_strip_meter(m, &s->t[k + 1], k + 1, pb != NULL, xb, n, grb);
	return missing;
}

/* Whether track k's strip may run beside track k + 1's (both have
 * inserts and as many channels), when they are not run ahead.  With
 * automation this is one cell, its parameters applied to every strip
 * before the tracks are mixed (mixer_mix). */
static bool
mixer_pair(const struct mixer *m, const struct snapshot *s, int k, int nt)
{
	const struct graph *g = s->graph;

	return !m->ahead && g != NULL && k + 1 < nt &&
	    k + 1 < g->ntracks && !mixer_plain(&g->track[k + 1]) &&
	    s->t[k + 1].channels == s->t[k].channels;
}

/* The buses in order, each into a later bus or the master; then the
 * master's inserts. */
static void
mixer_buses(struct mixer *m, const struct graph *g, int n)
{
	int b, i;

	for (b = 0; b < g->nbuses && b < MIXER_MAX_BUSES; b++) {
		const struct graph_strip *bs = &g->bus[b];
		float *x = mixer_dst(m, b), gr = graph_run_inserts(bs, x, 2, n);

		for (i = 0; i < bs->nlinks; i++)
			mixer_link(m, bs, i, x, 2, n);
		mixer_meter(m, bs->slot, x, 2 * n, bs->nlinks > 0 ?
		    mixer_max(bs->link[0].gl, bs->link[0].gr) : 1.0f, gr);
	}
	mixer_peak(&m->slot_gr[MIXER_SLOT_MASTER],
	    -graph_run_inserts(&g->master, m->bus, 2, n));
}

static int64_t mixer_mix_ab(struct mixer *m, const struct snapshot *s,
    struct run *run, const float *in, int in_ch, float *out, int n,
    bool preroll);

/* The graph takes its parameters, or is reset when a pass starts: at
 * its preroll, or at its first period when it has none.  Automation
 * follows the timeline: only while rolling. */
static void
mixer_begin(struct mixer *m, const struct snapshot *s, struct run *run,
    int64_t rolled, bool preroll)
{
	const struct graph *g = s->graph;
	bool timed = g->nlanes > 0 && run != NULL;

	if (run != NULL && rolled == 0 && !m->primed) {
		if (timed)
			graph_reset_at(g, m->auto_t);
		else
			graph_reset(g);
		m->seen = s;
		m->primed = preroll;
	} else if (m->seen != s) {
		if (timed)
			graph_update_at(g, m->auto_t);
		else
			graph_update(g);
		m->seen = s;
	}
}

/* One period, or (preroll) frames of the playlists through the graph
 * ahead of the pass: then nothing rolls, records or clicks. */
static int64_t
mixer_mix(struct mixer *m, const struct snapshot *s, struct run *run,
    const float *in, int in_ch, float *out, int n, bool preroll)
{
	float *bus = m->bus, *x = m->scratch;
	const struct graph *g = s->graph;
	int64_t missing = 0, rolled = 0, rec_left = 0;
	int i, k, nt;

	if (s->alt != NULL)
		return mixer_mix_ab(m, s, run, in, in_ch, out, n, preroll);
	/* A/B off: the next A/B starts on A, and its B graph takes its
	 * parameters (a new alt may reuse a freed one's address). */
	m->seen_b = NULL;
	m->ab_w = 0;
	memset(bus, 0, sizeof(float) * 2 * n);
	for (i = 0; i < MIXER_SLOTS; i++)
		if (m->tap[i] != NULL)
			memset(m->tap[i] + 2 * (size_t)m->off, 0,
			    sizeof(float) * 2 * n);
	if (in != NULL)
		mixer_input_peaks(m, in, in_ch, n);
	if (run != NULL && !preroll) {
		rolled = atomic_load_explicit(&run->rolled,
		    memory_order_relaxed);
		rec_left = run->rec_frames - rolled;
	}
	if (g != NULL) {
		bool timed = g->nlanes > 0 && run != NULL;

		if (!m->begun)
			mixer_begin(m, s, run, rolled, preroll);
		m->begun = false;
		if (timed)
			graph_auto_apply(g, m->auto_t);
		else if (g->nlanes > 0)
			graph_auto_off(g);
		for (k = 0; k < g->nbuses && k < MIXER_MAX_BUSES; k++)
			memset(mixer_dst(m, k), 0, sizeof(float) * 2 * n);
	}
	nt = s->ntracks < MIXER_MAX_TRACKS ? s->ntracks : MIXER_MAX_TRACKS;
	for (k = 0; k < nt; k++) {
		const struct snap_track *t = &s->t[k];
		const struct graph_strip *gs = g != NULL && k < g->ntracks ?
		    &g->track[k] : NULL;
		struct pstream *ps;
		float gl = t->gl, gr = t->gr, pk, rms, fg;

		if (!mixer_plain(gs)) {
			ps = run != NULL && k < run->ntracks ? run->play[k] :
			    NULL;
			if (run != NULL && k < run->ntracks &&
			    run->cap[k] != NULL && in != NULL && rec_left > 0)
				mixer_capture(run->cap[k], in, in_ch,
				    n < rec_left ? n : (int)rec_left, x);
			if (mixer_pair(m, s, k, nt)) {
				if (run != NULL && k + 1 < run->ntracks &&
				    run->cap[k + 1] != NULL && in != NULL &&
				    rec_left > 0)
					mixer_capture(run->cap[k + 1], in,
					    in_ch, n < rec_left ? n :
					    (int)rec_left, x);
				missing += mixer_strip_pair(m, s, run, rolled,
				    in, in_ch, n, k);
				k++;
				continue;
			}
			missing += mixer_strip(m, t, gs, ps, run, rolled, in,
			    in_ch, n, k);
			continue;
		}
		if (t->monitor != SNAP_MON_OFF && in != NULL)
			mixer_monitor(t, run, rolled, in, in_ch, bus, n);
		if (run == NULL || k >= run->ntracks)
			continue;
		if (run->cap[k] != NULL && in != NULL && rec_left > 0)
			mixer_capture(run->cap[k], in, in_ch,
			    n < rec_left ? n : (int)rec_left, x);
		ps = run->play[k];
		if (ps == NULL)
			continue;
		if (m->tap[k] != NULL) {
			/* Its own share first, then into the master. */
			float *tap = m->tap[k] + 2 * (size_t)m->off;

			missing += mixer_play(ps, tap, n, gl, gr, &pk, &rms);
			for (i = 0; i < 2 * n; i++)
				bus[i] += tap[i];
		} else
			missing += mixer_play(ps, bus, n, gl, gr, &pk, &rms);
		/* Post-fader, pre-pan, as a console's channel meter reads:
		 * undo the constant-power pan law of a mono track (L^2 + R^2
		 * is the fader's gain squared); balance leaves a stereo
		 * track's near side at the fader's gain. */
		fg = ps->channels == 1 ? sqrtf(gl * gl + gr * gr) :
		    gl > gr ? gl : gr;
		pk *= fg;
		mixer_peak(&m->peak[k], pk);
		mixer_peak(&m->slot_peak[k], pk);
		mixer_peak(&m->slot_rms[k], rms * fg);
	}
	if (g != NULL)
		mixer_buses(m, g, n);
	{
		float lane[8], pl = 0, pr = 0;

		mixer_scale(out, bus, 2 * n, s->master);
		/* Even lanes are left samples, odd lanes right ones. */
		mixer_lanes(out, 2 * n, lane);
		for (i = 0; i < 8; i += 2) {
			pl = mixer_max(lane[i], pl);
			pr = mixer_max(lane[i + 1], pr);
		}
		mixer_peak(&m->master_peak[0], pl);
		mixer_peak(&m->master_peak[1], pr);
		mixer_peak(&m->slot_peak[MIXER_SLOT_MASTER], mixer_max(pl, pr));
		mixer_master_stats(m, out, n, s->click.rate);
	}
	if (preroll)
		return missing;
	if (run != NULL)
		m->primed = false;
	/* The click is for the players: after the master fader and its
	 * meters. */
	if (run != NULL) {
		memset(m->click, 0, sizeof(float) * n);
		mixer_click(m, s, run, rolled, out, n);
	}
	if (run != NULL) {
		atomic_store_explicit(&run->rolled, rolled + n,
		    memory_order_release);
		if (missing)
			atomic_fetch_add(&run->underruns, missing);
	}
	return missing;
}

/* Frames from timeline frame t that one automation cell covers, at
 * most n, and not across the loop's end (the timeline wraps there). */
static int
mixer_auto_span(const struct graph *g, const struct run *run, int64_t t,
    int n)
{
	if (run->loop_end > run->loop_start && t < run->loop_end &&
	    run->start < run->loop_end && t + n > run->loop_end)
		n = (int)(run->loop_end - t);
	return graph_auto_span(g, t, n);
}

int64_t
mixer_process(struct mixer *m, const struct snapshot *s, struct run *run,
    const float *in, int in_ch, float *out, int n)
{
	int64_t missing = 0, rolled;
	int done, k;

	m->off = 0;
	if (s->graph == NULL || s->graph->nlanes == 0 || run == NULL)
		return mixer_mix(m, s, run, in, in_ch, out, n, false);
	/* Automation: the period in cells, each mixed with its values.
	 * The signal entering the graph is the preroll ahead of what is
	 * heard. */
	for (done = 0; done < n; done += k) {
		rolled = atomic_load_explicit(&run->rolled,
		    memory_order_relaxed);
		m->auto_t = run_timeline(run, rolled + run->preroll);
		k = mixer_auto_span(s->graph, run, m->auto_t, n - done);
		m->off = done;
		missing += mixer_mix(m, s, run, in != NULL ? in + (size_t)done *
		    in_ch : NULL, in_ch, out + 2 * (size_t)done, k, false);
	}
	return missing;
}

int64_t
mixer_preroll(struct mixer *m, const struct snapshot *s, struct run *run,
    float *out, int n)
{
	int64_t missing = 0;
	int done, k;

	if (!m->primed)
		m->pre_done = 0;
	for (done = 0; done < n; done += k) {
		k = n - done;
		m->auto_t = run->start + m->pre_done;
		if (s->graph != NULL && s->graph->nlanes > 0)
			k = mixer_auto_span(s->graph, run, m->auto_t, k);
		m->off = done;
		missing += mixer_mix(m, s, run, NULL, 0, out + 2 *
		    (size_t)done, k, true);
		m->pre_done += k;
	}

	if (missing)
		atomic_fetch_add(&run->underruns, missing);
	return missing;
}

/* ---- render on more than one core (mixer.h) ---- */

int
mixer_ahead_init(struct mixer *m, int ntracks)
{
	int k;

	/* Two sets: render may fill one while mixer_process reads the
	 * other. */
	m->ahead_x = calloc(2 * (size_t)ntracks + 1, sizeof *m->ahead_x);
	m->ahead_gr = calloc(2 * (size_t)ntracks + 1, sizeof *m->ahead_gr);
	m->ahead_missing = calloc(2 * (size_t)ntracks + 1,
	    sizeof *m->ahead_missing);
	if (m->ahead_x == NULL || m->ahead_gr == NULL ||
	    m->ahead_missing == NULL)
		return -1;
	m->nahead = ntracks;
	for (k = 0; k < 2 * ntracks; k++)
		if ((m->ahead_x[k] = calloc((size_t)m->max_frames * 2,
		    sizeof(float))) == NULL)
			return -1;
	return 0;
}

/* Timeline frame of the signal entering the graph `done` frames into
 * the block, as mixer_process and mixer_preroll compute it. */
static int64_t
mixer_ahead_t(const struct mixer *m, const struct run *run, bool preroll,
    int64_t rolled, int done)
{
	if (preroll)
		return run->start + m->pre_done + done;
	return run_timeline(run, rolled + done + run->preroll);
}

void
mixer_ahead_begin(struct mixer *m, const struct snapshot *s,
    struct run *run, bool preroll)
{
	int64_t rolled = preroll ? 0 : atomic_load_explicit(&run->rolled,
	    memory_order_relaxed);

	if (s->graph == NULL)
		return;
	/* As mixer_preroll does at a pass's start, before the reset
	 * below marks it primed. */
	if (preroll && !m->primed)
		m->pre_done = 0;
	m->auto_t = mixer_ahead_t(m, run, preroll, rolled, 0);
	mixer_begin(m, s, run, rolled, preroll);
	m->begun = true;
	mixer_ahead_open(m, 0);
}

void
mixer_ahead_open(struct mixer *m, int set)
{
	m->ahead_fill = set;
	atomic_store_explicit(&m->ahead_next, 0, memory_order_relaxed);
}

/* Track k run ahead, cell by cell (plain tracks are left to
 * mixer_process). */
static void
mixer_ahead_one(struct mixer *m, const struct snapshot *s, struct run *run,
    int k, int n, bool preroll, int64_t rolled)
{
	const struct graph *g = s->graph;
	const struct graph_strip *gs = &g->track[k];
	struct pstream *ps = k < run->ntracks ? run->play[k] : NULL;
	int nc = s->t[k].channels, done, c, a = m->ahead_fill * m->nahead + k;
	int64_t t;
	float gr;

	if (mixer_plain(gs))
		return;
	m->ahead_missing[a] = 0;
	m->ahead_gr[a] = 0;
	/* The cells mixer_process cuts the block into, each with its own
	 * parameters; a strip with no lanes of its own has the same
	 * parameters in all of them, and its inserts do not depend on how
	 * the block is cut: one cell. */
	for (done = 0; done < n; done += c) {
		c = n - done;
		if (gs->nlanes > 0) {
			t = mixer_ahead_t(m, run, preroll, rolled, done);
			c = mixer_auto_span(g, run, t, c);
			graph_strip_auto_apply(g, gs, t);
		}
		m->ahead_missing[a] += mixer_strip_in(&s->t[k], gs, ps, run, 0,
		    NULL, 0, c, m->ahead_x[a] + (size_t)done * nc, &gr);
		if (gr < m->ahead_gr[a])
			m->ahead_gr[a] = gr;
	}
	mixer_strip_meter(m, &s->t[k], k, ps != NULL, m->ahead_x[a], n,
	    m->ahead_gr[a]);
}

/* Tracks k and k + 1 run ahead together, their inserts side by side
 * (graph_run_inserts2), when neither is plain, both have as many
 * channels and neither has lanes (one cell, mixer_ahead_one): the same
 * samples as one after the other.  False when not so. */
static bool
mixer_ahead_two(struct mixer *m, const struct snapshot *s, struct run *run,
    int k, int n)
{
	const struct graph *g = s->graph;
	const struct graph_strip *ga = &g->track[k], *gb = &g->track[k + 1];
	struct pstream *pa = k < run->ntracks ? run->play[k] : NULL;
	struct pstream *pb = k + 1 < run->ntracks ? run->play[k + 1] : NULL;
	int nc = s->t[k].channels, a = m->ahead_fill * m->nahead + k;
	float *xa = m->ahead_x[a], *xb = m->ahead_x[a + 1];

	if (ga->nlanes > 0 || gb->nlanes > 0 || mixer_plain(ga) ||
	    mixer_plain(gb) || s->t[k + 1].channels != nc)
		return false;
	m->ahead_missing[a] = mixer_strip_read(&s->t[k], pa, run, 0, NULL, 0,
	    n, xa);
	m->ahead_missing[a + 1] = mixer_strip_read(&s->t[k + 1], pb, run, 0,
	    NULL, 0, n, xb);
	graph_run_inserts2(ga, xa, gb, xb, nc, n, &m->ahead_gr[a],
	    &m->ahead_gr[a + 1]);
	mixer_strip_meter(m, &s->t[k], k, pa != NULL, xa, n, m->ahead_gr[a]);
	mixer_strip_meter(m, &s->t[k + 1], k + 1, pb != NULL, xb, n,
	    m->ahead_gr[a + 1]);
	return true;
}

void
mixer_ahead(struct mixer *m, const struct snapshot *s, struct run *run,
    int n, bool preroll, void (*feed)(void *ctx, int k), void *ctx)
{
	const struct graph *g = s->graph;
	int64_t rolled = preroll ? 0 : atomic_load_explicit(&run->rolled,
	    memory_order_relaxed);
	int k, nt = s->ntracks < m->nahead ? s->ntracks : m->nahead;

	/* The tracks mixer_mix mixes, no more. */
	if (nt > MIXER_MAX_TRACKS)
		nt = MIXER_MAX_TRACKS;
	if (g == NULL)
		return;
	if (nt > g->ntracks)
		nt = g->ntracks;
	/* Each thread takes the next two tracks nobody has taken, so that
	 * the threads finish together however the tracks' costs differ. */
	while ((k = atomic_fetch_add_explicit(&m->ahead_next, 2,
	    memory_order_relaxed)) < nt) {
		bool two = k + 1 < nt;

		if (feed != NULL) {
			feed(ctx, k);
			if (two)
				feed(ctx, k + 1);
		}
		if (two && mixer_ahead_two(m, s, run, k, n))
			continue;
		mixer_ahead_one(m, s, run, k, n, preroll, rolled);
		if (two)
			mixer_ahead_one(m, s, run, k + 1, n, preroll, rolled);
	}
}

void
mixer_ahead_set(struct mixer *m, bool on, int set)
{
	m->ahead = on;
	m->ahead_read = set;
}

/* ---- A/B: two mixes of the same playlists, faded between ---- */

/* Where a strip's link goes on one side. */
static float *
mixer_ab_dst(struct mixer *m, bool b, int dst)
{
	if (dst == GRAPH_MASTER)
		return b ? m->bus_b : m->bus;
	return (b ? m->buses_b : m->buses) + (size_t)dst * 2 * m->max_frames;
}

/* A graph taking a pass's start (reset) or new parameters. */
static void
mixer_ab_graph(const struct graph *g, const struct snapshot *s,
    const struct snapshot **seen, bool start)
{
	if (g == NULL)
		return;
	if (start)
		graph_reset(g);
	else if (*seen != s)
		graph_update(g);
	*seen = s;
}

/* A track's signal x (nc channels) through one side's strip into that
 * side's buses; a side without a graph mixes it with its fader and pan.
 * Meters follow the side that is heard. */
static void
mixer_ab_strip(struct mixer *m, const struct snap_track *t,
    const struct graph *g, int k, float *x, int nc, int n, bool b,
    bool meter)
{
	float gain = t->gl > t->gr ? t->gl : t->gr, gr = 0, p;
	int i;

	if (g == NULL || k >= g->ntracks) {
		p = mixer_add(mixer_ab_dst(m, b, GRAPH_MASTER), x, n, nc,
		    t->gl, t->gr);
		if (meter) {
			mixer_peak(&m->peak[k], p * gain);
			mixer_meter(m, k, x, nc * n, gain, 0);
		}
		return;
	}
	gr = graph_run_inserts(&g->track[k], x, nc, n);
	for (i = 0; i < g->track[k].nlinks; i++)
		graph_link_add(&g->track[k].link[i], x, nc,
		    mixer_ab_dst(m, b, g->track[k].link[i].dst), n);
	if (meter) {
		p = 0;
		for (i = 0; i < nc * n; i++)
			p = mixer_max(fabsf(x[i]), p);
		mixer_peak(&m->peak[k], p * gain);
		mixer_meter(m, k, x, nc * n, gain, gr);
	}
}

static void
mixer_ab_buses(struct mixer *m, const struct graph *g, int n, bool b,
    bool meter)
{
	int k, i;
	float gr;

	if (g == NULL)
		return;
	for (k = 0; k < g->nbuses && k < MIXER_MAX_BUSES; k++) {
		const struct graph_strip *bs = &g->bus[k];
		float *x = mixer_ab_dst(m, b, k);

		gr = graph_run_inserts(bs, x, 2, n);
		for (i = 0; i < bs->nlinks; i++)
			graph_link_add(&bs->link[i], x, 2,
			    mixer_ab_dst(m, b, bs->link[i].dst), n);
		if (meter)
			mixer_meter(m, bs->slot, x, 2 * n, bs->nlinks > 0 ?
			    mixer_max(bs->link[0].gl, bs->link[0].gr) : 1.0f,
			    gr);
	}
	gr = graph_run_inserts(&g->master, mixer_ab_dst(m, b, GRAPH_MASTER),
	    2, n);
	if (meter)
		mixer_peak(&m->slot_gr[MIXER_SLOT_MASTER], -gr);
}

/* Which mix frame i of this block aims at: the target, or while rolling
 * before ab_at the other one. */
static int
mixer_ab_aim(const struct snapshot *s, const struct run *run, int64_t rolled,
    int i, bool preroll)
{
	if (s->ab_at < 0 || run == NULL)
		return s->ab_target;
	if (run_timeline(run, preroll ? 0 : rolled + i) >= s->ab_at)
		return s->ab_target;
	return !s->ab_target;
}

static int64_t
mixer_mix_ab(struct mixer *m, const struct snapshot *s, struct run *run,
    const float *in, int in_ch, float *out, int n, bool preroll)
{
	const struct snapshot *sb = s->alt;
	const struct graph *ga = s->graph, *gb = sb->graph;
	float *x = m->strip, *y = m->strip_b, *ob = m->scratch;
	float step = 1.0f / (float)(s->ab_ramp > 0 ? s->ab_ramp : 1);
	int64_t missing = 0, rolled = 0, rec_left = 0;
	bool start, hb;
	int i, k, nt, nc;

	if (in != NULL)
		mixer_input_peaks(m, in, in_ch, n);
	if (run != NULL && !preroll) {
		rolled = atomic_load_explicit(&run->rolled,
		    memory_order_relaxed);
		rec_left = run->rec_frames - rolled;
	}
	/* A pass starts from reset, on the mix it aims at, without a
	 * fade. */
	start = run != NULL && rolled == 0 && !m->primed;
	mixer_ab_graph(ga, s, &m->seen, start);
	mixer_ab_graph(gb, sb, &m->seen_b, start);
	if (start) {
		m->primed = preroll;
		m->ab_w = (float)mixer_ab_aim(s, run, 0, 0, preroll);
	}
	hb = m->ab_w >= 0.5f;
	memset(m->bus, 0, sizeof(float) * 2 * n);
	memset(m->bus_b, 0, sizeof(float) * 2 * n);
	for (k = 0; ga != NULL && k < ga->nbuses && k < MIXER_MAX_BUSES; k++)
		memset(mixer_ab_dst(m, false, k), 0, sizeof(float) * 2 * n);
	for (k = 0; gb != NULL && k < gb->nbuses && k < MIXER_MAX_BUSES; k++)
		memset(mixer_ab_dst(m, true, k), 0, sizeof(float) * 2 * n);
	nt = s->ntracks < MIXER_MAX_TRACKS ? s->ntracks : MIXER_MAX_TRACKS;
	for (k = 0; k < nt; k++) {
		const struct snap_track *t = &s->t[k];
		const struct snap_track *tb = k < sb->ntracks ? &sb->t[k] : t;
		struct pstream *ps = run != NULL && k < run->ntracks ?
		    run->play[k] : NULL;

		nc = t->channels;
		memset(x, 0, sizeof(float) * nc * n);
		if (run != NULL && k < run->ntracks && run->cap[k] != NULL &&
		    in != NULL && rec_left > 0)
			mixer_capture(run->cap[k], in, in_ch,
			    n < rec_left ? n : (int)rec_left, ob);
		if (t->monitor != SNAP_MON_OFF && in != NULL)
			mixer_monitor_raw(t, run, rolled, in, in_ch, x, n);
		if (ps != NULL)
			missing += mixer_read(ps, x, nc, n);
		memcpy(y, x, sizeof(float) * nc * n);
		mixer_ab_strip(m, t, ga, k, x, nc, n, false, !hb);
		mixer_ab_strip(m, tb, gb, k, y, nc, n, true, hb);
	}
	mixer_ab_buses(m, ga, n, false, !hb);
	mixer_ab_buses(m, gb, n, true, hb);
	mixer_scale(out, m->bus, 2 * n, s->master * s->ab_gain[0]);
	mixer_scale(ob, m->bus_b, 2 * n, sb->master * s->ab_gain[1]);
	for (i = 0; i < n; i++) {
		float aim = (float)mixer_ab_aim(s, run, rolled, i, preroll);

		if (m->ab_w < aim)
			m->ab_w = m->ab_w + step < aim ? m->ab_w + step : aim;
		else if (m->ab_w > aim)
			m->ab_w = m->ab_w - step > aim ? m->ab_w - step : aim;
		out[2 * i] = out[2 * i] * (1.0f - m->ab_w) +
		    ob[2 * i] * m->ab_w;
		out[2 * i + 1] = out[2 * i + 1] * (1.0f - m->ab_w) +
		    ob[2 * i + 1] * m->ab_w;
	}
	{
		float lane[8], pl = 0, pr = 0;

		mixer_lanes(out, 2 * n, lane);
		for (i = 0; i < 8; i += 2) {
			pl = mixer_max(lane[i], pl);
			pr = mixer_max(lane[i + 1], pr);
		}
		mixer_peak(&m->master_peak[0], pl);
		mixer_peak(&m->master_peak[1], pr);
		mixer_peak(&m->slot_peak[MIXER_SLOT_MASTER], mixer_max(pl, pr));
	}
	if (preroll)
		return missing;
	if (run != NULL) {
		m->primed = false;
		memset(m->click, 0, sizeof(float) * n);
		mixer_click(m, s, run, rolled, out, n);
		atomic_store_explicit(&run->rolled, rolled + n,
		    memory_order_release);
		if (missing)
			atomic_fetch_add(&run->underruns, missing);
	}
	return missing;
}
