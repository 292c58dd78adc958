/* wavfile.c - crash-safe WAV/RF64 take writer. */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sample.h"
#include "wavfile.h"

/*
 * The header has a fixed layout so that a sync is one pwrite() of the
 * whole header at offset 0 (it sits in the first disk sector, so it is not
 * torn in practice) and repair knows where every field is:
 *
 *	 0 "RIFF"/"RF64" size "WAVE"
 *	12 "JUNK"/"ds64" 28: riffSize64 dataSize64 sampleCount64 tableLength
 *	48 "fmt " 16 (PCM) or 18 (float, cbSize 0)
 *	74 "fact" 4: sample frames (float only)
 *	72/86 "data" size, then the samples from 80/94.
 */
#define WAVFILE_BUFSZ	(64 * 1024)
#define WAVFILE_DS64	28
#define WAVFILE_HDRMAX	94
#define WAVFILE_FMT	48
#define WAVFILE_FACT	74
#define WAVFILE_MAXCH	256

#define WAVE_FORMAT_PCM		1
#define WAVE_FORMAT_IEEE_FLOAT	3

/*
 * Data bytes above which the header turns RF64.  Below 4 GiB by enough to
 * leave room for the header and a comment in a 32-bit RIFF size.
 */
#define WAVFILE_RF64_DEFAULT 0xffff0000u
static uint64_t wavfile_rf64_threshold = WAVFILE_RF64_DEFAULT;

/* What the header needs to know about the file. */
struct wavfile_info {
	int			 channels;
	int			 rate;
	enum wavfile_fmt	 fmt;
	size_t			 block;		/* bytes per frame */
	size_t			 hdrlen;	/* where the samples start */
	int			 rf64;		/* once set, stays */
};

struct wavfile {
	int			 fd;
	int			 stream;	/* a pipe: write() in order */
	struct wavfile_info	 info;
	enum sample_fmt		 sfmt;
	uint64_t		 ondisk;	/* data bytes, whole frames */
	unsigned char		*buf;
	size_t			 cap;		/* a multiple of the block */
	size_t			 fill;
};

void
wavfile_set_rf64_threshold(uint64_t bytes)
{
	wavfile_rf64_threshold = bytes != 0 ? bytes : WAVFILE_RF64_DEFAULT;
}

