/* device.h - an ALSA duplex device: negotiation, conversion, xruns.
 *
 * Capture and playback are two PCMs (possibly the same name), linked when
 * ALSA allows so that they start together.  The engine reads and writes
 * floats; conversion to the negotiated format happens here, in buffers
 * allocated at open.
 */
#ifndef REEL_DEVICE_H
#define REEL_DEVICE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sample.h"

struct device_params {
	const char *capture;	/* PCM name, NULL/"" for no capture */
	const char *playback;
	int rate;
	int period;		/* frames, a wish */
	int periods;
	int format;		/* enum sample_fmt, -1: the best offered */
	int capture_channels;	/* at least this many (0: 2) */
	int playback_channels;	/* at least this many (0: 2) */
	bool capture_required;	/* fail when capture cannot open */
	bool dither;		/* TPDF on 16-bit playback */
	bool clock;		/* pace an unpaced PCM (null) in real time */
};

struct device {
	void *cap, *play;	/* snd_pcm_t */
	char cap_name[256], play_name[256];
	int rate;
	int period;		/* negotiated, frames */
	int buffer;		/* playback buffer, frames */
	enum sample_fmt cfmt, pfmt;
	int cch, pch;		/* channels */
	int cch_max;		/* capture channels the device offers */
	bool linked;
	bool freewheel;		/* not paced by hardware (file/null PCMs) */
	int64_t latency;	/* round trip reported, frames */
	int stall_ms;		/* no data for this long counts as an xrun */
	bool clock;		/* paced by the system clock, not the PCM */
	char kind[16];		/* the playback PCM's type: "file", "null",
				 * "hw", "plug", ... */
	int64_t deadline_ns;	/* CLOCK_MONOTONIC end of the next period */
	void *craw, *praw;	/* device-format buffers */
	float *pf;		/* playback assembled for pch channels */
	struct dither dither;
};

/* Opens and configures.  Errors are one line: "capture device 'x': No such
 * file or directory", "playback device 'x' refuses 44100 Hz (it offers
 * 48000)", "device 'x' is busy".  NULL with err filled. */
struct device *device_open(const struct device_params *p, char *err,
    size_t errlen);
void device_close(struct device *d);

/* Prepares both, fills the playback buffer with silence, starts. */
int device_start(struct device *d);
/* Engine thread.  Reads one period of capture (n frames) as floats.
 * Returns n, or -1 after an xrun (the caller calls device_recover). */
int device_read(struct device *d, float *dst, int n);
/* Writes n frames of stereo floats.  `aux` (mono, may be NULL) goes to
 * device channels aux_ch and aux_ch + 1 (from 0); other extra channels
 * get silence. */
int device_write(struct device *d, const float *src, int n,
    const float *aux, int aux_ch);
/* After an xrun: drop, prepare, prefill, restart.  0 or -1. */
int device_recover(struct device *d);
void device_stop(struct device *d);
/* One line: "hw:1: hw, 48000 Hz S32_LE, 2 in/2 out, period 256, buffer
 * 768"; `pacing` ("paced", "freewheel"; may be NULL) follows the kind in
 * parentheses. */
void device_describe(const struct device *d, const char *pacing, char *buf,
    size_t size);

#endif
