/* render_out.c - the render's file: format by name, and the writers.
 *
 * WAV goes through reel's own writer (audio/wavfile.c), as takes do; FLAC,
 * Vorbis, Opus and MP3 through libsndfile.  libsndfile writes through
 * virtual I/O here so that every failed write is seen with its errno:
 * some of its encoders (MP3) only log a short write, and a render cut
 * short by a full disk or a file size limit must fail, not end quietly.
 */
#include "render_out.h"

#include <errno.h>
#include <fcntl.h>
#include <sndfile.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sample.h"
#include "util.h"
#include "wavfile.h"

#define RENDER_OUT_BLOCK 4096

static const struct render_out_codec {
	const char *ext[2];	/* file name extensions, lower case */
	const char *name;	/* for messages */
	int major, sub;		/* libsndfile; 0 for reel's WAV writer */
	const char *formats;	/* its format= names, for messages */
	const char *deflt;	/* format= when not given */
} render_out_codecs[] = {
	[RENDER_WAV] = { { "wav", "wave" }, "WAV", 0, 0,
	    "wav16, wav24 or wav32f", "wav24" },
	[RENDER_FLAC] = { { "flac", NULL }, "FLAC", SF_FORMAT_FLAC,
	    SF_FORMAT_PCM_24, "flac, flac16 or flac24", "flac24" },
	[RENDER_VORBIS] = { { "ogg", "oga" }, "Ogg Vorbis", SF_FORMAT_OGG,
	    SF_FORMAT_VORBIS, "vorbis", "vorbis" },
	[RENDER_OPUS] = { { "opus", NULL }, "Ogg Opus", SF_FORMAT_OGG,
	    SF_FORMAT_OPUS, "opus", "opus" },
	[RENDER_MP3] = { { "mp3", NULL }, "MP3", SF_FORMAT_MPEG,
	    SF_FORMAT_MPEG_LAYER_III, "mp3", "mp3" },
};
#define RENDER_OUT_NCODECS \
	(int)(sizeof render_out_codecs / sizeof render_out_codecs[0])

static const struct render_out_format {
	const char *name;
	enum render_codec codec;
	int bits;
} render_out_formats[] = {
	{ "wav16", RENDER_WAV, 16 }, { "wav24", RENDER_WAV, 24 },
	{ "wav32f", RENDER_WAV, 32 }, { "flac", RENDER_FLAC, 24 },
	{ "flac16", RENDER_FLAC, 16 }, { "flac24", RENDER_FLAC, 24 },
	{ "vorbis", RENDER_VORBIS, 0 }, { "opus", RENDER_OPUS, 0 },
	{ "mp3", RENDER_MP3, 0 },
};
#define RENDER_OUT_NFORMATS \
	(int)(sizeof render_out_formats / sizeof render_out_formats[0])

/* Defaults for the lossy codecs: transparent for most music. */
#define RENDER_OUT_VORBIS_Q	0.6	/* oggenc -q 6, ~190 kbps */
#define RENDER_OUT_MP3_Q	0.8	/* lame -V 2, ~190 kbps */
#define RENDER_OUT_OPUS_KBPS	128

struct render_out {
	struct wavfile *wav;
	SNDFILE *sf;
	int fd;
	int error;		/* -errno of the first failed write */
	int bits;		/* FLAC: 16 or 24 (written as ints) */
	int *ibuf;
	unsigned char *raw;
};

/* --- virtual I/O: a file descriptor, every error kept ------------------- */

static sf_count_t
render_out_vlen(void *user)
{
	struct render_out *o = user;
	struct stat st;

	return fstat(o->fd, &st) == 0 ? (sf_count_t)st.st_size : -1;
}

static sf_count_t
render_out_vseek(sf_count_t off, int whence, void *user)
{
	struct render_out *o = user;

	return (sf_count_t)lseek(o->fd, (off_t)off, whence);
}

static sf_count_t
render_out_vread(void *ptr, sf_count_t n, void *user)
{
	struct render_out *o = user;
	ssize_t got;

	do
		got = read(o->fd, ptr, (size_t)n);
	while (got < 0 && errno == EINTR);
	return got < 0 ? 0 : (sf_count_t)got;
}

static sf_count_t
render_out_vwrite(const void *ptr, sf_count_t n, void *user)
{
	struct render_out *o = user;
	const unsigned char *p = ptr;
	sf_count_t done = 0;
	ssize_t w;

	while (done < n) {
		w = write(o->fd, p + done, (size_t)(n - done));
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			if (o->error == 0)
				o->error = w < 0 ? -errno : -EIO;
			break;
		}
		done += w;
	}
	return done;
}

