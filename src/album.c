/* album.c - the album model and album.ini (read through inih with line
 * numbers, written atomically); ISRC and UPC/EAN checks. */
#include "album.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomicfile.h"
#include "iniread.h"
#include "inival.h"
#include "util.h"

/* The text fields of the album (slot 0) and of each song (1..99), read as
 * heap strings first: a long value comes in continuation lines. */
enum { ALBUM_T_TITLE, ALBUM_T_PERFORMER, ALBUM_T_SONGWRITER,
    ALBUM_T_COMPOSER, ALBUM_T_CATALOG, ALBUM_T_GENRE, ALBUM_T_PROJECT,
    ALBUM_NT };

struct album_parse {
	struct album *a;
	const char *file;
	char *err;
	size_t errlen;
	bool failed, format_seen;
	char *txt[ALBUM_MAX_SONGS + 1][ALBUM_NT];
};

static int
album_fail(struct album_parse *ap, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static int
album_fail(struct album_parse *ap, const char *fmt, ...)
{
	va_list va;
	int n;

	if (ap->failed)
		return 0;
	ap->failed = true;
	n = snprintf(ap->err, ap->errlen, "%s:%d: ", ap->file,
	    iniread_line());
	if (n < 0 || (size_t)n >= ap->errlen)
		return 0;
	va_start(va, fmt);
	vsnprintf(ap->err + n, ap->errlen - n, fmt, va);
	va_end(va);
	return 0;
}

const char *
album_isrc_check(const char *in, char out[13])
{
	char c[13];
	size_t n = 0;
	int i;

	/* Dashes only where CC-XXX-YY-NNNNN has them, or none. */
	for (i = 0; in[i] != '\0'; i++) {
		if (in[i] == '-') {
			if (n != 2 && n != 5 && n != 7)
				return "ISRC must be CC-XXX-YY-NNNNN (dashes "
				    "optional)";
			continue;
		}
		if (n == 12)
			return "ISRC must be CC-XXX-YY-NNNNN: 12 letters and "
			    "digits, got more";
		c[n++] = (char)toupper((unsigned char)in[i]);
	}
	c[n] = '\0';
	if (n != 12)
		return "ISRC must be CC-XXX-YY-NNNNN: 12 letters and digits";
	for (i = 0; i < 2; i++)
		if (c[i] < 'A' || c[i] > 'Z')
			return "ISRC must be CC-XXX-YY-NNNNN: the country code "
			    "CC is two letters";
	for (i = 2; i < 5; i++)
		if (!((c[i] >= 'A' && c[i] <= 'Z') ||
		    (c[i] >= '0' && c[i] <= '9')))
			return "ISRC must be CC-XXX-YY-NNNNN: the registrant "
			    "XXX is three letters or digits";
	for (i = 5; i < 7; i++)
		if (c[i] < '0' || c[i] > '9')
			return "ISRC must be CC-XXX-YY-NNNNN: the year YY is "
			    "two digits";
	for (i = 7; i < 12; i++)
		if (c[i] < '0' || c[i] > '9')
			return "ISRC must be CC-XXX-YY-NNNNN: the designation "
			    "NNNNN is five digits";
	memcpy(out, c, 13);
	return NULL;
}

const char *
album_upc_check(const char *in, char out[14])
{
	char d[14];
	size_t n = strlen(in), i;
	int sum = 0;

	if (n != 12 && n != 13)
		return "UPC/EAN must be 12 digits (UPC-A) or 13 (EAN-13)";
	for (i = 0; i < n; i++)
		if (in[i] < '0' || in[i] > '9')
			return "UPC/EAN must be 12 digits (UPC-A) or 13 "
			    "(EAN-13), digits only";
	/* A UPC-A is an EAN-13 with a leading 0: one check for both. */
	d[0] = '0';
	memcpy(d + 13 - n, in, n);
	for (i = 0; i < 12; i++)
		sum += (d[i] - '0') * (i % 2 ? 3 : 1);
	if ((10 - sum % 10) % 10 != d[12] - '0')
		return "UPC/EAN check digit is wrong (the last digit does not "
		    "match the others)";
	memcpy(out, in, n);
	out[n] = '\0';
	return NULL;
}

static int
album_double(const char *v, double min, double max, double *out)
{
	char *end;
	double x;

	errno = 0;
	x = strtod(v, &end);
	if (errno != 0 || end == v || *end != '\0' || !isfinite(x) ||
	    x < min || x > max)
		return -1;
	*out = x;
	return 0;
}

static int
album_song_key(struct album_parse *ap, int n, const char *name,
    const char *v)
{
	struct album_song *so = &ap->a->songs[n - 1];
	double x;
	long k;
	char *end;

	if (strcmp(name, "project") == 0)
		inival_append(&ap->txt[n][ALBUM_T_PROJECT], v);
	else if (strcmp(name, "title") == 0)
		inival_append(&ap->txt[n][ALBUM_T_TITLE], v);
	else if (strcmp(name, "performer") == 0)
		inival_append(&ap->txt[n][ALBUM_T_PERFORMER], v);
	else if (strcmp(name, "songwriter") == 0)
		inival_append(&ap->txt[n][ALBUM_T_SONGWRITER], v);
	else if (strcmp(name, "composer") == 0)
		inival_append(&ap->txt[n][ALBUM_T_COMPOSER], v);
	else if (strcmp(name, "gain") == 0) {
		if (album_double(v, ALBUM_GAIN_MIN, ALBUM_GAIN_MAX,
		    &so->gain_db) != 0)
			return album_fail(ap, "gain: expected dB from %g to "
			    "%g, got '%s'", ALBUM_GAIN_MIN, ALBUM_GAIN_MAX, v);
	} else if (strcmp(name, "gap") == 0) {
		if (album_double(v, 0, ALBUM_GAP_MAX, &so->gap_s) != 0)
			return album_fail(ap, "gap: expected seconds from 0 "
			    "to %d, got '%s'", ALBUM_GAP_MAX, v);
	} else if (strcmp(name, "crossfade") == 0) {
		errno = 0;
		k = strtol(v, &end, 10);
		if (errno != 0 || end == v || *end != '\0' || k < 0 ||
		    k > ALBUM_XFADE_MAX)
			return album_fail(ap, "crossfade: expected ms from 0 "
			    "to %d, got '%s'", ALBUM_XFADE_MAX, v);
		so->crossfade_ms = (int)k;
	} else if (strncmp(name, "index-", 6) == 0) {
		errno = 0;
		k = strtol(name + 6, &end, 10);
		if (errno != 0 || *end != '\0' || k != so->nindex + 2 ||
		    k > ALBUM_MAX_INDEX + 1)
			return album_fail(ap, "expected index-%d, got '%s'",
			    so->nindex + 2, name);
		if (album_double(v, 0, 24 * 3600, &x) != 0 || x <= 0 ||
		    (so->nindex > 0 && x <= so->index_s[so->nindex - 1]))
			return album_fail(ap, "%s: expected seconds after "
			    "the song's start and after the index before, "
			    "got '%s'", name, v);
		so->index_s[so->nindex++] = x;
	} else if (strcmp(name, "side") == 0) {
		if (strlen(v) != 1 || v[0] < 'A' || v[0] > 'D')
			return album_fail(ap, "side: expected A, B, C or D, "
			    "got '%s'", v);
		so->side = v[0];
	} else if (strcmp(name, "isrc") == 0) {
		const char *why = album_isrc_check(v, so->isrc);

		if (why != NULL)
			return album_fail(ap, "%s, got '%s'", why, v);
	} else
		return album_fail(ap, "unknown key '%s' in [song %d]", name,
		    n);
	return 1;
}

static int
album_handler(void *user, const char *section, const char *name,
    const char *v)
{
	struct album_parse *ap = user;
	struct album *a = ap->a;
	char *end;
	long n;

	if (ap->failed)
		return 0;
	if (strcmp(section, "album") == 0) {
		if (strcmp(name, "format") == 0) {
			if (strcmp(v, "1") != 0)
				return album_fail(ap, "format %s is not known "
				    "to this reel (it reads format 1)", v);
			ap->format_seen = true;
		} else if (strcmp(name, "rate") == 0) {
			errno = 0;
			n = strtol(v, &end, 10);
			if (errno != 0 || end == v || *end != '\0' ||
			    (n != 0 && (n < 8000 || n > 384000)))
				return album_fail(ap, "rate: expected Hz from "
				    "8000 to 384000, got '%s'", v);
			a->rate = (int)n;
		} else if (strcmp(name, "title") == 0)
			inival_append(&ap->txt[0][ALBUM_T_TITLE], v);
		else if (strcmp(name, "performer") == 0)
			inival_append(&ap->txt[0][ALBUM_T_PERFORMER], v);
		else if (strcmp(name, "catalog") == 0)
			inival_append(&ap->txt[0][ALBUM_T_CATALOG], v);
		else if (strcmp(name, "genre") == 0)
			inival_append(&ap->txt[0][ALBUM_T_GENRE], v);
		else if (strcmp(name, "upc") == 0) {
			const char *why = album_upc_check(v, a->upc);

			if (why != NULL)
				return album_fail(ap, "%s, got '%s'", why, v);
		} else
			return album_fail(ap, "unknown key '%s' in [album]",
			    name);
		return 1;
	}
	if (strncmp(section, "song ", 5) != 0)
		return album_fail(ap, "unknown section [%s]", section);
	errno = 0;
	n = strtol(section + 5, &end, 10);
	if (errno != 0 || *end != '\0' || end == section + 5 ||
	    n < 1 || n > ALBUM_MAX_SONGS || n > a->nsongs + 1 ||
	    n < a->nsongs)
		return album_fail(ap, "expected [song %d], got [%s] (songs "
		    "are numbered in order from 1, at most %d)",
		    a->nsongs + 1, section, ALBUM_MAX_SONGS);
	if (n == a->nsongs + 1) {
		a->songs = xreallocarray(a->songs, n, sizeof *a->songs);
		memset(&a->songs[n - 1], 0, sizeof a->songs[n - 1]);
		a->nsongs = (int)n;
	}
	return album_song_key(ap, (int)n, name, v);
}

/* A text read whole into its field: too long is an error. */
static int
album_text_take(struct album_parse *ap, char *dst, size_t size, char *src,
    const char *what, int song)
{
	if (src == NULL)
		return 0;
	if (strlen(src) >= size) {
		if (song > 0)
			snprintf(ap->err, ap->errlen, "%s: song %d: %s is "
			    "longer than %zu bytes", ap->file, song, what,
			    size - 1);
		else
			snprintf(ap->err, ap->errlen, "%s: the album's %s is "
			    "longer than %zu bytes", ap->file, what, size - 1);
		return -1;
	}
	strcpy(dst, src);
	return 0;
}

static int
album_parse_texts(struct album_parse *ap)
{
	struct album *a = ap->a;
	int i;

	if (album_text_take(ap, a->title, sizeof a->title,
	    ap->txt[0][ALBUM_T_TITLE], "title", 0) ||
	    album_text_take(ap, a->performer, sizeof a->performer,
	    ap->txt[0][ALBUM_T_PERFORMER], "performer", 0) ||
	    album_text_take(ap, a->catalog, sizeof a->catalog,
	    ap->txt[0][ALBUM_T_CATALOG], "catalog", 0) ||
	    album_text_take(ap, a->genre, sizeof a->genre,
	    ap->txt[0][ALBUM_T_GENRE], "genre", 0))
		return -1;
	for (i = 1; i <= a->nsongs; i++) {
		struct album_song *so = &a->songs[i - 1];

		if (album_text_take(ap, so->title, sizeof so->title,
		    ap->txt[i][ALBUM_T_TITLE], "title", i) ||
		    album_text_take(ap, so->performer, sizeof so->performer,
		    ap->txt[i][ALBUM_T_PERFORMER], "performer", i) ||
		    album_text_take(ap, so->songwriter, sizeof so->songwriter,
		    ap->txt[i][ALBUM_T_SONGWRITER], "songwriter", i) ||
		    album_text_take(ap, so->composer, sizeof so->composer,
		    ap->txt[i][ALBUM_T_COMPOSER], "composer", i) ||
		    album_text_take(ap, so->project, sizeof so->project,
		    ap->txt[i][ALBUM_T_PROJECT], "project", i))
			return -1;
		if (so->project[0] == '\0') {
			snprintf(ap->err, ap->errlen, "%s: song %d has no "
			    "project", ap->file, i);
			return -1;
		}
	}
	if (a->nsongs > 0 && a->rate == 0) {
		snprintf(ap->err, ap->errlen, "%s: the album has songs but no "
		    "rate", ap->file);
		return -1;
	}
	return 0;
}

/* Parses f into a new album of directory dir (absolute).  NULL with err. */
static struct album *
album_parse(const char *dir, FILE *f, const char *file, char *err,
    size_t errlen)
{
	struct album_parse ap;
	struct album *a = xcalloc(1, sizeof *a);
	int rc, i, j;

	strlcpy_(a->dir, dir, sizeof a->dir);
	memset(&ap, 0, sizeof ap);
	ap.a = a;
	ap.file = file;
	ap.err = err;
	ap.errlen = errlen;
	rc = iniread_stream(f, album_handler, &ap);
	if (rc != 0 && !ap.failed) {
		snprintf(err, errlen, "%s:%d: %s", file, rc,
		    iniread_fault() != NULL ? iniread_fault() :
		    "syntax error");
		ap.failed = true;
	}
	if (!ap.failed && !ap.format_seen && (a->nsongs > 0 || a->rate)) {
		snprintf(err, errlen, "%s: no format line; not an album.ini "
		    "this reel wrote", file);
		ap.failed = true;
	}
	if (!ap.failed && album_parse_texts(&ap) != 0)
		ap.failed = true;
	for (i = 0; i <= ALBUM_MAX_SONGS; i++)
		for (j = 0; j < ALBUM_NT; j++)
			free(ap.txt[i][j]);
	if (ap.failed) {
		album_free(a);
		return NULL;
	}
	return a;
}

int
album_open(const char *dir, bool create, struct album **out, char *err,
    size_t errlen)
{
	char *path, *real;
	const char *why;
	struct stat st;
	FILE *f;

	*out = NULL;
	if (stat(dir, &st) != 0) {
		if (errno != ENOENT || !create) {
			snprintf(err, errlen, "%s: %s", dir, strerror(errno));
			return -1;
		}
		if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
			snprintf(err, errlen, "cannot create %s: %s", dir,
			    strerror(errno));
			return -1;
		}
	} else if (!S_ISDIR(st.st_mode)) {
		snprintf(err, errlen, "%s is not a directory", dir);
		return -1;
	}
	real = realpath(dir, NULL);
	if (real == NULL) {
		snprintf(err, errlen, "%s: %s", dir, strerror(errno));
		return -1;
	}
	if (strlen(real) >= sizeof((struct album *)0)->dir) {
		snprintf(err, errlen, "%s: the path is too long", dir);
		free(real);
		return -1;
	}
	path = xasprintf("%s/%s", real, ALBUM_FILE);
	f = util_fopen_regular(path, &why);
	if (f == NULL) {
		if (errno != ENOENT) {
			snprintf(err, errlen, "%s: %s", path, why);
			free(path);
			free(real);
			return -1;
		}
		*out = xcalloc(1, sizeof **out);
		strlcpy_((*out)->dir, real, sizeof (*out)->dir);
	} else {
		*out = album_parse(real, f, path, err, errlen);
		fclose(f);
	}
	free(path);
	free(real);
	return *out != NULL ? 0 : -1;
}

