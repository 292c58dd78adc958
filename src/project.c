/* project.c - the session model, project.ini read and written. */
#include "project.h"
#include "sheet.h"
#include "fx_plugin.h"
#include "fx_state.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <time.h>
#include <unistd.h>

#include "atomicfile.h"
#include "comp.h"
#include "inival.h"
#include "iniread.h"
#include "routing.h"
#include "util.h"
#include "wavfile.h"

const int project_rates[] = { 44100, 48000, 88200, 96000, 192000, 0 };
const char *const project_roles[] = {
	"none", "lead", "rhythm", "harmony", "pad", "bass", "drums", "fx",
	"vocal", "keys", "other", NULL
};

static const char *project_take_formats[] = { "wav16", "wav24", "wav32f" };

static const char *project_states[] = { "ok", "recording", "recovered" };

static const char *project_monitors[] = { "auto", "on", "off" };

const char *const project_shapes[] = { "linear", "equal-power", "s-curve",
    NULL };

static struct project *
project_alloc(const char *dir)
{
	struct project *p = xcalloc(1, sizeof *p);

	p->dir = xstrdup(dir);
	p->rate = 48000;
	p->take_format = WAVFILE_PCM24;
	p->next_pass = 1;
	p->preroll = 2.0;
	p->click_db = -12.0;
	p->xfade_ms = 10;
	p->next_insert = 1;
	p->grid = 4;
	tempo_map_init(&p->tempo);
	return p;
}

struct inserts *
project_inserts(struct project *p, const char *strip)
{
	struct track *t;
	struct bus *b;

	if (strcmp(strip, "master") == 0)
		return &p->master_fx;
	t = project_track(p, strip);
	if (t != NULL)
		return &t->fx;
	b = project_bus(p, strip);
	return b != NULL ? &b->fx : NULL;
}

/* The inserts' states and their array. */
static void
project_inserts_free(struct inserts *fx)
{
	int i;

	for (i = 0; i < fx->n; i++)
		fx_state_free(fx->v[i].state);
	free(fx->v);
}

struct insert *
project_insert_add(struct project *p, struct inserts *fx,
    const struct fx_kind *k)
{
	struct insert *in;

	fx->v = xreallocarray(fx->v, fx->n + 1, sizeof *fx->v);
	in = &fx->v[fx->n++];
	memset(in, 0, sizeof *in);
	in->kind = k;
	in->id = p->next_insert++;
	fx_defaults(k, in->val);
	return in;
}

struct bus *
project_bus(struct project *p, const char *name)
{
	int i = project_bus_index(p, name);

	return i >= 0 ? &p->buses[i] : NULL;
}

int
project_bus_index(const struct project *p, const char *name)
{
	int i;

	for (i = 0; i < p->nbuses; i++)
		if (strcmp(p->buses[i].name, name) == 0)
			return i;
	return -1;
}

struct bus *
project_bus_add(struct project *p, const char *name)
{
	struct bus *b;

	p->buses = xreallocarray(p->buses, p->nbuses + 1, sizeof *p->buses);
	b = &p->buses[p->nbuses++];
	memset(b, 0, sizeof *b);
	strlcpy_(b->name, name, sizeof b->name);
	return b;
}

void
project_bus_remove(struct project *p, int index)
{
	project_inserts_free(&p->buses[index].fx);
	free(p->buses[index].rt.sends);
	auto_lanes_free(&p->buses[index].au);
	memmove(&p->buses[index], &p->buses[index + 1],
	    (p->nbuses - index - 1) * sizeof *p->buses);
	p->nbuses--;
}

struct routing *
project_routing(struct project *p, const char *strip)
{
	struct track *t = project_track(p, strip);
	struct bus *b;

	if (t != NULL)
		return &t->rt;
	b = project_bus(p, strip);
	return b != NULL ? &b->rt : NULL;
}

struct send *
project_send(struct routing *rt, const char *bus)
{
	int i;

	for (i = 0; i < rt->nsends; i++)
		if (strcmp(rt->sends[i].bus, bus) == 0)
			return &rt->sends[i];
	return NULL;
}

struct send *
project_send_add(struct routing *rt, const char *bus)
{
	struct send *sd;

	rt->sends = xreallocarray(rt->sends, rt->nsends + 1,
	    sizeof *rt->sends);
	sd = &rt->sends[rt->nsends++];
	memset(sd, 0, sizeof *sd);
	strlcpy_(sd->bus, bus, sizeof sd->bus);
	return sd;
}

void
project_send_remove(struct routing *rt, int i)
{
	memmove(&rt->sends[i], &rt->sends[i + 1],
	    (rt->nsends - i - 1) * sizeof *rt->sends);
	rt->nsends--;
}

void
project_insert_remove(struct inserts *fx, int i)
{
	fx_state_free(fx->v[i].state);
	memmove(&fx->v[i], &fx->v[i + 1], (fx->n - i - 1) * sizeof *fx->v);
	fx->n--;
}

void
project_free(struct project *p)
{
	int i, j;

	if (p == NULL)
		return;
	project_inserts_free(&p->master_fx);
	auto_lanes_free(&p->master_au);
	while (p->nbuses > 0)
		project_bus_remove(p, p->nbuses - 1);
	free(p->buses);
	for (i = 0; i < p->ntracks; i++) {
		struct track *t = &p->tracks[i];

		project_inserts_free(&t->fx);
		free(t->rt.sends);
		auto_lanes_free(&t->au);
		for (j = 0; j < t->ntakes; j++) {
			free(t->takes[j].file);
			free(t->takes[j].note);
			free(t->takes[j].xruns);
		}
		free(t->takes);
		free(t->comp);
		free(t->clips);
	}
	free(p->tracks);
	for (i = 0; i < p->nsections; i++) {
		free(p->sections[i].chords);
		free(p->sections[i].lyrics);
	}
	free(p->sections);
	free(p->markers);
	free(p->dir);
	free(p);
}

char *
project_path(const struct project *p, const char *rel)
{
	return xasprintf("%s/%s", p->dir, rel);
}

int
project_name_ok(const char *name, char *err, size_t errlen)
{
	size_t i, n = strlen(name);

	if (n == 0 || n > PROJECT_NAME_MAX) {
		snprintf(err, errlen, "expected a name of 1 to %d characters, "
		    "got '%s'", PROJECT_NAME_MAX, name);
		return -1;
	}
	for (i = 0; i < n; i++) {
		char c = name[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '_' || c == '-' ||
		    c == '.')) {
			snprintf(err, errlen, "expected letters, digits, "
			    "'_', '-' or '.' in a name, got '%s'", name);
			return -1;
		}
	}
	if (strcmp(name, "master") == 0 || name[0] == '.' ||
	    name[0] == '-') {
		snprintf(err, errlen, "'%s' is reserved or not a valid name",
		    name);
		return -1;
	}
	return 0;
}

int
project_path_ok(const struct project *p, const char *rel, char *err,
    size_t errlen)
{
	const char *s;
	char *full, *real, *root, *slash;
	struct stat st;
	size_t top;
	bool above = false;
	int rc = 0;

	if (rel[0] == '\0' || rel[0] == '/') {
		snprintf(err, errlen, "path '%s' must be relative to the "
		    "project", rel);
		return -1;
	}
	for (s = rel; *s != '\0'; s = strchr(s, '/') ? strchr(s, '/') + 1 :
	    s + strlen(s)) {
		if (strncmp(s, "..", 2) == 0 && (s[2] == '/' || s[2] == '\0')) {
			snprintf(err, errlen, "path '%s' leaves the project "
			    "directory", rel);
			return -1;
		}
	}
	/* A symlink may still lead out: compare real paths.  A file that is
	 * not there yet is judged by the nearest directory above it that is,
	 * and a symlink to nothing is refused: its target could appear. */
	full = project_path(p, rel);
	root = realpath(p->dir, NULL);
	top = strlen(p->dir);
	for (;;) {
		real = realpath(full, NULL);
		if (real != NULL)
			break;
		if (lstat(full, &st) == 0 && S_ISLNK(st.st_mode)) {
			snprintf(err, errlen, "path '%s' is or passes "
			    "through a symlink to nothing", rel);
			rc = -1;
			break;
		}
		slash = strrchr(full, '/');
		if (slash == NULL || (size_t)(slash - full) <= top)
			break;
		*slash = '\0';
		above = true;
	}
	if (rc == 0 && real != NULL && root != NULL) {
		size_t n = strlen(root);

		if (strncmp(real, root, n) != 0 || (real[n] != '/' &&
		    !(above && real[n] == '\0'))) {
			snprintf(err, errlen, "path '%s' leads outside the "
			    "project directory", rel);
			rc = -1;
		}
	}
	free(real);
	free(root);
	free(full);
	return rc;
}