static sf_count_t
render_out_vtell(void *user)
{
	struct render_out *o = user;

	return (sf_count_t)lseek(o->fd, 0, SEEK_CUR);
}

static SF_VIRTUAL_IO render_out_vio = {
	render_out_vlen, render_out_vseek, render_out_vread,
	render_out_vwrite, render_out_vtell
};

/* A sink that keeps nothing, for asking libsndfile whether it would
 * write a format (at a rate) before anything is created. */
struct render_out_null {
	sf_count_t pos, len;
};

static sf_count_t
render_out_nlen(void *user)
{
	return ((struct render_out_null *)user)->len;
}

static sf_count_t
render_out_nseek(sf_count_t off, int whence, void *user)
{
	struct render_out_null *z = user;
	sf_count_t to = whence == SEEK_SET ? off : whence == SEEK_CUR ?
	    z->pos + off : z->len + off;

	if (to < 0)
		return -1;
	return z->pos = to;
}

static sf_count_t
render_out_nread(void *ptr, sf_count_t n, void *user)
{
	return 0;
}

static sf_count_t
render_out_nwrite(const void *ptr, sf_count_t n, void *user)
{
	struct render_out_null *z = user;

	z->pos += n;
	if (z->pos > z->len)
		z->len = z->pos;
	return n;
}

static sf_count_t
render_out_ntell(void *user)
{
	return ((struct render_out_null *)user)->pos;
}

static SF_VIRTUAL_IO render_out_nullio = {
	render_out_nlen, render_out_nseek, render_out_nread,
	render_out_nwrite, render_out_ntell
};

/* --- formats ------------------------------------------------------------ */

/* Whether the installed libsndfile lists the codec's container and
 * encoding at all (a build without MP3 or Opus does not). */
static bool
render_out_listed(const struct render_out_codec *c)
{
	SF_FORMAT_INFO fi;
	SF_INFO info;
	int i, n = 0;
	bool major = false, sub = false;

	if (c->major == 0)
		return true;
	sf_command(NULL, SFC_GET_FORMAT_MAJOR_COUNT, &n, sizeof n);
	for (i = 0; i < n && !major; i++) {
		fi.format = i;
		if (sf_command(NULL, SFC_GET_FORMAT_MAJOR, &fi, sizeof fi) == 0)
			major = fi.format == c->major;
	}
	sf_command(NULL, SFC_GET_FORMAT_SUBTYPE_COUNT, &n, sizeof n);
	for (i = 0; i < n && !sub; i++) {
		fi.format = i;
		if (sf_command(NULL, SFC_GET_FORMAT_SUBTYPE, &fi,
		    sizeof fi) == 0)
			sub = fi.format == c->sub;
	}
	memset(&info, 0, sizeof info);
	info.samplerate = 48000;
	info.channels = 2;
	info.format = c->major | c->sub;
	return major && sub && sf_format_check(&info);
}

/* ".wav, .flac, .ogg, .opus or .mp3": what this build writes. */
static void
render_out_known(char *buf, size_t len)
{
	int i, n = 0, last = -1;
	size_t at = 0;

	for (i = 0; i < RENDER_OUT_NCODECS; i++)
		if (render_out_listed(&render_out_codecs[i]))
			last = i;
	buf[0] = '\0';
	for (i = 0; i < RENDER_OUT_NCODECS && at < len; i++) {
		if (!render_out_listed(&render_out_codecs[i]))
			continue;
		at += (size_t)snprintf(buf + at, len - at, "%s.%s",
		    n == 0 ? "" : i == last ? " or " : ", ",
		    render_out_codecs[i].ext[0]);
		n++;
	}
}

/* The codec a file name asks for by its extension, or -1. */
static int
render_out_by_name(const char *file)
{
	const char *base = strrchr(file, '/'), *dot;
	int i, j;

	base = base != NULL ? base + 1 : file;
	dot = strrchr(base, '.');
	if (dot == NULL || dot == base)
		return -1;
	for (i = 0; i < RENDER_OUT_NCODECS; i++)
		for (j = 0; j < 2; j++)
			if (render_out_codecs[i].ext[j] != NULL &&
			    strcasecmp(dot + 1, render_out_codecs[i].ext[j])
			    == 0)
				return i;
	return -1;
}

static const struct render_out_format *
render_out_format(const char *name)
{
	int i;

	for (i = 0; i < RENDER_OUT_NFORMATS; i++)
		if (strcmp(render_out_formats[i].name, name) == 0)
			return &render_out_formats[i];
	return NULL;
}

