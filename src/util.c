/* util.c - allocation wrappers and fatal(). */
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void (*fatal_hook)(void);

void
fatal(const char *fmt, ...)
{
	va_list ap;

	if (fatal_hook != NULL)
		fatal_hook();
	fputs("reel: fatal: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		fatal("out of memory (%zu bytes)", n);
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		fatal("out of memory (%zu x %zu bytes)", n, size);
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (p == NULL)
		fatal("out of memory (%zu bytes)", n);
	return p;
}

void *
xreallocarray(void *p, size_t n, size_t size)
{
	if (size != 0 && n > (size_t)-1 / size)
		fatal("allocation overflow (%zu x %zu)", n, size);
	return xrealloc(p, n * size);
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	size_t len = strnlen(s, n);
	char *p = xmalloc(len + 1);

	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	if (vasprintf(&p, fmt, ap) < 0)
		fatal("out of memory (asprintf)");
	va_end(ap);
	return p;
}

void
strlcpy_(char *dst, const char *src, size_t size)
{
	if (size == 0)
		return;
	snprintf(dst, size, "%s", src);
}

/* Length of the valid UTF-8 sequence at s (2..4), or 0. */
static size_t
util_utf8_len(const unsigned char *s)
{
	size_t n, i;
	unsigned long cp;

	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2, cp = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3, cp = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4, cp = s[0] & 0x07;
	else
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	/* Overlong forms, surrogates and code points past U+10FFFF. */
	if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return 0;
	return n;
}

void
util_escape(char *dst, size_t size, const char *src)
{
	const unsigned char *s = (const unsigned char *)src;
	size_t len = 0, n;
	char esc[8];

	if (size == 0)
		return;
	while (*s != '\0') {
		n = util_utf8_len(s);
		if (n == 2 && s[0] == 0xc2 && s[1] < 0xa0) {
			/* U+0080..U+009F: the C1 controls (CSI, OSC...). */
			snprintf(esc, sizeof esc, "\\u%04x", s[1]);
		} else if (n > 0) {
			if (len + n >= size)
				break;
			memcpy(dst + len, s, n);
			len += n;
			s += n;
			continue;
		} else if (*s == '\n')
			snprintf(esc, sizeof esc, "\\n");
		else if (*s == '\r')
			snprintf(esc, sizeof esc, "\\r");
		else if (*s == '\t')
			snprintf(esc, sizeof esc, "\\t");
		else if (*s < 0x20 || (*s >= 0x7f && *s < 0xa0))
			snprintf(esc, sizeof esc, "\\x%02x", *s);
		else {
			/* Printable ASCII, or a byte of Latin-1 text. */
			if (len + 1 >= size)
				break;
			dst[len++] = (char)*s++;
			continue;
		}
		if (len + strlen(esc) >= size)
			break;
		memcpy(dst + len, esc, strlen(esc));
		len += strlen(esc);
		s += n > 0 ? n : 1;
	}
	dst[len] = '\0';
}

FILE *
util_fopen_regular(const char *path, const char **why)
{
	struct stat st;
	FILE *f;
	int fd, e;

	/* O_NONBLOCK: opening a FIFO must not wait for a writer. */
	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		goto fail;
	if (fstat(fd, &st) != 0)
		goto fail_fd;
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		errno = EINVAL;
		if (why != NULL)
			*why = S_ISDIR(st.st_mode) ? "is a directory" :
			    "not a regular file";
		return NULL;
	}
	if (fcntl(fd, F_SETFL, 0) != 0 || (f = fdopen(fd, "r")) == NULL)
		goto fail_fd;
	return f;
fail_fd:
	e = errno;
	close(fd);
	errno = e;
fail:
	if (why != NULL)
		*why = strerror(errno);
	return NULL;
}
