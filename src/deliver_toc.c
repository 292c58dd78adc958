/* deliver_toc.c - the CD as a cdrdao TOC file over the disc's WAV (the
 * same file as the CUE sheet's, without the 2 s pregap before track 1,
 * which cdrdao adds itself).
 *
 * Per track: its part of the WAV (FILE "disc.wav" OFFSET LENGTH, from
 * its index 00 or 01 to the next track), START at index 01 when a pause
 * comes first (the pause belongs to the track, as on the disc), INDEX
 * lines relative to index 01, ISRC, and CD_TEXT (ISO 8859-1, every
 * field written for every track when the album uses it, as cdrdao asks).
 */
#include "deliver.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "atomicfile.h"

static void
toc_text(FILE *f, const char *indent, const char *cmd, const char *s)
{
	char l1[ALBUM_TEXT];

	deliver_latin1(s, l1, sizeof l1);
	fprintf(f, "%s%s \"", indent, cmd);
	for (s = l1; *s != '\0'; s++) {
		if (*s == '"' || *s == '\\')
			fputc('\\', f);
		fputc(*s, f);
	}
	fputs("\"\n", f);
}

/* Which CD-Text fields the album uses: title, performer, songwriter,
 * composer. */
static void
toc_used(const struct album *a, bool used[4])
{
	int i;

	used[0] = a->title[0] != '\0';
	used[1] = a->performer[0] != '\0';
	used[2] = used[3] = false;
	for (i = 0; i < a->nsongs; i++) {
		used[0] |= a->songs[i].title[0] != '\0';
		used[1] |= a->songs[i].performer[0] != '\0';
		used[2] |= a->songs[i].songwriter[0] != '\0';
		used[3] |= a->songs[i].composer[0] != '\0';
	}
}

int
deliver_toc_write(const char *path, const char *wav, const struct album *a,
    const struct deliver_disc *d, char *err, size_t errlen)
{
	struct atomicfile *af = atomicfile_open(path, err, errlen);
	bool used[4], any;
	char m1[32], m2[32];
	FILE *f;
	int i, k;

	if (af == NULL)
		return -1;
	f = atomicfile_stream(af);
	toc_used(a, used);
	any = used[0] || used[1] || used[2] || used[3];
	fputs("// reel: the disc of the album, for cdrdao\nCD_DA\n", f);
	if (a->upc[0] != '\0')
		fprintf(f, "CATALOG \"%s%s\"\n", strlen(a->upc) == 12 ? "0" :
		    "", a->upc);
	if (any) {
		fputs("CD_TEXT {\n  LANGUAGE_MAP {\n    0 : EN\n  }\n"
		    "  LANGUAGE 0 {\n", f);
		if (used[0])
			toc_text(f, "    ", "TITLE", a->title);
		if (used[1])
			toc_text(f, "    ", "PERFORMER", a->performer);
		if (used[2])
			toc_text(f, "    ", "SONGWRITER", "");
		if (used[3])
			toc_text(f, "    ", "COMPOSER", "");
		fputs("  }\n}\n", f);
	}
	for (i = 0; i < d->n; i++) {
		const struct deliver_track *t = &d->t[i];
		const struct album_song *s = &a->songs[t->song];
		/* Track 1's data begins at index 01 (cdrdao makes its
		 * pregap); the others' at their pause. */
		int64_t from = i == 0 ? t->idx[1] : t->start;

		fprintf(f, "\n// track %d\nTRACK AUDIO\nNO COPY\n"
		    "NO PRE_EMPHASIS\nTWO_CHANNEL_AUDIO\n", i + 1);
		if (s->isrc[0] != '\0')
			fprintf(f, "ISRC \"%s\"\n", s->isrc);
		if (any) {
			fputs("CD_TEXT {\n  LANGUAGE 0 {\n", f);
			if (used[0])
				toc_text(f, "    ", "TITLE", s->title);
			if (used[1])
				toc_text(f, "    ", "PERFORMER", s->performer);
			if (used[2])
				toc_text(f, "    ", "SONGWRITER",
				    s->songwriter);
			if (used[3])
				toc_text(f, "    ", "COMPOSER", s->composer);
			fputs("  }\n}\n", f);
		}
		deliver_msf(from - DELIVER_PREGAP, m1, sizeof m1);
		deliver_msf(t->end - from, m2, sizeof m2);
		fprintf(f, "FILE \"%s\" %s %s\n", wav, m1, m2);
		if (from < t->idx[1]) {
			deliver_msf(t->idx[1] - from, m1, sizeof m1);
			fprintf(f, "START %s\n", m1);
		}
		for (k = 2; k <= t->nidx; k++) {
			deliver_msf(t->idx[k] - t->idx[1], m1, sizeof m1);
			fprintf(f, "INDEX %s\n", m1);
		}
	}
	if (ferror(f)) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		atomicfile_abort(af);
		return -1;
	}
	return atomicfile_commit(af, err, errlen);
}
