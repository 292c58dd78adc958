/* deliver_cd.c - the CD delivery: plan, check, then one pass of audio
 * into the DDP fileset and the WAV under the CUE sheet and TOC.
 *
 * Nothing is written while an error remains (or a warning, without
 * force).  The DDP is made as DIR/DDP.partial and renamed when whole,
 * the WAV likewise, so an interrupted delivery never leaves something
 * that looks finished.
 */
#include "deliver.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <dirent.h>

#include <sndfile.h>

#include "deliver_ddp.h"
#include "util.h"

struct deliver_cd_sink {
	struct deliver_ddp *ddp;
	SNDFILE *wav;
	int64_t pos;
};

static int
deliver_cd_write(void *arg, const int16_t *x, int n, char *err,
    size_t errlen)
{
	struct deliver_cd_sink *k = arg;
	int64_t skip = k->pos < DELIVER_PREGAP ? DELIVER_PREGAP - k->pos : 0;

	if (deliver_ddp_audio(k->ddp, x, n, err, errlen) != 0)
		return -1;
	if (skip < n && sf_writef_short(k->wav, x + skip * 2, n - skip) !=
	    n - skip) {
		snprintf(err, errlen, "disc.wav: %s", sf_strerror(k->wav));
		return -1;
	}
	k->pos += n;
	return 0;
}

/* Removes dir and the files in it (one level: a DDP has no subfolders). */
static void
deliver_cd_rmdir(const char *dir)
{
	DIR *dp = opendir(dir);
	struct dirent *e;

	if (dp == NULL)
		return;
	while ((e = readdir(dp)) != NULL) {
		char *p;

		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		p = xasprintf("%s/%s", dir, e->d_name);
		unlink(p);
		free(p);
	}
	closedir(dp);
	rmdir(dir);
}

static int
deliver_cd_lengths(const struct album *a, char *const *masters,
    int64_t *len, struct deliver_report *r)
{
	char name[256], err[512];
	int i, rate, ch, bad = 0;

	for (i = 0; i < a->nsongs; i++) {
		deliver_song_name(a, i, name, sizeof name);
		len[i] = 0;
		if (deliver_master_info(masters[i], &len[i], &rate, &ch, err,
		    sizeof err) != 0) {
			deliver_report_add(r, true, "%s: %s", name, err);
			bad++;
		} else if (rate != a->rate) {
			deliver_report_add(r, true, "%s: its master is %d Hz, "
			    "the album %d Hz", name, rate, a->rate);
			bad++;
		}
	}
	return bad;
}

int
deliver_cd(const struct album *a, char *const *masters, const char *dir,
    const struct deliver_cd_opts *o, struct deliver_report *r,
    struct deliver_cd_result *res, char *err, size_t errlen)
{
	struct deliver_cd_sink k;
	int64_t *len;
	char *ddp, *part, *wav, *wavpart, *cue, *toc;
	SF_INFO info;
	struct stat st;
	int rc;

	memset(res, 0, sizeof *res);
	len = xcalloc((size_t)a->nsongs + 1, sizeof *len);
	deliver_cd_lengths(a, masters, len, r);
	rc = deliver_disc_plan(a, len, &res->disc, r);
	free(len);
	if (rc != 0 || r->nerrors > 0 || (r->nwarnings > 0 && !o->force))
		return 1;
	ddp = xasprintf("%s/DDP", dir);
	part = xasprintf("%s/DDP.partial", dir);
	wav = xasprintf("%s/disc.wav", dir);
	wavpart = xasprintf("%s/disc.wav.partial", dir);
	cue = xasprintf("%s/disc.cue", dir);
	toc = xasprintf("%s/disc.toc", dir);
	rc = -1;
	memset(&k, 0, sizeof k);
	if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
		snprintf(err, errlen, "%s: %s", dir, strerror(errno));
		goto done;
	}
	if (stat(ddp, &st) == 0) {
		snprintf(err, errlen, "%s exists: deliver into another "
		    "directory, or remove it first", ddp);
		goto done;
	}
	deliver_cd_rmdir(part);
	if ((k.ddp = deliver_ddp_open(part, err, errlen)) == NULL)
		goto done;
	memset(&info, 0, sizeof info);
	info.samplerate = DELIVER_CD_RATE;
	info.channels = 2;
	info.format = SF_FORMAT_WAV | SF_FORMAT_PCM_16;
	if ((k.wav = sf_open(wavpart, SFM_WRITE, &info)) == NULL) {
		snprintf(err, errlen, "%s: %s", wavpart, sf_strerror(NULL));
		deliver_ddp_abort(k.ddp);
		goto fail;
	}
	rc = deliver_disc_audio(&res->disc, masters, dir, o->dither,
	    deliver_cd_write, &k, o->progress, o->progress_arg, &res->clipped,
	    err, errlen);
	if (sf_close(k.wav) != 0 && rc == 0) {
		snprintf(err, errlen, "%s: write error", wavpart);
		rc = -1;
	}
	if (rc != 0) {
		deliver_ddp_abort(k.ddp);
		rc = rc > 0 ? 2 : -1;
		goto fail;
	}
	if (deliver_ddp_finish(k.ddp, a, &res->disc, err, errlen) != 0 ||
	    deliver_cue_write(cue, "disc.wav", a, &res->disc, err, errlen) !=
	    0 || deliver_toc_write(toc, "disc.wav", a, &res->disc, err,
	    errlen) != 0) {
		rc = -1;
		goto fail;
	}
	if (rename(wavpart, wav) != 0 || rename(part, ddp) != 0) {
		snprintf(err, errlen, "%s: %s", dir, strerror(errno));
		rc = -1;
		goto fail;
	}
	rc = 0;
	goto done;
fail:
	deliver_cd_rmdir(part);
	unlink(wavpart);
	unlink(cue);
	unlink(toc);
done:
	free(ddp);
	free(part);
	free(wav);
	free(wavpart);
	free(cue);
	free(toc);
	return rc;
}
