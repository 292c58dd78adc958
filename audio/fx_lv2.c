/* fx_lv2.c - LV2 plugins through lilv: descriptions from a plugin's
 * ports, instances with the features the host provides (URID map and
 * unmap, options: sample rate and bounded block length), listing and
 * presets.  Control thread, but for run and the atom buffers' reset. */
#include "fx_plugin_host.h"

#include <lilv/lilv.h>
#include <lv2/atom/atom.h>
#include <lv2/buf-size/buf-size.h>
#include <lv2/core/lv2.h>
#include <lv2/options/options.h>
#include <lv2/parameters/parameters.h>
#include <lv2/port-props/port-props.h>
#include <lv2/presets/presets.h>
#include <lv2/resize-port/resize-port.h>
#include <lv2/units/units.h>
#include <lv2/urid/urid.h>
#include <dlfcn.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util.h"

#define RDFS_LABEL "http://www.w3.org/2000/01/rdf-schema#label"

/* URIDs: plugins may map from any thread they instantiate on. */
static pthread_mutex_t lv2_urid_lock = PTHREAD_MUTEX_INITIALIZER;
static char **lv2_uris;
static int lv2_nuris;

static LV2_URID
lv2_map(LV2_URID_Map_Handle h, const char *uri)
{
	int i;

	pthread_mutex_lock(&lv2_urid_lock);
	for (i = 0; i < lv2_nuris; i++)
		if (strcmp(lv2_uris[i], uri) == 0)
			break;
	if (i == lv2_nuris) {
		lv2_uris = xreallocarray(lv2_uris, (size_t)lv2_nuris + 1,
		    sizeof *lv2_uris);
		lv2_uris[lv2_nuris++] = xstrdup(uri);
	}
	pthread_mutex_unlock(&lv2_urid_lock);
	return (LV2_URID)i + 1;
}

static const char *
lv2_unmap(LV2_URID_Unmap_Handle h, LV2_URID urid)
{
	const char *s = NULL;

	pthread_mutex_lock(&lv2_urid_lock);
	if (urid >= 1 && (int)urid <= lv2_nuris)
		s = lv2_uris[urid - 1];
	pthread_mutex_unlock(&lv2_urid_lock);
	return s;
}

static LV2_URID_Map lv2_map_f = { NULL, lv2_map };
static LV2_URID_Unmap lv2_unmap_f = { NULL, lv2_unmap };

static LilvWorld *lv2_world;
static struct {
	LilvNode *ain, *aout, *in, *out, *audio, *control, *cv, *atom,
	    *integer, *toggled, *enumeration, *logarithmic, *sample_rate,
	    *optional, *unit, *usymbol, *preset, *label, *minsize;
} lv2_n;

static LilvWorld *
lv2_world_get(void)
{
	if (lv2_world != NULL)
		return lv2_world;
	lv2_world = lilv_world_new();
	if (lv2_world == NULL)
		fatal("out of memory");
	lilv_world_load_all(lv2_world);
	lv2_n.in = lilv_new_uri(lv2_world, LV2_CORE__InputPort);
	lv2_n.out = lilv_new_uri(lv2_world, LV2_CORE__OutputPort);
	lv2_n.audio = lilv_new_uri(lv2_world, LV2_CORE__AudioPort);
	lv2_n.control = lilv_new_uri(lv2_world, LV2_CORE__ControlPort);
	lv2_n.cv = lilv_new_uri(lv2_world, LV2_CORE__CVPort);
	lv2_n.atom = lilv_new_uri(lv2_world, LV2_ATOM__AtomPort);
	lv2_n.integer = lilv_new_uri(lv2_world, LV2_CORE__integer);
	lv2_n.toggled = lilv_new_uri(lv2_world, LV2_CORE__toggled);
	lv2_n.enumeration = lilv_new_uri(lv2_world, LV2_CORE__enumeration);
	lv2_n.logarithmic = lilv_new_uri(lv2_world,
	    LV2_PORT_PROPS__logarithmic);
	lv2_n.sample_rate = lilv_new_uri(lv2_world, LV2_CORE__sampleRate);
	lv2_n.optional = lilv_new_uri(lv2_world,
	    LV2_CORE__connectionOptional);
	lv2_n.unit = lilv_new_uri(lv2_world, LV2_UNITS__unit);
	lv2_n.usymbol = lilv_new_uri(lv2_world, LV2_UNITS__symbol);
	lv2_n.preset = lilv_new_uri(lv2_world, LV2_PRESETS__Preset);
	lv2_n.label = lilv_new_uri(lv2_world, RDFS_LABEL);
	lv2_n.minsize = lilv_new_uri(lv2_world, LV2_RESIZE_PORT__minimumSize);
	return lv2_world;
}

