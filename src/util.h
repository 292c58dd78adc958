/* util.h - allocation that never returns NULL, small string helpers. */
#ifndef REEL_UTIL_H
#define REEL_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
void *xreallocarray(void *p, size_t n, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Broken invariant: restore the terminal (through the hook), print, abort. */
void fatal(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
/* Called by fatal() before it prints, e.g. to end curses mode. */
extern void (*fatal_hook)(void);

/* snprintf into a fixed buffer, always terminated. */
void strlcpy_(char *dst, const char *src, size_t size);

/* Text bound for a terminal (stdout, stderr, the screen), made harmless:
 * control characters -- C0, DEL, and C1 both as UTF-8 (U+0080..U+009F)
 * and as lone bytes -- become \n, \r, \t or \xHH, so that a track name,
 * a take note or a file name cannot move the cursor, set the title or
 * send any other escape sequence.  Everything else, UTF-8 included, is
 * kept.  Writes at most size - 1 bytes and terminates; an escape is never
 * cut in half. */
void util_escape(char *dst, size_t size, const char *src);

/* fopen(path, "r") of a regular file only: a device such as /dev/zero
 * would give an endless line, a FIFO would block.  NULL with errno set
 * (EINVAL for what is not a regular file) and *why (when not NULL) the
 * reason in words. */
FILE *util_fopen_regular(const char *path, const char **why);

#endif
