/* routing.c - buses, sends, routes: project.ini lines, loops, order,
 * solo. */
#include "routing.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

void
routing_num(double x, char *buf, size_t len)
{
	int prec;

	for (prec = 6; prec < 17; prec++) {
		snprintf(buf, len, "%.*g", prec, x);
		if (strtod(buf, NULL) == x)
			return;
	}
	snprintf(buf, len, "%.17g", x);
}

static int
routing_parse_send(struct routing *rt, const char *bus, const char *v,
    char *err, size_t errlen)
{
	char word[8], *end;
	double db;
	struct send *sd;
	int n = 0;

	if (project_name_ok(bus, err, errlen) != 0 ||
	    strcmp(bus, "master") == 0) {
		snprintf(err, errlen, "send.%s: not a bus name", bus);
		return -1;
	}
	db = strtod(v, &end);
	if (end == v || !(db >= -144 && db <= 24) ||
	    sscanf(end, " %7s%n", word, &n) != 1 || end[n] != '\0' ||
	    (strcmp(word, "pre") != 0 && strcmp(word, "post") != 0)) {
		snprintf(err, errlen, "send.%s: expected DB (-144 to 24) and "
		    "pre or post, got '%s'", bus, v);
		return -1;
	}
	if (project_send(rt, bus) != NULL) {
		snprintf(err, errlen, "send.%s: given twice", bus);
		return -1;
	}
	sd = project_send_add(rt, bus);
	sd->db = db;
	sd->pre = strcmp(word, "pre") == 0;
	return 1;
}

int
routing_parse(struct routing *rt, const char *key, const char *v,
    char *err, size_t errlen)
{
	if (strcmp(key, "route") == 0) {
		if (strcmp(v, "master") == 0) {
			rt->out[0] = '\0';
			return 1;
		}
		if (project_name_ok(v, err, errlen) != 0) {
			snprintf(err, errlen, "route: expected a bus or "
			    "master, got '%s'", v);
			return -1;
		}
		strlcpy_(rt->out, v, sizeof rt->out);
		return 1;
	}
	if (strncmp(key, "send.", 5) == 0)
		return routing_parse_send(rt, key + 5, v, err, errlen);
	return 0;
}

void
routing_write(FILE *f, const struct routing *rt, bool always)
{
	char num[32];
	int i;

	if (rt->out[0] != '\0' || always)
		fprintf(f, "route = %s\n", rt->out[0] != '\0' ? rt->out :
		    "master");
	for (i = 0; i < rt->nsends; i++) {
		routing_num(rt->sends[i].db, num, sizeof num);
		fprintf(f, "send.%s = %s %s\n", rt->sends[i].bus, num,
		    rt->sends[i].pre ? "pre" : "post");
	}
}

static int
routing_bool(const char *key, const char *v, bool *out, char *err,
    size_t errlen)
{
	if (strcmp(v, "yes") == 0 || strcmp(v, "no") == 0) {
		*out = v[0] == 'y';
		return 1;
	}
	snprintf(err, errlen, "%s: expected yes or no, got '%s'", key, v);
	return -1;
}

static int
routing_double(const char *key, const char *v, double min, double max,
    double *out, char *err, size_t errlen)
{
	char *end;
	double x = strtod(v, &end);

	if (end == v || *end != '\0' || !(x >= min && x <= max)) {
		snprintf(err, errlen, "%s: expected %g to %g, got '%s'", key,
		    min, max, v);
		return -1;
	}
	*out = x;
	return 1;
}

int
routing_bus_parse(struct bus *b, const char *key, const char *v,
    char *err, size_t errlen)
{
	int r;

	if (strcmp(key, "gain") == 0)
		return routing_double(key, v, -144, 24, &b->gain_db, err,
		    errlen);
	if (strcmp(key, "pan") == 0)
		return routing_double(key, v, -1, 1, &b->pan, err, errlen);
	if (strcmp(key, "mute") == 0)
		return routing_bool(key, v, &b->mute, err, errlen);
	if (strcmp(key, "solo") == 0)
		return routing_bool(key, v, &b->solo, err, errlen);
	r = routing_parse(&b->rt, key, v, err, errlen);
	if (r != 0)
		return r;
	snprintf(err, errlen, "[bus %s]: unknown key '%s'", b->name, key);
	return -1;
}

