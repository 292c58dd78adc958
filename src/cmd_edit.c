/* cmd_edit.c - editing operations: noise-learn, denoise, strip-silence,
 * stretch, shift, reprocess (edit.c does the work).
 *
 * Each checks its arguments first; the clips change only once every
 * file they are to play has been written.  A failure (or ^C) puts the
 * clip list back as it was and leaves no new file. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "clip.h"
#include "cmd.h"
#include "dsp_denoise.h"
#include "dsp_onset.h"
#include "dsp_silence.h"
#include "edit.h"
#include "onsetmarks.h"
#include "session.h"
#include "util.h"
#include "wavfile.h"

/* A copy of the track's clip list to put back after a failure. */
struct cmd_edit_saved {
	bool clipped;
	struct clip *clips;
	int nclips;
};

static void
cmd_edit_save(const struct track *t, struct cmd_edit_saved *sv)
{
	edit_written(true);
	sv->clipped = t->clipped;
	sv->nclips = t->nclips;
	sv->clips = xcalloc(t->nclips ? t->nclips : 1, sizeof *sv->clips);
	if (t->nclips > 0)
		memcpy(sv->clips, t->clips, t->nclips * sizeof *sv->clips);
}

static int
cmd_edit_restore(struct track *t, struct cmd_edit_saved *sv, int rc)
{
	if (rc != 0) {
		free(t->clips);
		t->clips = sv->clips;
		t->nclips = sv->nclips;
		t->clipped = sv->clipped;
	} else
		free(sv->clips);
	/* The files of a run that failed half way (a cancel in the third
	 * of five clips) go with it. */
	edit_written(rc == 0);
	return rc;
}

/* key=value options of the command into ep. */
static int
cmd_edit_params(struct session *s, const struct cmd_args *a,
    struct edit_params *ep)
{
	int i;

	memset(ep, 0, sizeof *ep);
	for (i = 0; i < a->nkv; i++)
		if (edit_params_set(ep, a->keys[i], a->vals[i]) != 0)
			return session_fail(s, "%s: value too long",
			    a->keys[i]);
	return 0;
}

/* Whether key is one of the comma-separated keys. */
static bool
cmd_edit_key_ok(const char *keys, const char *key)
{
	size_t n = strlen(key);
	const char *p;

	for (p = keys; (p = strstr(p, key)) != NULL; p += n)
		if ((p == keys || p[-1] == ',') && (p[n] == ',' ||
		    p[n] == '\0'))
			return true;
	return false;
}

/* The clip under TIME (argv[2]) of track argv[1], after materializing. */
static int
cmd_edit_clip(struct session *s, const struct cmd_args *a, struct track **t)
{
	int64_t pos;
	char at[64];
	int i;

	if ((*t = cmd_track_edit(s, a->argv[1])) == NULL ||
	    cmd_parse_time(s, "TIME", a->argv[2], &pos) != 0)
		return -1;
	clip_materialize(*t);
	if ((i = clip_at(*t, pos)) < 0) {
		cmd_text_time(s, pos, at, sizeof at);
		return session_fail(s, "TIME: track %s has no clip at %s",
		    (*t)->name, at);
	}
	return i;
}

/* A clip already made by another operation runs again from its original
 * only through reprocess: that would drop the other result. */
static int
cmd_edit_other_op(struct session *s, const struct track *t, int i,
    const char *name)
{
	const struct clip *c = &t->clips[i];
	size_t n = strlen(name);
	char at[64];

	if (c->file[0] == '\0' || (strncmp(c->op, name, n) == 0 &&
	    (c->op[n] == ' ' || c->op[n] == '\0')))
		return 0;
	cmd_text_time(s, c->pos, at, sizeof at);
	return session_fail(s, "the clip of %s at %s is the result of '%s': "
	    "reprocess it, or undo that first", t->name, at, c->op);
}