void
album_free(struct album *a)
{
	if (a == NULL)
		return;
	free(a->songs);
	free(a);
}

/* x with at most 2 places when that reads back exactly, else with as
 * many digits as it takes: what is written reads back as x. */
static const char *
album_num(char *buf, size_t size, double x)
{
	int digits;

	snprintf(buf, size, "%.2f", x);
	for (digits = 1; strtod(buf, NULL) != x && digits <= 17; digits++)
		snprintf(buf, size, "%.*g", digits, x);
	/* Trailing zeros go ("-1.5", "3"); "-0" is written as 0. */
	if (strchr(buf, '.') != NULL && strchr(buf, 'e') == NULL) {
		size_t n = strlen(buf);

		while (n > 0 && buf[n - 1] == '0')
			buf[--n] = '\0';
		if (n > 0 && buf[n - 1] == '.')
			buf[--n] = '\0';
	}
	if (x == 0)
		snprintf(buf, size, "0");
	return buf;
}

static void
album_text_write(FILE *f, const char *key, const char *v)
{
	if (v[0] != '\0')
		inival_write(f, key, v);
}

void
album_write(const struct album *a, FILE *f)
{
	char num[64], key[32];
	int i, j;

	fprintf(f, "# reel album: one fact per line, stable order.\n");
	fprintf(f, "[album]\n");
	fprintf(f, "format = 1\n");
	fprintf(f, "rate = %d\n", a->rate);
	album_text_write(f, "title", a->title);
	album_text_write(f, "performer", a->performer);
	if (a->upc[0] != '\0')
		fprintf(f, "upc = %s\n", a->upc);
	album_text_write(f, "catalog", a->catalog);
	album_text_write(f, "genre", a->genre);
	for (i = 0; i < a->nsongs; i++) {
		const struct album_song *so = &a->songs[i];

		fprintf(f, "\n[song %d]\n", i + 1);
		inival_write(f, "project", so->project);
		fprintf(f, "gain = %s\n", album_num(num, sizeof num,
		    so->gain_db));
		fprintf(f, "gap = %s\n", album_num(num, sizeof num, so->gap_s));
		fprintf(f, "crossfade = %d\n", so->crossfade_ms);
		for (j = 0; j < so->nindex; j++) {
			snprintf(key, sizeof key, "index-%d", j + 2);
			fprintf(f, "%s = %s\n", key, album_num(num, sizeof num,
			    so->index_s[j]));
		}
		if (so->side != 0)
			fprintf(f, "side = %c\n", so->side);
		album_text_write(f, "title", so->title);
		album_text_write(f, "performer", so->performer);
		album_text_write(f, "songwriter", so->songwriter);
		album_text_write(f, "composer", so->composer);
		if (so->isrc[0] != '\0')
			fprintf(f, "isrc = %s\n", so->isrc);
	}
}

