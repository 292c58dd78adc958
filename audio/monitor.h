/* monitor.h - what the engine does to the mix on its way to the speakers
 * and never to a render: listening through emulated devices.
 *
 * Each mode is a fixed chain of the EQ's biquads (band limits as 4th-order
 * Butterworth high- and low-pass, the device's response as peaks and
 * shelves), summed to mono where the device has one speaker:
 *
 *   flat     nothing
 *   mono     (L + R) / 2 on both sides
 *   phone    mono; high-pass 400 Hz, +4 dB at 2.5 kHz (Q 1), low-pass 10 kHz
 *   earbuds  high-pass 50 Hz, +3 dB at 3 kHz (Q 1.5), low-pass 16 kHz
 *   laptop   high-pass 250 Hz, +3 dB at 4 kHz (Q 1), low-pass 15 kHz
 *   car      high-pass 45 Hz, +4 dB low shelf at 100 Hz (the cabin),
 *            -2 dB at 400 Hz (Q 1), low-pass 12 kHz
 *
 * High- and low-pass frequencies are the band limits (-3 dB points of
 * the Butterworth sections).  A new mode is heard at once: the old chain
 * fades out and the new one in over MONITOR_FADE_MS, so nothing clicks.
 *
 * Threads: monitor_new/free on the control thread; monitor_set from any
 * thread (an atomic); monitor_process on the engine thread (no
 * allocation, no locks) or in a render of the monitor path.
 */
#ifndef REEL_MONITOR_H
#define REEL_MONITOR_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

enum monitor_listen { MONITOR_FLAT, MONITOR_MONO, MONITOR_PHONE,
    MONITOR_EARBUDS, MONITOR_LAPTOP, MONITOR_CAR, MONITOR_NLISTEN };

#define MONITOR_FADE_MS 10

extern const char *const monitor_listen_names[];	/* NULL-terminated */

struct monitor;

struct monitor *monitor_new(int rate);
void monitor_free(struct monitor *m);
void monitor_set(struct monitor *m, enum monitor_listen mode);
/* The mode at once, no fade: before the first monitor_process (a render
 * of the monitor path starts in its mode). */
void monitor_start(struct monitor *m, enum monitor_listen mode);
/* A reference track for A/B: stereo interleaved frames at the engine's
 * rate from timeline frame 0, and the gain that matches its integrated
 * loudness to the mix's.  Owned by the caller, and kept alive as long as
 * any monitor may still read it (the session keeps every reference it
 * loaded until it closes). */
struct monitor_ref {
	const float *buf;
	int64_t frames;
	float gain;
};

/* Any thread: the reference (NULL: none), and which one is heard.  A
 * switch crossfades over MONITOR_FADE_MS at the same position. */
void monitor_reference(struct monitor *m, const struct monitor_ref *r);
void monitor_ab(struct monitor *m, bool reference);
bool monitor_ab_get(const struct monitor *m);
enum monitor_listen monitor_get(const struct monitor *m);
/* n interleaved stereo frames in place; pos is the timeline frame of
 * the first (where the reference plays from), -1 while stopped (the
 * reference is then silent). */
void monitor_process(struct monitor *m, float *buf, int n, int64_t pos);
/* The name's mode, -1 for none. */
int monitor_listen_find(const char *name);

#endif