static void
cmd_edit_said(struct session *s, const char *what, const struct track *t,
    int n)
{
	session_said(s, "%s %s: %d clip%s", what, t->name, n, n == 1 ? "" :
	    "s");
}

/* stretch and shift: one clip, one operation. */
static int
cmd_edit_one(struct session *s, const struct cmd_args *a, const char *name)
{
	const struct edit_op *op = edit_op_find(name);
	struct cmd_edit_saved sv;
	struct edit_params ep;
	struct track *t;
	int i;

	if (cmd_edit_params(s, a, &ep) != 0 ||
	    (t = cmd_track_edit(s, a->argv[1])) == NULL ||
	    op->check(s, t, &ep) != 0)
		return -1;
	cmd_edit_save(t, &sv);
	if ((i = cmd_edit_clip(s, a, &t)) < 0 ||
	    cmd_edit_other_op(s, t, i, name) != 0)
		return cmd_edit_restore(t, &sv, -1);
	if (edit_apply(s, t, i, op, &ep) != 0)
		return cmd_edit_restore(t, &sv, -1);
	session_said(s, "%s %s: %s", name, t->name, t->clips[i].file);
	return cmd_edit_restore(t, &sv, 0);
}

static int
cmd_stretch_exec(struct session *s, const struct cmd_args *a)
{
	return cmd_edit_one(s, a, "stretch");
}

static int
cmd_shift_exec(struct session *s, const struct cmd_args *a)
{
	return cmd_edit_one(s, a, "shift");
}

static int
cmd_reprocess_exec(struct session *s, const struct cmd_args *a)
{
	const struct edit_op *op;
	struct cmd_edit_saved sv;
	struct edit_params ep;
	struct track *t;
	char at[64];
	int i, k;

	if ((t = cmd_track_edit(s, a->argv[1])) == NULL)
		return -1;
	cmd_edit_save(t, &sv);
	if ((i = cmd_edit_clip(s, a, &t)) < 0)
		return cmd_edit_restore(t, &sv, -1);
	if (t->clips[i].file[0] == '\0') {
		cmd_text_time(s, t->clips[i].pos, at, sizeof at);
		session_fail(s, "TIME: the clip of %s at %s is no operation's "
		    "result", t->name, at);
		return cmd_edit_restore(t, &sv, -1);
	}
	if (edit_op_parse(s, t->clips[i].op, &op, &ep) != 0)
		return cmd_edit_restore(t, &sv, -1);
	for (k = 0; k < a->nkv; k++) {
		if (!cmd_edit_key_ok(op->keys, a->keys[k]) ||
		    edit_params_set(&ep, a->keys[k], a->vals[k]) != 0) {
			session_fail(s, "%s: not a parameter of %s (expected "
			    "one of %s)", a->keys[k], op->name, op->keys);
			return cmd_edit_restore(t, &sv, -1);
		}
	}
	if (op->check(s, t, &ep) != 0 || edit_apply(s, t, i, op, &ep) != 0)
		return cmd_edit_restore(t, &sv, -1);
	session_said(s, "reprocess %s: %s", t->name, t->clips[i].op);
	return cmd_edit_restore(t, &sv, 0);
}

int
cmd_edit_range(struct session *s, const struct cmd_args *a, int64_t *start,
    int64_t *end)
{
	/* START alone would quietly mean the whole track. */
	if (a->argc == 3)
		return session_fail(s, "END: expected START and END, or "
		    "neither");
	if (a->argc < 4) {
		*start = 0;
		*end = INT64_MAX;
		return 0;
	}
	if (cmd_parse_time(s, "START", a->argv[2], start) != 0 ||
	    cmd_parse_time(s, "END", a->argv[3], end) != 0)
		return -1;
	if (*end <= *start)
		return session_fail(s, "END: expected a time after START");
	return 0;
}

