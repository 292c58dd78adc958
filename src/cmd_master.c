/* cmd_master.c - loudness, loudness-report, targets, master-target,
 * listen, loudness-reset, reference, ab-reference. */
#include <errno.h>
#include <math.h>
#include <samplerate.h>
#include <sndfile.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "album.h"
#include "atomicfile.h"
#include "cmd.h"
#include "engine.h"
#include "livemeter.h"
#include "master.h"
#include "monitor.h"
#include "session.h"
#include "util.h"

/* FILE or `mix`: the figures, or -1 (reported). */
static int
cmd_master_measure(struct session *s, const char *what,
    struct loudness_figures *f)
{
	char err[512];

	if (strcmp(what, "mix") == 0) {
		if (s->p == NULL)
			return session_fail(s, "mix: needs a song project, and "
			    "this session has only the album open");
		return master_measure_mix(s, f);
	}
	if (master_measure_file(what, f, err, sizeof err) != 0)
		return session_fail(s, "FILE: %s", err);
	return 0;
}

static int
cmd_loudness_exec(struct session *s, const struct cmd_args *a)
{
	struct loudness_figures f;

	if (cmd_master_measure(s, a->argv[1], &f) != 0)
		return -1;
	master_print(s, &f);
	return 0;
}

const struct cmd_entry cmd_loudness_entry = {
	"loudness", "FILE|mix", "measure loudness (BS.1770 / EBU R128) of a "
	"file or of the mix: integrated, range, true peak, sample peak, "
	"momentary and short-term maxima", 1, 1, NULL, CMD_NOSONG,
	cmd_loudness_exec
};

static int
cmd_targets_exec(struct session *s, const struct cmd_args *a)
{
	int i;

	for (i = 0; master_targets[i].name != NULL; i++)
		session_msg(s, MSG_OUT, "%-10s %6.1f LUFS %5.1f dBTP  %s",
		    master_targets[i].name, master_targets[i].lufs,
		    master_targets[i].tp, master_targets[i].what);
	return 0;
}

const struct cmd_entry cmd_targets_entry = {
	"targets", "", "list the named loudness targets (LUFS, true-peak "
	"ceiling) for master-target", 0, 0, NULL, CMD_NOSONG,
	cmd_targets_exec
};

/* The report's text (heap). */
static char *
cmd_report_text(struct session *s, const char *what,
    const struct loudness_figures *f)
{
	char *buf = NULL, v[4][16], eff[160];
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);
	int i;

	if (m == NULL)
		fatal("out of memory");
	loudness_format(f->integrated, v[0], sizeof v[0]);
	loudness_format(f->range, v[1], sizeof v[1]);
	loudness_format(f->true_peak, v[2], sizeof v[2]);
	loudness_format(f->sample_peak, v[3], sizeof v[3]);
	fprintf(m, "loudness report: %s\n", what);
	fprintf(m, "measured per ITU-R BS.1770-4 / EBU R128 (true peak 4x "
	    "oversampled)\n\n");
	fprintf(m, "integrated loudness  %s LUFS\n", v[0]);
	fprintf(m, "loudness range       %s LU\n", v[1]);
	fprintf(m, "true peak            %s dBTP\n", v[2]);
	fprintf(m, "sample peak          %s dBFS\n", v[3]);
	fprintf(m, "length               %.1f s\n\n", f->rate > 0 ?
	    (double)f->frames / f->rate : 0.0);
	fprintf(m, "streaming services (their normalisation level):\n");
	for (i = 0; master_services[i].name != NULL; i++) {
		master_service_effect(&master_services[i], f, eff,
		    sizeof eff);
		fprintf(m, "  %-13s %4.0f LUFS  %s\n", master_services[i].name,
		    master_services[i].lufs, eff);
	}
	fprintf(m, "\nSpotify and Apple Music turn quiet songs up as far as "
	    "a -1 dBTP true peak allows;\nYouTube, Tidal, Amazon Music and "
	    "Deezer only turn loud songs down.\n");
	fclose(m);
	return buf;
}

/* The album's report (heap): per song, with its album gain, the figures
 * of its master and what each service does to it. */