/* --- instances ------------------------------------------------------- */

/* A handle: the instance and the options it was given (kept for its
 * life, as a plugin may keep the pointer). */
struct lv2_handle {
	LilvInstance *li;
	int32_t minb, maxb;
	float rate;
	LV2_Options_Option opt[4];
};

static const char *const lv2_provided[] = {
	LV2_URID__map, LV2_URID__unmap, LV2_OPTIONS__options,
	LV2_BUF_SIZE__boundedBlockLength, NULL
};

static void *
lv2_instantiate(struct fxp_desc *d, int rate)
{
	struct lv2_handle *h = xcalloc(1, sizeof *h);
	LV2_URID i32 = lv2_map(NULL, LV2_ATOM__Int);
	LV2_Feature fmap = { LV2_URID__map, &lv2_map_f };
	LV2_Feature funmap = { LV2_URID__unmap, &lv2_unmap_f };
	LV2_Feature fopt = { LV2_OPTIONS__options, h->opt };
	LV2_Feature fbound = { LV2_BUF_SIZE__boundedBlockLength, NULL };
	const LV2_Feature *feat[] = { &fmap, &funmap, &fopt, &fbound, NULL };

	h->minb = 1;
	h->maxb = FXP_MAX_RUN;
	h->rate = (float)rate;
	h->opt[0] = (LV2_Options_Option){ LV2_OPTIONS_INSTANCE, 0,
	    lv2_map(NULL, LV2_BUF_SIZE__minBlockLength), sizeof h->minb, i32,
	    &h->minb };
	h->opt[1] = (LV2_Options_Option){ LV2_OPTIONS_INSTANCE, 0,
	    lv2_map(NULL, LV2_BUF_SIZE__maxBlockLength), sizeof h->maxb, i32,
	    &h->maxb };
	h->opt[2] = (LV2_Options_Option){ LV2_OPTIONS_INSTANCE, 0,
	    lv2_map(NULL, LV2_PARAMETERS__sampleRate), sizeof h->rate,
	    lv2_map(NULL, LV2_ATOM__Float), &h->rate };
	h->li = lilv_plugin_instantiate(d->plugin, rate, feat);
	if (h->li == NULL) {
		free(h);
		return NULL;
	}
	return h;
}

static void
lv2_connect(void *h, unsigned port, void *buf)
{
	lilv_instance_connect_port(((struct lv2_handle *)h)->li, port, buf);
}

static void
lv2_activate(void *h)
{
	lilv_instance_activate(((struct lv2_handle *)h)->li);
}

static void
lv2_run(void *h, unsigned n)
{
	lilv_instance_run(((struct lv2_handle *)h)->li, n);
}

static void
lv2_deactivate(void *h)
{
	lilv_instance_deactivate(((struct lv2_handle *)h)->li);
}

static void
lv2_cleanup(void *h)
{
	lilv_instance_free(((struct lv2_handle *)h)->li);
	free(h);
}

/* Inputs: an empty sequence; outputs: the room the plugin may fill. */
static void
lv2_prerun(struct fxp_desc *d, void *const *atom)
{
	static LV2_URID seq, chunk;
	int p, a = 0;

	if (seq == 0) {
		seq = lv2_map(NULL, LV2_ATOM__Sequence);
		chunk = lv2_map(NULL, LV2_ATOM__Chunk);
	}
	for (p = 0; p < d->nports; p++) {
		LV2_Atom_Sequence *s;

		if (d->ptype[p] != FXP_ATOMIN && d->ptype[p] != FXP_ATOMOUT)
			continue;
		s = atom[a++];
		if (d->ptype[p] == FXP_ATOMIN) {
			s->atom.size = sizeof(LV2_Atom_Sequence_Body);
			s->atom.type = seq;
			s->body.unit = 0;
			s->body.pad = 0;
		} else {
			s->atom.size = (uint32_t)(d->asize[p] - (int)
			    sizeof(LV2_Atom));
			s->atom.type = chunk;
		}
	}
}

