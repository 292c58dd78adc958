/* latency.c - impulses out, impulses back, and where the figure is kept. */
#include "latency.h"

#include <errno.h>
#include <math.h>
#include <sndfile.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "atomicfile.h"
#include "iniread.h"
#include "util.h"
#include "wavfile.h"

int
latency_write_impulses(const char *path, int rate, int64_t frames,
    int64_t period, char *err, size_t errlen)
{
	struct wavfile *w = wavfile_create(path, 1, rate, WAVFILE_FLOAT32,
	    err, errlen);
	float buf[4096];
	int64_t i, n = 0;

	if (w == NULL)
		return -1;
	for (i = 0; i < frames; i++) {
		buf[n++] = i % period == LATENCY_FIRST(period) ? 0.5f : 0.0f;
		if (n == 4096 || i == frames - 1) {
			if (wavfile_write(w, buf, n) != 0) {
				snprintf(err, errlen, "%s: write failed",
				    path);
				wavfile_close(w, NULL);
				return -1;
			}
			n = 0;
		}
	}
	return wavfile_close(w, NULL) == 0 ? 0 : -1;
}

int64_t
latency_find(const char *capture, int64_t period, char *err, size_t errlen)
{
	SF_INFO info;
	SNDFILE *sf;
	float buf[4096], peak = 0, *wmax;
	int64_t pos = 0, at = -1, lag, agree = 0, seen = 0, nw, *wpos;
	sf_count_t n, i;

	memset(&info, 0, sizeof info);
	sf = sf_open(capture, SFM_READ, &info);
	if (sf == NULL) {
		snprintf(err, errlen, "%s: %s", capture, sf_strerror(NULL));
		return -1;
	}
	/* The strongest sample of each period-long window, and of all. */
	nw = info.frames / period + 1;
	wmax = xcalloc(nw, sizeof *wmax);
	wpos = xcalloc(nw, sizeof *wpos);
	while ((n = sf_readf_float(sf, buf, 4096 / info.channels)) > 0) {
		for (i = 0; i < n; i++, pos++) {
			float v = fabsf(buf[i * info.channels]);
			int64_t w = pos / period;

			if (w < nw && v > wmax[w]) {
				wmax[w] = v;
				wpos[w] = pos;
			}
			if (v > peak) {
				peak = v;
				at = pos;
			}
		}
	}
	sf_close(sf);
	if (at < 0 || peak < 0.05f) {
		free(wmax);
		free(wpos);
		snprintf(err, errlen, "no impulse came back (peak %.1f dBFS): "
		    "connect an output to the input", peak > 0 ?
		    20 * log10f(peak) : -INFINITY);
		return -1;
	}
	/* The lag most impulses agree on (give or take a frame): an xrun
	 * while measuring shifts the ones after it. */
	lag = -1;
	for (i = 0; i < nw; i++) {
		int64_t l, j, votes = 0;

		if (wmax[i] < peak / 2)
			continue;
		seen++;
		l = ((wpos[i] - LATENCY_FIRST(period)) % period + period) %
		    period;
		for (j = 0; j < nw; j++)
			if (wmax[j] >= peak / 2 && llabs(((wpos[j] -
			    LATENCY_FIRST(period)) % period + period) % period -
			    l) <= 1)
				votes++;
		if (votes > agree) {
			agree = votes;
			lag = l;
		}
	}
	free(wmax);
	free(wpos);
	(void)at;
	if (agree < 2) {
		snprintf(err, errlen, "the impulses came back at different "
		    "lags (%lld of %lld agree): try again", (long long)agree,
		    (long long)seen);
		return -1;
	}
	return lag;
}

static void
latency_path(char *buf, size_t size)
{
	const char *x = getenv("XDG_CONFIG_HOME"), *h = getenv("HOME");

	if (x != NULL && x[0] != '\0')
		snprintf(buf, size, "%s/reel/latency.ini", x);
	else
		snprintf(buf, size, "%s/.config/reel/latency.ini",
		    h ? h : ".");
}

/* latency.ini: a section per device ("[hw:1,0]", since ALSA names hold
 * ':' which inih takes for '=' in a key), with "frames = N". */
struct latency_scan {
	const char *device;
	int64_t frames;
	FILE *copy;		/* other devices' entries, when storing */
};

static int
latency_handler(void *user, const char *section, const char *name,
    const char *value)
{
	struct latency_scan *ls = user;
	char *end;
	long long v = strtoll(value, &end, 10);

	if (strcmp(name, "frames") != 0 || *end != '\0' || end == value ||
	    v < 0 || v >= 10000000)
		return 1;
	if (strcmp(section, ls->device) == 0)
		ls->frames = v;
	else if (ls->copy != NULL)
		fprintf(ls->copy, "[%s]\nframes = %lld\n", section, v);
	return 1;
}

int64_t
latency_lookup(const char *device)
{
	struct latency_scan ls = { device, -1, NULL };
	char path[1024];
	FILE *f;

	latency_path(path, sizeof path);
	if ((f = util_fopen_regular(path, NULL)) == NULL)
		return -1;
	iniread_stream(f, latency_handler, &ls);
	fclose(f);
	return ls.frames;
}

int
latency_store(const char *device, int64_t frames, char *path, size_t pathlen,
    char *err, size_t errlen)
{
	struct latency_scan ls = { device, -1, NULL };
	struct atomicfile *af;
	char *dir, *slash;
	FILE *f;

	if (strpbrk(device, "[]\n") != NULL) {
		snprintf(err, errlen, "device name '%s' cannot be stored",
		    device);
		return -1;
	}
	latency_path(path, pathlen);
	/* Make the directories: .../reel and its parent. */
	dir = xstrdup(path);
	if ((slash = strrchr(dir, '/')) != NULL) {
		*slash = '\0';
		if ((slash = strrchr(dir, '/')) != NULL) {
			*slash = '\0';
			mkdir(dir, 0777);
			*slash = '/';
		}
		mkdir(dir, 0777);
	}
	free(dir);
	if ((af = atomicfile_open(path, err, errlen)) == NULL)
		return -1;
	ls.copy = atomicfile_stream(af);
	fprintf(ls.copy, "# round-trip latency in frames per playback device,"
	    " written by latency-measure\n");
	if ((f = util_fopen_regular(path, NULL)) != NULL) {
		iniread_stream(f, latency_handler, &ls);
		fclose(f);
	}
	fprintf(ls.copy, "[%s]\nframes = %lld\n", device, (long long)frames);
	return atomicfile_commit(af, err, errlen);
}
