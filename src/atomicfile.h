/* atomicfile.h - replace a file atomically and durably.
 *
 * Writes a temp file beside the target, fsyncs it, renames it over the
 * target and fsyncs the directory: after a crash the file is either the old
 * or the new version, never a mix or empty.
 */
#ifndef REEL_ATOMICFILE_H
#define REEL_ATOMICFILE_H

#include <stdio.h>
#include <sys/types.h>

struct atomicfile;

/* Where a write to path may go: path itself when it is missing or a
 * regular file, the file a symlink leads to (so the link stays), or -1
 * with err ("PATH is a FIFO, not a regular file; …") for anything else.
 * *out is a heap string. */
int atomicfile_target(const char *path, char **out, char *err,
    size_t errlen);
/* "a directory", "a FIFO"… for messages. */
const char *atomicfile_kind(mode_t m);
/* Opens "<target>.tmp.<pid>" for writing, target as atomicfile_target
 * finds it.  NULL with err filled on failure. */
struct atomicfile *atomicfile_open(const char *path, char *err, size_t errlen);
FILE *atomicfile_stream(struct atomicfile *af);
/* Flush, fsync, rename, fsync dir.  On any failure the target is untouched
 * and the temp file removed.  Frees af.  0 or -1 with err filled.  (A
 * failure to fsync the directory comes after the rename: it is reported,
 * but the new version is then already in place.)  A replaced file keeps its
 * permission bits. */
int atomicfile_commit(struct atomicfile *af, char *err, size_t errlen);
/* Drops the temp file.  Frees af. */
void atomicfile_abort(struct atomicfile *af);

#endif
