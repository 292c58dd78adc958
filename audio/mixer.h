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
	/* A/B (src/ab.c): the other mix, run beside this one on processor
	 * instances of its own from the same playlists; the output fades
	 * between the two (equal gain: the mixes share their audio) over
	 * ab_ramp frames.  NULL: none.  Owned by this snapshot. */
	struct snapshot *alt;
	int ab_target;		/* 0: this mix, 1: alt */
	int64_t ab_at;		/* while rolling, the target holds from this
				   timeline frame on and the other mix
				   before it; -1: at once */
	int ab_ramp;		/* frames of the fade, >= 1 */
	float ab_gain[2];	/* loudness matching: each mix's gain */
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
	/* The master's correlation (-1..1, float bits), from decaying sums
	 * of L*L, R*R, L*R that only the engine touches. */
	_Atomic uint32_t correlation;
	double corr[3];
	float *strip;		/* a track's signal: 2 x max_frames */
	float *buses;		/* MIXER_MAX_BUSES x stereo x max_frames */
	const struct snapshot *seen;	/* whose parameters the
					   processors hold */
	bool primed;		/* a preroll started the pass's graph */
	/* A/B: the other mix's buses and strip, whose parameters its
	 * processors hold, and where the fade stands (0 this mix, 1 alt). */
	float *bus_b, *buses_b, *strip_b;
	const struct snapshot *seen_b;
	float ab_w;
	int64_t auto_t;		/* timeline frame of the block's signal
				   (automation) */
	int64_t pre_done;	/* frames of the preroll so far */
	int off;		/* frames into the caller's block where the
				   current cell starts (taps, ahead) */
	/* Stems (mixer_tap): per meter slot, NULL or stereo max_frames. */
	float *tap[MIXER_SLOTS];
	/* Render's helpers (mixer_ahead): per track, its signal through its
	 * inserts over the whole block, computed ahead of mixer_process;
	 * two sets of it (set * nahead + track). */
	bool ahead, begun;
	int nahead;
	int ahead_fill, ahead_read;	/* the set mixer_ahead fills, the
					   set mixer_process reads */
	atomic_int ahead_next;	/* the next track to run ahead */
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

/* The master output's correlation now: +1 mono, 0 unrelated, -1 out of
 * phase (0 in silence).  Read on any thread. */
float mixer_correlation(struct mixer *m);

/* Stems: from the next block on, what strip `slot` (a track's, or a
 * bus's MIXER_SLOT_BUS) adds into the master -- after its inserts,
 * fader and pan, latency compensated: its share of the master's input --
 * is also written to buf (stereo, max_frames frames, owned by the
 * caller; NULL stops it).  The taps of every strip that feeds the master
 * sum to the master's input: each product is added once into the tap and
 * the tap into the master, the same sums as without taps.  Control
 * thread, before the mixer runs (render; not with A/B, which render
 * never runs): the engine's mixer has none. */
void mixer_tap(struct mixer *m, int slot, float *buf);

/*
 * Render on more than one core.  The costly part of a block is each
 * track's strip: reading its playlist and running its inserts.  Those
 * are independent of each other, so render runs them ahead, split over
 * threads, into per-track buffers (mixer_ahead: each thread that calls
 * it takes the next two tracks not yet taken, until none is left, and
 * runs the two side by side when neither has lanes of its own,
 * graph_run_inserts2), a strip with lanes cut into the same automation
 * cells mixer_process cuts the block into (one without runs the block in
 * one piece: its inserts do not depend on how it is cut), with the
 * track's meters; then mixer_process does the rest -- links into buses
 * and master, the buses -- in the usual order on one thread: every sum
 * is the same operation in the same order, so the output is the same
 * samples.  Per block: mixer_ahead_begin (the graph's reset or update,
 * once, on the calling thread, before the other threads are let go; it
 * fills set 0), mixer_ahead on every thread (a track may change threads
 * from one block to the next: the caller's synchronisation between
 * blocks orders its state), mixer_ahead_set(m, true, 0), mixer_process
 * or mixer_preroll, mixer_ahead_set(m, false, 0).  Without automation
 * (g->nlanes 0) and outside the preroll, the next block may be filled
 * while mixer_process reads this one: mixer_ahead_open(m, other set)
 * instead of mixer_ahead_begin, once the block before it is read.
 * Capture, monitoring and A/B are not run ahead (render has none).  The
 * engine does not use this.
 * feed, if not NULL, is called with ctx and k by the thread that takes
 * track k (every track up to the snapshot's, plain ones too) before it
 * reads the track's stream: render fills the stream there.
 * mixer_ahead_init allocates the buffers: 0 or -1.
 */
int mixer_ahead_init(struct mixer *m, int ntracks);
void mixer_ahead_begin(struct mixer *m, const struct snapshot *s,
    struct run *run, bool preroll);
void mixer_ahead(struct mixer *m, const struct snapshot *s, struct run *run,
    int n, bool preroll, void (*feed)(void *ctx, int k), void *ctx);
void mixer_ahead_open(struct mixer *m, int set);
void mixer_ahead_set(struct mixer *m, bool on, int set);

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