void
routing_bus_write(FILE *f, const struct bus *b)
{
	char num[32];

	fprintf(f, "\n[bus %s]\n", b->name);
	routing_num(b->gain_db, num, sizeof num);
	fprintf(f, "gain = %s\n", num);
	routing_num(b->pan, num, sizeof num);
	fprintf(f, "pan = %s\n", num);
	fprintf(f, "mute = %s\n", b->mute ? "yes" : "no");
	fprintf(f, "solo = %s\n", b->solo ? "yes" : "no");
	routing_write(f, &b->rt, true);
}

/* ---- the graph of buses ---- */

/* Whether routing rt feeds bus index `to` directly. */
static bool
routing_feeds(const struct project *p, const struct routing *rt, int to)
{
	int i;

	if (rt->out[0] != '\0' && strcmp(rt->out, p->buses[to].name) == 0)
		return true;
	for (i = 0; i < rt->nsends; i++)
		if (strcmp(rt->sends[i].bus, p->buses[to].name) == 0)
			return true;
	return false;
}

/* Depth first from bus a looking for bus goal; the path into stack. */
static bool
routing_find(const struct project *p, int a, int goal, int *stack,
    int *depth, bool *seen)
{
	int b;

	stack[(*depth)++] = a;
	if (a == goal)
		return true;
	seen[a] = true;
	for (b = 0; b < p->nbuses; b++)
		if (!seen[b] && routing_feeds(p, &p->buses[a].rt, b) &&
		    routing_find(p, b, goal, stack, depth, seen))
			return true;
	(*depth)--;
	return false;
}

bool
routing_loops(const struct project *p, const char *from, const char *to,
    char *path, size_t len)
{
	int a = project_bus_index(p, from), b = project_bus_index(p, to);
	int stack[PROJECT_MAX_BUSES + 1], depth = 0, i;
	bool seen[PROJECT_MAX_BUSES] = { false };
	size_t at;

	if (a < 0 || b < 0 || p->nbuses > PROJECT_MAX_BUSES)
		return false;
	if (!routing_find(p, b, a, stack, &depth, seen))
		return false;
	at = (size_t)snprintf(path, len, "%s", from);
	for (i = 0; i < depth && at < len; i++)
		at += (size_t)snprintf(path + at, len - at, " -> %s",
		    p->buses[stack[i]].name);
	return true;
}

static int
routing_check_one(const struct project *p, const char *name,
    const struct routing *rt, char *err, size_t errlen)
{
	int i;

	if (rt->out[0] != '\0' && project_bus_index(p, rt->out) < 0) {
		snprintf(err, errlen, "%s: route names '%s', which is no bus",
		    name, rt->out);
		return -1;
	}
	for (i = 0; i < rt->nsends; i++)
		if (project_bus_index(p, rt->sends[i].bus) < 0) {
			snprintf(err, errlen, "%s: send.%s names no bus", name,
			    rt->sends[i].bus);
			return -1;
		}
	return 0;
}

int
routing_check(const struct project *p, char *err, size_t errlen)
{
	char path[512];
	int i, j;

	if (p->nbuses > PROJECT_MAX_BUSES) {
		snprintf(err, errlen, "at most %d buses", PROJECT_MAX_BUSES);
		return -1;
	}
	for (i = 0; i < p->ntracks; i++)
		if (routing_check_one(p, p->tracks[i].name, &p->tracks[i].rt,
		    err, errlen) != 0)
			return -1;
	for (i = 0; i < p->nbuses; i++) {
		if (project_track_index(p, p->buses[i].name) >= 0) {
			snprintf(err, errlen, "bus %s has a track's name",
			    p->buses[i].name);
			return -1;
		}
		if (routing_check_one(p, p->buses[i].name, &p->buses[i].rt,
		    err, errlen) != 0)
			return -1;
	}
	/* A loop shows up as a bus that reaches itself. */
	for (i = 0; i < p->nbuses; i++)
		for (j = 0; j < p->nbuses; j++)
			if (routing_feeds(p, &p->buses[i].rt, j) &&
			    routing_loops(p, p->buses[i].name,
			    p->buses[j].name, path, sizeof path)) {
				snprintf(err, errlen, "%s loops", path);
				return -1;
			}
	return 0;
}

/* Depth first, emitting a bus after every bus it feeds: the reverse
 * of that is an order where sources come first. */
