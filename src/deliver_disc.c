/* deliver_disc.c - the CD's layout, its Red Book checks and its audio.
 *
 * Layout, in frames at 44.1 kHz from absolute time 00:00:00:
 * - track 1: index 00 at 0, the 2 s pregap of silence, index 01 at
 *   2 s (150 sectors), where the first song begins;
 * - a song with a pause (gap) before it: the pause begins (index 00) at
 *   the first sector boundary after the previous song's last frame and
 *   the song begins (index 01) at the first sector boundary at least gap
 *   seconds later, so no track start cuts into music;
 * - a song without a pause: it follows the previous one's last frame
 *   directly, and index 01 is the sector boundary at or before its first
 *   frame (at most 13 ms of the previous song end up in the new track,
 *   never the new song's first notes in the old one);
 * - a crossfade of N ms: the song begins N ms before the previous one
 *   ends, both fade (equal power) over the overlap, index 01 as above;
 * - index points: from the song's first frame, down to their sector;
 * - the lead-out: the sector boundary at or after the last frame, the
 *   rest of the last sector silent.
 */
#include "deliver.h"

#include <math.h>
#include <pthread.h>
#include <unistd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <samplerate.h>
#include <sndfile.h>

#include "cdtext.h"
#include "util.h"

void
deliver_report_add(struct deliver_report *r, bool error, const char *fmt,
    ...)
{
	va_list ap;
	char buf[512];

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	r->msg = xreallocarray(r->msg, (size_t)r->n + 1, sizeof *r->msg);
	r->error = xreallocarray(r->error, (size_t)r->n + 1,
	    sizeof *r->error);
	r->msg[r->n] = xstrdup(buf);
	r->error[r->n] = error;
	r->n++;
	if (error)
		r->nerrors++;
	else
		r->nwarnings++;
}

void
deliver_report_free(struct deliver_report *r)
{
	int i;

	for (i = 0; i < r->n; i++)
		free(r->msg[i]);
	free(r->msg);
	free(r->error);
	memset(r, 0, sizeof *r);
}

void
deliver_song_name(const struct album *a, int i, char *buf, size_t len)
{
	if (a->songs[i].title[0] != '\0')
		snprintf(buf, len, "song %d '%s'", i + 1, a->songs[i].title);
	else
		snprintf(buf, len, "song %d", i + 1);
}

void
deliver_msf(int64_t frames, char *buf, size_t len)
{
	int64_t s = frames / DELIVER_SECTOR;

	snprintf(buf, len, "%02lld:%02d:%02d", (long long)(s / 4500),
	    (int)(s / 75 % 60), (int)(s % 75));
}

/* "3:59.12" for messages. */
static void
deliver_disc_time(int64_t frames, char *buf, size_t len)
{
	double s = (double)frames / DELIVER_CD_RATE;

	snprintf(buf, len, "%d:%05.2f", (int)(s / 60), fmod(s, 60));
}

static int64_t
deliver_disc_up(int64_t f)
{
	return (f + DELIVER_SECTOR - 1) / DELIVER_SECTOR * DELIVER_SECTOR;
}

static int64_t
deliver_disc_down(int64_t f)
{
	return f / DELIVER_SECTOR * DELIVER_SECTOR;
}

static void
deliver_disc_codes(const struct album *a, struct deliver_report *r)
{
	char name[256], norm[14];
	const char *why;
	int i, j;

	if (a->upc[0] != '\0' && (why = album_upc_check(a->upc, norm)) !=
	    NULL)
		deliver_report_add(r, true, "the album's UPC/EAN: %s", why);
	for (i = 0; i < a->nsongs; i++) {
		if (a->songs[i].isrc[0] == '\0')
			continue;
		deliver_song_name(a, i, name, sizeof name);
		if ((why = album_isrc_check(a->songs[i].isrc, norm)) != NULL) {
			deliver_report_add(r, true, "%s: %s", name, why);
			continue;
		}
		for (j = 0; j < i; j++)
			if (strcmp(a->songs[j].isrc, a->songs[i].isrc) == 0)
				deliver_report_add(r, false, "%s has the "
				    "ISRC of song %d (%s): each recording "
				    "needs its own", name, j + 1,
				    a->songs[i].isrc);
	}
}

