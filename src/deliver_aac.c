/* deliver_aac.c - the AAC round trip, in memory, with libavcodec.
 *
 * reel starts no programs, so the round trip Apple's afclip and its
 * Mastered for iTunes droplet do with afconvert is done here with the
 * libraries ffmpeg's own `-c:a aac` uses: the native encoder ("aac",
 * AAC-LC, its default two-loop search) at 256 kbit/s, and the native
 * float decoder, whose output is not clamped, so a sample the codec
 * pushes past full scale shows as > 1.0.  Frames of the encoder's size
 * (1024) in planar float; each packet is decoded as soon as it leaves
 * the encoder, so nothing but one frame is held.  The encoder's 1024
 * priming samples and the padding of its last frame make the decode
 * longer than the song; they are measured too (near silence), since
 * only the clips matter, not where they fall.
 *
 * The two-loop search costs about 30 s of CPU per hour of stereo (7 s
 * for a 4-minute song of dense noise), so it runs on a thread of its
 * own, fed through a bounded ring: on 2 cores it overlaps the rest of
 * the song's delivery (FLAC, resampling, the MP3 preview) instead of
 * adding to it.
 */
#include "deliver_aac.h"

#include <math.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <dlfcn.h>
#include <libavcodec/avcodec.h>
#include <libavutil/channel_layout.h>
#include <libavutil/log.h>
#include <libavutil/macros.h>

#include "loudness.h"
#include "util.h"

/*
 * libavcodec is opened the first time a delivery needs it, not linked:
 * with it come about a hundred libraries (every video codec Debian builds
 * it with), whose loading cost every start of reel some 17 MB of memory
 * and tens of milliseconds.  The functions below are called through
 * pointers looked up then; a machine without the library gets a report
 * that says so (deliver_aac_new fails with the reason).
 */
#define AAC_FUNCS(X) \
	X(av_channel_layout_copy) X(av_frame_alloc) X(av_frame_free) \
	X(av_frame_get_buffer) X(av_frame_make_writable) X(av_frame_unref) \
	X(av_log_set_level) X(av_mallocz) X(av_packet_alloc) \
	X(av_packet_free) X(av_packet_unref) X(av_strerror) \
	X(avcodec_alloc_context3) X(avcodec_find_decoder_by_name) \
	X(avcodec_find_encoder_by_name) X(avcodec_free_context) \
	X(avcodec_open2) X(avcodec_receive_frame) X(avcodec_receive_packet) \
	X(avcodec_send_frame) X(avcodec_send_packet)
#define AAC_LIB "libavcodec.so." AV_STRINGIFY(LIBAVCODEC_VERSION_MAJOR)

static struct {
#define AAC_FIELD(f) __typeof__(f) *f;
	AAC_FUNCS(AAC_FIELD)
#undef AAC_FIELD
} aac_fn;
static pthread_once_t aac_once = PTHREAD_ONCE_INIT;
static char aac_loaderr[300];	/* empty when every function was found */

