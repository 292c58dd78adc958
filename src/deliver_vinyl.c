/* deliver_vinyl.c - premasters for the cutting engineer: one continuous
 * 24-bit file per side at the album rate, a side sheet, and what would
 * trouble the cut.
 *
 * Sides come from the songs' `side` (every song set, in album order) or,
 * when none is set, are balanced: the album in order split into 2 sides
 * (4 when 2 would be longer than the format allows) so that the longest
 * side is as short as it can be.  Within a side the songs follow each
 * other with their gaps and crossfades as on the CD; a side begins with
 * its first song (the lead-in groove is the cutter's).  Nothing is
 * limited or compressed: the side files are the masters, summed.
 *
 * Per song the writer measures, from the master itself:
 * - peaks: true peak (audio/loudness.c) and the samples above the
 *   ceiling (default -1 dBFS);
 * - the low end out of phase: both channels through a 300 Hz low-pass
 *   (two 2nd-order sections), their correlation in 0.5 s windows that
 *   carry low end (above -40 dBFS); below 0 the stylus would have to move
 *   more vertically than horizontally, which a cutter cannot follow;
 * - sibilance: the 5-10 kHz band's level in 10 ms windows above -18 dBFS,
 *   which distorts on playback at the inner grooves.
 */
#include "deliver_vinyl.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <errno.h>
#include <unistd.h>

#include <sndfile.h>

#include "atomicfile.h"
#include "fx_biquad.h"
#include "loudness.h"
#include "util.h"

const struct deliver_vinyl_format deliver_vinyl_formats[] = {
	{ "12in33", 22 * 60, 24 * 60, "12-inch LP at 33 1/3 rpm" },
	{ "12in45", 12 * 60, 15 * 60, "12-inch at 45 rpm" },
	{ "10in", 12 * 60, 15 * 60, "10-inch at 33 1/3 rpm" },
	{ "7in45", 4 * 60 + 30, 6 * 60, "7-inch single at 45 rpm" },
	{ NULL, 0, 0, NULL }
};

const struct deliver_vinyl_format *
deliver_vinyl_format_find(const char *name)
{
	const struct deliver_vinyl_format *f;

	for (f = deliver_vinyl_formats; f->name != NULL; f++)
		if (strcmp(f->name, name) == 0)
			return f;
	return NULL;
}

static void
vinyl_time(int64_t frames, int rate, char *buf, size_t len)
{
	double s = (double)frames / rate;

	snprintf(buf, len, "%d:%06.3f", (int)(s / 60), fmod(s, 60));
}

/* Where each song lands on its side: start[i], and each side's length. */
static void
vinyl_layout(const struct album *a, const int64_t *len, const char *side,
    int64_t *start, int64_t *side_len)
{
	int i, k;

	for (k = 0; k < DELIVER_VINYL_SIDES; k++)
		side_len[k] = 0;
	for (i = 0; i < a->nsongs; i++) {
		k = side[i] - 'A';
		if (i == 0 || side[i - 1] != side[i])
			start[i] = 0;
		else if (a->songs[i].crossfade_ms > 0)
			start[i] = start[i - 1] + len[i - 1] - (int64_t)llround(
			    a->songs[i].crossfade_ms * (a->rate / 1000.0));
		else
			start[i] = start[i - 1] + len[i - 1] +
			    (int64_t)llround(a->songs[i].gap_s * a->rate);
		side_len[k] = start[i] + len[i];
	}
}

/* The longest side when the songs are split into k runs in order, the
 * best split written into side. */
