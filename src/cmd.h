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
	CMD_UPDATE = 2,		/* changes what the engine needs */
	CMD_SHOW1 = 4,		/* with at most one argument it only shows
				   (chords SECTION, lyrics): fine read-only */
	CMD_NOSONG = 8,		/* runs without a song project (an album
				   session); others say they need one */
	CMD_ALBUM = 16		/* changes the album: an undo step of
				   album.ini and a save after success */
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

/* cmd_plugin.c: says which plugin inserts are placeholders for plugins
 * not installed here (at open, and in info); how many. */
struct session;
int cmd_plugin_missing(struct session *s, int kind);

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
/* start= and end= of a render (stems too): the whole song by default, end
 * after start.  0, or -1 with the error said. */
int cmd_parse_span(struct session *s, const struct cmd_args *a,
    int64_t *start, int64_t *end);
int cmd_parse_duration(struct session *s, const char *what, const char *v,
    int64_t *out);
struct track *cmd_track(struct session *s, const char *name);
/* 0, or -1 after "track T is frozen; unfreeze it first" when t (or a
 * track of its take group) is frozen: its inserts, takes, clips and comp
 * are locked (cmd_freeze.c). */
int cmd_unfrozen(struct session *s, const struct track *t);
/* cmd_track, and a frozen track refused (cmd_unfrozen): for edits. */
struct track *cmd_track_edit(struct session *s, const char *name);
/* 0, or -1 after a message when any track is frozen (section edits move
 * every track's clips). */
int cmd_none_frozen(struct session *s);

/* cmd_text.c: what the commands say about a change.  The command as
 * one line of words, key=value options last (heap): undo's description
 * of a step the command does not name itself. */
char *cmd_text_words(const struct cmd_args *a);
/* "+1.0 dB", "-0.25 dB" (as many decimals as the value needs, up to 2). */
void cmd_text_db(double db, char *buf, size_t size);
/* "center", "left 0.30", "right 1.00". */
void cmd_text_pan(double pan, char *buf, size_t size);
/* A position: m:ss.fff, with the bar and beat when there is a tempo
 * ("1:23.450 (bar 3|2)"); cmd_text_range: "0:30.000 to 0:45.000". */
void cmd_text_time(struct session *s, int64_t frames, char *buf,
    size_t size);
void cmd_text_range(struct session *s, int64_t start, int64_t end,
    char *buf, size_t size);
/* gain and pan (and their nudges) say "vox gain -3.0 dB" and move in
 * bursts (cmd_track.c). */
void cmd_gain_said(struct session *s, const char *name, double from,
    double to);
void cmd_pan_said(struct session *s, const char *name, double from,
    double to);

/* cmd_clip.c: nudge TRACK TIME AMOUNT (nudge's clip form); a fade shape
 * by name (0, or -1 reported). */
int cmd_clip_nudge(struct session *s, const struct cmd_args *a);
int cmd_clip_shape(struct session *s, const char *v, int *shape);

/* cmd_section.c: the next (dir > 0) or previous marker or section start
 * from frame `from`, or -1. */
int64_t cmd_section_seek(struct session *s, int64_t from, int dir,
    bool markers);

/* locate and seek say "at 1:23.450" (cmd_transport.c). */
void cmd_locate_said(struct session *s);

/* cmd_album.c: the album listing's lines (album-list, the Album
 * screen): the header, song i's row (title column titlew wide), and the
 * total length with the loudness spread after gain. */
struct album;
void cmd_album_header(char *buf, size_t len, int titlew);
int cmd_album_row(const struct album *a, int i, char *buf, size_t len,
    int titlew);
void cmd_album_summary(const struct album *a, char *buf, size_t len);
/* Measures the album's songs (all, or those not measured yet) in
 * parallel.  0, or -1 (each failure reported). */
int cmd_album_measure_all(struct session *s, bool all);

/* cmd_edit.c: START END (argv[2], argv[3]) when given, else 0 and
 * INT64_MAX; START without END is refused.  0 or -1 (reported). */
int cmd_edit_range(struct session *s, const struct cmd_args *a,
    int64_t *start, int64_t *end);

/* cmd_tune.c: the listing of `pitch TRACK [START END]` (also what
 * pitch-view shows without a screen); the detected pitch of what t
 * plays over [start, start + n) into *fr (malloc): the frames, or -1
 * (reported). */
struct dsp_pitch_frame;
int cmd_pitch_list(struct session *s, const struct cmd_args *a);
int cmd_pitch_detect(struct session *s, const struct track *t,
    int64_t start, int64_t n, struct dsp_pitch_frame **fr);

/* Words that could follow `prefix` at the prompt (commands, tracks,
 * keys).  Returns a heap array of heap strings; *n the count. */
char **cmd_complete(struct session *s, const char *line, int *n);

#endif