static char *
cmd_report_album(struct session *s)
{
	const struct album *al = s->album;
	char *buf = NULL, v[4][16], eff[160], name[ALBUM_TEXT + 8];
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);
	int i, j;

	if (m == NULL)
		fatal("out of memory");
	fprintf(m, "loudness report: album %s%s%s\n", al->dir,
	    al->title[0] ? ", " : "", al->title);
	fprintf(m, "measured per ITU-R BS.1770-4 / EBU R128 (true peak 4x "
	    "oversampled);\neach song's master with its album gain, as "
	    "album-render writes it\n");
	for (i = 0; i < al->nsongs; i++) {
		struct loudness_figures f = al->songs[i].lf;
		double g = al->songs[i].gain_db;

		/* The album gain is a plain gain after the song's master:
		 * it moves every level by g and leaves the range. */
		f.integrated += g;
		f.true_peak += g;
		f.sample_peak += g;
		f.momentary_max += g;
		f.short_term_max += g;
		album_song_name(al, i, name, sizeof name);
		loudness_format(f.integrated, v[0], sizeof v[0]);
		loudness_format(f.range, v[1], sizeof v[1]);
		loudness_format(f.true_peak, v[2], sizeof v[2]);
		loudness_format(f.sample_peak, v[3], sizeof v[3]);
		fprintf(m, "\nsong %d: %s (album gain %+.2f dB)\n", i + 1, name,
		    g);
		fprintf(m, "  integrated loudness  %s LUFS\n", v[0]);
		fprintf(m, "  loudness range       %s LU\n", v[1]);
		fprintf(m, "  true peak            %s dBTP\n", v[2]);
		fprintf(m, "  sample peak          %s dBFS\n", v[3]);
		fprintf(m, "  length               %.1f s\n", f.rate > 0 ?
		    (double)f.frames / f.rate : 0.0);
		for (j = 0; master_services[j].name != NULL; j++) {
			master_service_effect(&master_services[j], &f, eff,
			    sizeof eff);
			fprintf(m, "  %-13s %4.0f LUFS  %s\n",
			    master_services[j].name, master_services[j].lufs,
			    eff);
		}
	}
	fprintf(m, "\nSpotify and Apple Music turn quiet songs up as far as "
	    "a -1 dBTP true peak allows;\nYouTube, Tidal, Amazon Music and "
	    "Deezer only turn loud songs down.\n");
	fclose(m);
	return buf;
}

static int
cmd_report_album_write(struct session *s, const char *file)
{
	char *text, *path, err[512];
	struct atomicfile *af;
	int rc = -1;

	if (s->album == NULL)
		return session_fail(s, "source=album: no album is open");
	if (s->album->nsongs == 0)
		return session_fail(s, "the album has no songs");
	/* The songs are measured as album-measure does (in parallel). */
	if (cmd_album_measure_all(s, true) != 0)
		return -1;
	path = strchr(file, '/') == NULL ? xasprintf("%s/%s", s->album->dir,
	    file) : xstrdup(file);
	text = cmd_report_album(s);
	if ((af = atomicfile_open(path, err, sizeof err)) != NULL) {
		fputs(text, atomicfile_stream(af));
		rc = atomicfile_commit(af, err, sizeof err);
	}
	free(text);
	if (rc != 0)
		session_fail(s, "FILE: %s", err);
	else
		session_msg(s, MSG_NOTE, "wrote %s", path);
	free(path);
	return rc;
}

static int
cmd_loudness_report_exec(struct session *s, const struct cmd_args *a)
{
	struct loudness_figures f;
	const char *file = a->argv[1], *src = cmd_key(a, "source");
	char *text, *path, err[512];
	struct atomicfile *af;
	int rc;

	if ((src != NULL && strcmp(src, "album") == 0) ||
	    (src == NULL && s->p == NULL))
		return cmd_report_album_write(s, file);
	if (s->p == NULL)
		return session_fail(s, "source=%s: needs a song project, and "
		    "this session has only the album open", src);
	path = strchr(file, '/') == NULL ? xasprintf("%s/renders/%s",
	    s->p->dir, file) : xstrdup(file);
	if (src == NULL)
		src = "mix";
	if (cmd_master_measure(s, src, &f) != 0) {
		free(path);
		return -1;
	}
	text = cmd_report_text(s, strcmp(src, "mix") == 0 ? "the mix" : src,
	    &f);
	rc = -1;
	if ((af = atomicfile_open(path, err, sizeof err)) != NULL) {
		fputs(text, atomicfile_stream(af));
		rc = atomicfile_commit(af, err, sizeof err);
	}
	free(text);
	if (rc != 0) {
		free(path);
		return session_fail(s, "FILE: %s", err);
	}
	session_msg(s, MSG_NOTE, "wrote %s", path);
	free(path);
	return 0;
}

