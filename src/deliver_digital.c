/* deliver_digital.c - files for digital distribution, per song:
 *
 *   hires/NN Title.wav   24-bit at the album rate, with a BWF bext chunk
 *                        (version 2: description, originator, date, and
 *                        the loudness fields: integrated, range, true
 *                        peak, momentary and short-term maxima, x100)
 *   flac/NN Title.flac   24-bit at the album rate, Vorbis comments TITLE,
 *                        ARTIST, ALBUM, ALBUMARTIST, TRACKNUMBER,
 *                        TRACKTOTAL, ISRC, COMPOSER, LYRICIST, GENRE,
 *                        CATALOGNUMBER, BARCODE (libFLAC: libsndfile's
 *                        strings have no ISRC)
 *   cd/NN Title.wav      16-bit 44.1 kHz: best-sinc resampling, TPDF
 *                        dither once
 *   preview/NN Title.mp3 when this libsndfile writes MP3 (from the
 *                        44.1 kHz stream, before the dither)
 *   report.txt           what `deliver digital` prints
 *
 * The report gives per song its loudness, what each streaming service
 * does to its level (master.c), and whether it meets Apple Digital
 * Masters: a source of 24 bits or more at 44.1 kHz or more, no clipped
 * sample, and no clipped sample after an AAC round trip (deliver_aac.c:
 * 256 kbit/s AAC-LC at 44.1 kHz, as Apple Music streams it, made from
 * the same 44.1 kHz stream as the CD master, before its dither).  When
 * this libavcodec has no AAC encoder the report says so and asks for a
 * true peak of -1 dBTP or lower instead, Apple's own advice for it.
 */
#include "deliver_digital.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <FLAC/metadata.h>
#include <FLAC/stream_encoder.h>
#include <sndfile.h>

#include "atomicfile.h"
#include "deliver_aac.h"
#include "master.h"
#include "util.h"

#define DIGITAL_BLOCK 8192

/* A song's AAC round trip, or why there is none. */
struct digital_aac {
	bool measured;
	struct deliver_aac_result r;
	char why[200];
};

/* "03 Title" with what a file name cannot hold made '_'. */
static void
digital_stem(const struct album *a, int i, char *buf, size_t len)
{
	const char *t = a->songs[i].title;
	char *p;

	if (*t != '\0')
		snprintf(buf, len, "%02d %s", i + 1, t);
	else
		snprintf(buf, len, "%02d Song %d", i + 1, i + 1);
	for (p = buf; *p != '\0'; p++)
		if (*p == '/' || (unsigned char)*p < 0x20 || *p == '\\')
			*p = '_';
}

/* Whether this libsndfile writes MP3 (asked at run time: Debian's has
 * since 1.1).  Opus is not used: it is 48 kHz only and the preview is
 * made from the 44.1 kHz stream. */
static int
digital_lossy(const char **ext)
{
	SF_FORMAT_INFO fi;
	int i, n = 0, mp3 = 0;

	sf_command(NULL, SFC_GET_FORMAT_MAJOR_COUNT, &n, sizeof n);
	for (i = 0; i < n; i++) {
		fi.format = i;
		if (sf_command(NULL, SFC_GET_FORMAT_MAJOR, &fi, sizeof fi) != 0)
			continue;
		if ((fi.format & SF_FORMAT_TYPEMASK) == SF_FORMAT_MPEG)
			mp3 = 1;
	}
	if (mp3) {
		*ext = "mp3";
		return SF_FORMAT_MPEG | SF_FORMAT_MPEG_LAYER_III;
	}
	*ext = NULL;
	return 0;
}

