/* inival.c - escaping and continuation lines for values inih reads back. */
#include "inival.h"

#include <string.h>

#include "util.h"

/* Lines stay well below inih's 200 bytes (which count "\n" and NUL). */
#define INIVAL_LINE_MAX		179
#define INIVAL_PIECE_MIN	16

static int
inival_is_cont(unsigned char c)
{
	return (c & 0xc0) == 0x80;
}

/* Whether s[i], a UTF-8 continuation byte, ends a well-formed sequence that
 * starts at or after `from`. */
static int
inival_utf8_ends(const unsigned char *s, size_t from, size_t i)
{
	size_t lead = i, len;

	while (lead > from && i - lead < 3 && inival_is_cont(s[lead]))
		lead--;
	if (inival_is_cont(s[lead]))
		return 0;
	if ((s[lead] & 0xe0) == 0xc0)
		len = 2;
	else if ((s[lead] & 0xf0) == 0xe0)
		len = 3;
	else if ((s[lead] & 0xf8) == 0xf0)
		len = 4;
	else
		return 0;
	return lead + len - 1 == i;
}

/* Whether inih could strip s[i] as white space at the edge of a line: isspace()
 * in the C locale, and NEL and NBSP in a Latin-1 one unless they are plainly
 * part of a UTF-8 character. */
static int
inival_strippable(const unsigned char *s, size_t start, size_t i)
{
	if (s[i] == ' ')
		return 1;
	if (s[i] != 0x85 && s[i] != 0xa0)
		return 0;
	return !inival_utf8_ends(s, start, i);
}

/* The escaped form of s[i] inside the piece s[start..end). */
static size_t
inival_escape(const unsigned char *s, size_t start, size_t end, size_t i,
    char out[5])
{
	static const char hex[] = "0123456789ABCDEF";
	int edge = (i == start || i + 1 == end);
	unsigned char c = s[i];

	switch (c) {
	case '\\':
		return (size_t)snprintf(out, 5, "\\\\");
	case '\n':
		return (size_t)snprintf(out, 5, "\\n");
	case '\r':
		return (size_t)snprintf(out, 5, "\\r");
	case '\t':
		return (size_t)snprintf(out, 5, "\\t");
	case ';':
		return (size_t)snprintf(out, 5, "\\;");
	case '#':
		if (i == start)
			return (size_t)snprintf(out, 5, "\\#");
		break;
	case ' ':
		if (edge)
			return (size_t)snprintf(out, 5, "\\s");
		break;
	}
	if (c < 0x20 || c == 0x7f || (edge && inival_strippable(s, start, i))) {
		out[0] = '\\';
		out[1] = 'x';
		out[2] = hex[c >> 4];
		out[3] = hex[c & 15];
		out[4] = '\0';
		return 4;
	}
	out[0] = (char)c;
	out[1] = '\0';
	return 1;
}

static void
inival_put_piece(FILE *f, const unsigned char *s, size_t start, size_t end)
{
	char tmp[5];
	size_t i;

	for (i = start; i < end; i++) {
		inival_escape(s, start, end, i, tmp);
		fputs(tmp, f);
	}
}

/* End of the longest piece from `start` whose escaped form fits `budget`,
 * preferring not to cut a UTF-8 character in two. */
static size_t
inival_piece_end(const unsigned char *s, size_t len, size_t start,
    size_t budget)
{
	char tmp[5];
	size_t end = start, used = 0, last, back;

	/* `used` counts s[start..end) in their forms when more follows; only
	 * the byte that would end the piece takes its edge form. */
	while (end < len) {
		last = inival_escape(s, start, end + 1, end, tmp);
		if (end > start && used + last > budget)
			break;
		used += inival_escape(s, start, end + 2, end, tmp);
		end++;
	}
	if (end == len)
		return end;
	for (back = end; back > start + 1 && end - back < 3; back--) {
		if (!inival_is_cont(s[back]))
			break;
	}
	if (!inival_is_cont(s[back]))
		return back;
	return end;
}

void
inival_write(FILE *f, const char *key, const char *value)
{
	const unsigned char *s = (const unsigned char *)value;
	size_t len = strlen(value), start = 0, end, budget;

	if (len == 0) {
		fprintf(f, "%s =\n", key);
		return;
	}
	budget = INIVAL_LINE_MAX - strlen(key) - 4;	/* " = ", "\n" */
	if (strlen(key) + 4 + INIVAL_PIECE_MIN > INIVAL_LINE_MAX)
		budget = INIVAL_PIECE_MIN;
	while (start < len) {
		end = inival_piece_end(s, len, start, budget);
		if (start == 0)
			fprintf(f, "%s = ", key);
		else
			fputc('\t', f);
		inival_put_piece(f, s, start, end);
		fputc('\n', f);
		start = end;
		budget = INIVAL_LINE_MAX - 2;		/* "\t", "\n" */
	}
}

static int
inival_hex(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

void
inival_append(char **acc, const char *piece)
{
	size_t have = *acc != NULL ? strlen(*acc) : 0;
	char *out, *o;
	const char *p;

	out = xrealloc(*acc, have + strlen(piece) + 1);
	o = out + have;
	for (p = piece; *p != '\0'; p++) {
		if (*p != '\\' || p[1] == '\0') {
			*o++ = *p;
			continue;
		}
		switch (*++p) {
		case 'n':
			*o++ = '\n';
			break;
		case 'r':
			*o++ = '\r';
			break;
		case 't':
			*o++ = '\t';
			break;
		case 's':
			*o++ = ' ';
			break;
		case 'x':
			if (inival_hex(p[1]) >= 0 && inival_hex(p[2]) >= 0) {
				*o++ = (char)(inival_hex(p[1]) << 4 |
				    inival_hex(p[2]));
				p += 2;
			} else
				*o++ = 'x';
			break;
		default:	/* \\ \; \# */
			*o++ = *p;
			break;
		}
	}
	*o = '\0';
	*acc = out;
}
