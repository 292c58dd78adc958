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
    edit_shift_op;
extern const struct edit_op edit_tune_op;

static const struct edit_op *const edit_ops[] = {
	&edit_denoise_op, &edit_stretch_op, &edit_shift_op,
	&edit_tune_op, NULL
};

const struct edit_op *
edit_op_find(const char *name)
{
	int i;

	for (i = 0; edit_ops[i] != NULL; i++)
		if (strcmp(edit_ops[i]->name, name) == 0)
			return edit_ops[i];
	return NULL;
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

int
edit_progress(void *arg, double fraction)
{
	struct session *s = arg;

	if (session_signal != 0)
		return 1;
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
	free(path);
	return 0;
}

/* "name k=v k=v" of op and ep into buf. */
static void
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
	struct clip c = t->clips[i], src;
	float *in, *out;
	char *rel, text[sizeof c.op];
	int64_t outn;

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
