/* sheet.c - the song sheet: chord symbols bar by bar and lyric lines per
 * section, where the playhead is in them, and the sheet as plain text. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sheet.h"
#include "util.h"

#define SHEET_CHORD_MAX 31

static bool
sheet_root(const char **s)
{
	if (**s < 'A' || **s > 'G')
		return false;
	(*s)++;
	if (**s == '#' || **s == 'b')
		(*s)++;
	return true;
}

bool
sheet_chord_ok(const char *tok)
{
	/* Longer words first: "maj" before "m". */
	static const char *const part[] = {
		"maj", "min", "dim", "aug", "sus", "add", "\xc3\xb8", "m",
		"M", "+", "o", "#", "b", "(", ")", ","
	};
	const char *s = tok;
	size_t i, n;

	if (strlen(tok) > SHEET_CHORD_MAX)
		return false;
	if (strcmp(tok, "N.C.") == 0 || strcmp(tok, "NC") == 0)
		return true;
	if (!sheet_root(&s))
		return false;
	while (*s != '\0' && *s != '/') {
		if (isdigit((unsigned char)*s)) {
			s++;
			continue;
		}
		for (i = 0; i < sizeof part / sizeof part[0]; i++) {
			n = strlen(part[i]);
			if (strncmp(s, part[i], n) == 0)
				break;
		}
		if (i == sizeof part / sizeof part[0])
			return false;
		s += n;
	}
	if (*s == '/') {
		s++;
		if (!sheet_root(&s))
			return false;
	}
	return *s == '\0';
}

int
sheet_chords_parse(const char *in, int bars, char **out, char *err,
    size_t errlen)
{
	char *buf = xstrdup(in), *tok, *save = NULL, *res;
	size_t len = 0;
	int n = 0;

	*out = NULL;
	res = xmalloc(strlen(in) + 1);
	res[0] = '\0';
	for (tok = strtok_r(buf, " \t\n|", &save); tok != NULL;
	    tok = strtok_r(NULL, " \t\n|", &save)) {
		n++;
		if (strcmp(tok, "-") != 0 && !sheet_chord_ok(tok)) {
			snprintf(err, errlen, "'%.40s' (bar %d) is not a chord "
			    "symbol: expected a root A-G with # or b, a "
			    "quality (m, maj7, 7, sus4, dim, aug, add9...) and "
			    "/BASS, '-' to hold a bar, or N.C.", tok, n);
			goto fail;
		}
		if (n > bars) {
			snprintf(err, errlen, "%d chords for %d bar%s: one "
			    "symbol a bar ('-' holds one)", n, bars,
			    bars == 1 ? "" : "s");
			goto fail;
		}
		if (len > 0)
			res[len++] = ' ';
		memcpy(res + len, tok, strlen(tok) + 1);
		len += strlen(tok);
	}
	free(buf);
	if (n == 0)
		free(res);
	else
		*out = res;
	return 0;
fail:
	free(buf);
	free(res);
	return -1;
}

char *
sheet_lyrics_parse(const char *in)
{
	char *res = xmalloc(strlen(in) + 2);
	size_t len = 0, a, b;
	const char *s = in;
	bool any = false;

	while (*s != '\0') {
		const char *e = s;

		/* One line: up to '/', a newline or the two characters \n. */
		while (*e != '\0' && *e != '/' && *e != '\n' &&
		    !(e[0] == '\\' && e[1] == 'n'))
			e++;
		a = 0;
		b = (size_t)(e - s);
		while (a < b && isspace((unsigned char)s[a]))
			a++;
		while (b > a && isspace((unsigned char)s[b - 1]))
			b--;
		if (b > a)
			any = true;
		memcpy(res + len, s + a, b - a);
		len += b - a;
		if (*e == '\0')
			break;
		res[len++] = '\n';
		s = e + (e[0] == '\\' ? 2 : 1);
	}
	/* No empty lines at the end. */
	while (len > 0 && res[len - 1] == '\n')
		len--;
	res[len] = '\0';
	if (!any) {
		free(res);
		return NULL;
	}
	return res;
}

int
sheet_check(const struct section *sc, char *err, size_t errlen)
{
	char *norm = NULL;
	int rc = 0;

	if (sc->chords != NULL) {
		rc = sheet_chords_parse(sc->chords, sc->bars, &norm, err,
		    errlen);
		if (rc == 0 && (norm == NULL || strcmp(norm, sc->chords) != 0)) {
			snprintf(err, errlen, "chords: expected one symbol a "
			    "bar separated by single spaces");
			rc = -1;
		}
		free(norm);
	}
	return rc;
}

