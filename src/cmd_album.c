/* cmd_album.c - the album: album, album-add, album-remove, album-move,
 * album-gain, album-nudge, album-match, album-measure, album-list,
 * album-render, and the metadata (meta, album-meta, gap, crossfade,
 * index, side).  SONG is a song's number from 1 or its project's name. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "album.h"
#include "cmd.h"
#include "master.h"
#include "session.h"
#include "util.h"

/* The open album, or NULL (reported). */
static struct album *
cmd_album_need(struct session *s)
{
	if (s->album == NULL)
		session_fail(s, "no album is open (album DIR opens or creates "
		    "one; reel --album DIR starts with one)");
	return s->album;
}

/* SONG's index, or -1 (reported). */
static int
cmd_album_song(struct session *s, const char *name)
{
	int i = album_song_find(s->album, name);

	if (i == -2)
		return session_fail(s, "SONG: more than one song is named "
		    "'%s'; give its number", name), -1;
	if (i < 0)
		return session_fail(s, "SONG: expected a song number from 1 "
		    "to %d or a song's project name, got '%s'",
		    s->album->nsongs, name), -1;
	return i;
}

/* "song 2 (Title)" for messages. */
static void
cmd_album_label(const struct album *a, int i, char *buf, size_t len)
{
	char name[ALBUM_TEXT + 8];

	album_song_name(a, i, name, sizeof name);
	snprintf(buf, len, "song %d (%s)", i + 1, name);
}

/* The song open in this session is read from disk by the album: a save
 * still waiting (a burst of fader moves) is done first. */
static void
cmd_album_flush(struct session *s)
{
	if (s->p != NULL && s->save_due_ms != 0)
		session_save(s);
}

static int
cmd_album_job_measure(struct album *a, int i, void *arg, char *err,
    size_t errlen)
{
	return album_measure(a, i, err, errlen);
}

/* Measures the songs (all, or those not measured yet) in parallel.  0, or
 * -1 (reported, naming each song that failed). */
int
cmd_album_measure_all(struct session *s, bool all)
{
	struct album *a = s->album;
	bool want[ALBUM_MAX_SONGS];
	char (*errs)[512] = xcalloc(ALBUM_MAX_SONGS, sizeof *errs);
	char label[ALBUM_TEXT + 32];
	int i, n = 0, failed;

	cmd_album_flush(s);
	for (i = 0; i < a->nsongs; i++) {
		want[i] = all || !a->songs[i].measured;
		n += want[i];
	}
	failed = n > 0 ? album_parallel(a, want, cmd_album_job_measure, NULL,
	    errs) : 0;
	for (i = 0; i < a->nsongs && failed > 0; i++)
		if (want[i] && errs[i][0] != '\0') {
			cmd_album_label(a, i, label, sizeof label);
			session_msg(s, MSG_ERROR, "%s: %s: %s", s->cmd_name,
			    label, errs[i]);
		}
	free(errs);
	if (session_signal != 0)
		return session_fail(s, "stopped by a signal");
	return failed > 0 ? -1 : 0;
}

/* ---- album [DIR], album-list ---- */

/* Length in frames at the album rate of song i: measured, or read from
 * its project (-1 when it cannot be read). */
static int64_t
cmd_album_length(const struct album *a, int i)
{
	struct project *p;
	char dir[2048], err[256];
	int64_t n;

	if (a->songs[i].measured)
		return a->songs[i].length;
	album_song_dir(a, i, dir, sizeof dir);
	p = project_load(dir, err, sizeof err);
	if (p == NULL)
		return -1;
	n = project_length(p);
	if (a->rate > 0 && p->rate != a->rate)
		n = (int64_t)llround((double)n * a->rate / p->rate);
	project_free(p);
	return n;
}

static void
cmd_album_fig(double v, bool ok, char *buf, size_t len)
{
	if (!ok)
		snprintf(buf, len, "-");
	else
		loudness_format(v, buf, len);
}