static void
digital_bext(SNDFILE *sf, const struct album *a, int i,
    const struct loudness_figures *f)
{
	SF_BROADCAST_INFO b;
	time_t now = time(NULL);
	struct tm tm;

	memset(&b, 0, sizeof b);
	char tmp[16];

	snprintf(b.description, sizeof b.description, "%.120s - %.120s",
	    a->songs[i].title, a->title);
	snprintf(b.originator, sizeof b.originator, "reel");
	snprintf(b.originator_reference, sizeof b.originator_reference,
	    "%s", a->songs[i].isrc);
	gmtime_r(&now, &tm);
	/* Fixed fields without a terminating NUL. */
	strftime(tmp, sizeof tmp, "%Y-%m-%d", &tm);
	memcpy(b.origination_date, tmp, sizeof b.origination_date);
	strftime(tmp, sizeof tmp, "%H:%M:%S", &tm);
	memcpy(b.origination_time, tmp, sizeof b.origination_time);
	b.version = 2;
#define DIGITAL_X100(v) ((int16_t)(isfinite(v) ? lrint((v) * 100) : -32768))
	b.loudness_value = DIGITAL_X100(f->integrated);
	b.loudness_range = DIGITAL_X100(f->range);
	b.max_true_peak_level = DIGITAL_X100(f->true_peak);
	b.max_momentary_loudness = DIGITAL_X100(f->momentary_max);
	b.max_shortterm_loudness = DIGITAL_X100(f->short_term_max);
	snprintf(b.coding_history, sizeof b.coding_history,
	    "A=PCM,F=%d,W=24,M=stereo,T=reel\r\n", a->rate);
	b.coding_history_size = (uint32_t)strlen(b.coding_history);
	sf_command(sf, SFC_SET_BROADCAST_INFO, &b, sizeof b);
}

static void
digital_comment(FLAC__StreamMetadata *vc, const char *key, const char *v)
{
	FLAC__StreamMetadata_VorbisComment_Entry e;

	if (v == NULL || *v == '\0')
		return;
	if (FLAC__metadata_object_vorbiscomment_entry_from_name_value_pair(&e,
	    key, v))
		FLAC__metadata_object_vorbiscomment_append_comment(vc, e,
		    false);
}

static FLAC__StreamEncoder *
digital_flac_open(const struct album *a, int i, const char *path,
    FLAC__StreamMetadata **vcp, char *err, size_t errlen)
{
	FLAC__StreamEncoder *e = FLAC__stream_encoder_new();
	FLAC__StreamMetadata *vc;
	char num[16];

	if (e == NULL)
		fatal("out of memory");
	FLAC__stream_encoder_set_channels(e, 2);
	FLAC__stream_encoder_set_bits_per_sample(e, 24);
	FLAC__stream_encoder_set_sample_rate(e, (unsigned)a->rate);
	FLAC__stream_encoder_set_compression_level(e, 5);
	vc = FLAC__metadata_object_new(FLAC__METADATA_TYPE_VORBIS_COMMENT);
	if (vc == NULL)
		fatal("out of memory");
	digital_comment(vc, "TITLE", a->songs[i].title);
	digital_comment(vc, "ARTIST", a->songs[i].performer[0] != '\0' ?
	    a->songs[i].performer : a->performer);
	digital_comment(vc, "ALBUM", a->title);
	digital_comment(vc, "ALBUMARTIST", a->performer);
	snprintf(num, sizeof num, "%d", i + 1);
	digital_comment(vc, "TRACKNUMBER", num);
	snprintf(num, sizeof num, "%d", a->nsongs);
	digital_comment(vc, "TRACKTOTAL", num);
	digital_comment(vc, "ISRC", a->songs[i].isrc);
	digital_comment(vc, "COMPOSER", a->songs[i].composer);
	digital_comment(vc, "LYRICIST", a->songs[i].songwriter);
	digital_comment(vc, "GENRE", a->genre);
	digital_comment(vc, "CATALOGNUMBER", a->catalog);
	digital_comment(vc, "BARCODE", a->upc);
	FLAC__stream_encoder_set_metadata(e, &vc, 1);
	if (FLAC__stream_encoder_init_file(e, path, NULL, NULL) !=
	    FLAC__STREAM_ENCODER_INIT_STATUS_OK) {
		snprintf(err, errlen, "%s: cannot write FLAC", path);
		FLAC__stream_encoder_delete(e);
		FLAC__metadata_object_delete(vc);
		return NULL;
	}
	*vcp = vc;
	return e;
}

/* One song's files; its measurement into f, clipped samples into *clip,
 * its AAC round trip into aac. */
static int
digital_song(const struct album *a, int i, const char *master,
    const char *dir, const struct deliver_digital_opts *o, int lossy,
    const char *lossy_ext, struct loudness_figures *f, int64_t *clip,
    struct digital_aac *aac, char *err, size_t errlen)
{
	char stem[ALBUM_TEXT + 16], *hp, *fp, *cp, *pp = NULL;
	SF_INFO in, hi, cd, pv;
	SNDFILE *src = NULL, *hs = NULL, *cs = NULL, *ps = NULL;
	FLAC__StreamEncoder *fe = NULL;
	FLAC__StreamMetadata *vc = NULL;
	struct deliver_reader *rd = NULL;
	struct deliver_aac *ac = NULL;
	struct render_dither dth;
	float *buf = xcalloc(DIGITAL_BLOCK * 2, sizeof *buf);
	float *mono = xcalloc(DIGITAL_BLOCK, sizeof *mono);
	FLAC__int32 *ib = xcalloc(DIGITAL_BLOCK * 2, sizeof *ib);
	int64_t want44, got44 = 0;
	sf_count_t n, k;
	int rc = -1;

