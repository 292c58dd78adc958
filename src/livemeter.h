/* livemeter.h - the Master screen's loudness, live: the engine copies
 * the master into a ring (engine_tap); a thread of ours empties it every
 * 50 ms into a loudness state (audio/loudness.h), off the engine
 * thread.  The figures and the short-term history are read under a
 * mutex the engine never sees.
 */
#ifndef REEL_LIVEMETER_H
#define REEL_LIVEMETER_H

#include "loudness.h"

struct livemeter;
struct ring;

/* NULL when out of memory. */
struct livemeter *livemeter_new(int rate);
/* After the engine's tap was cleared (or the engine freed). */
void livemeter_free(struct livemeter *lm);
struct ring *livemeter_ring(struct livemeter *lm);
/* The figures now and up to n of the short-term history (every 100 ms,
 * oldest first) into hist; returns how many. */
int livemeter_get(struct livemeter *lm, struct loudness_figures *f,
    float *hist, int n);
/* Start the integrated measurement over (the thread does it). */
void livemeter_reset(struct livemeter *lm);

#endif
