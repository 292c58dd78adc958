/* tui_priv.h - what the full-screen interface's files share. */
#ifndef REEL_TUI_PRIV_H
#define REEL_TUI_PRIV_H

#include <stdbool.h>
#include <stdint.h>

#include <curses.h>

#include "keymap.h"
#include "lineedit.h"
#include "mixer.h"
#include "overview.h"

struct session;
struct cmd_args;
struct tui_form;

enum tui_screen { TUI_ARRANGE, TUI_TAKES, TUI_MIX, TUI_HELP, TUI_LOG,
    TUI_STRIP, TUI_REVISIONS, TUI_MASTER, TUI_ALBUM, TUI_NSCREENS };

/* What needs drawing. */
enum {
	TUI_D_HEADER = 1, TUI_D_BODY = 2, TUI_D_STATUS = 4, TUI_D_MSG = 8,
	TUI_D_METERS = 16, TUI_D_ALL = 31
};

/* Named screen elements: a colour pair and a monochrome attribute each. */
enum tui_elem {
	TUI_E_NORMAL, TUI_E_STATUS, TUI_E_CLIP, TUI_E_REC, TUI_E_ARMED,
	TUI_E_METER_LO, TUI_E_METER_MID, TUI_E_METER_HI, TUI_E_ERROR,
	TUI_E_SELECTED, TUI_E_DIM, TUI_E_TITLE, TUI_E_TAB, TUI_NELEMS
};

#define TUI_LOG_MAX 500
#define TUI_NAMEW 14		/* the name column of arrange and takes */

struct tui_meter {
	float level;		/* dB shown, falls slowly */
	float hold;		/* dB, held for a while */
	float max;		/* dB, the loudest of this pass */
	int64_t hold_ms;
	bool clip;		/* latched until the transport starts again */
};

struct tui_glyphs {
	const char *wave[9];	/* silence to full scale */
	const char *bar;	/* meter cell */
	const char *hold;	/* peak hold mark */
	const char *fader;	/* fader track */
	const char *knob;
	const char *playhead;	/* on the ruler */
	const char *cursor;	/* playhead over an empty lane */
	const char *vline;	/* strip separator */
	const char *armed, *off;
};

struct tui {
	struct session *s;
	struct keymap km;
	struct lineedit le;
	bool prompting;
	char hist_path[1024];
	char **matches;		/* completions shown above the prompt */
	int nmatches;

	enum tui_screen screen, back;
	int sel;		/* selected track, -1 none */
	int sel_take;		/* take id on the takes screen */
	int top;		/* first track row shown (arrange, takes) */
	int strip0;		/* first strip shown (mix) */
	int scroll;		/* help and log: first line shown */
	char find[128];		/* help and log: what find looks for */
	int found;		/* the line it found last, -1: none */
	int64_t view0;		/* arrange: first frame shown */
	double fpc;		/* arrange: frames per column */
	int64_t cur;		/* takes: the cursor, a frame */
	int64_t mark;		/* takes: the selection's other end, -1 none */
	bool grid_view;		/* arrange: tracks x sections instead of lanes */
	int64_t rin, rout;	/* arrange: the time selection's in and out
				   (either order), -1 unset (tui_range.c) */
	struct tui_form *form;	/* the editing form, NULL closed */
	long sheet_at;		/* where the prompter showed the sheet last */
	int phx;		/* last playhead column drawn */
	bool lanes;		/* arrange: automation rows under tracks */
	/* takes: the range `cycle` works on, kept while the cursor stays
	 * in it so that a neighbour of the same take is not drawn in */
	int cyc_track;		/* track index + 1, 0 none */
	int cyc_take;		/* the take cycle put there last */
	int64_t cyc_start, cyc_end;

	char *log[TUI_LOG_MAX];
	int nlog, log0;		/* ring */
	bool log_done;		/* its last line confirms a change */
	char msg[512];
	bool msg_more;		/* the message has more than its first line */
	bool msg_logged;	/* and the Log has it all */
	enum tui_elem msg_elem;
	int out_lines;		/* MSG_OUT lines of the running command */