int
deliver_disc_plan(const struct album *a, const int64_t *lengths,
    struct deliver_disc *d, struct deliver_report *r)
{
	int64_t prev_end = 0, total;
	char name[256], t1[32], t2[32];
	int i, k;

	memset(d, 0, sizeof *d);
	d->rate = a->rate;
	if (a->nsongs == 0) {
		deliver_report_add(r, true, "the album has no songs");
		return -1;
	}
	if (a->rate < 8000 || a->rate > 384000) {
		deliver_report_add(r, true, "the album's rate %d Hz is out of "
		    "range", a->rate);
		return -1;
	}
	if (a->nsongs > DELIVER_MAX_TRACKS)
		deliver_report_add(r, true, "the album has %d songs; a CD "
		    "holds at most %d tracks", a->nsongs, DELIVER_MAX_TRACKS);
	d->n = a->nsongs;
	d->t = xcalloc((size_t)d->n, sizeof *d->t);
	for (i = 0; i < d->n; i++) {
		const struct album_song *s = &a->songs[i];
		struct deliver_track *t = &d->t[i], *p = i > 0 ? t - 1 : NULL;

		deliver_song_name(a, i, name, sizeof name);
		t->song = i;
		t->len = a->rate == DELIVER_CD_RATE ? lengths[i] :
		    (int64_t)llround((double)lengths[i] * DELIVER_CD_RATE /
		    a->rate);
		if (t->len <= 0)
			deliver_report_add(r, true, "%s: its master is empty",
			    name);
		if (p == NULL) {
			t->start = 0;
			t->audio = DELIVER_PREGAP;
			t->idx[1] = t->audio;
		} else if (s->crossfade_ms > 0) {
			t->xfade = (int64_t)llround(s->crossfade_ms *
			    (DELIVER_CD_RATE / 1000.0));
			if (t->xfade >= p->len || t->xfade >= t->len) {
				deliver_report_add(r, true, "%s: its "
				    "crossfade of %d ms is longer than %s",
				    name, s->crossfade_ms, t->xfade >= p->len ?
				    "the song before it" : "the song");
				t->xfade = 0;
			}
			if (s->gap_s > 0)
				deliver_report_add(r, false, "%s has both a "
				    "gap (%g s) and a crossfade: the "
				    "crossfade is used", name, s->gap_s);
			t->audio = prev_end - t->xfade;
			t->idx[1] = deliver_disc_down(t->audio);
			t->start = t->idx[1];
		} else if (s->gap_s > 0) {
			t->start = deliver_disc_up(prev_end);
			t->audio = deliver_disc_up(prev_end +
			    (int64_t)llround(s->gap_s * DELIVER_CD_RATE));
			t->idx[1] = t->audio;
		} else {
			t->audio = prev_end;
			t->idx[1] = deliver_disc_down(t->audio);
			t->start = t->idx[1];
		}
		/* A track cannot begin before the one before it. */
		if (p != NULL && t->idx[1] <= p->idx[p->nidx]) {
			deliver_report_add(r, true, "%s begins before the "
			    "last index of the song before it", name);
			t->idx[1] = p->idx[p->nidx] + DELIVER_SECTOR;
			if (t->start <= p->idx[p->nidx])
				t->start = t->idx[1];
		}
		t->nidx = 1;
		if (s->nindex + 1 > DELIVER_MAX_INDEX)
			deliver_report_add(r, true, "%s has %d index points; "
			    "a CD track holds at most %d (index 01 is the "
			    "start)", name, s->nindex, DELIVER_MAX_INDEX - 1);
		for (k = 0; k < s->nindex && t->nidx < DELIVER_MAX_INDEX;
		    k++) {
			int64_t at = deliver_disc_down(t->audio +
			    (int64_t)llround(s->index_s[k] * DELIVER_CD_RATE));

			if (at >= t->audio + t->len) {
				deliver_disc_time((int64_t)llround(
				    s->index_s[k] * DELIVER_CD_RATE), t1,
				    sizeof t1);
				deliver_disc_time(t->len, t2, sizeof t2);
				deliver_report_add(r, true, "%s: index %d at "
				    "%s is past the song's end (%s)", name,
				    t->nidx + 1, t1, t2);
				continue;
			}
			if (at <= t->idx[t->nidx]) {
				deliver_report_add(r, true, "%s: index %d is "
				    "less than a sector (1/75 s) after the "
				    "index before it", name, t->nidx + 1);
				continue;
			}
			t->idx[++t->nidx] = at;
		}
		prev_end = t->audio + t->len;
	}
	d->leadout = deliver_disc_up(prev_end);
	for (i = 0; i < d->n; i++) {
		struct deliver_track *t = &d->t[i];

		t->end = i + 1 < d->n ? d->t[i + 1].start : d->leadout;
		if (t->end - t->idx[1] < DELIVER_MIN_TRACK) {
			deliver_song_name(a, i, name, sizeof name);
			deliver_disc_time(t->end - t->idx[1], t1, sizeof t1);
			deliver_report_add(r, true, "%s: track %d is %s long; "
			    "a CD track must be at least 4 s", name, i + 1, t1);
		}
	}
	total = d->leadout / DELIVER_SECTOR;
	if (total > DELIVER_MAX_SECTORS) {
		deliver_msf(d->leadout, t1, sizeof t1);
		deliver_report_add(r, true, "the disc is %s long; a CD holds "
		    "at most 79:57:00", t1);
	} else if (total > 74 * 60 * 75) {
		deliver_msf(d->leadout, t1, sizeof t1);
		deliver_report_add(r, false, "the disc is %s long: over 74 "
		    "minutes, some plants and older players have trouble", t1);
	}
	deliver_disc_codes(a, r);
	cdtext_check(a, r);
	return 0;
}