	digital_stem(a, i, stem, sizeof stem);
	hp = xasprintf("%s/hires/%s.wav", dir, stem);
	fp = xasprintf("%s/flac/%s.flac", dir, stem);
	cp = xasprintf("%s/cd/%s.wav", dir, stem);
	if (lossy != 0)
		pp = xasprintf("%s/preview/%s.%s", dir, stem, lossy_ext);
	*clip = 0;
	if (master_measure_file(master, f, err, errlen) != 0)
		goto done;
	memset(&in, 0, sizeof in);
	if ((src = sf_open(master, SFM_READ, &in)) == NULL) {
		snprintf(err, errlen, "%s: %s", master, sf_strerror(NULL));
		goto done;
	}
	hi = (SF_INFO){ .samplerate = a->rate, .channels = 2,
	    .format = SF_FORMAT_WAV | SF_FORMAT_PCM_24 };
	if ((hs = sf_open(hp, SFM_WRITE, &hi)) == NULL) {
		snprintf(err, errlen, "%s: %s", hp, sf_strerror(NULL));
		goto done;
	}
	digital_bext(hs, a, i, f);
	if ((fe = digital_flac_open(a, i, fp, &vc, err, errlen)) == NULL)
		goto done;
	while ((n = in.channels == 1 ? sf_readf_float(src, mono,
	    DIGITAL_BLOCK) : sf_readf_float(src, buf, DIGITAL_BLOCK)) > 0) {
		if (in.channels == 1)
			for (k = 0; k < n; k++)
				buf[2 * k] = buf[2 * k + 1] = mono[k];
		for (k = 0; k < n * 2; k++) {
			double v = floor((double)buf[k] * 8388608.0 + 0.5);

			if (fabsf(buf[k]) >= 1.0f)
				(*clip)++;
			ib[k] = (FLAC__int32)(v > 8388607 ? 8388607 :
			    v < -8388608 ? -8388608 : v);
		}
		if (sf_writef_float(hs, buf, n) != n) {
			snprintf(err, errlen, "%s: %s", hp, sf_strerror(hs));
			goto done;
		}
		if (!FLAC__stream_encoder_process_interleaved(fe, ib,
		    (unsigned)n)) {
			snprintf(err, errlen, "%s: FLAC encoder: %s", fp,
			    FLAC__stream_encoder_get_resolved_state_string(fe));
			goto done;
		}
	}
	if (!FLAC__stream_encoder_finish(fe)) {
		snprintf(err, errlen, "%s: FLAC encoder failed", fp);
		goto done;
	}
	/* The CD-spec master and the preview from 44.1 kHz. */
	want44 = a->rate == DELIVER_CD_RATE ? in.frames :
	    (int64_t)llround((double)in.frames * DELIVER_CD_RATE / a->rate);
	if ((rd = deliver_reader_new(master, a->rate, err, errlen)) == NULL)
		goto done;
	cd = (SF_INFO){ .samplerate = DELIVER_CD_RATE, .channels = 2,
	    .format = SF_FORMAT_WAV | SF_FORMAT_PCM_16 };
	if ((cs = sf_open(cp, SFM_WRITE, &cd)) == NULL) {
		snprintf(err, errlen, "%s: %s", cp, sf_strerror(NULL));
		goto done;
	}
	if (pp != NULL) {
		pv = (SF_INFO){ .samplerate = DELIVER_CD_RATE, .channels = 2,
		    .format = lossy };
		ps = sf_open(pp, SFM_WRITE, &pv);
		if (ps != NULL) {
			sf_set_string(ps, SF_STR_TITLE, a->songs[i].title);
			sf_set_string(ps, SF_STR_ARTIST,
			    a->songs[i].performer[0] != '\0' ?
			    a->songs[i].performer : a->performer);
			sf_set_string(ps, SF_STR_ALBUM, a->title);
		}
	}
	aac->measured = false;
	ac = deliver_aac_new(aac->why, sizeof aac->why);
	render_dither_init(&dth, o->dither, DELIVER_CD_RATE);
	while (got44 < want44) {
		long m = deliver_reader_get(rd, buf, DIGITAL_BLOCK, err,
		    errlen);

		if (m < 0)
			goto done;
		if (m == 0) {
			m = want44 - got44 < DIGITAL_BLOCK ?
			    (long)(want44 - got44) : DIGITAL_BLOCK;
			memset(buf, 0, (size_t)m * 2 * sizeof(float));
		}
		if (m > want44 - got44)
			m = (long)(want44 - got44);
		if (ps != NULL && sf_writef_float(ps, buf, m) != m) {
			sf_close(ps);
			ps = NULL;
			unlink(pp);
		}
		/* A codec failure costs the measurement, not the files. */
		if (ac != NULL && deliver_aac_add(ac, buf, m, aac->why,
		    sizeof aac->why) != 0) {
			deliver_aac_free(ac);
			ac = NULL;
		}
		render_dither_run(&dth, buf, (int)m);
		for (k = 0; k < m * 2; k++) {
			float q = floorf(buf[k] * 32768.0f + 0.5f);

			buf[k] = (q > 32767.0f ? 32767.0f : q < -32768.0f ?
			    -32768.0f : q) / 32768.0f;
		}
		if (sf_writef_float(cs, buf, m) != m) {
			snprintf(err, errlen, "%s: %s", cp, sf_strerror(cs));
			goto done;
		}
		got44 += m;
	}
	if (ac != NULL)
		aac->measured = deliver_aac_finish(ac, &aac->r, aac->why,
		    sizeof aac->why) == 0;
	rc = 0;
done:
	if (src != NULL)
		sf_close(src);
	if (hs != NULL && sf_close(hs) != 0 && rc == 0) {
		snprintf(err, errlen, "%s: write error", hp);
		rc = -1;
	}
	if (cs != NULL && sf_close(cs) != 0 && rc == 0) {
		snprintf(err, errlen, "%s: write error", cp);
		rc = -1;
	}
	if (ps != NULL)
		sf_close(ps);
	if (fe != NULL)
		FLAC__stream_encoder_delete(fe);
	if (vc != NULL)
		FLAC__metadata_object_delete(vc);
	deliver_reader_free(rd);
	deliver_aac_free(ac);
	free(buf);
	free(mono);
	free(ib);
	free(hp);
	free(fp);
	free(cp);
	free(pp);
	return rc;
}

