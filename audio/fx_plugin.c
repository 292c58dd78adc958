/* fx_plugin.c - plugin kinds: the registry, placeholders, and the
 * instance that adapts a plugin's ports to an insert (fx_plugin.h). */
#include "fx_plugin_host.h"

#include <ctype.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fx_state.h"
#include "util.h"

/* Kinds live as long as the process: descriptions hold pointers into
 * them and a project may name one again after its last insert went. */
static struct fxp_reg {
	struct fxp_reg *next;
	struct fxp_desc *d;
} *fxp_kinds;

static char fxp_err[512];

bool
fx_plugin_named(const char *name)
{
	return strncmp(name, "lv2:", 4) == 0 ||
	    strncmp(name, "ladspa:", 7) == 0;
}

const char *
fx_plugin_error(void)
{
	return fxp_err;
}

bool
fxp_match(const char *s, const char *filter)
{
	size_t n = strlen(filter), i;

	if (n == 0)
		return true;
	for (; *s != '\0'; s++) {
		for (i = 0; i < n && s[i] != '\0'; i++)
			if (tolower((unsigned char)s[i]) !=
			    tolower((unsigned char)filter[i]))
				break;
		if (i == n)
			return true;
	}
	return false;
}

static struct fxp_desc *
fxp_find(const char *name)
{
	struct fxp_reg *r;

	for (r = fxp_kinds; r != NULL; r = r->next)
		if (strcmp(r->d->kind.name, name) == 0)
			return r->d;
	return NULL;
}

static void
fxp_register(struct fxp_desc *d)
{
	struct fxp_reg *r = xcalloc(1, sizeof *r);

	r->d = d;
	r->next = fxp_kinds;
	fxp_kinds = r;
}

static const struct fxp_desc *
fxp_desc_of(const struct fx_kind *k)
{
	struct fxp_reg *r;

	for (r = fxp_kinds; r != NULL; r = r->next)
		if (&r->d->kind == k)
			return r->d;
	return NULL;
}

const struct fx_kind *
fx_plugin_kind(const char *name)
{
	struct fxp_desc *d = fxp_find(name);
	char why[400];

	fxp_err[0] = '\0';
	if (d != NULL && d->missing == NULL)
		return &d->kind;
	why[0] = '\0';
	if (strncmp(name, "lv2:", 4) == 0)
		d = fx_lv2_load(name + 4, why, sizeof why);
	else if (strncmp(name, "ladspa:", 7) == 0)
		d = fx_ladspa_load(name + 7, why, sizeof why);
	else
		snprintf(why, sizeof why, "not a plugin name");
	if (d == NULL) {
		snprintf(fxp_err, sizeof fxp_err, "%s: %s", name, why);
		return NULL;
	}
	fxp_register(d);
	return &d->kind;
}

const char *
fx_plugin_missing(const struct fx_kind *k)
{
	const struct fxp_desc *d = fxp_desc_of(k);

	return d != NULL ? d->missing : NULL;
}

/* --- parameter tables ------------------------------------------------ */

void
fxp_param_set(struct fxp_desc *d, int i, int port, const char *symbol,
    const char *name, float min, float max, float def, const char *unit,
    bool log, enum fx_ptype type)
{
	struct fx_param *p = &d->params[i];

	p->symbol = xstrdup(symbol);
	p->name = xstrdup(name);
	if (!(min <= max)) {
		float t = min;

		min = max;
		max = t;
	}
	p->min = min;
	p->max = max;
	p->def = def < min ? min : def > max ? max : def;
	p->unit = xstrdup(unit);
	/* A ratio scale needs a range of one sign. */
	p->log = log && min > 0.0f;
	p->type = type;
	if (type == FX_TOGGLE) {
		p->min = 0.0f;
		p->max = 1.0f;
		p->def = def >= 0.5f ? 1.0f : 0.0f;
	}
	if (type == FX_INT) {
		p->min = ceilf(p->min);
		p->max = floorf(p->max);
		p->def = roundf(p->def);
	}
	d->pport[i] = port;
}

void
fxp_param_enum(struct fxp_desc *d, int i, char **labels, float *vals, int n)
{
	struct fx_param *p = &d->params[i];
	float def = p->def;

	p->type = FX_ENUM;
	p->labels = (const char *const *)labels;
	p->min = 0.0f;
	p->max = (float)(n - 1);
	d->enumv[i] = vals;
	p->def = (float)fxp_enum_index(d, i, def);
}

