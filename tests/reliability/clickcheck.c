/* clickcheck.c - checks that a recording of jack_metro's clicks lost no
 * sample: every channel's clicks start exactly PERIOD frames apart.
 *
 *   clickcheck FILE PERIOD
 *
 * Prints, per channel, the clicks found and the intervals that are not
 * PERIOD (where a sample was lost or added), then a summary line:
 * "clicks N irregular M first F".  Exit status 0 when every channel has
 * clicks, all at the same frames, and no irregular interval. */
#include <math.h>
#include <sndfile.h>
#include <stdio.h>
#include <stdlib.h>

#define QUIET_FRAMES	100	/* silence before a click */
#define THRESHOLD	0.001f	/* -60 dBFS */

int
main(int argc, char **argv)
{
	SF_INFO info = { 0 };
	SNDFILE *sf;
	float *buf;
	long period, *quiet, *last, *count, *irregular, *first;
	long long frame = 0;
	sf_count_t n;
	int c, ch, status = 0, shown = 0;

	if (argc != 3) {
		fprintf(stderr, "usage: clickcheck FILE PERIOD\n");
		return 2;
	}
	period = atol(argv[2]);
	if ((sf = sf_open(argv[1], SFM_READ, &info)) == NULL) {
		fprintf(stderr, "%s: %s\n", argv[1], sf_strerror(NULL));
		return 2;
	}
	ch = info.channels;
	buf = calloc((size_t)4096 * ch, sizeof *buf);
	quiet = calloc(ch, sizeof *quiet);
	last = calloc(ch, sizeof *last);
	count = calloc(ch, sizeof *count);
	irregular = calloc(ch, sizeof *irregular);
	first = calloc(ch, sizeof *first);
	for (c = 0; c < ch; c++)
		last[c] = first[c] = -1;
	while ((n = sf_readf_float(sf, buf, 4096)) > 0) {
		for (sf_count_t i = 0; i < n; i++, frame++)
			for (c = 0; c < ch; c++) {
				if (fabsf(buf[i * ch + c]) < THRESHOLD) {
					quiet[c]++;
					continue;
				}
				if (quiet[c] >= QUIET_FRAMES) {
					if (last[c] >= 0 &&
					    frame - last[c] != period) {
						irregular[c]++;
						if (shown++ < 10)
							printf("channel %d: click "
							    "at %lld, %lld after "
							    "the last\n", c + 1,
							    frame, frame -
							    last[c]);
					}
					if (first[c] < 0)
						first[c] = frame;
					last[c] = frame;
					count[c]++;
				}
				quiet[c] = 0;
			}
	}
	sf_close(sf);
	for (c = 0; c < ch; c++) {
		if (count[c] < 2 || irregular[c] != 0 || first[c] != first[0] ||
		    count[c] != count[0])
			status = 1;
		if (c > 0 && (first[c] != first[0] || count[c] != count[0]))
			printf("channel %d: %ld clicks from %ld, channel 1: "
			    "%ld from %ld\n", c + 1, count[c], first[c],
			    count[0], first[0]);
	}
	printf("clicks %ld irregular %ld first %ld\n", count[0],
	    irregular[0], first[0]);
	return status;
}