static int64_t
vinyl_balance(const struct album *a, const int64_t *len, int k, char *side)
{
	int n = a->nsongs, i, j, c;
	int64_t *best = xcalloc((size_t)(n + 1) * (size_t)(k + 1),
	    sizeof *best);
	int *cut = xcalloc((size_t)(n + 1) * (size_t)(k + 1), sizeof *cut);
	int64_t *start = xcalloc((size_t)n, sizeof *start), sl[4], result;
	char *tmp = xcalloc((size_t)n, 1);

	/* best[j*(k+1)+c]: the longest side when songs [0, j) fill c sides. */
	for (j = 0; j <= n; j++)
		for (c = 0; c <= k; c++)
			best[j * (k + 1) + c] = INT64_MAX;
	best[0] = 0;
	for (c = 1; c <= k; c++)
		for (j = 1; j <= n; j++)
			for (i = c - 1; i < j; i++) {
				int64_t prev = best[i * (k + 1) + c - 1], m;

				if (prev == INT64_MAX)
					continue;
				/* Songs [i, j) on one side. */
				memset(tmp, 'A', (size_t)n);
				for (int q = i; q < j; q++)
					tmp[q] = 'B';
				vinyl_layout(a, len, tmp, start, sl);
				m = sl[1] > prev ? sl[1] : prev;
				if (m < best[j * (k + 1) + c]) {
					best[j * (k + 1) + c] = m;
					cut[j * (k + 1) + c] = i;
				}
			}
	result = best[n * (k + 1) + k];
	for (j = n, c = k; c > 0; c--) {
		i = cut[j * (k + 1) + c];
		for (int q = i; q < j; q++)
			side[q] = (char)('A' + c - 1);
		j = i;
	}
	free(best);
	free(cut);
	free(start);
	free(tmp);
	return result;
}

int
deliver_vinyl_plan(const struct album *a, const int64_t *len,
    const struct deliver_vinyl_format *fmt, struct deliver_vinyl_plan *p,
    struct deliver_report *r)
{
	char name[256], t1[32];
	int i, assigned = 0, k;

	memset(p, 0, sizeof *p);
	if (a->nsongs == 0) {
		deliver_report_add(r, true, "the album has no songs");
		return -1;
	}
	p->side = xcalloc((size_t)a->nsongs, 1);
	p->start = xcalloc((size_t)a->nsongs, sizeof *p->start);
	for (i = 0; i < a->nsongs; i++)
		if (a->songs[i].side != 0)
			assigned++;
	if (assigned > 0 && assigned < a->nsongs) {
		for (i = 0; i < a->nsongs; i++)
			if (a->songs[i].side == 0) {
				deliver_song_name(a, i, name, sizeof name);
				deliver_report_add(r, true, "%s has no side "
				    "while others do: set the side of every "
				    "song, or of none to balance them", name);
			}
		return 0;
	}
	if (assigned == a->nsongs) {
		for (i = 0; i < a->nsongs; i++) {
			p->side[i] = a->songs[i].side;
			if (p->side[i] < 'A' || p->side[i] > 'D') {
				deliver_song_name(a, i, name, sizeof name);
				deliver_report_add(r, true, "%s: side '%c' "
				    "(expected A to D)", name, p->side[i]);
				p->side[i] = 'A';
			} else if (i > 0 && p->side[i] < p->side[i - 1]) {
				deliver_song_name(a, i, name, sizeof name);
				deliver_report_add(r, true, "%s is on side %c "
				    "after a song on side %c: sides follow the "
				    "album's order", name, p->side[i],
				    p->side[i - 1]);
			}
		}
		p->balanced = false;
	} else {
		k = a->nsongs >= 2 ? 2 : 1;
		if (vinyl_balance(a, len, k, p->side) > (int64_t)(fmt->max_s *
		    a->rate) && a->nsongs >= 4)
			k = 4;
		vinyl_balance(a, len, k, p->side);
		p->balanced = true;
	}
	vinyl_layout(a, len, p->side, p->start, p->side_len);
	for (k = 0; k < DELIVER_VINYL_SIDES; k++) {
		if (p->side_len[k] > 0)
			p->nsides = k + 1;
		if (p->side_len[k] > (int64_t)(fmt->max_s * a->rate)) {
			vinyl_time(p->side_len[k], a->rate, t1, sizeof t1);
			deliver_report_add(r, false, "side %c is %s: longer "
			    "than a %s side can be cut (%d:%02d)", 'A' + k, t1,
			    fmt->name, (int)fmt->max_s / 60,
			    (int)fmt->max_s % 60);
		} else if (p->side_len[k] > (int64_t)(fmt->comfortable_s *
		    a->rate)) {
			vinyl_time(p->side_len[k], a->rate, t1, sizeof t1);
			deliver_report_add(r, false, "side %c is %s: over the "
			    "%d:%02d a %s side holds comfortably; the cut "
			    "will be quieter or lighter in the bass", 'A' + k,
			    t1, (int)fmt->comfortable_s / 60,
			    (int)fmt->comfortable_s % 60, fmt->name);
		}
	}
	for (i = 1; i < a->nsongs; i++)
		if (p->side[i] == p->side[i - 1] && a->songs[i].crossfade_ms >
		    0 && (int64_t)llround(a->songs[i].crossfade_ms *
		    (a->rate / 1000.0)) >= (len[i - 1] < len[i] ? len[i - 1] :
		    len[i])) {
			deliver_song_name(a, i, name, sizeof name);
			deliver_report_add(r, true, "%s: its crossfade is "
			    "longer than a song it joins", name);
		}
	return 0;
}

