/* cmd_import.c - import an audio file as a take, converting its rate. */
#include <errno.h>
#include <stdbool.h>
#include <samplerate.h>
#include <sndfile.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clip.h"
#include "cmd.h"
#include "comp.h"
#include "session.h"
#include "util.h"
#include "wavfile.h"

#define IMPORT_BLOCK 8192

/* Copies (and converts) src into w.  0 or -1 with err. */
static int
cmd_import_copy(SNDFILE *src, const SF_INFO *info, struct wavfile *w,
    int rate, int64_t *frames, char *err, size_t errlen, int64_t *got)
{
	int ch = info->channels, rc = 0, e, eof = 0;
	double ratio = (double)rate / info->samplerate;
	long outcap = (long)(IMPORT_BLOCK * ratio) + 16;
	float *in = xcalloc((size_t)IMPORT_BLOCK * ch, sizeof *in);
	float *out = xcalloc((size_t)outcap * ch, sizeof *out);
	SRC_STATE *conv = NULL;
	SRC_DATA d;
	sf_count_t have = 0, n;

	*frames = 0;
	*got = 0;
	if (info->samplerate != rate &&
	    (conv = src_new(SRC_SINC_BEST_QUALITY, ch, &e)) == NULL) {
		snprintf(err, errlen, "resampler: %s", src_strerror(e));
		rc = -1;
	}
	while (rc == 0) {
		if (!eof && have < IMPORT_BLOCK) {
			n = sf_readf_float(src, in + have * ch,
			    IMPORT_BLOCK - have);
			if (n < IMPORT_BLOCK - have)
				eof = 1;
			have += n > 0 ? n : 0;
			*got += n > 0 ? n : 0;
		}
		if (conv == NULL) {
			if (have == 0)
				break;
			if ((rc = wavfile_write(w, in, have)) == 0)
				*frames += have;
			have = 0;
			continue;
		}
		memset(&d, 0, sizeof d);
		d.data_in = in;
		d.input_frames = have;
		d.data_out = out;
		d.output_frames = outcap;
		d.src_ratio = ratio;
		d.end_of_input = eof;
		if ((e = src_process(conv, &d)) != 0) {
			snprintf(err, errlen, "resampler: %s", src_strerror(e));
			rc = -1;
			break;
		}
		if (d.output_frames_gen > 0 && (rc = wavfile_write(w, out,
		    d.output_frames_gen)) == 0)
			*frames += d.output_frames_gen;
		have -= d.input_frames_used;
		memmove(in, in + d.input_frames_used * ch,
		    (size_t)have * ch * sizeof *in);
		if (eof && have == 0 && d.output_frames_gen == 0)
			break;
	}
	if (rc < -1)
		snprintf(err, errlen, "%s", strerror(-rc));
	if (conv != NULL)
		src_delete(conv);
	free(in);
	free(out);
	return rc < 0 ? -1 : 0;
}

/* libsndfile reads a file cut short up to where it ends and only says so
 * in its log ("data : N (should be M)"): an import must not pass it off
 * as whole. */
static bool
cmd_import_truncated(SNDFILE *sf)
{
	char log[4096], *d;
	long long n, m;

	if (sf_command(sf, SFC_GET_LOG_INFO, log, sizeof log) <= 0)
		return false;
	for (d = log; (d = strstr(d, "data")) != NULL; d++)
		if (sscanf(d, "data : %lld (should be %lld)", &n, &m) == 2 &&
		    m < n)
			return true;
	return false;
}