static void
wavfile_err(char *err, size_t errlen, const char *fmt, ...)
{
	va_list	ap;

	if (err == NULL || errlen == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

static void
wavfile_le16(unsigned char *p, uint32_t v)
{
	p[0] = v & 0xff;
	p[1] = (v >> 8) & 0xff;
}

static void
wavfile_le32(unsigned char *p, uint32_t v)
{
	wavfile_le16(p, v & 0xffff);
	wavfile_le16(p + 2, v >> 16);
}

static void
wavfile_le64(unsigned char *p, uint64_t v)
{
	wavfile_le32(p, (uint32_t)v);
	wavfile_le32(p + 4, (uint32_t)(v >> 32));
}

static uint32_t
wavfile_get16(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8;
}

static uint32_t
wavfile_get32(const unsigned char *p)
{
	return wavfile_get16(p) | wavfile_get16(p + 2) << 16;
}

static uint64_t
wavfile_get64(const unsigned char *p)
{
	return (uint64_t)wavfile_get32(p) | (uint64_t)wavfile_get32(p + 4) << 32;
}

static int
wavfile_bits(enum wavfile_fmt fmt)
{
	switch (fmt) {
	case WAVFILE_PCM16:
		return 16;
	case WAVFILE_PCM24:
		return 24;
	default:
		return 32;
	}
}

static size_t
wavfile_hdrlen(enum wavfile_fmt fmt)
{
	return fmt == WAVFILE_FLOAT32 ? 94 : 80;
}

static void
wavfile_info_init(struct wavfile_info *info, int channels, int rate,
    enum wavfile_fmt fmt)
{
	info->channels = channels;
	info->rate = rate;
	info->fmt = fmt;
	info->block = (size_t)channels * (size_t)(wavfile_bits(fmt) / 8);
	info->hdrlen = wavfile_hdrlen(fmt);
	info->rf64 = 0;
}

/*
 * Fills h with the header for `data` bytes of samples followed by `tail`
 * bytes of pad and trailing chunks; returns its length.  Turns the header
 * into RF64 for good once the sizes no longer fit plain RIFF.
 */
static size_t
wavfile_header(unsigned char *h, struct wavfile_info *info, uint64_t data,
    uint64_t tail)
{
	uint64_t	riff, frames;
	size_t		dataid;
	int		bits, isfloat;

	riff = info->hdrlen - 8 + data + tail;
	frames = data / info->block;
	if (data > wavfile_rf64_threshold || riff >= 0xffffffffu)
		info->rf64 = 1;
	bits = wavfile_bits(info->fmt);
	isfloat = info->fmt == WAVFILE_FLOAT32;

	memset(h, 0, WAVFILE_HDRMAX);
	memcpy(h, info->rf64 ? "RF64" : "RIFF", 4);
	wavfile_le32(h + 4, info->rf64 ? 0xffffffffu : (uint32_t)riff);
	memcpy(h + 8, "WAVE", 4);

	memcpy(h + 12, info->rf64 ? "ds64" : "JUNK", 4);
	wavfile_le32(h + 16, WAVFILE_DS64);
	if (info->rf64) {
		wavfile_le64(h + 20, riff);
		wavfile_le64(h + 28, data);
		wavfile_le64(h + 36, frames);
		/* tableLength at 44 stays 0. */
	}

	memcpy(h + WAVFILE_FMT, "fmt ", 4);
	wavfile_le32(h + 52, isfloat ? 18 : 16);
	wavfile_le16(h + 56, isfloat ? WAVE_FORMAT_IEEE_FLOAT :
	    WAVE_FORMAT_PCM);
	wavfile_le16(h + 58, (uint32_t)info->channels);
	wavfile_le32(h + 60, (uint32_t)info->rate);
	wavfile_le32(h + 64, (uint32_t)info->rate * (uint32_t)info->block);
	wavfile_le16(h + 68, (uint32_t)info->block);
	wavfile_le16(h + 70, (uint32_t)bits);
	/* cbSize at 72 for float stays 0. */

	if (isfloat) {
		memcpy(h + WAVFILE_FACT, "fact", 4);
		wavfile_le32(h + 78, 4);
		wavfile_le32(h + 82, info->rf64 ? 0xffffffffu :
		    (uint32_t)frames);
	}

	dataid = info->hdrlen - 8;
	memcpy(h + dataid, "data", 4);
	wavfile_le32(h + dataid + 4, info->rf64 ? 0xffffffffu :
	    (uint32_t)data);
	return info->hdrlen;
}

/* Writes all of buf at off; *done gets what reached the file. */
static int
wavfile_pwrite(int fd, const void *buf, size_t len, uint64_t off,
    size_t *done)
{
	const unsigned char	*p = buf;
	ssize_t			 n;
	size_t			 total = 0;
	int			 error = 0;

	while (total < len) {
		n = pwrite(fd, p + total, len - total, (off_t)(off + total));
		if (n < 0) {
			if (errno == EINTR)
				continue;
			error = -errno;
			break;
		}
		if (n == 0) {
			error = -EIO;
			break;
		}
		total += (size_t)n;
	}
	if (done != NULL)
		*done = total;
	return error;
}

/*
 * As wavfile_pwrite, in order, for a pipe.  A signal ends the write
 * (-EINTR) so that a reader that stopped reading cannot hold up ^C.
 */
static int
wavfile_swrite(int fd, const void *buf, size_t len, size_t *done)
{
	const unsigned char	*p = buf;
	ssize_t			 n;
	size_t			 total = 0;
	int			 error = 0;

	while (total < len) {
		n = write(fd, p + total, len - total);
		if (n < 0) {
			error = -errno;
			break;
		}
		if (n == 0) {
			error = -EIO;
			break;
		}
		total += (size_t)n;
	}
	if (done != NULL)
		*done = total;
	return error;
}

static int
wavfile_put_header(int fd, struct wavfile_info *info, uint64_t data,
    uint64_t tail)
{
	unsigned char	h[WAVFILE_HDRMAX];
	size_t		len;

	len = wavfile_header(h, info, data, tail);
	return wavfile_pwrite(fd, h, len, 0, NULL);
}

/*
 * Only whole frames count as on disk.  When a write stops inside a frame
 * the torn frame stays in the buffer and is written again from its start,
 * so the header never covers half a frame.
 */
static int
wavfile_flush(struct wavfile *w)
{
	size_t	done, whole;
	int	error;

	if (w->fill == 0)
		return 0;
	if (w->stream)
		error = wavfile_swrite(w->fd, w->buf, w->fill, &done);
	else
		error = wavfile_pwrite(w->fd, w->buf, w->fill,
		    w->info.hdrlen + w->ondisk, &done);
	whole = done - done % w->info.block;
	w->ondisk += whole;
	if (whole < w->fill)
		memmove(w->buf, w->buf + whole, w->fill - whole);
	w->fill -= whole;
	return error;
}

static enum sample_fmt
wavfile_sample_fmt(enum wavfile_fmt fmt)
{
	switch (fmt) {
	case WAVFILE_PCM16:
		return SAMPLE_S16;
	case WAVFILE_PCM24:
		return SAMPLE_S24_3;
	default:
		return SAMPLE_FLOAT;
	}
}

/* The new name must survive a power cut, not only the file's contents. */
static void
wavfile_sync_dir(const char *path)
{
	char	*copy;
	int	 fd;

	copy = strdup(path);
	if (copy == NULL)
		return;
	fd = open(dirname(copy), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd != -1) {
		fsync(fd);
		close(fd);
	}
	free(copy);
}

/* A writer with its buffer, not yet on a file; name is for messages. */
static struct wavfile *
wavfile_new(const char *name, int channels, int rate, enum wavfile_fmt fmt,
    char *err, size_t errlen)
{
	struct wavfile	*w;

	if (channels < 1 || channels > WAVFILE_MAXCH) {
		wavfile_err(err, errlen, "%s: %d channels (1 to %d)", name,
		    channels, WAVFILE_MAXCH);
		return NULL;
	}
	if (rate < 1 || rate > 1000000) {
		wavfile_err(err, errlen, "%s: bad sample rate %d", name, rate);
		return NULL;
	}
	if (fmt != WAVFILE_PCM16 && fmt != WAVFILE_PCM24 &&
	    fmt != WAVFILE_FLOAT32) {
		wavfile_err(err, errlen, "%s: unknown sample format", name);
		return NULL;
	}

	w = calloc(1, sizeof *w);
	if (w == NULL) {
		wavfile_err(err, errlen, "%s: %s", name, strerror(ENOMEM));
		return NULL;
	}
	wavfile_info_init(&w->info, channels, rate, fmt);
	w->sfmt = wavfile_sample_fmt(fmt);
	w->cap = WAVFILE_BUFSZ - WAVFILE_BUFSZ % w->info.block;
	w->buf = malloc(w->cap);
	if (w->buf == NULL) {
		free(w);
		wavfile_err(err, errlen, "%s: %s", name, strerror(ENOMEM));
		return NULL;
	}
	w->fd = -1;
	return w;
}

static void
wavfile_free(struct wavfile *w)
{
	free(w->buf);
	free(w);
}

struct wavfile *
wavfile_create(const char *path, int channels, int rate,
    enum wavfile_fmt fmt, char *err, size_t errlen)
{
	struct wavfile	*w;
	int		 error;

	w = wavfile_new(path, channels, rate, fmt, err, errlen);
	if (w == NULL)
		return NULL;
	w->fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
	if (w->fd == -1) {
		wavfile_err(err, errlen, "%s: %s", path, strerror(errno));
		wavfile_free(w);
		return NULL;
	}
	error = wavfile_put_header(w->fd, &w->info, 0, 0);
	if (error != 0) {
		wavfile_err(err, errlen, "%s: %s", path, strerror(-error));
		close(w->fd);
		unlink(path);
		wavfile_free(w);
		return NULL;
	}
	wavfile_sync_dir(path);
	return w;
}

struct wavfile *
wavfile_stream(int fd, int channels, int rate, enum wavfile_fmt fmt,
    int64_t frames, char *err, size_t errlen)
{
	struct wavfile	*w;
	unsigned char	 h[WAVFILE_HDRMAX];
	uint64_t	 data;
	size_t		 len;
	int		 error;

	w = wavfile_new("standard output", channels, rate, fmt, err, errlen);
	if (w == NULL)
		return NULL;
	w->fd = fd;
	w->stream = 1;
	/* The length is known before the first sample: the header is final
	 * (RF64 when it has to be), and readers need not seek. */
	data = (uint64_t)(frames > 0 ? frames : 0) * w->info.block;
	len = wavfile_header(h, &w->info, data, data & 1);
	error = wavfile_swrite(fd, h, len, NULL);
	if (error != 0) {
		wavfile_err(err, errlen, "standard output: %s",
		    strerror(-error));
		wavfile_free(w);
		return NULL;
	}
	return w;
}

int
wavfile_write(struct wavfile *w, const float *frames, size_t nframes)
{
	size_t	n, nch = (size_t)w->info.channels;
	int	error;

	while (nframes > 0) {
		if (w->fill == w->cap && (error = wavfile_flush(w)) != 0)
			return error;
		n = (w->cap - w->fill) / w->info.block;
		if (n > nframes)
			n = nframes;
		sample_from_float(w->sfmt, frames, w->buf + w->fill, n * nch,
		    NULL);
		w->fill += n * w->info.block;
		frames += n * nch;
		nframes -= n;
	}
	/* The buffer goes out once it holds a tenth of a second (or is
	 * full): what reel has not handed the kernel is what a kill -9
	 * loses, and the page cache outlives the process. */
	if (w->fill == w->cap || w->fill >= w->info.block *
	    (size_t)(w->info.rate / 10 > 0 ? w->info.rate / 10 : 1))
		return wavfile_flush(w);
	return 0;
}

int
wavfile_sync(struct wavfile *w)
{
	int	error, e;

	error = wavfile_flush(w);
	if (w->stream)
		return error;
	/* Whatever the flush managed is worth describing. */
	e = wavfile_put_header(w->fd, &w->info, w->ondisk, 0);
	if (error == 0)
		error = e;
	if (fdatasync(w->fd) == -1 && error == 0)
		error = -errno;
	return error;
}

int64_t
wavfile_frames(const struct wavfile *w)
{
	return (int64_t)((w->ondisk + w->fill) / w->info.block);
}

int64_t
wavfile_frames_on_disk(const struct wavfile *w)
{
	return (int64_t)(w->ondisk / w->info.block);
}

/*
 * The bytes after an odd data chunk: a pad byte, then LIST/INFO/ICMT when
 * there is a comment.  NULL when out of memory.
 */
static unsigned char *
wavfile_tail(uint64_t data, const char *comment, size_t *len)
{
	unsigned char	*t;
	size_t		 pad, clen, cpad, n;

	pad = data & 1;
	n = pad;
	if (comment != NULL) {
		clen = strlen(comment) + 1;
		cpad = clen & 1;
		n += 8 + 4 + 8 + clen + cpad;
	}
	*len = n;
	t = calloc(1, n > 0 ? n : 1);
	if (t == NULL || comment == NULL)
		return t;

	memcpy(t + pad, "LIST", 4);
	wavfile_le32(t + pad + 4, (uint32_t)(4 + 8 + clen + cpad));
	memcpy(t + pad + 8, "INFO", 4);
	memcpy(t + pad + 12, "ICMT", 4);
	wavfile_le32(t + pad + 16, (uint32_t)clen);
	memcpy(t + pad + 20, comment, clen);
	return t;
}

static int
wavfile_finish(struct wavfile *w, const char *comment)
{
	unsigned char	*t;
	uint64_t	 end;
	size_t		 tlen = 0;
	int		 error, e;

	error = wavfile_flush(w);
	end = w->info.hdrlen + w->ondisk;

	if (comment != NULL && strlen(comment) > 0xffff0000u)
		comment = NULL;
	t = wavfile_tail(w->ondisk, comment, &tlen);
	if (t == NULL) {
		if (error == 0)
			error = -ENOMEM;
		tlen = 0;
	} else if (tlen > 0) {
		e = wavfile_pwrite(w->fd, t, tlen, end, NULL);
		if (e != 0) {
			if (error == 0)
				error = e;
			tlen = 0;
		}
	}
	free(t);

	/* Drops a torn frame or a half-written tail past the real end. */
	if (ftruncate(w->fd, (off_t)(end + tlen)) == -1 && error == 0)
		error = -errno;
	e = wavfile_put_header(w->fd, &w->info, w->ondisk, tlen);
	if (error == 0)
		error = e;
	if (fsync(w->fd) == -1 && error == 0)
		error = -errno;
	return error;
}

int
wavfile_close(struct wavfile *w, const char *comment)
{
	static const unsigned char	zero;
	int				error;

	if (w == NULL)
		return 0;
	if (w->stream) {
		/* The header promised its length; the pad byte follows an
		 * odd data chunk. */
		error = wavfile_flush(w);
		if (error == 0 && (w->ondisk & 1) != 0)
			error = wavfile_swrite(w->fd, &zero, 1, NULL);
	} else
		error = wavfile_finish(w, comment);
	if (close(w->fd) == -1 && error == 0)
		error = -errno;
	wavfile_free(w);
	return error;
}

/*
 * Reads back a header this module wrote: the layout must match exactly,
 * since repair rewrites it whole.  *data gets the size the header claims,
 * or 0 when it is half-way between RIFF and RF64.
 */
static int
wavfile_parse(const unsigned char *h, size_t n, struct wavfile_info *info,
    uint64_t *data)
{
	enum wavfile_fmt	fmt;
	uint32_t		tag, fmtlen, channels, rate, block, bits;
	int			riff, rf64;

	if (n < 80)
		return -1;
	riff = memcmp(h, "RIFF", 4) == 0 && memcmp(h + 12, "JUNK", 4) == 0;
	rf64 = memcmp(h, "RF64", 4) == 0 && memcmp(h + 12, "ds64", 4) == 0;
	if ((memcmp(h, "RIFF", 4) != 0 && memcmp(h, "RF64", 4) != 0) ||
	    memcmp(h + 8, "WAVE", 4) != 0 ||
	    (memcmp(h + 12, "JUNK", 4) != 0 &&
	    memcmp(h + 12, "ds64", 4) != 0) ||
	    wavfile_get32(h + 16) != WAVFILE_DS64 ||
	    memcmp(h + WAVFILE_FMT, "fmt ", 4) != 0)
		return -1;

	fmtlen = wavfile_get32(h + 52);
	tag = wavfile_get16(h + 56);
	channels = wavfile_get16(h + 58);
	rate = wavfile_get32(h + 60);
	block = wavfile_get16(h + 68);
	bits = wavfile_get16(h + 70);
	if (tag == WAVE_FORMAT_PCM && fmtlen == 16 && bits == 16)
		fmt = WAVFILE_PCM16;
	else if (tag == WAVE_FORMAT_PCM && fmtlen == 16 && bits == 24)
		fmt = WAVFILE_PCM24;
	else if (tag == WAVE_FORMAT_IEEE_FLOAT && fmtlen == 18 && bits == 32)
		fmt = WAVFILE_FLOAT32;
	else
		return -1;
	if (channels < 1 || channels > WAVFILE_MAXCH || rate < 1 ||
	    rate > 1000000 || block != channels * (bits / 8))
		return -1;

	wavfile_info_init(info, (int)channels, (int)rate, fmt);
	if (n < info->hdrlen)
		return -1;
	if (fmt == WAVFILE_FLOAT32 && (memcmp(h + WAVFILE_FACT, "fact", 4) != 0 ||
	    wavfile_get32(h + 78) != 4))
		return -1;
	if (memcmp(h + info->hdrlen - 8, "data", 4) != 0)
		return -1;

	info->rf64 = rf64;
	if (rf64)
		*data = wavfile_get64(h + 28);
	else if (riff)
		*data = wavfile_get32(h + info->hdrlen - 4);
	else
		*data = 0;
	return 0;
}

/*
 * A file that was closed has its header sizes right and ends with a LIST
 * chunk that reaches exactly to the end; its length then says nothing
 * about the frames.  Returns the tail length, or -1 when not closed.
 */
static int64_t
wavfile_closed_tail(int fd, const struct wavfile_info *info, uint64_t data,
    uint64_t size)
{
	unsigned char	c[8];
	uint64_t	off, len;

	if (data % info->block != 0)
		return -1;
	off = info->hdrlen + data + (data & 1);
	if (off + 8 > size || pread(fd, c, 8, (off_t)off) != 8 ||
	    memcmp(c, "LIST", 4) != 0)
		return -1;
	len = wavfile_get32(c + 4);
	if (off + 8 + len + (len & 1) != size)
		return -1;
	return (int64_t)(size - info->hdrlen - data);
}

static int
wavfile_fix(int fd, struct wavfile_info *info, uint64_t hdata, uint64_t size,
    uint64_t *frames)
{
	static const unsigned char	zero;
	uint64_t			data, tail;
	int64_t				closed;
	int				error;

	closed = wavfile_closed_tail(fd, info, hdata, size);
	if (closed >= 0) {
		data = hdata;
		tail = (uint64_t)closed;
	} else {
		/* Never closed: the samples run to the end of the file. */
		data = size - info->hdrlen;
		data -= data % info->block;
		tail = data & 1;
		if (ftruncate(fd, (off_t)(info->hdrlen + data)) == -1)
			return -errno;
		if (tail != 0 && (error = wavfile_pwrite(fd, &zero, 1,
		    info->hdrlen + data, NULL)) != 0)
			return error;
	}
	if ((error = wavfile_put_header(fd, info, data, tail)) != 0)
		return error;
	if (fsync(fd) == -1)
		return -errno;
	*frames = data / info->block;
	return 0;
}

int
wavfile_repair(const char *path, int64_t *frames, char *err, size_t errlen)
{
	struct wavfile_info	info;
	struct stat		st;
	unsigned char		h[WAVFILE_HDRMAX];
	uint64_t		hdata, n = 0;
	ssize_t			got;
	int			fd, error;

	fd = open(path, O_RDWR | O_CLOEXEC);
	if (fd == -1) {
		wavfile_err(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	got = pread(fd, h, sizeof h, 0);
	if (got < 0 || fstat(fd, &st) == -1) {
		wavfile_err(err, errlen, "%s: %s", path, strerror(errno));
		close(fd);
		return -1;
	}
	if (wavfile_parse(h, (size_t)got, &info, &hdata) != 0 ||
	    (uint64_t)st.st_size < info.hdrlen) {
		wavfile_err(err, errlen, "%s: not a WAV file written by reel",
		    path);
		close(fd);
		return -1;
	}
	error = wavfile_fix(fd, &info, hdata, (uint64_t)st.st_size, &n);
	if (close(fd) == -1 && error == 0)
		error = -errno;
	if (error != 0) {
		wavfile_err(err, errlen, "%s: %s", path, strerror(-error));
		return -1;
	}
	if (frames != NULL)
		*frames = (int64_t)n;
	return 0;
}
