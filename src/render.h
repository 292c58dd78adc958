/* render.h - the render loop, shared by render, stems and freeze.
 *
 * A render runs a snapshot of its own (over a graph pool of its own:
 * every processor starts from reset) through mixer_process block by
 * block, the disk reader beside it in a thread and, given a second core,
 * half of the tracks' strips on a helper thread (render.c).
 */
#ifndef REEL_RENDER_H
#define REEL_RENDER_H

#include <stdbool.h>
#include <stdint.h>

#include "mixer.h"
#include "session.h"

#define RENDER_BLOCK 4096

/* What render_mix_run says while it runs (verb) and when a take fails
 * (cut: what became of the output). */
struct render_progress {
	const char *verb, *cut;
};

struct render_spec;

/* The run that plays the playlists of every track (only < 0) or of
 * track `only` over [start, end), with the graph's latency of them
 * before (snap's); the take files it reads are checked first.  NULL when
 * one is missing (reported). */
struct run *render_run_new(struct session *s, const struct snapshot *snap,
    int64_t start, int64_t end, int only);
/* Mixes [start, end) of run through m (which must hold RENDER_BLOCK
 * frames), giving sink each block of the master's output (stereo, n
 * frames; it may change them; it returns 0 or -errno to stop).  0; -1
 * after a take failed (reported, with pr->cut); -errno from the sink;
 * -EINTR when a signal stopped it. */
int render_mix_run(struct session *s, const struct snapshot *snap,
    struct run *run, struct mixer *m, int64_t start, int64_t end,
    const struct render_progress *pr,
    int (*sink)(void *ctx, float *buf, int n), void *ctx);

/* render_stems.c: stems of [start, end) into dir (a bare name: under
 * renders/), named PROJECT-STEM.EXT, the extension format='s (wav when
 * NULL).  By strip: the signal of each track and bus routed to the
 * master at the master's input, all from one run; by track: each track
 * alone through its whole path.  0, or -1 (reported; no file left). */
int render_stems(struct session *s, const char *dir, int64_t start,
    int64_t end, const char *format, const char *quality,
    const char *bitrate, bool by_track, int dither);

/* Only a regular file is replaced: *out gets the path to write (a
 * symlink's target).  0, or -1 (reported). */
int render_target(struct session *s, const char *path, char **out);
/* A stale temp file is removed, anything else there refused. */
int render_part_clear(struct session *s, const char *part);
/* Refuses a render of `frames` that cannot fit where path goes. */
int render_space_check(struct session *s, const char *path, int64_t frames,
    const struct render_spec *spec);
/* Reports the -errno rc of writing path (NULL: standard output). */
void render_error(struct session *s, const char *path, int rc);

#endif
