/* cmd_deliver.h - the deliver command's work, given the album and its
 * songs' rendered masters (float WAV at the album rate, one per song):
 * checks the words (args->argv[1] the kind, [2] the directory, the
 * key=value options), runs deliver_cd, deliver_vinyl or
 * deliver_digital with a progress bar per stage, and reports through
 * the session.  With masters NULL it only checks the words.  0, or -1
 * (reported). */
#ifndef REEL_CMD_DELIVER_H
#define REEL_CMD_DELIVER_H

#include "album.h"

struct session;
struct cmd_args;

int cmd_deliver_run(struct session *s, const struct album *a,
    char *const *masters, const struct cmd_args *args);

#endif
