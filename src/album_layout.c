/* album_layout.c - the album's CD and vinyl layouts as the delivery
 * plans them (deliver_disc_plan, deliver_vinyl_plan), drawn as text. */
#include "album_layout.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

const struct deliver_vinyl_format *
album_layout_format(const char *name)
{
	if (name == NULL || name[0] == '\0')
		return deliver_vinyl_format_find("12in33");
	return deliver_vinyl_format_find(name);
}

const struct deliver_vinyl_format *
album_layout_format_next(const struct deliver_vinyl_format *cur)
{
	if (cur == NULL || cur[1].name == NULL)
		return &deliver_vinyl_formats[0];
	return cur + 1;
}

void
album_layout_make(const struct album *a,
    const struct deliver_vinyl_format *fmt, struct album_layout *l)
{
	int64_t *len;
	int i;

	memset(l, 0, sizeof *l);
	l->fmt = fmt != NULL ? fmt : album_layout_format(NULL);
	for (i = 0; i < a->nsongs; i++)
		if (!a->songs[i].measured)
			l->unmeasured++;
	if (a->nsongs == 0 || l->unmeasured > 0)
		return;
	/* The masters' lengths: a measured song's length is its master's
	 * (album_render_song renders the same frames at the album rate). */
	len = xcalloc((size_t)a->nsongs, sizeof *len);
	for (i = 0; i < a->nsongs; i++)
		len[i] = a->songs[i].length;
	l->disc_ok = deliver_disc_plan(a, len, &l->disc, &l->disc_r) == 0;
	l->vinyl_ok = deliver_vinyl_plan(a, len, l->fmt, &l->vinyl,
	    &l->vinyl_r) == 0 && l->vinyl.nsides > 0;
	free(len);
}

void
album_layout_free(struct album_layout *l)
{
	deliver_disc_free(&l->disc);
	deliver_report_free(&l->disc_r);
	deliver_vinyl_plan_free(&l->vinyl);
	deliver_report_free(&l->vinyl_r);
	memset(l, 0, sizeof *l);
}

static uint64_t
album_layout_hash(uint64_t h, const void *p, size_t n)
{
	const unsigned char *b = p;

	while (n-- > 0)
		h = (h ^ *b++) * 1099511628211ULL;
	return h;
}

uint64_t
album_layout_key(const struct album *a,
    const struct deliver_vinyl_format *fmt)
{
	uint64_t h = 14695981039346656037ULL;
	int i;

	h = album_layout_hash(h, &a, sizeof a);
	h = album_layout_hash(h, &fmt, sizeof fmt);
	h = album_layout_hash(h, &a->rate, sizeof a->rate);
	h = album_layout_hash(h, &a->nsongs, sizeof a->nsongs);
	for (i = 0; i < a->nsongs; i++) {
		const struct album_song *s = &a->songs[i];

		h = album_layout_hash(h, s->project, strlen(s->project));
		h = album_layout_hash(h, &s->gap_s, sizeof s->gap_s);
		h = album_layout_hash(h, &s->crossfade_ms,
		    sizeof s->crossfade_ms);
		h = album_layout_hash(h, &s->nindex, sizeof s->nindex);
		h = album_layout_hash(h, s->index_s,
		    (size_t)s->nindex * sizeof *s->index_s);
		h = album_layout_hash(h, &s->side, sizeof s->side);
		h = album_layout_hash(h, &s->measured, sizeof s->measured);
		h = album_layout_hash(h, &s->length, sizeof s->length);
		/* Titles only name songs in the findings. */
		h = album_layout_hash(h, s->title, strlen(s->title));
	}
	return h;
}

/* "41:12" of a position in sectors, rounded down to the second. */
static void
album_layout_mmss(int64_t sectors, char *buf, size_t len)
{
	snprintf(buf, len, "%lld:%02d", (long long)(sectors / 4500),
	    (int)(sectors / 75 % 60));
}

bool
album_layout_cd_line(const struct album_layout *l, char *buf, size_t len)
{
	int64_t total = l->disc.leadout / DELIVER_SECTOR;
	char t[32], over[32];

	if (!l->disc_ok) {
		snprintf(buf, len, "CD: not planned");
		return false;
	}
	album_layout_mmss(total, t, sizeof t);
	if (total > DELIVER_MAX_SECTORS) {
		album_layout_mmss(total - DELIVER_MAX_SECTORS + 74, over,
		    sizeof over);
		snprintf(buf, len, "CD %s OVER the 79:57 limit by %s: too "
		    "long for a CD", t, over);
		return true;
	}
	snprintf(buf, len, "CD %s of 79:57 (%s)", t, total >
	    ALBUM_LAYOUT_SAFE_SECTORS ? "over 74:00: some players fail" :
	    "74:00 fits every player");
	return false;
}

