/* cmd_deliver.c - deliver cd|vinyl|digital DIR: the album's delivery
 * (deliver*.c do the work; this file checks the words, shows progress
 * and says what was found and written).
 *
 * Every Red Book error and every warning is one line naming the song;
 * then either the summary of what was written or why nothing was.
 */
#include "cmd_deliver.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "deliver.h"
#include "deliver_digital.h"
#include "deliver_vinyl.h"
#include "session.h"
#include "util.h"

/* A bar per stage on a terminal, as render draws its own. */
struct cmd_deliver_bar {
	struct session *s;
	const char *stage;
	int last;
};

static int
cmd_deliver_progress(void *arg, const char *stage, double fraction)
{
	struct cmd_deliver_bar *b = arg;
	int w = (int)(fraction * 40 + 0.5);

	if (session_signal != 0)
		return 1;
	if (!b->s->progress || !isatty(2))
		return 0;
	if (w > 40)
		w = 40;
	if (b->stage != stage || w != b->last) {
		if (b->stage != NULL && b->stage != stage)
			fputc('\n', stderr);
		fprintf(stderr, "\r%-12s [%.*s%*s] %3d%%", stage, w,
		    "########################################", 40 - w, "",
		    (int)(fraction * 100 + 0.5));
		fflush(stderr);
		b->stage = stage;
		b->last = w;
	}
	return 0;
}

static void
cmd_deliver_bar_end(struct cmd_deliver_bar *b)
{
	if (b->stage != NULL && b->s->progress && isatty(2))
		fprintf(stderr, "\r%*s\r", 70, "");
}

/* Prints the findings; the number of errors. */
static int
cmd_deliver_findings(struct session *s, const struct deliver_report *r)
{
	int i;

	for (i = 0; i < r->n; i++)
		session_msg(s, r->error[i] ? MSG_ERROR : MSG_NOTE, "%s: %s%s",
		    s->cmd_name != NULL ? s->cmd_name : "deliver",
		    r->error[i] ? "" : "warning: ", r->msg[i]);
	return r->nerrors;
}

static int
cmd_deliver_on_off(struct session *s, const char *key, const char *v,
    bool *out)
{
	if (v == NULL)
		return 0;
	if (strcmp(v, "yes") == 0 || strcmp(v, "on") == 0) {
		*out = true;
		return 0;
	}
	if (strcmp(v, "no") == 0 || strcmp(v, "off") == 0) {
		*out = false;
		return 0;
	}
	return session_fail(s, "%s: expected yes or no, got '%s'", key, v);
}

static void
cmd_deliver_cd_said(struct session *s, const struct album *a,
    const char *dir, const struct deliver_cd_result *res)
{
	const struct deliver_disc *d = &res->disc;
	char msf[32], len[32];
	int i;

	deliver_msf(d->leadout, msf, sizeof msf);
	session_msg(s, MSG_OUT, "%s/DDP: DDP 2.00, %d tracks, lead-out at "
	    "%s%s%s", dir, d->n, msf, a->upc[0] != '\0' ? ", UPC/EAN " : "",
	    a->upc);
	for (i = 0; i < d->n; i++) {
		const struct deliver_track *t = &d->t[i];
		const struct album_song *so = &a->songs[t->song];

		deliver_msf(t->idx[1], msf, sizeof msf);
		deliver_msf(t->end - t->idx[1], len, sizeof len);
		session_msg(s, MSG_OUT, "  %02d  %s  %s  %d index%s  %-12s  %s",
		    i + 1, msf, len, t->nidx, t->nidx == 1 ? "" : "es",
		    so->isrc[0] != '\0' ? so->isrc : "-", so->title);
	}
	session_msg(s, MSG_OUT, "%s/disc.cue, disc.toc, disc.wav: the same "
	    "disc for CUE and cdrdao", dir);
	if (res->clipped > 0)
		session_msg(s, MSG_NOTE, "%s: %lld samples reached full scale "
		    "at 16 bits", s->cmd_name != NULL ? s->cmd_name :
		    "deliver", (long long)res->clipped);
}

