/* deliver_cue.c - the CD as a CUE sheet over one WAV of the disc.
 *
 * The WAV holds the disc from track 1's index 01 on (the 2 s pregap
 * before it is implied by every CUE reader), so a CUE time is the
 * disc's absolute time less 00:02:00.  Per track: TITLE, PERFORMER,
 * SONGWRITER (CD-Text), REM COMPOSER (the CUE sheet has no composer
 * command), ISRC, INDEX 00 when a pause comes first, INDEX 01, 02....
 * Text is UTF-8 as entered, double quotes turned into single ones.
 */
#include "deliver.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "atomicfile.h"

static void
cue_text(FILE *f, const char *indent, const char *cmd, const char *s)
{
	if (*s == '\0')
		return;
	fprintf(f, "%s%s \"", indent, cmd);
	for (; *s != '\0'; s++)
		fputc(*s == '"' ? '\'' : *s, f);
	fputs("\"\n", f);
}

int
deliver_cue_write(const char *path, const char *wav, const struct album *a,
    const struct deliver_disc *d, char *err, size_t errlen)
{
	struct atomicfile *af = atomicfile_open(path, err, errlen);
	char msf[32];
	FILE *f;
	int i, k;

	if (af == NULL)
		return -1;
	f = atomicfile_stream(af);
	fputs("REM COMMENT \"reel\"\n", f);
	cue_text(f, "", "REM GENRE", a->genre);
	if (a->upc[0] != '\0')
		fprintf(f, "CATALOG %s%s\n", strlen(a->upc) == 12 ? "0" : "",
		    a->upc);
	cue_text(f, "", "PERFORMER", a->performer);
	cue_text(f, "", "TITLE", a->title);
	fprintf(f, "FILE \"%s\" WAVE\n", wav);
	for (i = 0; i < d->n; i++) {
		const struct deliver_track *t = &d->t[i];
		const struct album_song *s = &a->songs[t->song];

		fprintf(f, "  TRACK %02d AUDIO\n", i + 1);
		cue_text(f, "    ", "TITLE", s->title);
		cue_text(f, "    ", "PERFORMER", s->performer);
		cue_text(f, "    ", "SONGWRITER", s->songwriter);
		cue_text(f, "    ", "REM COMPOSER", s->composer);
		if (s->isrc[0] != '\0')
			fprintf(f, "    ISRC %s\n", s->isrc);
		if (i > 0 && t->start < t->idx[1]) {
			deliver_msf(t->start - DELIVER_PREGAP, msf, sizeof msf);
			fprintf(f, "    INDEX 00 %s\n", msf);
		}
		for (k = 1; k <= t->nidx; k++) {
			deliver_msf(t->idx[k] - DELIVER_PREGAP, msf,
			    sizeof msf);
			fprintf(f, "    INDEX %02d %s\n", k, msf);
		}
	}
	if (ferror(f)) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		atomicfile_abort(af);
		return -1;
	}
	return atomicfile_commit(af, err, errlen);
}