static int
cmd_noise_learn_exec(struct session *s, const struct cmd_args *a)
{
	struct dsp_denoise *d;
	double prof[DSP_DENOISE_BINS], *sum;
	struct track *t;
	int64_t start, end, n, i;
	float *buf, *mono;
	int c, frames;

	if ((t = cmd_track(s, a->argv[1])) == NULL ||
	    cmd_edit_range(s, a, &start, &end) != 0)
		return -1;
	n = end - start;
	if (n < DSP_DENOISE_FFT)
		return session_fail(s, "END: expected at least %d frames of "
		    "noise, got %lld", DSP_DENOISE_FFT, (long long)n);
	if ((buf = edit_read(s, t, NULL, start, n)) == NULL)
		return -1;
	edit_progress_done(s);
	mono = xcalloc(n, sizeof *mono);
	sum = xcalloc(DSP_DENOISE_BINS, sizeof *sum);
	d = dsp_denoise_new();
	if (d == NULL)
		fatal("out of memory");
	frames = 0;
	/* Each channel's spectrum, averaged. */
	for (c = 0; c < t->channels; c++) {
		for (i = 0; i < n; i++)
			mono[i] = buf[i * t->channels + c];
		frames = dsp_denoise_learn(d, mono, n, prof);
		for (i = 0; i < DSP_DENOISE_BINS; i++)
			sum[i] += prof[i] / t->channels;
	}
	dsp_denoise_free(d);
	free(mono);
	free(buf);
	if (edit_noise_save(s, t, sum, frames) != 0) {
		free(sum);
		return -1;
	}
	free(sum);
	session_said(s, "noise profile of %s learnt from %d FFT frames "
	    "(audio/%s.noise)", t->name, frames, t->name);
	return 0;
}

static int
cmd_denoise_exec(struct session *s, const struct cmd_args *a)
{
	const struct edit_op *op = edit_op_find("denoise");
	struct cmd_edit_saved sv;
	struct edit_params ep;
	struct track *t;
	int64_t start, end;
	int i, n = 0;

	if ((t = cmd_track_edit(s, a->argv[1])) == NULL ||
	    cmd_edit_range(s, a, &start, &end) != 0 ||
	    cmd_edit_params(s, a, &ep) != 0 || op->check(s, t, &ep) != 0)
		return -1;
	cmd_edit_save(t, &sv);
	clip_materialize(t);
	for (i = 0; i < t->nclips; i++)
		if (t->clips[i].pos < end && t->clips[i].pos +
		    t->clips[i].len > start &&
		    cmd_edit_other_op(s, t, i, "denoise") != 0)
			return cmd_edit_restore(t, &sv, -1);
	if (a->argc >= 4) {
		clip_cut_edge(t, start, 0);
		clip_cut_edge(t, end, 0);
	}
	for (i = 0; i < t->nclips; i++) {
		const struct clip *c = &t->clips[i];

		if (c->pos < start || c->pos + c->len > end)
			continue;
		if (edit_apply(s, t, i, op, &ep) != 0)
			return cmd_edit_restore(t, &sv, -1);
		n++;
	}
	if (n == 0) {
		session_fail(s, "track %s has no clip there", t->name);
		return cmd_edit_restore(t, &sv, -1);
	}
	cmd_edit_said(s, "denoise", t, n);
	return cmd_edit_restore(t, &sv, 0);
}

