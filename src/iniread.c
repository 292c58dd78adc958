/* iniread.c - inih fed line by line so that handlers know their line. */
#include "iniread.h"

#include <ini.h>
#include <stdbool.h>

/* One parse at a time on the control thread; inih is synchronous. */
static int iniread_lineno;
static char iniread_why[64];
static bool iniread_failed;

/* One physical line into buf, or NULL at the end -- or at a line inih
 * cannot take whole, which ends the parse with the reason kept. */
static char *
iniread_reader(char *buf, int size, void *stream)
{
	FILE *f = stream;
	int c = EOF, n = 0;

	if (iniread_failed)
		return NULL;
	while (n < size - 1 && (c = getc(f)) != EOF) {
		if (c == '\0') {
			snprintf(iniread_why, sizeof iniread_why,
			    "NUL byte in the line");
			break;
		}
		buf[n++] = (char)c;
		if (c == '\n')
			break;
	}
	if (n == 0 && c == EOF)
		return NULL;
	buf[n] = '\0';
	iniread_lineno++;
	if (c == '\0') {
		iniread_failed = true;
		return NULL;
	}
	if (n == size - 1 && c != '\n') {
		/* Full: whole only when the newline or the end follows. */
		c = getc(f);
		if (c != '\n' && c != EOF) {
			snprintf(iniread_why, sizeof iniread_why,
			    "line too long (at most %d bytes)", size - 2);
			iniread_failed = true;
			return NULL;
		}
	}
	return buf;
}

int
iniread_stream(FILE *f, iniread_handler h, void *user)
{
	int saved = iniread_lineno, rc;

	iniread_lineno = 0;
	iniread_failed = false;
	iniread_why[0] = '\0';
	rc = ini_parse_stream(iniread_reader, f, h, user);
	if (rc == 0 && iniread_failed)
		rc = iniread_lineno;
	iniread_lineno = saved;
	return rc;
}

int
iniread_line(void)
{
	return iniread_lineno;
}

const char *
iniread_fault(void)
{
	return iniread_why[0] != '\0' ? iniread_why : NULL;
}