static void
aac_load(void)
{
	void *h = dlopen(AAC_LIB, RTLD_NOW | RTLD_LOCAL);

	if (h == NULL) {
		snprintf(aac_loaderr, sizeof aac_loaderr, "%s", dlerror());
		return;
	}
#define AAC_SYM(f) \
	if (aac_loaderr[0] == '\0' && \
	    (aac_fn.f = (__typeof__(f) *)dlsym(h, #f)) == NULL) \
		snprintf(aac_loaderr, sizeof aac_loaderr, "%s has no %s", \
		    AAC_LIB, #f);
	AAC_FUNCS(AAC_SYM)
#undef AAC_SYM
}

/* From here on the names call the pointers. */
#define av_channel_layout_copy aac_fn.av_channel_layout_copy
#define av_frame_alloc aac_fn.av_frame_alloc
#define av_frame_free aac_fn.av_frame_free
#define av_frame_get_buffer aac_fn.av_frame_get_buffer
#define av_frame_make_writable aac_fn.av_frame_make_writable
#define av_frame_unref aac_fn.av_frame_unref
#define av_log_set_level aac_fn.av_log_set_level
#define av_mallocz aac_fn.av_mallocz
#define av_packet_alloc aac_fn.av_packet_alloc
#define av_packet_free aac_fn.av_packet_free
#define av_packet_unref aac_fn.av_packet_unref
#define av_strerror aac_fn.av_strerror
#define avcodec_alloc_context3 aac_fn.avcodec_alloc_context3
#define avcodec_find_decoder_by_name aac_fn.avcodec_find_decoder_by_name
#define avcodec_find_encoder_by_name aac_fn.avcodec_find_encoder_by_name
#define avcodec_free_context aac_fn.avcodec_free_context
#define avcodec_open2 aac_fn.avcodec_open2
#define avcodec_receive_frame aac_fn.avcodec_receive_frame
#define avcodec_receive_packet aac_fn.avcodec_receive_packet
#define avcodec_send_frame aac_fn.avcodec_send_frame
#define avcodec_send_packet aac_fn.avcodec_send_packet

/* Frames the ring holds (interleaved stereo): 1.5 s. */
#define AAC_RING 65536
#define AAC_CHUNK 4096

struct deliver_aac {
	/* Shared with the thread, under mu. */
	pthread_mutex_t mu;
	pthread_cond_t cv;		/* data, space, end or stop */
	float *ring;
	int64_t wr, rd;			/* frames written, read */
	bool end, stop, failed, started;
	pthread_t th;
	int rc;				/* the thread's result */
	char err[200];
	struct deliver_aac_result res;

	/* The thread's own. */
	AVCodecContext *enc, *dec;
	AVFrame *in, *out;
	AVPacket *pkt;
	int fill;		/* frames waiting in `in` */
	int64_t pts;
	struct loudness *tp;
	float *ileave;		/* a decoded frame, interleaved */
	int ileave_len;
	double peak;		/* linear */
	int64_t clipped, frames;
};

static void *aac_run(void *arg);

static void
aac_error(char *err, size_t errlen, const char *what, int e)
{
	char s[AV_ERROR_MAX_STRING_SIZE];

	av_strerror(e, s, sizeof s);
	snprintf(err, errlen, "AAC round trip: %s: %s", what, s);
}

/* One decoded frame: its peak, its clips, its true peak. */
static int
aac_measure(struct deliver_aac *s, const AVFrame *f, char *err,
    size_t errlen)
{
	const float *l = (const float *)f->extended_data[0];
	const float *r = (const float *)f->extended_data[
	    f->ch_layout.nb_channels > 1 ? 1 : 0];
	int k, n = f->nb_samples;

	if (f->format != AV_SAMPLE_FMT_FLTP) {
		snprintf(err, errlen, "AAC round trip: the decoder gave "
		    "sample format %d, not planar float", f->format);
		return -1;
	}
	if (n > s->ileave_len) {
		free(s->ileave);
		s->ileave = xcalloc((size_t)n * 2, sizeof *s->ileave);
		s->ileave_len = n;
	}
	for (k = 0; k < n; k++) {
		float a = fabsf(l[k]), b = fabsf(r[k]);

		s->clipped += (a >= 1.0f) + (b >= 1.0f);
		if (a > s->peak)
			s->peak = a;
		if (b > s->peak)
			s->peak = b;
		s->ileave[2 * k] = l[k];
		s->ileave[2 * k + 1] = r[k];
	}
	s->frames += n;
	if (loudness_add(s->tp, s->ileave, (size_t)n) != 0) {
		snprintf(err, errlen, "AAC round trip: out of memory");
		return -1;
	}
	return 0;
}

/* Takes every frame the decoder has ready. */
static int
aac_drain_dec(struct deliver_aac *s, char *err, size_t errlen)
{
	int e;

	while ((e = avcodec_receive_frame(s->dec, s->out)) == 0) {
		e = aac_measure(s, s->out, err, errlen);
		av_frame_unref(s->out);
		if (e != 0)
			return -1;
	}
	if (e != AVERROR(EAGAIN) && e != AVERROR_EOF) {
		aac_error(err, errlen, "decoding", e);
		return -1;
	}
	return 0;
}

/* Decodes every packet the encoder has ready. */
static int
aac_drain_enc(struct deliver_aac *s, char *err, size_t errlen)
{
	int e;

	while ((e = avcodec_receive_packet(s->enc, s->pkt)) == 0) {
		e = avcodec_send_packet(s->dec, s->pkt);
		av_packet_unref(s->pkt);
		if (e < 0) {
			aac_error(err, errlen, "decoding", e);
			return -1;
		}
		if (aac_drain_dec(s, err, errlen) != 0)
			return -1;
	}
	if (e != AVERROR(EAGAIN) && e != AVERROR_EOF) {
		aac_error(err, errlen, "encoding", e);
		return -1;
	}
	return 0;
}

/* Sends `in` (its first `fill` frames) to the encoder, or the end. */
static int
aac_send(struct deliver_aac *s, bool end, char *err, size_t errlen)
{
	int e;

	if (!end) {
		s->in->nb_samples = s->fill;
		s->in->pts = s->pts;
		s->pts += s->fill;
	}
	e = avcodec_send_frame(s->enc, end ? NULL : s->in);
	s->fill = 0;
	if (e < 0) {
		aac_error(err, errlen, "encoding", e);
		return -1;
	}
	return aac_drain_enc(s, err, errlen);
}

struct deliver_aac *
deliver_aac_new(char *err, size_t errlen)
{
	const AVCodec *ec, *dc;
	AVChannelLayout stereo = AV_CHANNEL_LAYOUT_STEREO;
	struct deliver_aac *s;
	int e;

	pthread_once(&aac_once, aac_load);
	if (aac_loaderr[0] != '\0') {
		snprintf(err, errlen, "libavcodec could not be loaded: %s",
		    aac_loaderr);
		return NULL;
	}
	ec = avcodec_find_encoder_by_name("aac");
	dc = avcodec_find_decoder_by_name("aac");
	if (ec == NULL || dc == NULL) {
		snprintf(err, errlen, "this libavcodec has no AAC %s",
		    ec == NULL ? "encoder" : "decoder");
		return NULL;
	}
	/* libavcodec's notes would land on the curses screen; every
	 * failure comes back as a code and is reported from it. */
	av_log_set_level(AV_LOG_QUIET);
	s = xcalloc(1, sizeof *s);
	pthread_mutex_init(&s->mu, NULL);
	pthread_cond_init(&s->cv, NULL);
	s->ring = xcalloc((size_t)AAC_RING * 2, sizeof *s->ring);
	s->enc = avcodec_alloc_context3(ec);
	s->dec = avcodec_alloc_context3(dc);
	s->in = av_frame_alloc();
	s->out = av_frame_alloc();
	s->pkt = av_packet_alloc();
	s->tp = loudness_new(DELIVER_AAC_RATE, 2, 0);
	if (s->enc == NULL || s->dec == NULL || s->in == NULL ||
	    s->out == NULL || s->pkt == NULL || s->tp == NULL)
		fatal("out of memory");
	s->enc->sample_fmt = AV_SAMPLE_FMT_FLTP;
	s->enc->sample_rate = DELIVER_AAC_RATE;
	s->enc->bit_rate = DELIVER_AAC_BITRATE;
	s->enc->profile = FF_PROFILE_AAC_LOW;
	s->enc->time_base = (AVRational){ 1, DELIVER_AAC_RATE };
	s->enc->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
	av_channel_layout_copy(&s->enc->ch_layout, &stereo);
	if ((e = avcodec_open2(s->enc, ec, NULL)) < 0) {
		aac_error(err, errlen, "opening the encoder", e);
		goto fail;
	}
	/* The decoder learns the stream from the encoder's
	 * AudioSpecificConfig, as a player does from the .m4a. */
	s->dec->sample_rate = DELIVER_AAC_RATE;
	av_channel_layout_copy(&s->dec->ch_layout, &stereo);
	if (s->enc->extradata_size > 0) {
		s->dec->extradata = av_mallocz((size_t)s->enc->extradata_size +
		    AV_INPUT_BUFFER_PADDING_SIZE);
		if (s->dec->extradata == NULL)
			fatal("out of memory");
		memcpy(s->dec->extradata, s->enc->extradata,
		    (size_t)s->enc->extradata_size);
		s->dec->extradata_size = s->enc->extradata_size;
	}
	if ((e = avcodec_open2(s->dec, dc, NULL)) < 0) {
		aac_error(err, errlen, "opening the decoder", e);
		goto fail;
	}
	s->in->format = AV_SAMPLE_FMT_FLTP;
	s->in->nb_samples = s->enc->frame_size;
	av_channel_layout_copy(&s->in->ch_layout, &stereo);
	if ((e = av_frame_get_buffer(s->in, 0)) < 0) {
		aac_error(err, errlen, "a frame", e);
		goto fail;
	}
	if (pthread_create(&s->th, NULL, aac_run, s) != 0) {
		snprintf(err, errlen, "AAC round trip: no thread");
		goto fail;
	}
	s->started = true;
	return s;
fail:
	deliver_aac_free(s);
	return NULL;
}

static int
aac_encode(struct deliver_aac *s, const float *x, long n, char *err,
    size_t errlen)
{
	int size = s->enc->frame_size;

	while (n > 0) {
		float *l, *r;
		int k, m;

		/* The encoder may still hold the last frame's buffer. */
		if (s->fill == 0 && av_frame_make_writable(s->in) < 0)
			fatal("out of memory");
		l = (float *)s->in->extended_data[0];
		r = (float *)s->in->extended_data[1];
		m = size - s->fill < n ? size - s->fill : (int)n;
		for (k = 0; k < m; k++) {
			l[s->fill + k] = x[2 * k];
			r[s->fill + k] = x[2 * k + 1];
		}
		s->fill += m;
		x += 2 * m;
		n -= m;
		if (s->fill == size && aac_send(s, false, err, errlen) != 0)
			return -1;
	}
	return 0;
}

static int
aac_flush(struct deliver_aac *s, struct deliver_aac_result *r, char *err,
    size_t errlen)
{
	struct loudness_figures f;
	int e;

	/* A short last frame is allowed (the encoder pads it). */
	if (s->fill > 0 && aac_send(s, false, err, errlen) != 0)
		return -1;
	if (aac_send(s, true, err, errlen) != 0)
		return -1;
	if ((e = avcodec_send_packet(s->dec, NULL)) < 0) {
		aac_error(err, errlen, "decoding", e);
		return -1;
	}
	if (aac_drain_dec(s, err, errlen) != 0)
		return -1;
	loudness_get(s->tp, &f);
	r->true_peak = f.true_peak;
	r->sample_peak = s->peak > 0 ? 20 * log10(s->peak) : LOUDNESS_NONE;
	r->clipped = s->clipped;
	r->frames = s->frames;
	return 0;
}

/* The thread: takes what the ring holds, encodes it, and at the end
 * flushes.  After a failure it only drains the ring, so that the feeder
 * never waits on it. */
static void *
aac_run(void *arg)
{
	struct deliver_aac *s = arg;
	float *buf = xcalloc(AAC_CHUNK * 2, sizeof *buf);
	char err[sizeof s->err] = "";
	int rc = 0;

	pthread_mutex_lock(&s->mu);
	for (;;) {
		int64_t n, at, first;

		while (s->wr == s->rd && !s->end && !s->stop)
			pthread_cond_wait(&s->cv, &s->mu);
		if (s->stop || (s->wr == s->rd && s->end))
			break;
		n = s->wr - s->rd < AAC_CHUNK ? s->wr - s->rd : AAC_CHUNK;
		at = s->rd % AAC_RING;
		first = AAC_RING - at < n ? AAC_RING - at : n;
		memcpy(buf, s->ring + 2 * at, (size_t)first * 2 * sizeof *buf);
		memcpy(buf + 2 * first, s->ring, (size_t)(n - first) * 2 *
		    sizeof *buf);
		s->rd += n;
		pthread_cond_broadcast(&s->cv);
		pthread_mutex_unlock(&s->mu);
		if (rc == 0)
			rc = aac_encode(s, buf, (long)n, err, sizeof err);
		pthread_mutex_lock(&s->mu);
		s->failed = rc != 0;
	}
	if (rc == 0 && !s->stop) {
		pthread_mutex_unlock(&s->mu);
		rc = aac_flush(s, &s->res, err, sizeof err);
		pthread_mutex_lock(&s->mu);
	}
	s->rc = rc;
	snprintf(s->err, sizeof s->err, "%s", err);
	pthread_mutex_unlock(&s->mu);
	free(buf);
	return NULL;
}

int
deliver_aac_add(struct deliver_aac *s, const float *x, long n, char *err,
    size_t errlen)
{
	pthread_mutex_lock(&s->mu);
	while (n > 0 && !s->failed) {
		int64_t space = AAC_RING - (s->wr - s->rd), m, at, first;

		if (space == 0) {
			pthread_cond_wait(&s->cv, &s->mu);
			continue;
		}
		m = n < space ? n : space;
		at = s->wr % AAC_RING;
		first = AAC_RING - at < m ? AAC_RING - at : m;
		memcpy(s->ring + 2 * at, x, (size_t)first * 2 * sizeof *x);
		memcpy(s->ring, x + 2 * first, (size_t)(m - first) * 2 *
		    sizeof *x);
		s->wr += m;
		x += 2 * m;
		n -= m;
		pthread_cond_broadcast(&s->cv);
	}
	if (s->failed) {
		/* The thread ends at the end of the data; its message then. */
		s->end = true;
		pthread_cond_broadcast(&s->cv);
		pthread_mutex_unlock(&s->mu);
		pthread_join(s->th, NULL);
		s->started = false;
		snprintf(err, errlen, "%s", s->err);
		return -1;
	}
	pthread_mutex_unlock(&s->mu);
	return 0;
}

int
deliver_aac_finish(struct deliver_aac *s, struct deliver_aac_result *r,
    char *err, size_t errlen)
{
	if (!s->started) {
		snprintf(err, errlen, "%s", s->err);
		return -1;
	}
	pthread_mutex_lock(&s->mu);
	s->end = true;
	pthread_cond_broadcast(&s->cv);
	pthread_mutex_unlock(&s->mu);
	pthread_join(s->th, NULL);
	s->started = false;
	if (s->rc != 0) {
		snprintf(err, errlen, "%s", s->err);
		return -1;
	}
	*r = s->res;
	return 0;
}

void
deliver_aac_free(struct deliver_aac *s)
{
	if (s == NULL)
		return;
	if (s->started) {
		pthread_mutex_lock(&s->mu);
		s->stop = true;
		pthread_cond_broadcast(&s->cv);
		pthread_mutex_unlock(&s->mu);
		pthread_join(s->th, NULL);
	}
	pthread_mutex_destroy(&s->mu);
	pthread_cond_destroy(&s->cv);
	free(s->ring);
	avcodec_free_context(&s->enc);
	avcodec_free_context(&s->dec);
	av_frame_free(&s->in);
	av_frame_free(&s->out);
	av_packet_free(&s->pkt);
	loudness_free(s->tp);
	free(s->ileave);
	free(s);
}

double
deliver_aac_cut(const struct deliver_aac_result *r)
{
	double x = r->true_peak + 0.5;

	return x > 0 ? ceil(x * 10 - 1e-9) / 10 : 0;
}
