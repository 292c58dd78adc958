/* latency.h - measured round-trip latency per device.
 *
 * `latency-measure` plays impulses and finds them in the capture (through
 * a loopback cable on real hardware); the result is kept in
 * $XDG_CONFIG_HOME/reel/latency.ini as "DEVICE = FRAMES" and used for that
 * device when the config's latency is auto.
 */
#ifndef REEL_LATENCY_H
#define REEL_LATENCY_H

#include <stddef.h>
#include <stdint.h>

/* Impulses every `period` frames from period/4 on; the first at
 * LATENCY_FIRST(period). */
#define LATENCY_FIRST(period) ((period) / 4)

/* Writes the impulse file (mono float).  0 or -1 with err. */
int latency_write_impulses(const char *path, int rate, int64_t frames,
    int64_t period, char *err, size_t errlen);
/* Finds the round trip in a capture of those impulses: the lag of the
 * strongest peak modulo the period, confirmed by the other peaks.
 * Returns frames, or -1 with err ("no impulse came back"). */
int64_t latency_find(const char *capture, int64_t period, char *err,
    size_t errlen);
/* The stored figure for a device, or -1. */
int64_t latency_lookup(const char *device);
/* Stores a figure.  0 or -1 with err. */
int latency_store(const char *device, int64_t frames, char *path,
    size_t pathlen, char *err, size_t errlen);

#endif
