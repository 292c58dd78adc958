/* automation.c - automation lanes: the model, their text in commands and
 * project.ini, their copy into the engine's graph, and write/touch
 * passes. */
#include "automation.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "graph.h"
#include "project.h"
#include "session.h"
#include "util.h"

const char *const auto_modes[] = { "off", "read", "write", "touch", NULL };

static const char *const auto_curves[] = { "linear", "step", NULL };

/* A touch lane returns to reading this long after its last move. */
#define AUTO_TOUCH_MS 500

void
auto_lanes_free(struct auto_lanes *al)
{
	int i;

	for (i = 0; i < al->n; i++) {
		free(al->v[i].pt);
		free(al->v[i].wr);
	}
	free(al->v);
	al->v = NULL;
	al->n = 0;
}

struct auto_lanes *
auto_strip_lanes(struct project *p, const char *strip)
{
	struct track *t;
	struct bus *b;

	if (strcmp(strip, "master") == 0)
		return &p->master_au;
	if ((t = project_track(p, strip)) != NULL)
		return &t->au;
	if ((b = project_bus(p, strip)) != NULL)
		return &b->au;
	return NULL;
}

/* The insert a lane names, and its slot (from 0); NULL when gone. */
static struct insert *
auto_insert(struct project *p, const char *strip, const struct auto_lane *l,
    int *slot)
{
	struct inserts *fx = project_inserts(p, strip);
	int i;

	for (i = 0; fx != NULL && i < fx->n; i++)
		if (fx->v[i].id == l->ins) {
			if (slot != NULL)
				*slot = i;
			return &fx->v[i];
		}
	return NULL;
}

int
auto_param_parse(struct project *p, const char *strip, const char *spec,
    struct auto_lane *key, char *err, size_t errlen)
{
	bool master = strcmp(strip, "master") == 0;
	struct routing *rt;
	struct inserts *fx;
	char *end;
	long slot;

	memset(key, 0, sizeof *key);
	if (auto_strip_lanes(p, strip) == NULL) {
		snprintf(err, errlen, "STRIP: no track or bus named '%s' (or "
		    "'master')", strip);
		return -1;
	}
	if (!master && strcmp(spec, "gain") == 0) {
		key->target = AUTO_GAIN;
		return 0;
	}
	if (!master && strcmp(spec, "pan") == 0) {
		key->target = AUTO_PAN;
		return 0;
	}
	if (!master && strcmp(spec, "mute") == 0) {
		key->target = AUTO_MUTE;
		return 0;
	}
	if (!master && strncmp(spec, "send.", 5) == 0) {
		rt = project_routing(p, strip);
		if (rt == NULL || project_send(rt, spec + 5) == NULL) {
			snprintf(err, errlen, "PARAM: %s has no send to '%s'",
			    strip, spec + 5);
			return -1;
		}
		key->target = AUTO_SEND;
		strlcpy_(key->bus, spec + 5, sizeof key->bus);
		return 0;
	}
	slot = strtol(spec, &end, 10);
	if (end != spec && *end == '.' && end[1] != '\0') {
		fx = project_inserts(p, strip);
		if (slot < 1 || slot > fx->n) {
			snprintf(err, errlen, "PARAM: %s has no insert in "
			    "slot %ld", strip, slot);
			return -1;
		}
		if (fx_param_find(fx->v[slot - 1].kind, end + 1) < 0) {
			snprintf(err, errlen, "PARAM: %s has no parameter "
			    "'%s' (fx-list %s shows them)",
			    fx->v[slot - 1].kind->name, end + 1, strip);
			return -1;
		}
		key->target = AUTO_PARAM;
		key->ins = fx->v[slot - 1].id;
		strlcpy_(key->param, end + 1, sizeof key->param);
		return 0;
	}
	snprintf(err, errlen, "PARAM: expected %sSLOT.PARAM (as 2.threshold), "
	    "got '%s'", master ? "" : "gain, pan, mute, send.BUS or ", spec);
	return -1;
}

