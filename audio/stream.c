/* stream.c - playback read-ahead and capture write-behind for one pass. */
#include "stream.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <sndfile.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

/*
 * How a source is read.  The WAV formats reel writes (every take is one)
 * are read with pread() and converted here: libsndfile's float conversion,
 * its 8 KB reads and the seek each chunk needs cost more than the mix
 * itself.  The values are libsndfile's to the bit: an N-bit sample v is
 * v / 2^(N-1), which a float holds exactly.  Anything else, and every file
 * on a big-endian host, goes through libsndfile.
 */
enum stream_kind {
	STREAM_CLOSED,		/* not opened yet */
	STREAM_FAILED,		/* could not be opened: silence */
	STREAM_SNDFILE,
	STREAM_PCM16,
	STREAM_PCM24,
	STREAM_FLOAT
};

struct stream_src {
	enum stream_kind kind;
	int fd;
	SNDFILE *sf;
	int channels;		/* of the file */
	int block;		/* bytes per frame (pread kinds) */
	int64_t data;		/* byte offset of frame 0 (pread kinds) */
	int64_t frames;
	int64_t sfpos;		/* libsndfile's position: seek only when
				 * it is not already right */
};

static void *
stream_alloc(size_t n)
{
	void *p = calloc(1, n ? n : 1);

	if (p == NULL) {
		fputs("reel: out of memory\n", stderr);
		abort();
	}
	return p;
}

static void *
stream_grow(void *p, size_t n)
{
	p = realloc(p, n);
	if (p == NULL) {
		fputs("reel: out of memory\n", stderr);
		abort();
	}
	return p;
}

void
stream_scratch_init(struct stream_scratch *sb)
{
	sb->raw = stream_alloc(sizeof(float) * STREAM_CHUNK * 2);
	sb->tmp = stream_alloc(sizeof(float) * STREAM_CHUNK * 2);
}

void
stream_scratch_free(struct stream_scratch *sb)
{
	free(sb->raw);
	free(sb->tmp);
	sb->raw = NULL;
	sb->tmp = NULL;
}

struct run *
run_new(int ntracks)
{
	struct run *r = stream_alloc(sizeof *r);

	r->ntracks = ntracks;
	r->play = stream_alloc(sizeof *r->play * (ntracks ? ntracks : 1));
	r->cap = stream_alloc(sizeof *r->cap * (ntracks ? ntracks : 1));
	r->length = INT64_MAX;
	stream_scratch_init(&r->scratch);
	return r;
}

static struct ring *
stream_ring(int channels, int frames)
{
	struct ring *ring = ring_new((size_t)frames * channels * sizeof(float));

	if (ring == NULL) {
		fputs("reel: out of memory\n", stderr);
		abort();
	}
	return ring;
}

struct pstream *
run_add_play(struct run *r, int i, int channels, int ring_frames)
{
	struct pstream *ps = stream_alloc(sizeof *ps);

	ps->channels = channels;
	ps->ring = stream_ring(channels, ring_frames);
	ps->end = INT64_MAX;
	r->play[i] = ps;
	return ps;
}

int
pstream_add_source(struct pstream *ps, const char *path)
{
	int i = ps->nsources++;

	ps->paths = stream_grow(ps->paths, sizeof *ps->paths * ps->nsources);
	ps->srcs = stream_grow(ps->srcs, sizeof *ps->srcs * ps->nsources);
	ps->paths[i] = strdup(path);
	if (ps->paths[i] == NULL)
		abort();
	memset(&ps->srcs[i], 0, sizeof ps->srcs[i]);
	ps->srcs[i].kind = STREAM_CLOSED;
	ps->srcs[i].fd = -1;
	return i;
}

void
pstream_add_segment(struct pstream *ps, const struct segment *seg)
{
	ps->segs = stream_grow(ps->segs, sizeof *ps->segs * (ps->nsegs + 1));
	ps->segs[ps->nsegs++] = *seg;
}