static void
digital_report_song(FILE *f, const struct album *a, int i,
    const struct loudness_figures *lf, int64_t clip,
    const struct digital_aac *aac)
{
	const struct master_service *sv;
	char il[16], tp[16], sp[16], effect[160];
	bool ok_src = a->rate >= 44100, ok_tp;

	loudness_format(lf->integrated, il, sizeof il);
	loudness_format(lf->true_peak, tp, sizeof tp);
	loudness_format(lf->sample_peak, sp, sizeof sp);
	fprintf(f, "%02d %s\n", i + 1, a->songs[i].title[0] != '\0' ?
	    a->songs[i].title : "(untitled)");
	fprintf(f, "  %s LUFS integrated, %s dBTP true peak, %s dBFS sample "
	    "peak, %.1f LU range%s%s\n", il, tp, sp,
	    isfinite(lf->range) ? lf->range : 0.0,
	    a->songs[i].isrc[0] != '\0' ? ", ISRC " : "", a->songs[i].isrc);
	for (sv = master_services; sv->name != NULL; sv++) {
		master_service_effect(sv, lf, effect, sizeof effect);
		fprintf(f, "  %-13s %s\n", sv->name, effect);
	}
	if (aac->measured) {
		char atp[16];

		ok_tp = aac->r.clipped == 0;
		loudness_format(aac->r.true_peak, atp, sizeof atp);
		fprintf(f, "  AAC round trip: true peak %s dBTP, %lld clipped "
		    "samples: ", atp, (long long)aac->r.clipped);
		/* afclip's verdict is the samples; a decode whose peaks
		 * between them pass full scale still clips in many a
		 * player's converter, which is worth the advice. */
		if (ok_tp && aac->r.true_peak > 0)
			fprintf(f, "passes, but its peaks between samples go "
			    "over full scale: lower the master by %.1f dB to "
			    "keep them under\n", deliver_aac_cut(&aac->r));
		else if (ok_tp)
			fprintf(f, "passes\n");
		else
			fprintf(f, "fails, lower the master by %.1f dB\n",
			    deliver_aac_cut(&aac->r));
	} else {
		ok_tp = lf->true_peak <= -1.0;
		fprintf(f, "  AAC round trip: not measured (%s): judged by "
		    "true peak %s dBTP against -1.0\n", aac->why, tp);
	}
	fprintf(f, "  Apple Digital Masters: %s:", ok_src && clip == 0 &&
	    ok_tp ? "meets it" : "does not meet it");
	fprintf(f, " source %d Hz %s", a->rate, ok_src ? "(24-bit or more, "
	    "44.1 kHz or more)" : "(below 44.1 kHz)");
	fprintf(f, "; %lld clipped samples", (long long)clip);
	if (aac->measured)
		fprintf(f, "; the AAC round trip %s\n", ok_tp ? "does not clip" :
		    "clips");
	else
		fprintf(f, "; the AAC round trip %s\n", ok_tp ? "judged safe" :
		    "judged unsafe");
}