void
deliver_vinyl_plan_free(struct deliver_vinyl_plan *p)
{
	free(p->side);
	free(p->start);
	free(p->len);
	memset(p, 0, sizeof *p);
}

/* ---- the side files and the measurements ---- */

struct vinyl_meter {
	struct fx_biquad lp, hp5, lp10;
	double zl[4][FX_BQ_STATE], zs[4][FX_BQ_STATE];
	double ll, rr, lr;		/* low end of the window */
	double sib;			/* 5-10 kHz energy of the window */
	int64_t n, sn, pos;
	double worst_corr;
	int64_t worst_corr_at;
	int sib_bursts;
	double sib_max;
	int64_t sib_at;
	int64_t over;			/* samples above the ceiling */
	float ceiling;
	struct loudness *loud;
	int rate;
};

static void
vinyl_meter_init(struct vinyl_meter *m, int rate, double ceiling_db)
{
	memset(m, 0, sizeof *m);
	m->rate = rate;
	fx_biquad_design(&m->lp, FX_BQ_LP, rate, 300, 0, M_SQRT1_2);
	fx_biquad_design(&m->hp5, FX_BQ_HP, rate, 5000, 0, M_SQRT1_2);
	fx_biquad_design(&m->lp10, FX_BQ_LP, rate, 10000, 0, M_SQRT1_2);
	m->worst_corr = 1;
	m->sib_max = -HUGE_VAL;
	m->ceiling = (float)pow(10, ceiling_db / 20);
	m->loud = loudness_new(rate, 2, 0);
}

static void
vinyl_meter_run(struct vinyl_meter *m, const float *x, long n)
{
	long i;
	int64_t win = m->rate / 2, swin = m->rate / 100;

	if (m->loud != NULL)
		loudness_add(m->loud, x, (size_t)n);
	for (i = 0; i < n; i++, m->pos++) {
		float l = x[2 * i], r = x[2 * i + 1];
		float a, b, s;

		if (fabsf(l) > m->ceiling)
			m->over++;
		if (fabsf(r) > m->ceiling)
			m->over++;
		a = fx_biquad_run(&m->lp, m->zl[0], l);
		a = fx_biquad_run(&m->lp, m->zl[1], a);
		b = fx_biquad_run(&m->lp, m->zl[2], r);
		b = fx_biquad_run(&m->lp, m->zl[3], b);
		m->ll += (double)a * a;
		m->rr += (double)b * b;
		m->lr += (double)a * b;
		if (++m->n == win) {
			/* Low end above -40 dBFS (RMS of the sum). */
			if ((m->ll + m->rr) / (2.0 * win) > 1e-4) {
				double c = m->lr / sqrt(m->ll * m->rr + 1e-30);

				if (c < m->worst_corr) {
					m->worst_corr = c;
					m->worst_corr_at = m->pos + 1 - win;
				}
			}
			m->ll = m->rr = m->lr = 0;
			m->n = 0;
		}
		s = fx_biquad_run(&m->hp5, m->zs[0], 0.5f * (l + r));
		s = fx_biquad_run(&m->hp5, m->zs[1], s);
		if (m->rate > 22000) {
			s = fx_biquad_run(&m->lp10, m->zs[2], s);
			s = fx_biquad_run(&m->lp10, m->zs[3], s);
		}
		m->sib += (double)s * s;
		if (++m->sn == swin) {
			double db = 10 * log10(m->sib / swin + 1e-30) + 3.01;

			if (db > -18) {
				m->sib_bursts++;
				if (db > m->sib_max) {
					m->sib_max = db;
					m->sib_at = m->pos + 1 - swin;
				}
			}
			m->sib = 0;
			m->sn = 0;
		}
	}
	for (i = 0; i < 4; i++) {
		fx_biquad_flush(m->zl[i]);
		fx_biquad_flush(m->zs[i]);
	}
}