int
pstream_add_env(struct pstream *ps, const struct segment_env *env)
{
	ps->envs = stream_grow(ps->envs, sizeof *ps->envs * (ps->nenvs + 1));
	ps->envs[ps->nenvs++] = *env;
	return ps->nenvs;
}

struct cstream *
run_add_capture(struct run *r, int i, int channels, const int in[2],
    struct wavfile *wav, int ring_frames)
{
	struct cstream *cs = stream_alloc(sizeof *cs);

	cs->channels = channels;
	cs->in[0] = in[0];
	cs->in[1] = in[1];
	cs->ring = stream_ring(channels, ring_frames);
	cs->wav = wav;
	r->cap[i] = cs;
	return cs;
}

static void
pstream_free(struct pstream *ps)
{
	int i;

	for (i = 0; i < ps->nsources; i++) {
		if (ps->srcs[i].sf != NULL)
			sf_close(ps->srcs[i].sf);
		if (ps->srcs[i].fd >= 0)
			close(ps->srcs[i].fd);
		free(ps->paths[i]);
	}
	free(ps->paths);
	free(ps->srcs);
	free(ps->segs);
	free(ps->envs);
	ring_free(ps->ring);
	free(ps);
}

void
run_free(struct run *r)
{
	int i;

	if (r == NULL)
		return;
	for (i = 0; i < r->ntracks; i++) {
		if (r->play[i] != NULL)
			pstream_free(r->play[i]);
		if (r->cap[i] != NULL) {
			if (r->cap[i]->wav != NULL)
				wavfile_close(r->cap[i]->wav, NULL);
			ring_free(r->cap[i]->ring);
			free(r->cap[i]);
		}
	}
	free(r->play);
	free(r->cap);
	free(r->take_dir);
	stream_scratch_free(&r->scratch);
	free(r);
}

void
run_seek(struct run *r, int64_t pos)
{
	int i;

	r->start = pos;
	for (i = 0; i < r->ntracks; i++) {
		if (r->play[i] == NULL)
			continue;
		r->play[i]->pos = pos;
		ring_reset(r->play[i]->ring);
	}
}

void
run_loop(struct run *r, int64_t start, int64_t end)
{
	int i;

	r->loop_start = start;
	r->loop_end = end;
	for (i = 0; i < r->ntracks; i++)
		if (r->play[i] != NULL) {
			r->play[i]->loop_start = start;
			r->play[i]->loop_end = end;
		}
}

int64_t
run_timeline(const struct run *r, int64_t rolled)
{
	int64_t t = r->start + rolled;

	if (r->loop_end > r->loop_start && t >= r->loop_end &&
	    r->start < r->loop_end)
		t = r->loop_start + (t - r->loop_end) %
		    (r->loop_end - r->loop_start);
	return t;
}

static uint32_t
stream_le16(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8;
}

static uint32_t
stream_le32(const unsigned char *p)
{
	return stream_le16(p) | stream_le16(p + 2) << 16;
}

/*
 * Byte offset of the samples of a RIFF or RF64 WAVE file whose fmt chunk
 * says `tag` (1 PCM, 3 float; or EXTENSIBLE with that subformat), `bits`
 * and `channels` in frames of channels * bits / 8 bytes; -1 if the file is
 * anything else.  The frame count is libsndfile's, so only the start of
 * the data is needed here.
 */
static int64_t
stream_wav_data(int fd, int tag, int bits, int channels)
{
	unsigned char h[26];
	int64_t off = 12;
	bool fmt_ok = false;
	uint32_t size, t;
	int i;

	if (pread(fd, h, 12, 0) != 12 || (memcmp(h, "RIFF", 4) != 0 &&
	    memcmp(h, "RF64", 4) != 0 && memcmp(h, "BW64", 4) != 0) ||
	    memcmp(h + 8, "WAVE", 4) != 0)
		return -1;
	for (i = 0; i < 64; i++) {
		if (pread(fd, h, 8, off) != 8)
			return -1;
		size = stream_le32(h + 4);
		if (memcmp(h, "data", 4) == 0)
			return fmt_ok ? off + 8 : -1;
		if (memcmp(h, "fmt ", 4) == 0) {
			if (size < 16 || pread(fd, h, size < 26 ? 16 : 26,
			    off + 8) != (size < 26 ? 16 : 26))
				return -1;
			t = stream_le16(h);
			if (t == 0xfffe && size >= 26)
				t = stream_le16(h + 24);
			fmt_ok = (int)t == tag &&
			    (int)stream_le16(h + 2) == channels &&
			    (int)stream_le16(h + 12) == channels * bits / 8 &&
			    (int)stream_le16(h + 14) == bits;
		}
		off += 8 + (int64_t)size + (size & 1);
	}
	return -1;
}

