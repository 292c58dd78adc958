/* dsp_quantize.c - slices cut before the onsets, moved, joined.
 *
 * The joins work as Beat Detective's "fill and crossfade" does, with one
 * change so that no transient is ever heard twice.  Each slice owns the
 * source from its cut (a little before its onset, at the quietest point)
 * to the next cut.  Where slice k moves earlier than slice k - 1, it
 * starts at its new place and cuts the tail of k - 1 short.  Where it
 * moves later, the gap in front of it is filled by extending the tail of
 * k - 1: the last frames of that tail before the cut are played on
 * until slice k begins.  Beat Detective reveals the audio after the cut
 * instead, which is the next note's own attack and flams when the move
 * is longer than its trigger pad; playing the tail again is the same
 * quiet decay and never doubles a hit.  In both cases the join is a
 * short crossfade (sin^2, its gains summing to one: the two sides are the
 * same recording a few ms apart) that ends where the later slice reaches
 * its cut, so the onset after it plays untouched.  The moves are kept
 * small enough that neither the crossfade nor a filled gap reaches back
 * into the previous note's transient.
 */
#include "dsp_quantize.h"

#include <math.h>
#include <stdlib.h>

/* The cut for the onset at o, after the previous onset prev: the end of
 * the xfade-long stretch with the least energy, searched back from just
 * before o over three holds (a minimum a little before another nearly as
 * deep loses to the later one, which keeps the slice whole).  -1 when
 * there is no room. */
static int64_t
dsp_quantize_cut(const float *x, int64_t o, int64_t prev, int64_t xfade,
    int64_t hold, double *e)
{
	int64_t hi = o - hold / 20, lo = o - 3 * hold, c, best;
	double sum = 0, emin;
	int64_t i;

	if (lo < prev + hold + xfade)
		lo = prev + hold + xfade;
	if (lo < (prev + o) / 2)
		lo = (prev + o) / 2;
	if (lo < xfade)
		lo = xfade;
	if (hi < lo)
		return -1;
	for (i = hi - xfade; i < hi; i++)
		sum += (double)x[i] * x[i];
	emin = sum;
	for (c = hi; c >= lo; c--) {
		e[hi - c] = sum;
		if (sum < emin)
			emin = sum;
		if (c - xfade - 1 >= 0)
			sum += (double)x[c - xfade - 1] * x[c - xfade - 1] -
			    (double)x[c - 1] * x[c - 1];
	}
	best = hi;
	for (c = hi; c >= lo; c--)
		if (e[hi - c] <= emin * 1.5 + 1e-12 * xfade) {
			best = c;
			break;
		}
	return best;
}

int
dsp_quantize_plan(const float *x, int64_t n, const int64_t *on,
    const int64_t *line, int non, double strength, int64_t window,
    int64_t xfade, int64_t hold, struct dsp_quantize_plan *plan)
{
	struct dsp_quantize_slice *v, *p;
	double *e;
	int k, m = 1;

	v = malloc((non + 1) * sizeof *v);
	e = malloc((3 * hold + 2) * sizeof *e);
	if (v == NULL || e == NULL) {
		free(v);
		free(e);
		return -1;
	}
	v[0].cut = v[0].onset = v[0].shift = 0;
	for (k = 0; k < non; k++) {
		int64_t o = on[k], dist = line[k] - o, want = 0, room, delta,
		    cut;

		p = &v[m - 1];
		if (o <= p->onset || o >= n)
			continue;
		cut = dsp_quantize_cut(x, o, p->onset, xfade, hold, e);
		if (cut < 0 || cut <= p->cut)
			continue;	/* it moves with the slice before */
		if (window < 0 || llabs(dist) <= window)
			want = llround(dist * strength);
		/* The join's crossfade, or the tail played again in a gap,
		 * starts delta frames before the cut (either way) and has
		 * to stay behind the previous transient. */
		room = cut - p->onset - hold - xfade;
		delta = want - p->shift;
		if (room < 0)
			room = 0;
		if (delta > room)
			delta = room;
		if (delta < -room)
			delta = -room;
		v[m].cut = cut;
		v[m].onset = o;
		v[m].shift = p->shift + delta;
		m++;
	}
	free(e);
	plan->v = v;
	plan->n = m;
	plan->xfade = xfade;
	return 0;
}

void
dsp_quantize_plan_free(struct dsp_quantize_plan *plan)
{
	free(plan->v);
	plan->v = NULL;
	plan->n = 0;
}

/* The plan frame where slice k takes over from slice k - 1. */
static int64_t
dsp_quantize_join(const struct dsp_quantize_plan *plan, int k)
{
	const struct dsp_quantize_slice *a = &plan->v[k - 1], *b = &plan->v[k];

	return b->cut + (a->shift < b->shift ? a->shift : b->shift);
}

static inline float
dsp_quantize_at(const float *in, int64_t nin, int ch, int64_t i, int c)
{
	return i >= 0 && i < nin ? in[i * ch + c] : 0.0f;
}

void
dsp_quantize_render(const struct dsp_quantize_plan *plan, int64_t off,
    const float *in, int64_t nin, int ch, int64_t from, float *out,
    int64_t nout)
{
	int64_t x = plan->xfade, end = from + nout, t, a, b, bj;
	int k, c;

	for (k = 0; k < plan->n; k++) {
		int64_t s0 = plan->v[k].shift, s1;

		a = k == 0 ? from : dsp_quantize_join(plan, k);
		b = bj = k + 1 < plan->n ? dsp_quantize_join(plan, k + 1) :
		    end;
		if (a < from)
			a = from;
		if (b > end)
			b = end;
		s1 = k + 1 < plan->n ? plan->v[k + 1].shift : s0;
		for (t = a; t < b; t++) {
			float *o = out + (t - from) * ch;
			int64_t j = t - s0 + off;

			if (t >= bj - x && s1 != s0) {
				/* Into slice k + 1: sin^2 up, cos^2 down. */
				double w = sin(M_PI / 2 * (t - (bj - x) + 0.5) /
				    x);
				float g = (float)(w * w);
				int64_t i = t - s1 + off;

				for (c = 0; c < ch; c++)
					o[c] = (1 - g) * dsp_quantize_at(in,
					    nin, ch, j, c) + g *
					    dsp_quantize_at(in, nin, ch, i, c);
			} else if (j >= 0 && j < nin) {
				for (c = 0; c < ch; c++)
					o[c] = in[j * ch + c];
			} else {
				for (c = 0; c < ch; c++)
					o[c] = 0.0f;
			}
		}
	}
}