char *
album_text(const struct album *a)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (f == NULL)
		fatal("out of memory (open_memstream)");
	album_write(a, f);
	if (fclose(f) != 0)
		fatal("out of memory (album text)");
	return buf;
}

struct album *
album_from_text(const struct album *like, const char *text, char *err,
    size_t errlen)
{
	FILE *f = fmemopen((void *)text, strlen(text), "r");
	struct album *a;
	int i, j;

	if (f == NULL) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	a = album_parse(like->dir, f, "(undo)", err, errlen);
	fclose(f);
	/* The figures measured stay with the songs that are still there. */
	for (i = 0; a != NULL && i < a->nsongs; i++)
		for (j = 0; j < like->nsongs; j++)
			if (like->songs[j].measured && strcmp(like->songs[j].project,
			    a->songs[i].project) == 0) {
				a->songs[i].measured = true;
				a->songs[i].lf = like->songs[j].lf;
				a->songs[i].length = like->songs[j].length;
				a->songs[i].song_rate = like->songs[j].song_rate;
				break;
			}
	return a;
}

int
album_save(const struct album *a, char *err, size_t errlen)
{
	char *path = xasprintf("%s/%s", a->dir, ALBUM_FILE);
	struct atomicfile *af = atomicfile_open(path, err, errlen);
	int rc;

	free(path);
	if (af == NULL)
		return -1;
	album_write(a, atomicfile_stream(af));
	rc = atomicfile_commit(af, err, errlen);
	return rc;
}

