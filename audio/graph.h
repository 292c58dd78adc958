/* graph.h - the mix graph the engine runs: track strips (inserts, fader
 * and pan, sends pre or post fader, an output to a bus or the master) ->
 * buses (aux and group: a stereo strip each, with inserts and an output)
 * -> the master (inserts, fader).
 *
 * The control thread builds a description (struct graph) after every
 * change and publishes it inside a snapshot (mixer.h); it is immutable
 * once published.  Processor instances and latency-compensation delay
 * lines are not part of a description but shared by successive ones:
 * a graph_pool hands out the instance of a stable id (a new one only for
 * a new id), so a parameter change or an added insert keeps every other
 * filter memory, envelope and tail.  They are reference counted on the
 * control thread: a description holds a reference to each it names, and
 * freeing the description (once the engine moved past it) drops them.
 *
 * Only one thread ever runs a given pool's instances: the engine runs the
 * session's pool, render runs a pool of its own (fresh state, so a render
 * starts as playback does: from reset).
 */
#ifndef REEL_GRAPH_H
#define REEL_GRAPH_H

#include <stdbool.h>
#include <stdint.h>

#include "fx.h"

#define GRAPH_MASTER (-1)

struct graph_fx;	/* a processor instance */
struct graph_delay;	/* a compensation delay line */
struct graph_pool;

struct graph_ins {
	struct graph_fx *fx;
	float val[FX_MAX_PARAMS];
	bool bypass;
};

/* Where a strip's signal goes: its output (post fader, panned) or a
 * send.  gl/gr hold fader, pan and send level. */
struct graph_link {
	int dst;		/* bus index (processing order), GRAPH_MASTER */
	float gl, gr;
	bool pre;		/* a pre-fader send: before fader and pan */
	int delay;		/* frames of latency compensation */
	struct graph_delay *dl;	/* the line, when delay > 0 */
	float db;		/* a send's level (automation recomputes
				   gl/gr from it) */
};

/* Automation: what a lane drives. */
enum graph_auto_target {
	GRAPH_AUTO_GAIN,	/* dB, the strip's fader */
	GRAPH_AUTO_PAN,		/* -1..1 */
	GRAPH_AUTO_MUTE,	/* 0 or 1 */
	GRAPH_AUTO_SEND,	/* dB, link `link` */
	GRAPH_AUTO_PARAM	/* insert `ins`, parameter `param` */
};

/* A lane's points, sorted by frame, built on the control thread.  The
 * value at t: before the first point the first value, after the last
 * the last; between points a and b it follows b's curve: step[b] holds
 * a's value until b's frame, otherwise it moves in a straight line
 * (in the value's own units; geometric for log parameters). */
struct graph_lane {
	int target;
	int link, ins, param;
	bool logv;
	int n;
	int64_t *t;
	float *v;
	unsigned char *step;
};

/* Engine-owned (written only by the thread that runs the graph): the
 * gains of a strip's links over the automation cell [c0, c1), ramped
 * per sample from g0 to g1 (2 per link: left, right). */
struct graph_ramp {
	bool on;
	bool gains;		/* lanes drive gain, pan, mute or a send */
	int64_t c0, c1;
	float *g0, *g1;
	int64_t p0, p1;		/* the cell the parameters were set for */
};

struct graph_strip {
	int channels;		/* tracks 1 or 2, buses 2 */
	int slot;		/* meter slot (mixer.h) */
	int nins;
	struct graph_ins *ins;
	int nlinks;
	struct graph_link *link;
	int lat;		/* frames its inserts delay its signal */
	/* Automation (nlanes 0: none).  What the lanes do not drive comes
	 * from these, as session.c computes the links: fader gain_db,
	 * pan, mute, audible (solo, without mute when a lane drives it). */
	int nlanes;
	struct graph_lane *lane;
	double gain_db, pan;
	bool audible, mute;
	struct graph_ramp *ramp;	/* NULL: no lanes */
};

struct graph {
	int ntracks, nbuses;
	struct graph_strip *track;	/* by track index */
	struct graph_strip *bus;	/* in processing order: a bus only
					   feeds buses after it */
	struct graph_strip master;	/* links unused */
	int latency;		/* frames the master output lags */
	struct fx_ctx ctx;
	int nlanes;		/* automation lanes in all strips */
};