int
fxp_enum_index(const struct fxp_desc *d, int i, float v)
{
	int j, best = 0, n = (int)d->params[i].max + 1;

	for (j = 1; j < n; j++)
		if (fabsf(d->enumv[i][j] - v) <
		    fabsf(d->enumv[i][best] - v))
			best = j;
	return best;
}

/* --- instances ------------------------------------------------------- */

static void
fxp_connect_all(struct fxp_inst *in, int h)
{
	struct fxp_desc *d = in->d;
	int p, io = 0, at = 0;

	for (p = 0; p < d->nports; p++) {
		void *buf = NULL;

		switch (d->ptype[p]) {
		case FXP_AIN: case FXP_AOUT: case FXP_CVIN: case FXP_CVOUT:
			buf = in->io[h] + (size_t)io++ * FX_MAX_BLOCK;
			break;
		case FXP_CIN:
			buf = &in->ctl[p];
			break;
		case FXP_COUT:
			buf = &in->cout[h][p];
			break;
		case FXP_ATOMIN: case FXP_ATOMOUT:
			buf = in->atom[h][at++];
			break;
		case FXP_OTHER:
			break;
		}
		d->ops->connect(in->h[h], (unsigned)p, buf);
	}
}

void
fxp_inst_free(struct fxp_inst *in)
{
	int h, a;

	if (in == NULL)
		return;
	for (h = 0; h < in->nh; h++) {
		if (in->h[h] != NULL) {
			if (in->active)
				in->d->ops->deactivate(in->h[h]);
			in->d->ops->cleanup(in->h[h]);
		}
		free(in->cout[h]);
		free(in->io[h]);
		for (a = 0; a < in->natom; a++)
			free(in->atom[h][a]);
	}
	free(in->ctl);
	fx_state_free(in->st);
	free(in);
}

struct fxp_inst *
fxp_inst_new(struct fxp_desc *d, int rate, int nh)
{
	struct fxp_inst *in = xcalloc(1, sizeof *in);
	int p, h, a, nio = 0;

	in->d = d;
	in->nh = nh;
	in->ctl = xcalloc((size_t)d->nports, sizeof *in->ctl);
	for (p = 0; p < d->nports; p++) {
		if (d->ptype[p] == FXP_AIN || d->ptype[p] == FXP_AOUT ||
		    d->ptype[p] == FXP_CVIN || d->ptype[p] == FXP_CVOUT)
			nio++;
		if (d->ptype[p] == FXP_ATOMIN || d->ptype[p] == FXP_ATOMOUT)
			in->natom++;
	}
	if (in->natom > 8) {
		free(in->ctl);
		free(in);
		return NULL;
	}
	for (p = 0; p < d->nparams; p++)
		in->ctl[d->pport[p]] = d->enumv[p] != NULL ?
		    d->enumv[p][(int)d->params[p].def] : d->params[p].def;
	for (h = 0; h < nh; h++) {
		in->cout[h] = xcalloc((size_t)d->nports, sizeof(float));
		in->io[h] = xcalloc((size_t)(nio > 0 ? nio : 1) * FX_MAX_BLOCK,
		    sizeof(float));
		for (a = 0, p = 0; p < d->nports; p++)
			if (d->ptype[p] == FXP_ATOMIN ||
			    d->ptype[p] == FXP_ATOMOUT)
				in->atom[h][a++] = xcalloc(1, d->asize != NULL
				    && d->asize[p] > FXP_ATOM_BYTES ?
				    (size_t)d->asize[p] : FXP_ATOM_BYTES);
		in->h[h] = d->ops->instantiate(d, rate);
		if (in->h[h] == NULL) {
			in->nh = h + 1;
			fxp_inst_free(in);
			return NULL;
		}
		fxp_connect_all(in, h);
	}
	return in;
}

/* The audio buffer of the port among the instance's audio/CV ports. */
static float *
fxp_io(const struct fxp_inst *in, int h, int port)
{
	return in->io[h] + (size_t)in->d->pio[port] * FX_MAX_BLOCK;
}

static void *
fxp_new(const struct fx_kind *k, int rate)
{
	struct fxp_desc *d = (struct fxp_desc *)k;

	if (d->missing != NULL)
		return xcalloc(1, sizeof(struct fxp_inst));
	return fxp_inst_new(d, rate, d->nain == 1 && d->naout == 1 ? 2 : 1);
}

static void
fxp_free(void *st)
{
	struct fxp_inst *in = st;

	if (in != NULL && in->d == NULL) {
		free(in);
		return;
	}
	fxp_inst_free(in);
}

