/* iniread.h - inih with line numbers.
 *
 * Debian's inih is built without INI_HANDLER_LINENO, so the handler cannot
 * know its line.  We feed inih through a reader that counts lines; the
 * handler reads iniread_line() to name the line in its errors.
 */
#ifndef REEL_INIREAD_H
#define REEL_INIREAD_H

#include <stdio.h>

typedef int (*iniread_handler)(void *user, const char *section,
    const char *name, const char *value);

/* Parses an open stream.  Returns 0, or the first line inih could not
 * parse (syntax, or a handler that returned 0). */
int iniread_stream(FILE *f, iniread_handler h, void *user);
/* Line of the handler call in progress. */
int iniread_line(void);

#endif
