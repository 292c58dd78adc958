/* device.c - ALSA PCM setup and the engine's I/O calls. */
#include "device.h"

#include <alsa/asoundlib.h>
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The order in which formats are tried when none is forced: the most
 * resolution first. */
static const enum sample_fmt device_pref[] = {
	SAMPLE_FLOAT, SAMPLE_S32, SAMPLE_S24_3, SAMPLE_S24, SAMPLE_S16
};

static snd_pcm_format_t
device_alsa_fmt(enum sample_fmt f)
{
	switch (f) {
	case SAMPLE_S16:	return SND_PCM_FORMAT_S16_LE;
	case SAMPLE_S24_3:	return SND_PCM_FORMAT_S24_3LE;
	case SAMPLE_S24:	return SND_PCM_FORMAT_S24_LE;
	case SAMPLE_S32:	return SND_PCM_FORMAT_S32_LE;
	default:		return SND_PCM_FORMAT_FLOAT_LE;
	}
}

static void
device_rates_offered(snd_pcm_t *pcm, snd_pcm_hw_params_t *hw, char *buf,
    size_t size)
{
	static const unsigned rates[] = { 44100, 48000, 88200, 96000, 192000 };
	size_t i, n = 0;

	buf[0] = '\0';
	for (i = 0; i < sizeof rates / sizeof rates[0]; i++)
		if (snd_pcm_hw_params_test_rate(pcm, hw, rates[i], 0) == 0)
			n += snprintf(buf + n, n < size ? size - n : 0, "%s%u",
			    n ? ", " : "", rates[i]);
	if (n == 0)
		snprintf(buf, size, "none of the usual rates");
}

/* Configures one PCM.  *channels is the minimum wanted and gets the
 * count used; *most gets the count the PCM offers at most. */
static int
device_setup(snd_pcm_t *pcm, const char *what, const char *name,
    const struct device_params *p, enum sample_fmt *fmt, int *channels,
    int *most, int *period, int *buffer, char *err, size_t errlen)
{
	snd_pcm_hw_params_t *hw;
	snd_pcm_sw_params_t *sw;
	snd_pcm_uframes_t per = p->period, buf;
	unsigned int rate = p->rate, chmin, chmax, periods = p->periods;
	int rc, dir = 0;
	size_t i;

	snd_pcm_hw_params_alloca(&hw);
	snd_pcm_sw_params_alloca(&sw);
	if ((rc = snd_pcm_hw_params_any(pcm, hw)) < 0)
		goto fail;
	if ((rc = snd_pcm_hw_params_set_access(pcm, hw,
	    SND_PCM_ACCESS_RW_INTERLEAVED)) < 0)
		goto fail;
	if (p->format >= 0) {
		if (snd_pcm_hw_params_set_format(pcm, hw,
		    device_alsa_fmt(p->format)) < 0) {
			snprintf(err, errlen, "%s device '%s' does not take "
			    "%s", what, name, sample_fmt_name(p->format));
			return -1;
		}
		*fmt = p->format;
	} else {
		for (i = 0; i < sizeof device_pref / sizeof device_pref[0];
		    i++)
			if (snd_pcm_hw_params_test_format(pcm, hw,
			    device_alsa_fmt(device_pref[i])) == 0)
				break;
		if (i == sizeof device_pref / sizeof device_pref[0]) {
			snprintf(err, errlen, "%s device '%s' offers none of "
			    "S16_LE, S24_3LE, S24_LE, S32_LE, FLOAT_LE", what,
			    name);
			return -1;
		}
		*fmt = device_pref[i];
		snd_pcm_hw_params_set_format(pcm, hw, device_alsa_fmt(*fmt));
	}
	snd_pcm_hw_params_get_channels_min(hw, &chmin);
	snd_pcm_hw_params_get_channels_max(hw, &chmax);
	*most = chmax > INT_MAX ? INT_MAX : (int)chmax;
	if ((unsigned)*channels > chmax) {
		snprintf(err, errlen, "%s device '%s' has %u channels, %d "
		    "needed", what, name, chmax, *channels);
		return -1;
	}
	if ((unsigned)*channels < chmin)
		*channels = (int)chmin;
	if ((rc = snd_pcm_hw_params_set_channels(pcm, hw, *channels)) < 0)
		goto fail;
	if (snd_pcm_hw_params_set_rate_resample(pcm, hw, 0) < 0 ||
	    snd_pcm_hw_params_set_rate(pcm, hw, rate, 0) < 0) {
		char offered[128];

		snd_pcm_hw_params_any(pcm, hw);
		snd_pcm_hw_params_set_rate_resample(pcm, hw, 0);
		device_rates_offered(pcm, hw, offered, sizeof offered);
		snprintf(err, errlen, "%s device '%s' refuses %u Hz (it "
		    "offers %s)", what, name, rate, offered);
		return -1;
	}
	if ((rc = snd_pcm_hw_params_set_period_size_near(pcm, hw, &per,
	    &dir)) < 0)
		goto fail;
	if ((rc = snd_pcm_hw_params_set_periods_near(pcm, hw, &periods,
	    &dir)) < 0)
		goto fail;
	if ((rc = snd_pcm_hw_params(pcm, hw)) < 0)
		goto fail;
	snd_pcm_hw_params_get_period_size(hw, &per, &dir);
	snd_pcm_hw_params_get_buffer_size(hw, &buf);
	*period = (int)per;
	*buffer = (int)buf;
	/* We start the streams ourselves, after prefilling playback. */
	snd_pcm_sw_params_current(pcm, sw);
	snd_pcm_sw_params_set_start_threshold(pcm, sw, buf * 2);
	snd_pcm_sw_params_set_avail_min(pcm, sw, per);
	if ((rc = snd_pcm_sw_params(pcm, sw)) < 0)
		goto fail;
	return 0;
fail:
	snprintf(err, errlen, "%s device '%s': %s", what, name,
	    snd_strerror(rc));
	return -1;
}

