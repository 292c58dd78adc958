/* cmd.h - the one command language.
 *
 * A command is `name arg... key=value...`; commands are separated by ';'
 * or newlines, '#' starts a comment, "double" and 'single' quotes and
 * backslashes work as in sh.  The same table serves `reel -c`, `reel -f`,
 * the TUI prompt and key bindings.  Every command checks all of its
 * arguments before it changes anything.
 */
#ifndef REEL_CMD_H
#define REEL_CMD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct session;

struct cmd_args {
	int argc;		/* positional, argv[0] is the command name */
	char **argv;
	int nkv;
	char **keys, **vals;
};

enum {
	CMD_SAVE = 1,		/* changes the project: save after success */
	CMD_UPDATE = 2		/* changes what the engine needs */
};

struct cmd_entry {
	const char *name;
	const char *usage;	/* arguments after the name */
	const char *help;	/* one line */
	int min, max;		/* positional arguments after the name */
	const char *keys;	/* allowed key=value keys, "a,b" */
	unsigned flags;
	int (*exec)(struct session *s, const struct cmd_args *a);
};

extern const struct cmd_entry *const cmd_table[];

const struct cmd_entry *cmd_find(const char *name);
/* Runs a text of commands, stopping at the first failure.  0 when all
 * succeeded, 1 when one failed (reported through the session). */
int cmd_run(struct session *s, const char *text);
/* Splits one command into words.  Returns the number of words, -1 with
 * err on unbalanced quotes.  *next is set after the command's ';' or
 * newline (or to the end). */
int cmd_split(const char *text, char ***words, const char **next,
    char *err, size_t errlen);
/* The same, and *opts (heap, one per word): whether the word is an option,
 * key=value with the key and '=' unquoted (as sh's NAME=value). */
int cmd_split_opts(const char *text, char ***words, bool **opts,
    const char **next, char *err, size_t errlen);
void cmd_free_words(char **words, int n);

/* For the commands: the value of key=, or NULL. */
const char *cmd_key(const struct cmd_args *a, const char *key);
/* Parses helpers that report "CMD: WHAT: expected ..., got 'x'". */
int cmd_parse_double(struct session *s, const char *what, const char *v,
    double min, double max, double *out);
int cmd_parse_time(struct session *s, const char *what, const char *v,
    int64_t *out);
int cmd_parse_duration(struct session *s, const char *what, const char *v,
    int64_t *out);
struct track *cmd_track(struct session *s, const char *name);

/* Words that could follow `prefix` at the prompt (commands, tracks,
 * keys).  Returns a heap array of heap strings; *n the count. */
char **cmd_complete(struct session *s, const char *line, int *n);

#endif