const struct cmd_entry cmd_loudness_report_entry = {
	"loudness-report", "FILE [source=mix|album|AUDIOFILE]",
	"write a loudness report of the mix, the album (per song) or a file: "
	"I, LRA, true peak, sample peak, what each streaming service does",
	1, 1, "source", CMD_NOSONG, cmd_loudness_report_exec
};

/* The master chain's last insert made a true-peak limiter at ceiling tp
 * (one added when the last is not a limiter).  Its slot from 1. */
static int
cmd_target_limiter(struct session *s, double tp, bool *added)
{
	struct inserts *fx = &s->p->master_fx;
	struct insert *in;

	*added = fx->n == 0 || fx->v[fx->n - 1].kind != &fx_limit;
	in = *added ? project_insert_add(s->p, fx, &fx_limit) :
	    &fx->v[fx->n - 1];
	in->val[fx_param_find(&fx_limit, "ceiling")] = (float)tp;
	in->val[fx_param_find(&fx_limit, "truepeak")] = 1;
	in->bypass = false;
	return fx->n;
}

static int
cmd_master_target_exec(struct session *s, const struct cmd_args *a)
{
	const struct master_target *t = master_target_find(a->argv[1]);
	const char *v = cmd_key(a, "tp");
	struct loudness_figures f0, f;
	struct inserts *fx = &s->p->master_fx;
	struct insert keep;
	double lufs, tp, g, gprev = 0, iprev = 0, was_fader;
	int gi = fx_param_find(&fx_limit, "gain"), slot, i;
	bool added, had = fx->n > 0 && fx->v[fx->n - 1].kind == &fx_limit;
	char name[32];

	if (t != NULL) {
		lufs = t->lufs;
		tp = t->tp;
		snprintf(name, sizeof name, "%s", t->name);
	} else {
		char *end;

		lufs = strtod(a->argv[1], &end);
		if (end == a->argv[1] || *end != '\0' || !(lufs >= -60) ||
		    lufs > 0) {
			char names[256] = "";

			for (i = 0; master_targets[i].name != NULL; i++)
				snprintf(names + strlen(names), sizeof names -
				    strlen(names), "%s%s", i ? ", " : "",
				    master_targets[i].name);
			return session_fail(s, "TARGET: expected %s or a "
			    "loudness in LUFS from -60 to 0, got '%s'", names,
			    a->argv[1]);
		}
		tp = -1;
		snprintf(name, sizeof name, "%.1f LUFS", lufs);
	}
	if (v != NULL && cmd_parse_double(s, "tp", v, -24, 0, &tp) != 0)
		return -1;
	/* The mix as it is: missing takes and silence are refused before
	 * anything changes. */
	if (master_measure_mix(s, &f0) != 0)
		return -1;
	if (!isfinite(f0.integrated))
		return session_fail(s, "the mix is silent (no gated "
		    "loudness): nothing to set");
	if (had)
		keep = fx->v[fx->n - 1];
	was_fader = s->p->master_gain_db;
	/* The fader comes after the inserts: at 0 dB it cannot lift the
	 * limited peaks over the ceiling; what it did goes to the
	 * limiter's input gain. */
	s->p->master_gain_db = 0;
	slot = cmd_target_limiter(s, tp, &added);
	g = fx->v[slot - 1].val[gi] + was_fader;
	f = f0;
	for (i = 0; i < 10; i++) {
		double err = lufs - f.integrated, step = err;

		/* The loudness grows by at most 1 dB a dB of gain (less
		 * where the limiter works): secant steps, never smaller
		 * than the error itself. */
		if (i > 0 && fabs(f.integrated - iprev) > 1e-3) {
			double slope = (g - gprev) / (f.integrated - iprev);

			step = err * (slope < 1 ? 1 : slope > 8 ? 8 : slope);
		}
		if (i > 0 && fabs(err) < 0.05)
			break;
		gprev = g;
		iprev = f.integrated;
		g += step;
		g = g < -24 ? -24 : g > 24 ? 24 : g;
		if (g == gprev && i > 0)
			break;
		fx->v[slot - 1].val[gi] = (float)g;
		if (master_measure_mix(s, &f) != 0 ||
		    !isfinite(f.integrated)) {
			/* Nothing changes after all. */
			s->p->master_gain_db = was_fader;
			if (added)
				project_insert_remove(fx, slot - 1);
			else if (had)
				fx->v[slot - 1] = keep;
			return -1;
		}
	}
	{
		char gtxt[16], itxt[16], tptxt[16], m0[16];

		cmd_text_db(g, gtxt, sizeof gtxt);
		loudness_format(f.integrated, itxt, sizeof itxt);
		loudness_format(f.true_peak, tptxt, sizeof tptxt);
		loudness_format(f0.integrated, m0, sizeof m0);
		if (added)
			session_msg(s, MSG_NOTE, "master-target: added a "
			    "true-peak limiter at the end of the master chain "
			    "(master slot %d, ceiling %.1f dBTP)", slot, tp);
		if (was_fader != 0)
			session_msg(s, MSG_NOTE, "master-target: the master "
			    "fader went from %.1f dB to 0 dB (its gain is in "
			    "the limiter's input now)", was_fader);
		session_msg(s, MSG_OUT, "target %s (%.1f LUFS, %.1f dBTP): "
		    "the mix measured %s LUFS; limiter (master slot %d) gain "
		    "%s; now %s LUFS integrated, %s dBTP true peak", name,
		    lufs, tp, m0, slot, gtxt, itxt, tptxt);
		if (fabs(f.integrated - lufs) > 0.3)
			session_msg(s, MSG_NOTE, "master-target: %.1f LU from "
			    "the target: the limiter's gain is at its %s",
			    f.integrated - lufs, g > 0 ? "+24 dB maximum (the "
			    "limiter cannot make it louder)" : "-24 dB minimum");
		s->target_lufs = lufs;
		session_step(s, "master-target %s: limiter gain %s", name,
		    gtxt);
		session_said(s, "master at %s LUFS, %s dBTP (limiter gain %s)",
		    itxt, tptxt, gtxt);
	}
	return 0;
}

