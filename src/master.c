/* master.c - loudness measurements, targets and streaming services. */
#include "master.h"

#include <math.h>
#include <sndfile.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "session.h"
#include "util.h"

/* Sources: Spotify for Artists, "Loudness normalization" (-14 LUFS,
 * -1 dBTP advised); Apple, "Apple Digital Masters" (-16 LUFS Sound
 * Check, -1 dBTP); YouTube plays at about -14 LUFS (measured by the
 * industry, not published); EBU R128 (2020) -23 LUFS, -1 dBTP; ATSC A/85
 * (2013) -24 LKFS, -2 dBTP; loud CD masters commonly sit near -9 LUFS
 * with peaks at -0.3 dBTP (inter-sample overs kept off the converters). */
const struct master_target master_targets[] = {
	{ "streaming", -14, -1, "Spotify, Tidal, Amazon, YouTube" },
	{ "spotify", -14, -1, "Spotify's normalisation level" },
	{ "apple", -16, -1, "Apple Music Sound Check" },
	{ "youtube", -14, -1, "YouTube's normalisation level" },
	{ "ebu-r128", -23, -1, "EBU R128 broadcast" },
	{ "atsc", -24, -2, "ATSC A/85 broadcast (US)" },
	{ "podcast", -16, -1, "spoken word for streaming" },
	{ "cd", -9, -0.3, "a loud CD master" },
	{ NULL, 0, 0, NULL }
};

/* Sources: Spotify for Artists "Loudness normalization" (-14 LUFS;
 * normal mode turns up as far as a -1 dBTP peak allows); Apple Sound
 * Check (-16 LUFS, up and down; up only within peak headroom, as
 * Spotify); YouTube, Tidal, Amazon Music and Deezer only turn loud songs
 * down (YouTube -14, Tidal -14, Amazon -14, Deezer -15 LUFS). */
const struct master_service master_services[] = {
	{ "Spotify", -14, true, -1 },
	{ "Apple Music", -16, true, -1 },
	{ "YouTube", -14, false, 0 },
	{ "Tidal", -14, false, 0 },
	{ "Amazon Music", -14, false, 0 },
	{ "Deezer", -15, false, 0 },
	{ NULL, 0, false, 0 }
};

const struct master_target *
master_target_find(const char *name)
{
	int i;

	for (i = 0; master_targets[i].name != NULL; i++)
		if (strcmp(master_targets[i].name, name) == 0)
			return &master_targets[i];
	return NULL;
}

void
master_service_effect(const struct master_service *sv,
    const struct loudness_figures *f, char *buf, size_t len)
{
	double d = sv->lufs - f->integrated, room;

	if (!isfinite(f->integrated))
		snprintf(buf, len, "leaves it (no signal)");
	else if (fabs(d) < 0.05)
		snprintf(buf, len, "leaves it (on its level)");
	else if (d < 0)
		snprintf(buf, len, "turns it down %.1f dB", -d);
	else if (!sv->turns_up)
		snprintf(buf, len, "leaves it (it plays %.1f dB quieter "
		    "than songs at %.0f LUFS; this service only turns down)",
		    d, sv->lufs);
	else {
		room = isfinite(f->true_peak) ? sv->up_tp - f->true_peak : d;
		if (room >= d)
			snprintf(buf, len, "turns it up %.1f dB", d);
		else if (room <= 0.05)
			snprintf(buf, len, "leaves it (%.1f dB quieter; its "
			    "true peak leaves no room under %.0f dBTP)", d,
			    sv->up_tp);
		else
			snprintf(buf, len, "turns it up %.1f dB of %.1f (its "
			    "true peak stops it at %.0f dBTP)", room, d,
			    sv->up_tp);
	}
}

int
master_measure_file(const char *path, struct loudness_figures *f,
    char *err, size_t errlen)
{
	SF_INFO info = { 0 };
	SNDFILE *sf = sf_open(path, SFM_READ, &info);
	struct loudness *l;
	float *buf;
	sf_count_t n;
	const sf_count_t blk = 48000;
	int rc = 0;

	if (sf == NULL) {
		snprintf(err, errlen, "%s: %s", path, sf_strerror(NULL));
		return -1;
	}
	if (info.channels < 1 || info.channels > 2) {
		snprintf(err, errlen, "%s: %d channels; loudness measures "
		    "mono and stereo files", path, info.channels);
		sf_close(sf);
		return -1;
	}
	l = loudness_new(info.samplerate, info.channels, LOUDNESS_THREADS);
	if (l == NULL) {
		snprintf(err, errlen, "%s: a rate of %d Hz cannot be measured",
		    path, info.samplerate);
		sf_close(sf);
		return -1;
	}
	buf = xmalloc(sizeof(float) * (size_t)blk * (size_t)info.channels);
	while ((n = sf_readf_float(sf, buf, blk)) > 0)
		if (loudness_add(l, buf, (size_t)n) != 0) {
			snprintf(err, errlen, "%s: out of memory", path);
			rc = -1;
			break;
		}
	if (rc == 0 && sf_error(sf) != SF_ERR_NO_ERROR) {
		snprintf(err, errlen, "%s: %s", path, sf_strerror(sf));
		rc = -1;
	}
	loudness_get(l, f);
	loudness_free(l);
	free(buf);
	sf_close(sf);
	return rc;
}

static int
master_mix_sink(void *ctx, float *buf, int n)
{
	return loudness_add(ctx, buf, (size_t)n) == 0 ? 0 : -12;
}

int
master_measure_mix(struct session *s, struct loudness_figures *f)
{
	struct loudness *l = loudness_new(s->p->rate, 2, LOUDNESS_THREADS);
	int64_t end = project_length(s->p);
	int rc;

	if (l == NULL)
		fatal("out of memory");
	if (end <= 0) {
		loudness_free(l);
		return session_fail(s, "the project is empty: nothing to "
		    "measure");
	}
	rc = render_analyse(s, 0, end, master_mix_sink, l);
	loudness_get(l, f);
	loudness_free(l);
	return rc;
}

void
master_print(struct session *s, const struct loudness_figures *f)
{
	char v[6][16];

	loudness_format(f->integrated, v[0], sizeof v[0]);
	loudness_format(f->range, v[1], sizeof v[1]);
	loudness_format(f->true_peak, v[2], sizeof v[2]);
	loudness_format(f->sample_peak, v[3], sizeof v[3]);
	loudness_format(f->momentary_max, v[4], sizeof v[4]);
	loudness_format(f->short_term_max, v[5], sizeof v[5]);
	session_msg(s, MSG_OUT, "integrated: %s LUFS", v[0]);
	session_msg(s, MSG_OUT, "range: %s LU", v[1]);
	session_msg(s, MSG_OUT, "true-peak: %s dBTP", v[2]);
	session_msg(s, MSG_OUT, "sample-peak: %s dBFS", v[3]);
	session_msg(s, MSG_OUT, "momentary-max: %s LUFS", v[4]);
	session_msg(s, MSG_OUT, "short-term-max: %s LUFS", v[5]);
}