void
deliver_disc_free(struct deliver_disc *d)
{
	free(d->t);
	memset(d, 0, sizeof *d);
}

int
deliver_master_info(const char *path, int64_t *frames, int *rate,
    int *channels, char *err, size_t errlen)
{
	SF_INFO info;
	SNDFILE *sf;

	memset(&info, 0, sizeof info);
	if ((sf = sf_open(path, SFM_READ, &info)) == NULL) {
		snprintf(err, errlen, "%s: %s", path, sf_strerror(NULL));
		return -1;
	}
	sf_close(sf);
	if (info.channels < 1 || info.channels > 2) {
		snprintf(err, errlen, "%s: %d channels (expected 1 or 2)",
		    path, info.channels);
		return -1;
	}
	*frames = info.frames;
	*rate = info.samplerate;
	*channels = info.channels;
	return 0;
}

int
deliver_latin1(const char *in, char *out, size_t outlen)
{
	const unsigned char *s = (const unsigned char *)in;
	size_t o = 0;
	int bad = 0;

	while (*s != '\0' && o + 1 < outlen) {
		unsigned c = *s;

		if (c < 0x80) {
			s++;
		} else if ((c & 0xe0) == 0xc0 && (s[1] & 0xc0) == 0x80) {
			c = (c & 0x1f) << 6 | (s[1] & 0x3f);
			s += 2;
		} else {
			/* 3 and 4 byte sequences are outside Latin-1. */
			c = '?';
			s++;
			while ((*s & 0xc0) == 0x80)
				s++;
		}
		if (c > 0xff || (c >= 0x80 && c < 0xa0) || c < 0x20) {
			c = '?';
			bad++;
		} else if (c == '?' && s[-1] != '?') {
			bad++;
		}
		out[o++] = (char)c;
	}
	out[o] = '\0';
	return bad;
}

/* ---- the audio ---- */

#define DELIVER_BLOCK 8192

/* The disc's frames not yet final: [base, base + len) of buf.  A song
 * adds itself into it; what no later song can reach is dithered and
 * sent to the sink. */