const char *
sheet_chord_at(const struct section *sc, int b, char *buf, size_t size)
{
	const char *s = sc->chords;
	int i = 0;

	buf[0] = '\0';
	while (s != NULL && *s != '\0' && i <= b) {
		size_t n = strcspn(s, " ");

		if (!(n == 1 && s[0] == '-'))
			snprintf(buf, size, "%.*s", (int)n, s);
		s += n;
		if (*s == ' ')
			s++;
		i++;
	}
	return buf;
}

int
sheet_lines(const struct section *sc)
{
	const char *s;
	int n = 1;

	if (sc->lyrics == NULL)
		return 0;
	for (s = sc->lyrics; *s != '\0'; s++)
		if (*s == '\n')
			n++;
	return n;
}

const char *
sheet_line(const struct section *sc, int k, char *buf, size_t size)
{
	const char *s = sc->lyrics;

	buf[0] = '\0';
	if (s == NULL || k < 0)
		return buf;
	while (k > 0 && (s = strchr(s, '\n')) != NULL) {
		s++;
		k--;
	}
	if (s != NULL)
		snprintf(buf, size, "%.*s", (int)strcspn(s, "\n"), s);
	return buf;
}

void
sheet_at(const struct project *p, int64_t f, struct sheet_pos *sp)
{
	const struct section *sc = NULL;
	double beat, u;
	int bar, i, n;

	memset(sp, 0, sizeof *sp);
	sp->section = -1;
	sp->line = -1;
	if (p->tempo.n == 0)
		return;
	tempo_frame_to_bar(&p->tempo, p->rate, f, &bar, &beat);
	for (i = 0; i < p->nsections; i++)
		if (bar >= p->sections[i].bar && bar < p->sections[i].bar +
		    p->sections[i].bars) {
			sc = &p->sections[i];
			break;
		}
	if (sc == NULL) {
		/* Before a section: its first line comes next. */
		for (i = 0; i < p->nsections; i++)
			if (p->sections[i].bar > bar &&
			    sheet_lines(&p->sections[i]) > 0) {
				sheet_line(&p->sections[i], 0, sp->next,
				    sizeof sp->next);
				break;
			}
		return;
	}
	sp->section = i;
	sp->bar = bar - sc->bar;
	sheet_chord_at(sc, sp->bar, sp->chord, sizeof sp->chord);
	if ((n = sheet_lines(sc)) > 0) {
		u = sp->bar + (beat - 1.0) / tempo_num(&p->tempo, bar);
		sp->line = (int)(u * n / sc->bars);
		if (sp->line >= n)
			sp->line = n - 1;
		sheet_line(sc, sp->line, sp->cur, sizeof sp->cur);
	}
	if (sp->line >= 0 && sp->line + 1 < n) {
		sheet_line(sc, sp->line + 1, sp->next, sizeof sp->next);
		return;
	}
	for (i = sp->section + 1; i < p->nsections; i++)
		if (sheet_lines(&p->sections[i]) > 0) {
			sheet_line(&p->sections[i], 0, sp->next,
			    sizeof sp->next);
			break;
		}
}

void
sheet_write(const struct project *p, FILE *f)
{
	char t[32], buf[SHEET_LINE_MAX];
	int i, b, k, n;

	for (i = 0; i < p->nsections; i++) {
		const struct section *sc = &p->sections[i];

		timefmt_format(tempo_bar_to_frame(&p->tempo, p->rate, sc->bar,
		    1.0), p->rate, t, sizeof t);
		if (i > 0)
			fputc('\n', f);
		fprintf(f, "%s: bars %d-%d (%d bar%s, at %s)\n", sc->name,
		    sc->bar, sc->bar + sc->bars - 1, sc->bars,
		    sc->bars == 1 ? "" : "s", t);
		if (sc->chords != NULL) {
			const char *s = sc->chords;

			/* Four bars a line, each bar's symbol as written. */
			for (b = 0; b < sc->bars; b++) {
				size_t w = s != NULL ? strcspn(s, " ") : 0;

				if (b % 4 == 0)
					fprintf(f, "  %4d |", sc->bar + b);
				fprintf(f, " %-8.*s|", w > 0 ? (int)w : 1,
				    w > 0 ? s : "-");
				if (b % 4 == 3 || b == sc->bars - 1)
					fputc('\n', f);
				if (s != NULL) {
					s += w;
					s = *s == ' ' ? s + 1 : NULL;
				}
			}
		}
		n = sheet_lines(sc);
		for (k = 0; k < n; k++)
			fprintf(f, "  %s\n", sheet_line(sc, k, buf,
			    sizeof buf));
	}
}
