/* fx_lv2.c - LV2 plugins through lilv: descriptions from a plugin's
 * ports, instances with the features the host provides (URID map and
 * unmap, options: sample rate and bounded block length), listing and
 * presets.  Control thread, but for run and the atom buffers' reset. */
#include "fx_plugin_host.h"

#include <lilv/lilv.h>
#include <lv2/atom/atom.h>
#include <lv2/buf-size/buf-size.h>
#include <lv2/core/lv2.h>
#include <lv2/log/log.h>
#include <lv2/options/options.h>
#include <lv2/parameters/parameters.h>
#include <lv2/port-props/port-props.h>
#include <lv2/presets/presets.h>
#include <lv2/resize-port/resize-port.h>
#include <lv2/units/units.h>
#include <lv2/state/state.h>
#include <lv2/urid/urid.h>
#include <lv2/worker/worker.h>
#include <dlfcn.h>
#include <limits.h>
#include <semaphore.h>
#include <sys/stat.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "fx_state.h"
#include "ring.h"
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
/* Mapped with the world (control thread): the engine never maps. */
static LV2_URID lv2_urid_seq, lv2_urid_chunk, lv2_urid_error,
    lv2_urid_warning;
static struct {
	LilvNode *ain, *aout, *in, *out, *audio, *control, *cv, *atom,
	    *integer, *toggled, *enumeration, *logarithmic, *sample_rate,
	    *optional, *unit, *usymbol, *preset, *label, *minsize, *reqopt,
	    *stateif;
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
	lv2_urid_seq = lv2_map(NULL, LV2_ATOM__Sequence);
	lv2_urid_chunk = lv2_map(NULL, LV2_ATOM__Chunk);
	lv2_urid_error = lv2_map(NULL, LV2_LOG__Error);
	lv2_urid_warning = lv2_map(NULL, LV2_LOG__Warning);
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
	lv2_n.reqopt = lilv_new_uri(lv2_world, LV2_OPTIONS__requiredOption);
	lv2_n.stateif = lilv_new_uri(lv2_world, LV2_STATE__interface);
	return lv2_world;
}

/* --- instances ------------------------------------------------------- */

/* Bytes a worker message may have, and its rings'. */
#define LV2_WORK_RING (1 << 16)
/* The block length plugins are told to expect: reel's default period. */
#define LV2_NOMINAL 256

/* A handle: the instance, the options it was given (kept for its life,
 * as a plugin may keep the pointer), and its worker.  The worker is a
 * thread of the handle's, fed requests through one lock-free ring by
 * run (schedule_work) and answering through another, whose responses
 * run delivers to work_response before the plugin's next run. */
struct lv2_handle {
	LilvInstance *li;
	struct fxp_desc *d;
	LV2_Log_Log log;
	int32_t minb, maxb, nomb;
	float rate;
	LV2_Options_Option opt[5];
	LV2_Worker_Schedule sched;
	const LV2_Worker_Interface *wi;
	struct ring *req, *resp;
	uint32_t req_pend, resp_pend;	/* a size read before its bytes */
	void *wbuf, *rbuf;		/* the worker's, run's */
	pthread_t thr, owner;
	bool thr_on, in_run, offline;
	sem_t sem;
	atomic_bool stop;
};

static const char *const lv2_provided[] = {
	LV2_URID__map, LV2_URID__unmap, LV2_OPTIONS__options,
	LV2_BUF_SIZE__boundedBlockLength, LV2_WORKER__schedule,
	LV2_STATE__mapPath, LV2_STATE__freePath, LV2_STATE__makePath,
	LV2_CORE__hardRTCapable, LV2_CORE__inPlaceBroken, LV2_LOG__log, NULL
};

/* The options reel gives (lv2_instantiate's), for opts:requiredOption. */
static const char *const lv2_options[] = {
	LV2_BUF_SIZE__minBlockLength, LV2_BUF_SIZE__maxBlockLength,
	LV2_BUF_SIZE__nominalBlockLength, LV2_PARAMETERS__sampleRate, NULL
};