struct deliver_mix {
	float *buf;
	int64_t base, len, cap;		/* frames */
	struct render_dither dither;
	int16_t *out;
	int64_t clipped;
	deliver_sink_fn sink;
	void *sink_arg;
};

static void
deliver_mix_reserve(struct deliver_mix *m, int64_t upto)
{
	int64_t need = upto - m->base;

	if (need > m->cap) {
		int64_t cap = need + DELIVER_BLOCK * 4;

		m->buf = xreallocarray(m->buf, (size_t)cap * 2, sizeof(float));
		memset(m->buf + m->cap * 2, 0,
		    (size_t)(cap - m->cap) * 2 * sizeof(float));
		m->cap = cap;
	}
	if (need > m->len)
		m->len = need;
}

/* Sends [base, upto) on, dithered to 16 bits. */
static int
deliver_mix_flush(struct deliver_mix *m, int64_t upto, char *err,
    size_t errlen)
{
	while (m->base < upto) {
		int n = upto - m->base < DELIVER_BLOCK ? (int)(upto - m->base) :
		    DELIVER_BLOCK;
		int i;

		deliver_mix_reserve(m, m->base + n);
		render_dither_run(&m->dither, m->buf, n);
		for (i = 0; i < n * 2; i++) {
			float q = floorf(m->buf[i] * 32768.0f + 0.5f);

			if (q >= 32767.0f) {
				q = 32767.0f;
				m->clipped++;
			} else if (q <= -32768.0f) {
				q = -32768.0f;
				m->clipped++;
			}
			m->out[i] = (int16_t)q;
		}
		if (m->sink(m->sink_arg, m->out, n, err, errlen) != 0)
			return -1;
		memmove(m->buf, m->buf + n * 2,
		    (size_t)(m->cap - n) * 2 * sizeof(float));
		memset(m->buf + (m->cap - n) * 2, 0,
		    (size_t)n * 2 * sizeof(float));
		m->base += n;
		m->len -= n;
		if (m->len < 0)
			m->len = 0;
	}
	return 0;
}

/* Reads a master, resampled to 44.1 kHz, in blocks. */
struct deliver_reader {
	SNDFILE *sf;
	int channels;
	SRC_STATE *src;
	double ratio;
	float in[DELIVER_BLOCK * 2], tmp[DELIVER_BLOCK * 2];
	long in_len, in_pos;
	bool eof;
};

static int
deliver_reader_open(struct deliver_reader *rd, const char *path, int rate,
    char *err, size_t errlen)
{
	SF_INFO info;
	int e;

	memset(&info, 0, sizeof info);
	rd->sf = sf_open(path, SFM_READ, &info);
	if (rd->sf == NULL) {
		snprintf(err, errlen, "%s: %s", path, sf_strerror(NULL));
		return -1;
	}
	rd->channels = info.channels;
	rd->in_len = rd->in_pos = 0;
	rd->eof = false;
	rd->src = NULL;
	if (info.samplerate != rate || info.channels < 1 ||
	    info.channels > 2) {
		snprintf(err, errlen, "%s: %d Hz, %d channels (expected %d "
		    "Hz, 1 or 2)", path, info.samplerate, info.channels, rate);
		sf_close(rd->sf);
		return -1;
	}
	rd->ratio = (double)DELIVER_CD_RATE / rate;
	if (rate != DELIVER_CD_RATE) {
		rd->src = src_new(SRC_SINC_BEST_QUALITY, 2, &e);
		if (rd->src == NULL) {
			snprintf(err, errlen, "resampler: %s", src_strerror(e));
			sf_close(rd->sf);
			return -1;
		}
	}
	return 0;
}

static void
deliver_reader_close(struct deliver_reader *rd)
{
	if (rd->src != NULL)
		src_delete(rd->src);
	sf_close(rd->sf);
}