struct track *
project_track(struct project *p, const char *name)
{
	int i = project_track_index(p, name);

	return i < 0 ? NULL : &p->tracks[i];
}

int
project_track_index(const struct project *p, const char *name)
{
	int i;

	for (i = 0; i < p->ntracks; i++)
		if (strcmp(p->tracks[i].name, name) == 0)
			return i;
	return -1;
}

struct track *
project_track_add(struct project *p, const char *name, int channels,
    const int in[2], const char *role)
{
	struct track *t;

	p->tracks = xreallocarray(p->tracks, p->ntracks + 1,
	    sizeof *p->tracks);
	t = &p->tracks[p->ntracks++];
	memset(t, 0, sizeof *t);
	strlcpy_(t->name, name, sizeof t->name);
	strlcpy_(t->role, role != NULL ? role : "none", sizeof t->role);
	t->channels = channels;
	t->in[0] = in[0];
	t->in[1] = in[1];
	t->next_take = 1;
	return t;
}

void
project_track_remove(struct project *p, int index)
{
	struct track *t = &p->tracks[index];
	int j;

	for (j = 0; j < t->ntakes; j++) {
		free(t->takes[j].file);
		free(t->takes[j].note);
		free(t->takes[j].xruns);
	}
	free(t->takes);
	free(t->comp);
	project_inserts_free(&t->fx);
	free(t->rt.sends);
	free(t->clips);
	auto_lanes_free(&t->au);
	memmove(t, t + 1, (p->ntracks - index - 1) * sizeof *t);
	p->ntracks--;
}

struct take *
project_take(struct track *t, int id)
{
	int j;

	for (j = 0; j < t->ntakes; j++)
		if (t->takes[j].id == id)
			return &t->takes[j];
	return NULL;
}

struct take *
project_take_add(struct track *t)
{
	struct take *k;

	t->takes = xreallocarray(t->takes, t->ntakes + 1, sizeof *t->takes);
	k = &t->takes[t->ntakes++];
	memset(k, 0, sizeof *k);
	k->id = t->next_take++;
	k->channels = t->channels;
	k->created = (int64_t)time(NULL);
	return k;
}

int
project_number_room(const struct project *p, const struct track *t,
    char *err, size_t errlen)
{
	if (t != NULL && t->next_take > PROJECT_ID_MAX) {
		snprintf(err, errlen, "track %s has used every take number "
		    "(up to %d)", t->name, PROJECT_ID_MAX);
		return -1;
	}
	if (p->next_pass > PROJECT_ID_MAX) {
		snprintf(err, errlen, "the project has used every pass number "
		    "(up to %d)", PROJECT_ID_MAX);
		return -1;
	}
	return 0;
}

struct take *
project_active_take(struct track *t)
{
	return t->active ? project_take(t, t->active) : NULL;
}

struct take *
project_take_loop_pass(struct track *t, int first_id, int p, int64_t len,
    int pass)
{
	struct take *k = project_take_add(t);	/* may move the first */
	const struct take *first = project_take(t, first_id);

	k->file = xstrdup(first->file);
	k->channels = first->channels;
	k->length = first->length;
	k->start = first->start - p * len;
	k->rec_start = k->rec_end = first->rec_start;
	k->pass = pass;
	return k;
}

int64_t
project_length(const struct project *p)
{
	int64_t len = 0;
	int i, j;

	for (i = 0; i < p->ntracks; i++) {
		const struct track *t = &p->tracks[i];

		/* A track with clips ends where its last clip does. */
		for (j = 0; t->clipped && j < t->nclips; j++)
			if (t->clips[j].pos + t->clips[j].len > len)
				len = t->clips[j].pos + t->clips[j].len;
		for (j = 0; !t->clipped && j < t->ntakes; j++)
			if (t->takes[j].rec_end > len)
				len = t->takes[j].rec_end;
	}
	return len;
}

int64_t
project_disk_frames(const struct project *p, int channels,
    int64_t reserve_bytes)
{
	struct statvfs sv;
	int64_t avail, bytes;

	if (channels <= 0 || statvfs(p->dir, &sv) != 0)
		return -1;
	avail = (int64_t)sv.f_bavail * (int64_t)sv.f_frsize - reserve_bytes;
	if (avail < 0)
		avail = 0;
	bytes = p->take_format == WAVFILE_PCM24 ? 3 :
	    p->take_format == WAVFILE_PCM16 ? 2 : 4;
	return avail / (bytes * channels);
}

/* ---- writing ---- */

static const char *
project_yesno(bool b)
{
	return b ? "yes" : "no";
}

/* x with `decimals` places when that reads back as exactly x (-2.50),
 * else with as many digits as it takes to (-2.3456789012345678): what a
 * session mixes at is what the file holds, so a reopened project renders
 * the same samples. */
static const char *
project_num(char *buf, size_t size, double x, int decimals)
{
	int digits;

	snprintf(buf, size, "%.*f", decimals, x);
	for (digits = 1; strtod(buf, NULL) != x && digits <= 17; digits++)
		snprintf(buf, size, "%.*g", digits, x);
	return buf;
}

/* [fx STRIP N]: the kind, bypass, then every parameter in the table's
 * order, as fx_param_format writes it (it reads back exactly). */
static void
project_write_fx(FILE *f, const char *strip, const struct inserts *fx)
{
	char buf[64];
	int i, j;

	for (i = 0; i < fx->n; i++) {
		const struct insert *in = &fx->v[i];

		fprintf(f, "\n[fx %s %d]\n", strip, i + 1);
		fprintf(f, "kind = %s\n", in->kind->name);
		fprintf(f, "id = %u\n", in->id);
		fprintf(f, "bypass = %s\n", project_yesno(in->bypass));
		for (j = 0; j < in->kind->nparams; j++) {
			fx_param_format(in->kind, j, in->val[j], buf,
			    sizeof buf);
			fprintf(f, "%s = %s\n", in->kind->params[j].symbol,
			    buf);
		}
		/* A plugin's state: one line a property (fx_state.h). */
		for (j = 0; in->state != NULL && j < in->state->n; j++) {
			char key[32], *line = fx_state_format(in->state, j);

			snprintf(key, sizeof key, "state.%d", j + 1);
			inival_write(f, key, line);
			free(line);
		}
	}
}

const char *
project_grid_name(int grid, bool triplet)
{
	static char buf[16];

	if (grid == 0)
		return "beat";
	snprintf(buf, sizeof buf, "1/%d%s", grid, triplet ? "t" : "");
	return buf;
}

int
project_grid_parse(const char *v, int *grid, bool *triplet)
{
	char *end;
	long g;

	if (strcmp(v, "beat") == 0) {
		*grid = 0;
		*triplet = false;
		return 0;
	}
	if (strncmp(v, "1/", 2) != 0)
		return -1;
	errno = 0;
	g = strtol(v + 2, &end, 10);
	if (errno != 0 || end == v + 2 || (g != 1 && g != 2 && g != 4 &&
	    g != 8 && g != 16 && g != 32) || (*end != '\0' &&
	    strcmp(end, "t") != 0))
		return -1;
	*grid = (int)g;
	*triplet = *end == 't';
	return 0;
}

