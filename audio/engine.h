/* engine.h - the real-time thread of one duplex device.
 *
 * Each period it reads capture, runs mixer_process, writes playback.  It
 * never allocates, locks, prints or touches files: the control thread
 * hands it snapshots and runs through atomic pointers, and it reports back
 * through atomics and an eventfd the UI loop polls.
 *
 * Freewheel: a device that is not paced by hardware (ALSA file/null PCMs)
 * runs as fast as the disk allows, the way JACK's freewheel mode exports;
 * there the engine waits for the disk thread instead of overrunning it.
 */
#ifndef REEL_ENGINE_H
#define REEL_ENGINE_H

#include <stdbool.h>
#include <stdint.h>

#include "device.h"
#include "mixer.h"
#include "stream.h"

struct engine;

struct engine *engine_new(struct device *dev, bool freewheel);
/* Starts the thread, asking for SCHED_FIFO at rt_priority (0: don't).
 * *rt_note gets a line when real-time priority was refused. */
int engine_start(struct engine *e, int rt_priority, char *rt_note,
    size_t notelen, char *err, size_t errlen);
/* Stops the thread and frees everything but the device. */
void engine_free(struct engine *e);

/* Publishes a new snapshot (ownership passes to the engine side); older
 * ones are freed by engine_collect once the engine moved past them. */
void engine_publish(struct engine *e, struct snapshot *s);
void engine_collect(struct engine *e);

/* Starts rolling `run` (its rings primed by the caller).  The disk thread
 * services it until the engine finishes it. */
int engine_roll(struct engine *e, struct run *run);
/* Asks the engine to stop rolling at the next period. */
void engine_stop(struct engine *e);
/* true once the rolling run has finished (length reached or stopped) and
 * the disk thread has drained it; then the caller owns the run again. */
bool engine_idle(struct engine *e);

/* Becomes readable when something changed (run finished, xrun) and every
 * ~40 ms while rolling.  Read it with engine_ack(). */
int engine_wake_fd(const struct engine *e);
void engine_ack(struct engine *e);

/* Meters, in linear peak: each call returns the loudest sample since the
 * last call for the same meter and clears it (one reader, the control
 * thread).  A track's meter is what it plays into the mix, after its fader;
 * an input's is the capture channel `ch` (from 0) as it comes in, before
 * anything, whether or not a pass rolls. */
float engine_track_peak(struct engine *e, int track);
float engine_master_peak(struct engine *e, int side);
float engine_input_peak(struct engine *e, int ch);
/* A strip's meter slot (mixer.h: MIXER_SLOT_*) since the last call:
 * sample peak and the loudest period's RMS (linear, post fader) and the
 * largest gain reduction of its inserts (dB, <= 0). */
void engine_meter_take(struct engine *e, int slot, float *peak, float *rms,
    float *gr);
/* The master output's correlation (-1..1). */
float engine_correlation(struct engine *e);
/* Capture channels metered (0 without capture). */
int engine_inputs(const struct engine *e);
int64_t engine_xruns(struct engine *e);
/* The engine's own cost while the transport rolls: periods processed,
 * the time the mix (mixer_process and the monitor path) took over them
 * in all and the longest one (ns; the monotonic clock around it, read
 * through the vDSO, no system call).  For `status` and `make bench`. */
void engine_load(struct engine *e, int64_t *periods, int64_t *busy_ns,
    int64_t *max_ns);
/* Timeline positions of xruns during the current/last run (up to 64). */
int engine_xrun_positions(struct engine *e, int64_t *pos, int max);
const struct device *engine_device(const struct engine *e);
/* The monitor path (monitor.h): listening modes, set from any thread. */
struct monitor *engine_monitor(struct engine *e);
/* A ring (ring.h) that gets every period of the master as mixed, stereo
 * interleaved floats, before the monitor path; NULL stops it.  The
 * engine writes, one other thread reads; the ring outlives the engine
 * or the tap is cleared first. */
struct ring;
void engine_tap(struct engine *e, struct ring *r);

#endif
