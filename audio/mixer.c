/* mixer.c - the process function shared by the engine and render. */
#include "mixer.h"

#include <math.h>
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

struct mixer *
mixer_new(int max_frames)
{
	struct mixer *m = calloc(1, sizeof *m);

	if (m == NULL)
		return NULL;
	m->max_frames = max_frames;
	m->scratch = calloc((size_t)max_frames * 2, sizeof(float));
	m->bus = calloc((size_t)max_frames * 2, sizeof(float));
	if (m->scratch == NULL || m->bus == NULL) {
		mixer_free(m);
		return NULL;
	}
	return m;
}

void
mixer_free(struct mixer *m)
{
	if (m == NULL)
		return;
	free(m->scratch);
	free(m->bus);
	free(m);
}

static inline uint32_t
mixer_bits(float f)
{
	uint32_t u;

	memcpy(&u, &f, sizeof u);
	return u;
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

/* Reads up to n frames of a playback stream into dst, zero-filling what
 * the disk has not delivered.  Returns the missing frames. */
static int
mixer_read_stream(struct pstream *ps, float *dst, int n)
{
	size_t fbytes = sizeof(float) * ps->channels;
	size_t want = fbytes * n;
	size_t got = ring_read(ps->ring, dst, want);

	if (got < want)
		memset((char *)dst + got, 0, want - got);
	return (int)((want - got) / fbytes);
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
	int c, i, nch = in_ch < 64 ? in_ch : 64;

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
	k = (int64_t)floor((double)(t - b->start) / b->fpb);
	beat = b->start + llround(k * b->fpb);
	if (beat > t) {
		k--;
		beat = b->start + llround(k * b->fpb);
	}
	d = t - beat;
	if (d < 0 || d >= len)
		return 0.0f;
	f = (k % b->num + b->num) % b->num == 0 ? 1500.0 : 1000.0;
	return c->gain * (float)(exp(-5.0 * d / len) *
	    cos(2 * M_PI * f * d / c->rate));
}

static void
mixer_click(const struct snapshot *s, const struct run *run, int64_t rolled,
    float *out, int n)
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
		out[2 * i] += v;
		out[2 * i + 1] += v;
	}
}

/* Software monitoring: the inputs of a track into the mix, panned. */
static void
mixer_monitor(const struct snap_track *t, const float *in, int in_ch,
    float *bus, int n)
{
	int i, l = t->in[0], r = t->channels == 2 ? t->in[1] : t->in[0];

	if (l < 0 || l >= in_ch || r < 0 || r >= in_ch)
		return;
	for (i = 0; i < n; i++) {
		float a = in[i * in_ch + l], b = in[i * in_ch + r];

		if (t->channels == 1) {
			bus[2 * i] += t->gl * a;
			bus[2 * i + 1] += t->gr * a;
		} else {
			bus[2 * i] += t->gl * a;
			bus[2 * i + 1] += t->gr * b;
		}
	}
}

int64_t
mixer_process(struct mixer *m, const struct snapshot *s, struct run *run,
    const float *in, int in_ch, float *out, int n)
{
	float *bus = m->bus, *x = m->scratch;
	int64_t missing = 0, rolled = 0, rec_left = 0;
	int i, k, nt;

	memset(bus, 0, sizeof(float) * 2 * n);
	if (in != NULL)
		mixer_input_peaks(m, in, in_ch, n);
	if (run != NULL) {
		rolled = atomic_load_explicit(&run->rolled,
		    memory_order_relaxed);
		rec_left = run->rec_frames - rolled;
	}
	nt = s->ntracks < MIXER_MAX_TRACKS ? s->ntracks : MIXER_MAX_TRACKS;
	for (k = 0; k < nt; k++) {
		const struct snap_track *t = &s->t[k];
		struct pstream *ps;
		float gl = t->gl, gr = t->gr, pk = 0;

		if (t->monitor && in != NULL)
			mixer_monitor(t, in, in_ch, bus, n);
		if (run == NULL || k >= run->ntracks)
			continue;
		if (run->cap[k] != NULL && in != NULL && rec_left > 0)
			mixer_capture(run->cap[k], in, in_ch,
			    n < rec_left ? n : (int)rec_left, x);
		ps = run->play[k];
		if (ps == NULL)
			continue;
		missing += mixer_read_stream(ps, x, n);
		if (t->channels == 1) {
			for (i = 0; i < n; i++) {
				float v = x[i];

				bus[2 * i] += gl * v;
				bus[2 * i + 1] += gr * v;
				if (fabsf(v) > pk)
					pk = fabsf(v);
			}
		} else {
			for (i = 0; i < n; i++) {
				float l = x[2 * i], r = x[2 * i + 1];

				bus[2 * i] += gl * l;
				bus[2 * i + 1] += gr * r;
				if (fabsf(l) > pk)
					pk = fabsf(l);
				if (fabsf(r) > pk)
					pk = fabsf(r);
			}
		}
		/* Post-fader: what the track contributes. */
		mixer_peak(&m->peak[k], pk * (gl > gr ? gl : gr));
	}
	/* Armed tracks meter their inputs. */
	if (in != NULL)
		for (k = 0; k < nt; k++) {
			const struct snap_track *t = &s->t[k];
			float pk = 0;
			int c;

			if (!t->armed)
				continue;
			for (c = 0; c < t->channels; c++) {
				int ch = t->in[c];

				if (ch < 0 || ch >= in_ch)
					continue;
				for (i = 0; i < n; i++)
					if (fabsf(in[i * in_ch + ch]) > pk)
						pk = fabsf(in[i * in_ch + ch]);
			}
			mixer_peak(&m->peak[k], pk);
		}
	{
		float g = s->master, pl = 0, pr = 0;

		for (i = 0; i < n; i++) {
			float l = bus[2 * i] * g, r = bus[2 * i + 1] * g;

			out[2 * i] = l;
			out[2 * i + 1] = r;
			if (fabsf(l) > pl)
				pl = fabsf(l);
			if (fabsf(r) > pr)
				pr = fabsf(r);
		}
		mixer_peak(&m->master_peak[0], pl);
		mixer_peak(&m->master_peak[1], pr);
	}
	/* The click is for the players: after the master fader and its
	 * meters. */
	if (run != NULL)
		mixer_click(s, run, rolled, out, n);
	if (run != NULL) {
		atomic_store_explicit(&run->rolled, rolled + n,
		    memory_order_release);
		if (missing)
			atomic_fetch_add(&run->underruns, missing);
	}
	return missing;
}