static void
vinyl_meter_report(struct vinyl_meter *m, const struct album *a, int song,
    double ceiling_db, struct deliver_report *r)
{
	struct loudness_figures f;
	char name[256], t[32];

	deliver_song_name(a, song, name, sizeof name);
	if (m->loud != NULL) {
		loudness_get(m->loud, &f);
		if (m->over > 0)
			deliver_report_add(r, false, "%s: %lld samples above "
			    "the ceiling of %.1f dBFS (true peak %+.1f dBTP); "
			    "no limiter is applied", name,
			    (long long)m->over, ceiling_db, f.true_peak);
		loudness_free(m->loud);
		m->loud = NULL;
	}
	if (m->worst_corr < 0) {
		vinyl_time(m->worst_corr_at, m->rate, t, sizeof t);
		deliver_report_add(r, false, "%s: the low end (below 300 Hz) "
		    "is out of phase at %s (correlation %.2f): a cutter "
		    "needs it in phase (mono the bass)", name, t,
		    m->worst_corr);
	}
	if (m->sib_bursts > 0) {
		vinyl_time(m->sib_at, m->rate, t, sizeof t);
		deliver_report_add(r, false, "%s: sibilance: %d bursts of "
		    "5-10 kHz above -18 dBFS (loudest %.1f dBFS at %s); "
		    "de-ess before the cut", name, m->sib_bursts, m->sib_max,
		    t);
	}
}

#define VINYL_BLOCK 8192

static int
vinyl_write(SNDFILE *out, const float *x, int64_t n, char *err,
    size_t errlen, const char *path)
{
	if (sf_writef_float(out, x, n) != n) {
		snprintf(err, errlen, "%s: %s", path, sf_strerror(out));
		return -1;
	}
	return 0;
}

/* Writes one side; measures each of its songs into r. */
static int
vinyl_side(const struct album *a, char *const *masters,
    const struct deliver_vinyl_plan *p, int k, const char *path,
    const struct deliver_vinyl_opts *o, int64_t done, int64_t total,
    struct deliver_report *r, char *err, size_t errlen)
{
	SF_INFO info;
	SNDFILE *out;
	float *blk = xcalloc(VINYL_BLOCK * 2, sizeof *blk);
	float *mono = xcalloc(VINYL_BLOCK, sizeof *mono);
	float *tail = NULL, *zero = xcalloc(VINYL_BLOCK * 2, sizeof *zero);
	int64_t ntail = 0, written = 0;
	int i, rc = 0;