const struct cmd_entry cmd_master_target_entry = {
	"master-target", "NAME|LUFS [tp=DBTP]", "measure the mix and set "
	"the gain into a true-peak limiter at the end of the master chain "
	"(added when missing) so the song lands on the target (see targets)",
	1, 1, "tp", CMD_SAVE | CMD_UPDATE, cmd_master_target_exec
};

static const char *const cmd_listen_desc[] = {
	"flat: the mix as it is",
	"mono: left and right summed",
	"phone: mono, 400 Hz to 10 kHz, +4 dB at 2.5 kHz",
	"earbuds: 50 Hz to 16 kHz, +3 dB at 3 kHz",
	"laptop: 250 Hz to 15 kHz, +3 dB at 4 kHz",
	"car: 45 Hz to 12 kHz, +4 dB below 100 Hz, -2 dB at 400 Hz",
};

static int
cmd_listen_exec(struct session *s, const struct cmd_args *a)
{
	int m = monitor_listen_find(a->argv[1]);

	if (m < 0)
		return session_fail(s, "MODE: expected flat, mono, phone, "
		    "earbuds, laptop or car, got '%s'", a->argv[1]);
	s->listen = m;
	if (s->eng != NULL)
		monitor_set(engine_monitor(s->eng), (enum monitor_listen)m);
	session_said(s, "listening through %s", cmd_listen_desc[m]);
	return 0;
}

const struct cmd_entry cmd_listen_entry = {
	"listen", "flat|mono|phone|earbuds|laptop|car", "hear the mix "
	"through an emulated device (the monitor path only, never a render)",
	1, 1, NULL, 0, cmd_listen_exec
};

static int
cmd_loudness_reset_exec(struct session *s, const struct cmd_args *a)
{
	if (s->lm != NULL)
		livemeter_reset(s->lm);
	session_said(s, "live loudness measured from now on");
	return 0;
}

const struct cmd_entry cmd_loudness_reset_entry = {
	"loudness-reset", "", "start the live loudness measurement "
	"(integrated, range, maxima, graph) over", 0, 0, NULL, 0,
	cmd_loudness_reset_exec
};

/* The file decoded and converted to the project's rate, stereo (a mono
 * file on both sides); NULL with err. */