	struct tui_meter meter[MIXER_MAX_TRACKS], master[2];
	/* An armed track's input, shown instead of what it plays while the
	 * transport stands or records; reset whenever it is not armed. */
	struct tui_meter input[MIXER_MAX_TRACKS];
	int64_t meter_ms;
	/* Per meter slot (mixer.h): RMS (dB, falls like the level), gain
	 * reduction (dB <= 0, the latest reading), bus meters; the master's
	 * correlation. */
	float rms[MIXER_SLOTS], gr[MIXER_SLOTS];
	struct tui_meter bus[MIXER_MAX_BUSES];
	float corr;

	/* The strip editor: whose inserts, which insert (from 0), which
	 * parameter, the first parameter row shown. */
	char strip[64];
	int slot, param, ptop;
	/* The Album screen: the selected song (from 0), the first shown. */
	int asel, atop;

	bool color, ascii;
	struct tui_glyphs g;
	attr_t attr[TUI_NELEMS];
	bool too_small;
	bool ask_quit, quit;
	unsigned dirty;
	int last_state;
	int cy, cx;		/* where the cursor goes (the focus) */

	struct overview_cache ov;
	char **help;		/* help screen lines */
	int nhelp;
	struct tui_pitch *pitch;	/* the pitch view, NULL closed */
};

/* tui.c */
int64_t tui_now_ms(void);
void tui_put(struct tui *t, int y, int x, int w, enum tui_elem e,
    const char *fmt, ...) __attribute__((format(printf, 6, 7)));
const char *tui_log_line(const struct tui *t, int i);
/* The next character of UTF-8 text p into c (up to 5 bytes with the NUL;
 * a control character becomes '?'); false at the end. */
bool tui_text_char(const char **p, char *c);
/* Bytes of p that make its next row of at most width columns, cut at a
 * blank where one is (the caller skips the blanks after it). */
int tui_wrap(const char *p, int width);
int tui_body_rows(void);

/* tui_sheet.c: whether any section has chords or lyrics (then the
 * prompter row shows); the prompter at row y; the arrangement grid over
 * rows [y, y1); lyrics-edit SECTION in $EDITOR. */
bool tui_sheet_shown(const struct project *p);
void tui_prompter(struct tui *t, int y);
/* Whether the prompter has moved on (to another bar or line). */
bool tui_sheet_moved(struct tui *t);
void tui_grid_draw(struct tui *t, int y, int y1);
int tui_lyrics_edit(struct tui *t, const char *section);

/* tui_arrange.c: the arrangement */
void tui_arrange_draw(struct tui *t);
int tui_arrange_playhead_col(struct tui *t);
/* Time labels (m:ss at a round step for the zoom) into a ruler line of w
 * columns; a label never overwrites the one before it. */
void tui_ruler_seconds(struct tui *t, char *line, int w);
void tui_ruler_label(char *line, int w, int x, const char *label);
/* The time ruler on row y: bars with a tempo, else time; the loop in
 * [ ], a punch being recorded in { }, the playhead. */
void tui_ruler(struct tui *t, int y);
/* The comp of tr over w columns: per column the take playing over its
 * middle (0: none) and the character its bar shows: the take's number
 * where a range starts ('|' first where it meets another), else fill. */
/* Frame f as a TIME argument that reads back to the same frame. */
void tui_takes_arg(const struct tui *t, int64_t f, char *buf, size_t size);
void tui_comp_cells(struct tui *t, const struct track *tr, int w, int *take,
    char *ch, char fill);
void tui_arrange_follow(struct tui *t);
void tui_arrange_zoom(struct tui *t, const char *how);

/* tui_takes.c: the takes screen and its commands */
void tui_takes_draw(struct tui *t);
/* tui_auto.c: the first automation lane of a track in row y. */
void tui_auto_lane(struct tui *t, int y, struct track *tr, int phx);

/* cursor, mark, pick, cycle */
int tui_takes_command(struct tui *t, const struct cmd_args *a);
/* %c (cursor), %s and %e (the selection, else the cursor) of a binding */
bool tui_takes_placeholder(struct tui *t, char c, char *buf, size_t size);
char *tui_takes_comp_text(struct tui *t);
void tui_takes_fit(struct tui *t);