bool
album_layout_side_line(const struct album *a, const struct album_layout *l,
    int k, char *buf, size_t len)
{
	const struct deliver_vinyl_format *f = l->fmt;
	double sec = l->vinyl_ok ? (double)l->vinyl.side_len[k] / a->rate : 0;
	int first = -1, last = -1, i;
	bool over = sec > f->max_s;
	char songs[32];

	for (i = 0; l->vinyl_ok && i < a->nsongs; i++)
		if (l->vinyl.side[i] == 'A' + k) {
			if (first < 0)
				first = i;
			last = i;
		}
	if (first < 0)
		snprintf(songs, sizeof songs, "no songs");
	else if (first == last)
		snprintf(songs, sizeof songs, "song %d", first + 1);
	else
		snprintf(songs, sizeof songs, "songs %d-%d", first + 1,
		    last + 1);
	snprintf(buf, len, "side %c  %d:%02d of %d:%02d %s  %s%s", 'A' + k,
	    (int)(sec / 60), (int)fmod(sec, 60), (int)f->max_s / 60,
	    (int)f->max_s % 60, f->name, songs, over ? "  TOO LONG to cut" :
	    sec > f->comfortable_s ? "  (past full level)" : "");
	return over;
}

static int
album_layout_cell(int64_t f, int64_t scale, int w)
{
	int c = (int)(f * w / scale);

	return c < w ? c : w - 1;
}

/* Where track i's number goes: its index 01's cell, after at least one
 * cell of its pause when it has one (a pause shows even when it is
 * shorter than a cell). */
static int
album_layout_label(const struct deliver_track *t, int i, int64_t scale,
    int w)
{
	int lc = album_layout_cell(t->idx[1], scale, w), gc;

	if (i > 0 && t->start < t->idx[1]) {
		gc = album_layout_cell(t->start, scale, w);
		if (lc <= gc && gc + 1 < w)
			lc = gc + 1;
	}
	return lc;
}

void
album_layout_bar(const struct album_layout *l, int w, char *cells,
    int *track)
{
	const struct deliver_disc *d = &l->disc;
	int64_t limit = (int64_t)DELIVER_MAX_SECTORS * DELIVER_SECTOR;
	int64_t scale = d->leadout > limit ? d->leadout : limit, f;
	int c, i, k, lc, prev_end = -1, n;
	char num[8];

	for (c = 0, i = 0; c < w; c++) {
		f = ((int64_t)c * 2 + 1) * scale / (2 * (int64_t)w);
		if (track != NULL)
			track[c] = -1;
		if (!l->disc_ok || d->n == 0 || f >= d->leadout) {
			cells[c] = ' ';
			continue;
		}
		while (i + 1 < d->n && d->t[i + 1].start <= f)
			i++;
		cells[c] = f >= limit ? '!' : f < d->t[i].idx[1] ? '.' : '=';
		if (track != NULL)
			track[c] = i;
	}
	cells[w] = '\0';
	if (!l->disc_ok)
		return;
	/* Pauses and index points first, then the numbers over them: a
	 * later track's pause never hides a number. */
	for (i = 0; i < d->n; i++) {
		const struct deliver_track *t = &d->t[i];

		lc = album_layout_label(t, i, scale, w);
		/* A pause no cell's middle falls in still gets the cell
		 * before the number. */
		if (i > 0 && t->start < t->idx[1]) {
			for (c = album_layout_cell(t->start, scale, w);
			    c < lc && cells[c] != '.' && cells[c] != '!'; c++)
				;
			if (c == lc)
				cells[lc - 1] = '.';
		}
		for (k = 2; k <= t->nidx; k++)
			cells[album_layout_cell(t->idx[k], scale, w)] = '^';
	}
	for (i = 0; i < d->n; i++) {
		const struct deliver_track *t = &d->t[i];

		lc = album_layout_label(t, i, scale, w);
		n = snprintf(num, sizeof num, "%d", i + 1);
		if (lc + n > w)		/* the last number, at the end */
			lc = w - n;
		if (lc <= prev_end)
			continue;
		memcpy(cells + lc, num, (size_t)n);
		for (c = lc; c < lc + n && track != NULL; c++)
			track[c] = i;
		prev_end = lc + n - 1;
	}
}
