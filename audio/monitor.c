/* monitor.c - device emulations on the monitor path. */
#include "monitor.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "fx.h"
#include "fx_biquad.h"

#define MONITOR_SECTIONS 8

const char *const monitor_listen_names[] = { "flat", "mono", "phone",
    "earbuds", "laptop", "car", NULL };

struct monitor_chain {
	bool mono;
	int n;
	struct fx_biquad c[MONITOR_SECTIONS];
	double z[MONITOR_SECTIONS][2][FX_BQ_STATE];
};

struct monitor {
	int rate;
	atomic_int want;
	int cur, old;		/* the chain heard, the one fading out */
	int fade, fade_len;	/* frames of the fade left */
	struct monitor_chain ch[MONITOR_NLISTEN];
	_Atomic(const struct monitor_ref *) ref;
	atomic_bool ab;
	float w;		/* the reference's share now, 0..1 */
};

void
monitor_reference(struct monitor *m, const struct monitor_ref *r)
{
	atomic_store_explicit(&m->ref, r, memory_order_release);
}

void
monitor_ab(struct monitor *m, bool reference)
{
	atomic_store_explicit(&m->ab, reference, memory_order_relaxed);
}

bool
monitor_ab_get(const struct monitor *m)
{
	return atomic_load_explicit((atomic_bool *)&m->ab,
	    memory_order_relaxed);
}

/* The mix and the reference crossfaded: w moves towards the side asked
 * for by 1/fade_len a frame (a linear 10 ms fade, no click). */
static void
monitor_ab_mix(struct monitor *m, float *buf, int n, int64_t pos)
{
	const struct monitor_ref *r = atomic_load_explicit(&m->ref,
	    memory_order_acquire);
	float tgt = atomic_load_explicit(&m->ab, memory_order_relaxed) &&
	    r != NULL ? 1.0f : 0.0f, step = 1.0f / (float)m->fade_len;
	int i;

	if (tgt == 0 && m->w == 0)
		return;
	for (i = 0; i < n; i++) {
		int64_t k = pos < 0 ? -1 : pos + i;
		float rl = 0, rr = 0;

		if (m->w < tgt)
			m->w = m->w + step > tgt ? tgt : m->w + step;
		else if (m->w > tgt)
			m->w = m->w - step < tgt ? tgt : m->w - step;
		if (r != NULL && k >= 0 && k < r->frames) {
			rl = r->buf[2 * k] * r->gain;
			rr = r->buf[2 * k + 1] * r->gain;
		}
		buf[2 * i] += m->w * (rl - buf[2 * i]);
		buf[2 * i + 1] += m->w * (rr - buf[2 * i + 1]);
	}
}

/* A Butterworth 4th-order pass: two sections (Q 0.541 and 1.307). */
static void
monitor_pass(struct monitor_chain *c, int type, int rate, double f)
{
	fx_biquad_design(&c->c[c->n++], type, rate, f, 0, 0.5411961);
	fx_biquad_design(&c->c[c->n++], type, rate, f, 0, 1.3065630);
}

static void
monitor_eq(struct monitor_chain *c, int type, int rate, double f,
    double gain, double q)
{
	fx_biquad_design(&c->c[c->n++], type, rate, f, gain, q);
}

static void
monitor_design(struct monitor *m)
{
	int r = m->rate;
	struct monitor_chain *c;

	m->ch[MONITOR_MONO].mono = true;
	c = &m->ch[MONITOR_PHONE];
	c->mono = true;
	monitor_pass(c, FX_BQ_HP, r, 400);
	monitor_eq(c, FX_BQ_PEAK, r, 2500, 4, 1);
	monitor_pass(c, FX_BQ_LP, r, 10000);
	c = &m->ch[MONITOR_EARBUDS];
	monitor_pass(c, FX_BQ_HP, r, 50);
	monitor_eq(c, FX_BQ_PEAK, r, 3000, 3, 1.5);
	monitor_pass(c, FX_BQ_LP, r, 16000);
	c = &m->ch[MONITOR_LAPTOP];
	monitor_pass(c, FX_BQ_HP, r, 250);
	monitor_eq(c, FX_BQ_PEAK, r, 4000, 3, 1);
	monitor_pass(c, FX_BQ_LP, r, 15000);
	c = &m->ch[MONITOR_CAR];
	monitor_pass(c, FX_BQ_HP, r, 45);
	monitor_eq(c, FX_BQ_LOWSHELF, r, 100, 4, 0.707);
	monitor_eq(c, FX_BQ_PEAK, r, 400, -2, 1);
	monitor_pass(c, FX_BQ_LP, r, 12000);
}

