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
};

struct graph_strip {
	int channels;		/* tracks 1 or 2, buses 2 */
	int slot;		/* meter slot (mixer.h) */
	int nins;
	struct graph_ins *ins;
	int nlinks;
	struct graph_link *link;
	int lat;		/* frames its inserts delay its signal */
};

struct graph {
	int ntracks, nbuses;
	struct graph_strip *track;	/* by track index */
	struct graph_strip *bus;	/* in processing order: a bus only
					   feeds buses after it */
	struct graph_strip master;	/* links unused */
	int latency;		/* frames the master output lags */
	struct fx_ctx ctx;
};

struct graph_pool *graph_pool_new(int rate);
/* After every description that used it was freed. */
void graph_pool_free(struct graph_pool *p);
int graph_pool_rate(const struct graph_pool *p);

/* The instance of id (kind k), created when new; NULL when out of
 * memory.  Each call takes a reference. */
struct graph_fx *graph_pool_fx(struct graph_pool *p, unsigned id,
    const struct fx_kind *k);
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

/* Engine side.  New parameters to every instance (a new description). */
void graph_update(const struct graph *g);
/* Every instance and delay line forgets the signal (a pass starts). */
void graph_reset(const struct graph *g);
/* Runs a strip's inserts over x (n frames, interleaved nch); returns
 * the largest gain reduction (dB, <= 0). */
float graph_run_inserts(const struct graph_strip *s, float *x, int nch,
    int n);
/* Adds x (n frames of `channels`) through the link into dst (stereo),
 * delayed by the link's compensation. */
void graph_link_add(const struct graph_link *l, const float *x,
    int channels, float *dst, int n);
/* The same, and what it adds into dst also added into tap (stereo, n
 * frames): the strip's own share of dst, for stems.  dst gets the same
 * samples as from graph_link_add. */
void graph_link_tap(const struct graph_link *l, const float *x,
    int channels, float *dst, float *tap, int n);

#endif
