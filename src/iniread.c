/* iniread.c - inih fed line by line so that handlers know their line. */
#include "iniread.h"

#include <ini.h>

/* One parse at a time on the control thread; inih is synchronous. */
static int iniread_lineno;

static char *
iniread_reader(char *buf, int size, void *stream)
{
	char *s = fgets(buf, size, stream);

	if (s != NULL)
		iniread_lineno++;
	return s;
}

int
iniread_stream(FILE *f, iniread_handler h, void *user)
{
	int saved = iniread_lineno, rc;

	iniread_lineno = 0;
	rc = ini_parse_stream(iniread_reader, f, h, user);
	iniread_lineno = saved;
	return rc;
}

int
iniread_line(void)
{
	return iniread_lineno;
}
