/* cmd_render.c - render, tempo and meter. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "render_dither.h"
#include "render_out.h"
#include "renderlog.h"
#include "session.h"
#include "util.h"

static int
cmd_render_exec(struct session *s, const struct cmd_args *a)
{
	const char *v, *file = a->argc > 1 ? a->argv[1] : NULL;
	const char *dith = cmd_key(a, "dither"), *click = cmd_key(a, "click");
	int64_t start, end;
	struct render_spec spec;
	char *path, err[512], named[512];
	bool out;
	int rc = -1, mon;
	int dmode = dith == NULL ? (s->cfg.dither != 0 ? RENDER_DITHER_TPDF :
	    RENDER_DITHER_OFF) : render_dither_parse(dith);

	if (dmode < 0)
		return session_fail(s, "dither: expected on, off, tpdf or "
		    "shaped, got '%s'", dith);
	if ((v = cmd_key(a, "monitor")) != NULL && strcmp(v, "on") != 0 &&
	    strcmp(v, "off") != 0)
		return session_fail(s, "monitor: expected on or off, got '%s'",
		    v);
	mon = v != NULL && strcmp(v, "on") == 0 ? s->listen : -1;
	if (click != NULL && strcmp(click, "on") != 0 &&
	    strcmp(click, "off") != 0)
		return session_fail(s, "click: expected on or off, got '%s'",
		    click);
	if (cmd_parse_span(s, a, &start, &end) != 0)
		return -1;
	/* No name: the project's, the mix version's number and name, and
	 * the range when it is not the whole song. */
	if (file == NULL) {
		renderlog_name_range(s->p, start, end, named, sizeof named);
		file = named;
	}
	out = strcmp(file, "-") == 0;
	/* A bare name goes to the project's renders/; a path is the
	 * user's; "-" is standard output.  What is at the path comes
	 * first: /dev/null is a device before it lacks an extension. */
	path = strchr(file, '/') == NULL && !out ?
	    xasprintf("%s/renders/%s", s->p->dir, file) : xstrdup(file);
	if (!out && render_check_target(s, path) != 0)
		goto done;
	if (render_out_spec(&spec, file, cmd_key(a, "format"),
	    cmd_key(a, "quality"), cmd_key(a, "bitrate"), s->p->rate, err,
	    sizeof err) != 0) {
		session_fail(s, "%s", err);
		goto done;
	}
	rc = render_file(s, path, start, end, &spec,
	    (enum render_dither_mode)dmode, click != NULL &&
	    strcmp(click, "on") == 0, mon);
	/* What was rendered from which version (not a stream). */
	if (rc == 0 && !out && !s->p->readonly) {
		char *logged = strchr(file, '/') == NULL ?
		    xasprintf("renders/%s", file) : xstrdup(file);

		if (renderlog_add(s->p, logged, start, end, err,
		    sizeof err) != 0)
			session_msg(s, MSG_NOTE, "renders log: %s", err);
		free(logged);
	}
done:
	free(path);
	return rc;
}

const struct cmd_entry cmd_render_entry = {
	"render", "[FILE] [start=TIME] [end=TIME] "
	"[format=wav16|wav24|wav32f|flac|flac16|flac24] [quality=0..1] "
	"[bitrate=KBPS] [dither=on|off|tpdf|shaped] [click=on|off] [monitor=on|off]",
	"mix down to a file (.wav .flac .ogg .opus .mp3; a bare name goes to "
	"renders/, - to stdout; none: renders/PROJECT-vN-NAME.wav, a part "
	"of the song PROJECT-vN-NAME-STARTs-ENDs.wav)",
	0, 1, "start,end,format,quality,bitrate,dither,click,monitor", 0,
	cmd_render_exec
};

static int
cmd_tempo_bar(struct session *s, const struct cmd_args *a, int *bar)
{
	const char *v = cmd_key(a, "bar");
	char *end;
	long b;

	*bar = 1;
	if (v == NULL)
		return 0;
	b = strtol(v, &end, 10);
	if (*end != '\0' || end == v || b < 1 || b > 9999)
		return session_fail(s, "bar: expected a bar from 1 to 9999, "
		    "got '%s'", v);
	if (b > 1 && s->p->tempo.n == 0)
		return session_fail(s, "set the tempo at bar 1 first");
	*bar = (int)b;
	return 0;
}

static int
cmd_tempo_exec(struct session *s, const struct cmd_args *a)
{
	double bpm;
	int bar;

	if (cmd_parse_double(s, "BPM", a->argv[1], 1, 999, &bpm) != 0 ||
	    cmd_tempo_bar(s, a, &bar) != 0)
		return -1;
	if (s->p->tempo.n == 0 && tempo_map_set(&s->p->tempo, 1, bpm, 4, 4)
	    != 0)
		return session_fail(s, "too many tempo changes");
	if (tempo_map_set(&s->p->tempo, bar, bpm, 0, 0) != 0)
		return session_fail(s, "too many tempo changes");
	session_said(s, "tempo %g BPM from bar %d", bpm, bar);
	return 0;
}

const struct cmd_entry cmd_tempo_entry = {
	"tempo", "BPM [bar=N]", "set the tempo (from bar N on)", 1, 1, "bar",
	CMD_SAVE, cmd_tempo_exec
};

static int
cmd_meter_exec(struct session *s, const struct cmd_args *a)
{
	int num, den, n, bar;
	const char *v = a->argv[1];

	if (sscanf(v, "%d/%d%n", &num, &den, &n) != 2 || v[n] != '\0' ||
	    num < 1 || num > 64 || (den != 1 && den != 2 && den != 4 &&
	    den != 8 && den != 16 && den != 32))
		return session_fail(s, "N/D: expected a meter such as 4/4 or "
		    "6/8, got '%s'", v);
	if (cmd_tempo_bar(s, a, &bar) != 0)
		return -1;
	if (s->p->tempo.n == 0 && tempo_map_set(&s->p->tempo, 1, 120, num,
	    den) != 0)
		return session_fail(s, "too many tempo changes");
	if (tempo_map_set(&s->p->tempo, bar, 0, num, den) != 0)
		return session_fail(s, "too many tempo changes");
	session_said(s, "meter %d/%d from bar %d", num, den, bar);
	return 0;
}

const struct cmd_entry cmd_meter_entry = {
	"meter", "N/D [bar=N]", "set the meter (from bar N on)", 1, 1, "bar",
	CMD_SAVE, cmd_meter_exec
};

static int
cmd_renders_exec(struct session *s, const struct cmd_args *a)
{
	char *text = renderlog_text(s->p), *line, *nl;

	(void)a;
	if (text[0] == '\0')
		session_msg(s, MSG_OUT, "nothing rendered yet");
	for (line = text; *line != '\0'; line = nl + 1) {
		nl = strchr(line, '\n');
		*nl = '\0';
		session_msg(s, MSG_OUT, "%s", line);
	}
	free(text);
	return 0;
}

const struct cmd_entry cmd_renders_entry = {
	"renders", "", "list what was rendered, from which mix version, and "
	"when", 0, 0, NULL, 0, cmd_renders_exec
};
