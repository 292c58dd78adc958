/* atomicfile.h - replace a file atomically and durably.
 *
 * Writes a temp file beside the target, fsyncs it, renames it over the
 * target and fsyncs the directory: after a crash the file is either the old
 * or the new version, never a mix or empty.
 */
#ifndef REEL_ATOMICFILE_H
#define REEL_ATOMICFILE_H

#include <stdio.h>

struct atomicfile;

/* Opens "<path>.tmp.<pid>" for writing.  NULL with err filled on failure. */
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
