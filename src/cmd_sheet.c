/* cmd_sheet.c - the song sheet: chords, lyrics, sheet-export; and
 * arrangement-export (argrid.c).
 *
 * Chords and lyrics belong to a section (they move, copy and go with
 * it); `lyrics` with no argument reads the sheet at the playhead, for
 * --plain and scripts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "argrid.h"
#include "atomicfile.h"
#include "cmd.h"
#include "session.h"
#include "sheet.h"
#include "util.h"

#define SHEET_TEXT_MAX (SHEET_LINE_MAX - 8)

static struct section *
cmd_sheet_section(struct session *s, const char *name)
{
	int i;

	for (i = 0; i < s->p->nsections; i++)
		if (strcmp(s->p->sections[i].name, name) == 0)
			return &s->p->sections[i];
	session_fail(s, "SECTION: no section named '%s' (see sections)",
	    name);
	return NULL;
}

/* argv[from..] joined by spaces (heap), or NULL when too long. */
static char *
cmd_sheet_words(struct session *s, const struct cmd_args *a, int from)
{
	size_t len = 1;
	char *text;
	int i;

	for (i = from; i < a->argc; i++)
		len += strlen(a->argv[i]) + 1;
	if (len > SHEET_TEXT_MAX) {
		session_fail(s, "TEXT: at most %d characters", SHEET_TEXT_MAX);
		return NULL;
	}
	text = xcalloc(1, len);
	for (i = from; i < a->argc; i++) {
		if (i > from)
			strcat(text, " ");
		strcat(text, a->argv[i]);
	}
	return text;
}

static int
cmd_chords_exec(struct session *s, const struct cmd_args *a)
{
	struct section *sc = cmd_sheet_section(s, a->argv[1]);
	char err[256], *text, *norm;

	if (sc == NULL)
		return -1;
	if (a->argc == 2) {
		session_msg(s, MSG_OUT, "%s: %s", sc->name, sc->chords != NULL ?
		    sc->chords : "no chords");
		return 0;
	}
	if ((text = cmd_sheet_words(s, a, 2)) == NULL)
		return -1;
	if (sheet_chords_parse(text, sc->bars, &norm, err, sizeof err) != 0) {
		free(text);
		return session_fail(s, "CHORDS: %s", err);
	}
	free(text);
	free(sc->chords);
	sc->chords = norm;
	session_step(s, "chords %s", sc->name);
	if (norm == NULL)
		session_said(s, "%s chords cleared", sc->name);
	else
		session_said(s, "%s chords: %.200s", sc->name, norm);
	return 0;
}

const struct cmd_entry cmd_chords_entry = {
	"chords", "SECTION [CHORDS]",
	"a section's chords bar by bar (\"Am F - G\", '|' or spaces between "
	"bars, '-' holds; \"\" clears); without CHORDS: show them", 1, 64,
	NULL, CMD_SAVE | CMD_SHOW1, cmd_chords_exec
};

/* What the prompter shows, as one line. */
static void
cmd_lyrics_here(struct session *s)
{
	struct sheet_pos sp;
	char at[64];

	sheet_at(s->p, s->pos, &sp);
	cmd_text_time(s, s->pos, at, sizeof at);
	if (sp.section < 0) {
		session_msg(s, MSG_OUT, "at %s: no section%s%s", at,
		    sp.next[0] != '\0' ? "; next: " : "", sp.next);
		return;
	}
	session_msg(s, MSG_OUT, "at %s: %s bar %d of %d, chord %s: %s%s%s", at,
	    s->p->sections[sp.section].name, sp.bar + 1,
	    s->p->sections[sp.section].bars,
	    sp.chord[0] != '\0' ? sp.chord : "none",
	    sp.line >= 0 ? sp.cur : "(no lyrics)",
	    sp.next[0] != '\0' ? " / next: " : "", sp.next);
}

static int
cmd_lyrics_exec(struct session *s, const struct cmd_args *a)
{
	struct section *sc;
	char *text;
	int n;

	if (a->argc == 1) {
		cmd_lyrics_here(s);
		return 0;
	}
	if ((sc = cmd_sheet_section(s, a->argv[1])) == NULL)
		return -1;
	if (a->argc == 2) {
		char buf[SHEET_LINE_MAX];
		int k;

		if ((n = sheet_lines(sc)) == 0)
			session_msg(s, MSG_OUT, "%s: no lyrics", sc->name);
		for (k = 0; k < n; k++)
			session_msg(s, MSG_OUT, "%s", sheet_line(sc, k, buf,
			    sizeof buf));
		return 0;
	}
	if ((text = cmd_sheet_words(s, a, 2)) == NULL)
		return -1;
	free(sc->lyrics);
	sc->lyrics = sheet_lyrics_parse(text);
	free(text);
	n = sheet_lines(sc);
	session_step(s, "lyrics %s", sc->name);
	if (n == 0)
		session_said(s, "%s lyrics cleared", sc->name);
	else
		session_said(s, "%s lyrics: %d line%s", sc->name, n,
		    n == 1 ? "" : "s");
	return 0;
}

const struct cmd_entry cmd_lyrics_entry = {
	"lyrics", "[SECTION [TEXT]]",
	"a section's lyrics (lines separated by '/' or \\n; \"\" clears); "
	"SECTION alone shows them, no argument: section, chord and line at "
	"the playhead", 0, 64, NULL, CMD_SAVE | CMD_SHOW1, cmd_lyrics_exec
};

static int
cmd_sheet_export_exec(struct session *s, const struct cmd_args *a)
{
	struct atomicfile *af;
	char err[256];

	if ((af = atomicfile_open(a->argv[1], err, sizeof err)) == NULL)
		return session_fail(s, "FILE: %s", err);
	sheet_write(s->p, atomicfile_stream(af));
	if (atomicfile_commit(af, err, sizeof err) != 0)
		return session_fail(s, "FILE: %s", err);
	session_msg(s, MSG_OUT, "wrote the song sheet (%d section%s) to %s",
	    s->p->nsections, s->p->nsections == 1 ? "" : "s", a->argv[1]);
	return 0;
}

const struct cmd_entry cmd_sheet_export_entry = {
	"sheet-export", "FILE",
	"write the song sheet as plain text: sections with their bars, "
	"chords bar by bar, lyrics", 1, 1, NULL, 0, cmd_sheet_export_exec
};

static int
cmd_arrangement_export_exec(struct session *s, const struct cmd_args *a)
{
	struct atomicfile *af;
	char err[256];

	if ((af = atomicfile_open(a->argv[1], err, sizeof err)) == NULL)
		return session_fail(s, "FILE: %s", err);
	argrid_write(s->p, atomicfile_stream(af));
	if (atomicfile_commit(af, err, sizeof err) != 0)
		return session_fail(s, "FILE: %s", err);
	session_msg(s, MSG_OUT, "wrote the arrangement (%d track%s x %d "
	    "section%s) to %s", s->p->ntracks, s->p->ntracks == 1 ? "" : "s",
	    s->p->nsections, s->p->nsections == 1 ? "" : "s", a->argv[1]);
	return 0;
}

const struct cmd_entry cmd_arrangement_export_entry = {
	"arrangement-export", "FILE",
	"write the arrangement grid as a text table: tracks x sections with "
	"the part of each section a track covers, roles, elements, lead", 1,
	1, NULL, 0, cmd_arrangement_export_exec
};