static int
cmd_strip_silence_exec(struct session *s, const struct cmd_args *a)
{
	const char *thr_s = cmd_key(a, "threshold"), *min_s = cmd_key(a,
	    "min"), *pad_s = cmd_key(a, "pad");
	struct cmd_edit_saved sv;
	double thr, mins, padms = 0;
	struct track *t;
	int64_t min, pad, fade, *runs;
	int i, r, nr, cuts = 0;

	if ((t = cmd_track_edit(s, a->argv[1])) == NULL)
		return -1;
	if (thr_s == NULL || min_s == NULL)
		return session_fail(s, "expected threshold=DB and "
		    "min=SECONDS");
	if (cmd_parse_double(s, "threshold", thr_s, -144, 0, &thr) != 0 ||
	    cmd_parse_double(s, "min", min_s, 0.001, 3600, &mins) != 0 ||
	    (pad_s != NULL && cmd_parse_double(s, "pad", pad_s, 0, 10000,
	    &padms) != 0))
		return -1;
	min = llround(mins * s->p->rate);
	pad = llround(padms * s->p->rate / 1000);
	/* Short fades at the cuts, inside the padding where there is some. */
	fade = llround(0.005 * s->p->rate);
	if (pad_s != NULL && pad < fade)
		fade = pad;
	if (min <= 2 * pad)
		return session_fail(s, "min: expected more than twice the "
		    "pad, got %s", min_s);
	cmd_edit_save(t, &sv);
	clip_materialize(t);
	for (i = t->nclips - 1; i >= 0; i--) {
		struct clip c = t->clips[i];
		float *buf = edit_read(s, t, &c, 0, c.len);

		if (buf == NULL)
			return cmd_edit_restore(t, &sv, -1);
		nr = dsp_silence_find(buf, c.len, t->channels, s->p->rate, thr,
		    min, &runs);
		free(buf);
		if (nr < 0)
			fatal("out of memory");
		/* From the last run back: clip i keeps its index. */
		for (r = nr - 1; r >= 0; r--) {
			int64_t a0 = runs[2 * r], b0 = runs[2 * r + 1];
			int64_t ca = a0 == 0 ? 0 : a0 + pad;
			int64_t cb = b0 == c.len ? c.len : b0 - pad;
			struct clip *k;

			if (cb <= ca)
				continue;
			cuts++;
			if (cb < c.len) {
				clip_split(t, i, c.pos + cb);
				k = &t->clips[i + 1];
				if (ca > 0 || cb > 0)
					k->fade_in = fade < k->len -
					    k->fade_out ? fade : 0;
				k->shape_in = SHAPE_EQUAL_POWER;
			}
			if (ca > 0) {
				clip_split(t, i, c.pos + ca);
				clip_delete(t, i + 1);
				k = &t->clips[i];
				k->fade_out = fade < k->len - k->fade_in ?
				    fade : 0;
				k->shape_out = SHAPE_EQUAL_POWER;
			} else
				clip_delete(t, i);
		}
		free(runs);
	}
	session_said(s, "strip-silence %s: %d region%s removed, %d clip%s",
	    t->name, cuts, cuts == 1 ? "" : "s", t->nclips, t->nclips == 1 ?
	    "" : "s");
	return cmd_edit_restore(t, &sv, 0);
}

/* preview OP TRACK TIME [params]: the operation's result on the clip at
 * TIME, written to .reel/preview.wav (replaced each time) and played
 * alone in place of the clip; nothing in the project changes. */
