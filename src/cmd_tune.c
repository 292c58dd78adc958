/* cmd_tune.c - pitch correction: tune (an operation of edit.c, applied to
 * the clips of a track or of a range), pitch (the detected pitch as a
 * listing) and pitch-view (the TUI's view; the listing elsewhere). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clip.h"
#include "cmd.h"
#include "dsp_pitch.h"
#include "edit_tune.h"
#include "scale.h"
#include "session.h"
#include "util.h"

static int
cmd_tune_exec(struct session *s, const struct cmd_args *a)
{
	const struct edit_op *op = edit_op_find("tune");
	struct edit_params ep;
	struct track *t;
	struct clip *saved;
	int64_t start, end;
	bool clipped;
	int i, k, nsaved, n = 0;
	char at[64];

	if ((t = cmd_track(s, a->argv[1])) == NULL ||
	    cmd_edit_range(s, a, &start, &end) != 0)
		return -1;
	memset(&ep, 0, sizeof ep);
	for (k = 0; k < a->nkv; k++)
		if (edit_params_set(&ep, a->keys[k], a->vals[k]) != 0)
			return session_fail(s, "%s: value too long",
			    a->keys[k]);
	if (edit_params_get(&ep, "note") != NULL && a->argc < 4)
		return session_fail(s, "note: a forced note needs START and "
		    "END");
	if (op->check(s, t, &ep) != 0)
		return -1;
	/* The clip list to put back after a failure or ^C. */
	clipped = t->clipped;
	nsaved = t->nclips;
	saved = xcalloc(nsaved ? nsaved : 1, sizeof *saved);
	if (nsaved > 0)
		memcpy(saved, t->clips, nsaved * sizeof *saved);
	clip_materialize(t);
	for (i = 0; i < t->nclips; i++) {
		const struct clip *c = &t->clips[i];

		if (c->pos >= end || c->pos + c->len <= start ||
		    c->file[0] == '\0' || (strncmp(c->op, "tune", 4) == 0 &&
		    (c->op[4] == ' ' || c->op[4] == '\0')))
			continue;
		cmd_text_time(s, c->pos, at, sizeof at);
		session_fail(s, "the clip of %s at %s is the result of '%s': "
		    "reprocess it, or undo that first", t->name, at, c->op);
		goto fail;
	}
	if (a->argc >= 4) {
		clip_cut_edge(t, start, 0);
		clip_cut_edge(t, end, 0);
	}
	for (i = 0; i < t->nclips; i++) {
		const struct clip *c = &t->clips[i];

		if (c->pos < start || c->pos + c->len > end)
			continue;
		if (edit_apply(s, t, i, op, &ep) != 0)
			goto fail;
		n++;
	}
	if (n == 0) {
		session_fail(s, "track %s has no clip there", t->name);
		goto fail;
	}
	free(saved);
	session_said(s, "tune %s: %d clip%s", t->name, n, n == 1 ? "" : "s");
	return 0;
fail:
	free(t->clips);
	t->clips = saved;
	t->nclips = nsaved;
	t->clipped = clipped;
	return -1;
}

/* Where track t plays up to (its last clip's or comp range's end). */
static int64_t
cmd_tune_end(const struct track *t)
{
	int64_t end = 0;
	int k;

	for (k = 0; t->clipped && k < t->nclips; k++)
		if (t->clips[k].pos + t->clips[k].len > end)
			end = t->clips[k].pos + t->clips[k].len;
	for (k = 0; !t->clipped && k < t->ncomp; k++)
		if (t->comp[k].end > end)
			end = t->comp[k].end;
	return end;
}

int
cmd_pitch_detect(struct session *s, const struct track *t, int64_t start,
    int64_t n, struct dsp_pitch_frame **fr)
{
	/* Read with a margin of 40 ms on both sides: the frames at the
	 * edges see what is there, not silence. */
	int hop = dsp_pitch_hop(s->p->rate), c;
	int64_t pre = start < 8 * hop ? start / hop * hop : 8 * hop;
	int64_t len = pre + n + 8 * hop, i, nf, want = (n + hop - 1) / hop;
	struct dsp_pitch_frame *all;
	float *buf, *mono;

	if ((buf = edit_read(s, t, NULL, start - pre, len)) == NULL)
		return -1;
	mono = xcalloc(len, sizeof *mono);
	for (i = 0; i < len; i++)
		for (c = 0; c < t->channels; c++)
			mono[i] += buf[i * t->channels + c] / t->channels;
	free(buf);
	nf = dsp_pitch_track(mono, len, s->p->rate, &all, edit_progress, s);
	free(mono);
	edit_progress_done(s);
	if (nf < 0)
		return session_fail(s, session_signal ? "cancelled" :
		    "out of memory");
	*fr = xcalloc(want ? want : 1, sizeof **fr);
	for (i = 0; i < want && pre / hop + i < nf; i++)
		(*fr)[i] = all[pre / hop + i];
	free(all);
	return (int)want;
}