static void
routing_visit(const struct project *p, int a, bool *done, int *post,
    int *n)
{
	int b;

	done[a] = true;
	for (b = 0; b < p->nbuses; b++)
		if (!done[b] && routing_feeds(p, &p->buses[a].rt, b))
			routing_visit(p, b, done, post, n);
	post[(*n)++] = a;
}

void
routing_order(const struct project *p, int *order)
{
	bool done[PROJECT_MAX_BUSES] = { false };
	int post[PROJECT_MAX_BUSES], n = 0, i;

	for (i = 0; i < p->nbuses && i < PROJECT_MAX_BUSES; i++)
		if (!done[i])
			routing_visit(p, i, done, post, &n);
	for (i = 0; i < n; i++)
		order[i] = post[n - 1 - i];
}

void
routing_feeders(const struct project *p, const char *bus, char *buf,
    size_t len)
{
	int b = project_bus_index(p, bus), i, j;
	size_t at = 0;

	buf[0] = '\0';
	for (i = 0; b >= 0 && i < p->ntracks + p->nbuses && at < len; i++) {
		const struct routing *rt = i < p->ntracks ?
		    &p->tracks[i].rt : &p->buses[i - p->ntracks].rt;
		const char *name = i < p->ntracks ? p->tracks[i].name :
		    p->buses[i - p->ntracks].name;

		if (strcmp(rt->out, bus) == 0)
			at += (size_t)snprintf(buf + at, len - at, "%s%s "
			    "(route)", at > 0 ? ", " : "", name);
		for (j = 0; j < rt->nsends && at < len; j++)
			if (strcmp(rt->sends[j].bus, bus) == 0)
				at += (size_t)snprintf(buf + at, len - at,
				    "%s%s (send)", at > 0 ? ", " : "", name);
	}
}

void
routing_audible(const struct project *p, bool *track, bool *bus)
{
	bool reach[PROJECT_MAX_BUSES][PROJECT_MAX_BUSES];
	bool seen[PROJECT_MAX_BUSES];
	bool any = false, solo_bus[PROJECT_MAX_BUSES] = { false };
	int nb = p->nbuses < PROJECT_MAX_BUSES ? p->nbuses :
	    PROJECT_MAX_BUSES;
	int stack[PROJECT_MAX_BUSES + 1], depth, i, j, k;

	for (i = 0; i < p->ntracks; i++)
		any |= p->tracks[i].solo;
	for (i = 0; i < nb; i++)
		any |= p->buses[i].solo;
	for (i = 0; i < p->ntracks; i++)
		track[i] = !p->tracks[i].mute && (!any || p->tracks[i].solo);
	for (i = 0; i < nb; i++)
		bus[i] = !p->buses[i].mute && (!any || p->buses[i].solo);
	if (!any)
		return;
	/* reach[i][j]: bus i feeds bus j, directly or further on. */
	for (i = 0; i < nb; i++)
		for (j = 0; j < nb; j++) {
			memset(seen, 0, sizeof seen);
			depth = 0;
			reach[i][j] = i != j && routing_find(p, i, j, stack,
			    &depth, seen);
		}
	/* Soloed buses and what they feed; soloed tracks' buses. */
	for (i = 0; i < nb; i++)
		if (p->buses[i].solo)
			for (j = 0; j < nb; j++)
				solo_bus[j] |= j == i || reach[i][j];
	for (i = 0; i < p->ntracks; i++)
		if (p->tracks[i].solo)
			for (j = 0; j < nb; j++)
				if (routing_feeds(p, &p->tracks[i].rt, j))
					for (k = 0; k < nb; k++)
						solo_bus[k] |= k == j ||
						    reach[j][k];
	for (i = 0; i < nb; i++) {
		bool up = false;

		/* A bus that feeds a soloed bus brings its sources. */
		for (j = 0; j < nb; j++)
			up |= p->buses[j].solo && reach[i][j];
		bus[i] = !p->buses[i].mute && (solo_bus[i] || up);
	}
	for (i = 0; i < p->ntracks; i++) {
		bool up = p->tracks[i].solo;

		for (j = 0; j < nb && !up; j++)
			if (routing_feeds(p, &p->tracks[i].rt, j))
				for (k = 0; k < nb; k++)
					up |= p->buses[k].solo && (k == j ||
					    reach[j][k]);
		track[i] = !p->tracks[i].mute && up;
	}
}
