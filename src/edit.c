/* edit.c - offline operations: read a source, process, write a file,
 * point the clip at it. */
#include "edit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clip.h"
#include "session.h"
#include "stream.h"
#include "util.h"
#include "wavfile.h"

extern const struct edit_op edit_denoise_op, edit_stretch_op,
    edit_shift_op, edit_quantize_op, edit_tune_op;
extern const struct edit_placed edit_quantize_placed;

static const struct edit_op *const edit_ops[] = {
	&edit_denoise_op, &edit_stretch_op, &edit_shift_op, &edit_quantize_op,
	&edit_tune_op, NULL
};

static const struct edit_placed *const edit_placed_ops[] = {
	&edit_quantize_placed, NULL
};

const struct edit_placed *
edit_placed_find(const struct edit_op *op)
{
	int i;

	for (i = 0; edit_placed_ops[i] != NULL; i++)
		if (edit_placed_ops[i]->op == op)
			return edit_placed_ops[i];
	return NULL;
}

const struct edit_op *
edit_op_find(const char *name)
{
	int i;

	for (i = 0; edit_ops[i] != NULL; i++)
		if (strcmp(edit_ops[i]->name, name) == 0)
			return edit_ops[i];
	return NULL;
}

const struct edit_op *
edit_op_at(int i)
{
	int n;

	for (n = 0; edit_ops[n] != NULL; n++)
		;
	return i >= 0 && i < n ? edit_ops[i] : NULL;
}

/* The parameters as the editing form shows them: the defaults and
 * ranges their checks (edit_ops.c, cmd_edit.c) apply.  An operation
 * added later appears in the form with its command's keys; a row here
 * gives a key its default, range and nudge. */
static const struct edit_param edit_param_table[] = {
	{ "denoise", "amount", 12, 0, 100, 1, false, "dB", NULL },
	{ "denoise", "sensitivity", 6, -20, 40, 1, false, "dB", NULL },
	{ "denoise", "smoothing", 3, 0, 64, 1, true, "bands", NULL },
	{ "denoise", "attack", 5, 0, 1000, 1, false, "ms", NULL },
	{ "denoise", "release", 100, 0, 5000, 10, false, "ms", NULL },
	{ "strip-silence", "threshold", -50, -144, 0, 1, false, "dB", NULL },
	{ "strip-silence", "min", 0.25, 0.001, 3600, 0.05, false, "s", NULL },
	{ "strip-silence", "pad", 10, 0, 10000, 1, false, "ms", NULL },
	{ "stretch", "ratio", 1, 0.125, 8, 0.05, false, "", NULL },
	{ "shift", "semitones", 0, -24, 24, 1, false, "", NULL },
	{ "shift", "cents", 0, -100, 100, 5, false, "", NULL },
	{ "shift", "formant", 0, 0, 0, 0, false, "", "off|on" },
	/* window and ref have no default (none: every onset, the group's
	 * sum), so the form leaves them to be typed. */
	{ "quantize", "grid", 0, 0, 0, 0, false, "",
	    "1/16|1/8|1/4|1/2|1/1|1/32|1/16t|1/8t|1/4t|beat" },
	{ "quantize", "strength", 100, 0, 100, 5, false, "%", NULL },
	{ "quantize", "xfade", 3, 0.5, 10, 0.5, false, "ms", NULL },
	{ "quantize", "sensitivity", 1.5, 1, 20, 0.1, false, "", NULL },
	/* A forced note (note=) takes no key or scale: clear both. */
	{ "tune", "key", 0, 0, 0, 0, false, "",
	    "C|C#|D|Eb|E|F|F#|G|Ab|A|Bb|B" },
	{ "tune", "scale", 0, 0, 0, 0, false, "",
	    "major|minor|chromatic|dorian|phrygian|lydian|mixolydian|locrian|"
	    "harmonic-minor|melodic-minor|major-pentatonic|minor-pentatonic|"
	    "blues" },
	{ "tune", "strength", 1, 0, 1, 0.05, false, "", NULL },
	{ "tune", "speed", 20, 0, 2000, 5, false, "ms", NULL },
	{ "tune", "humanize", 0, 0, 2000, 5, false, "ms", NULL },
	{ NULL, NULL, 0, 0, 0, 0, false, NULL, NULL }
};

const struct edit_param *
edit_param_find(const char *op, const char *key)
{
	const struct edit_param *e;

	for (e = edit_param_table; e->op != NULL; e++)
		if (strcmp(e->op, op) == 0 && strcmp(e->key, key) == 0)
			return e;
	return NULL;
}

const struct edit_param *
edit_param_at(int i)
{
	int n = (int)(sizeof edit_param_table / sizeof edit_param_table[0]);

	return i >= 0 && i < n - 1 ? &edit_param_table[i] : NULL;
}