/* Reads up to DELIVER_BLOCK input frames as stereo into rd->in. */
static void
deliver_reader_fill(struct deliver_reader *rd)
{
	sf_count_t got;
	long i;

	if (rd->channels == 2) {
		got = sf_readf_float(rd->sf, rd->in, DELIVER_BLOCK);
	} else {
		got = sf_readf_float(rd->sf, rd->tmp, DELIVER_BLOCK);
		for (i = got - 1; i >= 0; i--)
			rd->in[2 * i] = rd->in[2 * i + 1] = rd->tmp[i];
	}
	rd->in_len = got > 0 ? (long)got : 0;
	rd->in_pos = 0;
	if (got < DELIVER_BLOCK)
		rd->eof = true;
}

/* Up to max frames of 44.1 kHz stereo into out; 0 at the end. */
static long
deliver_reader_read(struct deliver_reader *rd, float *out, long max,
    char *err, size_t errlen)
{
	SRC_DATA sd;
	int e;

	if (rd->src == NULL) {
		long n;

		if (rd->in_pos == rd->in_len) {
			if (rd->eof)
				return 0;
			deliver_reader_fill(rd);
		}
		n = rd->in_len - rd->in_pos < max ? rd->in_len - rd->in_pos :
		    max;
		memcpy(out, rd->in + rd->in_pos * 2, (size_t)n * 2 *
		    sizeof(float));
		rd->in_pos += n;
		return n;
	}
	for (;;) {
		if (rd->in_pos == rd->in_len && !rd->eof)
			deliver_reader_fill(rd);
		memset(&sd, 0, sizeof sd);
		sd.data_in = rd->in + rd->in_pos * 2;
		sd.input_frames = rd->in_len - rd->in_pos;
		sd.data_out = out;
		sd.output_frames = max;
		sd.src_ratio = rd->ratio;
		/* The whole file has been read: what is left is the last
		 * input, and the filter's tail drains after it. */
		sd.end_of_input = rd->eof ? 1 : 0;
		if ((e = src_process(rd->src, &sd)) != 0) {
			snprintf(err, errlen, "resampler: %s",
			    src_strerror(e));
			return -1;
		}
		rd->in_pos += sd.input_frames_used;
		if (sd.output_frames_gen > 0)
			return sd.output_frames_gen;
		if (rd->eof && rd->in_pos == rd->in_len)
			return 0;
	}
}

struct deliver_reader *
deliver_reader_new(const char *path, int rate, char *err, size_t errlen)
{
	struct deliver_reader *rd = xcalloc(1, sizeof *rd);

	if (deliver_reader_open(rd, path, rate, err, errlen) != 0) {
		free(rd);
		return NULL;
	}
	return rd;
}

long
deliver_reader_get(struct deliver_reader *rd, float *out, long max,
    char *err, size_t errlen)
{
	return deliver_reader_read(rd, out, max, err, errlen);
}

void
deliver_reader_free(struct deliver_reader *rd)
{
	if (rd != NULL) {
		deliver_reader_close(rd);
		free(rd);
	}
}

float
deliver_fade(int64_t k, int64_t n, bool in)
{
	double t = ((double)k + 0.5) / (double)n;

	return (float)(in ? sin(M_PI / 2 * t) : cos(M_PI / 2 * t));
}

/* Resampling ahead: the best sinc costs about a seventh of real time per
 * stereo stream on one core, so a helper thread resamples later songs
 * (at least two ahead of the mix, so the two threads take turns) into
 * raw float files beside the delivery, which the mix then reads. */
enum { DELIVER_PRE_FREE, DELIVER_PRE_BUSY, DELIVER_PRE_READY,
    DELIVER_PRE_FAILED, DELIVER_PRE_MIX };

struct deliver_pre {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	pthread_t th;
	const struct deliver_disc *d;
	char *const *masters;
	char **tmp;
	int *state;
	int cur;		/* the track the mix is at */
	bool stop;
};