static const struct fxp_ops lv2_ops = {
	lv2_instantiate, lv2_connect, lv2_activate, lv2_run, lv2_deactivate,
	lv2_cleanup, lv2_prerun
};

/* --- descriptions ---------------------------------------------------- */

static const LilvPlugin *
lv2_plugin(const char *uri)
{
	LilvWorld *w = lv2_world_get();
	LilvNode *u = lilv_new_uri(w, uri);
	const LilvPlugin *p;

	if (u == NULL)
		return NULL;
	p = lilv_plugins_get_by_uri(lilv_world_get_all_plugins(w), u);
	lilv_node_free(u);
	return p;
}

static const char *
lv2_unit(const LilvPlugin *pl, const LilvPort *port, bool srate)
{
	static const char *const map[][2] = {
		{ "db", "dB" }, { "hz", "Hz" }, { "khz", "kHz" },
		{ "mhz", "MHz" }, { "ms", "ms" }, { "s", "s" }, { "pc", "%" },
		{ "bpm", "bpm" }, { "semitone12TET", "st" }, { "cent", "ct" },
		{ "oct", "oct" }, { "degree", "deg" }, { "min", "min" },
		{ "frame", "frames" }, { "midiNote", "note" }, { "beat",
		"beats" }, { "bar", "bars" }, { "m", "m" }, { "cm", "cm" },
		{ "mm", "mm" }, { "coef", "" }, { NULL, NULL }
	};
	static char buf[32];
	LilvNode *u;
	const char *s, *h;
	int i;

	/* A range in fractions of the rate is shown as it is. */
	if (srate)
		return "fs";
	u = lilv_port_get(pl, port, lv2_n.unit);
	if (u == NULL)
		return "";
	buf[0] = '\0';
	if (lilv_node_is_uri(u) && (s = lilv_node_as_uri(u)) != NULL &&
	    strncmp(s, LV2_UNITS_PREFIX, strlen(LV2_UNITS_PREFIX)) == 0) {
		h = s + strlen(LV2_UNITS_PREFIX);
		for (i = 0; map[i][0] != NULL; i++)
			if (strcmp(map[i][0], h) == 0) {
				snprintf(buf, sizeof buf, "%s", map[i][1]);
				break;
			}
	} else {
		LilvNode *sym = lilv_world_get(lv2_world, u, lv2_n.usymbol,
		    NULL);

		if (sym != NULL && lilv_node_is_string(sym))
			snprintf(buf, sizeof buf, "%s",
			    lilv_node_as_string(sym));
		lilv_node_free(sym);
	}
	lilv_node_free(u);
	return buf;
}

static float
lv2_float(LilvNode *n, float dflt)
{
	float v = dflt;

	if (n != NULL && (lilv_node_is_float(n) || lilv_node_is_int(n)))
		v = lilv_node_as_float(n);
	lilv_node_free(n);
	return isfinite(v) ? v : dflt;
}

static int
lv2_scale_cmp(const void *a, const void *b)
{
	float x = lilv_node_as_float(lilv_scale_point_get_value(
	    *(const LilvScalePoint *const *)a));
	float y = lilv_node_as_float(lilv_scale_point_get_value(
	    *(const LilvScalePoint *const *)b));

	return x < y ? -1 : x > y;
}

