/* master.h - mastering: loudness of a file or of the mix, the named
 * targets, what streaming services do to a song's level.
 *
 * A measurement is a struct loudness_figures (audio/loudness.h), the same
 * for a file, the mix or (later) each song of an album, so that anything
 * that compares or balances songs reuses these.
 */
#ifndef REEL_MASTER_H
#define REEL_MASTER_H

#include <stdbool.h>
#include <stddef.h>

#include "loudness.h"

struct session;

/* A loudness target: integrated LUFS and a true-peak ceiling. */
struct master_target {
	const char *name;
	double lufs, tp;
	const char *what;	/* who uses it, where the number comes from */
};

extern const struct master_target master_targets[];

const struct master_target *master_target_find(const char *name);

/* A streaming service's normalisation: its playback reference, whether
 * it also turns quiet songs up (and how far true peak lets it). */
struct master_service {
	const char *name;
	double lufs;
	bool turns_up;
	double up_tp;		/* turning up stops at this true peak */
};

extern const struct master_service master_services[];

/* What a service does to a song measured f: "turns it down 3.2 dB",
 * "turns it up 1.0 dB (true peak allows 1.0 of 2.0)", "leaves it". */
void master_service_effect(const struct master_service *sv,
    const struct loudness_figures *f, char *buf, size_t len);

/* The whole file (any rate, mono or stereo) measured.  0, or -1 with err
 * ("FILE: why"). */
int master_measure_file(const char *path, struct loudness_figures *f,
    char *err, size_t errlen);
/* The mix through the render path (the same graph), nothing written.
 * 0, or -1 (reported). */
int master_measure_mix(struct session *s, struct loudness_figures *f);
/* The six lines `loudness` prints, as MSG_OUT. */
void master_print(struct session *s, const struct loudness_figures *f);

#endif