static int
device_open_pcm(snd_pcm_t **pcm, const char *name, snd_pcm_stream_t st,
    const char *what, char *err, size_t errlen)
{
	int rc = snd_pcm_open(pcm, name, st, 0);

	if (rc == 0)
		return 0;
	if (rc == -EBUSY)
		snprintf(err, errlen, "%s device '%s' is busy (another "
		    "program is using it)", what, name);
	else if (rc == -ENOENT || rc == -ENODEV)
		snprintf(err, errlen, "%s device '%s': no such device", what,
		    name);
	else
		snprintf(err, errlen, "%s device '%s': %s", what, name,
		    snd_strerror(rc));
	*pcm = NULL;
	return -1;
}

static int64_t
device_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static bool
device_unpaced(snd_pcm_t *pcm)
{
	snd_pcm_type_t t = snd_pcm_type(pcm);

	return t == SND_PCM_TYPE_FILE || t == SND_PCM_TYPE_NULL;
}

/* alsa-lib prints its own diagnostics to stderr; ours say it in one line
 * naming the device, so theirs are silenced. */
static void
device_alsa_quiet(const char *file, int line, const char *function, int err,
    const char *fmt, ...)
{
}

struct device *
device_open(const struct device_params *p, char *err, size_t errlen)
{
	struct device *d = calloc(1, sizeof *d);
	snd_pcm_t *cap = NULL, *play = NULL;
	int cper = 0, cbuf = 0, pper, pbuf, cch, cmost = 0, pmost;
	int pch = p->playback_channels > 2 ? p->playback_channels : 2;
	char cerr[256];

	if (d == NULL) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	snd_lib_error_set_handler(device_alsa_quiet);
	if (device_open_pcm(&play, p->playback, SND_PCM_STREAM_PLAYBACK,
	    "playback", err, errlen) != 0)
		goto fail;
	if (device_setup(play, "playback", p->playback, p, &d->pfmt, &pch,
	    &pmost, &pper, &pbuf, err, errlen) != 0)
		goto fail;
	cch = p->capture_channels > 0 ? p->capture_channels : 2;
	if (p->capture != NULL && p->capture[0] != '\0') {
		struct device_params cp = *p;

		cp.period = pper;
		if (device_open_pcm(&cap, p->capture, SND_PCM_STREAM_CAPTURE,
		    "capture", cerr, sizeof cerr) != 0 ||
		    device_setup(cap, "capture", p->capture, &cp, &d->cfmt,
		    &cch, &cmost, &cper, &cbuf, cerr, sizeof cerr) != 0) {
			if (p->capture_required) {
				snprintf(err, errlen, "%s", cerr);
				goto fail;
			}
			if (cap != NULL)
				snd_pcm_close(cap);
			cap = NULL;
		} else if (cper != pper) {
			snprintf(err, errlen, "capture and playback of '%s' "
			    "disagree on the period (%d, %d frames)",
			    p->capture, cper, pper);
			goto fail;
		}
	}
	d->cap = cap;
	d->play = play;
	snprintf(d->cap_name, sizeof d->cap_name, "%s",
	    cap ? p->capture : "");
	snprintf(d->play_name, sizeof d->play_name, "%s", p->playback);
	d->rate = p->rate;
	d->period = pper;
	d->buffer = pbuf;
	d->cch = cap ? cch : 0;
	d->cch_max = cap ? cmost : 0;
	d->pch = pch;
	d->freewheel = device_unpaced(play) && (cap == NULL ||
	    device_unpaced(cap));
	d->linked = cap != NULL && snd_pcm_link(cap, play) == 0;
	d->latency = pbuf;
	snprintf(d->kind, sizeof d->kind, "%s",
	    snd_pcm_type_name(snd_pcm_type(play)));
	for (char *k = d->kind; *k != '\0'; k++)
		*k = (char)tolower((unsigned char)*k);
	d->clock = p->clock && d->freewheel;
	if (d->clock)
		d->freewheel = false;
	d->stall_ms = 4 * 1000 * pbuf / p->rate;
	if (d->stall_ms < 200)
		d->stall_ms = 200;
	d->craw = calloc((size_t)pper * (d->cch ? d->cch : 1),
	    sample_bytes(d->cfmt) > 4 ? sample_bytes(d->cfmt) : 4);
	d->praw = calloc((size_t)pper * pch, 4);
	d->pf = calloc((size_t)pper * pch, sizeof(float));
	dither_init(&d->dither, 0x7265656c, p->dither);
	if (d->craw == NULL || d->praw == NULL || d->pf == NULL) {
		snprintf(err, errlen, "out of memory");
		goto fail;
	}
	return d;
fail:
	if (cap != NULL)
		snd_pcm_close(cap);
	if (play != NULL)
		snd_pcm_close(play);
	free(d->craw);
	free(d->praw);
	free(d->pf);
	free(d);
	return NULL;
}

