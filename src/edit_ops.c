/* edit_ops.c - the operations of edit.c: denoise, stretch, shift, and the
 * noise profiles denoise reads (audio/TRACK.noise, one line per bin). */
#include "edit.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "atomicfile.h"
#include "dsp_denoise.h"
#include "dsp_stretch.h"
#include "session.h"
#include "util.h"

char *
edit_noise_path(struct session *s, const struct track *t)
{
	char *rel = xasprintf("audio/%s.noise", t->name), *path;

	path = project_path(s->p, rel);
	free(rel);
	return path;
}

int
edit_noise_save(struct session *s, const struct track *t, const double *prof,
    int frames)
{
	struct atomicfile *af;
	char err[256], *path = edit_noise_path(s, t);
	FILE *f;
	int k;

	af = atomicfile_open(path, err, sizeof err);
	free(path);
	if (af == NULL)
		return session_fail(s, "%s", err);
	f = atomicfile_stream(af);
	fprintf(f, "# reel noise profile of track %s: mean power per FFT bin "
	    "(dBFS), %d frames averaged\n", t->name, frames);
	fprintf(f, "rate = %d\nfft = %d\n", s->p->rate, DSP_DENOISE_FFT);
	for (k = 0; k < DSP_DENOISE_BINS; k++)
		fprintf(f, "%.4f\n", prof[k] > 1e-30 ? 10 * log10(prof[k]) :
		    -300.0);
	if (atomicfile_commit(af, err, sizeof err) != 0)
		return session_fail(s, "%s", err);
	return 0;
}

/* The track's profile into prof[DSP_DENOISE_BINS].  -1 (reported). */
static int
edit_noise_load(struct session *s, const struct track *t, double *prof)
{
	char *path = edit_noise_path(s, t), line[128];
	FILE *f = fopen(path, "r");
	int rate = 0, fft = 0, k = 0;

	free(path);
	if (f == NULL)
		return session_fail(s, "track %s has no noise profile: learn "
		    "one with noise-learn %s START END", t->name, t->name);
	while (fgets(line, sizeof line, f) != NULL) {
		double v;

		if (line[0] == '#' || sscanf(line, "rate = %d", &rate) == 1 ||
		    sscanf(line, "fft = %d", &fft) == 1)
			continue;
		if (sscanf(line, "%lf", &v) != 1 || k >= DSP_DENOISE_BINS)
			break;
		prof[k++] = pow(10.0, v / 10.0);
	}
	fclose(f);
	if (rate != s->p->rate || fft != DSP_DENOISE_FFT ||
	    k != DSP_DENOISE_BINS)
		return session_fail(s, "the noise profile of track %s is not "
		    "one for this project (rate %d, %d bins): learn it again",
		    t->name, rate, k);
	return 0;
}

static double
edit_get(const struct edit_params *ep, const char *key)
{
	const char *v = edit_params_get(ep, key);

	return v ? atof(v) : 0;
}

static int
edit_denoise_check(struct session *s, const struct track *t,
    struct edit_params *ep)
{
	double prof[DSP_DENOISE_BINS];

	if (edit_params_num(s, ep, "amount", 12, 0, 100, "dB") != 0 ||
	    edit_params_num(s, ep, "sensitivity", 6, -20, 40, "dB") != 0 ||
	    edit_params_num(s, ep, "smoothing", 3, 0, 64, "bands") != 0 ||
	    edit_params_num(s, ep, "attack", 5, 0, 1000, "ms") != 0 ||
	    edit_params_num(s, ep, "release", 100, 0, 5000, "ms") != 0)
		return -1;
	if (edit_get(ep, "smoothing") != floor(edit_get(ep, "smoothing")))
		return session_fail(s, "smoothing: expected a whole number "
		    "of bands, got '%s'", edit_params_get(ep, "smoothing"));
	return edit_noise_load(s, t, prof);
}

