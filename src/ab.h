/* ab.h - A/B: two mixes (saved versions, or a version and the current
 * mix) played side by side, one heard, switched at the same position
 * with a short fade.
 *
 * The engine runs both graphs on the same playlists (mixer.h: the
 * snapshot's alt), each on processor instances of its own: A on the
 * session's pool, B on a second pool, so versions that share insert ids
 * never share a filter memory or a tail.  Switching publishes the same
 * pair with the other target; the engine fades over AB_RAMP_MS, equal
 * gain (the two mixes share their audio, so they are correlated and an
 * equal-power fade would bump).  With matching on, the louder mix is
 * turned down to the quieter one's RMS over the whole song (RMS, not
 * integrated loudness: no BS.1770 meter in main yet).
 */
#ifndef REEL_AB_H
#define REEL_AB_H

#include <stdbool.h>
#include <stdint.h>

struct session;
struct snapshot;

#define AB_RAMP_MS 20

struct ab {
	bool on;
	int side[2];		/* version numbers, 0 the current mix */
	int target;		/* 0: A heard, 1: B */
	int64_t at;		/* the switch's timeline frame, -1 at once */
	bool match;
	float gain[2];
	double rms_db[2];	/* measured when matching */
	struct graph_pool *pool_b;
};

/* Arms A/B between versions a and b (0: current); A is heard.  With
 * match, renders both mixes offline first to measure them.  0, or -1
 * (reported). */
int ab_arm(struct session *s, int a, int b, bool match);
/* Whether A/B is armed. */
bool ab_on(const struct session *s);
/* Back to the current mix alone (the second pool stays for the next
 * time: the engine may still hold snapshots that use it). */
void ab_off(struct session *s);
/* At session_close, after the engine: frees everything. */
void ab_free(struct session *s);
/* Both mixes as one snapshot (the engine's, through session_snapshot). */
struct snapshot *ab_snapshot(struct session *s);
/* "v3" or "current". */
void ab_name(int v, char *buf, int size);

#endif
