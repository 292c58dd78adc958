/* cmd_text.c - the words commands use to say what they changed: values,
 * positions, and the command itself as a line. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "session.h"
#include "util.h"

/* A word as the command language reads it back: quoted when it has to. */
static void
cmd_text_word(char **out, size_t *len, size_t *cap, const char *w)
{
	bool quote = w[0] == '\0' || strpbrk(w, " \t;#\"'\\\n") != NULL;
	size_t need = strlen(w) * 2 + 4;
	const char *p;

	if (*len + need + 1 > *cap) {
		*cap = (*len + need + 1) * 2;
		*out = xrealloc(*out, *cap);
	}
	if (*len > 0)
		(*out)[(*len)++] = ' ';
	if (quote)
		(*out)[(*len)++] = '"';
	for (p = w; *p != '\0'; p++) {
		if (quote && (*p == '"' || *p == '\\'))
			(*out)[(*len)++] = '\\';
		(*out)[(*len)++] = *p == '\n' ? ' ' : *p;
	}
	if (quote)
		(*out)[(*len)++] = '"';
	(*out)[*len] = '\0';
}

char *
cmd_text_words(const struct cmd_args *a)
{
	size_t len = 0, cap = 64;
	char *out = xmalloc(cap), *kv;
	int i;

	out[0] = '\0';
	for (i = 0; i < a->argc; i++)
		cmd_text_word(&out, &len, &cap, a->argv[i]);
	for (i = 0; i < a->nkv; i++) {
		kv = xasprintf("%s=%s", a->keys[i], a->vals[i]);
		cmd_text_word(&out, &len, &cap, kv);
		free(kv);
	}
	return out;
}

void
cmd_text_db(double db, char *buf, size_t size)
{
	/* One decimal as the faders move; two when the value has them. */
	if (fabs(db * 10 - round(db * 10)) < 1e-6)
		snprintf(buf, size, "%+.1f dB", db);
	else
		snprintf(buf, size, "%+.2f dB", db);
	if (strncmp(buf, "-0.0 ", 5) == 0 || strncmp(buf, "-0.00 ", 6) == 0)
		buf[0] = '+';
}

void
cmd_text_pan(double pan, char *buf, size_t size)
{
	if (fabs(pan) < 0.005)
		snprintf(buf, size, "center");
	else
		snprintf(buf, size, "%s %.2f", pan < 0 ? "left" : "right",
		    fabs(pan));
}

void
cmd_text_time(struct session *s, int64_t frames, char *buf, size_t size)
{
	char t[32], b[32];

	timefmt_format(frames, s->p->rate, t, sizeof t);
	if (s->p->tempo.n == 0) {
		snprintf(buf, size, "%s", t);
		return;
	}
	timefmt_format_bars(frames, s->p->rate, &s->p->tempo, b, sizeof b);
	snprintf(buf, size, "%s (bar %s)", t, b);
}

void
cmd_text_range(struct session *s, int64_t start, int64_t end, char *buf,
    size_t size)
{
	char a[32], b[32];

	if (s->p->tempo.n > 0) {
		timefmt_format_bars(start, s->p->rate, &s->p->tempo, a,
		    sizeof a);
		timefmt_format_bars(end, s->p->rate, &s->p->tempo, b,
		    sizeof b);
	} else {
		timefmt_format(start, s->p->rate, a, sizeof a);
		timefmt_format(end, s->p->rate, b, sizeof b);
	}
	snprintf(buf, size, "%s to %s", a, b);
}
