/* stream.c - playback read-ahead and capture write-behind for one pass. */
#include "stream.h"

#include <errno.h>
#include <math.h>
#include <sndfile.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statvfs.h>

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

struct run *
run_new(int ntracks)
{
	struct run *r = stream_alloc(sizeof *r);

	r->ntracks = ntracks;
	r->play = stream_alloc(sizeof *r->play * (ntracks ? ntracks : 1));
	r->cap = stream_alloc(sizeof *r->cap * (ntracks ? ntracks : 1));
	r->length = INT64_MAX;
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
	ps->tmp = stream_alloc(sizeof(float) * STREAM_CHUNK * 2);
	ps->mix = stream_alloc(sizeof(float) * STREAM_CHUNK * 2);
	r->play[i] = ps;
	return ps;
}

int
pstream_add_source(struct pstream *ps, const char *path)
{
	int i = ps->nsources++;

	ps->paths = stream_grow(ps->paths, sizeof *ps->paths * ps->nsources);
	ps->files = stream_grow(ps->files, sizeof *ps->files * ps->nsources);
	ps->file_channels = stream_grow(ps->file_channels,
	    sizeof *ps->file_channels * ps->nsources);
	ps->paths[i] = strdup(path);
	if (ps->paths[i] == NULL)
		abort();
	ps->files[i] = NULL;
	ps->file_channels[i] = 0;
	return i;
}

void
pstream_add_segment(struct pstream *ps, const struct segment *seg)
{
	ps->segs = stream_grow(ps->segs, sizeof *ps->segs * (ps->nsegs + 1));
	ps->segs[ps->nsegs++] = *seg;
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
		if (ps->files[i] != NULL)
			sf_close(ps->files[i]);
		free(ps->paths[i]);
	}
	free(ps->paths);
	free(ps->files);
	free(ps->file_channels);
	free(ps->segs);
	free(ps->tmp);
	free(ps->mix);
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

static SNDFILE *
pstream_file(struct pstream *ps, int src)
{
	SF_INFO info;

	if (ps->files[src] != NULL)
		return ps->files[src];
	memset(&info, 0, sizeof info);
	ps->files[src] = sf_open(ps->paths[src], SFM_READ, &info);
	if (ps->files[src] == NULL) {
		if (!atomic_load(&ps->failed))
			snprintf(ps->error, sizeof ps->error, "%s: %s",
			    ps->paths[src], sf_strerror(NULL));
		atomic_store(&ps->failed, 1);
		return NULL;
	}
	ps->file_channels[src] = info.channels;
	return ps->files[src];
}

/* Equal-power fade gain of frame t within a segment. */
static float
segment_gain(const struct segment *s, int64_t t)
{
	double g = 1.0;

	if (s->fade_in > 0 && t < s->start + s->fade_in)
		g *= sin(M_PI / 2 * (double)(t - s->start) / s->fade_in);
	if (s->fade_out > 0 && t >= s->end - s->fade_out)
		g *= sin(M_PI / 2 * (double)(s->end - t) / s->fade_out);
	return (float)g;
}

/* Adds segment s's audio for timeline [pos, pos+n) into ps->mix. */
static void
pstream_read_segment(struct pstream *ps, const struct segment *s,
    int64_t pos, int n)
{
	int64_t a = pos > s->start ? pos : s->start;
	int64_t b = pos + n < s->end ? pos + n : s->end;
	int64_t off = s->offset + (a - s->start);
	int skip = 0, fch, ch = ps->channels, i, got;
	float *dst, *src = ps->tmp;
	SNDFILE *sf;
	bool faded;

	if (a >= b)
		return;
	/* Frames before the start of the file (negative offsets after
	 * latency compensation) are silence. */
	if (off < 0) {
		skip = (int)-off;
		if (skip >= b - a)
			return;
		a += skip;
		off = 0;
	}
	sf = pstream_file(ps, s->source);
	if (sf == NULL)
		return;
	fch = ps->file_channels[s->source];
	if (fch > 2)
		fch = 2;
	if (sf_seek(sf, off, SEEK_SET) < 0)
		return;
	got = (int)sf_readf_float(sf, src, b - a);
	if (got <= 0)
		return;
	dst = ps->mix + (a - pos) * ch;
	faded = (s->fade_in > 0 && a < s->start + s->fade_in) ||
	    (s->fade_out > 0 && a + got > s->end - s->fade_out);
	for (i = 0; i < got; i++) {
		float g = faded ? segment_gain(s, a + i) : 1.0f;
		float l = src[i * fch], r = src[i * fch + fch - 1];

		if (ch == 1) {
			dst[i] += g * (fch == 1 ? l : 0.5f * (l + r));
		} else {
			dst[2 * i] += g * l;
			dst[2 * i + 1] += g * r;
		}
	}
}

static bool
pstream_fill(struct pstream *ps)
{
	size_t fbytes = sizeof(float) * ps->channels;
	bool worked = false;
	int64_t n;
	int i;

	while (ps->pos < ps->end) {
		n = ring_write_space(ps->ring) / fbytes;
		if (n > STREAM_CHUNK)
			n = STREAM_CHUNK;
		if (n > ps->end - ps->pos)
			n = ps->end - ps->pos;
		if (ps->loop_end > ps->loop_start && ps->pos < ps->loop_end &&
		    n > ps->loop_end - ps->pos)
			n = ps->loop_end - ps->pos;
		if (n <= 0)
			break;
		memset(ps->mix, 0, fbytes * n);
		for (i = 0; i < ps->nsegs; i++)
			pstream_read_segment(ps, &ps->segs[i], ps->pos, n);
		ring_write(ps->ring, ps->mix, fbytes * n);
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
			if (r->play[i] != NULL && pstream_fill(r->play[i]))
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
