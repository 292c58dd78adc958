/* iniread.h - inih with line numbers, and whole lines or none.
 *
 * Debian's inih is built without INI_HANDLER_LINENO, so the handler cannot
 * know its line.  We feed inih through a reader that counts lines; the
 * handler reads iniread_line() to name the line in its errors.
 *
 * inih reads lines of at most 198 bytes (INI_MAX_LINE 200, with the
 * newline and the terminator) and would read the rest of a longer line as
 * a line of its own: the tail of a long comment would become a setting.
 * The reader refuses such a line instead, and a NUL byte (inih would drop
 * the rest of the line); the parse stops there.  Long values are written
 * as continuation lines (inival.h), which this limit never meets.
 */
#ifndef REEL_INIREAD_H
#define REEL_INIREAD_H

#include <stdio.h>

typedef int (*iniread_handler)(void *user, const char *section,
    const char *name, const char *value);

/* Parses an open stream.  Returns 0, or the first line inih could not
 * parse (syntax, a handler that returned 0, or a line the reader
 * refused: iniread_fault() then says why). */
int iniread_stream(FILE *f, iniread_handler h, void *user);
/* Line of the handler call in progress. */
int iniread_line(void);
/* Why the reader refused a line in the last iniread_stream(), as
 * "line too long (at most 198 bytes)", or NULL. */
const char *iniread_fault(void);

#endif