/* tui_range.c: the Arrangement's time selection.  Its [start, end);
 * false when there is none. */
bool tui_range_get(const struct tui *t, int64_t *start, int64_t *end);
/* "0:02.000 to 0:04.000 (bar 2|1 to 3|1), 2.000 s", or "none". */
void tui_range_text(const struct tui *t, char *buf, size_t size);
/* range in|out|clip|section|clear|START END */
int tui_range_command(struct tui *t, const struct cmd_args *a);
/* %i %o (start, end), %C (start, else the playhead): 1 expanded, 0 not
 * one of these, -1 nothing selected (reported). */
int tui_range_placeholder(struct tui *t, char c, char *buf, size_t size);
/* The clip (or the comp's run of ranges) of tr under pos: [*start,
 * *end); false when nothing plays there. */
bool tui_range_clip(const struct track *tr, int64_t pos, int64_t *start,
    int64_t *end);
/* Its columns [*x0, *x1] of w on the arrangement; false when none. */
bool tui_range_cols(const struct tui *t, int w, int *x0, int *x1);

/* tui_form.c: the editing form over the selection. */
int tui_form_command(struct tui *t, const struct cmd_args *a);
void tui_form_draw(struct tui *t);
/* The rows it takes at the bottom of the body. */
int tui_form_rows(const struct tui *t);
/* %F: the selected field's key */
bool tui_form_placeholder(struct tui *t, char c, char *buf, size_t size);
/* The display of a long operation (session progress_ui, set for each
 * command line the interface runs): non-zero cancels. */
void tui_progress_begin(struct tui *t);
int tui_progress(void *arg, double fraction);

/* tui_album.c: the Album screen; select on it; %a (the selected song's
 * number); the selection after a command that moved or added a song. */
void tui_album_draw(struct tui *t);
int tui_album_select(struct tui *t, const char *v);
bool tui_album_placeholder(struct tui *t, char c, char *buf, size_t size);
void tui_album_follow(struct tui *t, const char *line);

/* tui_master.c */
void tui_master_draw(struct tui *t);

/* tui_mix.c */
void tui_mix_draw(struct tui *t, bool meters_only);
void tui_mix_take_peaks(struct tui *t);

/* tui_strip.c: the strip editor */
void tui_strip_draw(struct tui *t, bool meters_only);
/* strip-edit STRIP [SLOT]; select next-param|prev-param|next-insert|
 * prev-insert */
int tui_strip_command(struct tui *t, const struct cmd_args *a);
/* %m (the strip), %n (the insert's slot), %P (the parameter) */
bool tui_strip_placeholder(struct tui *t, char c, char *buf, size_t size);
/* The edited strip's inserts; after a command line, an insert fx-add
 * appended there becomes the selected one (it is what one edits next). */
int tui_strip_count(struct tui *t);
void tui_strip_follow(struct tui *t, const char *line, int before);
/* The inserts of a strip name (a track, a bus, "master"), NULL when it
 * is none of these. */
struct inserts *tui_strip_inserts(struct tui *t, const char *name);
/* tui_revisions.c: requests, versions, A/B; the requests' marks on a
 * time ruler line of w columns ('!' open, '+' done) */
void tui_revisions_draw(struct tui *t);
void tui_revisions_marks(struct tui *t, char *line, int w);

/* tui_pitch.c: the pitch view over Arrangement and Takes: pitch-view
 * [TRACK [START END]] key= scale= opens it (again: closes); drawn in
 * place of the screen's body while open. */
int tui_pitch_command(struct tui *t, const struct cmd_args *a);
void tui_pitch_draw(struct tui *t);
void tui_pitch_close(struct tui *t);

/* tui_help.c: help and log */
void tui_help_build(struct tui *t);
void tui_help_free(struct tui *t);
void tui_help_draw(struct tui *t);
void tui_log_draw(struct tui *t);
int tui_text_lines(struct tui *t);
/* find [TEXT] on Help or Log (tui_help.c). */
int tui_text_find(struct tui *t, const char *text);
/* The log's first row (wrapped) of log line `line`. */
int tui_log_row_of(struct tui *t, int line);

#endif