const char *
edit_params_get(const struct edit_params *ep, const char *key)
{
	int i;

	for (i = 0; i < ep->n; i++)
		if (strcmp(ep->key[i], key) == 0)
			return ep->val[i];
	return NULL;
}

int
edit_params_set(struct edit_params *ep, const char *key, const char *val)
{
	int i;

	if (strlen(key) >= sizeof ep->key[0] ||
	    strlen(val) >= sizeof ep->val[0])
		return -1;
	for (i = 0; i < ep->n; i++)
		if (strcmp(ep->key[i], key) == 0)
			break;
	if (i == EDIT_PARAMS_MAX)
		return -1;
	if (i == ep->n)
		ep->n++;
	snprintf(ep->key[i], sizeof ep->key[i], "%s", key);
	snprintf(ep->val[i], sizeof ep->val[i], "%s", val);
	return 0;
}

int
edit_params_num(struct session *s, struct edit_params *ep, const char *key,
    double def, double min, double max, const char *unit)
{
	const char *v = edit_params_get(ep, key);
	char buf[40], *end;
	double x = def;

	if (v != NULL) {
		x = strtod(v, &end);
		if (end == v || *end != '\0' || !(x >= min && x <= max))
			return session_fail(s, "%s: expected %s from %g to %g, "
			    "got '%s'", key, unit, min, max, v);
	}
	snprintf(buf, sizeof buf, "%.10g", x);
	edit_params_set(ep, key, buf);
	return 0;
}

int
edit_op_parse(struct session *s, const char *text, const struct edit_op **op,
    struct edit_params *ep)
{
	char buf[256], *w, *save = NULL;

	snprintf(buf, sizeof buf, "%s", text);
	memset(ep, 0, sizeof *ep);
	w = strtok_r(buf, " ", &save);
	if (w == NULL || (*op = edit_op_find(w)) == NULL)
		return session_fail(s, "the clip's op '%s' names no "
		    "operation", text);
	while ((w = strtok_r(NULL, " ", &save)) != NULL) {
		char *eq = strchr(w, '=');

		if (eq == NULL)
			return session_fail(s, "the clip's op '%s': expected "
			    "key=value, got '%s'", text, w);
		*eq = '\0';
		if (edit_params_set(ep, w, eq + 1) != 0)
			return session_fail(s, "the clip's op '%s' has too "
			    "many or too long parameters", text);
	}
	return 0;
}

static bool edit_cancel;	/* the front end asked to cancel */

bool
edit_cancelled(void)
{
	return edit_cancel;
}

int
edit_progress(void *arg, double fraction)
{
	struct session *s = arg;

	if (session_signal != 0)
		return 1;
	/* The interactive front end draws its own bar and may cancel. */
	if (s->progress_ui != NULL && s->progress_ui(s->ui_arg, fraction)) {
		edit_cancel = true;
		return 1;
	}
	if (s->progress && isatty(2)) {
		int i, w = (int)(fraction * 40 + 0.5);

		fprintf(stderr, "\r%s [", s->cmd_name ? s->cmd_name : "edit");
		for (i = 0; i < 40; i++)
			fputc(i < w ? '#' : ' ', stderr);
		fprintf(stderr, "] %3d%%", (int)(fraction * 100 + 0.5));
		fflush(stderr);
	}
	return 0;
}

void
edit_progress_done(struct session *s)
{
	if (s->progress && isatty(2))
		fprintf(stderr, "\r\033[K");
}

float *
edit_read(struct session *s, const struct track *t, const struct clip *c,
    int64_t start, int64_t n)
{
	struct track one = *t;
	struct clip src;
	struct run *run;
	struct pstream *ps;
	float *buf;
	int64_t got = 0;
	int ch = t->channels;

	if (c != NULL) {
		/* The clip alone at 0, plain: its source from c->offset. */
		src = clip_make(0, n, c->take, c->offset);
		src.shape_in = src.shape_out = 0;
		memcpy(src.file, c->file, sizeof src.file);
		one.clipped = true;
		one.clips = &src;
		one.nclips = 1;
		start = 0;
	}
	buf = calloc((size_t)(n > 0 ? n : 1) * ch, sizeof *buf);
	if (buf == NULL) {
		session_fail(s, "out of memory for %lld frames",
		    (long long)n);
		return NULL;
	}
	if (!clip_plays(&one))
		return buf;
	run = run_new(1);
	ps = run_add_play(run, 0, ch, STREAM_CHUNK * 4);
	clip_segments(s->p, &one, ps, 0, 0);
	run_seek(run, start);
	while (got < n) {
		size_t want = (size_t)(n - got) * ch * sizeof(float);

		stream_service(run, false);
		got += (int64_t)(ring_read(ps->ring, buf + got * ch, want) /
		    (ch * sizeof(float)));
		if ((got & 0xfffff) < STREAM_CHUNK * 4 &&
		    edit_progress(s, 0.1 * got / n) != 0) {
			run_free(run);
			free(buf);
			session_fail(s, "cancelled");
			return NULL;
		}
	}
	run_free(run);
	return buf;
}