int
cmd_album_row(const struct album *a, int i, char *buf, size_t len,
    int titlew)
{
	const struct album_song *so = &a->songs[i];
	char name[ALBUM_TEXT + 8], ln[32], I[16], lra[16], tp[16], side[4];
	int64_t n = cmd_album_length(a, i);
	int rate = a->rate > 0 ? a->rate : 48000;

	album_song_name(a, i, name, sizeof name);
	if (n < 0)
		snprintf(ln, sizeof ln, "?");
	else {
		timefmt_format(n, rate, ln, sizeof ln);
		ln[strcspn(ln, ".")] = '\0';
	}
	cmd_album_fig(so->lf.integrated, so->measured, I, sizeof I);
	cmd_album_fig(so->lf.range, so->measured, lra, sizeof lra);
	cmd_album_fig(so->lf.true_peak, so->measured, tp, sizeof tp);
	snprintf(side, sizeof side, "%c", so->side ? so->side : '-');
	return snprintf(buf, len, "%2d %-*.*s %7s %6s %5s %6s %+6.1f %5.1f "
	    "%4s", i + 1, titlew, titlew, name, ln, I, lra, tp, so->gain_db,
	    so->gap_s, side);
}

void
cmd_album_header(char *buf, size_t len, int titlew)
{
	snprintf(buf, len, " # %-*s %7s %6s %5s %6s %6s %5s %4s", titlew,
	    "title", "length", "I", "LRA", "TP", "gain", "gap", "side");
}

void
cmd_album_summary(const struct album *a, char *buf, size_t len)
{
	int64_t total = 0, n;
	double lo = INFINITY, hi = -INFINITY, v;
	int i, rate = a->rate > 0 ? a->rate : 48000, measured = 0;
	char t[32];

	for (i = 0; i < a->nsongs; i++) {
		const struct album_song *so = &a->songs[i];

		n = cmd_album_length(a, i);
		total += (n > 0 ? n : 0) + (int64_t)llround(so->gap_s * rate) -
		    (i > 0 ? (int64_t)so->crossfade_ms * rate / 1000 : 0);
		if (so->measured && isfinite(so->lf.integrated)) {
			v = so->lf.integrated + so->gain_db;
			lo = v < lo ? v : lo;
			hi = v > hi ? v : hi;
			measured++;
		}
	}
	timefmt_format(total, rate, t, sizeof t);
	t[strcspn(t, ".")] = '\0';
	if (measured == 0)
		snprintf(buf, len, "%d song%s, %s; loudness not measured yet",
		    a->nsongs, a->nsongs == 1 ? "" : "s", t);
	else
		snprintf(buf, len, "%d song%s, %s; with gain: %.1f to %.1f "
		    "LUFS, spread %.1f LU%s", a->nsongs, a->nsongs == 1 ? "" :
		    "s", t, lo, hi, hi - lo, measured < a->nsongs ?
		    " (of the songs measured)" : "");
}

static int
cmd_album_list(struct session *s)
{
	struct album *a = s->album;
	char line[512];
	int i;

	session_msg(s, MSG_OUT, "album %s (%s%s%d Hz)", a->dir, a->title,
	    a->title[0] ? ", " : "", a->rate);
	cmd_album_header(line, sizeof line, 24);
	session_msg(s, MSG_OUT, "%s", line);
	for (i = 0; i < a->nsongs; i++) {
		cmd_album_row(a, i, line, sizeof line, 24);
		session_msg(s, MSG_OUT, "%s", line);
	}
	cmd_album_summary(a, line, sizeof line);
	session_msg(s, MSG_OUT, "%s", line);
	return 0;
}

static int
cmd_album_exec(struct session *s, const struct cmd_args *a)
{
	char err[1024];

	if (a->argc < 2) {
		if (cmd_album_need(s) == NULL)
			return -1;
		return cmd_album_list(s);
	}
	if (session_album_open(s, a->argv[1], err, sizeof err) != 0)
		return session_fail(s, "%s", err);
	session_msg(s, MSG_NOTE, "album %s: %d song%s", s->album->dir,
	    s->album->nsongs, s->album->nsongs == 1 ? "" : "s");
	return 0;
}

const struct cmd_entry cmd_album_entry = {
	"album", "[DIR]", "open (or create) the album in DIR (album.ini); "
	"without DIR list the album's songs", 0, 1, NULL, CMD_NOSONG,
	cmd_album_exec
};

static int
cmd_album_list_exec(struct session *s, const struct cmd_args *a)
{
	if (cmd_album_need(s) == NULL)
		return -1;
	return cmd_album_list(s);
}