void
auto_param_name(struct project *p, const char *strip,
    const struct auto_lane *l, char *buf, size_t size)
{
	int slot;

	switch (l->target) {
	case AUTO_GAIN:
		snprintf(buf, size, "gain");
		break;
	case AUTO_PAN:
		snprintf(buf, size, "pan");
		break;
	case AUTO_MUTE:
		snprintf(buf, size, "mute");
		break;
	case AUTO_SEND:
		snprintf(buf, size, "send.%s", l->bus);
		break;
	default:
		if (auto_insert(p, strip, l, &slot) == NULL)
			snprintf(buf, size, "%s", "");
		else
			snprintf(buf, size, "%d.%s", slot + 1, l->param);
	}
}

/* The shortest text that reads back as exactly x. */
static void
auto_num(double x, char *buf, size_t size)
{
	int digits;

	for (digits = 0; digits <= 6; digits++) {
		snprintf(buf, size, "%.*f", digits, x);
		if (strtod(buf, NULL) == x)
			return;
	}
	for (digits = 1; digits <= 17; digits++) {
		snprintf(buf, size, "%.*g", digits, x);
		if (strtod(buf, NULL) == x)
			return;
	}
}

static int
auto_range(const char *text, double min, double max, double *v,
    const char *what, char *err, size_t errlen)
{
	char *end;
	double x = strtod(text, &end);

	if (end == text || *end != '\0' || !(x >= min && x <= max)) {
		snprintf(err, errlen, "VALUE: expected %s from %g to %g, got "
		    "'%s'", what, min, max, text);
		return -1;
	}
	*v = x;
	return 0;
}

int
auto_value_parse(struct project *p, const char *strip,
    const struct auto_lane *l, const char *text, double *v, char *err,
    size_t errlen)
{
	struct insert *in;
	float f;
	int i;

	switch (l->target) {
	case AUTO_GAIN:
	case AUTO_SEND:
		return auto_range(text, -144, 24, v, "dB", err, errlen);
	case AUTO_PAN:
		return auto_range(text, -1, 1, v, "a position", err, errlen);
	case AUTO_MUTE:
		if (strcmp(text, "on") == 0 || strcmp(text, "1") == 0 ||
		    strcmp(text, "yes") == 0)
			*v = 1;
		else if (strcmp(text, "off") == 0 || strcmp(text, "0") == 0 ||
		    strcmp(text, "no") == 0)
			*v = 0;
		else {
			snprintf(err, errlen, "VALUE: expected on or off, got "
			    "'%s'", text);
			return -1;
		}
		return 0;
	default:
		in = auto_insert(p, strip, l, NULL);
		if (in == NULL) {
			snprintf(err, errlen, "the lane's insert is gone");
			return -1;
		}
		i = fx_param_find(in->kind, l->param);
		if (fx_param_parse(in->kind, i, text, &f, err, errlen) != 0)
			return -1;
		*v = f;
		return 0;
	}
}

void
auto_value_format(struct project *p, const char *strip,
    const struct auto_lane *l, double v, char *buf, size_t size)
{
	struct insert *in;

	if (l->target == AUTO_MUTE) {
		snprintf(buf, size, "%s", v >= 0.5 ? "on" : "off");
		return;
	}
	if (l->target == AUTO_PARAM &&
	    (in = auto_insert(p, strip, l, NULL)) != NULL) {
		fx_param_format(in->kind, fx_param_find(in->kind, l->param),
		    (float)v, buf, size);
		return;
	}
	auto_num(v, buf, size);
}

static bool
auto_same(const struct auto_lane *a, const struct auto_lane *b)
{
	if (a->target != b->target)
		return false;
	if (a->target == AUTO_SEND)
		return strcmp(a->bus, b->bus) == 0;
	if (a->target == AUTO_PARAM)
		return a->ins == b->ins && strcmp(a->param, b->param) == 0;
	return true;
}

struct auto_lane *
auto_lane_find(struct auto_lanes *al, const struct auto_lane *key)
{
	int i;

	for (i = 0; i < al->n; i++)
		if (auto_same(&al->v[i], key))
			return &al->v[i];
	return NULL;
}