static void
lv2_enum(struct fxp_desc *d, int i, const LilvPlugin *pl,
    const LilvPort *port)
{
	LilvScalePoints *sp = lilv_port_get_scale_points(pl, port);
	const LilvScalePoint **v;
	char **labels;
	float *vals;
	int n = 0, j;

	if (sp == NULL)
		return;
	n = (int)lilv_scale_points_size(sp);
	if (n == 0) {
		lilv_scale_points_free(sp);
		return;
	}
	v = xcalloc((size_t)n, sizeof *v);
	j = 0;
	LILV_FOREACH(scale_points, it, sp)
		v[j++] = lilv_scale_points_get(sp, it);
	qsort(v, (size_t)n, sizeof *v, lv2_scale_cmp);
	labels = xcalloc((size_t)n + 1, sizeof *labels);
	vals = xcalloc((size_t)n, sizeof *vals);
	for (j = 0; j < n; j++) {
		labels[j] = xstrdup(lilv_node_as_string(
		    lilv_scale_point_get_label(v[j])));
		vals[j] = lilv_node_as_float(lilv_scale_point_get_value(v[j]));
	}
	free(v);
	lilv_scale_points_free(sp);
	fxp_param_enum(d, i, labels, vals, n);
}

static int
lv2_features_check(const LilvPlugin *pl, char *why, size_t len)
{
	LilvNodes *req = lilv_plugin_get_required_features(pl);
	int bad = 0, i;

	LILV_FOREACH(nodes, it, req) {
		const char *f = lilv_node_as_uri(lilv_nodes_get(req, it));

		for (i = 0; lv2_provided[i] != NULL; i++)
			if (strcmp(lv2_provided[i], f) == 0)
				break;
		if (lv2_provided[i] == NULL && !bad) {
			snprintf(why, len, "needs the feature %s, which reel "
			    "does not provide", f);
			bad = 1;
		}
	}
	lilv_nodes_free(req);
	return bad ? -1 : 0;
}

/* The plugin's library stays loaded as long as its kind (the process):
 * lilv would unload it with its last instance, and a plugin's own leaks
 * would then be reported from an unknown module that no sanitizer
 * suppression can name (tests/lsan.supp). */
static void
lv2_pin(const LilvPlugin *pl)
{
	const LilvNode *lib = lilv_plugin_get_library_uri(pl);
	char *path = lib != NULL ? lilv_file_uri_parse(lilv_node_as_uri(lib),
	    NULL) : NULL;

	if (path != NULL)
		(void)dlopen(path, RTLD_NOW | RTLD_NODELETE);
	lilv_free(path);
}