const struct cmd_entry cmd_album_list_entry = {
	"album-list", "", "list the album's songs: number, title, length, "
	"integrated loudness, LRA, true peak, gain, gap, side", 0, 0, NULL,
	CMD_NOSONG, cmd_album_list_exec
};

/* ---- album-add, album-remove, album-move ---- */

static int
cmd_album_add_exec(struct session *s, const struct cmd_args *a)
{
	struct album *al = cmd_album_need(s);
	const char *dir;
	struct project *p;
	struct album_song *so;
	char err[512], rel[1024], label[ALBUM_TEXT + 32];
	int i;

	if (al == NULL)
		return -1;
	if (a->argc < 2 && s->p == NULL)
		return session_fail(s, "PROJECT: expected a song project's "
		    "directory");
	dir = a->argc > 1 ? a->argv[1] : s->p->dir;
	if (al->nsongs >= ALBUM_MAX_SONGS)
		return session_fail(s, "the album has %d songs, the most it "
		    "holds", ALBUM_MAX_SONGS);
	p = project_load(dir, err, sizeof err);
	if (p == NULL)
		return session_fail(s, "PROJECT: %s", err);
	if (album_relpath(al->dir, dir, rel, sizeof rel) != 0) {
		project_free(p);
		return session_fail(s, "PROJECT: %s: %s", dir,
		    strerror(errno));
	}
	for (i = 0; i < al->nsongs; i++) {
		char have[2048], *r1, *r2;
		bool same;

		album_song_dir(al, i, have, sizeof have);
		r1 = realpath(have, NULL);
		r2 = realpath(dir, NULL);
		same = r1 != NULL && r2 != NULL && strcmp(r1, r2) == 0;
		free(r1);
		free(r2);
		if (same) {
			cmd_album_label(al, i, label, sizeof label);
			project_free(p);
			return session_fail(s, "PROJECT: %s is %s already",
			    dir, label);
		}
	}
	if (al->rate == 0)
		al->rate = p->rate;
	else if (p->rate != al->rate)
		session_msg(s, MSG_NOTE, "%s is at %d Hz: converted to the "
		    "album's %d Hz when rendered", dir, p->rate, al->rate);
	al->songs = xreallocarray(al->songs, al->nsongs + 1,
	    sizeof *al->songs);
	so = &al->songs[al->nsongs++];
	memset(so, 0, sizeof *so);
	strlcpy_(so->project, rel, sizeof so->project);
	project_free(p);
	cmd_album_label(al, al->nsongs - 1, label, sizeof label);
	session_said(s, "added %s", label);
	return 0;
}

const struct cmd_entry cmd_album_add_entry = {
	"album-add", "[PROJECT]", "add a song project at the end of the album "
	"(without PROJECT the song open here); the first song's rate becomes "
	"the album's", 0, 1, NULL, CMD_NOSONG | CMD_ALBUM, cmd_album_add_exec
};

static int
cmd_album_remove_exec(struct session *s, const struct cmd_args *a)
{
	struct album *al = cmd_album_need(s);
	char label[ALBUM_TEXT + 32];
	int i;

	if (al == NULL || (i = cmd_album_song(s, a->argv[1])) < 0)
		return -1;
	cmd_album_label(al, i, label, sizeof label);
	memmove(&al->songs[i], &al->songs[i + 1], (size_t)(al->nsongs - i - 1)
	    * sizeof *al->songs);
	al->nsongs--;
	session_said(s, "removed %s", label);
	return 0;
}

const struct cmd_entry cmd_album_remove_entry = {
	"album-remove", "SONG", "remove a song from the album (its project "
	"stays)", 1, 1, NULL, CMD_NOSONG | CMD_ALBUM, cmd_album_remove_exec
};

