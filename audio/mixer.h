/* mixer.h - the process function: one period of the whole mix.
 *
 * The engine thread calls it for each device period and offline render
 * calls it in a plain loop, so playback and render are the same code and
 * give the same samples.  It never allocates, locks or blocks.
 */
#ifndef REEL_MIXER_H
#define REEL_MIXER_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "stream.h"

/* What the engine needs of one track; built by the control thread. */
struct snap_track {
	int channels;		/* 1 or 2 */
	int in[2];		/* capture channels from 0, -1 none */
	float gl, gr;		/* gain x pan x mute/solo, per output side */
	bool armed;
	int monitor;		/* enum snap_monitor */
};

/* Whether a track's inputs go to the mix: never, always, or only where
 * the rolling pass records (auto monitoring: the old take is heard in a
 * punch's pre-roll, the input from the punch-in on). */
enum snap_monitor { SNAP_MON_OFF, SNAP_MON_ALWAYS, SNAP_MON_RECORDED };

/* The click: beats from the tempo map in frames. */
struct snap_beats {
	int64_t start;		/* frame of the segment's first downbeat */
	double fpb;		/* frames per beat */
	int num;		/* beats per bar */
};

struct snap_click {
	bool on;		/* while rolling (a count-in forces it) */
	int out;		/* 0: into the mix; N: device outputs N, N+1 */
	float gain;
	int rate;
	int nseg;		/* 0: no tempo, no click */
	struct snap_beats seg[64];
};

/* Immutable once published; swapped whole through an atomic pointer. */
struct snapshot {
	int ntracks;
	float master;		/* linear */
	struct snap_click click;
	struct snap_track t[];
};

#define MIXER_MAX_TRACKS 256
#define MIXER_MAX_INPUTS 64	/* capture channels metered */

struct mixer {
	int max_frames;
	float *scratch;		/* 2 x max_frames */
	float *bus;		/* stereo interleaved */
	float *click;		/* mono: the click when routed on its own */
	/* Peaks since the reader last took them, as float bits: tracks
	 * post-fader, inputs as captured.  Read through engine_*_peak. */
	_Atomic uint32_t peak[MIXER_MAX_TRACKS];
	_Atomic uint32_t master_peak[2];
	_Atomic uint32_t input_peak[MIXER_MAX_INPUTS];
};

struct snapshot *snapshot_new(int ntracks);

/* NULL when out of memory. */
struct mixer *mixer_new(int max_frames);
void mixer_free(struct mixer *m);

/* One period.  `in` is interleaved capture with in_ch channels (NULL for
 * none), `out` interleaved stereo.  When `run` is non-NULL the transport
 * rolls: playback streams are read and capture streams written for the
 * frames run->rec_frames still allows.  Returns frames of playback the disk
 * did not deliver in time. */
int64_t mixer_process(struct mixer *m, const struct snapshot *s,
    struct run *run, const float *in, int in_ch, float *out, int n);

/* The click's sample at timeline frame t (0 between clicks).  Beats fall
 * on round(start + k * fpb); each click is a 30 ms decaying tone, higher
 * on the downbeat, starting at full level on its beat frame. */
float mixer_click_sample(const struct snap_click *c, int64_t t);

/* Takes and clears a peak (UI side). */
float mixer_take_peak(_Atomic uint32_t *p);

#endif
