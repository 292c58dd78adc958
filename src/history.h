/* history.h - the undo and redo steps of a project, in memory and in the
 * project directory (.reel/undo/), so that undo outlives the session.
 *
 * A step is the whole project.ini text from before a change (an undo
 * step) or from after it (a redo step), with a line that says what the
 * change was ("gain vox -2.0 dB -> +1.0 dB").  Each step is a file of its
 * own (u-ID.step, r-ID.step), written to a temp file and renamed into
 * place.  project.ini stays the truth: on loading, a step that would
 * change nothing is dropped, and unreadable steps are dropped with one
 * warning.  The history never touches audio files.
 */
#ifndef REEL_HISTORY_H
#define REEL_HISTORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct project;

#define HISTORY_DIR ".reel/undo"
/* Steps kept on each stack, and all steps' texts together at most. */
#define HISTORY_MAX_STEPS 200
#define HISTORY_MAX_BYTES (64u << 20)

struct history_step {
	uint64_t id;		/* its file's name; grows, never reused */
	char *text;		/* project.ini text */
	char *desc;		/* what the change was */
	char *param;		/* a burst's parameter ("gain vox"), or NULL */
	char *from;		/* the parameter's value before the burst */
	int64_t when_ms;	/* last change merged in; 0 when loaded */
	bool saved;		/* its file says what this says */
};

struct history {
	struct history_step *undo, *redo;	/* oldest first */
	int nundo, nredo;
	uint64_t next_id;
};

/* Reads dir's history (a zeroed history is empty and valid).  Steps on
 * top that equal `p` are dropped; damaged ones (not whole: their header
 * or length is wrong) are dropped and counted in *bad.  A step's project
 * text is read as a project only when it is undone (a long history would
 * otherwise cost every start a parse per step): see history_drop.  Never
 * fails: a missing history is an empty one. */
void history_load(struct history *h, const struct project *p, int *bad);
void history_free(struct history *h);

/* A new undo step (text taken over); the redo steps go. */
void history_push(struct history *h, char *text, const char *desc,
    const char *param, const char *from, int64_t now_ms);
/* Merges a further move of `param` to `to` into the newest undo step, when
 * that step is a burst of the same parameter changed less than window_ms
 * ago and nothing was undone since.  True when merged. */
bool history_merge(struct history *h, const char *param, const char *to,
    int64_t now_ms, int64_t window_ms);
/* The newest step of the undo (or redo) stack, NULL when there is none. */
const struct history_step *history_top(const struct history *h, bool redo);
/* Moves the newest step of the undo (or redo) stack to the other one,
 * where its text becomes `current` (taken over): undoing a change makes
 * the state before it current, and the state it replaced a redo step. */
void history_move(struct history *h, bool redo, char *current);
/* Drops the newest step of the undo (or redo) stack: one whose text is
 * not a project (its file goes at the next prune). */
void history_drop(struct history *h, bool redo);

/* Writes the files of steps not saved yet.  0, or -1 with err. */
int history_write(struct history *h, const char *dir, char *err,
    size_t errlen);
/* Removes the files of steps no longer kept (and stale temp files). */
void history_prune(const struct history *h, const char *dir);

#endif