int
deliver_digital(const struct album *a, char *const *masters,
    const char *dir, const struct deliver_digital_opts *o,
    struct deliver_report *r, char **report, char *err, size_t errlen)
{
	static const char *const sub[] = { "hires", "flac", "cd", "preview" };
	const char *lossy_ext;
	int lossy = digital_lossy(&lossy_ext), i, k, rc = 0;
	char name[256], *path, *text = NULL;
	size_t textlen = 0;
	FILE *rep;
	int64_t len;
	int rate, ch;

	*report = NULL;
	if (a->nsongs == 0)
		deliver_report_add(r, true, "the album has no songs");
	for (i = 0; i < a->nsongs; i++) {
		deliver_song_name(a, i, name, sizeof name);
		if (deliver_master_info(masters[i], &len, &rate, &ch, err,
		    errlen) != 0)
			deliver_report_add(r, true, "%s: %s", name, err);
		else if (rate != a->rate)
			deliver_report_add(r, true, "%s: its master is %d Hz, "
			    "the album %d Hz", name, rate, a->rate);
		if (a->songs[i].isrc[0] == '\0')
			deliver_report_add(r, false, "%s has no ISRC: "
			    "distributors ask for one per recording", name);
	}
	if (r->nerrors > 0)
		return 1;
	if ((mkdir(dir, 0777) != 0 && errno != EEXIST))
		goto syserr;
	for (k = 0; k < 4; k++) {
		if (k == 3 && lossy == 0)
			continue;
		path = xasprintf("%s/%s", dir, sub[k]);
		if (mkdir(path, 0777) != 0 && errno != EEXIST) {
			free(path);
			goto syserr;
		}
		free(path);
	}
	rep = open_memstream(&text, &textlen);
	if (rep == NULL)
		fatal("out of memory");
	fprintf(rep, "reel: digital delivery of \"%s\"%s%s, %d songs, "
	    "%d Hz\n", a->title, a->performer[0] != '\0' ? " by " : "",
	    a->performer, a->nsongs, a->rate);
	if (lossy == 0)
		fprintf(rep, "previews: this libsndfile does not write MP3: "
		    "none made\n");
	fprintf(rep, "AAC round trip: as Apple Music streams it, %d kbit/s "
	    "AAC-LC at 44.1 kHz (libavcodec), decoded and counted as afclip "
	    "does\n", DELIVER_AAC_BITRATE / 1000);
	for (i = 0; i < a->nsongs && rc == 0; i++) {
		struct loudness_figures lf;
		struct digital_aac aac;
		int64_t clip;

		if (o->progress != NULL && o->progress(o->progress_arg,
		    "digital", (double)i / a->nsongs) != 0) {
			rc = 2;
			break;
		}
		if (digital_song(a, i, masters[i], dir, o, lossy, lossy_ext,
		    &lf, &clip, &aac, err, errlen) != 0) {
			rc = -1;
			break;
		}
		fputc('\n', rep);
		digital_report_song(rep, a, i, &lf, clip, &aac);
	}
	fclose(rep);
	if (rc == 0) {
		struct atomicfile *af;

		path = xasprintf("%s/report.txt", dir);
		af = atomicfile_open(path, err, errlen);
		free(path);
		if (af == NULL) {
			rc = -1;
		} else {
			fputs(text, atomicfile_stream(af));
			rc = atomicfile_commit(af, err, errlen);
		}
	}
	if (rc == 0)
		*report = text;
	else
		free(text);
	return rc;
syserr:
	snprintf(err, errlen, "%s: %s", dir, strerror(errno));
	return -1;
}
