/* metercost.c - the live loudness meter's CPU cost, as a share of one
 * core in real time: SECONDS of 48 kHz stereo (pink-ish noise) pass in
 * 256-frame periods through a ring (as the engine writes it) into the
 * live meter's loudness state (as its thread reads it).  Prints the
 * figure for bench.  Usage: metercost SECONDS */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "loudness.h"
#include "ring.h"

int
main(int argc, char **argv)
{
	int secs = argc > 1 ? atoi(argv[1]) : 600, rate = 48000, i, k;
	long frames = (long)secs * rate, done = 0;
	struct ring *r = ring_new((size_t)rate * 8);
	struct loudness *l = loudness_new(rate, 2, LOUDNESS_HISTORY);
	float per[512], buf[8192], b0 = 0, b1 = 0;
	unsigned s = 1;
	struct timespec t0, t1;
	double cpu;
	struct loudness_figures f;

	if (r == NULL || l == NULL)
		return 1;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t0);
	while (done < frames) {
		for (i = 0; i < 256; i++) {
			/* A cheap red-ish noise. */
			s = s * 1664525u + 1013904223u;
			b0 = 0.97f * b0 + ((int)(s >> 9) - (1 << 22)) *
			    (0.05f / (1 << 22));
			b1 = 0.5f * b1 + b0;
			per[2 * i] = b0;
			per[2 * i + 1] = b1 * 0.5f;
		}
		ring_write(r, per, sizeof per);
		done += 256;
		/* The meter thread wakes every 50 ms. */
		if (done % 2400 < 256 || done >= frames) {
			size_t got;

			while ((got = ring_read(r, buf, sizeof buf)) > 0)
				loudness_add(l, buf, got / 8);
		}
	}
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t1);
	cpu = (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) /
	    1e9;
	loudness_get(l, &f);
	k = printf("live loudness meter: %.3f s CPU for %d s of 48 kHz stereo "
	    "= %.2f%% of one core (target < 2%%); integrated %.1f LUFS\n",
	    cpu, secs, 100 * cpu / secs, f.integrated);
	loudness_free(l);
	ring_free(r);
	return k > 0 ? 0 : 1;
}
