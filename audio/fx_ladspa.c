/* fx_ladspa.c - LADSPA plugins: libraries dlopen'ed from LADSPA_PATH
 * (default /usr/local/lib/ladspa:/usr/lib/ladspa), a plugin found by
 * its label.  dlopen of plugin libraries is the one place reel loads
 * code.  A control output called "latency" reports latency, as Ardour
 * reads it.  A library stays loaded once one of its plugins is used. */
#include "fx_plugin_host.h"

#include <dirent.h>
#include <dlfcn.h>
#include <ladspa.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util.h"

struct ladspa_handle {
	const LADSPA_Descriptor *ld;
	LADSPA_Handle h;
};

typedef void (*ladspa_each)(void *user, const LADSPA_Descriptor *ld,
    void *lib, const char *path);

/* Calls each for every plugin of every library on the path; the
 * library is closed after unless each took it (set *keep). */
static void
ladspa_scan(ladspa_each each, void *user, void **keep)
{
	const char *env = getenv("LADSPA_PATH");
	char *path = xstrdup(env != NULL && env[0] != '\0' ? env :
	    "/usr/local/lib/ladspa:/usr/lib/ladspa"), *dir, *save = NULL;

	for (dir = strtok_r(path, ":", &save); dir != NULL;
	    dir = strtok_r(NULL, ":", &save)) {
		DIR *dp = opendir(dir);
		struct dirent *e;

		if (dp == NULL)
			continue;
		while ((e = readdir(dp)) != NULL) {
			size_t n = strlen(e->d_name);
			LADSPA_Descriptor_Function f;
			const LADSPA_Descriptor *ld;
			char *file;
			void *lib;
			unsigned long i;

			if (n < 4 || strcmp(e->d_name + n - 3, ".so") != 0)
				continue;
			file = xasprintf("%s/%s", dir, e->d_name);
			lib = dlopen(file, RTLD_NOW | RTLD_LOCAL);
			f = lib != NULL ? (LADSPA_Descriptor_Function)dlsym(lib,
			    "ladspa_descriptor") : NULL;
			for (i = 0; f != NULL && (ld = f(i)) != NULL; i++)
				each(user, ld, lib, file);
			if (lib != NULL && (keep == NULL || *keep != lib))
				dlclose(lib);
			free(file);
		}
		closedir(dp);
	}
	free(path);
}

static void *
ladspa_instantiate(struct fxp_desc *d, int rate)
{
	struct ladspa_handle *h = xcalloc(1, sizeof *h);

	h->ld = d->plugin;
	h->h = h->ld->instantiate(h->ld, (unsigned long)rate);
	if (h->h == NULL) {
		free(h);
		return NULL;
	}
	return h;
}

static void
ladspa_connect(void *hp, unsigned port, void *buf)
{
	struct ladspa_handle *h = hp;

	/* LADSPA has no optional ports: a port we do not use gets a
	 * buffer anyway (fx_plugin.c gives every port one). */
	h->ld->connect_port(h->h, port, buf);
}

static void
ladspa_activate(void *hp)
{
	struct ladspa_handle *h = hp;

	if (h->ld->activate != NULL)
		h->ld->activate(h->h);
}

static void
ladspa_run(void *hp, unsigned n)
{
	struct ladspa_handle *h = hp;

	h->ld->run(h->h, n);
}

static void
ladspa_deactivate(void *hp)
{
	struct ladspa_handle *h = hp;

	if (h->ld->deactivate != NULL)
		h->ld->deactivate(h->h);
}

static void
ladspa_cleanup(void *hp)
{
	struct ladspa_handle *h = hp;

	h->ld->cleanup(h->h);
	free(h);
}

static const struct fxp_ops ladspa_ops = {
	ladspa_instantiate, ladspa_connect, ladspa_activate, ladspa_run,
	ladspa_deactivate, ladspa_cleanup, NULL
};

/* The default a port's hints name (LADSPA's rules: low, middle and high
 * in between the bounds, geometric on a logarithmic port). */
static float
ladspa_default(LADSPA_PortRangeHintDescriptor hd, float lo, float hi)
{
	bool lg = LADSPA_IS_HINT_LOGARITHMIC(hd) && lo > 0.0f && hi > 0.0f;
	float w = 0.0f;

	switch (hd & LADSPA_HINT_DEFAULT_MASK) {
	case LADSPA_HINT_DEFAULT_MINIMUM:
		return lo;
	case LADSPA_HINT_DEFAULT_MAXIMUM:
		return hi;
	case LADSPA_HINT_DEFAULT_LOW:
		w = 0.25f;
		break;
	case LADSPA_HINT_DEFAULT_MIDDLE:
		w = 0.5f;
		break;
	case LADSPA_HINT_DEFAULT_HIGH:
		w = 0.75f;
		break;
	case LADSPA_HINT_DEFAULT_0:
		return 0.0f;
	case LADSPA_HINT_DEFAULT_1:
		return 1.0f;
	case LADSPA_HINT_DEFAULT_100:
		return 100.0f;
	case LADSPA_HINT_DEFAULT_440:
		return 440.0f;
	default:
		return lo > 0.0f ? lo : hi < 0.0f ? hi : 0.0f;
	}
	if (lg)
		return expf(logf(lo) * (1.0f - w) + logf(hi) * w);
	return lo * (1.0f - w) + hi * w;
}

struct ladspa_find {
	const char *label;
	const LADSPA_Descriptor *ld;
	void *lib;
};

static void
ladspa_find_each(void *user, const LADSPA_Descriptor *ld, void *lib,
    const char *path)
{
	struct ladspa_find *f = user;

	if (f->ld == NULL && strcmp(ld->Label, f->label) == 0) {
		f->ld = ld;
		f->lib = lib;
	}
}