/* One message [size][bytes] off r into buf, when it is all there. */
static bool
lv2_msg_read(struct ring *r, uint32_t *pend, void *buf, uint32_t *size)
{
	if (*pend == UINT32_MAX) {
		if (ring_read_space(r) < sizeof *pend)
			return false;
		ring_read(r, pend, sizeof *pend);
	}
	if (ring_read_space(r) < *pend)
		return false;
	ring_read(r, buf, *pend);
	*size = *pend;
	*pend = UINT32_MAX;
	return true;
}

static LV2_Worker_Status
lv2_msg_write(struct ring *r, uint32_t size, const void *data)
{
	if (size > LV2_WORK_RING - sizeof size ||
	    ring_write_space(r) < sizeof size + size)
		return LV2_WORKER_ERR_NO_SPACE;
	ring_write(r, &size, sizeof size);
	ring_write(r, data, size);
	return LV2_WORKER_SUCCESS;
}

static LV2_Worker_Status
lv2_respond(LV2_Worker_Respond_Handle rh, uint32_t size, const void *data)
{
	return lv2_msg_write(((struct lv2_handle *)rh)->resp, size, data);
}

/* From run on the engine thread: queued for the worker thread.  From
 * run on the thread that made the instance (a render, the latency probe:
 * not real time), or from outside run (restore, activation, where nothing
 * runs the plugin at the same time): the work is done now, as LV2 allows
 * when free-wheeling, and its response reaches the plugin right after
 * that run or at the start of its next one, so that a render is the
 * same every time and starts with what a restore loaded. */
static LV2_Worker_Status
lv2_schedule(LV2_Worker_Schedule_Handle sh, uint32_t size, const void *data)
{
	struct lv2_handle *h = sh;
	LV2_Worker_Status st;

	if (h->wi == NULL)
		return LV2_WORKER_ERR_UNKNOWN;
	if (!h->in_run || h->offline)
		return h->wi->work(lilv_instance_get_handle(h->li),
		    lv2_respond, h, size, data);
	st = lv2_msg_write(h->req, size, data);
	if (st == LV2_WORKER_SUCCESS)
		sem_post(&h->sem);
	return st;
}

static void *
lv2_worker(void *arg)
{
	struct lv2_handle *h = arg;
	uint32_t n;

	for (;;) {
		while (sem_wait(&h->sem) != 0)
			;
		if (atomic_load(&h->stop))
			break;
		while (lv2_msg_read(h->req, &h->req_pend, h->wbuf, &n))
			h->wi->work(lilv_instance_get_handle(h->li),
			    lv2_respond, h, n, h->wbuf);
	}
	return NULL;
}

static void
lv2_worker_stop(struct lv2_handle *h)
{
	if (h->thr_on) {
		atomic_store(&h->stop, true);
		sem_post(&h->sem);
		pthread_join(h->thr, NULL);
		sem_destroy(&h->sem);
	}
	ring_free(h->req);
	ring_free(h->resp);
	free(h->wbuf);
	free(h->rbuf);
}

static int
lv2_worker_start(struct lv2_handle *h)
{
	h->wi = lilv_instance_get_extension_data(h->li, LV2_WORKER__interface);
	if (h->wi == NULL || h->wi->work == NULL ||
	    h->wi->work_response == NULL) {
		h->wi = NULL;
		return 0;
	}
	h->req_pend = h->resp_pend = UINT32_MAX;
	h->req = ring_new(LV2_WORK_RING);
	h->resp = ring_new(LV2_WORK_RING);
	h->wbuf = xmalloc(LV2_WORK_RING);
	h->rbuf = xmalloc(LV2_WORK_RING);
	if (h->req == NULL || h->resp == NULL || sem_init(&h->sem, 0, 0) != 0)
		return -1;
	if (pthread_create(&h->thr, NULL, lv2_worker, h) != 0) {
		sem_destroy(&h->sem);
		return -1;
	}
	h->thr_on = true;
	return 0;
}

/* log:log: a plugin's errors and warnings on the thread that made the
 * instance (instantiation, restore, a render) are kept for fx-list; the
 * rest, and anything from the engine or a worker thread (no I/O, no
 * formatting there), is dropped. */
