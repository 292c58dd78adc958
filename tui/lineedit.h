/* lineedit.h - the prompt's line: editing, history, completion.
 *
 * Shared by the TUI's ':' prompt and the plain session's prompt; it only
 * edits a buffer, the front ends draw it.  Text is UTF-8; the cursor moves
 * by characters.
 */
#ifndef REEL_LINEEDIT_H
#define REEL_LINEEDIT_H

#include <stdbool.h>
#include <stddef.h>

struct session;

enum lineedit_op {
	LINEEDIT_LEFT, LINEEDIT_RIGHT, LINEEDIT_HOME, LINEEDIT_END,
	LINEEDIT_WORD_LEFT, LINEEDIT_WORD_RIGHT,
	LINEEDIT_BACKSPACE, LINEEDIT_DELETE,
	LINEEDIT_KILL_END, LINEEDIT_KILL_START, LINEEDIT_KILL_WORD,
	LINEEDIT_HIST_PREV, LINEEDIT_HIST_NEXT
};

#define LINEEDIT_HISTORY 500

struct lineedit {
	char *buf;
	size_t len, cap, pos;	/* bytes */
	char **hist;		/* oldest first */
	int nhist, hpos;	/* hpos == nhist: the line being written */
	char *stash;		/* that line, while browsing history */
};

void lineedit_init(struct lineedit *le);
void lineedit_free(struct lineedit *le);
/* Replaces the text; the cursor goes to its end. */
void lineedit_set(struct lineedit *le, const char *text);
void lineedit_insert(struct lineedit *le, const char *s, size_t n);
/* true when the text or the cursor changed. */
bool lineedit_op(struct lineedit *le, enum lineedit_op op);
/* Characters before the cursor (for placing the terminal's cursor). */
size_t lineedit_cursor_col(const struct lineedit *le);

/* Adds a line to the history (not blank ones, not the same twice in a
 * row) and resets browsing. */
void lineedit_history_add(struct lineedit *le, const char *line);
/* $XDG_STATE_HOME/reel/history or ~/.local/state/reel/history */
void lineedit_history_path(char *buf, size_t size);
void lineedit_history_load(struct lineedit *le, const char *path);
/* Appends the line to the file (creating its directory). */
void lineedit_history_append(const char *path, const char *line);

/* Completes the word before the cursor through cmd_complete: inserts the
 * matches' common prefix (and a blank after a single match).  Returns the
 * number of matches; when there are several, *matches gets them (free
 * each and the array), else NULL. */
int lineedit_complete(struct lineedit *le, struct session *s,
    char ***matches);
void lineedit_free_matches(char **m, int n);

#endif