static float *
edit_denoise_run(struct session *s, const struct track *t,
    const struct edit_params *ep, const float *in, int64_t n, int ch,
    int64_t *outn)
{
	struct dsp_denoise_params par;
	struct dsp_denoise *d;
	double prof[DSP_DENOISE_BINS];
	float *x, *y, *out;
	int64_t i;
	int c, rc = 0;

	if (edit_noise_load(s, t, prof) != 0)
		return NULL;
	par.amount_db = edit_get(ep, "amount");
	par.sensitivity_db = edit_get(ep, "sensitivity");
	par.smoothing = (int)edit_get(ep, "smoothing");
	par.attack_ms = edit_get(ep, "attack");
	par.release_ms = edit_get(ep, "release");
	d = dsp_denoise_new();
	x = malloc((size_t)(n > 0 ? n : 1) * sizeof *x);
	y = malloc((size_t)(n > 0 ? n : 1) * sizeof *y);
	out = malloc((size_t)(n > 0 ? n : 1) * ch * sizeof *out);
	if (d == NULL || x == NULL || y == NULL || out == NULL)
		fatal("out of memory");
	for (c = 0; c < ch && rc == 0; c++) {
		for (i = 0; i < n; i++)
			x[i] = in[i * ch + c];
		rc = dsp_denoise_run(d, prof, &par, s->p->rate, x, y, n,
		    edit_progress, s);
		for (i = 0; i < n; i++)
			out[i * ch + c] = y[i];
	}
	dsp_denoise_free(d);
	free(x);
	free(y);
	if (rc != 0) {
		free(out);
		session_fail(s, "cancelled");
		return NULL;
	}
	*outn = n;
	return out;
}

const struct edit_op edit_denoise_op = {
	"denoise", "amount,sensitivity,smoothing,attack,release", true,
	edit_denoise_check, edit_denoise_run
};

static int
edit_stretch_check(struct session *s, const struct track *t,
    struct edit_params *ep)
{
	if (edit_params_get(ep, "ratio") == NULL)
		return session_fail(s, "ratio: expected a ratio such as "
		    "ratio=1.25");
	return edit_params_num(s, ep, "ratio", 1, 0.125, 8, "a ratio");
}

static float *
edit_rb(struct session *s, const struct track *t, const float *in,
    int64_t n, int ch, double ratio, double pitch, bool formant,
    int64_t *outn)
{
	float *out = dsp_stretch_run(in, n, ch, s->p->rate, ratio, pitch,
	    formant, outn, edit_progress, s);

	if (out == NULL)
		session_fail(s, session_signal || edit_cancelled() ?
		    "cancelled" : "Rubber Band failed");
	return out;
}

static float *
edit_stretch_run(struct session *s, const struct track *t,
    const struct edit_params *ep, const float *in, int64_t n, int ch,
    int64_t *outn)
{
	return edit_rb(s, t, in, n, ch, edit_get(ep, "ratio"), 1.0, false,
	    outn);
}

const struct edit_op edit_stretch_op = {
	"stretch", "ratio", false, edit_stretch_check, edit_stretch_run
};

static int
edit_shift_check(struct session *s, const struct track *t,
    struct edit_params *ep)
{
	const char *f = edit_params_get(ep, "formant");

	if (f != NULL && strcmp(f, "on") != 0 && strcmp(f, "off") != 0)
		return session_fail(s, "formant: expected on or off, got "
		    "'%s'", f);
	if (f == NULL)
		edit_params_set(ep, "formant", "off");
	return edit_params_num(s, ep, "semitones", 0, -24, 24, "semitones") ||
	    edit_params_num(s, ep, "cents", 0, -100, 100, "cents") ? -1 : 0;
}

static float *
edit_shift_run(struct session *s, const struct track *t,
    const struct edit_params *ep, const float *in, int64_t n, int ch,
    int64_t *outn)
{
	double st = edit_get(ep, "semitones") + edit_get(ep, "cents") / 100;

	return edit_rb(s, t, in, n, ch, 1.0, pow(2.0, st / 12.0),
	    strcmp(edit_params_get(ep, "formant"), "on") == 0, outn);
}

const struct edit_op edit_shift_op = {
	"shift", "semitones,cents,formant", true, edit_shift_check,
	edit_shift_run
};