static int
lv2_log_vprintf(LV2_Log_Handle lh, LV2_URID type, const char *fmt,
    va_list ap)
{
	struct lv2_handle *h = lh;
	size_t n;

	if (!pthread_equal(pthread_self(), h->owner) ||
	    (type != lv2_urid_error && type != lv2_urid_warning))
		return 0;
	vsnprintf(h->d->said, sizeof h->d->said, fmt, ap);
	n = strlen(h->d->said);
	while (n > 0 && (h->d->said[n - 1] == '\n' ||
	    h->d->said[n - 1] == '\r'))
		h->d->said[--n] = '\0';
	return (int)n;
}

static int
lv2_log_printf(LV2_Log_Handle lh, LV2_URID type, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = lv2_log_vprintf(lh, type, fmt, ap);
	va_end(ap);
	return n;
}

static void *
lv2_instantiate(struct fxp_desc *d, int rate)
{
	struct lv2_handle *h = xcalloc(1, sizeof *h);
	LV2_URID i32 = lv2_map(NULL, LV2_ATOM__Int);
	LV2_Feature fmap = { LV2_URID__map, &lv2_map_f };
	LV2_Feature funmap = { LV2_URID__unmap, &lv2_unmap_f };
	LV2_Feature fopt = { LV2_OPTIONS__options, h->opt };
	LV2_Feature fbound = { LV2_BUF_SIZE__boundedBlockLength, NULL };
	LV2_Feature fwork = { LV2_WORKER__schedule, &h->sched };
	LV2_Feature fhrt = { LV2_CORE__hardRTCapable, NULL };
	LV2_Feature fipb = { LV2_CORE__inPlaceBroken, NULL };
	LV2_Feature flog = { LV2_LOG__log, &h->log };
	const LV2_Feature *feat[] = { &fmap, &funmap, &fopt, &fbound,
	    &fwork, &fhrt, &fipb, &flog, NULL };

	h->minb = 1;
	h->maxb = FXP_MAX_RUN;
	h->nomb = LV2_NOMINAL;
	h->rate = (float)rate;
	h->sched.handle = h;
	h->owner = pthread_self();
	h->d = d;
	h->log.handle = h;
	h->log.printf = lv2_log_printf;
	h->log.vprintf = lv2_log_vprintf;
	h->sched.schedule_work = lv2_schedule;
	h->opt[0] = (LV2_Options_Option){ LV2_OPTIONS_INSTANCE, 0,
	    lv2_map(NULL, LV2_BUF_SIZE__minBlockLength), sizeof h->minb, i32,
	    &h->minb };
	h->opt[1] = (LV2_Options_Option){ LV2_OPTIONS_INSTANCE, 0,
	    lv2_map(NULL, LV2_BUF_SIZE__maxBlockLength), sizeof h->maxb, i32,
	    &h->maxb };
	h->opt[2] = (LV2_Options_Option){ LV2_OPTIONS_INSTANCE, 0,
	    lv2_map(NULL, LV2_BUF_SIZE__nominalBlockLength), sizeof h->nomb,
	    i32, &h->nomb };
	h->opt[3] = (LV2_Options_Option){ LV2_OPTIONS_INSTANCE, 0,
	    lv2_map(NULL, LV2_PARAMETERS__sampleRate), sizeof h->rate,
	    lv2_map(NULL, LV2_ATOM__Float), &h->rate };
	h->li = lilv_plugin_instantiate(d->plugin, rate, feat);
	if (h->li == NULL) {
		free(h);
		return NULL;
	}
	if (lv2_worker_start(h) != 0) {
		lv2_worker_stop(h);
		lilv_instance_free(h->li);
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

/* The worker's responses to the plugin: in run, or on the control
 * thread while nothing runs it. */
static void
lv2_deliver(struct lv2_handle *h)
{
	LV2_Handle lh = lilv_instance_get_handle(h->li);
	uint32_t size;

	if (h->wi != NULL)
		while (lv2_msg_read(h->resp, &h->resp_pend, h->rbuf, &size))
			h->wi->work_response(lh, size, h->rbuf);
}

/* Engine: the worker's responses first, the block, then end_run. */
static void
lv2_run(void *hv, unsigned n)
{
	struct lv2_handle *h = hv;
	LV2_Handle lh = lilv_instance_get_handle(h->li);

	h->in_run = true;
	h->offline = pthread_equal(pthread_self(), h->owner);
	lv2_deliver(h);
	lilv_instance_run(h->li, n);
	if (h->offline)
		lv2_deliver(h);
	if (h->wi != NULL && h->wi->end_run != NULL)
		h->wi->end_run(lh);
	h->in_run = false;
}

static void
lv2_deactivate(void *h)
{
	lilv_instance_deactivate(((struct lv2_handle *)h)->li);
}

static void
lv2_cleanup(void *hv)
{
	struct lv2_handle *h = hv;

	lv2_worker_stop(h);
	lilv_instance_free(h->li);
	free(h);
}

/* Inputs: an empty sequence; outputs: the room the plugin may fill. */
static void
lv2_prerun(struct fxp_desc *d, void *const *atom)
{
	LV2_URID seq = lv2_urid_seq, chunk = lv2_urid_chunk;
	int p, a = 0;

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
	req = lilv_plugin_get_value(pl, lv2_n.reqopt);
	LILV_FOREACH(nodes, it, req) {
		const char *o = lilv_node_as_uri(lilv_nodes_get(req, it));

		for (i = 0; lv2_options[i] != NULL; i++)
			if (o != NULL && strcmp(lv2_options[i], o) == 0)
				break;
		if (lv2_options[i] == NULL && !bad) {
			snprintf(why, len, "needs the option %s, which reel "
			    "does not provide", o != NULL ? o : "?");
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

/* --- state ----------------------------------------------------------- */

/* Paths: relative to the project directory when inside it (so that a
 * project moves as a whole), absolute when not. */
struct lv2_paths {
	char *dir;		/* absolute, or NULL */
};

static char *
lv2_abstract_path(LV2_State_Map_Path_Handle ph, const char *abs)
{
	const struct lv2_paths *lp = ph;
	char *real = realpath(abs, NULL);
	const char *a = real != NULL ? real : abs;
	size_t n = lp->dir != NULL ? strlen(lp->dir) : 0;
	char *s;

	if (n > 0 && strncmp(a, lp->dir, n) == 0 && a[n] == '/' &&
	    a[n + 1] != '\0')
		s = strdup(a + n + 1);
	else
		s = strdup(a);
	free(real);
	return s;
}

static char *
lv2_absolute_path(LV2_State_Map_Path_Handle ph, const char *path)
{
	const struct lv2_paths *lp = ph;
	char *s;

	if (path[0] == '/' || lp->dir == NULL)
		return strdup(path);
	if (asprintf(&s, "%s/%s", lp->dir, path) < 0)
		return NULL;
	return s;
}

static void
lv2_free_path(LV2_State_Free_Path_Handle ph, char *path)
{
	free(path);
}

/* New files a plugin saves go in the project's plugin-state/. */
static char *
lv2_make_path(LV2_State_Make_Path_Handle ph, const char *path)
{
	const struct lv2_paths *lp = ph;
	char *d, *s, *q;

	if (lp->dir == NULL || asprintf(&s, "%s/plugin-state/%s", lp->dir,
	    path) < 0)
		return NULL;
	d = strdup(s);
	for (q = d != NULL ? strchr(d + strlen(lp->dir) + 1, '/') : NULL;
	    q != NULL; q = strchr(q + 1, '/')) {
		*q = '\0';
		(void)mkdir(d, 0777);
		*q = '/';
	}
	free(d);
	return s;
}

static void
lv2_paths_init(struct lv2_paths *lp, const char *dir)
{
	lp->dir = dir != NULL ? realpath(dir, NULL) : NULL;
	if (dir != NULL && lp->dir == NULL)
		lp->dir = xstrdup(dir);
}

static const LV2_State_Interface *
lv2_state_if(void *hv)
{
	struct lv2_handle *h = hv;

	return lilv_instance_get_extension_data(h->li, LV2_STATE__interface);
}

bool
fx_lv2_has_state(const struct fxp_desc *d)
{
	return lilv_plugin_has_extension_data(d->plugin, lv2_n.stateif);
}

struct lv2_store {
	struct fx_state *st;
	uint32_t *urid;		/* restore: a URID property's value */
	void **vec;		/* restore: a Vector's body */
};

/* A vector's element type is a URID, which means nothing to another
 * session: kept as its URI (fx_state.h) where the elements are
 * numbers. */
static bool
lv2_vector_numeric(const char *uri)
{
	static const char *const ok[] = { LV2_ATOM__Int, LV2_ATOM__Long,
	    LV2_ATOM__Float, LV2_ATOM__Double, LV2_ATOM__Bool, NULL };
	int i;

	for (i = 0; uri != NULL && ok[i] != NULL; i++)
		if (strcmp(uri, ok[i]) == 0)
			return true;
	return false;
}

static LV2_State_Status
lv2_store(LV2_State_Handle sh, uint32_t key, const void *value, size_t size,
    uint32_t type, uint32_t flags)
{
	struct lv2_store *c = sh;
	const char *k = lv2_unmap(NULL, key), *t = lv2_unmap(NULL, type);

	if (k == NULL || t == NULL)
		return LV2_STATE_ERR_BAD_TYPE;
	if (type == lv2_map(NULL, LV2_ATOM__URID) && size == sizeof(LV2_URID)) {
		const char *u = lv2_unmap(NULL, *(const LV2_URID *)value);

		if (u == NULL)
			return LV2_STATE_ERR_BAD_TYPE;
		fx_state_set(c->st, k, t, u, strlen(u) + 1);
	} else if (type == lv2_map(NULL, LV2_ATOM__Vector) &&
	    size >= sizeof(LV2_Atom_Vector_Body) && lv2_vector_numeric(
	    lv2_unmap(NULL, ((const LV2_Atom_Vector_Body *)value)->
	    child_type))) {
		const LV2_Atom_Vector_Body *vb = value;
		const char *et = lv2_unmap(NULL, vb->child_type);
		size_t n = size - sizeof *vb, u = strlen(et) + 1;
		char *b = xmalloc(u + n);

		memcpy(b, et, u);
		memcpy(b + u, vb + 1, n);
		fx_state_set(c->st, k, t, b, u + n);
		free(b);
	} else
		fx_state_set(c->st, k, t, value, size);
	return LV2_STATE_SUCCESS;
}

static const void *
lv2_retrieve(LV2_State_Handle sh, uint32_t key, size_t *size, uint32_t *type,
    uint32_t *flags)
{
	struct lv2_store *c = sh;
	const char *k = lv2_unmap(NULL, key);
	const struct fx_state_prop *p = k != NULL ? fx_state_get(c->st, k) :
	    NULL;

	if (p == NULL)
		return NULL;
	*type = lv2_map(NULL, p->type);
	*flags = LV2_STATE_IS_POD | LV2_STATE_IS_PORTABLE;
	if (*type == lv2_map(NULL, LV2_ATOM__URID)) {
		uint32_t *u = &c->urid[p - c->st->v];

		*u = lv2_map(NULL, p->val);
		*size = sizeof *u;
		return u;
	}
	if (*type == lv2_map(NULL, LV2_ATOM__Vector) &&
	    memchr(p->val, '\0', p->size) != NULL &&
	    lv2_vector_numeric(p->val)) {
		size_t u = strlen(p->val) + 1, n = p->size - u;
		LV2_Atom_Vector_Body *vb = xmalloc(sizeof *vb + n);
		const char *et = p->val;

		vb->child_type = lv2_map(NULL, et);
		vb->child_size = strcmp(et, LV2_ATOM__Long) == 0 ||
		    strcmp(et, LV2_ATOM__Double) == 0 ? 8 : 4;
		memcpy(vb + 1, (const char *)p->val + u, n);
		free(c->vec[p - c->st->v]);
		c->vec[p - c->st->v] = vb;
		*size = sizeof *vb + n;
		return vb;
	}
	*size = p->size;
	return p->val;
}

struct fx_state *
fx_lv2_state_save(void *hv, const char *dir)
{
	struct lv2_handle *h = hv;
	const LV2_State_Interface *si = lv2_state_if(h);
	struct lv2_paths lp;
	LV2_State_Map_Path mp = { &lp, lv2_abstract_path, lv2_absolute_path };
	LV2_State_Make_Path mk = { &lp, lv2_make_path };
	LV2_State_Free_Path fp = { NULL, lv2_free_path };
	LV2_Feature fmp = { LV2_STATE__mapPath, &mp };
	LV2_Feature fmk = { LV2_STATE__makePath, &mk };
	LV2_Feature ffp = { LV2_STATE__freePath, &fp };
	const LV2_Feature *feat[] = { &fmp, &fmk, &ffp, NULL };
	struct lv2_store c;

	if (si == NULL || si->save == NULL)
		return NULL;
	lv2_paths_init(&lp, dir);
	c.st = fx_state_new(dir);
	c.urid = NULL;
	c.vec = NULL;
	if (si->save(lilv_instance_get_handle(h->li), lv2_store, &c,
	    LV2_STATE_IS_POD | LV2_STATE_IS_PORTABLE, feat) !=
	    LV2_STATE_SUCCESS && c.st->n == 0) {
		fx_state_free(c.st);
		c.st = NULL;
	}
	free(lp.dir);
	return c.st;
}

int
fx_lv2_state_restore(void *hv, const struct fx_state *st)
{
	struct lv2_handle *h = hv;
	const LV2_State_Interface *si = lv2_state_if(h);
	struct lv2_paths lp;
	LV2_State_Map_Path mp = { &lp, lv2_abstract_path, lv2_absolute_path };
	LV2_State_Free_Path fp = { NULL, lv2_free_path };
	LV2_Feature fmp = { LV2_STATE__mapPath, &mp };
	LV2_Feature ffp = { LV2_STATE__freePath, &fp };
	LV2_Feature fwork = { LV2_WORKER__schedule, &h->sched };
	const LV2_Feature *feat[] = { &fmp, &ffp, &fwork, NULL };
	struct lv2_store c;
	LV2_State_Status rc;

	if (si == NULL || si->restore == NULL)
		return -1;
	lv2_paths_init(&lp, st->dir);
	c.st = (struct fx_state *)st;
	c.urid = xcalloc(st->n > 0 ? (size_t)st->n : 1, sizeof *c.urid);
	c.vec = xcalloc(st->n > 0 ? (size_t)st->n : 1, sizeof *c.vec);
	rc = si->restore(lilv_instance_get_handle(h->li), lv2_retrieve, &c,
	    0, feat);
	for (int i = 0; i < st->n; i++)
		free(c.vec[i]);
	free(c.vec);
	free(c.urid);
	free(lp.dir);
	return rc == LV2_STATE_SUCCESS ? 0 : -1;
}

/* A preset's state: restored by lilv into an instance of the plugin's
 * own (control thread), the work it scheduled done and answered, then
 * saved from it as the plugin writes it. */
struct fx_state *
fx_lv2_preset_state(struct fxp_desc *d, const char *name, const char *dir)
{
	LilvNodes *ps;
	const LilvNode *found = NULL;
	struct fx_state *st = NULL;
	LilvState *ls;
	void *h;

	if (!fx_lv2_has_state(d))
		return NULL;
	ps = lv2_presets(d);
	LILV_FOREACH(nodes, it, ps) {
		char *l = lv2_preset_label(lilv_nodes_get(ps, it));

		if (found == NULL && l != NULL && strcasecmp(l, name) == 0)
			found = lilv_nodes_get(ps, it);
		free(l);
	}
	ls = found != NULL ? lilv_state_new_from_world(lv2_world, &lv2_map_f,
	    found) : NULL;
	lilv_nodes_free(ps);
	if (ls == NULL)
		return NULL;
	h = lv2_instantiate(d, 48000);
	if (h != NULL) {
		struct lv2_handle *lh = h;
		LV2_Feature fmap = { LV2_URID__map, &lv2_map_f };
		LV2_Feature fwork = { LV2_WORKER__schedule, &lh->sched };
		const LV2_Feature *feat[] = { &fmap, &fwork, NULL };

		lilv_state_restore(ls, lh->li, NULL, NULL, 0, feat);
		lv2_deliver(lh);
		st = fx_lv2_state_save(h, dir);
		lv2_cleanup(h);
	}
	lilv_state_free(ls);
	if (st != NULL && st->n == 0) {
		fx_state_free(st);
		st = NULL;
	}
	return st;
}