struct fxp_desc *
fx_ladspa_load(const char *label, char *why, size_t len)
{
	struct ladspa_find f = { label, NULL, NULL };
	const LADSPA_Descriptor *ld;
	struct fxp_desc *d;
	int p, k = 0;

	ladspa_scan(ladspa_find_each, &f, &f.lib);
	if (f.ld == NULL) {
		snprintf(why, len, "no LADSPA plugin of this label on "
		    "LADSPA_PATH (plugins lists them)");
		return NULL;
	}
	ld = f.ld;
	d = xcalloc(1, sizeof *d);
	d->ops = &ladspa_ops;
	d->plugin = ld;
	d->nports = (int)ld->PortCount;
	d->ptype = xcalloc((size_t)d->nports + 1, sizeof *d->ptype);
	d->params = xcalloc(FX_MAX_PARAMS, sizeof *d->params);
	d->pport = xcalloc(FX_MAX_PARAMS, sizeof *d->pport);
	d->enumv = xcalloc(FX_MAX_PARAMS, sizeof *d->enumv);
	d->lat_port = -1;
	for (p = 0; p < d->nports; p++) {
		LADSPA_PortDescriptor pd = ld->PortDescriptors[p];
		const LADSPA_PortRangeHint *rh = &ld->PortRangeHints[p];
		bool in = LADSPA_IS_PORT_INPUT(pd);

		if (LADSPA_IS_PORT_AUDIO(pd)) {
			d->ptype[p] = in ? FXP_AIN : FXP_AOUT;
			if (in && d->nain < 2)
				d->ain[d->nain] = p;
			if (!in && d->naout < 2)
				d->aout[d->naout] = p;
			if (in)
				d->nain++;
			else
				d->naout++;
		} else if (!in) {
			d->ptype[p] = FXP_COUT;
			if (strcasecmp(ld->PortNames[p], "latency") == 0)
				d->lat_port = p;
		} else {
			LADSPA_PortRangeHintDescriptor hd = rh->HintDescriptor;
			float lo = LADSPA_IS_HINT_BOUNDED_BELOW(hd) ?
			    rh->LowerBound : -1e6f;
			float hi = LADSPA_IS_HINT_BOUNDED_ABOVE(hd) ?
			    rh->UpperBound : 1e6f;
			enum fx_ptype t = LADSPA_IS_HINT_TOGGLED(hd) ?
			    FX_TOGGLE : LADSPA_IS_HINT_INTEGER(hd) ? FX_INT :
			    FX_FLOAT;
			char sym[64];
			size_t j;

			d->ptype[p] = FXP_CIN;
			if (k == FX_MAX_PARAMS) {
				snprintf(why, len, "more than %d controls",
				    FX_MAX_PARAMS);
				goto refuse;
			}
			/* LADSPA ports have names, not symbols: the name
			 * in lower case, runs of other characters as _. */
			snprintf(sym, sizeof sym, "%s", ld->PortNames[p]);
			for (j = 0; sym[j] != '\0'; j++)
				sym[j] = (sym[j] >= 'a' && sym[j] <= 'z') ||
				    (sym[j] >= '0' && sym[j] <= '9') ? sym[j] :
				    (sym[j] >= 'A' && sym[j] <= 'Z') ?
				    (char)(sym[j] - 'A' + 'a') : '_';
			fxp_param_set(d, k++, p, sym, ld->PortNames[p], lo, hi,
			    ladspa_default(hd, lo, hi),
			    LADSPA_IS_HINT_SAMPLE_RATE(hd) ? "fs" : "",
			    LADSPA_IS_HINT_LOGARITHMIC(hd), t);
		}
	}
	d->nparams = k;
	if (d->nain < 1 || d->nain > 2 || d->naout < 1 || d->naout > 2) {
		snprintf(why, len, "has %d audio inputs and %d outputs; an "
		    "insert takes 1 or 2 of each", d->nain, d->naout);
		goto refuse;
	}
	fxp_desc_finish(d, xasprintf("ladspa:%s", label), xstrdup(ld->Name));
	return d;
refuse:
	free(d->ptype);
	for (p = 0; p < k; p++) {
		free((char *)d->params[p].symbol);
		free((char *)d->params[p].name);
		free((char *)d->params[p].unit);
	}
	free(d->params);
	free(d->pport);
	free(d->enumv);
	free(d);
	return NULL;
}

struct ladspa_list {
	const char *filter;
	fx_plugin_out out;
	void *user;
	int n;
};

static void
ladspa_list_each(void *user, const LADSPA_Descriptor *ld, void *lib,
    const char *path)
{
	struct ladspa_list *l = user;
	int ai = 0, ao = 0, ci = 0;
	unsigned long p;
	char line[1024];

	if (!fxp_match(ld->Label, l->filter) && !fxp_match(ld->Name,
	    l->filter))
		return;
	for (p = 0; p < ld->PortCount; p++) {
		LADSPA_PortDescriptor pd = ld->PortDescriptors[p];

		if (LADSPA_IS_PORT_AUDIO(pd))
			*(LADSPA_IS_PORT_INPUT(pd) ? &ai : &ao) += 1;
		else if (LADSPA_IS_PORT_INPUT(pd))
			ci++;
	}
	snprintf(line, sizeof line, "ladspa:%s  %s  [LADSPA] audio %d/%d, "
	    "%d controls", ld->Label, ld->Name, ai, ao, ci);
	l->out(l->user, line);
	l->n++;
}

int
fx_ladspa_list(const char *filter, fx_plugin_out out, void *user)
{
	struct ladspa_list l = { filter, out, user, 0 };

	ladspa_scan(ladspa_list_each, &l, NULL);
	return l.n;
}