void
device_close(struct device *d)
{
	if (d == NULL)
		return;
	if (d->cap != NULL) {
		if (d->linked)
			snd_pcm_unlink(d->cap);
		snd_pcm_close(d->cap);
	}
	if (d->play != NULL)
		snd_pcm_close(d->play);
	free(d->craw);
	free(d->praw);
	free(d->pf);
	free(d);
}

static int
device_prefill(struct device *d)
{
	int left = d->buffer, rc;

	memset(d->praw, 0, (size_t)d->period * d->pch *
	    sample_bytes(d->pfmt));
	while (left > 0) {
		int n = left < d->period ? left : d->period;

		rc = snd_pcm_writei(d->play, d->praw, n);
		if (rc < 0)
			return -1;
		left -= rc;
	}
	return 0;
}

int
device_start(struct device *d)
{
	snd_pcm_sframes_t delay = 0;

	if (d->cap != NULL && snd_pcm_prepare(d->cap) < 0)
		return -1;
	if (snd_pcm_prepare(d->play) < 0)
		return -1;
	if (device_prefill(d) != 0)
		return -1;
	/* What the device reports beyond our own prefill counts towards the
	 * round trip. */
	if (snd_pcm_delay(d->play, &delay) == 0 && delay > d->latency)
		d->latency = delay;
	if (snd_pcm_start(d->play) < 0)
		return -1;
	d->deadline_ns = device_now_ns();
	if (d->cap != NULL && !d->linked && snd_pcm_start(d->cap) < 0)
		return -1;
	return 0;
}

