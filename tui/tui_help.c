/* tui_help.c - the help screen, generated from the live keymap and the
 * command table, and the message log. */
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "session.h"
#include "tui_priv.h"
#include "util.h"

static void
tui_help_add(struct tui *t, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
tui_help_add(struct tui *t, const char *fmt, ...)
{
	va_list ap;
	char buf[1024];

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	t->help = xreallocarray(t->help, t->nhelp + 1, sizeof *t->help);
	t->help[t->nhelp++] = xstrdup(buf);
}

void
tui_help_free(struct tui *t)
{
	int i;

	for (i = 0; i < t->nhelp; i++)
		free(t->help[i]);
	free(t->help);
	t->help = NULL;
	t->nhelp = 0;
}

/* Adds text wrapped to the screen's width; continuation lines are
 * indented by `indent` columns (UTF-8 counted by characters). */
static void
tui_help_wrap(struct tui *t, int indent, const char *text)
{
	int w = COLS > 20 ? COLS : 80, cols, brk, i, n;
	char line[1024];
	const char *p = text;
	bool first = true;

	do {
		int lead = first ? 0 : indent;

		/* The longest prefix that fits, cut at the last space. */
		cols = lead;
		brk = -1;
		for (i = 0; p[i] != '\0' && cols < w; i++) {
			if (((unsigned char)p[i] & 0xc0) != 0x80)
				cols++;
			if (p[i] == ' ')
				brk = i;
		}
		while (((unsigned char)p[i] & 0xc0) == 0x80)
			i++;
		n = p[i] == '\0' ? i : brk > 0 ? brk : i;
		snprintf(line, sizeof line, "%*s%.*s", lead, "", n, p);
		tui_help_add(t, "%s", line);
		p += n;
		while (*p == ' ')
			p++;
		first = false;
	} while (*p != '\0');
}

/* What a binding does, in words.  A table of the common commands; any
 * other binding is told by its command's own help line. */
static const struct {
	const char *text, *words;
} tui_help_phrases[] = {
	{ "play-toggle", "play from the playhead, or stop" },
	{ "record", "record on the armed tracks" },
	{ "stop", "stop (takes are kept)" },
	{ "toggle arm %t", "arm or disarm the selected track" },
	{ "toggle mute %t", "mute or unmute the selected track" },
	{ "toggle solo %t", "solo or unsolo the selected track" },
	{ "undo", "undo the last change" },
	{ "redo", "redo what was undone" },
	{ "screen arrange", "the Arrange screen" },
	{ "screen takes", "the Takes screen (comping)" },
	{ "screen mix", "the Mix screen" },
	{ "screen master", "the Master screen (chain, loudness)" },
	{ "listen flat", "listen: the mix as it is" },
	{ "listen mono", "listen: mono" },
	{ "listen phone", "listen: a phone speaker" },
	{ "listen earbuds", "listen: earbuds" },
	{ "listen laptop", "listen: laptop speakers" },
	{ "listen car", "listen: a car" },
	{ "loudness-reset", "measure the live loudness from now" },
	{ "ab-reference", "switch between the mix and the reference" },
	{ "master-target streaming", "master to -14 LUFS, -1 dBTP" },
	{ "screen log", "the Log: every message in full" },
	{ "screen revisions", "the Revisions screen: requests, versions" },
	{ "request-next", "playhead to the next open request" },
	{ "request-prev", "playhead to the open request before" },
	{ "ab-toggle", "switch between the A/B mixes (ab A B arms)" },
	{ ":request %p ", "a request at the playhead (asks its text)" },
	{ ":request-done ", "mark a request done (asks its number)" },
	{ ":request-reopen ", "open a request again (asks its number)" },
	{ ":version-save ", "save the mix as a version (asks a name)" },
	{ ":version-load ", "load a mix version (asks its number)" },
	{ ":requests-export ", "export the requests (asks a file)" },
	{ "screen help", "this help" },
	{ "screen next", "the next screen" },
	{ "screen prev", "the screen before" },
	{ "screen back", "back to where you were" },
	{ "quit", "quit (asks while recording)" },
	{ ":", "the command prompt" },
	{ "seek start", "playhead to the start" },
	{ "seek end", "playhead to the end" },
	{ "seek -beat", "playhead back a beat (1 s without a tempo)" },
	{ "seek +beat", "playhead forward a beat (1 s without a tempo)" },
	{ "seek -bar", "playhead back a bar (10 s without a tempo)" },
	{ "seek +bar", "playhead forward a bar (10 s without a tempo)" },
	{ "select next", "the next track" },
	{ "select prev", "the track before" },
	{ "select first", "the first track" },
	{ "select last", "the last track (take)" },
	{ "select next-take", "the next take" },
	{ "select prev-take", "the take before" },
	{ ":track-add ", "add a track (asks its name)" },
	{ ":track-rename %t ", "rename the selected track" },
	{ ":track-input %t ", "set the selected track's inputs" },
	{ "track-remove %t", "remove the selected track" },
	{ ":track-remove %t", "remove the selected track (asks)" },
	{ ":locate ", "move the playhead to a time you type" },
	{ "redraw", "redraw the screen" },
	{ "zoom in", "zoom in" },
	{ "zoom out", "zoom out" },
	{ "zoom fit", "fit the song (the takes) to the screen" },
	{ "cursor left", "cursor back a beat" },
	{ "cursor right", "cursor forward a beat" },
	{ "cursor bar-left", "cursor back a bar" },
	{ "cursor bar-right", "cursor forward a bar" },
	{ "cursor start", "cursor to the start" },
	{ "cursor end", "cursor to the end of the takes" },
	{ "mark", "start a selection at the cursor" },
	{ "mark bar", "select the bar at the cursor" },
	{ "mark clear", "clear the selection" },
	{ "pick %k", "the selected take over the selection (or all)" },
	{ ":pick ", "a take by its number over the selection" },
	{ "cycle", "the next take at the cursor, in its range only" },
	{ "locate %s; audition %t %k", "hear the selected take alone" },
	{ "locate %s; play", "play the comp from the selection" },
	{ "take %t %k", "make the selected take the whole comp" },
	{ "nudge rating %t %k 1", "rate the selected take a star up" },
	{ "nudge rating %t %k -1", "rate the selected take a star down" },
	{ "gain %t 0", "fader to 0 dB" },
	{ "pan %t 0", "pan to the centre" },
	{ "scroll down", "down a line" },
	{ "scroll up", "up a line" },
	{ "scroll pgdn", "down a page" },
	{ "scroll pgup", "up a page" },
	{ "scroll top", "to the top" },
	{ "scroll bottom", "to the end" },
	{ "scroll left", "strips to the left" },
	{ "scroll right", "strips to the right" },
};

/* The keys people reach for first, in this order. */
static const char *const tui_help_first[] = {
	"play-toggle", "record", "stop", "toggle arm %t", "undo", "redo",
	"screen arrange", "screen takes", "screen mix", "screen log",
	"screen help", "quit", ":"
};

static void
tui_help_words(const char *text, char *buf, size_t size)
{
	const struct cmd_entry *ce;
	char name[64];
	double v;
	size_t i;

	/* The prompt bindings end in a blank the keymap file trims. */
	for (i = 0; i < sizeof tui_help_phrases / sizeof tui_help_phrases[0];
	    i++)
		if (strncmp(text, tui_help_phrases[i].text, strlen(text)) == 0 &&
		    strspn(tui_help_phrases[i].text + strlen(text), " ") ==
		    strlen(tui_help_phrases[i].text + strlen(text))) {
			snprintf(buf, size, "%s", tui_help_phrases[i].words);
			return;
		}
	/* Fader and pan nudges by their amount. */
	if (sscanf(text, "nudge gain %%t %lf", &v) == 1 ||
	    sscanf(text, "nudge gain master %lf", &v) == 1) {
		snprintf(buf, size, "%sfader %s %g dB", strstr(text, "master") ?
		    "master " : "", v < 0 ? "down" : "up", fabs(v));
		return;
	}
	if (sscanf(text, "nudge pan %%t %lf", &v) == 1) {
		snprintf(buf, size, "pan %s by %g", v < 0 ? "left" : "right",
		    fabs(v));
		return;
	}
	snprintf(name, sizeof name, "%s", text[0] == ':' ? text + 1 : text);
	name[strcspn(name, " ;")] = '\0';
	ce = cmd_find(name);
	snprintf(buf, size, "%s%s", ce != NULL ? ce->help : text,
	    text[0] == ':' ? " (asks)" : "");
}

#define TUI_HELP_KEYW 10		/* the keys column */
#define TUI_HELP_WORDW 38		/* what they do */

/* One key line: the keys, what they do in words (wrapped in its column),
 * the command line it runs. */
static void
tui_help_line_add(struct tui *t, const char *keys, const char *text)
{
	char words[256], line[768];
	const char *p;
	int n, brk, i, row = 0;

	tui_help_words(text, words, sizeof words);
	p = words;
	do {
		/* Cut at the last space that fits (ASCII phrases). */
		n = (int)strlen(p);
		if (n > TUI_HELP_WORDW) {
			brk = -1;
			for (i = 0; i <= TUI_HELP_WORDW; i++)
				if (p[i] == ' ')
					brk = i;
			n = brk > 0 ? brk : TUI_HELP_WORDW;
		}
		snprintf(line, sizeof line, "  %-*s %-*.*s %s", TUI_HELP_KEYW,
		    row == 0 ? keys : "", TUI_HELP_WORDW, n, p, row == 0 ?
		    text : "");
		/* Trailing blanks of a continuation row go. */
		n += (int)(p - words);
		for (i = (int)strlen(line); i > 0 && line[i - 1] == ' '; i--)
			line[i - 1] = '\0';
		tui_help_add(t, "%s", line);
		p = words + n;
		while (*p == ' ')
			p++;
		row++;
	} while (*p != '\0');
}

/* Whether key is listed under "Most used" for screen section sec. */
static bool
tui_help_is_first(const struct tui *t, int sec, int key, const char *text)
{
	size_t i;

	if (sec < 0)
		return false;
	for (i = 0; i < sizeof tui_help_first / sizeof tui_help_first[0];
	    i++)
		if (strcmp(text, tui_help_first[i]) == 0)
			return keymap_lookup(&t->km, sec, key) == text;
	return false;
}

/* The keys of one section, those with the same command on one line, in
 * the order the keymap lists them; skip: the "Most used" ones. */
static void
tui_help_section(struct tui *t, int sec, int from, const char *title)
{
	struct keymap_binding *b = t->km.b[sec];
	int i, j, n = t->km.n[sec], shown = 0;
	bool *done;
	char keys[128], name[32];
	size_t len;

	if (n == 0)
		return;
	done = xcalloc(n, sizeof *done);
	for (i = 0; i < n; i++) {
		if (done[i] || tui_help_is_first(t, from, b[i].key, b[i].text))
			continue;
		keys[0] = '\0';
		len = 0;
		for (j = i; j < n; j++) {
			if (done[j] || strcmp(b[j].text, b[i].text) != 0)
				continue;
			done[j] = true;
			keymap_key_label(b[j].key, name, sizeof name);
			if (len + strlen(name) + 2 < sizeof keys)
				len += snprintf(keys + len, sizeof keys - len,
				    "%s%s", len ? " " : "", name);
		}
		if (shown++ == 0)
			tui_help_add(t, "%s", title);
		tui_help_line_add(t, keys, b[i].text);
	}
	if (shown > 0)
		tui_help_add(t, "%s", "");
	free(done);
}

/* The most used keys as they work on screen section sec. */
static void
tui_help_first_keys(struct tui *t, int sec)
{
	static const int secs[2] = { 0, KEYMAP_GLOBAL };
	char keys[128], name[32];
	const char *text;
	size_t i, len;
	int j, k, si;

	tui_help_add(t, "%s", "Most used:");
	for (i = 0; i < sizeof tui_help_first / sizeof tui_help_first[0];
	    i++) {
		keys[0] = '\0';
		len = 0;
		text = NULL;
		for (si = 0; si < 2; si++) {
			k = si == 0 ? sec : secs[si];
			for (j = 0; j < t->km.n[k]; j++) {
				const struct keymap_binding *b =
				    &t->km.b[k][j];

				if (strcmp(b->text, tui_help_first[i]) != 0 ||
				    keymap_lookup(&t->km, sec, b->key) !=
				    b->text)
					continue;
				text = b->text;
				keymap_key_label(b->key, name, sizeof name);
				if (len + strlen(name) + 2 < sizeof keys)
					len += snprintf(keys + len,
					    sizeof keys - len, "%s%s",
					    len ? " " : "", name);
			}
		}
		if (text != NULL)
			tui_help_line_add(t, keys, text);
	}
	tui_help_add(t, "%s", "");
}

void
tui_help_build(struct tui *t)
{
	static const int sec[] = { KEYMAP_ARRANGE, KEYMAP_TAKES, KEYMAP_MIX,
	    KEYMAP_HELP, KEYMAP_LOG, KEYMAP_STRIP, KEYMAP_REVISIONS,
	    KEYMAP_MASTER, KEYMAP_ALBUM };
	static const char *const names[] = { "Arrange", "Takes", "Mix",
	    "Help", "Log", "Strip", "Revisions", "Master", "Album" };
	int from = t->back, i;
	char title[512];

	tui_help_free(t);
	snprintf(title, sizeof title, "Keys on the %s screen (keymap '%s'). "
	    " q or esc goes back; the last column is the command a key "
	    "runs (%%t the selected track, %%k the selected take, %%c the "
	    "cursor, %%s..%%e the selection, %%a the selected song, %%S %%n "
	    "%%p the edited strip, insert, parameter).", names[from],
	    t->s->cfg.keymap[0] ? t->s->cfg.keymap : "default");
	tui_help_wrap(t, 0, title);
	tui_help_add(t, "%s", "");
	tui_help_first_keys(t, sec[from]);
	snprintf(title, sizeof title, "On the %s screen:", names[from]);
	tui_help_section(t, sec[from], sec[from], title);
	tui_help_section(t, KEYMAP_GLOBAL, sec[from], "On every screen:");
	for (i = 0; i < (int)(sizeof sec / sizeof sec[0]); i++) {
		if (i == from)
			continue;
		snprintf(title, sizeof title, "On the %s screen:", names[i]);
		tui_help_section(t, sec[i], -1, title);
	}
	tui_help_section(t, KEYMAP_FORM, -1, "In the editing form:");
	tui_help_wrap(t, 2, "Prompt: tab completes (twice lists the "
	    "choices), up/down recall, C-a C-e C-k C-u C-w edit, esc "
	    "cancels.");
	tui_help_add(t, "%s", "");
	tui_help_wrap(t, 0, "Commands (type : then one; 'help NAME' shows its "
	    "usage):");
	for (i = 0; cmd_table[i] != NULL; i++) {
		snprintf(title, sizeof title, "  %-15s %s", cmd_table[i]->name,
		    cmd_table[i]->help);
		tui_help_wrap(t, 18, title);
	}
}

/* Rows a log line takes wrapped to the width. */
static int
tui_log_rows_of(const char *l)
{
	int rows = 0, n;

	do {
		n = tui_wrap(l, rows ? COLS - 2 : COLS);
		l += n;
		while (*l == ' ')
			l++;
		rows++;
	} while (*l != '\0' && n > 0);
	return rows;
}

int
tui_log_row_of(struct tui *t, int line)
{
	int i, row = 0;

	for (i = 0; i < line && i < t->nlog; i++)
		row += tui_log_rows_of(tui_log_line(t, i));
	return row;
}

int
tui_text_lines(struct tui *t)
{
	int n = t->screen == TUI_HELP ? t->nhelp : tui_log_row_of(t, t->nlog);
	int max = n - tui_body_rows();

	return max > 0 ? max : 0;
}

static const char *tui_help_line(struct tui *t, int i);

/*
 * find on Help and Log: the next line after the one found last (or after
 * the top line shown) that holds the text, in any case, round past the
 * end; the screen scrolls to it and the cursor sits on it, so a screen
 * reader reads it first.  On Log a line is a message.
 */
int
tui_text_find(struct tui *t, const char *text)
{
	struct session *s = t->s;
	bool help = t->screen == TUI_HELP;
	int n = help ? t->nhelp : t->nlog, from, k, i = 0;

	if (t->screen != TUI_HELP && t->screen != TUI_LOG)
		return session_fail(s, "only on the Help and Log screens");
	if (text != NULL)
		strlcpy_(t->find, text, sizeof t->find);
	if (t->find[0] == '\0')
		return session_fail(s, "nothing to find yet: find TEXT");
	if (t->found >= 0 && t->found < n)
		from = t->found + 1;
	else if (help)
		from = t->scroll;
	else
		for (from = 0; from < n &&
		    tui_log_row_of(t, from + 1) <= t->scroll; from++)
			;
	for (k = 0; k < n; k++) {
		i = (from + k) % n;
		if (strcasestr(help ? tui_help_line(t, i) : tui_log_line(t, i),
		    t->find) != NULL)
			break;
	}
	if (k == n)
		return session_fail(s, "no line %s has '%s'", help ?
		    "of the help" : "in the log", t->find);
	session_msg(s, MSG_NOTE, "'%s': line %d of %d%s", t->find, i + 1, n,
	    i == t->found ? ", the only one" : k > 0 && i < from ?
	    " (from the top again)" : "");
	t->found = i;
	t->scroll = help ? i : tui_log_row_of(t, i);
	t->dirty |= TUI_D_BODY;
	return 0;
}

static void
tui_text_draw(struct tui *t, int n, const char *(*line)(struct tui *, int))
{
	int rows = tui_body_rows(), y;

	if (t->scroll > tui_text_lines(t))
		t->scroll = tui_text_lines(t);
	if (t->scroll < 0)
		t->scroll = 0;
	for (y = 0; y < rows; y++) {
		const char *l = t->scroll + y < n ? line(t, t->scroll + y) :
		    "";

		tui_put(t, 1 + y, 0, COLS, strncmp(l, "error: ", 7) == 0 ?
		    TUI_E_ERROR : l[0] != ' ' && l[0] != '\0' &&
		    t->screen == TUI_HELP ? TUI_E_TAB : TUI_E_NORMAL, "%s", l);
	}
	/* On the line find found, when it is shown. */
	t->cy = t->found >= t->scroll && t->found < t->scroll + rows ?
	    1 + t->found - t->scroll : 1;
	t->cx = 0;
}

static const char *
tui_help_line(struct tui *t, int i)
{
	return t->help[i];
}

void
tui_help_draw(struct tui *t)
{
	tui_text_draw(t, t->nhelp, tui_help_line);
}

/* The log wrapped to the width (continuations indented), scrolled by
 * rows, so that every message can be read in full. */
void
tui_log_draw(struct tui *t)
{
	int rows = tui_body_rows(), y = 0, skip, i, r, n;
	const char *l;
	enum tui_elem e;

	if (t->scroll > tui_text_lines(t))
		t->scroll = tui_text_lines(t);
	if (t->scroll < 0)
		t->scroll = 0;
	skip = t->scroll;
	for (i = 0; i < t->nlog && y < rows; i++) {
		l = tui_log_line(t, i);
		e = strncmp(l, "error: ", 7) == 0 ? TUI_E_ERROR : TUI_E_NORMAL;
		r = 0;
		do {
			n = tui_wrap(l, r ? COLS - 2 : COLS);
			if (skip > 0)
				skip--;
			else if (y < rows)
				tui_put(t, 1 + y++, 0, COLS, e, "%*s%.*s",
				    r ? 2 : 0, "", n, l);
			l += n;
			while (*l == ' ')
				l++;
			r++;
		} while (*l != '\0' && n > 0);
	}
	for (; y < rows; y++)
		tui_put(t, 1 + y, 0, COLS, TUI_E_NORMAL, "%s", "");
	/* On the message find found, when it is shown. */
	r = t->found >= 0 && t->found < t->nlog ?
	    tui_log_row_of(t, t->found) - t->scroll : -1;
	t->cy = r >= 0 && r < rows ? 1 + r : 1;
	t->cx = 0;
	if (t->nlog == 0)
		tui_put(t, 1, 0, COLS, TUI_E_DIM, " no messages yet");
}