struct auto_lane *
auto_lane_get(struct auto_lanes *al, const struct auto_lane *key)
{
	struct auto_lane *l = auto_lane_find(al, key);

	if (l != NULL)
		return l;
	al->v = xreallocarray(al->v, al->n + 1, sizeof *al->v);
	l = &al->v[al->n++];
	*l = *key;
	l->pt = NULL;
	l->n = 0;
	l->wr = NULL;
	l->nwr = 0;
	l->latched = false;
	l->mode = AUTO_READ;
	return l;
}

void
auto_lane_remove(struct auto_lanes *al, int i)
{
	free(al->v[i].pt);
	free(al->v[i].wr);
	memmove(&al->v[i], &al->v[i + 1], (al->n - i - 1) * sizeof *al->v);
	al->n--;
}

void
auto_point_set(struct auto_lane *l, int64_t t, double v, int curve)
{
	int i;

	for (i = 0; i < l->n && l->pt[i].t < t; i++)
		;
	if (i < l->n && l->pt[i].t == t) {
		l->pt[i].v = v;
		l->pt[i].curve = curve;
		return;
	}
	l->pt = xreallocarray(l->pt, l->n + 1, sizeof *l->pt);
	memmove(&l->pt[i + 1], &l->pt[i], (l->n - i) * sizeof *l->pt);
	l->pt[i].t = t;
	l->pt[i].v = v;
	l->pt[i].curve = curve;
	l->n++;
}

int
auto_clear(struct auto_lane *l, int64_t start, int64_t end)
{
	int i, j = 0, gone;

	for (i = 0; i < l->n; i++)
		if (l->pt[i].t < start || l->pt[i].t > end)
			l->pt[j++] = l->pt[i];
	gone = l->n - j;
	l->n = j;
	return gone;
}

double
auto_value(const struct auto_lane *l, bool logv, int64_t t)
{
	int b;
	double f;

	if (l->n == 0)
		return 0;
	for (b = 0; b < l->n && l->pt[b].t <= t; b++)
		;
	if (b == 0)
		return l->pt[0].v;
	if (b == l->n)
		return l->pt[l->n - 1].v;
	if (l->pt[b].curve == AUTO_STEP)
		return l->pt[b - 1].v;
	f = (double)(t - l->pt[b - 1].t) / (double)(l->pt[b].t -
	    l->pt[b - 1].t);
	if (logv && l->pt[b - 1].v > 0 && l->pt[b].v > 0)
		return l->pt[b - 1].v * pow(l->pt[b].v / l->pt[b - 1].v, f);
	return l->pt[b - 1].v + (l->pt[b].v - l->pt[b - 1].v) * f;
}

bool
auto_lane_log(struct project *p, const char *strip,
    const struct auto_lane *l)
{
	struct insert *in;

	if (l->target != AUTO_PARAM ||
	    (in = auto_insert(p, strip, l, NULL)) == NULL)
		return false;
	return in->kind->params[fx_param_find(in->kind, l->param)].log;
}

int
auto_fixed_get(struct project *p, const char *strip,
    const struct auto_lane *l, double *v)
{
	struct track *t = project_track(p, strip);
	struct bus *b = t == NULL ? project_bus(p, strip) : NULL;
	struct routing *rt;
	struct send *sd;
	struct insert *in;

	switch (l->target) {
	case AUTO_GAIN:
	case AUTO_PAN:
	case AUTO_MUTE:
		if (t == NULL && b == NULL)
			return -1;
		*v = l->target == AUTO_GAIN ? (t ? t->gain_db : b->gain_db) :
		    l->target == AUTO_PAN ? (t ? t->pan : b->pan) :
		    (t ? t->mute : b->mute) ? 1 : 0;
		return 0;
	case AUTO_SEND:
		rt = project_routing(p, strip);
		if (rt == NULL || (sd = project_send(rt, l->bus)) == NULL)
			return -1;
		*v = sd->db;
		return 0;
	default:
		in = auto_insert(p, strip, l, NULL);
		if (in == NULL)
			return -1;
		*v = in->val[fx_param_find(in->kind, l->param)];
		return 0;
	}
}