static int
cmd_tune_cmpd(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* One line of the listing: frames [a, b) of fr, note `note` (-1:
 * unvoiced). */
static void
cmd_pitch_line(struct session *s, const struct dsp_pitch_frame *fr,
    int64_t a, int64_t b, int note, int64_t start, int hop)
{
	char at[64], name[16];
	double secs = (double)(b - a) * hop / s->p->rate, *hz, med;
	int64_t k, m = 0;

	cmd_text_time(s, start + a * hop, at, sizeof at);
	if (note < 0) {
		session_msg(s, MSG_OUT, "%s  %6.3f s  unvoiced", at, secs);
		return;
	}
	hz = xcalloc(b - a, sizeof *hz);
	for (k = a; k < b; k++)
		if (fr[k].voiced)
			hz[m++] = fr[k].hz;
	qsort(hz, m, sizeof *hz, cmd_tune_cmpd);
	med = m ? hz[m / 2] : 0;
	free(hz);
	scale_note_name(note, name, sizeof name);
	session_msg(s, MSG_OUT, "%s  %6.3f s  %-4s %+4d cents  %7.1f Hz  "
	    "voiced", at, secs, name, med > 0 ? (int)lround(100 *
	    (dsp_pitch_midi(med) - note)) : 0, med);
}

/* The listing of pitch TRACK [START END]: a line per note (a run of
 * voiced frames nearest one note, 15 cents of hysteresis; runs under
 * 30 ms join the one before), or per frame with detail=frames. */
int
cmd_pitch_list(struct session *s, const struct cmd_args *a)
{
	const char *detail = cmd_key(a, "detail");
	struct dsp_pitch_frame *fr;
	struct track *t;
	int64_t start, end, n, k, j, seg;
	int hop = dsp_pitch_hop(s->p->rate), *note, nf, prev = -1, min;
	char at[64], name[24];

	if (a->argc < 2)
		return session_fail(s, "TRACK: expected a track");
	if ((t = cmd_track(s, a->argv[1])) == NULL ||
	    cmd_edit_range(s, a, &start, &end) != 0)
		return -1;
	if (detail != NULL && strcmp(detail, "notes") != 0 &&
	    strcmp(detail, "frames") != 0)
		return session_fail(s, "detail: expected notes or frames, got "
		    "'%s'", detail);
	if (end == INT64_MAX)
		end = cmd_tune_end(t);
	if ((n = end - start) <= 0)
		return session_fail(s, "track %s plays nothing there",
		    t->name);
	if ((nf = cmd_pitch_detect(s, t, start, n, &fr)) < 0)
		return -1;
	if (detail != NULL && strcmp(detail, "frames") == 0) {
		for (k = 0; k < nf; k++) {
			cmd_text_time(s, start + k * hop, at, sizeof at);
			if (fr[k].voiced)
				scale_hz_name(fr[k].hz, name, sizeof name);
			session_msg(s, MSG_OUT, "%s  %7.1f Hz  %-8s %s",
			    at, fr[k].voiced ? fr[k].hz : 0.0,
			    fr[k].voiced ? name : "-", fr[k].voiced ?
			    "voiced" : "unvoiced");
		}
		free(fr);
		return 0;
	}
	note = xcalloc(nf ? nf : 1, sizeof *note);
	for (k = 0; k < nf; k++) {
		double m = fr[k].voiced ? dsp_pitch_midi(fr[k].hz) : 0;
		int q = (int)lround(m);

		if (!fr[k].voiced)
			q = -1;
		else if (prev >= 0 && fabs(m - prev) < 0.65)
			q = prev;
		note[k] = prev = q;
	}
	/* Runs shorter than 30 ms take the note of the run before. */
	min = (int)(0.03 * s->p->rate / hop + 0.5);
	for (k = 0; k < nf; k = j) {
		for (j = k; j < nf && note[j] == note[k]; j++)
			;
		if (j - k < min && (k > 0 || j < nf))
			for (seg = k; seg < j; seg++)
				note[seg] = k > 0 ? note[k - 1] : note[j];
	}
	for (k = 0; k < nf; k = j) {
		for (j = k; j < nf && note[j] == note[k]; j++)
			;
		cmd_pitch_line(s, fr, k, j, note[k], start, hop);
	}
	free(note);
	free(fr);
	return 0;
}

static int
cmd_pitch_exec(struct session *s, const struct cmd_args *a)
{
	return cmd_pitch_list(s, a);
}

/* The TUI opens its view; the plain prompt and scripts list. */
static int
cmd_pitch_view_exec(struct session *s, const struct cmd_args *a)
{
	if (s->ui != NULL)
		return s->ui(s->ui_arg, a);
	return cmd_pitch_list(s, a);
}

const struct cmd_entry cmd_tune_entry = {
	"tune", "TRACK [START END]",
	"pitch-correct TRACK's clips (in START..END) into new files: key= and "
	"scale= (or note= over START END), strength=, speed=, humanize=", 1, 3,
	"key,scale,strength,speed,humanize,note", CMD_SAVE | CMD_UPDATE,
	cmd_tune_exec
};

const struct cmd_entry cmd_pitch_entry = {
	"pitch", "TRACK [START END]",
	"list the detected pitch of what TRACK plays: a line per note (time, "
	"length, note, cents, Hz), or per 5 ms with detail=frames", 1, 3,
	"detail", 0, cmd_pitch_exec
};

const struct cmd_entry cmd_pitch_view_entry = {
	"pitch-view", "[TRACK [START END]]",
	"show the detected pitch of the selected track (or TRACK) against the "
	"lines of a scale (key=, scale=); without a screen, the pitch listing",
	0, 3, "key,scale,detail", 0, cmd_pitch_view_exec
};