struct fxp_desc *
fx_lv2_load(const char *uri, char *why, size_t len)
{
	const LilvPlugin *pl = lv2_plugin(uri);
	struct fxp_desc *d;
	LilvNode *nm;
	int np, p, k = 0;

	if (pl == NULL) {
		snprintf(why, len, "no such LV2 plugin is installed (plugins "
		    "lists them)");
		return NULL;
	}
	if (lv2_features_check(pl, why, len) != 0)
		return NULL;
	np = (int)lilv_plugin_get_num_ports(pl);
	d = xcalloc(1, sizeof *d);
	d->ops = &lv2_ops;
	d->plugin = pl;
	d->nports = np;
	d->ptype = xcalloc((size_t)np + 1, sizeof *d->ptype);
	d->asize = xcalloc((size_t)np + 1, sizeof *d->asize);
	d->params = xcalloc(FX_MAX_PARAMS, sizeof *d->params);
	d->pport = xcalloc(FX_MAX_PARAMS, sizeof *d->pport);
	d->enumv = xcalloc(FX_MAX_PARAMS, sizeof *d->enumv);
	d->lat_port = lilv_plugin_has_latency(pl) ?
	    (int)lilv_plugin_get_latency_port_index(pl) : -1;
	for (p = 0; p < np; p++) {
		const LilvPort *port = lilv_plugin_get_port_by_index(pl,
		    (uint32_t)p);
		bool in = lilv_port_is_a(pl, port, lv2_n.in);
		enum fxp_ptype t = FXP_OTHER;

		if (lilv_port_is_a(pl, port, lv2_n.audio)) {
			t = in ? FXP_AIN : FXP_AOUT;
			if (in && d->nain < 2)
				d->ain[d->nain] = p;
			if (!in && d->naout < 2)
				d->aout[d->naout] = p;
			if (in)
				d->nain++;
			else
				d->naout++;
		} else if (lilv_port_is_a(pl, port, lv2_n.control))
			t = in ? FXP_CIN : FXP_COUT;
		else if (lilv_port_is_a(pl, port, lv2_n.cv))
			t = in ? FXP_CVIN : FXP_CVOUT;
		else if (lilv_port_is_a(pl, port, lv2_n.atom)) {
			LilvNode *ms = lilv_port_get(pl, port, lv2_n.minsize);

			t = in ? FXP_ATOMIN : FXP_ATOMOUT;
			d->asize[p] = FXP_ATOM_BYTES;
			if (ms != NULL && lilv_node_is_int(ms) &&
			    lilv_node_as_int(ms) > FXP_ATOM_BYTES &&
			    lilv_node_as_int(ms) <= (1 << 22))
				d->asize[p] = lilv_node_as_int(ms);
			lilv_node_free(ms);
		}
		else if (!lilv_port_has_property(pl, port, lv2_n.optional)) {
			snprintf(why, len, "port %s is of a type reel cannot "
			    "connect", lilv_node_as_string(
			    lilv_port_get_symbol(pl, port)));
			goto refuse;
		}
		d->ptype[p] = t;
		if (t == FXP_CIN) {
			LilvNode *def, *min, *max, *pname;
			float fmin, fmax;
			enum fx_ptype pt = FX_FLOAT;
			bool sr;

			if (k == FX_MAX_PARAMS) {
				snprintf(why, len, "more than %d controls",
				    FX_MAX_PARAMS);
				goto refuse;
			}
			lilv_port_get_range(pl, port, &def, &min, &max);
			fmin = lv2_float(min, 0.0f);
			fmax = lv2_float(max, 1.0f);
			if (lilv_port_has_property(pl, port, lv2_n.toggled))
				pt = FX_TOGGLE;
			else if (lilv_port_has_property(pl, port,
			    lv2_n.integer))
				pt = FX_INT;
			sr = lilv_port_has_property(pl, port,
			    lv2_n.sample_rate);
			pname = lilv_port_get_name(pl, port);
			fxp_param_set(d, k, p, lilv_node_as_string(
			    lilv_port_get_symbol(pl, port)), pname != NULL ?
			    lilv_node_as_string(pname) : "", fmin, fmax,
			    lv2_float(def, fmin), lv2_unit(pl, port, sr),
			    lilv_port_has_property(pl, port,
			    lv2_n.logarithmic), pt);
			lilv_node_free(pname);
			if (lilv_port_has_property(pl, port,
			    lv2_n.enumeration))
				lv2_enum(d, k, pl, port);
			k++;
		}
	}
	d->nparams = k;
	if (d->nain < 1 || d->nain > 2 || d->naout < 1 || d->naout > 2) {
		snprintf(why, len, "has %d audio inputs and %d outputs; an "
		    "insert takes 1 or 2 of each", d->nain, d->naout);
		goto refuse;
	}
	lv2_pin(pl);
	nm = lilv_plugin_get_name(pl);
	fxp_desc_finish(d, xasprintf("lv2:%s", uri), xstrdup(nm != NULL ?
	    lilv_node_as_string(nm) : uri));
	lilv_node_free(nm);
	return d;
refuse:
	/* What was built goes with it (the tables are small). */
	free(d->ptype);
	free(d->asize);
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

/* --- listing and presets --------------------------------------------- */

int
fx_lv2_list(const char *filter, fx_plugin_out out, void *user)
{
	LilvWorld *w = lv2_world_get();
	const LilvPlugins *all = lilv_world_get_all_plugins(w);
	char line[1024];
	int n = 0;

	LILV_FOREACH(plugins, it, all) {
		const LilvPlugin *pl = lilv_plugins_get(all, it);
		const char *uri = lilv_node_as_uri(lilv_plugin_get_uri(pl));
		const LilvNode *cl = lilv_plugin_class_get_label(
		    lilv_plugin_get_class(pl));
		const char *cls = cl != NULL ? lilv_node_as_string(cl) : "";
		LilvNode *nm = lilv_plugin_get_name(pl);
		const char *name = nm != NULL ? lilv_node_as_string(nm) : "";
		uint32_t ai = lilv_plugin_get_num_ports_of_class(pl, lv2_n.in,
		    lv2_n.audio, NULL);
		uint32_t ao = lilv_plugin_get_num_ports_of_class(pl,
		    lv2_n.out, lv2_n.audio, NULL);
		uint32_t ci = lilv_plugin_get_num_ports_of_class(pl, lv2_n.in,
		    lv2_n.control, NULL);

		if (fxp_match(name, filter) || fxp_match(uri, filter) ||
		    fxp_match(cls, filter)) {
			snprintf(line, sizeof line, "lv2:%s  %s  [%s] audio "
			    "%u/%u, %u controls", uri, name, cls, ai, ao, ci);
			out(user, line);
			n++;
		}
		lilv_node_free(nm);
	}
	return n;
}

/* The plugin's presets: each label with its node, in label order. */
static LilvNodes *
lv2_presets(const struct fxp_desc *d)
{
	LilvNodes *ps = lilv_plugin_get_related(d->plugin, lv2_n.preset);

	LILV_FOREACH(nodes, it, ps)
		lilv_world_load_resource(lv2_world, lilv_nodes_get(ps, it));
	return ps;
}

static char *
lv2_preset_label(const LilvNode *preset)
{
	LilvNode *l = lilv_world_get(lv2_world, preset, lv2_n.label, NULL);
	char *s = NULL;

	if (l != NULL)
		s = xstrdup(lilv_node_as_string(l));
	lilv_node_free(l);
	return s;
}

int
fx_lv2_presets(const struct fxp_desc *d, fx_plugin_out out, void *user)
{
	LilvNodes *ps = lv2_presets(d);
	int n = 0;

	LILV_FOREACH(nodes, it, ps) {
		char *l = lv2_preset_label(lilv_nodes_get(ps, it));

		if (l != NULL) {
			out(user, l);
			n++;
		}
		free(l);
	}
	lilv_nodes_free(ps);
	return n;
}

struct lv2_preset_ctx {
	const struct fxp_desc *d;
	float *val;
};

static void
lv2_preset_value(const char *symbol, void *user, const void *value,
    uint32_t size, uint32_t type)
{
	struct lv2_preset_ctx *c = user;
	const struct fxp_desc *d = c->d;
	float v;
	int i;

	if (type == lv2_map(NULL, LV2_ATOM__Float) && size == sizeof(float))
		v = *(const float *)value;
	else if (type == lv2_map(NULL, LV2_ATOM__Double) &&
	    size == sizeof(double))
		v = (float)*(const double *)value;
	else if (type == lv2_map(NULL, LV2_ATOM__Int) &&
	    size == sizeof(int32_t))
		v = (float)*(const int32_t *)value;
	else
		return;
	for (i = 0; i < d->nparams; i++)
		if (strcmp(d->params[i].symbol, symbol) == 0)
			break;
	if (i == d->nparams || !isfinite(v))
		return;
	if (d->enumv[i] != NULL)
		v = (float)fxp_enum_index(d, i, v);
	else if (d->params[i].type != FX_FLOAT)
		v = roundf(v);
	if (v < d->params[i].min)
		v = d->params[i].min;
	if (v > d->params[i].max)
		v = d->params[i].max;
	c->val[i] = v;
}

int
fx_lv2_preset(const struct fxp_desc *d, const char *name, float *val,
    char *why, size_t len)
{
	LilvNodes *ps = lv2_presets(d);
	const LilvNode *found = NULL;
	struct lv2_preset_ctx c = { d, val };
	LilvState *st;

	LILV_FOREACH(nodes, it, ps) {
		char *l = lv2_preset_label(lilv_nodes_get(ps, it));

		if (found == NULL && l != NULL && strcasecmp(l, name) == 0)
			found = lilv_nodes_get(ps, it);
		free(l);
	}
	if (found == NULL) {
		snprintf(why, len, "NAME: %s has no preset '%s' (fx-presets "
		    "lists them)", d->kind.name, name);
		lilv_nodes_free(ps);
		return -1;
	}
	st = lilv_state_new_from_world(lv2_world, &lv2_map_f, found);
	lilv_nodes_free(ps);
	if (st == NULL) {
		snprintf(why, len, "NAME: preset '%s' could not be read",
		    name);
		return -1;
	}
	lilv_state_emit_port_values(st, lv2_preset_value, &c);
	lilv_state_free(st);
	return 0;
}