static void
project_write_clip(FILE *f, const struct track *t, int j)
{
	const struct clip *c = &t->clips[j];
	char num[64];

	fprintf(f, "\n[clip %s %d]\n", t->name, j + 1);
	if (c->file[0] != '\0')
		fprintf(f, "source = file %s\n", c->file);
	else if (c->take == 0)
		fprintf(f, "source = comp\n");
	else
		fprintf(f, "source = take %d\n", c->take);
	fprintf(f, "position = %lld\n", (long long)c->pos);
	fprintf(f, "length = %lld\n", (long long)c->len);
	fprintf(f, "offset = %lld\n", (long long)c->offset);
	fprintf(f, "gain = %s\n", project_num(num, sizeof num, c->gain_db,
	    2));
	fprintf(f, "fade-in = %lld %s\n", (long long)c->fade_in,
	    project_shapes[c->shape_in]);
	fprintf(f, "fade-out = %lld %s\n", (long long)c->fade_out,
	    project_shapes[c->shape_out]);
	if (c->file[0] == '\0')
		return;
	fprintf(f, "op = %s\n", c->op);
	if (c->from_take == 0)
		fprintf(f, "from = comp %lld %lld\n",
		    (long long)c->from_offset, (long long)c->from_len);
	else
		fprintf(f, "from = take %d %lld %lld\n", c->from_take,
		    (long long)c->from_offset, (long long)c->from_len);
}

void
project_write(const struct project *p, FILE *f)
{
	char num[64];
	int i, j;

	fprintf(f, "# reel project: one fact per line, stable order.\n");
	fprintf(f, "[project]\n");
	fprintf(f, "format = 1\n");
	fprintf(f, "rate = %d\n", p->rate);
	fprintf(f, "take-format = %s\n",
	    project_take_formats[p->take_format]);
	fprintf(f, "master-gain = %s\n",
	    project_num(num, sizeof num, p->master_gain_db, 2));
	fprintf(f, "next-pass = %d\n", p->next_pass);
	if (p->loop_end > p->loop_start)
		fprintf(f, "loop = %lld %lld\n", (long long)p->loop_start,
		    (long long)p->loop_end);
	fprintf(f, "preroll = %s\n", project_num(num, sizeof num, p->preroll,
	    3));
	fprintf(f, "count-in = %d\n", p->count_in);
	fprintf(f, "click = %s\n", project_yesno(p->click));
	fprintf(f, "click-level = %s\n", project_num(num, sizeof num,
	    p->click_db, 2));
	if (p->click_out > 0)
		fprintf(f, "click-out = %d\n", p->click_out);
	fprintf(f, "xfade = %d\n", p->xfade_ms);
	/* Written only when set, so that older projects read back
	 * byte for byte. */
	if (p->snap)
		fprintf(f, "snap = yes\n");
	if (p->grid != 4 || p->grid_triplet)
		fprintf(f, "grid = %s\n", project_grid_name(p->grid,
		    p->grid_triplet));
	if (p->version > 0)
		fprintf(f, "version = %d\n", p->version);
	for (i = 0; i < p->tempo.n; i++) {
		const struct tempo_seg *s = &p->tempo.seg[i];

		fprintf(f, "\n[tempo %d]\n", s->bar);
		fprintf(f, "bpm = %s\n", project_num(num, sizeof num, s->bpm,
		    3));
		fprintf(f, "meter = %d/%d\n", s->num, s->den);
	}
	for (i = 0; i < p->nbuses; i++)
		routing_bus_write(f, &p->buses[i]);
	for (i = 0; i < p->ntracks; i++) {
		const struct track *t = &p->tracks[i];

		fprintf(f, "\n[track %s]\n", t->name);
		fprintf(f, "channels = %d\n", t->channels);
		if (t->channels == 2)
			fprintf(f, "inputs = %d,%d\n", t->in[0], t->in[1]);
		else
			fprintf(f, "inputs = %d\n", t->in[0]);
		fprintf(f, "role = %s\n", t->role);
		fprintf(f, "gain = %s\n", project_num(num, sizeof num,
		    t->gain_db, 2));
		fprintf(f, "pan = %s\n", project_num(num, sizeof num, t->pan,
		    3));
		fprintf(f, "mute = %s\n", project_yesno(t->mute));
		fprintf(f, "solo = %s\n", project_yesno(t->solo));
		fprintf(f, "armed = %s\n", project_yesno(t->armed));
		fprintf(f, "monitor = %s\n", project_monitors[t->monitor]);
		if (t->group[0] != '\0')
			fprintf(f, "group = %s\n", t->group);
		routing_write(f, &t->rt, false);
		fprintf(f, "active-take = %d\n", t->active);
		fprintf(f, "next-take = %d\n", t->next_take);
		if (t->clipped)
			fprintf(f, "clips = %d\n", t->nclips);
		for (j = 0; j < t->ncomp; j++)
			fprintf(f, "comp-%d = %lld %lld %d %lld\n", j + 1,
			    (long long)t->comp[j].start,
			    (long long)t->comp[j].end, t->comp[j].take,
			    (long long)t->comp[j].xfade);
		for (j = 0; j < t->ntakes; j++) {
			const struct take *k = &t->takes[j];

			fprintf(f, "\n[take %s %d]\n", t->name, k->id);
			inival_write(f, "file", k->file);
			fprintf(f, "channels = %d\n", k->channels);
			fprintf(f, "start = %lld\n", (long long)k->start);
			fprintf(f, "length = %lld\n", (long long)k->length);
			fprintf(f, "range = %lld %lld\n",
			    (long long)k->rec_start, (long long)k->rec_end);
			fprintf(f, "rating = %d\n", k->rating);
			fprintf(f, "state = %s\n", project_states[k->state]);
			fprintf(f, "created = %lld\n", (long long)k->created);
			if (k->pass > 0)
				fprintf(f, "pass = %d\n", k->pass);
			if (k->loop)
				fprintf(f, "loop = yes\n");
			if (k->note != NULL && k->note[0] != '\0')
				inival_write(f, "note", k->note);
			if (k->xruns != NULL && k->xruns[0] != '\0')
				inival_write(f, "xruns", k->xruns);
		}
		for (j = 0; j < t->nclips; j++)
			project_write_clip(f, t, j);
	}
	for (i = 0; i < p->nsections; i++) {
		fprintf(f, "\n[section %s]\n", p->sections[i].name);
		fprintf(f, "bar = %d\n", p->sections[i].bar);
		fprintf(f, "bars = %d\n", p->sections[i].bars);
		if (p->sections[i].chords != NULL)
			inival_write(f, "chords", p->sections[i].chords);
		if (p->sections[i].lyrics != NULL)
			inival_write(f, "lyrics", p->sections[i].lyrics);
	}
	for (i = 0; i < p->nmarkers; i++) {
		fprintf(f, "\n[marker %s]\n", p->markers[i].name);
		fprintf(f, "position = %lld\n",
		    (long long)p->markers[i].pos);
	}
	for (i = 0; i < p->ntracks; i++)
		project_write_fx(f, p->tracks[i].name, &p->tracks[i].fx);
	for (i = 0; i < p->nbuses; i++)
		project_write_fx(f, p->buses[i].name, &p->buses[i].fx);
	project_write_fx(f, "master", &p->master_fx);
	for (i = 0; i < p->ntracks; i++)
		auto_write_ini((struct project *)p, f, p->tracks[i].name,
		    &p->tracks[i].au);
	for (i = 0; i < p->nbuses; i++)
		auto_write_ini((struct project *)p, f, p->buses[i].name,
		    &p->buses[i].au);
	auto_write_ini((struct project *)p, f, "master", &p->master_au);
}

int
project_save(const struct project *p, char *err, size_t errlen)
{
	struct atomicfile *af;
	char *path;
	int rc;

	if (p->readonly) {
		snprintf(err, errlen, "project is read-only; not saved");
		return -1;
	}
	path = project_path(p, PROJECT_FILE);
	af = atomicfile_open(path, err, errlen);
	free(path);
	if (af == NULL)
		return -1;
	project_write(p, atomicfile_stream(af));
	rc = atomicfile_commit(af, err, errlen);
	return rc;
}

struct project *
project_create(const char *dir, int rate, int take_format, char *err,
    size_t errlen)
{
	struct project *p;
	char *sub;
	const char *subs[] = { "audio", "renders" };
	size_t i;

	if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
		snprintf(err, errlen, "cannot create %s: %s", dir,
		    strerror(errno));
		return NULL;
	}
	p = project_alloc(dir);
	p->rate = rate;
	p->take_format = take_format;
	for (i = 0; i < sizeof subs / sizeof subs[0]; i++) {
		sub = project_path(p, subs[i]);
		if (mkdir(sub, 0777) != 0 && errno != EEXIST) {
			snprintf(err, errlen, "cannot create %s: %s", sub,
			    strerror(errno));
			free(sub);
			project_free(p);
			return NULL;
		}
		free(sub);
	}
	if (project_save(p, err, errlen) != 0) {
		project_free(p);
		return NULL;
	}
	return p;
}

