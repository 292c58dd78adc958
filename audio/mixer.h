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

#include "graph.h"
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
	/* Inserts, buses, sends, routes (NULL: every track straight to the
	 * master with t[].gl/gr, as a graph with nothing in it does). */
	struct graph *graph;
	struct snap_track t[];
};

#define MIXER_MAX_TRACKS 256
#define MIXER_MAX_INPUTS 64	/* capture channels metered */
#define MIXER_MAX_BUSES 32
/* Meter slots: tracks from 0, then buses, then the master. */
#define MIXER_SLOT_BUS(b) (MIXER_MAX_TRACKS + (b))
#define MIXER_SLOT_MASTER (MIXER_MAX_TRACKS + MIXER_MAX_BUSES)
#define MIXER_SLOTS (MIXER_SLOT_MASTER + 1)

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
	/* Per slot since the reader last took them (mixer_meter_take). */
	_Atomic uint32_t slot_peak[MIXER_SLOTS], slot_rms[MIXER_SLOTS];
	_Atomic uint32_t slot_gr[MIXER_SLOTS];	/* reduction, as > 0 */
	float *strip;		/* a track's signal: 2 x max_frames */
	float *buses;		/* MIXER_MAX_BUSES x stereo x max_frames */
	const struct snapshot *seen;	/* whose parameters the
					   processors hold */
	bool primed;		/* a preroll started the pass's graph */
	/* Stems (mixer_tap): per meter slot, NULL or stereo max_frames. */
	float *tap[MIXER_SLOTS];
	/* Render's helpers (mixer_ahead): per track, its signal through its
	 * inserts, computed ahead of the period. */
	bool ahead, begun;
	int nahead;
	float **ahead_x, *ahead_gr;
	int *ahead_missing;
};

struct snapshot *snapshot_new(int ntracks);
/* Frees a snapshot and its graph (control thread). */
void snapshot_free(struct snapshot *s);

/* A strip's meters since the last call: sample peak and the loudest
 * period's RMS (linear, post fader), and the largest gain reduction of
 * its inserts (dB, <= 0). */
void mixer_meter_take(struct mixer *m, int slot, float *peak, float *rms,
    float *gr);

/* Stems: from the next period on, each period's signal that strip
 * `slot` (a track's, or a bus's MIXER_SLOT_BUS) adds into the master --
 * after its inserts, fader and pan, latency compensated: the master's
 * input -- is also written to buf (stereo, max_frames frames, owned by
 * the caller; NULL stops it).  The taps of every strip that feeds the
 * master sum to the master's input.  Control thread, before the mixer
 * runs (render): the engine's mixer has none. */
void mixer_tap(struct mixer *m, int slot, float *buf);

/*
 * Render on more than one core.  The costly part of a period is each
 * track's strip: reading its playlist and running its inserts.  Those
 * are independent, so render runs them ahead, split over threads, into
 * per-track buffers (mixer_ahead: part `part` of `nparts` takes tracks
 * k % nparts == part), and then mixer_process does the rest -- the links
 * into buses and master, the buses, the meters -- in the usual order on
 * one thread: the sums are the same operations in the same order, so
 * the output is the same samples.  Sequence per period: mixer_ahead_begin
 * (the graph's reset or update, once), mixer_ahead for every part (each
 * part on one thread; a track's instances and ring stay with the thread
 * of its part), mixer_ahead_set(m, true), mixer_process or
 * mixer_preroll, mixer_ahead_set(m, false).  Capture and monitoring are
 * not run ahead (render has neither).  The engine does not use this.
 * mixer_ahead_init allocates the buffers: 0 or -1.
 */
int mixer_ahead_init(struct mixer *m, int ntracks);
void mixer_ahead_begin(struct mixer *m, const struct snapshot *s,
    struct run *run, bool preroll);
void mixer_ahead(struct mixer *m, const struct snapshot *s, struct run *run,
    int n, int part, int nparts);
void mixer_ahead_set(struct mixer *m, bool on);

/* NULL when out of memory. */
struct mixer *mixer_new(int max_frames);
void mixer_free(struct mixer *m);

/* One period.  `in` is interleaved capture with in_ch channels (NULL for
 * none), `out` interleaved stereo.  A snapshot's graph gets its
 * parameters when the snapshot is new to this mixer and is reset when a
 * pass starts (run->rolled 0), so playback and render start alike.  When `run` is non-NULL the transport
 * rolls: playback streams are read and capture streams written for the
 * frames run->rec_frames still allows.  Returns frames of playback the disk
 * did not deliver in time. */
int64_t mixer_process(struct mixer *m, const struct snapshot *s,
    struct run *run, const float *in, int in_ch, float *out, int n);

/* Before a pass's first period: n frames (at most max_frames a call)
 * of the playlists through the graph, the output (in `out`) dropped, so
 * that a graph that delays its output by its latency L, prerolled L
 * frames, puts the timeline's first frame out first.  The first call
 * resets the graph (as the pass's first period does without one); the
 * pass's rolled frames, capture and click are left alone.  Returns
 * frames the disk did not deliver. */
int64_t mixer_preroll(struct mixer *m, const struct snapshot *s,
    struct run *run, float *out, int n);

/* The click's sample at timeline frame t (0 between clicks).  Beats fall
 * on round(start + k * fpb); each click is a 30 ms decaying tone, higher
 * on the downbeat, starting at full level on its beat frame. */
float mixer_click_sample(const struct snap_click *c, int64_t t);

/* Takes and clears a peak (UI side). */
float mixer_take_peak(_Atomic uint32_t *p);

#endif