static int
cmd_album_move_exec(struct session *s, const struct cmd_args *a)
{
	struct album *al = cmd_album_need(s);
	struct album_song keep;
	const char *v;
	char *end, label[ALBUM_TEXT + 32];
	long to;
	int i;

	if (al == NULL || (i = cmd_album_song(s, a->argv[1])) < 0)
		return -1;
	v = a->argv[2];
	if (strcmp(v, "up") == 0)
		to = i;		/* from 1: one place earlier */
	else if (strcmp(v, "down") == 0)
		to = i + 2;
	else {
		errno = 0;
		to = strtol(v, &end, 10);
		if (errno != 0 || end == v || *end != '\0' || to < 1 ||
		    to > al->nsongs)
			return session_fail(s, "TO: expected a place from 1 "
			    "to %d, up or down, got '%s'", al->nsongs, v);
	}
	if (to < 1)
		to = 1;
	if (to > al->nsongs)
		to = al->nsongs;
	keep = al->songs[i];
	if (to - 1 < i)
		memmove(&al->songs[to], &al->songs[to - 1],
		    (size_t)(i - (to - 1)) * sizeof *al->songs);
	else
		memmove(&al->songs[i], &al->songs[i + 1],
		    (size_t)((to - 1) - i) * sizeof *al->songs);
	al->songs[to - 1] = keep;
	cmd_album_label(al, (int)to - 1, label, sizeof label);
	session_said(s, "%s", label);
	return 0;
}

const struct cmd_entry cmd_album_move_entry = {
	"album-move", "SONG TO|up|down", "move a song to place TO (from 1), or "
	"one place up or down", 2, 2, NULL, CMD_NOSONG | CMD_ALBUM,
	cmd_album_move_exec
};

/* ---- album-gain, album-nudge, album-match, album-measure ---- */

static int
cmd_album_set_gain(struct session *s, int i, double db)
{
	struct album_song *so = &s->album->songs[i];
	char param[64], from[32], to[32], label[ALBUM_TEXT + 32];

	snprintf(param, sizeof param, "album-gain %d", i + 1);
	cmd_text_db(so->gain_db, from, sizeof from);
	cmd_text_db(db, to, sizeof to);
	so->gain_db = db;
	session_burst(s, param, from, to);
	cmd_album_label(s->album, i, label, sizeof label);
	session_said(s, "%s gain %s", label, to);
	return 0;
}

static int
cmd_album_gain_exec(struct session *s, const struct cmd_args *a)
{
	bool nudge = strcmp(a->argv[0], "album-nudge") == 0;
	double db, lo = ALBUM_GAIN_MIN, hi = ALBUM_GAIN_MAX;
	int i;

	if (cmd_album_need(s) == NULL || (i = cmd_album_song(s,
	    a->argv[1])) < 0)
		return -1;
	if (cmd_parse_double(s, "DB", a->argv[2], nudge ? lo - hi : lo,
	    nudge ? hi - lo : hi, &db) != 0)
		return -1;
	if (nudge) {
		db += s->album->songs[i].gain_db;
		db = db < lo ? lo : db > hi ? hi : db;
		/* Steps of a nudge stay on its grid (0.1 dB). */
		db = round(db * 100) / 100;
	}
	return cmd_album_set_gain(s, i, db);
}

const struct cmd_entry cmd_album_gain_entry = {
	"album-gain", "SONG DB", "set the gain (dB, -40 to +24) applied to a "
	"song's master in the album", 2, 2, NULL, CMD_NOSONG | CMD_ALBUM,
	cmd_album_gain_exec
};
const struct cmd_entry cmd_album_nudge_entry = {
	"album-nudge", "SONG DB", "change a song's album gain by DB (moves in "
	"a burst are one undo step)", 2, 2, NULL, CMD_NOSONG | CMD_ALBUM,
	cmd_album_gain_exec
};

/* The six lines `loudness` prints, under "song N: NAME". */
static void
cmd_album_print_song(struct session *s, int i)
{
	char name[ALBUM_TEXT + 8];

	album_song_name(s->album, i, name, sizeof name);
	session_msg(s, MSG_OUT, "song %d: %s", i + 1, name);
	master_print(s, &s->album->songs[i].lf);
}

static int
cmd_album_measure_exec(struct session *s, const struct cmd_args *a)
{
	int i;

	if (cmd_album_need(s) == NULL)
		return -1;
	if (s->album->nsongs == 0)
		return session_fail(s, "the album has no songs (album-add "
		    "PROJECT adds one)");
	if (cmd_album_measure_all(s, true) != 0)
		return -1;
	for (i = 0; i < s->album->nsongs; i++)
		cmd_album_print_song(s, i);
	session_said(s, "measured %d song%s", s->album->nsongs,
	    s->album->nsongs == 1 ? "" : "s");
	return 0;
}