int
cmd_deliver_run(struct session *s, const struct album *a,
    char *const *masters, const struct cmd_args *args)
{
	const char *kind = args->argv[1], *dir = args->argv[2];
	const char *v;
	struct cmd_deliver_bar bar = { s, NULL, -1 };
	struct deliver_report r = { 0 };
	enum render_dither_mode dither = RENDER_DITHER_TPDF;
	const struct deliver_vinyl_format *fmt = NULL;
	double ceiling = -1.0;
	bool force = false;
	char err[1024];
	int rc, i;

	/* Every word first: nothing is made before all are good. */
	if (strcmp(kind, "cd") != 0 && strcmp(kind, "vinyl") != 0 &&
	    strcmp(kind, "digital") != 0)
		return session_fail(s, "KIND: expected cd, vinyl or digital, "
		    "got '%s'", kind);
	if ((v = cmd_key(args, "dither")) != NULL) {
		int m = render_dither_parse(v);

		if (m < 0 || kind[0] == 'v')
			return session_fail(s, "dither: expected tpdf, shaped "
			    "or off (cd and digital), got '%s'", v);
		dither = (enum render_dither_mode)m;
	}
	if (cmd_key(args, "force") != NULL && strcmp(kind, "cd") != 0)
		return session_fail(s, "force: only for deliver cd");
	if (cmd_deliver_on_off(s, "force", cmd_key(args, "force"), &force) !=
	    0)
		return -1;
	if ((v = cmd_key(args, "format")) != NULL || kind[0] == 'v') {
		const struct deliver_vinyl_format *f;
		char names[128] = "";

		if (kind[0] != 'v')
			return session_fail(s, "format: only for deliver "
			    "vinyl");
		fmt = deliver_vinyl_format_find(v != NULL ? v : "12in33");
		for (f = deliver_vinyl_formats; f->name != NULL; f++)
			snprintf(names + strlen(names), sizeof names -
			    strlen(names), "%s%s", names[0] != '\0' ?
			    (f[1].name != NULL ? ", " : " or ") : "", f->name);
		if (fmt == NULL)
			return session_fail(s, "format: expected %s, got '%s'",
			    names, v);
	}
	if ((v = cmd_key(args, "ceiling")) != NULL) {
		if (kind[0] != 'v')
			return session_fail(s, "ceiling: only for deliver "
			    "vinyl");
		if (cmd_parse_double(s, "ceiling", v, -24, 0, &ceiling) != 0)
			return -1;
	}
	if (a == NULL || a->nsongs == 0)
		return session_fail(s, "the album has no songs to deliver");
	if (masters == NULL)
		return 0;

	if (kind[0] == 'c') {
		struct deliver_cd_opts o = { dither, force,
		    cmd_deliver_progress, &bar };
		struct deliver_cd_result res;

		rc = deliver_cd(a, masters, dir, &o, &r, &res, err,
		    sizeof err);
		cmd_deliver_bar_end(&bar);
		cmd_deliver_findings(s, &r);
		if (rc == 0)
			cmd_deliver_cd_said(s, a, dir, &res);
		else if (rc == 1 && r.nerrors > 0)
			session_fail(s, "%d error%s: nothing written",
			    r.nerrors, r.nerrors == 1 ? "" : "s");
		else if (rc == 1)
			session_fail(s, "%d warning%s: nothing written "
			    "(force=yes writes it anyway)", r.nwarnings,
			    r.nwarnings == 1 ? "" : "s");
		else if (rc == 2)
			session_fail(s, "stopped: nothing written");
		else
			session_fail(s, "%s", err);
		deliver_disc_free(&res.disc);
	} else if (kind[0] == 'v') {
		struct deliver_vinyl_opts o = { fmt, ceiling,
		    cmd_deliver_progress, &bar };
		struct deliver_vinyl_plan p;
		char t[32];

		rc = deliver_vinyl(a, masters, dir, &o, &r, &p, err,
		    sizeof err);
		cmd_deliver_bar_end(&bar);
		cmd_deliver_findings(s, &r);
		if (rc == 0) {
			session_msg(s, MSG_OUT, "%s: %d sides for %s (%s), "
			    "24-bit %d Hz, sides.txt", dir, p.nsides,
			    fmt->name, p.balanced ? "balanced by reel" :
			    "as assigned", a->rate);
			for (i = 0; i < p.nsides; i++) {
				double sec = (double)p.side_len[i] / a->rate;

				snprintf(t, sizeof t, "%d:%05.2f",
				    (int)(sec / 60), fmod(sec, 60));
				session_msg(s, MSG_OUT, "  side %c  %s of "
				    "%d:%02d", 'A' + i, t,
				    (int)fmt->max_s / 60, (int)fmt->max_s % 60);
			}
		} else if (rc == 1) {
			session_fail(s, "%d error%s: nothing written",
			    r.nerrors, r.nerrors == 1 ? "" : "s");
		} else if (rc == 2) {
			session_fail(s, "stopped");
		} else {
			session_fail(s, "%s", err);
		}
		deliver_vinyl_plan_free(&p);
	} else {
		struct deliver_digital_opts o = { dither,
		    cmd_deliver_progress, &bar };
		char *report = NULL, *line, *save = NULL;

		rc = deliver_digital(a, masters, dir, &o, &r, &report, err,
		    sizeof err);
		cmd_deliver_bar_end(&bar);
		cmd_deliver_findings(s, &r);
		if (rc == 0 && report != NULL)
			for (line = strtok_r(report, "\n", &save); line != NULL;
			    line = strtok_r(NULL, "\n", &save))
				session_msg(s, MSG_OUT, "%s", line);
		else if (rc == 1)
			session_fail(s, "%d error%s: nothing written",
			    r.nerrors, r.nerrors == 1 ? "" : "s");
		else if (rc == 2)
			session_fail(s, "stopped");
		else if (rc < 0)
			session_fail(s, "%s", err);
		free(report);
	}
	deliver_report_free(&r);
	return rc == 0 ? 0 : -1;
}