void
album_song_dir(const struct album *a, int i, char *buf, size_t len)
{
	const char *p = a->songs[i].project;

	if (p[0] == '/')
		snprintf(buf, len, "%s", p);
	else
		snprintf(buf, len, "%s/%s", a->dir, p);
}

int
album_relpath(const char *albumdir, const char *song, char *buf, size_t len)
{
	char *s = realpath(song, NULL);
	const char *x = albumdir, *y;
	size_t common = 0, i, n = 0;
	int up = 0;

	if (s == NULL)
		return -1;
	/* The longest common run of whole components. */
	for (i = 0; ; i++) {
		if ((x[i] == '/' || x[i] == '\0') &&
		    (s[i] == '/' || s[i] == '\0'))
			common = i;
		if (x[i] == '\0' || s[i] == '\0' || x[i] != s[i])
			break;
	}
	for (y = x + common; *y != '\0'; y++)
		if (*y == '/')
			up++;
	buf[0] = '\0';
	while (up-- > 0 && n + 4 < len)
		n += (size_t)snprintf(buf + n, len - n, "%s..", n ? "/" : "");
	y = s + common;
	if (*y == '/')
		y++;
	if (*y != '\0')
		n += (size_t)snprintf(buf + n, len - n, "%s%s", n ? "/" : "",
		    y);
	if (n == 0)
		snprintf(buf, len, ".");
	free(s);
	return n >= len ? -1 : 0;
}