/* Quality and bitrate as libsndfile takes them.  Returns false when the
 * encoder refused one. */
static bool
render_out_settings(SNDFILE *sf, const struct render_spec *sp)
{
	double c, q = sp->quality;
	int mode;

	switch (sp->codec) {
	case RENDER_VORBIS:
		return sf_command(sf, SFC_SET_VBR_ENCODING_QUALITY, &q,
		    sizeof q) == SF_TRUE;
	case RENDER_OPUS:
		/* libsndfile: (6 + 250 (1 - c)) kbps a channel; the half
		 * kbps survives its truncation to an integer. */
		if (sp->kbps > 0) {
			c = 1.0 - (sp->kbps * 500.0 - 5999.5) / 250000.0;
			c = c < 0 ? 0 : c > 1 ? 1 : c;
			return sf_command(sf, SFC_SET_COMPRESSION_LEVEL, &c,
			    sizeof c) == SF_TRUE;
		}
		return sf_command(sf, SFC_SET_VBR_ENCODING_QUALITY, &q,
		    sizeof q) == SF_TRUE;
	case RENDER_MP3:
		/* CBR: libsndfile picks 320 - 288 c kbps (at 32 kHz and
		 * up); the level goes first, the mode re-reads it. */
		if (sp->kbps > 0) {
			c = (320.0 - sp->kbps - 0.5) / 288.0;
			c = c < 0 ? 0 : c > 1 ? 1 : c;
			mode = SF_BITRATE_MODE_CONSTANT;
			return sf_command(sf, SFC_SET_COMPRESSION_LEVEL, &c,
			    sizeof c) == SF_TRUE && sf_command(sf,
			    SFC_SET_BITRATE_MODE, &mode, sizeof mode) ==
			    SF_TRUE;
		}
		mode = SF_BITRATE_MODE_VARIABLE;
		sf_command(sf, SFC_SET_BITRATE_MODE, &mode, sizeof mode);
		return sf_command(sf, SFC_SET_VBR_ENCODING_QUALITY, &q,
		    sizeof q) == SF_TRUE;
	default:
		return true;
	}
}

static int
render_out_sfformat(const struct render_spec *sp)
{
	const struct render_out_codec *c = &render_out_codecs[sp->codec];

	if (sp->codec == RENDER_FLAC)
		return c->major | (sp->bits == 16 ? SF_FORMAT_PCM_16 :
		    SF_FORMAT_PCM_24);
	return c->major | c->sub;
}

/* Whether libsndfile opens the format at this rate with these settings:
 * the encoders know their limits (Opus and MP3 rates) better than a
 * table here would. */
static int
render_out_try(const struct render_spec *sp, const char *file, int rate,
    char *err, size_t errlen)
{
	struct render_out_null z = { 0, 0 };
	SF_INFO info;
	SNDFILE *sf;
	const char *name = render_out_codecs[sp->codec].name;

	memset(&info, 0, sizeof info);
	info.samplerate = rate;
	info.channels = 2;
	info.format = render_out_sfformat(sp);
	sf = sf_open_virtual(&render_out_nullio, SFM_WRITE, &info, &z);
	if (sf == NULL) {
		const char *why = sf_strerror(NULL);

		if (strncmp(why, "Error : ", 8) == 0)
			why += 8;
		snprintf(err, errlen, "%s: libsndfile cannot write %s at %d "
		    "Hz (the project's rate): %s", file, name, rate, why);
		return -1;
	}
	if (!render_out_settings(sf, sp)) {
		snprintf(err, errlen, "%s: the %s encoder refused the "
		    "quality or bitrate: %s", file, name, sf_strerror(sf));
		sf_close(sf);
		return -1;
	}
	sf_close(sf);
	return 0;
}