	memset(&info, 0, sizeof info);
	info.samplerate = a->rate;
	info.channels = 2;
	info.format = SF_FORMAT_WAV | SF_FORMAT_PCM_24;
	if ((out = sf_open(path, SFM_WRITE, &info)) == NULL) {
		snprintf(err, errlen, "%s: %s", path, sf_strerror(NULL));
		rc = -1;
		goto done;
	}
	for (i = 0; i < a->nsongs && rc == 0; i++) {
		struct vinyl_meter m;
		SF_INFO in;
		SNDFILE *sf;
		int64_t len, f = 0, xin, xout;
		bool last = i + 1 >= a->nsongs || p->side[i + 1] != p->side[i];

		if (p->side[i] != 'A' + k)
			continue;
		memset(&in, 0, sizeof in);
		if ((sf = sf_open(masters[i], SFM_READ, &in)) == NULL) {
			snprintf(err, errlen, "%s: %s", masters[i],
			    sf_strerror(NULL));
			rc = -1;
			break;
		}
		len = in.frames;
		xin = i > 0 && p->side[i - 1] == p->side[i] ?
		    p->start[i - 1] + p->len[i - 1] - p->start[i] : 0;
		if (xin < 0)
			xin = 0;
		xout = last ? 0 : (p->start[i] + len) - p->start[i + 1];
		if (xout < 0)
			xout = 0;
		/* The pause before the song. */
		while (rc == 0 && written < p->start[i]) {
			int64_t n = p->start[i] - written < VINYL_BLOCK ?
			    p->start[i] - written : VINYL_BLOCK;

			rc = vinyl_write(out, zero, n, err, errlen, path);
			written += n;
		}
		vinyl_meter_init(&m, a->rate, o->ceiling_db);
		while (rc == 0 && f < len) {
			sf_count_t n, j, w0 = -1;

			if (in.channels == 1) {
				n = sf_readf_float(sf, mono, VINYL_BLOCK);
				for (j = 0; j < n; j++)
					blk[2 * j] = blk[2 * j + 1] = mono[j];
			} else {
				n = sf_readf_float(sf, blk, VINYL_BLOCK);
			}
			if (n <= 0)
				break;
			vinyl_meter_run(&m, blk, n);
			for (j = 0; j < n; j++) {
				int64_t g = f + j;

				if (g < xin) {
					float v = deliver_fade(g, xin, true);

					blk[2 * j] = blk[2 * j] * v +
					    tail[2 * g];
					blk[2 * j + 1] = blk[2 * j + 1] * v +
					    tail[2 * g + 1];
				}
				if (g >= len - xout) {
					float v = deliver_fade(g - (len - xout),
					    xout, false);

					if (w0 < 0)
						w0 = j;
					blk[2 * j] *= v;
					blk[2 * j + 1] *= v;
				}
			}
			/* The faded-out tail waits for the next song. */
			if (w0 >= 0) {
				int64_t t0 = f + w0 - (len - xout);

				if (tail == NULL || ntail < xout) {
					tail = xreallocarray(tail,
					    (size_t)xout, 2 * sizeof(float));
					ntail = xout;
				}
				memcpy(tail + 2 * t0, blk + 2 * w0,
				    (size_t)(n - w0) * 2 * sizeof(float));
			}
			if (w0 != 0)
				rc = vinyl_write(out, blk, w0 >= 0 ? w0 : n,
				    err, errlen, path);
			written += w0 >= 0 ? w0 : n;
			f += n;
			if (o->progress != NULL && o->progress(o->progress_arg,
			    "vinyl sides", (double)(done + written) / total)
			    != 0)
				rc = 1;
		}
		sf_close(sf);
		if (rc == 0 && f != len) {
			snprintf(err, errlen, "%s: ended after %lld of %lld "
			    "frames", masters[i], (long long)f,
			    (long long)len);
			rc = -1;
		}
		if (rc == 0)
			vinyl_meter_report(&m, a, i, o->ceiling_db, r);
		else if (m.loud != NULL)
			loudness_free(m.loud);
	}
	if (out != NULL && sf_close(out) != 0 && rc == 0) {
		snprintf(err, errlen, "%s: write error", path);
		rc = -1;
	}
done:
	free(blk);
	free(mono);
	free(tail);
	free(zero);
	return rc;
}