int
stream_open_regular(const char *path)
{
	struct stat st;
	int fd, fl;

	/* O_NONBLOCK: open() of a FIFO would wait for a writer, holding up
	 * the disk thread and with it every stop and signal. */
	do
		fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	while (fd < 0 && errno == EINTR);
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return -2;
	}
	fl = fcntl(fd, F_GETFL);
	if (fl >= 0)
		fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
	return fd;
}

/* Opens source i of a stream, once. */
static struct stream_src *
pstream_open(struct pstream *ps, int i)
{
	struct stream_src *sc = &ps->srcs[i];
	SF_INFO info;
	int type, sub, tag = 0, bits = 0;

	if (sc->kind != STREAM_CLOSED)
		return sc;
	sc->kind = STREAM_FAILED;
	memset(&info, 0, sizeof info);
	sc->fd = stream_open_regular(ps->paths[i]);
	if (sc->fd < 0 || (sc->sf = sf_open_fd(sc->fd, SFM_READ, &info,
	    SF_FALSE)) == NULL) {
		if (!atomic_load(&ps->failed))
			snprintf(ps->error, sizeof ps->error, "%s: %s",
			    ps->paths[i], sc->fd == -2 ? "not a regular file" :
			    sc->fd < 0 ? strerror(errno) : sf_strerror(NULL));
		atomic_store(&ps->failed, 1);
		return sc;
	}
	/* Read ahead for us: the file is read from start to end. */
	posix_fadvise(sc->fd, 0, 0, POSIX_FADV_SEQUENTIAL);
	sc->kind = STREAM_SNDFILE;
	sc->channels = info.channels;
	sc->frames = info.frames;
	type = info.format & SF_FORMAT_TYPEMASK;
	sub = info.format & SF_FORMAT_SUBMASK;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	if ((type == SF_FORMAT_WAV || type == SF_FORMAT_WAVEX ||
	    type == SF_FORMAT_RF64) &&
	    (info.format & SF_FORMAT_ENDMASK) == SF_ENDIAN_FILE &&
	    info.channels <= 2) {
		if (sub == SF_FORMAT_PCM_16) {
			tag = 1;
			bits = 16;
		} else if (sub == SF_FORMAT_PCM_24) {
			tag = 1;
			bits = 24;
		} else if (sub == SF_FORMAT_FLOAT) {
			tag = 3;
			bits = 32;
		}
	}
#endif
	if (bits != 0 && (sc->data = stream_wav_data(sc->fd, tag, bits,
	    info.channels)) >= 0) {
		sc->kind = bits == 16 ? STREAM_PCM16 : bits == 24 ?
		    STREAM_PCM24 : STREAM_FLOAT;
		sc->block = info.channels * bits / 8;
		sf_close(sc->sf);
		sc->sf = NULL;
	}
	return sc;
}

/*
 * 24-bit little-endian samples to floats.  Four samples are twelve bytes,
 * three 32-bit loads (the host is little-endian, see pstream_open); the
 * compiler turns the conversion and scaling of the four into vector code,
 * where byte-by-byte assembly stays scalar.
 */