const struct cmd_entry cmd_album_measure_entry = {
	"album-measure", "", "measure each song's master (before the album "
	"gain) as `loudness mix` does in the song, songs in parallel", 0, 0,
	NULL, CMD_NOSONG, cmd_album_measure_exec
};

static int
cmd_album_match_exec(struct session *s, const struct cmd_args *a)
{
	struct album *al = cmd_album_need(s);
	double lufs, g[ALBUM_MAX_SONGS];
	char label[ALBUM_TEXT + 32], from[16], to[16];
	int i;

	if (al == NULL || cmd_parse_double(s, "LUFS", a->argv[1], -60, 0,
	    &lufs) != 0)
		return -1;
	if (al->nsongs == 0)
		return session_fail(s, "the album has no songs (album-add "
		    "PROJECT adds one)");
	if (cmd_album_measure_all(s, true) != 0)
		return -1;
	/* Every gain is checked before any is set. */
	for (i = 0; i < al->nsongs; i++) {
		const struct album_song *so = &al->songs[i];

		cmd_album_label(al, i, label, sizeof label);
		if (!isfinite(so->lf.integrated))
			return session_fail(s, "%s has no signal to match",
			    label);
		g[i] = round((lufs - so->lf.integrated) * 100) / 100;
		if (g[i] < ALBUM_GAIN_MIN || g[i] > ALBUM_GAIN_MAX)
			return session_fail(s, "%s would need %+.1f dB, beyond "
			    "the album gain's %g to %+g dB", label, g[i],
			    ALBUM_GAIN_MIN, ALBUM_GAIN_MAX);
	}
	for (i = 0; i < al->nsongs; i++) {
		const struct album_song *so = &al->songs[i];
		double tp = so->lf.true_peak + g[i];

		cmd_album_label(al, i, label, sizeof label);
		al->songs[i].gain_db = g[i];
		loudness_format(so->lf.integrated, from, sizeof from);
		loudness_format(so->lf.integrated + g[i], to, sizeof to);
		session_msg(s, MSG_OUT, "%s: gain %+.2f dB (%s -> %s LUFS)",
		    label, g[i], from, to);
		if (isfinite(tp) && tp > -1.0)
			session_msg(s, MSG_OUT, "%s: its true peak would be "
			    "%+.1f dBTP, over -1 dBTP (lower the target or "
			    "limit the song's master)", label, tp);
	}
	session_step(s, "album-match %.1f LUFS", lufs);
	session_said(s, "matched %d song%s to %.1f LUFS", al->nsongs,
	    al->nsongs == 1 ? "" : "s", lufs);
	return 0;
}

const struct cmd_entry cmd_album_match_entry = {
	"album-match", "LUFS", "set each song's album gain so that its "
	"integrated loudness lands on LUFS; says where a true peak would "
	"pass -1 dBTP", 1, 1, NULL, CMD_NOSONG | CMD_ALBUM,
	cmd_album_match_exec
};

/* ---- album-render ---- */

struct cmd_album_render {
	char **paths;
};

static int
cmd_album_job_render(struct album *a, int i, void *arg, char *err,
    size_t errlen)
{
	struct cmd_album_render *r = arg;

	return album_render_song(a, i, r->paths[i], err, errlen);
}

/* "NN Title.wav": no '/' and no control bytes in the name. */
static char *
cmd_album_file(const struct album *a, int i, const char *dir)
{
	char name[ALBUM_TEXT + 8];
	size_t k;

	album_song_name(a, i, name, sizeof name);
	for (k = 0; name[k] != '\0'; k++)
		if (name[k] == '/' || (unsigned char)name[k] < 0x20)
			name[k] = '-';
	if (name[0] == '.')
		name[0] = '_';
	return xasprintf("%s/%02d %s.wav", dir, i + 1, name);
}