static int
render_out_lossy(struct render_spec *sp, const char *file,
    const char *quality, const char *bitrate, char *err, size_t errlen)
{
	const char *name = render_out_codecs[sp->codec].name;
	char *end;
	double q;
	long kbps;
	int lo = sp->codec == RENDER_MP3 ? 32 : 12;
	int hi = sp->codec == RENDER_MP3 ? 320 : 512;

	sp->quality = sp->codec == RENDER_MP3 ? RENDER_OUT_MP3_Q :
	    RENDER_OUT_VORBIS_Q;
	if (sp->codec == RENDER_OPUS)
		sp->kbps = RENDER_OUT_OPUS_KBPS;
	if (quality != NULL && bitrate != NULL) {
		snprintf(err, errlen, "bitrate: give quality= or bitrate=, "
		    "not both");
		return -1;
	}
	if (quality != NULL) {
		errno = 0;
		q = strtod(quality, &end);
		if (errno != 0 || end == quality || *end != '\0' ||
		    !(q >= 0 && q <= 1)) {
			snprintf(err, errlen, "quality: expected a number from "
			    "0 to 1, got '%s'", quality);
			return -1;
		}
		sp->quality = q;
		sp->kbps = 0;
	}
	if (bitrate != NULL) {
		if (sp->codec == RENDER_VORBIS) {
			snprintf(err, errlen, "bitrate: libsndfile sets %s by "
			    "quality= only", name);
			return -1;
		}
		errno = 0;
		kbps = strtol(bitrate, &end, 10);
		if (errno != 0 || end == bitrate || *end != '\0' ||
		    kbps < lo || kbps > hi) {
			snprintf(err, errlen, "bitrate: expected kbps from %d "
			    "to %d for %s, got '%s'", lo, hi, name, bitrate);
			return -1;
		}
		sp->kbps = (int)kbps;
	}
	(void)file;
	return 0;
}

int
render_out_spec(struct render_spec *sp, const char *file, const char *format,
    const char *quality, const char *bitrate, int rate, char *err,
    size_t errlen)
{
	const struct render_out_format *f = NULL;
	const struct render_out_codec *c;
	char known[128];
	int codec;

	memset(sp, 0, sizeof *sp);
	if (format != NULL && (f = render_out_format(format)) == NULL) {
		snprintf(err, errlen, "format: expected wav16, wav24, wav32f, "
		    "flac, flac16, flac24, vorbis, opus or mp3, got '%s'",
		    format);
		return -1;
	}
	if (strcmp(file, "-") == 0) {
		sp->to_stdout = true;
		codec = RENDER_WAV;
		if (f != NULL && f->codec != RENDER_WAV) {
			snprintf(err, errlen, "format: standard output "
			    "carries WAV (wav16, wav24 or wav32f), got '%s'",
			    format);
			return -1;
		}
	} else if ((codec = render_out_by_name(file)) < 0 ||
	    !render_out_listed(&render_out_codecs[codec])) {
		render_out_known(known, sizeof known);
		snprintf(err, errlen, "%s: the file name's extension chooses "
		    "the format: expected %s", file, known);
		return -1;
	}
	c = &render_out_codecs[codec];
	if (f != NULL && f->codec != (enum render_codec)codec) {
		snprintf(err, errlen, "format: '%s' writes %s, but %s is %s "
		    "(%s)", format, render_out_codecs[f->codec].name, file,
		    c->name, c->formats);
		return -1;
	}
	if (f == NULL)
		f = render_out_format(c->deflt);
	sp->codec = (enum render_codec)codec;
	sp->bits = f->bits;
	strlcpy_(sp->name, f->name, sizeof sp->name);
	if (sp->codec == RENDER_WAV || sp->codec == RENDER_FLAC) {
		if (quality != NULL || bitrate != NULL) {
			snprintf(err, errlen, "%s: only for .ogg, .opus and "
			    ".mp3 files; %s is %s, lossless",
			    quality != NULL ? "quality" : "bitrate", file,
			    c->name);
			return -1;
		}
		return sp->codec == RENDER_FLAC ? render_out_try(sp, file,
		    rate, err, errlen) : 0;
	}
	if (render_out_lossy(sp, file, quality, bitrate, err, errlen) != 0)
		return -1;
	return render_out_try(sp, file, rate, err, errlen);
}

const char *
render_out_format_ext(const char *format)
{
	const struct render_out_format *f = render_out_format(format);

	return f != NULL ? render_out_codecs[f->codec].ext[0] : NULL;
}

void
render_out_describe(const struct render_spec *sp, char *buf, size_t len)
{
	const char *name = render_out_codecs[sp->codec].name;

	if (sp->codec == RENDER_WAV || sp->codec == RENDER_FLAC)
		snprintf(buf, len, "%s", sp->name);
	else if (sp->kbps > 0)
		snprintf(buf, len, "%s %s%d kbps", name,
		    sp->codec == RENDER_MP3 ? "CBR " : "", sp->kbps);
	else
		snprintf(buf, len, "%s %squality %g", name,
		    sp->codec == RENDER_MP3 ? "VBR " : "", sp->quality);
}

double
render_out_frame_bytes(const struct render_spec *sp)
{
	if (sp->codec == RENDER_WAV || sp->codec == RENDER_FLAC)
		return 2.0 * sp->bits / 8;
	/* 512 kbps, the most any of them is asked for, at 44.1 kHz. */
	return 512000.0 / 8 / 44100;
}