static float *
cmd_reference_load(const char *path, int rate, int64_t *frames, char *err,
    size_t errlen)
{
	SF_INFO info = { 0 };
	SNDFILE *sf = sf_open(path, SFM_READ, &info);
	float *in, *st, *out;
	int64_t i, n;

	if (sf == NULL) {
		snprintf(err, errlen, "%s: %s", path, sf_strerror(NULL));
		return NULL;
	}
	if (info.channels < 1 || info.channels > 2 || info.frames <= 0 ||
	    info.frames > (int64_t)rate * 3600) {
		snprintf(err, errlen, "%s: expected mono or stereo audio of "
		    "up to an hour", path);
		sf_close(sf);
		return NULL;
	}
	in = xmalloc(sizeof(float) * (size_t)info.frames *
	    (size_t)info.channels);
	n = sf_readf_float(sf, in, info.frames);
	sf_close(sf);
	st = xmalloc(sizeof(float) * 2 * (size_t)(n > 0 ? n : 1));
	for (i = 0; i < n; i++) {
		st[2 * i] = in[i * info.channels];
		st[2 * i + 1] = in[i * info.channels + info.channels - 1];
	}
	free(in);
	if (info.samplerate == rate) {
		*frames = n;
		return st;
	}
	{
		SRC_DATA d = { 0 };
		int64_t cap = (int64_t)((double)n * rate / info.samplerate) +
		    16;

		out = xmalloc(sizeof(float) * 2 * (size_t)cap);
		d.data_in = st;
		d.input_frames = (long)n;
		d.data_out = out;
		d.output_frames = (long)cap;
		d.src_ratio = (double)rate / info.samplerate;
		if (src_simple(&d, SRC_SINC_BEST_QUALITY, 2) != 0) {
			snprintf(err, errlen, "%s: rate conversion failed",
			    path);
			free(st);
			free(out);
			return NULL;
		}
		free(st);
		*frames = d.output_frames_gen;
		return out;
	}
}

static int
cmd_reference_exec(struct session *s, const struct cmd_args *a)
{
	struct loudness_figures fr, fm;
	struct monitor_ref *r;
	struct loudness *l;
	char err[512];
	int64_t n;
	float *buf;

	buf = cmd_reference_load(a->argv[1], s->p->rate, &n, err, sizeof err);
	if (buf == NULL)
		return session_fail(s, "FILE: %s", err);
	l = loudness_new(s->p->rate, 2, 0);
	if (l == NULL)
		fatal("out of memory");
	loudness_add(l, buf, (size_t)n);
	loudness_get(l, &fr);
	loudness_free(l);
	if (!isfinite(fr.integrated)) {
		free(buf);
		return session_fail(s, "FILE: %s is silent: nothing to match",
		    a->argv[1]);
	}
	if (master_measure_mix(s, &fm) != 0) {
		free(buf);
		return -1;
	}
	r = xcalloc(1, sizeof *r);
	r->buf = buf;
	r->frames = n;
	/* Matched to the mix; with a silent mix, heard as it is. */
	r->gain = isfinite(fm.integrated) ? (float)pow(10, (fm.integrated -
	    fr.integrated) / 20) : 1.0f;
	s->refs = xrealloc(s->refs, sizeof *s->refs * (size_t)(s->nrefs + 1));
	s->refs[s->nrefs++] = r;
	s->ref = r;
	snprintf(s->ref_name, sizeof s->ref_name, "%s", a->argv[1]);
	if (s->eng != NULL)
		monitor_reference(engine_monitor(s->eng), r);
	session_said(s, "reference %s: %.1f LUFS, played %+.1f dB to match "
	    "the mix (%.1f LUFS); ab-reference switches", a->argv[1],
	    fr.integrated, 20 * log10(r->gain), isfinite(fm.integrated) ?
	    fm.integrated : fr.integrated);
	return 0;
}

const struct cmd_entry cmd_reference_entry = {
	"reference", "FILE", "load a reference track (converted to the "
	"project rate, in memory) for ab-reference, matched in loudness to "
	"the mix", 1, 1, NULL, 0, cmd_reference_exec
};

static int
cmd_ab_reference_exec(struct session *s, const struct cmd_args *a)
{
	const char *v = a->argc > 1 ? a->argv[1] : NULL;
	bool on;

	if (s->ref == NULL)
		return session_fail(s, "no reference loaded (reference FILE)");
	if (v != NULL && strcmp(v, "mix") != 0 && strcmp(v, "reference") != 0)
		return session_fail(s, "WHICH: expected mix or reference, got "
		    "'%s'", v);
	on = v == NULL ? !s->ab_ref : strcmp(v, "reference") == 0;
	s->ab_ref = on;
	if (s->eng != NULL)
		monitor_ab(engine_monitor(s->eng), on);
	session_said(s, "hearing %s", on ? "the reference" : "the mix");
	return 0;
}

const struct cmd_entry cmd_ab_reference_entry = {
	"ab-reference", "[mix|reference]", "switch between the mix and the "
	"reference track (same position, matched loudness, crossfaded)",
	0, 1, NULL, 0, cmd_ab_reference_exec
};
