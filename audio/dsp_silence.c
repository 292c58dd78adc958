/* dsp_silence.c - RMS below a threshold over a sliding window. */
#include "dsp_silence.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>

int
dsp_silence_find(const float *x, int64_t n, int channels, int rate,
    double threshold_db, int64_t min, int64_t **runs)
{
	int64_t half = (int64_t)rate * DSP_SILENCE_WINDOW_MS / 2000, i, lo,
	    hi, start = -1;
	double acc = 0, thr = pow(10.0, threshold_db / 10.0);
	int nr = 0, cap = 0;
	int64_t *r = NULL;

	lo = 0;
	hi = 0;		/* the window is [lo, hi) */
	for (i = 0; i <= n; i++) {
		bool silent = false;

		if (i < n) {
			int64_t a = i - half < 0 ? 0 : i - half,
			    b = i + half + 1 > n ? n : i + half + 1;
			int c;

			for (; hi < b; hi++)
				for (c = 0; c < channels; c++)
					acc += (double)x[hi * channels + c] *
					    x[hi * channels + c];
			for (; lo < a; lo++)
				for (c = 0; c < channels; c++)
					acc -= (double)x[lo * channels + c] *
					    x[lo * channels + c];
			/* Rounding may leave a sum of zeros slightly off. */
			silent = (acc < 0 ? 0 : acc) / ((double)(b - a) *
			    channels) < thr;
		}
		if (silent && start < 0)
			start = i;
		if (!silent && start >= 0) {
			if (i - start >= min) {
				if (nr + 2 > cap) {
					int64_t *nrr;

					cap = cap ? cap * 2 : 16;
					nrr = realloc(r, cap * sizeof *r);
					if (nrr == NULL) {
						free(r);
						return -1;
					}
					r = nrr;
				}
				r[nr++] = start;
				r[nr++] = i;
			}
			start = -1;
		}
	}
	*runs = r;
	return nr / 2;
}