static void
fxp_update(void *st, const float *val, const struct fx_ctx *c)
{
	struct fxp_inst *in = st;
	struct fxp_desc *d = in->d;
	int i;

	if (d == NULL)
		return;
	for (i = 0; i < d->nparams; i++) {
		float v = val[i];

		if (d->enumv[i] != NULL)
			v = d->enumv[i][(int)v];
		in->ctl[d->pport[i]] = v;
	}
}

/* Controls first, then activation: a plugin may take its state from
 * its controls when activated (x42's delay line starts at its delay
 * rather than gliding to it from the default). */
static void
fxp_prepare(void *st, const float *val)
{
	struct fxp_inst *in = st;
	int h;

	if (in->d == NULL || in->active)
		return;
	fxp_update(in, val, NULL);
	for (h = 0; h < in->nh; h++)
		in->d->ops->activate(in->h[h]);
	in->active = true;
}

/* Activation is not real-time safe (LV2's instantiation class): a
 * plugin keeps its tails across a locate; a render starts from fresh
 * instances of its own. */
static void
fxp_reset(void *st)
{
}

static void
fxp_process_run(void *st, const float *x, float *y, int nch, int n)
{
	struct fxp_inst *in = st;
	struct fxp_desc *d = in->d;
	float *a0, *a1, *o0, *o1;
	int h, i, nh;

	if (d == NULL || !in->active) {	/* a placeholder: through */
		if (y != x)
			memmove(y, x, sizeof(float) * (size_t)(n * nch));
		return;
	}
	nh = in->nh == 2 && nch == 2 ? 2 : 1;
	for (h = 0; h < nh; h++) {
		a0 = fxp_io(in, h, d->ain[0]);
		if (in->nh == 2 || d->nain == 1) {
			for (i = 0; i < n; i++)
				a0[i] = nh == 2 ? fx_clean(x[2 * i + h]) :
				    nch == 2 ? 0.5f * (fx_clean(x[2 * i]) +
				    fx_clean(x[2 * i + 1])) : fx_clean(x[i]);
		} else {
			a1 = fxp_io(in, h, d->ain[1]);
			for (i = 0; i < n; i++) {
				a0[i] = fx_clean(x[i * nch]);
				a1[i] = fx_clean(x[i * nch + nch - 1]);
			}
		}
		if (d->ops->prerun != NULL)
			d->ops->prerun(d, in->atom[h]);
		d->ops->run(in->h[h], (unsigned)n);
	}
	for (h = 0; h < nh; h++) {
		o0 = fxp_io(in, h, d->aout[0]);
		o1 = d->naout == 2 ? fxp_io(in, h, d->aout[1]) : o0;
		for (i = 0; i < n; i++)
			if (o0[i] - o0[i] != 0.0f || o1[i] - o1[i] != 0.0f)
				break;
		if (i < n) {
			atomic_fetch_add_explicit(&d->bad, 1,
			    memory_order_relaxed);
			memset(o0, 0, sizeof(float) * (size_t)n);
			memset(o1, 0, sizeof(float) * (size_t)n);
		}
		if (nh == 2)
			for (i = 0; i < n; i++)
				y[2 * i + h] = o0[i];
		else if (nch == 1)
			for (i = 0; i < n; i++)
				y[i] = o0 == o1 ? o0[i] : 0.5f * (o0[i] + o1[i]);
		else
			for (i = 0; i < n; i++) {
				y[2 * i] = o0[i];
				y[2 * i + 1] = o1[i];
			}
	}
}

/* At most FXP_MAX_RUN frames a run, as the options promise: plugins
 * are written for a host's periods (x42's phaserotate overruns its own
 * buffers on 8192-frame blocks). */
static void
fxp_process(void *st, const float *x, float *y, int nch, int n)
{
	int j, k;

	for (j = 0; j < n; j += k) {
		k = n - j < FXP_MAX_RUN ? n - j : FXP_MAX_RUN;
		fxp_process_run(st, x + j * nch, y + j * nch, nch, k);
	}
}

const char *
fx_plugin_said(const struct fx_kind *k)
{
	const struct fxp_desc *d = fxp_desc_of(k);

	return d != NULL && d->said[0] != '\0' ? d->said : NULL;
}

bool
fx_plugin_state_failed(const struct fx_kind *k)
{
	const struct fxp_desc *d = fxp_desc_of(k);

	return d != NULL && d->state_failed;
}

