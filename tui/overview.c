/* overview.c - waveform overviews of take files, cached. */
#include "overview.h"

#include <math.h>
#include <sndfile.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "stream.h"
#include "util.h"

#define OVERVIEW_MAX 256	/* files kept */

void
overview_cache_init(struct overview_cache *c)
{
	memset(c, 0, sizeof *c);
}

static void
overview_clear(struct overview *o)
{
	free(o->path);
	free(o->peak);
	memset(o, 0, sizeof *o);
}

void
overview_cache_free(struct overview_cache *c)
{
	int i;

	for (i = 0; i < c->n; i++)
		overview_clear(&c->o[i]);
	free(c->o);
	memset(c, 0, sizeof *c);
}

static int
overview_compute(struct overview *o, const char *path)
{
	SF_INFO info;
	SNDFILE *f;
	float *buf;
	sf_count_t got;
	int64_t frame = 0, i;
	int ch, c, fd, block = OVERVIEW_FRAMES * 16;

	memset(&info, 0, sizeof info);
	/* A take that is not a regular file (a FIFO) would block the
	 * screen in open(): it gets no overview. */
	fd = stream_open_regular(path);
	if (fd < 0)
		return -1;
	f = sf_open_fd(fd, SFM_READ, &info, SF_FALSE);
	if (f == NULL) {
		close(fd);
		return -1;
	}
	ch = info.channels > 0 ? info.channels : 1;
	o->npeaks = (info.frames + OVERVIEW_FRAMES - 1) / OVERVIEW_FRAMES;
	o->peak = xcalloc(o->npeaks ? o->npeaks : 1, sizeof *o->peak);
	buf = xmalloc(sizeof *buf * block * ch);
	while ((got = sf_readf_float(f, buf, block)) > 0) {
		for (i = 0; i < got; i++, frame++) {
			float *pk = &o->peak[frame / OVERVIEW_FRAMES];

			if (frame / OVERVIEW_FRAMES >= o->npeaks)
				break;
			for (c = 0; c < ch; c++) {
				float v = fabsf(buf[i * ch + c]);

				if (v > *pk)
					*pk = v;
			}
		}
	}
	free(buf);
	sf_close(f);
	close(fd);
	return 0;
}

const struct overview *
overview_get(struct overview_cache *c, const char *path, int64_t length)
{
	struct overview *o = NULL;
	int i, lru = 0;

	c->clock++;
	for (i = 0; i < c->n; i++)
		if (strcmp(c->o[i].path, path) == 0) {
			o = &c->o[i];
			if (o->length == length) {
				o->used = c->clock;
				return o->peak ? o : NULL;
			}
			overview_clear(o);
			break;
		}
	if (o == NULL && c->n < OVERVIEW_MAX) {
		c->o = xreallocarray(c->o, c->n + 1, sizeof *c->o);
		o = &c->o[c->n++];
		memset(o, 0, sizeof *o);
	} else if (o == NULL) {
		for (i = 1; i < c->n; i++)
			if (c->o[i].used < c->o[lru].used)
				lru = i;
		o = &c->o[lru];
		overview_clear(o);
	}
	o->path = xstrdup(path);
	o->length = length;
	o->used = c->clock;
	/* An unreadable file is remembered as such (peak NULL). */
	if (overview_compute(o, path) != 0) {
		free(o->peak);
		o->peak = NULL;
		return NULL;
	}
	return o;
}

float
overview_peak(const struct overview *o, int64_t from, int64_t to)
{
	int64_t a, b, i;
	float pk = 0;

	if (o == NULL || to <= from || o->npeaks == 0)
		return 0;
	a = from < 0 ? 0 : from / OVERVIEW_FRAMES;
	b = (to + OVERVIEW_FRAMES - 1) / OVERVIEW_FRAMES;
	if (b > o->npeaks)
		b = o->npeaks;
	if (b <= a && a < o->npeaks)
		b = a + 1;
	for (i = a; i < b; i++)
		if (o->peak[i] > pk)
			pk = o->peak[i];
	return pk;
}