/* Automation is evaluated on cells: frames between multiples of
 * GRAPH_AUTO_CELL and every point's frame.  A cell's link gains ramp
 * from the value at its start to the value (from the left) at its end;
 * insert parameters take the value at its start.  Cells depend on the
 * timeline alone, not on how it is cut into periods, so playback and
 * render compute the same samples. */
#define GRAPH_AUTO_CELL 32

struct graph_pool *graph_pool_new(int rate);
/* After every description that used it was freed. */
void graph_pool_free(struct graph_pool *p);
int graph_pool_rate(const struct graph_pool *p);

/* The instance of id (kind k), created when new; NULL when out of
 * memory.  Each call takes a reference. */
struct graph_fx *graph_pool_fx(struct graph_pool *p, unsigned id,
    const struct fx_kind *k);
/* The same for an insert with a plugin state (fx_state.h; NULL none),
 * restored into the instance when it is new. */
struct fx_state;
struct graph_fx *graph_pool_fx_state(struct graph_pool *p, unsigned id,
    const struct fx_kind *k, const struct fx_state *state);
/* Control thread: the values a new instance starts from (kinds with a
 * prepare step; once per instance, later calls do nothing). */
void graph_fx_prepare(struct graph_fx *fx, const float *val);
/* Gain reduction now (dB, <= 0; 0 for kinds without). */
float graph_fx_gr(const struct graph_fx *fx);
/* The delay line named key with room for `frames` frames of 2 channels
 * (a line of another length is a new line).  Takes a reference. */
struct graph_delay *graph_pool_delay(struct graph_pool *p, const char *key,
    int frames);

/* An empty description: nt track strips, nb buses. */
struct graph *graph_new(int nt, int nb);
/* Fills in link delays and g->latency from the inserts' latencies, and
 * takes the delay lines from the pool.  Inserts must be set. */
void graph_compensate(struct graph *g, struct graph_pool *p,
    const char *const *track_keys, const char *const *bus_keys);
void graph_free(struct graph *g);

/* Control thread: a strip's lane (points copied), and the ramp when it
 * drives a gain.  Call after the strip's links are set. */
void graph_strip_lane(struct graph *g, struct graph_strip *s, int target,
    int link, int ins, int param, bool logv, int n, const int64_t *t,
    const float *v, const unsigned char *step);
/* A lane's value at t; `left`: the limit from before t. */
float graph_lane_value(const struct graph_lane *l, int64_t t, bool left);

/* Engine side.  New parameters to every instance (a new description). */
void graph_update(const struct graph *g);
/* The same with automated parameters at timeline frame t. */
void graph_update_at(const struct graph *g, int64_t t);
/* Frames from t (at most n) before the next cell starts. */
int graph_auto_span(const struct graph *g, int64_t t, int n);
/* Sets up the cell holding t: link ramps, automated parameters.  A
 * block processed after it must lie in that cell (graph_auto_span). */
void graph_auto_apply(const struct graph *g, int64_t t);
/* The same for strip s of g alone (render's helper threads run the
 * track strips of one part each). */
void graph_strip_auto_apply(const struct graph *g,
    const struct graph_strip *s, int64_t t);
/* Off: links use their fixed gains again (not rolling). */
void graph_auto_off(const struct graph *g);
/* Every instance and delay line forgets the signal (a pass starts). */
void graph_reset(const struct graph *g);
/* The same, the first parameters automated at timeline frame t. */
void graph_reset_at(const struct graph *g, int64_t t);
/* Runs a strip's inserts over x (n frames, interleaved nch); returns
 * the largest gain reduction (dB, <= 0). */
float graph_run_inserts(const struct graph_strip *s, float *x, int nch,
    int n);
/* The same for two strips at once (render's helpers): each strip's
 * inserts run in order over its own signal, the same samples as
 * graph_run_inserts on each, but an insert of a kind with process2 runs
 * together with the other strip's insert in the same place, when that is
 * of the same kind and both play. */
void graph_run_inserts2(const struct graph_strip *a, float *xa,
    const struct graph_strip *b, float *xb, int nch, int n, float *gra,
    float *grb);
/* Adds x (n frames of `channels`) through the link into dst (stereo),
 * delayed by the link's compensation. */
void graph_link_add(const struct graph_link *l, const float *x,
    int channels, float *dst, int n);
/* Link i of strip s: with its ramp when automation drives it (the block
 * starts at timeline frame t), graph_link_add otherwise. */
void graph_strip_link_add(const struct graph_strip *s, int i,
    const float *x, int channels, float *dst, int n, int64_t t);

#endif