const char *
fx_plugin_short(const struct fx_kind *k)
{
	const char *s;

	if (!fx_plugin_named(k->name))
		return k->name;
	s = strrchr(k->name, '/');
	if (s == NULL || s[1] == '\0')
		s = strrchr(k->name, ':');
	return s != NULL && s[1] != '\0' ? s + 1 : k->name;
}

int
fx_plugin_bad_blocks(const struct fx_kind *k)
{
	const struct fxp_desc *d = fxp_desc_of(k);

	if (d == NULL)
		return 0;
	return atomic_load_explicit(&((struct fxp_desc *)d)->bad,
	    memory_order_relaxed);
}

/* Latency is an output of a running plugin, not a function of its
 * parameters: the control thread runs a probe instance of its own on a
 * block of silence with these values and reads the port (as Ardour
 * does).  Other threads get the last figure measured. */
/* A plugin's latency may depend on its state too (a convolver's on
 * its impulse response): the probe is restored with the state of the
 * instance asked about, st (NULL: none). */
static int
fxp_latency_st(struct fxp_desc *d, const struct fx_state *st,
    const float *val, int rate)
{
	uint64_t sh = fx_state_hash(st);
	float sil[64 * 2];
	int i, lat;

	if (d->missing != NULL || d->lat_port < 0)
		return 0;
	if (!pthread_equal(pthread_self(), d->owner))
		return atomic_load(&d->lat_last);
	if (d->lat_known && d->probe_rate == rate && d->probe_sh == sh &&
	    memcmp(val, d->lat_val, sizeof(float) * (size_t)d->nparams) == 0)
		return atomic_load(&d->lat_last);
	if (d->probe_in == NULL || d->probe_rate != rate ||
	    d->probe_sh != sh) {
		fxp_inst_free(d->probe_in);
		d->probe_in = fxp_inst_new(d, rate, 1);
		d->probe_rate = rate;
		d->probe_sh = sh;
		if (d->probe_in == NULL)
			return 0;
		if (st != NULL)
			fx_plugin_restore(&d->kind, d->probe_in, st);
	}
	fxp_update(d->probe_in, val, NULL);
	fxp_prepare(d->probe_in, val);
	memset(sil, 0, sizeof sil);
	for (i = 0; i < 2; i++)
		fxp_process(d->probe_in, sil, sil, 2, 64);
	lat = (int)lrintf(d->probe_in->cout[0][d->lat_port]);
	if (lat < 0 || lat > 10 * rate)
		lat = 0;
	memcpy(d->lat_val, val, sizeof(float) * (size_t)d->nparams);
	d->lat_known = true;
	atomic_store(&d->lat_last, lat);
	return lat;
}

static int
fxp_latency(const struct fx_kind *k, const float *val, int rate)
{
	return fxp_latency_st((struct fxp_desc *)k, NULL, val, rate);
}

int
fx_plugin_latency(const struct fx_kind *k, void *inst, const float *val,
    int rate)
{
	struct fxp_desc *d = (struct fxp_desc *)fxp_desc_of(k);
	struct fxp_inst *in = inst;

	if (d == NULL)
		return fx_latency(k, val, rate);
	return fxp_latency_st(d, in != NULL ? in->st : NULL, val, rate);
}

void
fxp_desc_finish(struct fxp_desc *d, char *name, char *desc)
{
	int p, io = 0;

	d->kind.name = name;
	d->kind.desc = desc;
	d->kind.params = d->params;
	d->kind.nparams = d->nparams;
	d->kind.knew = fxp_new;
	d->kind.free = fxp_free;
	d->kind.update = fxp_update;
	d->kind.prepare = fxp_prepare;
	d->kind.reset = fxp_reset;
	d->kind.process = fxp_process;
	d->kind.klatency = fxp_latency;
	d->owner = pthread_self();
	d->pio = xcalloc(d->nports > 0 ? (size_t)d->nports : 1,
	    sizeof *d->pio);
	for (p = 0; p < d->nports; p++) {
		d->pio[p] = io;
		if (d->ptype[p] == FXP_AIN || d->ptype[p] == FXP_AOUT ||
		    d->ptype[p] == FXP_CVIN || d->ptype[p] == FXP_CVOUT)
			io++;
	}
}

/* --- placeholders ---------------------------------------------------- */