static void
stream_pcm24(const unsigned char *b, float *dst, size_t n)
{
	const float k = 1.0f / 2147483648.0f;
	uint32_t w0, w1, w2;
	int32_t v[4];
	size_t i, j;

	for (i = 0; i + 4 <= n; i += 4, b += 12) {
		memcpy(&w0, b, 4);
		memcpy(&w1, b + 4, 4);
		memcpy(&w2, b + 8, 4);
		v[0] = (int32_t)(w0 << 8);
		v[1] = (int32_t)((w0 >> 16 | w1 << 16) & 0xffffff00u);
		v[2] = (int32_t)((w1 >> 8 | w2 << 24) & 0xffffff00u);
		v[3] = (int32_t)(w2 & 0xffffff00u);
		for (j = 0; j < 4; j++)
			dst[i + j] = (float)v[j] * k;
	}
	for (; i < n; i++, b += 3)
		dst[i] = (float)(int32_t)((uint32_t)b[0] << 8 |
		    (uint32_t)b[1] << 16 | (uint32_t)b[2] << 24) * k;
}

static void
stream_pcm16(const unsigned char *b, float *dst, size_t n)
{
	size_t i;
	int16_t v;

	/* Only on little-endian hosts, see pstream_open. */
	for (i = 0; i < n; i++, b += 2) {
		memcpy(&v, b, 2);
		dst[i] = (float)v * (1.0f / 32768.0f);
	}
}

/*
 * Reads up to n frames from file frame `off` of a source into dst, with
 * the file's channels interleaved.  n * channels must fit STREAM_CHUNK * 2.
 * Returns the frames read; fewer (or 0) at the end of the file and on
 * errors, which play as silence.
 */
static int
stream_decode(struct stream_scratch *sb, struct stream_src *sc, int64_t off,
    float *dst, int n)
{
	unsigned char *raw = sb->raw;
	ssize_t got;

	if (sc->kind == STREAM_SNDFILE) {
		if (sc->sfpos != off && sf_seek(sc->sf, off, SEEK_SET) < 0) {
			sc->sfpos = -1;
			return 0;
		}
		got = sf_readf_float(sc->sf, dst, n);
		sc->sfpos = got > 0 ? off + got : -1;
		return got > 0 ? (int)got : 0;
	}
	if (off >= sc->frames)
		return 0;
	if (n > sc->frames - off)
		n = (int)(sc->frames - off);
	if (sc->kind == STREAM_FLOAT)
		raw = (unsigned char *)dst;
	do
		got = pread(sc->fd, raw, (size_t)n * sc->block,
		    sc->data + off * sc->block);
	while (got < 0 && errno == EINTR);
	if (got <= 0)
		return 0;
	n = (int)(got / sc->block);
	if (sc->kind == STREAM_PCM24)
		stream_pcm24(raw, dst, (size_t)n * sc->channels);
	else if (sc->kind == STREAM_PCM16)
		stream_pcm16(raw, dst, (size_t)n * sc->channels);
	return n;
}

double
segment_shape_gain(int shape, double x)
{
	if (x <= 0.0)
		return 0.0;
	if (x >= 1.0)
		return 1.0;
	if (shape == SHAPE_LINEAR)
		return x;
	if (shape == SHAPE_SCURVE)
		return 0.5 - 0.5 * cos(M_PI * x);
	return sin(M_PI / 2 * x);
}

/* A clip envelope's gain at frame t. */
static double
segment_env_gain(const struct segment_env *e, int64_t t)
{
	double g = e->gain;
	int i;

	for (i = 0; i < e->nfades; i++) {
		const struct segment_fade *f = &e->fade[i];

		if (!f->out && t < f->at + f->len)
			g *= segment_shape_gain(f->shape,
			    (double)(t - f->at) / f->len);
		else if (f->out && t >= f->at - f->len)
			g *= segment_shape_gain(f->shape,
			    (double)(f->at - t) / f->len);
	}
	return g;
}

/* Equal-power fade gain of frame t within a segment, times its clip's
 * envelope. */
static float
segment_gain(const struct segment *s, const struct segment_env *env,
    int64_t t)
{
	double g = 1.0;

	if (s->fade_in > 0 && t < s->start + s->fade_in)
		g *= sin(M_PI / 2 * (double)(t - s->start) / s->fade_in);
	if (s->fade_out > 0 && t >= s->end - s->fade_out)
		g *= sin(M_PI / 2 * (double)(s->end - t) / s->fade_out);
	if (env != NULL)
		g *= segment_env_gain(env, t);
	return (float)g;
}