void
auto_fixed_set(struct project *p, const char *strip,
    const struct auto_lane *l, double v)
{
	struct track *t = project_track(p, strip);
	struct bus *b = t == NULL ? project_bus(p, strip) : NULL;
	struct routing *rt;
	struct send *sd;
	struct insert *in;

	switch (l->target) {
	case AUTO_GAIN:
		if (t != NULL)
			t->gain_db = v;
		else if (b != NULL)
			b->gain_db = v;
		break;
	case AUTO_PAN:
		if (t != NULL)
			t->pan = v;
		else if (b != NULL)
			b->pan = v;
		break;
	case AUTO_MUTE:
		if (t != NULL)
			t->mute = v >= 0.5;
		else if (b != NULL)
			b->mute = v >= 0.5;
		break;
	case AUTO_SEND:
		rt = project_routing(p, strip);
		if (rt != NULL && (sd = project_send(rt, l->bus)) != NULL)
			sd->db = v;
		break;
	default:
		in = auto_insert(p, strip, l, NULL);
		if (in != NULL)
			in->val[fx_param_find(in->kind, l->param)] = (float)v;
	}
}

void
auto_write_ini(struct project *p, FILE *f, const char *strip,
    const struct auto_lanes *al)
{
	char name[64], num[40];
	double fixed;
	int i, j;

	for (i = 0; i < al->n; i++) {
		const struct auto_lane *l = &al->v[i];

		/* A lane whose send or insert was removed goes with it. */
		if (auto_fixed_get(p, strip, l, &fixed) != 0)
			continue;
		auto_param_name(p, strip, l, name, sizeof name);
		fprintf(f, "\n[auto %s %s]\n", strip, name);
		fprintf(f, "mode = %s\n", auto_modes[l->mode]);
		for (j = 0; j < l->n; j++) {
			auto_num(l->pt[j].v, num, sizeof num);
			fprintf(f, "point = %lld %s %s\n",
			    (long long)l->pt[j].t, num,
			    auto_curves[l->pt[j].curve]);
		}
	}
}

static int
auto_word(const char *const *words, const char *w)
{
	int i;

	for (i = 0; words[i] != NULL; i++)
		if (strcmp(words[i], w) == 0)
			return i;
	return -1;
}

int
auto_parse_ini(struct project *p, const char *strip, const char *spec,
    const char *name, const char *value, char *err, size_t errlen)
{
	struct auto_lanes *al = auto_strip_lanes(p, strip);
	struct auto_lane key, *l;
	char vbuf[64], cbuf[16], *end;
	long long t;
	double v;
	int n, c;

	if (auto_param_parse(p, strip, spec, &key, err, errlen) != 0)
		return -1;
	l = auto_lane_get(al, &key);
	if (strcmp(name, "mode") == 0) {
		if ((c = auto_word(auto_modes, value)) < 0) {
			snprintf(err, errlen, "mode: expected off, read, write "
			    "or touch, got '%s'", value);
			return -1;
		}
		l->mode = c;
		return 0;
	}
	if (strcmp(name, "point") != 0) {
		snprintf(err, errlen, "[auto %s %s]: unknown key '%s'", strip,
		    spec, name);
		return -1;
	}
	if (sscanf(value, "%lld %63s %15s%n", &t, vbuf, cbuf, &n) != 3 ||
	    value[n] != '\0' || t < 0 || (c = auto_word(auto_curves,
	    cbuf)) < 0) {
		snprintf(err, errlen, "point: expected FRAME VALUE linear|step, "
		    "got '%s'", value);
		return -1;
	}
	v = strtod(vbuf, &end);
	if (end == vbuf || *end != '\0' || !isfinite(v)) {
		snprintf(err, errlen, "point: expected a number, got '%s'",
		    vbuf);
		return -1;
	}
	if (l->target != AUTO_PARAM) {
		char text[64];

		snprintf(text, sizeof text, "%s", vbuf);
		if (l->target == AUTO_MUTE)
			snprintf(text, sizeof text, "%s", v >= 0.5 ? "on" :
			    "off");
		if (auto_value_parse(p, strip, l, text, &v, err, errlen) != 0)
			return -1;
	} else {
		struct insert *in = auto_insert(p, strip, l, NULL);
		const struct fx_param *fp = &in->kind->params[
		    fx_param_find(in->kind, l->param)];

		if (!(v >= fp->min && v <= fp->max)) {
			snprintf(err, errlen, "point: %s is from %g to %g, got "
			    "'%s'", fp->symbol, fp->min, fp->max, vbuf);
			return -1;
		}
	}
	auto_point_set(l, t, v, c);
	return 0;
}