const struct fx_kind *
fx_plugin_placeholder(const char *name, const char *why)
{
	struct fxp_desc *d = fxp_find(name);

	if (d != NULL)
		return &d->kind;
	d = xcalloc(1, sizeof *d);
	d->missing = xstrdup(why);
	d->params = xcalloc(FX_MAX_PARAMS, sizeof *d->params);
	d->lat_port = -1;
	fxp_desc_finish(d, xstrdup(name), xstrdup("not installed"));
	fxp_register(d);
	return &d->kind;
}

/* A placeholder's parameters are enumerations of the texts read, so
 * that each is written back exactly as it was. */
int
fx_plugin_keep(const struct fx_kind *k, const char *symbol, const char *text)
{
	struct fxp_desc *d = (struct fxp_desc *)fxp_desc_of(k);
	struct fx_param *p;
	const char **labels;
	int i, n;

	if (d == NULL || d->missing == NULL)
		return -1;
	for (i = 0; i < d->nparams; i++)
		if (strcmp(d->params[i].symbol, symbol) == 0)
			break;
	if (i == d->nparams) {
		if (d->nparams == FX_MAX_PARAMS)
			return -1;
		p = &d->params[d->nparams++];
		p->symbol = xstrdup(symbol);
		p->name = p->symbol;
		p->unit = "";
		p->type = FX_ENUM;
		p->labels = xcalloc(1, sizeof(char *));
		d->kind.nparams = d->nparams;
	}
	p = &d->params[i];
	for (n = 0; p->labels[n] != NULL; n++)
		if (strcmp(p->labels[n], text) == 0)
			return i;
	/* Only the control thread reads a kind's table. */
	labels = xreallocarray((void *)p->labels, (size_t)n + 2,
	    sizeof *labels);
	labels[n] = xstrdup(text);
	labels[n + 1] = NULL;
	p->labels = labels;
	p->max = (float)n;
	return i;
}

/* --- listing and presets --------------------------------------------- */

int
fx_plugin_list(const char *filter, fx_plugin_out out, void *user)
{
	return fx_lv2_list(filter, out, user) + fx_ladspa_list(filter, out,
	    user);
}

int
fx_plugin_presets(const struct fx_kind *k, fx_plugin_out out, void *user)
{
	const struct fxp_desc *d = fxp_desc_of(k);

	if (d == NULL || d->missing != NULL ||
	    strncmp(k->name, "lv2:", 4) != 0) {
		snprintf(fxp_err, sizeof fxp_err, "%s has no presets (only "
		    "installed LV2 plugins have)", k->name);
		return -1;
	}
	return fx_lv2_presets(d, out, user);
}

int
fx_plugin_preset(const struct fx_kind *k, const char *name, float *val,
    const char *dir, struct fx_state **state)
{
	const struct fxp_desc *d = fxp_desc_of(k);
	char why[400];

	if (d == NULL || d->missing != NULL ||
	    strncmp(k->name, "lv2:", 4) != 0) {
		snprintf(fxp_err, sizeof fxp_err, "%s has no presets (only "
		    "installed LV2 plugins have)", k->name);
		return -1;
	}
	if (fx_lv2_preset(d, name, val, why, sizeof why) != 0) {
		snprintf(fxp_err, sizeof fxp_err, "%s", why);
		return -1;
	}
	*state = fx_lv2_preset_state((struct fxp_desc *)d, name, dir);
	return 0;
}

/* --- state ----------------------------------------------------------- */

void
fx_plugin_restore(const struct fx_kind *k, void *inst,
    const struct fx_state *st)
{
	const struct fxp_desc *d = fxp_desc_of(k);
	struct fxp_inst *in = inst;
	int h;

	if (d == NULL || d->missing != NULL || in == NULL || in->d == NULL ||
	    st == NULL || strncmp(k->name, "lv2:", 4) != 0)
		return;
	for (h = 0; h < in->nh; h++)
		if (fx_lv2_state_restore(in->h[h], st) != 0) {
			((struct fxp_desc *)d)->state_failed = true;
			break;
		}
	fx_state_free(in->st);
	in->st = fx_state_dup(st);
}

struct fx_state *
fx_plugin_save(const struct fx_kind *k, void *inst, const char *dir)
{
	const struct fxp_desc *d = fxp_desc_of(k);
	struct fxp_inst *in = inst;

	if (d == NULL || d->missing != NULL || in == NULL || in->d == NULL ||
	    strncmp(k->name, "lv2:", 4) != 0 || !fx_lv2_has_state(d))
		return NULL;
	return fx_lv2_state_save(in->h[0], dir);
}