/*
 * Places n decoded frames of segment s, timeline frames from t, into dst:
 * the track's channels from the file's, through the fades.  Stores, or
 * adds (`add`) where an earlier segment has already written.
 */
static void
segment_place(const struct segment *s, const struct segment_env *env,
    int64_t t, const float *src, int fch, float *dst, int ch, int n,
    bool faded, bool add)
{
	int i, rc = fch > 1 ? 1 : 0;

	for (i = 0; i < n; i++) {
		float g = faded ? segment_gain(s, env, t + i) : 1.0f;
		float l = src[i * fch], r = src[i * fch + rc];

		if (ch == 1) {
			float v = g * (fch == 1 ? l : 0.5f * (l + r));

			dst[i] = add ? dst[i] + v : v;
		} else if (add) {
			dst[2 * i] += g * l;
			dst[2 * i + 1] += g * r;
		} else {
			dst[2 * i] = g * l;
			dst[2 * i + 1] = g * r;
		}
	}
}

/*
 * Segment s's audio for timeline [a, b) into dst (frame a).  With `add`,
 * dst already holds audio and this is summed into it; otherwise dst is
 * written, silence included, whatever the file gives.
 */
static void
pstream_span(struct stream_scratch *sb, struct pstream *ps,
    const struct segment *s, int64_t a, int64_t b, float *dst, bool add)
{
	int64_t off = s->offset + (a - s->start);
	int ch = ps->channels, fch, n, got, skip;
	const struct segment_env *env = s->env > 0 && s->env <= ps->nenvs ?
	    &ps->envs[s->env - 1] : NULL;
	struct stream_src *sc;
	bool faded, direct;

	/* Frames before the start of the file (negative offsets after
	 * latency compensation) are silence. */
	if (off < 0) {
		skip = -off < b - a ? (int)-off : (int)(b - a);
		if (!add)
			memset(dst, 0, sizeof(float) * ch * skip);
		a += skip;
		dst += (size_t)skip * ch;
		off = 0;
	}
	sc = a < b ? pstream_open(ps, s->source) : NULL;
	while (a < b && sc->kind != STREAM_FAILED) {
		fch = sc->channels;
		n = (int)(b - a);
		if (n > STREAM_CHUNK * 2 / fch)
			n = STREAM_CHUNK * 2 / fch;
		faded = (s->fade_in > 0 && a < s->start + s->fade_in) ||
		    (s->fade_out > 0 && a + n > s->end - s->fade_out) ||
		    env != NULL;
		/* The common case, one take playing: straight into the
		 * ring. */
		direct = !add && !faded && fch == ch;
		got = stream_decode(sb, sc, off, direct ? dst : sb->tmp, n);
		if (got <= 0)
			break;
		if (!direct)
			segment_place(s, env, a, sb->tmp, fch, dst, ch, got,
			    faded, add);
		a += got;
		off += got;
		dst += (size_t)got * ch;
	}
	if (!add && a < b)
		memset(dst, 0, sizeof(float) * ch * (size_t)(b - a));
}

/*
 * Timeline [pos, pos + n) of a stream into dst.  Segments may overlap:
 * they are summed.  [pos, done) is what has been written so far; each
 * segment adds over that part and writes beyond it, so nothing is zeroed
 * first only to be overwritten, whatever the order of the segments.
 */
