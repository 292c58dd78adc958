/* cmd_album_layout.c - album-layout: the CD and the vinyl sides as
 * delivery would lay them out, as lines (the Album screen draws the same
 * plan); vinyl-format: which vinyl format the screen and album-layout
 * measure the sides against (the session's choice, not saved). */
#include <stdio.h>
#include <string.h>

#include "album_layout.h"
#include "cmd.h"
#include "session.h"

static void
cmd_album_layout_findings(struct session *s, const struct deliver_report *r)
{
	int i;

	for (i = 0; i < r->n; i++)
		session_msg(s, MSG_OUT, "  %s: %s", r->error[i] ? "error" :
		    "warning", r->msg[i]);
}

static int
cmd_album_layout_exec(struct session *s, const struct cmd_args *args)
{
	const struct album *a = s->album;
	const struct deliver_vinyl_format *fmt;
	const char *v = cmd_key(args, "format");
	struct album_layout l;
	char line[512], msf[32], len[32], gap[32];
	size_t n;
	int i, k;

	if (a == NULL)
		return session_fail(s, "no album is open (album DIR opens or "
		    "creates one; reel --album DIR starts with one)");
	fmt = album_layout_format(v != NULL ? v : s->album_vinyl);
	if (fmt == NULL)
		return session_fail(s, "format: expected 12in33, 12in45, 10in "
		    "or 7in45, got '%s'", v);
	if (a->nsongs == 0)
		return session_fail(s, "the album has no songs (album-add "
		    "PROJECT adds one)");
	album_layout_make(a, fmt, &l);
	if (l.unmeasured > 0) {
		n = (size_t)l.unmeasured;
		album_layout_free(&l);
		return session_fail(s, "%zu song%s not measured yet: "
		    "album-measure (m) measures them", n, n == 1 ? "" : "s");
	}
	album_layout_cd_line(&l, line, sizeof line);
	session_msg(s, MSG_OUT, "%s", line);
	if (l.disc_ok) {
		/* Absolute disc time (MM:SS:FF, 75 frames a second), as
		 * the PQ codes have it: track 1's index 01 at 00:02:00. */
		session_msg(s, MSG_OUT, "track  start     length    pause     "
		    "indexes");
		for (i = 0; i < l.disc.n; i++) {
			const struct deliver_track *t = &l.disc.t[i];

			deliver_msf(t->idx[1], msf, sizeof msf);
			deliver_msf(t->end - t->idx[1], len, sizeof len);
			deliver_msf(t->idx[1] - t->start, gap, sizeof gap);
			n = (size_t)snprintf(line, sizeof line, "%5d  %s  %s  "
			    "%s", i + 1, msf, len, gap);
			for (k = 2; k <= t->nidx && n < sizeof line; k++) {
				deliver_msf(t->idx[k], msf, sizeof msf);
				n += (size_t)snprintf(line + n, sizeof line - n,
				    "  %02d %s", k, msf);
			}
			session_msg(s, MSG_OUT, "%s", line);
		}
		deliver_msf(l.disc.leadout, msf, sizeof msf);
		session_msg(s, MSG_OUT, "lead-out %s", msf);
		cmd_album_layout_findings(s, &l.disc_r);
	}
	if (l.vinyl_ok) {
		session_msg(s, MSG_OUT, "vinyl %s (%s), sides %s", fmt->name,
		    fmt->what, l.vinyl.balanced ? "balanced by reel" :
		    "as assigned");
		for (k = 0; k < l.vinyl.nsides; k++) {
			album_layout_side_line(a, &l, k, line, sizeof line);
			session_msg(s, MSG_OUT, "%s", line);
		}
	} else {
		session_msg(s, MSG_OUT, "vinyl %s: not planned", fmt->name);
	}
	cmd_album_layout_findings(s, &l.vinyl_r);
	album_layout_free(&l);
	return 0;
}

const struct cmd_entry cmd_album_layout_entry = {
	"album-layout", "[format=12in33|12in45|10in|7in45]", "the album as "
	"deliver lays it out: each CD track's start, length, pause and index "
	"points (disc time MM:SS:FF), the total against 79:57, and the vinyl "
	"sides' lengths against the format's limit", 0, 0, "format",
	CMD_NOSONG, cmd_album_layout_exec
};

static int
cmd_vinyl_format_exec(struct session *s, const struct cmd_args *args)
{
	const char *v = args->argv[1];
	const struct deliver_vinyl_format *f;

	if (strcmp(v, "next") == 0)
		f = album_layout_format_next(album_layout_format(
		    s->album_vinyl));
	else if ((f = album_layout_format(v)) == NULL)
		return session_fail(s, "FORMAT: expected 12in33, 12in45, 10in, "
		    "7in45 or next, got '%s'", v);
	snprintf(s->album_vinyl, sizeof s->album_vinyl, "%s", f->name);
	session_msg(s, MSG_DONE, "vinyl format %s (%s): sides up to "
	    "%d:%02d", f->name, f->what, (int)f->max_s / 60,
	    (int)f->max_s % 60);
	return 0;
}

const struct cmd_entry cmd_vinyl_format_entry = {
	"vinyl-format", "12in33|12in45|10in|7in45|next", "the vinyl format "
	"the Album screen and album-layout measure the sides against (for "
	"this session; deliver vinyl takes its own format=)", 1, 1, NULL,
	CMD_NOSONG, cmd_vinyl_format_exec
};