static int
cmd_import_exec(struct session *s, const struct cmd_args *a)
{
	struct project *p = s->p;
	const char *file = a->argv[1], *name = cmd_key(a, "track");
	const char *at = cmd_key(a, "at");
	char base[64], err[512], *rel = NULL, *path = NULL, *dot;
	int64_t pos = 0, frames, got;
	struct track *t;
	struct take *k;
	struct wavfile *w;
	SNDFILE *src;
	SF_INFO info;
	int none[2] = { 0, 0 }, n, rc;

	if (at != NULL && cmd_parse_time(s, "at", at, &pos) != 0)
		return -1;
	memset(&info, 0, sizeof info);
	src = sf_open(file, SFM_READ, &info);
	if (src == NULL)
		return session_fail(s, "%s: not an audio file libsndfile "
		    "reads (%s)", file, sf_strerror(NULL));
	if (info.channels < 1 || info.channels > 2 || info.frames <= 0 ||
	    info.samplerate < 1000 || info.samplerate > 768000) {
		sf_close(src);
		return session_fail(s, "%s: %s", file, info.frames <= 0 ?
		    "no audio in it" : info.channels > 2 ?
		    "more than 2 channels; split it first" :
		    "its sample rate is not usable");
	}
	if (name == NULL) {
		/* The file's name, made a valid track name. */
		const char *b = strrchr(file, '/') ? strrchr(file, '/') + 1 :
		    file;
		int i;

		snprintf(base, sizeof base, "%.32s", b);
		if ((dot = strrchr(base, '.')) != NULL && dot != base)
			*dot = '\0';
		for (i = 0; base[i] != '\0'; i++)
			if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMN"
			    "OPQRSTUVWXYZ0123456789_-.", base[i]))
				base[i] = '_';
		if (base[0] == '.' || base[0] == '-')
			base[0] = '_';
		name = base;
	}
	t = project_track(p, name);
	if (t == NULL && project_name_ok(name, err, sizeof err) != 0) {
		sf_close(src);
		return session_fail(s, "track: %s", err);
	}
	if (t == NULL && project_bus(p, name) != NULL) {
		sf_close(src);
		return session_fail(s, "track: '%s' is a bus", name);
	}
	if (t != NULL && cmd_unfrozen(s, t) != 0) {
		sf_close(src);
		return -1;
	}
	if (t != NULL && t->channels != info.channels) {
		sf_close(src);
		return session_fail(s, "%s has %d channels but track %s has "
		    "%d", file, info.channels, t->name, t->channels);
	}
	if (t == NULL && p->ntracks >= PROJECT_TRACKS_MAX) {
		sf_close(src);
		return session_fail(s, "track %s: a project has at most %d "
		    "tracks", name, PROJECT_TRACKS_MAX);
	}
	if (project_number_room(p, t, err, sizeof err) != 0) {
		sf_close(src);
		return session_fail(s, "%s", err);
	}
	for (n = t ? t->next_take : 1;; n++) {
		free(rel);
		free(path);
		rel = xasprintf("audio/%s-%d.wav", name, n);
		path = project_path(p, rel);
		if (access(path, F_OK) != 0)
			break;
	}
	/* An audio/ that leads out of the project: the take would make the
	 * project refuse to open. */
	if (project_path_ok(p, rel, err, sizeof err) != 0) {
		sf_close(src);
		free(rel);
		free(path);
		return session_fail(s, "%s", err);
	}
	w = wavfile_create(path, info.channels, p->rate, p->take_format, err,
	    sizeof err);
	if (w == NULL) {
		sf_close(src);
		free(rel);
		free(path);
		return session_fail(s, "%s", err);
	}
	rc = cmd_import_copy(src, &info, w, p->rate, &frames, err,
	    sizeof err, &got);
	if (rc == 0 && (cmd_import_truncated(src) ||
	    (info.frames != SF_COUNT_MAX && got < info.frames))) {
		snprintf(err, sizeof err, "truncated: the file ends before "
		    "the audio its header announces");
		rc = -1;
	}
	sf_close(src);
	if (wavfile_close(w, NULL) != 0 && rc == 0) {
		snprintf(err, sizeof err, "%s: %s", path, strerror(errno));
		rc = -1;
	}
	if (rc != 0 || frames == 0) {
		unlink(path);
		free(rel);
		free(path);
		return session_fail(s, "%s: %s", file, rc ? err :
		    "no audio in it");
	}
	free(path);
	if (t == NULL)
		t = project_track_add(p, name, info.channels, none, NULL);
	t->next_take = n;
	k = project_take_add(t);
	k->file = rel;
	k->start = pos;
	k->length = frames;
	k->rec_start = pos;
	k->rec_end = pos + frames;
	t->active = k->id;
	k->pass = p->next_pass++;
	comp_put(t, k->id, k->rec_start, k->rec_end, comp_default_xfade(p));
	/* On a track with clips it is placed on top, as a recording is. */
	clip_recorded(t, k->rec_start, k->rec_end);
	session_step(s, "import %s as %s take %d", file, t->name, k->id);
	if (info.samplerate != p->rate)
		session_msg(s, MSG_NOTE, "imported %s as %s take %d, converted "
		    "from %d Hz", file, t->name, k->id, info.samplerate);
	else
		session_msg(s, MSG_NOTE, "imported %s as %s take %d", file,
		    t->name, k->id);
	return 0;
}

const struct cmd_entry cmd_import_entry = {
	"import", "FILE [track=NAME] [at=TIME]",
	"import an audio file as a new take (other rates are converted)", 1,
	1, "track,at", CMD_SAVE | CMD_UPDATE, cmd_import_exec
};