/* What edit_write wrote since edit_written last ran (absolute paths). */
static char **edit_files;
static int edit_nfiles;

void
edit_written(bool keep)
{
	int i;

	for (i = 0; i < edit_nfiles; i++) {
		if (!keep)
			unlink(edit_files[i]);
		free(edit_files[i]);
	}
	free(edit_files);
	edit_files = NULL;
	edit_nfiles = 0;
	edit_cancel = false;
}

int
edit_write(struct session *s, const struct track *t, const char *op,
    const float *buf, int64_t n, char **rel)
{
	struct wavfile *w;
	char err[256], *part, *path = NULL;
	int k, rc;

	*rel = NULL;
	for (k = 1;; k++) {
		free(*rel);
		free(path);
		*rel = xasprintf("audio/%s.%s-%d.wav", t->name, op, k);
		path = project_path(s->p, *rel);
		if (access(path, F_OK) != 0)
			break;
	}
	if (project_path_ok(s->p, *rel, err, sizeof err) != 0 ||
	    strlen(*rel) >= sizeof ((struct clip *)0)->file) {
		free(path);
		free(*rel);
		*rel = NULL;
		return session_fail(s, "%s", err);
	}
	part = xasprintf("%s/audio/.%s.%s-%d.wav.part", s->p->dir, t->name,
	    op, k);
	unlink(part);
	w = wavfile_create(part, t->channels, s->p->rate, WAVFILE_FLOAT32,
	    err, sizeof err);
	if (w == NULL) {
		free(part);
		free(path);
		free(*rel);
		*rel = NULL;
		return session_fail(s, "%s", err);
	}
	rc = wavfile_write(w, buf, (size_t)n);
	if (wavfile_close(w, NULL) != 0 || rc != 0 ||
	    rename(part, path) != 0) {
		unlink(part);
		free(part);
		free(path);
		free(*rel);
		*rel = NULL;
		return session_fail(s, "cannot write %s/%s.%s-%d.wav",
		    s->p->dir, t->name, op, k);
	}
	free(part);
	edit_files = xrealloc(edit_files, (edit_nfiles + 1) *
	    sizeof *edit_files);
	edit_files[edit_nfiles++] = path;
	return 0;
}

void
edit_op_text(const struct edit_op *op, const struct edit_params *ep,
    char *buf, size_t size)
{
	size_t len;
	int i;

	snprintf(buf, size, "%s", op->name);
	for (i = 0; i < ep->n; i++) {
		len = strlen(buf);
		snprintf(buf + len, size - len, " %s=%s", ep->key[i],
		    ep->val[i]);
	}
}

int
edit_apply(struct session *s, struct track *t, int i,
    const struct edit_op *op, const struct edit_params *ep)
{
	const struct edit_placed *pl = edit_placed_find(op);
	struct clip c = t->clips[i], src;
	float *in, *out;
	char *rel, text[sizeof c.op];
	int64_t outn;

	if (pl != NULL)
		return pl->apply(s, t, i, ep);
	/* The original source of the clip's range. */
	src = clip_make(0, c.len, c.take, c.offset);
	if (c.file[0] != '\0') {
		src.take = c.from_take;
		src.offset = c.from_offset;
		src.len = c.from_len;
	}
	edit_op_text(op, ep, text, sizeof text);
	if (strlen(text) >= sizeof c.op - 1)
		return session_fail(s, "the parameters are too long");
	in = edit_read(s, t, &src, 0, src.len);
	if (in == NULL)
		return -1;
	out = op->run(s, t, ep, in, src.len, t->channels, &outn);
	free(in);
	edit_progress_done(s);
	if (out == NULL)
		return -1;
	if (edit_write(s, t, op->name, out, outn, &rel) != 0) {
		free(out);
		return -1;
	}
	free(out);
	if (c.file[0] == '\0') {
		c.from_take = src.take;
		c.from_offset = src.offset;
		c.from_len = src.len;
		c.offset = 0;
	}
	c.take = 0;
	snprintf(c.file, sizeof c.file, "%s", rel);
	snprintf(c.op, sizeof c.op, "%s", text);
	free(rel);
	if (!op->same_length || c.offset + c.len > outn) {
		/* The whole result: a stretch changes the length. */
		c.offset = 0;
		c.len = outn;
	}
	if (c.fade_in + c.fade_out > c.len)
		c.fade_in = c.fade_out = 0;
	t->clips[i] = c;
	return 0;
}