/* ---- the command ---- */

struct cmd_deliver_masters {
	char **paths;
};

static int
cmd_deliver_render(struct album *a, int i, void *arg, char *err,
    size_t errlen)
{
	struct cmd_deliver_masters *m = arg;

	return album_render_song(a, i, m->paths[i], err, errlen);
}

static int
cmd_deliver_exec(struct session *s, const struct cmd_args *args)
{
	struct album *a = s->album;
	struct cmd_deliver_masters m;
	char (*errs)[512], *tmp, name[256];
	bool *want;
	int i, nbad, rc;

	if (a == NULL)
		return session_fail(s, "no album is open (reel --album DIR, "
		    "or album DIR)");
	if (cmd_deliver_run(s, a, NULL, args) != 0)
		return -1;
	/* The songs' masters, rendered as album-render makes them, into
	 * DIR/.masters (removed after). */
	if (mkdir(args->argv[2], 0777) != 0 && errno != EEXIST)
		return session_fail(s, "%s: %s", args->argv[2],
		    strerror(errno));
	tmp = xasprintf("%s/.masters", args->argv[2]);
	if (mkdir(tmp, 0777) != 0 && errno != EEXIST) {
		session_fail(s, "%s: %s", tmp, strerror(errno));
		free(tmp);
		return -1;
	}
	m.paths = xcalloc((size_t)a->nsongs, sizeof *m.paths);
	want = xcalloc((size_t)a->nsongs, sizeof *want);
	errs = xcalloc((size_t)a->nsongs, sizeof *errs);
	for (i = 0; i < a->nsongs; i++) {
		m.paths[i] = xasprintf("%s/%02d.wav", tmp, i + 1);
		want[i] = true;
	}
	if (s->progress && isatty(2))
		fprintf(stderr, "rendering %d songs' masters ...", a->nsongs);
	nbad = album_parallel(a, want, cmd_deliver_render, &m, errs);
	if (s->progress && isatty(2))
		fprintf(stderr, "\r%*s\r", 40, "");
	for (i = 0; i < a->nsongs; i++)
		if (errs[i][0] != '\0') {
			deliver_song_name(a, i, name, sizeof name);
			session_msg(s, MSG_ERROR, "%s: %s: %s", s->cmd_name !=
			    NULL ? s->cmd_name : "deliver", name, errs[i]);
		}
	rc = nbad > 0 || session_signal != 0 ? session_fail(s, "the masters "
	    "could not be rendered: nothing delivered") :
	    cmd_deliver_run(s, a, m.paths, args);
	for (i = 0; i < a->nsongs; i++) {
		unlink(m.paths[i]);
		free(m.paths[i]);
	}
	rmdir(tmp);
	free(tmp);
	free(m.paths);
	free(want);
	free(errs);
	return rc;
}

const struct cmd_entry cmd_deliver_entry = {
	"deliver", "cd|vinyl|digital DIR [force=yes] "
	"[dither=tpdf|shaped|off] [format=12in33|12in45|10in|7in45] "
	"[ceiling=DB]",
	"deliver the album: a DDP 2.00 image with CUE and TOC, vinyl "
	"premasters per side, or files for digital distribution with a "
	"report", 2, 2, "force,dither,format,ceiling", CMD_NOSONG,
	cmd_deliver_exec
};