static int
cmd_album_render_exec(struct session *s, const struct cmd_args *a)
{
	struct album *al = cmd_album_need(s);
	const char *dir = a->argv[1];
	struct cmd_album_render r;
	bool want[ALBUM_MAX_SONGS];
	char (*errs)[512];
	char label[ALBUM_TEXT + 32];
	struct stat st;
	int i, failed, rc = 0;

	if (al == NULL)
		return -1;
	if (al->nsongs == 0)
		return session_fail(s, "the album has no songs (album-add "
		    "PROJECT adds one)");
	if (stat(dir, &st) != 0) {
		if (errno != ENOENT || mkdir(dir, 0777) != 0)
			return session_fail(s, "DIR: %s: %s", dir,
			    strerror(errno));
	} else if (!S_ISDIR(st.st_mode))
		return session_fail(s, "DIR: %s is not a directory", dir);
	r.paths = xcalloc((size_t)al->nsongs, sizeof *r.paths);
	for (i = 0; i < al->nsongs; i++) {
		r.paths[i] = cmd_album_file(al, i, dir);
		want[i] = true;
		if (rc == 0 && render_check_target(s, r.paths[i]) != 0)
			rc = -1;
	}
	if (rc == 0) {
		cmd_album_flush(s);
		errs = xcalloc(ALBUM_MAX_SONGS, sizeof *errs);
		failed = album_parallel(al, want, cmd_album_job_render, &r,
		    errs);
		for (i = 0; i < al->nsongs; i++) {
			cmd_album_label(al, i, label, sizeof label);
			if (errs[i][0] != '\0')
				session_msg(s, MSG_ERROR, "%s: %s: %s",
				    s->cmd_name, label, errs[i]);
			else if (session_signal == 0)
				session_msg(s, MSG_NOTE, "wrote %s",
				    r.paths[i]);
		}
		free(errs);
		if (session_signal != 0)
			rc = session_fail(s, "stopped by a signal");
		else if (failed > 0)
			rc = session_fail(s, "%d of %d songs failed", failed,
			    al->nsongs);
		else
			session_said(s, "rendered %d song%s to %s",
			    al->nsongs, al->nsongs == 1 ? "" : "s", dir);
	}
	for (i = 0; i < al->nsongs; i++)
		free(r.paths[i]);
	free(r.paths);
	return rc;
}

const struct cmd_entry cmd_album_render_entry = {
	"album-render", "DIR", "render every song's master with its album gain "
	"to DIR/'NN Title.wav' (32-bit float at the album rate), songs in "
	"parallel", 1, 1, NULL, CMD_NOSONG, cmd_album_render_exec
};

/* ---- metadata ---- */

/* Copies v into a text field, or fails naming the key. */
static int
cmd_album_text(struct session *s, const char *key, const char *v, char *dst,
    size_t size)
{
	const char *p;

	if (strlen(v) >= size)
		return session_fail(s, "%s: at most %zu bytes, got %zu", key,
		    size - 1, strlen(v));
	for (p = v; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20)
			return session_fail(s, "%s: expected one line of text",
			    key);
	return 0;
}

static int
cmd_meta_exec(struct session *s, const struct cmd_args *a)
{
	static const char *const keys[] = { "title", "performer",
	    "songwriter", "composer" };
	struct album *al = cmd_album_need(s);
	struct album_song *so;
	char *dst[4], isrc[13], label[ALBUM_TEXT + 32];
	const char *v, *why;
	int i, k;

	if (al == NULL || (i = cmd_album_song(s, a->argv[1])) < 0)
		return -1;
	so = &al->songs[i];
	cmd_album_label(al, i, label, sizeof label);
	if (a->nkv == 0)
		return session_fail(s, "usage: meta SONG title=... "
		    "performer=... songwriter=... composer=... isrc=...");
	dst[0] = so->title;
	dst[1] = so->performer;
	dst[2] = so->songwriter;
	dst[3] = so->composer;
	for (k = 0; k < 4; k++)
		if ((v = cmd_key(a, keys[k])) != NULL &&
		    cmd_album_text(s, keys[k], v, dst[k], ALBUM_TEXT) != 0)
			return -1;
	isrc[0] = '\0';
	if ((v = cmd_key(a, "isrc")) != NULL && v[0] != '\0' &&
	    (why = album_isrc_check(v, isrc)) != NULL)
		return session_fail(s, "%s: %s, got '%s'", label, why, v);
	for (k = 0; k < 4; k++)
		if ((v = cmd_key(a, keys[k])) != NULL)
			strlcpy_(dst[k], v, ALBUM_TEXT);
	if (cmd_key(a, "isrc") != NULL)
		memcpy(so->isrc, isrc, sizeof so->isrc);
	cmd_album_label(al, i, label, sizeof label);
	session_said(s, "%s: metadata set", label);
	return 0;
}

