/* test_inival.c - escaped values read back exactly through the real inih. */
#include <ini.h>
#include <locale.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "inival.h"
#include "t.h"

#define NVALUES	600

struct readback {
	char *got[NVALUES];
	int calls;
	int bad_key;
};

static int
handler(void *user, const char *section, const char *name, const char *value)
{
	struct readback *rb = user;
	int i;

	rb->calls++;
	if (strcmp(section, "values") != 0 || name[0] != 'k') {
		rb->bad_key++;
		return 1;
	}
	i = atoi(name + 1);
	if (i < 0 || i >= NVALUES) {
		rb->bad_key++;
		return 1;
	}
	inival_append(&rb->got[i], value);
	return 1;
}

static char *
written(const char *key, const char *value)
{
	char *buf = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&buf, &size);

	inival_write(f, key, value);
	fclose(f);
	return buf;
}

static void
test_forms(void)
{
	static const struct {
		const char *value, *want;
	} cases[] = {
		{ "", "k =\n" },
		{ "plain text", "k = plain text\n" },
		{ "a;b", "k = a\\;b\n" },
		{ " x ", "k = \\sx\\s\n" },
		{ "  ", "k = \\s\\s\n" },
		{ " ", "k = \\s\n" },
		{ "#x#", "k = \\#x#\n" },
		{ "a\\b", "k = a\\\\b\n" },
		{ "l1\nl2\r\n", "k = l1\\nl2\\r\\n\n" },
		{ "t\tt", "k = t\\tt\n" },
		{ "\x01\x7f", "k = \\x01\\x7F\n" },
		{ "caf\xc3\xa9 \xc3\xa0", "k = caf\xc3\xa9 \xc3\xa0\n" },
		{ "\xa0x\xa0", "k = \\xA0x\\xA0\n" },
		{ "a = b : c [d]", "k = a = b : c [d]\n" },
	};
	size_t i;
	char *w;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		w = written("k", cases[i].value);
		T_CHECKF(strcmp(w, cases[i].want) == 0, "'%s' != '%s'", w,
		    cases[i].want);
		free(w);
	}
}

static void
test_append(void)
{
	char *acc = NULL;

	inival_append(&acc, "");
	T_CHECK(acc != NULL && acc[0] == '\0');
	inival_append(&acc, "a\\sb\\x41\\;\\#\\\\");
	T_CHECK(strcmp(acc, "a bA;#\\") == 0);
	inival_append(&acc, "\\xZ1\\");	/* malformed: kept as typed */
	T_CHECK(strcmp(acc, "a bA;#\\xZ1\\") == 0);
	free(acc);
}

/* Every physical line short enough for inih; continuation lines indented. */
static int
lines_ok(const char *text)
{
	const char *p = text, *nl;
	int first = 1;

	for (; *p != '\0'; p = nl + 1) {
		if ((nl = strchr(p, '\n')) == NULL)
			return 0;
		if (nl - p + 1 >= 180)
			return 0;
		if (!first && *p != '\t' && strncmp(p, "k", 1) != 0 &&
		    strncmp(p, "[", 1) != 0)
			return 0;
		first = 0;
	}
	return 1;
}

static uint32_t rng = 2463534242u;

static uint32_t
next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 17;
	rng ^= rng << 5;
	return rng;
}

/* Random bytes, heavy on what inih and the escaping care about. */
static char *
random_value(int i)
{
	static const char *special[] = {
		" ", ";", "#", "=", ":", "[", "]", "\\", "\\s", "\\;", "\n",
		"\r", "\t", "\v", "\f", "\xa0", "\x85", "\xc3\xa0", "\xc2\x85",
		"\xe2\x82\xac", "\xf0\x9d\x84\x9e", " ;", "  ", "x", "\"",
	};
	size_t cap, len = 0, n;
	char *s;
	int k;

	switch (i % 5) {
	case 0:
		n = next() % 8;
		break;
	case 1:
		n = 150 + next() % 60;	/* around a piece's length */
		break;
	case 2:
		n = 2000;
		break;
	default:
		n = next() % 400;
		break;
	}
	cap = n * 4 + 8;
	s = malloc(cap + 1);
	while (len < n) {
		k = next() % 3;
		if (k == 0) {
			const char *sp = special[next() %
			    (sizeof special / sizeof special[0])];

			memcpy(s + len, sp, strlen(sp));
			len += strlen(sp);
		} else if (k == 1) {
			s[len++] = (char)(1 + next() % 255);
		} else {
			s[len++] = (char)('a' + next() % 26);
		}
	}
	s[len] = '\0';
	/* spaces at both ends half the time */
	if (i % 2 == 1 && len >= 2) {
		s[0] = ' ';
		s[len - 1] = ' ';
	}
	return s;
}

static void
round_trip(const char *label)
{
	struct readback rb;
	char path[] = "/tmp/reel-inival-XXXXXX";
	char *values[NVALUES], *text = NULL;
	size_t size = 0;
	FILE *f, *mem;
	int fd, i, r, same = 1, shape;

	memset(&rb, 0, sizeof rb);
	mem = open_memstream(&text, &size);
	fputs("; written by test_inival\n[values]\n", mem);
	for (i = 0; i < NVALUES; i++) {
		char key[16];

		values[i] = random_value(i);
		snprintf(key, sizeof key, "k%d", i);
		inival_write(mem, key, values[i]);
	}
	fclose(mem);
	shape = lines_ok(text);

	fd = mkstemp(path);
	f = fdopen(fd, "w");
	fputs(text, f);
	fclose(f);
	r = ini_parse(path, handler, &rb);
	unlink(path);

	for (i = 0; i < NVALUES; i++) {
		if (rb.got[i] == NULL || strcmp(rb.got[i], values[i]) != 0) {
			if (same)
				fprintf(stderr, "%s: value %d differs (len "
				    "%zu, got %zu)\n", label, i,
				    strlen(values[i]), rb.got[i] != NULL ?
				    strlen(rb.got[i]) : 0);
			same = 0;
		}
		free(values[i]);
		free(rb.got[i]);
	}
	T_CHECKF(r == 0, "%s: ini_parse returned %d", label, r);
	T_CHECKF(rb.bad_key == 0, "%s: %d calls with a wrong key", label,
	    rb.bad_key);
	T_CHECKF(shape, "%s: a line is too long or not indented", label);
	T_CHECKF(same, "%s: round trip", label);
	free(text);
}

int
main(void)
{
	int i;

	test_forms();
	test_append();
	for (i = 0; i < 5; i++)
		round_trip("C locale");
	if (setlocale(LC_CTYPE, "C.UTF-8") != NULL) {
		for (i = 0; i < 3; i++)
			round_trip("C.UTF-8");
	} else
		printf("note: no C.UTF-8 locale, tested in C only\n");
	T_DONE();
}
