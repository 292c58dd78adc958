/* edit_tune.c - the tune operation of edit.c: pitch correction to a
 * scale, or to a forced note (dsp_pitch.c detects, dsp_tune.c shifts). */
#include "edit_tune.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dsp_pitch.h"
#include "dsp_tune.h"
#include "scale.h"
#include "session.h"
#include "util.h"

int
edit_tune_target(struct session *s, const struct edit_params *ep,
    struct dsp_tune_params *par)
{
	const char *key = edit_params_get(ep, "key");
	const char *scale = edit_params_get(ep, "scale");
	const char *note = edit_params_get(ep, "note");
	unsigned steps;
	int pc, midi;

	memset(par, 0, sizeof *par);
	par->note = -1;
	if (note != NULL) {
		if (key != NULL || scale != NULL)
			return session_fail(s, "note: a forced note takes no "
			    "key= or scale=");
		if (scale_parse_note(note, &pc, &midi) != 0)
			return session_fail(s, "note: expected a note such as "
			    "A, F#, Bb or A4, got '%s'", note);
		par->mask = 1u << pc;
		par->note = midi;
		return 0;
	}
	steps = scale_intervals(scale != NULL ? scale : "major");
	if (steps == 0)
		return session_fail(s, "scale: expected one of %s, got '%s'",
		    scale_names(), scale);
	if (key == NULL) {
		if (steps != 0xfff)
			return session_fail(s, "key: expected the key's note, "
			    "such as key=A (or note=NOTE START END)");
		pc = 0;
	} else if (scale_parse_note(key, &pc, &midi) != 0 || midi >= 0)
		return session_fail(s, "key: expected a note name such as A, "
		    "F# or Bb, got '%s'", key);
	par->mask = scale_mask(steps, pc);
	return 0;
}

static int
edit_tune_check(struct session *s, const struct track *t,
    struct edit_params *ep)
{
	struct dsp_tune_params par;

	if (edit_tune_target(s, ep, &par) != 0)
		return -1;
	if (edit_params_get(ep, "note") == NULL &&
	    edit_params_get(ep, "scale") == NULL)
		edit_params_set(ep, "scale", "major");
	return edit_params_num(s, ep, "strength", 1, 0, 1, "a strength") ||
	    edit_params_num(s, ep, "speed", 20, 0, 2000, "ms") ||
	    edit_params_num(s, ep, "humanize", 0, 0, 2000, "ms") ? -1 : 0;
}

/* Progress of one part of the work, as a share of the whole. */
struct edit_tune_part {
	struct session *s;
	double base, span;
};

static int
edit_tune_progress(void *arg, double f)
{
	struct edit_tune_part *p = arg;

	return edit_progress(p->s, p->base + p->span * f);
}

static float *
edit_tune_run(struct session *s, const struct track *t,
    const struct edit_params *ep, const float *in, int64_t n, int ch,
    int64_t *outn)
{
	struct edit_tune_part part = { s, 0.1, 0.2 };
	struct dsp_tune_params par;
	struct dsp_pitch_frame *fr;
	int hop = dsp_pitch_hop(s->p->rate);
	float *mono, *cents, *out;
	int64_t i, nf;
	int c;

	if (edit_tune_target(s, ep, &par) != 0)
		return NULL;
	par.strength = atof(edit_params_get(ep, "strength"));
	par.speed_ms = atof(edit_params_get(ep, "speed"));
	par.humanize_ms = atof(edit_params_get(ep, "humanize"));
	mono = xcalloc(n > 0 ? n : 1, sizeof *mono);
	for (i = 0; i < n; i++)
		for (c = 0; c < ch; c++)
			mono[i] += in[i * ch + c] / ch;
	nf = dsp_pitch_track(mono, n, s->p->rate, &fr, edit_tune_progress,
	    &part);
	free(mono);
	if (nf < 0) {
		session_fail(s, session_signal ? "cancelled" : "out of memory");
		return NULL;
	}
	cents = xcalloc(nf > 0 ? nf : 1, sizeof *cents);
	dsp_tune_curve(fr, nf, hop, s->p->rate, &par, cents);
	free(fr);
	part.base = 0.3;
	part.span = 0.7;
	out = dsp_tune_shift(in, n, ch, s->p->rate, cents, nf, hop,
	    edit_tune_progress, &part);
	free(cents);
	if (out == NULL) {
		session_fail(s, session_signal ? "cancelled" : "Rubber Band "
		    "failed");
		return NULL;
	}
	*outn = n;
	return out;
}

const struct edit_op edit_tune_op = {
	"tune", "key,scale,strength,speed,humanize,note", true,
	edit_tune_check, edit_tune_run
};