/* Track j's frames at 44.1 kHz, exactly t->len of them, into path. */
static int
deliver_pre_song(struct deliver_pre *p, int j, struct deliver_reader *rd,
    float *blk)
{
	const struct deliver_track *t = &p->d->t[j];
	char err[256];
	FILE *f;
	int64_t k = 0;
	long n;
	bool stop = false;

	if (deliver_reader_open(rd, p->masters[t->song], p->d->rate, err,
	    sizeof err) != 0)
		return -1;
	f = fopen(p->tmp[j], "wb");
	while (f != NULL && k < t->len && !stop) {
		n = deliver_reader_read(rd, blk, DELIVER_BLOCK, err,
		    sizeof err);
		if (n < 0)
			break;
		if (n == 0) {
			n = t->len - k < DELIVER_BLOCK ? (long)(t->len - k) :
			    DELIVER_BLOCK;
			memset(blk, 0, (size_t)n * 2 * sizeof(float));
		}
		if (n > t->len - k)
			n = (long)(t->len - k);
		if (fwrite(blk, 2 * sizeof(float), (size_t)n, f) != (size_t)n)
			break;
		k += n;
		pthread_mutex_lock(&p->lock);
		stop = p->stop;
		pthread_mutex_unlock(&p->lock);
	}
	deliver_reader_close(rd);
	if (f == NULL || fclose(f) != 0 || k != t->len)
		return -1;
	return 0;
}

static void *
deliver_pre_run(void *arg)
{
	struct deliver_pre *p = arg;
	struct deliver_reader *rd = xcalloc(1, sizeof *rd);
	float *blk = xcalloc(DELIVER_BLOCK * 2, sizeof *blk);
	int j;

	pthread_mutex_lock(&p->lock);
	for (;;) {
		for (j = p->cur + 2; j < p->d->n &&
		    p->state[j] != DELIVER_PRE_FREE; j++)
			;
		if (p->stop || p->cur + 2 >= p->d->n)
			break;
		if (j >= p->d->n) {
			pthread_cond_wait(&p->cond, &p->lock);
			continue;
		}
		p->state[j] = DELIVER_PRE_BUSY;
		pthread_mutex_unlock(&p->lock);
		j = deliver_pre_song(p, j, rd, blk) == 0 ? j : -1 - j;
		pthread_mutex_lock(&p->lock);
		if (j >= 0)
			p->state[j] = DELIVER_PRE_READY;
		else
			p->state[-1 - j] = DELIVER_PRE_FAILED;
		pthread_cond_broadcast(&p->cond);
	}
	pthread_mutex_unlock(&p->lock);
	free(rd);
	free(blk);
	return NULL;
}

/* The mix arrives at track i: what has the helper made of it? */
static int
deliver_pre_take(struct deliver_pre *p, int i)
{
	int st;

	pthread_mutex_lock(&p->lock);
	p->cur = i;
	if (p->state[i] == DELIVER_PRE_FREE)
		p->state[i] = DELIVER_PRE_MIX;
	pthread_cond_broadcast(&p->cond);
	while (p->state[i] == DELIVER_PRE_BUSY)
		pthread_cond_wait(&p->cond, &p->lock);
	st = p->state[i];
	pthread_mutex_unlock(&p->lock);
	return st;
}

static struct deliver_pre *
deliver_pre_start(const struct deliver_disc *d, char *const *masters,
    const char *tmpdir)
{
	struct deliver_pre *p;
	int i;

	if (tmpdir == NULL || d->rate == DELIVER_CD_RATE || d->n < 3)
		return NULL;
	p = xcalloc(1, sizeof *p);
	p->d = d;
	p->masters = masters;
	p->tmp = xcalloc((size_t)d->n, sizeof *p->tmp);
	p->state = xcalloc((size_t)d->n, sizeof *p->state);
	for (i = 0; i < d->n; i++)
		p->tmp[i] = xasprintf("%s/.resampled-%02d.f32", tmpdir, i + 1);
	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->cond, NULL);
	if (pthread_create(&p->th, NULL, deliver_pre_run, p) != 0) {
		for (i = 0; i < d->n; i++)
			p->state[i] = DELIVER_PRE_MIX;
	}
	return p;
}

static void
deliver_pre_end(struct deliver_pre *p)
{
	int i;

	if (p == NULL)
		return;
	pthread_mutex_lock(&p->lock);
	p->stop = true;
	pthread_cond_broadcast(&p->cond);
	pthread_mutex_unlock(&p->lock);
	pthread_join(p->th, NULL);
	for (i = 0; i < p->d->n; i++) {
		unlink(p->tmp[i]);
		free(p->tmp[i]);
	}
	pthread_mutex_destroy(&p->lock);
	pthread_cond_destroy(&p->cond);
	free(p->tmp);
	free(p->state);
	free(p);
}