/* An unpaced PCM (null) used in real time: the system clock stands in
 * for the hardware's, as a sound card's interrupt would pace us. */
static void
device_clock_wait(struct device *d, int n)
{
	int64_t now = device_now_ns();
	struct timespec ts;

	d->deadline_ns += (int64_t)n * 1000000000 / d->rate;
	if (d->deadline_ns < now - 1000000000LL * d->buffer / d->rate)
		d->deadline_ns = now;	/* far behind: start again */
	ts.tv_sec = d->deadline_ns / 1000000000;
	ts.tv_nsec = d->deadline_ns % 1000000000;
	while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) ==
	    EINTR)
		;
}

void
device_stop(struct device *d)
{
	if (d->cap != NULL)
		snd_pcm_drop(d->cap);
	snd_pcm_drop(d->play);
}

int
device_recover(struct device *d)
{
	device_stop(d);
	return device_start(d);
}

int
device_read(struct device *d, float *dst, int n)
{
	size_t fb = sample_bytes(d->cfmt) * d->cch;
	int done = 0;

	while (done < n) {
		snd_pcm_sframes_t r;

		/* A device that stops delivering (a plugin stalled by its
		 * server) must not hang the engine: after a few buffers'
		 * time it is handled as an xrun. */
		if (snd_pcm_wait(d->cap, d->stall_ms) <= 0)
			return -1;
		r = snd_pcm_readi(d->cap, (char *)d->craw + done * fb,
		    n - done);

		if (r == -EAGAIN || r == -EINTR)
			continue;
		if (r < 0)
			return -1;
		done += (int)r;
	}
	sample_to_float(d->cfmt, d->craw, dst, (size_t)n * d->cch);
	return n;
}

int
device_write(struct device *d, const float *src, int n, const float *aux,
    int aux_ch)
{
	size_t fb = sample_bytes(d->pfmt) * d->pch;
	int done = 0;

	if (d->pch != 2 || aux != NULL) {
		/* The mix on the first two outputs, aux on its pair, silence
		 * elsewhere. */
		int i, c, pch = d->pch;

		for (i = 0; i < n; i++)
			for (c = 0; c < pch; c++)
				d->pf[i * pch + c] = c < 2 ? src[2 * i + c] :
				    0.0f;
		for (c = aux_ch; aux != NULL && c < aux_ch + 2 && c < pch;
		    c++)
			for (i = 0; i < n; i++)
				d->pf[i * pch + c] += aux[i];
		sample_from_float(d->pfmt, d->pf, d->praw, (size_t)n * pch,
		    &d->dither);
	} else
		sample_from_float(d->pfmt, src, d->praw, (size_t)n * 2,
		    &d->dither);
	while (done < n) {
		snd_pcm_sframes_t r = snd_pcm_writei(d->play,
		    (char *)d->praw + done * fb, n - done);

		if (r == -EAGAIN || r == -EINTR)
			continue;
		if (r < 0)
			return -1;
		done += (int)r;
	}
	if (d->clock)
		device_clock_wait(d, n);
	return n;
}

void
device_describe(const struct device *d, const char *pacing, char *buf,
    size_t size)
{
	char kind[64];

	if (pacing != NULL && pacing[0] != '\0')
		snprintf(kind, sizeof kind, "%s (%s)", d->kind, pacing);
	else
		snprintf(kind, sizeof kind, "%s", d->kind);
	if (d->cap != NULL && strcmp(d->cap_name, d->play_name) != 0)
		snprintf(buf, size, "capture %s, playback %s: %s, %d Hz %s, "
		    "%d in/%d out, period %d, buffer %d", d->cap_name,
		    d->play_name, kind, d->rate, sample_fmt_name(d->pfmt),
		    d->cch, d->pch, d->period, d->buffer);
	else
		snprintf(buf, size, "%s: %s, %d Hz %s, %d in/%d out, period "
		    "%d, buffer %d", d->play_name, kind, d->rate,
		    sample_fmt_name(d->pfmt), d->cch, d->pch, d->period,
		    d->buffer);
}