int
album_song_find(const struct album *a, const char *name)
{
	char *end, base[1024];
	const char *b;
	long n;
	int i, found = -1;
	size_t l;

	errno = 0;
	n = strtol(name, &end, 10);
	if (errno == 0 && end != name && *end == '\0')
		return n >= 1 && n <= a->nsongs ? (int)n - 1 : -1;
	for (i = 0; i < a->nsongs; i++) {
		strlcpy_(base, a->songs[i].project, sizeof base);
		l = strlen(base);
		while (l > 1 && base[l - 1] == '/')
			base[--l] = '\0';
		b = strrchr(base, '/') != NULL ? strrchr(base, '/') + 1 : base;
		if (strcmp(b, name) == 0 || strcmp(a->songs[i].project,
		    name) == 0) {
			if (found >= 0)
				return -2;
			found = i;
		}
	}
	return found;
}

void
album_song_name(const struct album *a, int i, char *buf, size_t len)
{
	char base[1024];
	const char *b;
	size_t l;

	if (a->songs[i].title[0] != '\0') {
		snprintf(buf, len, "%s", a->songs[i].title);
		return;
	}
	strlcpy_(base, a->songs[i].project, sizeof base);
	l = strlen(base);
	while (l > 1 && base[l - 1] == '/')
		base[--l] = '\0';
	b = strrchr(base, '/') != NULL ? strrchr(base, '/') + 1 : base;
	snprintf(buf, len, "%s", b);
}