bool
auto_drives(const struct auto_lanes *al, int target)
{
	int i;

	for (i = 0; i < al->n; i++)
		if (al->v[i].target == target && al->v[i].mode != AUTO_OFF &&
		    al->v[i].n > 0 && !al->v[i].latched)
			return true;
	return false;
}

void
auto_graph_strip(struct project *p, const char *strip, struct graph *g,
    struct graph_strip *gs, const struct inserts *fx,
    const struct routing *rt)
{
	struct auto_lanes *al = auto_strip_lanes(p, strip);
	int i, j, link, ins, param;

	for (i = 0; al != NULL && i < al->n; i++) {
		const struct auto_lane *l = &al->v[i];
		int64_t *t;
		float *v;
		unsigned char *st;
		int target;

		if (l->mode == AUTO_OFF || l->n == 0 || l->latched)
			continue;
		link = ins = param = 0;
		switch (l->target) {
		case AUTO_GAIN:
			target = GRAPH_AUTO_GAIN;
			break;
		case AUTO_PAN:
			target = GRAPH_AUTO_PAN;
			break;
		case AUTO_MUTE:
			target = GRAPH_AUTO_MUTE;
			break;
		case AUTO_SEND:
			target = GRAPH_AUTO_SEND;
			for (j = 0; rt != NULL && j < rt->nsends; j++)
				if (strcmp(rt->sends[j].bus, l->bus) == 0)
					link = 1 + j;
			if (link == 0)
				continue;
			break;
		default:
			target = GRAPH_AUTO_PARAM;
			ins = -1;
			for (j = 0; j < fx->n; j++)
				if (fx->v[j].id == l->ins)
					ins = j;
			if (ins < 0)
				continue;
			param = fx_param_find(fx->v[ins].kind, l->param);
		}
		t = xcalloc((size_t)l->n, sizeof *t);
		v = xcalloc((size_t)l->n, sizeof *v);
		st = xcalloc((size_t)l->n, 1);
		for (j = 0; j < l->n; j++) {
			t[j] = l->pt[j].t;
			v[j] = (float)l->pt[j].v;
			/* A mute switches: it has no way between. */
			st[j] = l->pt[j].curve == AUTO_STEP ||
			    l->target == AUTO_MUTE;
		}
		graph_strip_lane(g, gs, target, link, ins, param,
		    auto_lane_log(p, strip, l), l->n, t, v, st);
		free(t);
		free(v);
		free(st);
	}
}

/* ---- write and touch passes ---- */

static int64_t
auto_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Calls fn for every lane in write or touch mode with its strip. */
#define AUTO_EACH_STRIP(p, i, strip, al)				\
	for (i = 0; i < (p)->ntracks + (p)->nbuses + 1; i++)		\
		if ((strip = i < (p)->ntracks ? (p)->tracks[i].name :	\
		    i < (p)->ntracks + (p)->nbuses ?			\
		    (p)->buses[i - (p)->ntracks].name : "master"),	\
		    (al = auto_strip_lanes(p, strip)) != NULL)

static bool
auto_writing(const struct auto_lane *l)
{
	return l->mode == AUTO_WRITE || l->mode == AUTO_TOUCH;
}

double *
auto_pass_before(struct session *s)
{
	struct project *p = s->p;
	struct auto_lanes *al;
	const char *strip;
	double *v = NULL;
	int i, j, n = 0;

	if (s->state == TRANSPORT_STOPPED)
		return NULL;
	AUTO_EACH_STRIP(p, i, strip, al)
		for (j = 0; j < al->n; j++)
			if (auto_writing(&al->v[j])) {
				v = xreallocarray(v, n + 1, sizeof *v);
				if (auto_fixed_get(p, strip, &al->v[j],
				    &v[n]) != 0)
					v[n] = NAN;
				n++;
			}
	return v;
}

/* Moves closer together than this are one gesture: a ramp. */
#define AUTO_GESTURE_MS 150

