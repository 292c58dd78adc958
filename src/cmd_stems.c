/* cmd_stems.c - stems. */
#include <string.h>

#include "cmd.h"
#include "render.h"
#include "render_dither.h"
#include "session.h"

static int
cmd_stems_exec(struct session *s, const struct cmd_args *a)
{
	const char *by = cmd_key(a, "by"), *dith = cmd_key(a, "dither");
	int64_t start, end;
	int dmode = dith == NULL ? (s->cfg.dither != 0 ? RENDER_DITHER_TPDF :
	    RENDER_DITHER_OFF) : render_dither_parse(dith);

	if (by != NULL && strcmp(by, "strip") != 0 &&
	    strcmp(by, "track") != 0)
		return session_fail(s, "by: expected strip or track, got '%s'",
		    by);
	if (dmode < 0)
		return session_fail(s, "dither: expected on, off, tpdf or "
		    "shaped, got '%s'", dith);
	if (cmd_parse_span(s, a, &start, &end) != 0)
		return -1;
	return render_stems(s, a->argv[1], start, end, cmd_key(a, "format"),
	    cmd_key(a, "quality"), cmd_key(a, "bitrate"),
	    by != NULL && strcmp(by, "track") == 0, dmode);
}

const struct cmd_entry cmd_stems_entry = {
	"stems", "DIR [by=strip|track] [start=TIME] [end=TIME] "
	"[format=wav16|wav24|wav32f|flac|flac16|flac24|vorbis|opus|mp3] "
	"[quality=0..1] [bitrate=KBPS] [dither=on|off|tpdf|shaped]",
	"one file per strip at the master's input (by=track: per track "
	"through its whole path), PROJECT-STEM.EXT in DIR (a bare name: "
	"under renders/)",
	1, 1, "by,start,end,format,quality,bitrate,dither", 0,
	cmd_stems_exec
};