static int
vinyl_sheet(const struct album *a, const struct deliver_vinyl_plan *p,
    const struct deliver_vinyl_format *fmt, const char *path, char *err,
    size_t errlen)
{
	struct atomicfile *af = atomicfile_open(path, err, errlen);
	char t1[32], t2[32];
	FILE *f;
	int i, k, num;

	if (af == NULL)
		return -1;
	f = atomicfile_stream(af);
	fprintf(f, "# reel: vinyl premaster of \"%s\"%s%s\n", a->title,
	    a->performer[0] != '\0' ? " by " : "", a->performer);
	fprintf(f, "# %s (%s): %d:%02d a side comfortably, %d:%02d at "
	    "most; %d Hz, 24-bit, no limiter; sides %s\n", fmt->name,
	    fmt->what, (int)fmt->comfortable_s / 60,
	    (int)fmt->comfortable_s % 60, (int)fmt->max_s / 60,
	    (int)fmt->max_s % 60, a->rate, p->balanced ? "balanced by reel" :
	    "as assigned");
	for (k = 0; k < p->nsides; k++) {
		vinyl_time(p->side_len[k], a->rate, t1, sizeof t1);
		fprintf(f, "\nside %c  side-%c.wav  total %s\n", 'A' + k,
		    'A' + k, t1);
		for (i = 0, num = 0; i < a->nsongs; i++) {
			if (p->side[i] != 'A' + k)
				continue;
			vinyl_time(p->start[i], a->rate, t1, sizeof t1);
			vinyl_time(p->start[i] + p->len[i], a->rate, t2,
			    sizeof t2);
			fprintf(f, "  %c%d  %s  %s  %s\n", 'A' + k, ++num, t1,
			    t2, a->songs[i].title[0] != '\0' ?
			    a->songs[i].title : "(untitled)");
		}
	}
	if (ferror(f)) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		atomicfile_abort(af);
		return -1;
	}
	return atomicfile_commit(af, err, errlen);
}

int
deliver_vinyl(const struct album *a, char *const *masters, const char *dir,
    const struct deliver_vinyl_opts *o, struct deliver_report *r,
    struct deliver_vinyl_plan *p, char *err, size_t errlen)
{
	int64_t *len = xcalloc((size_t)a->nsongs + 1, sizeof *len), total = 0;
	char name[256], *path;
	int i, k, rate, ch, rc = 0;

	memset(p, 0, sizeof *p);
	for (i = 0; i < a->nsongs; i++) {
		deliver_song_name(a, i, name, sizeof name);
		if (deliver_master_info(masters[i], &len[i], &rate, &ch, err,
		    errlen) != 0)
			deliver_report_add(r, true, "%s: %s", name, err);
		else if (rate != a->rate)
			deliver_report_add(r, true, "%s: its master is %d Hz, "
			    "the album %d Hz", name, rate, a->rate);
	}
	if (deliver_vinyl_plan(a, len, o->format, p, r) != 0 ||
	    r->nerrors > 0) {
		free(len);
		return 1;
	}
	p->len = len;
	if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
		snprintf(err, errlen, "%s: %s", dir, strerror(errno));
		return -1;
	}
	for (k = 0; k < p->nsides; k++)
		total += p->side_len[k];
	for (k = 0, total = total > 0 ? total : 1; k < p->nsides && rc == 0;
	    k++) {
		int64_t done = 0;

		for (i = 0; i < k; i++)
			done += p->side_len[i];
		path = xasprintf("%s/side-%c.wav", dir, 'A' + k);
		rc = vinyl_side(a, masters, p, k, path, o, done, total, r, err,
		    errlen);
		if (rc != 0)
			unlink(path);
		free(path);
	}
	if (rc == 0) {
		path = xasprintf("%s/sides.txt", dir);
		rc = vinyl_sheet(a, p, o->format, path, err, errlen);
		free(path);
	}
	return rc < 0 ? -1 : rc > 0 ? 2 : 0;
}