const struct cmd_entry cmd_meta_entry = {
	"meta", "SONG [title=T] [performer=P] [songwriter=S] [composer=C] "
	"[isrc=CC-XXX-YY-NNNNN]", "set a song's metadata for delivery (an "
	"empty value clears it)", 1, 1,
	"title,performer,songwriter,composer,isrc", CMD_NOSONG | CMD_ALBUM,
	cmd_meta_exec
};

static int
cmd_album_meta_exec(struct session *s, const struct cmd_args *a)
{
	static const char *const keys[] = { "title", "performer", "catalog",
	    "genre" };
	struct album *al = cmd_album_need(s);
	char *dst[4], upc[14];
	const char *v, *why;
	int k;

	if (al == NULL)
		return -1;
	if (a->nkv == 0)
		return session_fail(s, "usage: album-meta title=... "
		    "performer=... upc=... catalog=... genre=...");
	dst[0] = al->title;
	dst[1] = al->performer;
	dst[2] = al->catalog;
	dst[3] = al->genre;
	for (k = 0; k < 4; k++)
		if ((v = cmd_key(a, keys[k])) != NULL &&
		    cmd_album_text(s, keys[k], v, dst[k], ALBUM_TEXT) != 0)
			return -1;
	upc[0] = '\0';
	if ((v = cmd_key(a, "upc")) != NULL && v[0] != '\0' &&
	    (why = album_upc_check(v, upc)) != NULL)
		return session_fail(s, "the album's %s, got '%s'", why, v);
	for (k = 0; k < 4; k++)
		if ((v = cmd_key(a, keys[k])) != NULL)
			strlcpy_(dst[k], v, ALBUM_TEXT);
	if (cmd_key(a, "upc") != NULL)
		memcpy(al->upc, upc, sizeof al->upc);
	session_said(s, "album metadata set");
	return 0;
}

const struct cmd_entry cmd_album_meta_entry = {
	"album-meta", "[title=T] [performer=P] [upc=UPC] [catalog=C] "
	"[genre=G]", "set the album's metadata for delivery (UPC-A or EAN-13 "
	"with its check digit; an empty value clears)", 0, 0,
	"title,performer,upc,catalog,genre", CMD_NOSONG | CMD_ALBUM,
	cmd_album_meta_exec
};

static int
cmd_gap_exec(struct session *s, const struct cmd_args *a)
{
	struct album *al = cmd_album_need(s);
	bool xf = strcmp(a->argv[0], "crossfade") == 0;
	char label[ALBUM_TEXT + 32];
	double v;
	int i;

	if (al == NULL || (i = cmd_album_song(s, a->argv[1])) < 0)
		return -1;
	cmd_album_label(al, i, label, sizeof label);
	if (cmd_parse_double(s, xf ? "MS" : "SECONDS", a->argv[2], 0,
	    xf ? ALBUM_XFADE_MAX : ALBUM_GAP_MAX, &v) != 0)
		return -1;
	if (xf) {
		if (v != floor(v))
			return session_fail(s, "MS: expected whole "
			    "milliseconds, got '%s'", a->argv[2]);
		if (i == 0 && v > 0)
			return session_fail(s, "%s is the first song: there "
			    "is nothing before it to cross-fade with", label);
		al->songs[i].crossfade_ms = (int)v;
		session_said(s, "%s crossfade %d ms", label, (int)v);
	} else {
		al->songs[i].gap_s = v;
		session_said(s, "%s gap %g s", label, v);
	}
	return 0;
}

const struct cmd_entry cmd_gap_entry = {
	"gap", "SONG SECONDS", "silence before a song in the album (its "
	"pause; 0 to 600 s)", 2, 2, NULL, CMD_NOSONG | CMD_ALBUM, cmd_gap_exec
};
const struct cmd_entry cmd_crossfade_entry = {
	"crossfade", "SONG MS", "overlap a song with the one before it by MS "
	"milliseconds (0: none)", 2, 2, NULL, CMD_NOSONG | CMD_ALBUM,
	cmd_gap_exec
};