/* --- writing ------------------------------------------------------------ */

struct render_out *
render_out_open(const struct render_spec *sp, const char *path, int rate,
    int64_t frames, char *err, size_t errlen)
{
	struct render_out *o = xcalloc(1, sizeof *o);
	SF_INFO info;
	int fd;

	o->fd = -1;
	if (sp->codec == RENDER_WAV) {
		enum wavfile_fmt wf = sp->bits == 16 ? WAVFILE_PCM16 :
		    sp->bits == 24 ? WAVFILE_PCM24 : WAVFILE_FLOAT32;

		if (sp->to_stdout) {
			/* What was printed before comes first. */
			fflush(stdout);
			fd = fcntl(1, F_DUPFD_CLOEXEC, 3);
			if (fd < 0) {
				snprintf(err, errlen, "standard output: %s",
				    strerror(errno));
				free(o);
				return NULL;
			}
			o->wav = wavfile_stream(fd, 2, rate, wf, frames, err,
			    errlen);
		} else
			o->wav = wavfile_create(path, 2, rate, wf, err,
			    errlen);
		if (o->wav == NULL) {
			free(o);
			return NULL;
		}
		return o;
	}
	o->fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
	if (o->fd < 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		free(o);
		return NULL;
	}
	memset(&info, 0, sizeof info);
	info.samplerate = rate;
	info.channels = 2;
	info.format = render_out_sfformat(sp);
	o->sf = sf_open_virtual(&render_out_vio, SFM_WRITE, &info, o);
	if (o->sf == NULL || !render_out_settings(o->sf, sp)) {
		snprintf(err, errlen, "%s: %s", path, o->error != 0 ?
		    strerror(-o->error) : sf_strerror(o->sf));
		if (o->sf != NULL)
			sf_close(o->sf);
		close(o->fd);
		unlink(path);
		free(o);
		return NULL;
	}
	if (sp->codec == RENDER_FLAC) {
		o->bits = sp->bits;
		o->ibuf = xcalloc(RENDER_OUT_BLOCK * 2, sizeof *o->ibuf);
		o->raw = xcalloc(RENDER_OUT_BLOCK * 2, 4);
	}
	return o;
}

/* FLAC through libsndfile's int path with reel's own rounding and
 * clipping (sample.c), so that its samples are the WAV's to the bit. */
static int
render_out_flac(struct render_out *o, const float *buf, int n)
{
	const unsigned char *p;
	int i, done, k;

	for (done = 0; done < n; done += k) {
		k = n - done < RENDER_OUT_BLOCK ? n - done : RENDER_OUT_BLOCK;
		sample_from_float(o->bits == 16 ? SAMPLE_S16 : SAMPLE_S24,
		    buf + done * 2, o->raw, (size_t)k * 2, NULL);
		for (i = 0, p = o->raw; i < k * 2; i++) {
			uint32_t u;

			if (o->bits == 16) {
				u = (uint32_t)p[0] << 16 |
				    (uint32_t)p[1] << 24;
				p += 2;
			} else {
				u = (uint32_t)p[0] << 8 |
				    (uint32_t)p[1] << 16 |
				    (uint32_t)p[2] << 24;
				p += 4;
			}
			o->ibuf[i] = (int32_t)u;
		}
		if (sf_writef_int(o->sf, o->ibuf, k) != k || o->error != 0)
			return o->error != 0 ? o->error : -EIO;
	}
	return 0;
}

int
render_out_write(struct render_out *o, const float *buf, int n)
{
	if (o->wav != NULL)
		return wavfile_write(o->wav, buf, (size_t)n);
	if (o->ibuf != NULL)
		return render_out_flac(o, buf, n);
	if (sf_writef_float(o->sf, buf, n) != n || o->error != 0)
		return o->error != 0 ? o->error : -EIO;
	return 0;
}

int
render_out_close(struct render_out *o)
{
	int rc = 0;

	if (o == NULL)
		return 0;
	if (o->wav != NULL)
		rc = wavfile_close(o->wav, NULL);
	if (o->sf != NULL) {
		/* The encoders flush their last frames here. */
		if (sf_close(o->sf) != 0 && rc == 0)
			rc = -EIO;
		if (o->error != 0)
			rc = o->error;
		if (rc == 0 && fsync(o->fd) != 0)
			rc = -errno;
	}
	if (o->fd >= 0 && close(o->fd) != 0 && rc == 0)
		rc = -errno;
	free(o->ibuf);
	free(o->raw);
	free(o);
	return rc;
}