struct monitor *
monitor_new(int rate)
{
	struct monitor *m = calloc(1, sizeof *m);

	if (m == NULL)
		return NULL;
	m->rate = rate;
	m->fade_len = rate * MONITOR_FADE_MS / 1000;
	monitor_design(m);
	atomic_init(&m->want, MONITOR_FLAT);
	return m;
}

void
monitor_free(struct monitor *m)
{
	free(m);
}

void
monitor_set(struct monitor *m, enum monitor_listen mode)
{
	atomic_store_explicit(&m->want, (int)mode, memory_order_relaxed);
}

void
monitor_start(struct monitor *m, enum monitor_listen mode)
{
	monitor_set(m, mode);
	m->cur = mode;
	m->fade = 0;
	m->w = monitor_ab_get(m) && atomic_load(&m->ref) != NULL ? 1 : 0;
	memset(m->ch[mode].z, 0, sizeof m->ch[mode].z);
}

enum monitor_listen
monitor_get(const struct monitor *m)
{
	return (enum monitor_listen)atomic_load_explicit(
	    (atomic_int *)&m->want, memory_order_relaxed);
}

int
monitor_listen_find(const char *name)
{
	int i;

	for (i = 0; monitor_listen_names[i] != NULL; i++)
		if (strcmp(monitor_listen_names[i], name) == 0)
			return i;
	return -1;
}

/* One frame through a chain. */
static void
monitor_frame(struct monitor_chain *c, float x[2])
{
	int s;

	if (c->mono)
		x[0] = x[1] = 0.5f * (x[0] + x[1]);
	for (s = 0; s < c->n; s++) {
		x[0] = fx_biquad_run(&c->c[s], c->z[s][0], x[0]);
		x[1] = fx_biquad_run(&c->c[s], c->z[s][1], x[1]);
	}
}

void
monitor_process(struct monitor *m, float *buf, int n, int64_t pos)
{
	int want = atomic_load_explicit(&m->want, memory_order_relaxed), i, s;

	monitor_ab_mix(m, buf, n, pos);
	if (want != m->cur) {
		/* The new chain starts from silence and fades in while the
		 * old one (a fade already running is cut short) fades
		 * out. */
		m->old = m->cur;
		m->cur = want;
		m->fade = m->fade_len;
		memset(m->ch[want].z, 0, sizeof m->ch[want].z);
	}
	if (m->cur == MONITOR_FLAT && m->fade == 0)
		return;
	for (i = 0; i < n; i++) {
		float x[2] = { fx_clean(buf[2 * i]), fx_clean(buf[2 * i + 1]) };
		float o[2] = { x[0], x[1] };

		monitor_frame(&m->ch[m->cur], x);
		if (m->fade > 0) {
			float w = (float)m->fade / m->fade_len;

			monitor_frame(&m->ch[m->old], o);
			x[0] += w * (o[0] - x[0]);
			x[1] += w * (o[1] - x[1]);
			m->fade--;
		}
		buf[2 * i] = x[0];
		buf[2 * i + 1] = x[1];
	}
	for (i = 0; i < MONITOR_NLISTEN; i++)
		for (s = 0; s < m->ch[i].n; s++) {
			fx_biquad_flush(m->ch[i].z[s][0]);
			fx_biquad_flush(m->ch[i].z[s][1]);
		}
}
