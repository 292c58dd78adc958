/* demo.c - a generated demo song: four bars of pad and bass, looped. */
#include "demo.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "comp.h"
#include "project.h"
#include "util.h"
#include "wavfile.h"

#define DEMO_BPM 96.0
#define DEMO_BARS 8

/* C major, A minor, F major, G major: root frequencies of the chords. */
static const double demo_roots[4] = { 130.81, 110.00, 87.31, 98.00 };

static int
demo_track(struct project *p, const char *name, int channels, bool bass,
    char *err, size_t errlen)
{
	int64_t bar = (int64_t)(p->rate * 60.0 / DEMO_BPM * 4);
	int64_t frames = bar * DEMO_BARS, i;
	char *rel = xasprintf("audio/%s-1.wav", name);
	char *path = project_path(p, rel);
	struct wavfile *w = wavfile_create(path, channels, p->rate,
	    p->take_format, err, errlen);
	int none[2] = { 0, 0 };
	float buf[2 * 1024];
	struct track *t;
	struct take *k;
	int n = 0;

	free(path);
	if (w == NULL) {
		free(rel);
		return -1;
	}
	for (i = 0; i < frames; i++) {
		double root = demo_roots[(i / bar) % 4], tt = (double)i /
		    p->rate, pos = (double)(i % bar) / bar, v;

		if (bass) {
			double beat = fmod(pos * 4, 1.0);

			v = 0.35 * sin(2 * M_PI * root / 2 * tt) *
			    exp(-4 * beat);
		} else {
			v = 0.12 * (sin(2 * M_PI * root * 2 * tt) +
			    sin(2 * M_PI * root * 2 * 1.26 * tt) +
			    sin(2 * M_PI * root * 2 * 1.5 * tt)) *
			    (0.6 + 0.4 * sin(M_PI * pos));
		}
		buf[n * channels] = (float)v;
		if (channels == 2)
			buf[n * channels + 1] = (float)(v * 0.9);
		if (++n == 1024 || i == frames - 1) {
			if (wavfile_write(w, buf, n) != 0) {
				snprintf(err, errlen, "%s: write failed", rel);
				wavfile_close(w, NULL);
				free(rel);
				return -1;
			}
			n = 0;
		}
	}
	wavfile_close(w, NULL);
	t = project_track_add(p, name, channels, none, bass ? "bass" : "pad");
	k = project_take_add(t);
	k->file = rel;
	k->length = frames;
	k->rec_end = frames;
	t->active = k->id;
	comp_whole(t, k, comp_default_xfade(p));
	return 0;
}

int
demo_create(const char *dir, int rate, char *err, size_t errlen)
{
	struct project *p = project_create(dir, rate, WAVFILE_PCM24, err,
	    errlen);
	int rc;

	if (p == NULL)
		return -1;
	tempo_map_set(&p->tempo, 1, DEMO_BPM, 4, 4);
	rc = demo_track(p, "pad", 2, false, err, errlen);
	if (rc == 0)
		rc = demo_track(p, "bass", 1, true, err, errlen);
	if (rc == 0) {
		p->tracks[1].pan = -0.2;
		rc = project_save(p, err, errlen);
	}
	project_free(p);
	return rc;
}
