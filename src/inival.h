/* inival.h - values in project.ini and album.ini.
 *
 * The system inih reads lines of at most 200 bytes and treats " ;" as the
 * start of a comment.  Text values are therefore escaped (\\ \n \; and \s
 * for a space at either end of a piece) and a long value is written as
 * continuation lines, which inih hands to the reader one by one.
 *
 * Also escaped: \r, \t, other control bytes as \xHH, '#' at the start of a
 * piece as \# (inih would take the line for a comment), and bytes 0x85 and
 * 0xA0 at either end of a piece as \xHH unless they end a UTF-8 character
 * (isspace() in Latin-1 locales).  Every line stays below 180 bytes and
 * pieces split neither an escape nor, where avoidable, a UTF-8 character.
 * Any string without NUL reads back exactly by concatenating the pieces.
 * Keys must stay below 50 bytes (inih's limit for continuation lines).
 */
#ifndef REEL_INIVAL_H
#define REEL_INIVAL_H

#include <stdio.h>

/* Writes "key = value" with escaping and continuation lines. */
void inival_write(FILE *f, const char *key, const char *value);
/* Unescapes one piece as inih delivered it and appends it to *acc (a heap
 * string, may be NULL at first). */
void inival_append(char **acc, const char *piece);

#endif