/* Seconds (or m:ss.fff) at the album rate. */
static int
cmd_album_seconds(struct session *s, const char *v, double *out)
{
	struct tempo_map none;
	char err[256];
	int64_t f;
	int rate = s->album->rate > 0 ? s->album->rate : 48000;

	memset(&none, 0, sizeof none);
	if (timefmt_parse(v, rate, &none, &f, err, sizeof err) != 0)
		return session_fail(s, "TIME: %s", err);
	*out = (double)f / rate;
	return 0;
}

static int
cmd_index_exec(struct session *s, const struct cmd_args *a)
{
	struct album *al = cmd_album_need(s);
	struct album_song *so;
	char label[ALBUM_TEXT + 32];
	bool rm = a->argc > 3;
	double t = 0;
	int i, j;

	if (al == NULL || (i = cmd_album_song(s, a->argv[1])) < 0)
		return -1;
	so = &al->songs[i];
	cmd_album_label(al, i, label, sizeof label);
	if (rm && strcmp(a->argv[3], "remove") != 0)
		return session_fail(s, "expected 'remove' after TIME, got "
		    "'%s'", a->argv[3]);
	if (cmd_album_seconds(s, a->argv[2], &t) != 0)
		return -1;
	for (j = 0; j < so->nindex && so->index_s[j] < t; j++)
		;
	if (rm) {
		if (j == so->nindex || so->index_s[j] != t)
			return session_fail(s, "%s has no index point at %s",
			    label, a->argv[2]);
		memmove(&so->index_s[j], &so->index_s[j + 1],
		    (size_t)(so->nindex - j - 1) * sizeof *so->index_s);
		so->nindex--;
		session_said(s, "%s: index point at %g s removed", label, t);
		return 0;
	}
	if (t <= 0)
		return session_fail(s, "TIME: expected a time after the song's "
		    "start (index 1 is the start), got '%s'", a->argv[2]);
	{
		int64_t n = cmd_album_length(al, i);
		int rate = al->rate > 0 ? al->rate : 48000;
		char len[32];

		if (n >= 0 && t * rate >= (double)n) {
			timefmt_format(n, rate, len, sizeof len);
			return session_fail(s, "%s is %s long: an index point at "
			    "%s is past its end", label, len, a->argv[2]);
		}
	}
	if (j < so->nindex && so->index_s[j] == t)
		return session_fail(s, "%s has an index point at %s already",
		    label, a->argv[2]);
	if (so->nindex >= ALBUM_MAX_INDEX)
		return session_fail(s, "%s has %d index points, the most a "
		    "track holds", label, ALBUM_MAX_INDEX + 1);
	memmove(&so->index_s[j + 1], &so->index_s[j],
	    (size_t)(so->nindex - j) * sizeof *so->index_s);
	so->index_s[j] = t;
	so->nindex++;
	session_said(s, "%s: index %d at %g s", label, j + 2, t);
	return 0;
}

const struct cmd_entry cmd_index_entry = {
	"index", "SONG TIME [remove]", "add an index point (2, 3, ...) at TIME "
	"into a song, or remove the one there", 2, 3, NULL,
	CMD_NOSONG | CMD_ALBUM, cmd_index_exec
};

static int
cmd_side_exec(struct session *s, const struct cmd_args *a)
{
	struct album *al = cmd_album_need(s);
	const char *v = a->argv[2];
	char label[ALBUM_TEXT + 32];
	int i;

	if (al == NULL || (i = cmd_album_song(s, a->argv[1])) < 0)
		return -1;
	cmd_album_label(al, i, label, sizeof label);
	if (strcmp(v, "none") == 0)
		al->songs[i].side = 0;
	else if (strlen(v) == 1 && ((v[0] >= 'A' && v[0] <= 'D') ||
	    (v[0] >= 'a' && v[0] <= 'd')))
		al->songs[i].side = (char)(v[0] & ~0x20);
	else
		return session_fail(s, "%s: expected side A, B, C, D or none, "
		    "got '%s'", label, v);
	session_said(s, "%s side %s", label, al->songs[i].side ?
	    (char[]){ al->songs[i].side, '\0' } : "none");
	return 0;
}

const struct cmd_entry cmd_side_entry = {
	"side", "SONG A|B|C|D|none", "put a song on a vinyl side (none: "
	"unassigned)", 2, 2, NULL, CMD_NOSONG | CMD_ALBUM, cmd_side_exec
};