int
deliver_disc_audio(const struct deliver_disc *d, char *const *masters,
    const char *tmpdir, enum render_dither_mode dither, deliver_sink_fn sink,
    void *sink_arg, deliver_progress_fn progress, void *progress_arg,
    int64_t *clipped, char *err, size_t errlen)
{
	struct deliver_mix m;
	struct deliver_reader *rd;
	struct deliver_pre *pre;
	FILE *raw = NULL;
	float *blk;
	int i, rc = 0;

	memset(&m, 0, sizeof m);
	render_dither_init(&m.dither, dither, DELIVER_CD_RATE);
	m.out = xcalloc(DELIVER_BLOCK * 2, sizeof *m.out);
	m.sink = sink;
	m.sink_arg = sink_arg;
	rd = xcalloc(1, sizeof *rd);
	blk = xcalloc(DELIVER_BLOCK * 2, sizeof *blk);
	pre = deliver_pre_start(d, masters, tmpdir);
	for (i = 0; i < d->n && rc == 0; i++) {
		const struct deliver_track *t = &d->t[i];
		int64_t out_xf = i + 1 < d->n ? d->t[i + 1].xfade : 0;
		int64_t next = i + 1 < d->n ? d->t[i + 1].audio : d->leadout;
		int64_t k = 0;
		long n, j;

		if (pre != NULL && deliver_pre_take(pre, i) ==
		    DELIVER_PRE_READY)
			raw = fopen(pre->tmp[i], "rb");
		if (raw == NULL && deliver_reader_open(rd, masters[t->song],
		    d->rate, err, errlen) != 0) {
			rc = -1;
			break;
		}
		while (k < t->len) {
			if (raw != NULL)
				n = (long)fread(blk, 2 * sizeof(float),
				    DELIVER_BLOCK, raw);
			else
				n = deliver_reader_read(rd, blk, DELIVER_BLOCK,
				    err, errlen);
			if (n < 0) {
				rc = -1;
				break;
			}
			/* A resampler may give a frame less than the
			 * rounded length: silence makes it up. */
			if (n == 0) {
				n = t->len - k < DELIVER_BLOCK ?
				    (long)(t->len - k) : DELIVER_BLOCK;
				memset(blk, 0, (size_t)n * 2 * sizeof(float));
			}
			if (n > t->len - k)
				n = (long)(t->len - k);
			if (deliver_mix_flush(&m, t->audio + k < next ?
			    t->audio + k : next, err, errlen) != 0) {
				rc = -1;
				break;
			}
			deliver_mix_reserve(&m, t->audio + k + n);
			for (j = 0; j < n; j++) {
				int64_t f = k + j;
				float g = 1.0f;
				float *o = m.buf + (t->audio + f - m.base) * 2;

				if (f < t->xfade)
					g *= deliver_fade(f, t->xfade, true);
				if (f >= t->len - out_xf)
					g *= deliver_fade(f - (t->len - out_xf),
					    out_xf, false);
				o[0] += blk[2 * j] * g;
				o[1] += blk[2 * j + 1] * g;
			}
			k += n;
			if (progress != NULL && progress(progress_arg,
			    "disc audio", (double)(t->audio + k) /
			    (double)d->leadout) != 0) {
				rc = 1;
				break;
			}
		}
		if (raw != NULL) {
			fclose(raw);
			raw = NULL;
			unlink(pre->tmp[i]);
		} else {
			deliver_reader_close(rd);
		}
	}
	deliver_pre_end(pre);
	if (rc == 0 && deliver_mix_flush(&m, d->leadout, err, errlen) != 0)
		rc = -1;
	if (clipped != NULL)
		*clipped = m.clipped;
	free(blk);
	free(rd);
	free(m.out);
	free(m.buf);
	return rc;
}