static void
pstream_render(struct stream_scratch *sb, struct pstream *ps, float *dst,
    int64_t pos, int n)
{
	int64_t a, b, done = pos;
	int ch = ps->channels, i;

	for (i = 0; i < ps->nsegs; i++) {
		const struct segment *s = &ps->segs[i];
		bool win = s->win_end > s->win_start;
		int64_t lo = win ? s->win_start : s->start;
		int64_t hi = win ? s->win_end : s->end;

		a = pos > lo ? pos : lo;
		b = pos + n < hi ? pos + n : hi;
		if (a >= b)
			continue;
		if (a < done)
			pstream_span(sb, ps, s, a, b < done ? b : done,
			    dst + (a - pos) * ch, true);
		if (b > done) {
			if (a > done)
				memset(dst + (done - pos) * ch, 0,
				    sizeof(float) * ch * (size_t)(a - done));
			else
				a = done;
			pstream_span(sb, ps, s, a, b, dst + (a - pos) * ch,
			    false);
			done = b;
		}
	}
	if (done < pos + n)
		memset(dst + (done - pos) * ch, 0,
		    sizeof(float) * ch * (size_t)(pos + n - done));
}

/* Reads ahead straight into the ring's free space. */
bool
pstream_fill(struct pstream *ps, struct stream_scratch *sb)
{
	size_t fbytes = sizeof(float) * ps->channels, len;
	bool worked = false;
	float *dst;
	int64_t n;

	while (ps->pos < ps->end) {
		dst = ring_wgetblk(ps->ring, &len);
		n = len / fbytes;
		if (n > STREAM_CHUNK)
			n = STREAM_CHUNK;
		/* Compared this way round: end - pos overflows when the
		 * pass is open-ended (end INT64_MAX) and starts before 0:00
		 * (a count-in or pre-roll), and the disk then gave the
		 * engine nothing at all. */
		if (ps->pos > ps->end - n)
			n = ps->end - ps->pos;
		if (ps->loop_end > ps->loop_start && ps->pos < ps->loop_end &&
		    n > ps->loop_end - ps->pos)
			n = ps->loop_end - ps->pos;
		if (n <= 0)
			break;
		pstream_render(sb, ps, dst, ps->pos, (int)n);
		ring_wcommit(ps->ring, fbytes * n);
		ps->pos += n;
		if (ps->loop_end > ps->loop_start && ps->pos == ps->loop_end)
			ps->pos = ps->loop_start;
		worked = true;
	}
	return worked;
}

static bool
cstream_drain(struct cstream *cs)
{
	size_t fbytes = sizeof(float) * cs->channels, len;
	const float *blk;
	bool worked = false;
	int rc;

	while ((blk = ring_rgetblk(cs->ring, &len)) != NULL && len > 0) {
		size_t frames = len / fbytes;

		if (frames == 0)
			break;
		if (cs->wav != NULL && atomic_load(&cs->error) == 0) {
			rc = wavfile_write(cs->wav, blk, frames);
			if (rc < 0)
				atomic_store(&cs->error, rc);
			else
				cs->written += frames;
		}
		/* After a failure the data is dropped: the engine must never
		 * wait on a ring nobody drains. */
		ring_rdiscard(cs->ring, frames * fbytes);
		worked = true;
	}
	return worked;
}

bool
stream_service(struct run *r, bool final)
{
	bool worked = false;
	int i;

	for (i = 0; i < r->ntracks; i++)
		if (r->cap[i] != NULL && cstream_drain(r->cap[i]))
			worked = true;
	if (!final)
		for (i = 0; i < r->ntracks; i++)
			if (r->play[i] != NULL &&
			    pstream_fill(r->play[i], &r->scratch))
				worked = true;
	return worked;
}

void
stream_sync(struct run *r)
{
	struct statvfs sv;
	int i, rc;

	for (i = 0; i < r->ntracks; i++) {
		struct cstream *cs = r->cap[i];

		if (cs == NULL || cs->wav == NULL ||
		    atomic_load(&cs->error) != 0)
			continue;
		rc = wavfile_sync(cs->wav);
		if (rc < 0)
			atomic_store(&cs->error, rc);
	}
	/* Stop before the disk is full, while the takes can still be closed
	 * cleanly. */
	if (r->take_dir != NULL && statvfs(r->take_dir, &sv) == 0 &&
	    (int64_t)sv.f_bavail * (int64_t)sv.f_frsize < r->reserve_bytes)
		atomic_store(&r->disk_error, -ENOSPC);
}