static int
cmd_preview_exec(struct session *s, const struct cmd_args *a)
{
	const struct edit_op *op = edit_op_find(a->argv[1]);
	const struct edit_placed *pl;
	struct edit_params ep;
	struct wavfile *w;
	struct track *t;
	struct clip c, src;
	char err[256], *dir, *path, at[64];
	float *in, *out;
	int64_t pos, outn;
	int i, rc;

	if (op == NULL)
		return session_fail(s, "OPERATION: expected denoise, stretch, "
		    "shift, quantize or tune, got '%s'", a->argv[1]);
	if (s->state != TRANSPORT_STOPPED)
		return session_fail(s, "stop the transport first");
	if ((t = cmd_track(s, a->argv[2])) == NULL ||
	    cmd_parse_time(s, "TIME", a->argv[3], &pos) != 0 ||
	    cmd_edit_params(s, a, &ep) != 0)
		return -1;
	for (i = 0; i < ep.n; i++)
		if (!cmd_edit_key_ok(op->keys, ep.key[i]))
			return session_fail(s, "%s: not a parameter of %s "
			    "(expected one of %s)", ep.key[i], op->name,
			    op->keys);
	if (op->check(s, t, &ep) != 0)
		return -1;
	/* The clip as it would be numbered, without materializing. */
	if (t->clipped) {
		if ((i = clip_at(t, pos)) < 0)
			goto none;
		c = t->clips[i];
	} else {
		for (i = 0; i < t->ncomp; i++)
			if (pos >= t->comp[i].start && pos < t->comp[i].end)
				break;
		if (i == t->ncomp)
			goto none;
		c = clip_make(t->comp[i].start, t->comp[i].end -
		    t->comp[i].start, 0, t->comp[i].start);
		while (i + 1 < t->ncomp &&
		    t->comp[i + 1].start == t->comp[i].end)
			c.len = t->comp[++i].end - c.pos;
	}
	src = clip_make(0, c.len, c.take, c.offset);
	if (c.file[0] != '\0') {
		src.take = c.from_take;
		src.offset = c.from_offset;
		src.len = c.from_len;
	}
	if ((pl = edit_placed_find(op)) != NULL)
		out = pl->render(s, t, &c, &ep, &outn);
	else {
		if ((in = edit_read(s, t, &src, 0, src.len)) == NULL)
			return -1;
		out = op->run(s, t, &ep, in, src.len, t->channels, &outn);
		free(in);
	}
	edit_progress_done(s);
	if (out == NULL)
		return -1;
	dir = xasprintf("%s/.reel", s->p->dir);
	if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
		free(dir);
		free(out);
		return session_fail(s, "cannot create %s/.reel", s->p->dir);
	}
	path = xasprintf("%s/preview.wav", dir);
	free(dir);
	unlink(path);
	w = wavfile_create(path, t->channels, s->p->rate, WAVFILE_FLOAT32, err,
	    sizeof err);
	if (w == NULL) {
		free(out);
		free(path);
		return session_fail(s, "%s", err);
	}
	rc = wavfile_write(w, out, (size_t)outn);
	free(out);
	if (wavfile_close(w, NULL) != 0 || rc != 0) {
		unlink(path);
		free(path);
		return session_fail(s, "cannot write the preview");
	}
	free(s->preview_path);
	s->preview_path = path;
	s->preview_pos = c.pos;
	s->preview_len = op->same_length ? c.len : outn;
	s->audition_track = (int)(t - s->p->tracks) + 1;
	s->audition_take = 0;
	s->pos = c.pos;
	cmd_text_time(s, c.pos, at, sizeof at);
	session_said(s, "preview %s of %s at %s", op->name, t->name, at);
	if (transport_play(s, s->preview_len) != 0) {
		s->audition_track = 0;
		session_update(s);
		return -1;
	}
	return transport_script_wait(s);
none:
	cmd_text_time(s, pos, at, sizeof at);
	return session_fail(s, "TIME: track %s has no clip at %s", t->name,
	    at);
}