/* ---- reading ---- */

struct project_parse {
	struct project *p;
	const char *file;
	char *err;
	size_t errlen;
	int failed;
	int clips_said[PROJECT_TRACKS_MAX];	/* `clips = N` + 1, per track */
	/* A plugin state line being read (continuation lines): its
	 * section, key and text so far. */
	char *state_sec, *state_key, *state_acc;
};

static int
project_fail(struct project_parse *pp, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static int
project_fail(struct project_parse *pp, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (pp->failed)
		return 0;
	pp->failed = 1;
	n = snprintf(pp->err, pp->errlen, "%s:%d: ", pp->file,
	    iniread_line());
	if (n < 0 || (size_t)n >= pp->errlen)
		return 0;
	va_start(ap, fmt);
	vsnprintf(pp->err + n, pp->errlen - n, fmt, ap);
	va_end(ap);
	return 0;
}

static int
project_int(const char *v, long long min, long long max, long long *out)
{
	char *end;
	long long x;

	errno = 0;
	x = strtoll(v, &end, 10);
	if (errno != 0 || end == v || *end != '\0' || x < min || x > max)
		return -1;
	*out = x;
	return 0;
}

/* n integers in v, each between min and max, with one `sep` between
 * them and nothing else: "1 2", "3,4".  0 or -1. */
static int
project_ints(const char *v, char sep, int n, long long min, long long max,
    long long *out)
{
	char *end;
	int i;

	for (i = 0; i < n; i++) {
		if (i > 0 && *v++ != sep)
			return -1;
		if (!(*v == '-' || (*v >= '0' && *v <= '9')))
			return -1;
		errno = 0;
		out[i] = strtoll(v, &end, 10);
		if (errno != 0 || end == v || out[i] < min || out[i] > max)
			return -1;
		v = end;
	}
	return *v == '\0' ? 0 : -1;
}

static int
project_double(const char *v, double min, double max, double *out)
{
	char *end;
	double x;

	errno = 0;
	x = strtod(v, &end);
	if (errno != 0 || end == v || *end != '\0' || !isfinite(x) ||
	    x < min || x > max)
		return -1;
	*out = x;
	return 0;
}

static int
project_bool(const char *v, bool *out)
{
	if (strcmp(v, "yes") == 0)
		*out = true;
	else if (strcmp(v, "no") == 0)
		*out = false;
	else
		return -1;
	return 0;
}

static int
project_parse_project(struct project_parse *pp, const char *name,
    const char *v)
{
	struct project *p = pp->p;
	long long x;
	int i;

	if (strcmp(name, "format") == 0) {
		if (project_int(v, 1, 1, &x) != 0)
			return project_fail(pp, "format: this reel reads "
			    "format 1, got '%s'", v);
	} else if (strcmp(name, "rate") == 0) {
		for (i = 0; project_rates[i] != 0; i++)
			if (project_int(v, 1, INT_MAX, &x) == 0 &&
			    x == project_rates[i])
				break;
		if (project_rates[i] == 0)
			return project_fail(pp, "rate: expected 44100, "
			    "48000, 88200, 96000 or 192000, got '%s'", v);
		p->rate = (int)x;
	} else if (strcmp(name, "take-format") == 0) {
		for (i = 0; i < 3; i++)
			if (strcmp(v, project_take_formats[i]) == 0)
				break;
		if (i == 3)
			return project_fail(pp, "take-format: expected "
			    "wav16, wav24 or wav32f, got '%s'", v);
		p->take_format = i;
	} else if (strcmp(name, "master-gain") == 0) {
		if (project_double(v, -144, 24, &p->master_gain_db) != 0)
			return project_fail(pp, "master-gain: expected dB "
			    "from -144 to 24, got '%s'", v);
	} else if (strcmp(name, "next-pass") == 0) {
		if (project_int(v, 1, PROJECT_NUM_MAX, &x) != 0)
			return project_fail(pp, "next-pass: expected 1 to %d, "
			    "got '%s'", PROJECT_NUM_MAX, v);
		p->next_pass = (int)x;
	} else if (strcmp(name, "loop") == 0) {
		long long ab[2];

		if (project_ints(v, ' ', 2, 0, 1LL << 40, ab) != 0 ||
		    ab[1] <= ab[0])
			return project_fail(pp, "loop: expected START END "
			    "frames, got '%s'", v);
		p->loop_start = ab[0];
		p->loop_end = ab[1];
	} else if (strcmp(name, "preroll") == 0) {
		if (project_double(v, 0, 60, &p->preroll) != 0)
			return project_fail(pp, "preroll: expected 0 to 60 "
			    "seconds, got '%s'", v);
	} else if (strcmp(name, "count-in") == 0) {
		if (project_int(v, 0, 16, &x) != 0)
			return project_fail(pp, "count-in: expected 0 to 16 "
			    "bars, got '%s'", v);
		p->count_in = (int)x;
	} else if (strcmp(name, "click") == 0) {
		if (project_bool(v, &p->click) != 0)
			return project_fail(pp, "click: expected yes or no");
	} else if (strcmp(name, "click-level") == 0) {
		if (project_double(v, -60, 0, &p->click_db) != 0)
			return project_fail(pp, "click-level: expected -60 "
			    "to 0 dB, got '%s'", v);
	} else if (strcmp(name, "click-out") == 0) {
		if (project_int(v, 0, 63, &x) != 0)
			return project_fail(pp, "click-out: expected an output "
			    "from 1 to 63 (0: the mix), got '%s'", v);
		p->click_out = (int)x;
	} else if (strcmp(name, "xfade") == 0) {
		if (project_int(v, 0, 1000, &x) != 0)
			return project_fail(pp, "xfade: expected 0 to 1000 "
			    "ms, got '%s'", v);
		p->xfade_ms = (int)x;
	} else if (strcmp(name, "snap") == 0) {
		if (project_bool(v, &p->snap) != 0)
			return project_fail(pp, "snap: expected yes or no");
	} else if (strcmp(name, "grid") == 0) {
		if (project_grid_parse(v, &p->grid, &p->grid_triplet) != 0)
			return project_fail(pp, "grid: expected 1/1, 1/2, 1/4, "
			    "1/8, 1/16 or 1/32 (t for triplets) or beat, got "
			    "'%s'", v);
	} else if (strcmp(name, "version") == 0) {
		if (project_int(v, 0, 99999, &x) != 0)
			return project_fail(pp, "version: expected 0 to 99999, "
			    "got '%s'", v);
		p->version = (int)x;
	} else
		return project_fail(pp, "unknown key '%s' in [project]", name);
	return 1;
}

static int
project_parse_tempo(struct project_parse *pp, int bar, const char *name,
    const char *v)
{
	double bpm;
	long long nd[2];

	if (strcmp(name, "bpm") == 0) {
		if (project_double(v, 1, 999, &bpm) != 0)
			return project_fail(pp, "bpm: expected 1 to 999, "
			    "got '%s'", v);
		if (tempo_map_set(&pp->p->tempo, bar, bpm, 0, 0) != 0)
			return project_fail(pp, "too many tempo changes");
	} else if (strcmp(name, "meter") == 0) {
		if (project_ints(v, '/', 2, 1, 64, nd) != 0 ||
		    (nd[1] != 1 && nd[1] != 2 && nd[1] != 4 && nd[1] != 8 &&
		    nd[1] != 16 && nd[1] != 32))
			return project_fail(pp, "meter: expected N/D such "
			    "as 4/4 or 6/8, got '%s'", v);
		if (tempo_map_set(&pp->p->tempo, bar, 0, (int)nd[0],
		    (int)nd[1]) != 0)
			return project_fail(pp, "too many tempo changes");
	} else
		return project_fail(pp, "unknown key '%s' in [tempo]", name);
	return 1;
}

static int
project_parse_track(struct project_parse *pp, struct track *t,
    const char *name, const char *v)
{
	long long x, ab[2] = { 0, 0 };
	int a, n;
	char err[256];

	if ((n = routing_parse(&t->rt, name, v, err, sizeof err)) != 0)
		return n > 0 ? 1 : project_fail(pp, "%s", err);
	if (strcmp(name, "channels") == 0) {
		if (project_int(v, 1, 2, &x) != 0)
			return project_fail(pp, "channels: expected 1 or 2, "
			    "got '%s'", v);
		t->channels = (int)x;
	} else if (strcmp(name, "inputs") == 0) {
		if (project_ints(v, ',', 2, 0, 256, ab) != 0 &&
		    (ab[1] = 0, project_ints(v, ',', 1, 0, 256, ab)) != 0)
			return project_fail(pp, "inputs: expected N or N,M, "
			    "got '%s'", v);
		t->in[0] = (int)ab[0];
		t->in[1] = (int)ab[1];
	} else if (strcmp(name, "role") == 0) {
		for (a = 0; project_roles[a] != NULL; a++)
			if (strcmp(v, project_roles[a]) == 0)
				break;
		if (project_roles[a] == NULL)
			return project_fail(pp, "role: unknown role '%s'", v);
		strlcpy_(t->role, v, sizeof t->role);
	} else if (strcmp(name, "gain") == 0) {
		if (project_double(v, -144, 24, &t->gain_db) != 0)
			return project_fail(pp, "gain: expected dB from -144 "
			    "to 24, got '%s'", v);
	} else if (strcmp(name, "pan") == 0) {
		if (project_double(v, -1, 1, &t->pan) != 0)
			return project_fail(pp, "pan: expected -1 to 1, got "
			    "'%s'", v);
	} else if (strcmp(name, "mute") == 0) {
		if (project_bool(v, &t->mute) != 0)
			return project_fail(pp, "mute: expected yes or no");
	} else if (strcmp(name, "solo") == 0) {
		if (project_bool(v, &t->solo) != 0)
			return project_fail(pp, "solo: expected yes or no");
	} else if (strcmp(name, "armed") == 0) {
		if (project_bool(v, &t->armed) != 0)
			return project_fail(pp, "armed: expected yes or no");
	} else if (strcmp(name, "active-take") == 0) {
		if (project_int(v, 0, PROJECT_NUM_MAX - 1, &x) != 0)
			return project_fail(pp, "active-take: expected a take "
			    "number up to %d, got '%s'", PROJECT_NUM_MAX - 1, v);
		t->active = (int)x;
	} else if (strcmp(name, "next-take") == 0) {
		if (project_int(v, 1, PROJECT_NUM_MAX, &x) != 0)
			return project_fail(pp, "next-take: expected 1 to %d, "
			    "got '%s'", PROJECT_NUM_MAX, v);
		t->next_take = (int)x;
	} else if (strcmp(name, "clips") == 0) {
		if (project_int(v, 0, 1000000, &x) != 0)
			return project_fail(pp, "clips: expected a count, got "
			    "'%s'", v);
		t->clipped = true;
		pp->clips_said[t - pp->p->tracks] = (int)x + 1;
	} else if (strcmp(name, "monitor") == 0) {
		for (a = 0; a < 3; a++)
			if (strcmp(v, project_monitors[a]) == 0)
				break;
		if (a == 3)
			return project_fail(pp, "monitor: expected auto, on "
			    "or off, got '%s'", v);
		t->monitor = a;
	} else if (strcmp(name, "group") == 0) {
		if (project_name_ok(v, pp->err, pp->errlen) != 0)
			return project_fail(pp, "group: bad name '%s'", v);
		strlcpy_(t->group, v, sizeof t->group);
	} else if (strncmp(name, "comp-", 5) == 0) {
		long long r[4];
		struct comp_range *c;

		if (project_ints(v, ' ', 4, 0, 1LL << 40, r) != 0 ||
		    r[1] <= r[0] || r[2] < 1 || r[2] > PROJECT_NUM_MAX - 1 ||
		    r[3] > 1000000)
			return project_fail(pp, "%s: expected START END TAKE "
			    "XFADE, got '%s'", name, v);
		if (t->ncomp > 0 && r[0] < t->comp[t->ncomp - 1].end)
			return project_fail(pp, "%s: comp ranges must be in "
			    "order and not overlap", name);
		t->comp = xreallocarray(t->comp, t->ncomp + 1,
		    sizeof *t->comp);
		c = &t->comp[t->ncomp++];
		c->start = r[0];
		c->end = r[1];
		c->take = (int)r[2];
		c->xfade = r[3];
	} else
		return project_fail(pp, "unknown key '%s' in [track]", name);
	return 1;
}

static int
project_parse_take(struct project_parse *pp, struct take *k,
    const char *name, const char *v)
{
	long long x, xy[2];
	int i;

	if (strcmp(name, "file") == 0) {
		inival_append(&k->file, v);
	} else if (strcmp(name, "note") == 0) {
		inival_append(&k->note, v);
	} else if (strcmp(name, "xruns") == 0) {
		inival_append(&k->xruns, v);
	} else if (strcmp(name, "channels") == 0) {
		if (project_int(v, 1, 2, &x) != 0)
			return project_fail(pp, "channels: expected 1 or 2");
		k->channels = (int)x;
	} else if (strcmp(name, "start") == 0) {
		if (project_int(v, -(1LL << 40), 1LL << 40, &x) != 0)
			return project_fail(pp, "start: expected a frame "
			    "position, got '%s'", v);
		k->start = x;
	} else if (strcmp(name, "length") == 0) {
		if (project_int(v, 0, 1LL << 40, &x) != 0)
			return project_fail(pp, "length: expected frames, got "
			    "'%s'", v);
		k->length = x;
	} else if (strcmp(name, "range") == 0) {
		if (project_ints(v, ' ', 2, 0, 1LL << 40, xy) != 0 ||
		    xy[1] < xy[0])
			return project_fail(pp, "range: expected START END "
			    "frames, got '%s'", v);
		k->rec_start = xy[0];
		k->rec_end = xy[1];
	} else if (strcmp(name, "rating") == 0) {
		if (project_int(v, 0, 5, &x) != 0)
			return project_fail(pp, "rating: expected 0 to 5");
		k->rating = (int)x;
	} else if (strcmp(name, "state") == 0) {
		for (i = 0; i < 3; i++)
			if (strcmp(v, project_states[i]) == 0)
				break;
		if (i == 3)
			return project_fail(pp, "state: expected ok, "
			    "recording or recovered");
		k->state = i;
	} else if (strcmp(name, "created") == 0) {
		if (project_int(v, 0, 1LL << 40, &x) != 0)
			return project_fail(pp, "created: expected a time");
		k->created = x;
	} else if (strcmp(name, "pass") == 0) {
		if (project_int(v, 0, PROJECT_NUM_MAX - 1, &x) != 0)
			return project_fail(pp, "pass: expected 0 to %d, got "
			    "'%s'", PROJECT_NUM_MAX - 1, v);
		k->pass = (int)x;
	} else if (strcmp(name, "loop") == 0) {
		if (project_bool(v, &k->loop) != 0)
			return project_fail(pp, "loop: expected yes or no");
	} else
		return project_fail(pp, "unknown key '%s' in [take]", name);
	return 1;
}

static int
project_shape(const char *v, int64_t *frames, int *shape)
{
	char word[32];
	long long x;
	int n = 0, i;

	if (sscanf(v, "%lld %31s%n", &x, word, &n) != 2 || v[n] != '\0' ||
	    x < 0 || x > (1LL << 40))
		return -1;
	for (i = 0; project_shapes[i] != NULL; i++)
		if (strcmp(word, project_shapes[i]) == 0)
			break;
	if (project_shapes[i] == NULL)
		return -1;
	*frames = x;
	*shape = i;
	return 0;
}

static int
project_parse_clip(struct project_parse *pp, struct clip *c,
    const char *name, const char *v)
{
	long long x;

	if (strcmp(name, "source") == 0) {
		if (strcmp(v, "comp") == 0)
			c->take = 0;
		else if (strncmp(v, "take ", 5) == 0 &&
		    project_int(v + 5, 1, PROJECT_NUM_MAX - 1, &x) == 0)
			c->take = (int)x;
		else if (strncmp(v, "file ", 5) == 0 && strlen(v + 5) > 0 &&
		    strlen(v + 5) < sizeof c->file)
			snprintf(c->file, sizeof c->file, "%s", v + 5);
		else
			return project_fail(pp, "source: expected comp, take "
			    "N or file PATH, got '%s'", v);
	} else if (strcmp(name, "op") == 0) {
		if (strlen(v) == 0 || strlen(v) >= sizeof c->op)
			return project_fail(pp, "op: expected an operation "
			    "and its parameters, got '%s'", v);
		snprintf(c->op, sizeof c->op, "%s", v);
	} else if (strcmp(name, "from") == 0) {
		long long o, l;
		int t = 0, n = -1;

		if (sscanf(v, "comp %lld %lld%n", &o, &l, &n) == 2 &&
		    v[n] == '\0')
			t = 0;
		else if (sscanf(v, "take %d %lld %lld%n", &t, &o, &l, &n) ==
		    3 && v[n] == '\0' && t >= 1)
			;
		else
			n = -1;
		if (n < 0 || o < 0 || l < 1 || o > (1LL << 40) ||
		    l > (1LL << 40))
			return project_fail(pp, "from: expected comp|take N "
			    "OFFSET LENGTH, got '%s'", v);
		c->from_take = t;
		c->from_offset = o;
		c->from_len = l;
	} else if (strcmp(name, "position") == 0) {
		if (project_int(v, 0, 1LL << 40, &x) != 0)
			return project_fail(pp, "position: expected a frame, "
			    "got '%s'", v);
		c->pos = x;
	} else if (strcmp(name, "length") == 0) {
		if (project_int(v, 1, 1LL << 40, &x) != 0)
			return project_fail(pp, "length: expected frames, got "
			    "'%s'", v);
		c->len = x;
	} else if (strcmp(name, "offset") == 0) {
		if (project_int(v, -(1LL << 40), 1LL << 40, &x) != 0)
			return project_fail(pp, "offset: expected a frame, "
			    "got '%s'", v);
		c->offset = x;
	} else if (strcmp(name, "gain") == 0) {
		if (project_double(v, -144, 24, &c->gain_db) != 0)
			return project_fail(pp, "gain: expected dB from -144 "
			    "to 24, got '%s'", v);
	} else if (strcmp(name, "fade-in") == 0) {
		if (project_shape(v, &c->fade_in, &c->shape_in) != 0)
			return project_fail(pp, "fade-in: expected FRAMES "
			    "linear|equal-power|s-curve, got '%s'", v);
	} else if (strcmp(name, "fade-out") == 0) {
		if (project_shape(v, &c->fade_out, &c->shape_out) != 0)
			return project_fail(pp, "fade-out: expected FRAMES "
			    "linear|equal-power|s-curve, got '%s'", v);
	} else
		return project_fail(pp, "unknown key '%s' in [clip]", name);
	return 1;
}

/* The section or marker named `nm` (added when new). */
static int
project_parse_named(struct project_parse *pp, bool section, const char *nm,
    const char *name, const char *v)
{
	struct project *p = pp->p;
	long long x;
	int i;

	if (project_name_ok(nm, pp->err, pp->errlen) != 0)
		return project_fail(pp, "bad %s name '%s'", section ?
		    "section" : "marker", nm);
	if (section) {
		struct section *sc;

		for (i = 0; i < p->nsections; i++)
			if (strcmp(p->sections[i].name, nm) == 0)
				break;
		if (i == p->nsections) {
			p->sections = xreallocarray(p->sections, i + 1,
			    sizeof *p->sections);
			memset(&p->sections[i], 0, sizeof p->sections[i]);
			strlcpy_(p->sections[i].name, nm,
			    sizeof p->sections[i].name);
			p->nsections++;
		}
		sc = &p->sections[i];
		if (strcmp(name, "bar") == 0) {
			if (project_int(v, 1, 99999, &x) != 0)
				return project_fail(pp, "bar: expected 1 to "
				    "99999, got '%s'", v);
			sc->bar = (int)x;
		} else if (strcmp(name, "bars") == 0) {
			if (project_int(v, 1, 99999, &x) != 0)
				return project_fail(pp, "bars: expected 1 to "
				    "99999, got '%s'", v);
			sc->bars = (int)x;
		} else if (strcmp(name, "chords") == 0)
			inival_append(&sc->chords, v);
		else if (strcmp(name, "lyrics") == 0)
			inival_append(&sc->lyrics, v);
		else
			return project_fail(pp, "unknown key '%s' in "
			    "[section]", name);
		return 1;
	}
	for (i = 0; i < p->nmarkers; i++)
		if (strcmp(p->markers[i].name, nm) == 0)
			break;
	if (i == p->nmarkers) {
		p->markers = xreallocarray(p->markers, i + 1,
		    sizeof *p->markers);
		memset(&p->markers[i], 0, sizeof p->markers[i]);
		strlcpy_(p->markers[i].name, nm, sizeof p->markers[i].name);
		p->nmarkers++;
	}
	if (strcmp(name, "position") != 0)
		return project_fail(pp, "unknown key '%s' in [marker]", name);
	if (project_int(v, 0, 1LL << 40, &x) != 0)
		return project_fail(pp, "position: expected a frame, got "
		    "'%s'", v);
	p->markers[i].pos = x;
	return 1;
}

/* A word that is meant as a number, whatever its size: "12", "-3". */
static bool
project_number_word(const char *w)
{
	size_t n = strspn(w, "-0123456789");

	return n > 0 && w[n] == '\0';
}

/* The plugin state line read so far into its insert's state. */
static int
project_state_flush(struct project_parse *pp)
{
	struct inserts *fx;
	char strip[64], err[512];
	int slot, rc = 1;

	if (pp->state_acc == NULL)
		return 1;
	if (sscanf(pp->state_sec, "fx %63s %d", strip, &slot) == 2 &&
	    (fx = project_inserts(pp->p, strip)) != NULL && slot >= 1 &&
	    slot <= fx->n) {
		struct insert *in = &fx->v[slot - 1];

		if (in->state == NULL)
			in->state = fx_state_new(pp->p->dir);
		if (fx_state_parse(in->state, pp->state_acc, err,
		    sizeof err) != 0)
			rc = project_fail(pp, "[%s] %s: %s", pp->state_sec,
			    pp->state_key, err);
	}
	free(pp->state_sec);
	free(pp->state_key);
	free(pp->state_acc);
	pp->state_sec = pp->state_key = pp->state_acc = NULL;
	return rc;
}

/* [fx STRIP N]: inserts come in order, each starting with its kind. */
static int
project_parse_fx(struct project_parse *pp, const char *strip, int slot,
    const char *name, const char *v)
{
	struct inserts *fx = project_inserts(pp->p, strip);
	struct insert *in;
	char err[256];
	int i;

	if (fx == NULL)
		return project_fail(pp, "[fx %s %d]: no track or bus named "
		    "'%s' (fx sections follow them)", strip, slot, strip);
	if (strcmp(name, "kind") == 0) {
		const struct fx_kind *k = fx_kind_find(v);

		if (slot != fx->n + 1)
			return project_fail(pp, "[fx %s %d]: inserts must be "
			    "numbered 1, 2, ... in order", strip, slot);
		/* A plugin not installed here: a placeholder keeps the
		 * insert and its values (fx_plugin.h). */
		if (k == NULL && fx_plugin_named(v))
			k = fx_plugin_placeholder(v, fx_plugin_error());
		if (k == NULL)
			return project_fail(pp, "kind: expected one of %s, "
			    "got '%s'", fx_kind_names(), v);
		project_insert_add(pp->p, fx, k);
		return 1;
	}
	if (slot != fx->n)
		return project_fail(pp, "[fx %s %d]: 'kind' must come first",
		    strip, slot);
	in = &fx->v[slot - 1];
	/* state.N = KEY TYPE VALUE, maybe on continuation lines: read
	 * whole when the next line is not one of them. */
	if (strncmp(name, "state.", 6) == 0 &&
	    project_number_word(name + 6)) {
		if (pp->state_acc == NULL) {
			pp->state_sec = xasprintf("fx %s %d", strip, slot);
			pp->state_key = xstrdup(name);
		}
		inival_append(&pp->state_acc, v);
		return 1;
	}
	if (strcmp(name, "id") == 0) {
		long long x;

		if (project_int(v, 1, INT_MAX, &x) != 0)
			return project_fail(pp, "id: expected a number, got "
			    "'%s'", v);
		in->id = (unsigned)x;
		if (pp->p->next_insert <= in->id)
			pp->p->next_insert = in->id + 1;
		return 1;
	}
	if (strcmp(name, "bypass") == 0) {
		if (project_bool(v, &in->bypass) != 0)
			return project_fail(pp, "bypass: expected yes or no");
		return 1;
	}
	i = fx_param_find(in->kind, name);
	if (i < 0 || fx_plugin_missing(in->kind) != NULL)
		i = fx_plugin_keep(in->kind, name, v);
	/* A plugin's newer version may have dropped a control. */
	if (i < 0 && fx_plugin_named(in->kind->name))
		return 1;
	if (i < 0)
		return project_fail(pp, "%s has no parameter '%s'",
		    in->kind->name, name);
	if (fx_param_parse(in->kind, i, v, &in->val[i], err, sizeof err) != 0) {
		/* A plugin's ranges may change between its versions: the
		 * value stays at the default rather than the project not
		 * opening. */
		if (fx_plugin_named(in->kind->name))
			return 1;
		return project_fail(pp, "%s", err);
	}
	return 1;
}

static int
project_handler(void *user, const char *section, const char *name,
    const char *value)
{
	struct project_parse *pp = user;
	struct project *p = pp->p;
	char tname[64];
	const char *sp;
	struct track *t;
	struct take *k;
	long long id;
	int n;

	if (pp->failed)
		return 0;
	if (pp->state_acc != NULL && (strcmp(section, pp->state_sec) != 0 ||
	    strcmp(name, pp->state_key) != 0) && !project_state_flush(pp))
		return 0;
	if (strcmp(section, "project") == 0)
		return project_parse_project(pp, name, value);
	if (strncmp(section, "tempo ", 6) == 0 &&
	    project_number_word(section + 6)) {
		if (project_ints(section + 6, ' ', 1, 1, 9999, &id) != 0)
			return project_fail(pp, "[%s]: expected a bar from 1 "
			    "to 9999", section);
		return project_parse_tempo(pp, (int)id, name, value);
	}
	if (strncmp(section, "track ", 6) == 0 &&
	    strlen(section + 6) < sizeof tname) {
		strlcpy_(tname, section + 6, sizeof tname);
		if (project_name_ok(tname, pp->err, pp->errlen) != 0)
			return project_fail(pp, "bad track name '%s'", tname);
		t = project_track(p, tname);
		if (t == NULL && p->ntracks == PROJECT_TRACKS_MAX)
			return project_fail(pp, "[track %s]: more than %d "
			    "tracks (reel mixes at most %d)", tname,
			    PROJECT_TRACKS_MAX, PROJECT_TRACKS_MAX);
		if (t == NULL) {
			int none[2] = { 0, 0 };

			t = project_track_add(p, tname, 1, none, NULL);
		}
		return project_parse_track(pp, t, name, value);
	}
	if (strncmp(section, "take ", 5) == 0 &&
	    (sp = strrchr(section + 5, ' ')) != NULL &&
	    (size_t)(sp - section - 5) < sizeof tname &&
	    project_number_word(sp + 1)) {
		snprintf(tname, sizeof tname, "%.*s", (int)(sp - section - 5),
		    section + 5);
		t = project_track(p, tname);
		if (t == NULL)
			return project_fail(pp, "take of unknown track '%s'",
			    tname);
		if (project_ints(sp + 1, ' ', 1, 1, PROJECT_NUM_MAX - 1,
		    &id) != 0)
			return project_fail(pp, "[%s]: expected a take number "
			    "from 1 to %d", section, PROJECT_NUM_MAX - 1);
		k = project_take(t, id);
		if (k == NULL) {
			/* The file's next-take stands; adding a take read
			 * back must not advance it. */
			int next = t->next_take;

			k = project_take_add(t);
			t->next_take = next;
			k->id = (int)id;
			k->channels = t->channels;
			k->created = 0;
			if (t->next_take <= id)
				t->next_take = (int)id + 1;
		}
		return project_parse_take(pp, k, name, value);
	}
	if (sscanf(section, "bus %63s%n", tname, &n) == 1 &&
	    section[n] == '\0') {
		struct bus *b = project_bus(p, tname);
		char err[256];

		if (b == NULL) {
			if (project_name_ok(tname, pp->err, pp->errlen) != 0 ||
			    strcmp(tname, "master") == 0)
				return project_fail(pp, "bad bus name '%s'",
				    tname);
			if (p->nbuses >= PROJECT_MAX_BUSES)
				return project_fail(pp, "at most %d buses",
				    PROJECT_MAX_BUSES);
			b = project_bus_add(p, tname);
		}
		if (routing_bus_parse(b, name, value, err, sizeof err) < 0)
			return project_fail(pp, "%s", err);
		return 1;
	}
	if (strncmp(section, "fx ", 3) == 0 &&
	    (sp = strrchr(section + 3, ' ')) != NULL &&
	    (size_t)(sp - section - 3) < sizeof tname &&
	    project_number_word(sp + 1)) {
		snprintf(tname, sizeof tname, "%.*s", (int)(sp - section - 3),
		    section + 3);
		if (project_int(sp + 1, 1, 1000, &id) != 0)
			return project_fail(pp, "[%s]: expected an insert "
			    "number from 1 to 1000", section);
		return project_parse_fx(pp, tname, (int)id, name, value);
	}
	if (strncmp(section, "clip ", 5) == 0 &&
	    (sp = strrchr(section + 5, ' ')) != NULL &&
	    (size_t)(sp - section - 5) < sizeof tname &&
	    project_number_word(sp + 1)) {
		snprintf(tname, sizeof tname, "%.*s", (int)(sp - section - 5),
		    section + 5);
		t = project_track(p, tname);
		if (t == NULL)
			return project_fail(pp, "clip of unknown track '%s'",
			    tname);
		if (project_ints(sp + 1, ' ', 1, 1, t->nclips + 1, &id) != 0)
			return project_fail(pp, "[%s]: clips are numbered "
			    "from 1 in order", section);
		if (id == t->nclips + 1) {
			t->clips = xreallocarray(t->clips, t->nclips + 1,
			    sizeof *t->clips);
			memset(&t->clips[t->nclips], 0, sizeof *t->clips);
			t->clips[t->nclips].shape_in = 1;
			t->clips[t->nclips].shape_out = 1;
			t->nclips++;
		}
		t->clipped = true;
		return project_parse_clip(pp, &t->clips[id - 1], name, value);
	}
	if (strncmp(section, "section ", 8) == 0)
		return project_parse_named(pp, true, section + 8, name, value);
	if (strncmp(section, "marker ", 7) == 0)
		return project_parse_named(pp, false, section + 7, name, value);
	/* [auto STRIP PARAM]: after the strips and their inserts. */
	if (sscanf(section, "auto %63s%n", tname, &n) == 1 &&
	    section[n] == ' ' && section[n + 1] != '\0' &&
	    strchr(section + n + 1, ' ') == NULL) {
		char err[256];

		if (auto_parse_ini(p, tname, section + n + 1, name, value, err,
		    sizeof err) != 0)
			return project_fail(pp, "[%s]: %s", section, err);
		return 1;
	}
	return project_fail(pp, "unknown section [%s]", section);
}

static int
project_check_clips(const struct project *p, struct track *t, int said,
    char *err, size_t errlen)
{
	int j;

	if (said > 0 && said - 1 != t->nclips) {
		snprintf(err, errlen, "%s/%s: track %s: clips = %d, but %d "
		    "[clip] sections", p->dir, PROJECT_FILE, t->name, said - 1,
		    t->nclips);
		return -1;
	}
	for (j = 0; j < t->nclips; j++) {
		const struct clip *c = &t->clips[j];

		if (c->len <= 0 || (c->take != 0 &&
		    project_take(t, c->take) == NULL) ||
		    (c->from_take != 0 &&
		    project_take(t, c->from_take) == NULL) ||
		    (c->file[0] != '\0' && (c->op[0] == '\0' ||
		    c->from_len == 0 ||
		    project_path_ok(p, c->file, NULL, 0) != 0)) ||
		    c->fade_in + c->fade_out > c->len) {
			snprintf(err, errlen, "%s/%s: clip %s %d: %s", p->dir,
			    PROJECT_FILE, t->name, j + 1, c->len <= 0 ?
			    "has no length" : c->fade_in + c->fade_out >
			    c->len ? "its fades are longer than it" :
			    c->file[0] != '\0' ? "names a take that does not "
			    "exist, or its file, op or from is wrong" :
			    "names a take that does not exist");
			return -1;
		}
	}
	return 0;
}

/* Sections by bar, markers by position: the order they are written in
 * and the order the commands keep. */
static int
project_check_song(struct project *p, char *err, size_t errlen)
{
	int i;

	for (i = 0; i < p->nsections; i++)
		if (p->sections[i].bar < 1 || p->sections[i].bars < 1 ||
		    (i > 0 && p->sections[i].bar < p->sections[i - 1].bar +
		    p->sections[i - 1].bars)) {
			snprintf(err, errlen, "%s/%s: section %s: %s", p->dir,
			    PROJECT_FILE, p->sections[i].name,
			    p->sections[i].bar < 1 || p->sections[i].bars < 1 ?
			    "needs bar and bars" : "overlaps the one before "
			    "or is out of order");
			return -1;
		}
	for (i = 0; i < p->nsections; i++) {
		char why[200];

		if (sheet_check(&p->sections[i], why, sizeof why) != 0) {
			snprintf(err, errlen, "%s/%s: section %s: %s", p->dir,
			    PROJECT_FILE, p->sections[i].name, why);
			return -1;
		}
	}
	for (i = 1; i < p->nmarkers; i++)
		if (p->markers[i].pos < p->markers[i - 1].pos) {
			snprintf(err, errlen, "%s/%s: marker %s: out of order",
			    p->dir, PROJECT_FILE, p->markers[i].name);
			return -1;
		}
	return 0;
}

/* Every insert's id is unique (a file written before ids, or edited by
 * hand, gets new ones where they clash). */
static void
project_check_ids(struct project *p)
{
	struct inserts *all[1 + 256 + PROJECT_MAX_BUSES];
	int n = 0, i, j, a, b;

	all[n++] = &p->master_fx;
	for (i = 0; i < p->ntracks && n < 1 + 256; i++)
		all[n++] = &p->tracks[i].fx;
	for (i = 0; i < p->nbuses && i < PROJECT_MAX_BUSES; i++)
		all[n++] = &p->buses[i].fx;
	for (a = 0; a < n; a++)
		for (i = 0; i < all[a]->n; i++)
			for (b = 0; b <= a; b++)
				for (j = 0; j < (b == a ? i : all[b]->n); j++)
					if (all[b]->v[j].id ==
					    all[a]->v[i].id)
						all[a]->v[i].id =
						    p->next_insert++;
}

/* Cross-checks that need the whole file: paths, active takes. */
static int
project_check(struct project_parse *pp, char *err, size_t errlen)
{
	struct project *p = pp->p;

	char perr[256];
	int i, j;

	for (i = 0; i < p->ntracks; i++) {
		struct track *t = &p->tracks[i];

		if (t->in[0] < 0 || (t->channels == 2 && t->in[1] == 0 &&
		    t->in[0] != 0)) {
			snprintf(err, errlen, "%s/%s: track %s: a stereo "
			    "track needs two inputs", p->dir, PROJECT_FILE,
			    t->name);
			return -1;
		}
		for (j = 0; j < t->ntakes; j++) {
			struct take *k = &t->takes[j];

			if (k->file == NULL) {
				snprintf(err, errlen, "%s/%s: take %s %d has "
				    "no file", p->dir, PROJECT_FILE, t->name,
				    k->id);
				return -1;
			}
			if (project_path_ok(p, k->file, perr,
			    sizeof perr) != 0) {
				snprintf(err, errlen, "%s/%s: take %s %d: %s",
				    p->dir, PROJECT_FILE, t->name, k->id,
				    perr);
				return -1;
			}
			/* Take numbers are never reused. */
			if (t->next_take <= k->id)
				t->next_take = k->id + 1;
		}
		if (t->active != 0 && project_take(t, t->active) == NULL)
			t->active = 0;
		for (j = 0; j < t->ncomp; j++)
			if (project_take(t, t->comp[j].take) == NULL) {
				snprintf(err, errlen, "%s/%s: track %s: comp "
				    "names take %d, which does not exist",
				    p->dir, PROJECT_FILE, t->name,
				    t->comp[j].take);
				return -1;
			}
		if (project_check_clips(p, t, pp->clips_said[i], err,
		    errlen) != 0)
			return -1;
		for (j = 0; j < t->ntakes; j++)
			if (t->takes[j].pass >= p->next_pass)
				p->next_pass = t->takes[j].pass + 1;
		/* A file without comps plays its active take. */
		if (t->ncomp == 0 && t->active != 0)
			comp_whole(t, project_take(t, t->active),
			    comp_default_xfade(p));
	}
	if (routing_check(p, perr, sizeof perr) != 0) {
		snprintf(err, errlen, "%s/%s: %s", p->dir, PROJECT_FILE, perr);
		return -1;
	}
	project_check_ids(p);
	return 0;
}

/* Parses project.ini text from a stream; `name` names it in errors. */
static struct project *
project_parse(const char *dir, FILE *f, const char *name, char *err,
    size_t errlen)
{
	struct project_parse pp;
	struct project *p = project_alloc(dir);
	int rc;

	memset(&pp, 0, sizeof pp);
	pp.p = p;
	pp.file = name;
	pp.err = err;
	pp.errlen = errlen;
	rc = iniread_stream(f, project_handler, &pp);
	if (rc == 0 && !pp.failed)
		(void)project_state_flush(&pp);
	free(pp.state_sec);
	free(pp.state_key);
	free(pp.state_acc);
	if (rc != 0 && !pp.failed)
		snprintf(err, errlen, "%s:%d: %s", name, rc,
		    iniread_fault() != NULL ? iniread_fault() : "syntax error");
	if (rc != 0 || pp.failed || project_check(&pp, err, errlen) != 0 ||
	    project_check_song(p, err, errlen) != 0) {
		project_free(p);
		return NULL;
	}
	return p;
}

struct project *
project_load(const char *dir, char *err, size_t errlen)
{
	struct project *p;
	struct stat st;
	const char *why;
	char *path;
	FILE *f;

	if (stat(dir, &st) != 0) {
		snprintf(err, errlen, "%s: %s", dir, strerror(errno));
		return NULL;
	}
	if (!S_ISDIR(st.st_mode)) {
		snprintf(err, errlen, "%s is not a directory", dir);
		return NULL;
	}
	path = xasprintf("%s/%s", dir, PROJECT_FILE);
	f = util_fopen_regular(path, &why);
	if (f == NULL) {
		if (errno == ENOENT)
			snprintf(err, errlen, "%s is not a reel project (no "
			    "%s)", dir, PROJECT_FILE);
		else
			snprintf(err, errlen, "%s: %s", path, why);
		free(path);
		return NULL;
	}
	p = project_parse(dir, f, path, err, errlen);
	fclose(f);
	free(path);
	if (p != NULL)
		p->readonly = access(dir, W_OK) != 0;
	return p;
}

char *
project_text(const struct project *p)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (f == NULL)
		fatal("out of memory (open_memstream)");
	project_write(p, f);
	if (fclose(f) != 0)
		fatal("out of memory (project text)");
	return buf;
}

struct project *
project_from_text(const struct project *like, const char *text, char *err,
    size_t errlen)
{
	FILE *f = fmemopen((void *)text, strlen(text), "r");
	struct project *p;

	if (f == NULL) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	p = project_parse(like->dir, f, "(undo)", err, errlen);
	fclose(f);
	if (p != NULL)
		p->readonly = like->readonly;
	return p;
}
