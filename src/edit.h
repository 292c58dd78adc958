/* edit.h - non-destructive offline operations on clips.
 *
 * An operation (denoise, stretch, shift) reads a clip's source audio,
 * runs a dsp_* function over it and writes the result as a new WAV in
 * audio/ (a temp name renamed into place, so a cancelled or failed run
 * leaves no file).  The clip then plays that file and keeps the
 * operation's text and its original source (struct clip: file, op,
 * from_*), so that `reprocess` runs it again from the original and undo
 * (the project text before) returns to it; the file stays.
 */
#ifndef REEL_EDIT_H
#define REEL_EDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "project.h"

struct session;

/* Parameters "key=value ..." of one operation. */
#define EDIT_PARAMS_MAX 8
struct edit_params {
	int n;
	char key[EDIT_PARAMS_MAX][24];
	char val[EDIT_PARAMS_MAX][40];
};

struct edit_op {
	const char *name;
	const char *keys;	/* allowed keys, "a,b" */
	bool same_length;	/* output frames == input frames */
	/* Checks the parameters (reporting, -1) and fills defaults. */
	int (*check)(struct session *s, const struct track *t,
	    struct edit_params *ep);
	/* in: n frames of ch channels.  The result (malloc) and its frames,
	 * or NULL (reported; cancelled counts as failed). */
	float *(*run)(struct session *s, const struct track *t,
	    const struct edit_params *ep, const float *in, int64_t n, int ch,
	    int64_t *outn);
};

const struct edit_op *edit_op_find(const char *name);

/* An operation that needs its clip in place (quantize: the tempo grid
 * and the take group) applies and previews itself: edit_apply hands it
 * the clip (apply, same contract as edit_apply) and preview asks it for
 * clip c's result (render: malloc, *outn frames; NULL reported). */
struct edit_placed {
	const struct edit_op *op;
	int (*apply)(struct session *s, struct track *t, int i,
	    const struct edit_params *ep);
	float *(*render)(struct session *s, const struct track *t,
	    const struct clip *c, const struct edit_params *ep,
	    int64_t *outn);
};
const struct edit_placed *edit_placed_find(const struct edit_op *op);
/* "name k=v k=v" of op and ep into buf, as a clip keeps it. */
void edit_op_text(const struct edit_op *op, const struct edit_params *ep,
    char *buf, size_t size);
/* "name k=v k=v" to an operation and parameters.  -1 (reported). */
int edit_op_parse(struct session *s, const char *text,
    const struct edit_op **op, struct edit_params *ep);
/* Sets (or adds) key=val.  -1 when full. */
int edit_params_set(struct edit_params *ep, const char *key,
    const char *val);
/* Checks key in [min, max] (def when absent; "expected UNIT from MIN to
 * MAX" otherwise) and writes it back in its canonical form.  0 or -1. */
int edit_params_num(struct session *s, struct edit_params *ep,
    const char *key, double def, double min, double max, const char *unit);
const char *edit_params_get(const struct edit_params *ep, const char *key);

/* What track t plays over [start, start + n) (its clips, or its comp),
 * or with `c` only that clip's source (no gain, no fades), from the
 * source frame c->offset on.  Interleaved t->channels, malloc; NULL
 * (reported) when cancelled or out of memory. */
float *edit_read(struct session *s, const struct track *t,
    const struct clip *c, int64_t start, int64_t n);
/* Writes buf as a new file audio/TRACK.OP-K.wav; *rel (malloc) gets its
 * project-relative name.  0, or -1 (reported; nothing left behind). */
int edit_write(struct session *s, const struct track *t, const char *op,
    const float *buf, int64_t n, char **rel);
/* The files edit_write wrote since the last call: removed unless keep
 * (a command that failed or was cancelled half way leaves none behind;
 * cmd_edit.c calls it as it saves and restores a clip list). */
void edit_written(bool keep);
/* Applies operation `op` with `ep` to clip i of t (a clip that is an
 * edit's result runs again from its original source).  0 or -1
 * (reported; the clip unchanged). */
int edit_apply(struct session *s, struct track *t, int i,
    const struct edit_op *op, const struct edit_params *ep);
/* Progress of a long operation (a bar on a terminal); non-zero when a
 * signal asks to cancel. */
int edit_progress(void *session, double fraction);
void edit_progress_done(struct session *s);
/* Whether the front end's progress display asked to cancel the running
 * operation (no signal: the message says "cancelled", not a failure). */
bool edit_cancelled(void);

/* The operations, in order (NULL after the last). */
const struct edit_op *edit_op_at(int i);

/* What an editing form shows of a parameter of an operation's command
 * (the command's own key=value keys name the fields; this table gives
 * them a default, a range and a step).  A parameter without a row is a
 * field typed by hand, left out of the command while empty. */
struct edit_param {
	const char *op, *key;
	double def, min, max;
	double step;		/* one nudge */
	bool integer;		/* whole numbers only */
	const char *unit;	/* "dB", "ms", "" */
	const char *choices;	/* "off|on": one of these, not a number */
};

/* The row of op's key, NULL when none. */
const struct edit_param *edit_param_find(const char *op, const char *key);
/* The i-th row (NULL after the last): the form also offers the
 * commands named here that are no edit_op (strip-silence). */
const struct edit_param *edit_param_at(int i);

/* edit_ops.c: the noise profile of a track (audio/TRACK.noise). */
char *edit_noise_path(struct session *s, const struct track *t);
int edit_noise_save(struct session *s, const struct track *t,
    const double *prof, int frames);

#endif
