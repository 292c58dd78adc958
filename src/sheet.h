/* sheet.h - the song sheet: chords and lyrics of the sections.
 *
 * Chords are written bar by bar, one symbol a bar ("Am F C G", or
 * "| Am | F | - | G |"); "-" holds the chord before, and bars past the
 * last symbol hold the last one.  Lyric lines share a section's bars
 * evenly (8 bars and 4 lines: 2 bars a line), so the prompter follows
 * the playhead line by line.
 */
#ifndef REEL_SHEET_H
#define REEL_SHEET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "project.h"

/* A lyric line: at most the text a command takes. */
#define SHEET_LINE_MAX 8200

/* Whether tok is a chord symbol: root A-G, '#' or 'b', a quality (m,
 * min, maj, M, dim, aug, sus, add, +, o, digits, alterations like b5 #9,
 * parentheses), an optional /BASS; or N.C. for no chord. */
bool sheet_chord_ok(const char *tok);
/* The chords text for a section of `bars` bars, normalized to one word a
 * bar separated by spaces (heap; NULL for an empty text).  -1 with err
 * ("'Hm' (bar 3) is not a chord symbol ...") when it is not. */
int sheet_chords_parse(const char *in, int bars, char **out, char *err,
    size_t errlen);
/* Lyrics as typed: lines separated by '/', a newline or "\n"; each
 * line trimmed (heap; NULL when no line has text). */
char *sheet_lyrics_parse(const char *in);
/* Checks a section's sheet as read from project.ini. */
int sheet_check(const struct section *sc, char *err, size_t errlen);
/* The chord written for (or held into) bar `b` of a section (from 0);
 * "" before any.  Points into buf. */
const char *sheet_chord_at(const struct section *sc, int b, char *buf,
    size_t size);
/* The number of lyric lines and line k (copied into buf, "" past the
 * end). */
int sheet_lines(const struct section *sc);
const char *sheet_line(const struct section *sc, int k, char *buf,
    size_t size);

/* Where the sheet is at frame f. */
struct sheet_pos {
	int section;		/* index, -1: outside every section */
	int bar;		/* bar in the section, from 0 */
	int line;		/* lyric line, -1: none */
	char chord[32];
	char cur[SHEET_LINE_MAX];	/* the current line */
	char next[SHEET_LINE_MAX];	/* the next one (may be the next
					   section's) */
};
void sheet_at(const struct project *p, int64_t f, struct sheet_pos *sp);
/* The plain-text sheet: every section with its bars, chords bar by bar
 * and lyrics. */
void sheet_write(const struct project *p, FILE *f);

#endif
