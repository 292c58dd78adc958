/* util.h - allocation that never returns NULL, small string helpers. */
#ifndef REEL_UTIL_H
#define REEL_UTIL_H

#include <stdarg.h>
#include <stddef.h>

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

#endif