bool
auto_pass_after(struct session *s, double *before, const char *text)
{
	struct project *p = s->p;
	struct auto_lanes *al;
	struct auto_lane *moved[64];
	double old[64], now;
	const char *strip, *mstrip[64];
	int64_t pos = transport_position(s), ms = auto_now_ms();
	int i, j, k = 0, nm = 0;
	bool only = true;
	char *after;

	if (before == NULL)
		return false;
	AUTO_EACH_STRIP(p, i, strip, al)
		for (j = 0; j < al->n; j++) {
			struct auto_lane *l = &al->v[j];

			if (!auto_writing(l))
				continue;
			if (auto_fixed_get(p, strip, l, &now) == 0 &&
			    now != before[k] && !isnan(before[k]) &&
			    nm < 64) {
				if (!l->latched && l->nwr == 0) {
					char name[48];

					l->wr_before = before[k];
					if (s->auto_lanes++ == 0) {
						auto_param_name(p, strip, l,
						    name, sizeof name);
						snprintf(s->auto_what,
						    sizeof s->auto_what,
						    "%s %s", strip, name);
					}
				}
				l->latched = true;
				l->wr_last_ms = ms;
				/* A move lands where it was heard. */
				l->wr = xreallocarray(l->wr, l->nwr + 1,
				    sizeof *l->wr);
				l->wr[l->nwr].t = pos;
				l->wr[l->nwr].v = now;
				l->wr[l->nwr].curve = AUTO_STEP;
				l->nwr++;
				moved[nm] = l;
				mstrip[nm] = strip;
				old[nm++] = before[k];
			}
			k++;
		}
	free(before);
	if (nm == 0)
		return false;
	/* Did the command change anything else?  The moved values put
	 * back, the project must read as it did before it. */
	for (i = 0; i < nm; i++)
		auto_fixed_set(p, mstrip[i], moved[i], old[i]);
	after = project_text(p);
	only = strcmp(after, text) == 0;
	free(after);
	for (i = 0; i < nm; i++) {
		double v = moved[i]->wr[moved[i]->nwr - 1].v;

		auto_fixed_set(p, mstrip[i], moved[i], v);
	}
	if (only && s->auto_text == NULL)
		s->auto_text = xstrdup(text);
	return only && s->auto_text != NULL;
}

/* Distance of point b from the line a..c, in the value's units. */
static double
auto_dist(const struct auto_point *a, const struct auto_point *b,
    const struct auto_point *c)
{
	double f = c->t == a->t ? 0 : (double)(b->t - a->t) /
	    (double)(c->t - a->t);

	return fabs(b->v - (a->v + (c->v - a->v) * f));
}

/* Douglas-Peucker over pt[a..c]: keep[] marks the points that matter. */
static void
auto_dp(const struct auto_point *pt, int a, int c, double tol, bool *keep)
{
	double worst = 0, d;
	int i, w = -1;

	for (i = a + 1; i < c; i++)
		if ((d = auto_dist(&pt[a], &pt[i], &pt[c])) > worst) {
			worst = d;
			w = i;
		}
	if (w < 0 || worst <= tol)
		return;
	keep[w] = true;
	auto_dp(pt, a, w, tol, keep);
	auto_dp(pt, w, c, tol, keep);
}

/* The recorded moves, thinned: repeats go, a burst of moves (a held
 * key) becomes a line through the points that matter (Douglas-Peucker,
 * tol in the value's units), a lone move a step. */
static int
auto_thin(struct auto_point *pt, int n, int rate, double tol)
{
	int64_t gap = (int64_t)rate * AUTO_GESTURE_MS / 1000;
	bool *keep = xcalloc(n > 0 ? (size_t)n : 1, sizeof *keep);
	int i, j, a, m = 0;

	for (i = 0, j = 0; i < n; i++)
		if (j == 0 || pt[i].v != pt[j - 1].v) {
			if (j > 0 && pt[i].t == pt[j - 1].t)
				j--;
			pt[j++] = pt[i];
		}
	n = j;
	for (a = 0; a < n; a = j) {
		for (j = a + 1; j < n && pt[j].t - pt[j - 1].t <= gap; j++)
			pt[j].curve = AUTO_LINEAR;
		keep[a] = keep[j - 1] = true;
		auto_dp(pt, a, j - 1, tol, keep);
	}
	for (i = 0; i < n; i++)
		if (keep[i])
			pt[m++] = pt[i];
	free(keep);
	return m;
}