static int
cmd_onsets_exec(struct session *s, const struct cmd_args *a)
{
	const char *sv = cmd_key(a, "sensitivity");
	struct track *t;
	double sens = 1.5;
	int64_t start, end, n, i, *on;
	float *buf, *mono;
	char at[64];
	int c, k, no;

	if ((t = cmd_track(s, a->argv[1])) == NULL ||
	    cmd_edit_range(s, a, &start, &end) != 0 ||
	    (sv != NULL && cmd_parse_double(s, "sensitivity", sv, 1, 20,
	    &sens) != 0))
		return -1;
	if (end == INT64_MAX) {
		end = 0;
		for (k = 0; t->clipped && k < t->nclips; k++)
			if (t->clips[k].pos + t->clips[k].len > end)
				end = t->clips[k].pos + t->clips[k].len;
		for (k = 0; !t->clipped && k < t->ncomp; k++)
			if (t->comp[k].end > end)
				end = t->comp[k].end;
	}
	if ((n = end - start) <= 0)
		return session_fail(s, "track %s plays nothing there",
		    t->name);
	if ((buf = edit_read(s, t, NULL, start, n)) == NULL)
		return -1;
	edit_progress_done(s);
	mono = xcalloc(n, sizeof *mono);
	for (i = 0; i < n; i++)
		for (c = 0; c < t->channels; c++)
			mono[i] += buf[i * t->channels + c] / t->channels;
	free(buf);
	no = dsp_onset_find(mono, n, s->p->rate, sens, &on);
	free(mono);
	if (no < 0)
		fatal("out of memory");
	for (k = 0; k < no; k++)
		on[k] += start;
	onsetmarks_set(&s->marks, t, on, no);
	for (k = 0; k < no; k++) {
		cmd_text_time(s, on[k], at, sizeof at);
		session_msg(s, MSG_OUT, "%s  %lld", at,
		    (long long)on[k]);
	}
	if (no == 0)
		session_msg(s, MSG_OUT, "no onsets on %s", t->name);
	free(on);
	return 0;
}

const struct cmd_entry cmd_onsets_entry = {
	"onsets", "TRACK [START END]",
	"list the note onsets of what TRACK plays (time and frame)", 1, 3,
	"sensitivity", 0, cmd_onsets_exec
};

const struct cmd_entry cmd_preview_entry = {
	"preview", "OPERATION TRACK TIME",
	"play what OPERATION (denoise, stretch, shift, quantize, tune) with "
	"its parameters would make of the clip at TIME, alone, without "
	"applying it", 3, 3,
	"amount,sensitivity,smoothing,attack,release,ratio,semitones,cents,"
	"formant,grid,strength,window,xfade,ref,key,scale,speed,humanize,note",
	0, cmd_preview_exec
};

const struct cmd_entry cmd_noise_learn_entry = {
	"noise-learn", "TRACK START END",
	"learn the noise profile of TRACK from what it plays over START..END",
	3, 3, NULL, 0, cmd_noise_learn_exec
};

const struct cmd_entry cmd_denoise_entry = {
	"denoise", "TRACK [START END]",
	"remove the learnt noise from TRACK's clips (in START..END) into new "
	"files", 1, 3, "amount,sensitivity,smoothing,attack,release",
	CMD_SAVE | CMD_UPDATE, cmd_denoise_exec
};

const struct cmd_entry cmd_strip_silence_entry = {
	"strip-silence", "TRACK",
	"split TRACK's clips and remove what stays below threshold= for min= "
	"seconds, keeping pad= ms", 1, 1, "threshold,min,pad",
	CMD_SAVE | CMD_UPDATE, cmd_strip_silence_exec
};

const struct cmd_entry cmd_stretch_entry = {
	"stretch", "TRACK TIME",
	"time-stretch the clip at TIME by ratio= (its length times R) into a "
	"new file", 2, 2, "ratio", CMD_SAVE | CMD_UPDATE, cmd_stretch_exec
};

const struct cmd_entry cmd_shift_entry = {
	"shift", "TRACK TIME",
	"pitch-shift the clip at TIME by semitones= and cents= (formant=on "
	"for voices) into a new file", 2, 2, "semitones,cents,formant",
	CMD_SAVE | CMD_UPDATE, cmd_shift_exec
};

const struct cmd_entry cmd_reprocess_entry = {
	"reprocess", "TRACK TIME",
	"run the operation of the clip at TIME again from its original with "
	"the given parameters changed", 2, 2,
	"amount,sensitivity,smoothing,attack,release,ratio,semitones,cents,"
	"formant,grid,strength,window,xfade,ref,key,scale,speed,humanize,note",
	CMD_SAVE | CMD_UPDATE, cmd_reprocess_exec
};