/* Merges a lane's recorded moves into its points over [first, end]:
 * there the moves replace what was; at end the lane goes on from its
 * old value (touch) or from the last move (write). */
static void
auto_lane_commit(struct project *p, const char *strip, struct auto_lane *l,
    int64_t end, bool back)
{
	bool logv = auto_lane_log(p, strip, l);
	double tol = l->target == AUTO_GAIN || l->target == AUTO_SEND ? 0.1 :
	    l->target == AUTO_PAN ? 0.01 : 0, ret;
	int64_t first;
	int i, n;

	if (l->nwr == 0)
		return;
	if (l->target == AUTO_PARAM) {
		struct insert *in = auto_insert(p, strip, l, NULL);

		if (in != NULL) {
			const struct fx_param *fp = &in->kind->params[
			    fx_param_find(in->kind, l->param)];

			tol = fp->type == FX_FLOAT ? (fp->max - fp->min) *
			    0.001 : 0;
		}
	}
	n = auto_thin(l->wr, l->nwr, p->rate, tol);
	first = l->wr[0].t;
	if (end < l->wr[n - 1].t)
		end = l->wr[n - 1].t;
	/* Before the first move the lane played its own value. */
	ret = l->n > 0 ? auto_value(l, logv, end) : l->wr_before;
	if (l->n > 0 || first > 0)
		auto_point_set(l, first > 0 ? first - 1 : 0, l->n > 0 ?
		    auto_value(l, logv, first > 0 ? first - 1 : 0) :
		    l->wr_before, AUTO_LINEAR);
	auto_clear(l, first, end);
	for (i = 0; i < n; i++)
		auto_point_set(l, l->wr[i].t, l->wr[i].v, l->wr[i].curve);
	if (end > l->wr[n - 1].t)
		auto_point_set(l, end, back ? ret : l->wr[n - 1].v,
		    back ? AUTO_LINEAR : AUTO_STEP);
	free(l->wr);
	l->wr = NULL;
	l->nwr = 0;
	l->latched = false;
}

bool
auto_pass_release(struct session *s)
{
	struct project *p = s->p;
	struct auto_lanes *al;
	const char *strip;
	int64_t ms = auto_now_ms();
	bool any = false;
	int i, j;

	if (s->state == TRANSPORT_STOPPED)
		return false;
	AUTO_EACH_STRIP(p, i, strip, al)
		for (j = 0; j < al->n; j++) {
			struct auto_lane *l = &al->v[j];

			if (l->mode != AUTO_TOUCH || !l->latched ||
			    ms - l->wr_last_ms < AUTO_TOUCH_MS)
				continue;
			/* Back to the lane, gliding over the wait. */
			auto_lane_commit(p, strip, l, l->wr[l->nwr - 1].t +
			    (int64_t)p->rate * AUTO_TOUCH_MS / 1000, true);
			auto_fixed_set(p, strip, l, l->wr_before);
			any = true;
		}
	return any;
}

void
auto_pass_finish(struct session *s, int64_t end)
{
	struct project *p = s->p;
	struct auto_lanes *al;
	const char *strip;
	int i, j, nl = s->auto_lanes;

	AUTO_EACH_STRIP(p, i, strip, al)
		for (j = 0; j < al->n; j++) {
			struct auto_lane *l = &al->v[j];

			if (l->nwr == 0)
				continue;
			auto_lane_commit(p, strip, l, l->mode == AUTO_TOUCH ?
			    l->wr[l->nwr - 1].t + (int64_t)p->rate *
			    AUTO_TOUCH_MS / 1000 : end, l->mode == AUTO_TOUCH);
			auto_fixed_set(p, strip, l, l->wr_before);
		}
	s->auto_lanes = 0;
	if (s->auto_text == NULL)
		return;
	s->step[0] = s->burst_param[0] = '\0';
	{
		char *words = xasprintf("auto write %s%s", s->auto_what,
		    nl > 1 ? " and more" : "");
		char *before = s->auto_text;

		s->auto_text = NULL;
		session_commit(s, before, words);
		free(words);
	}
}
