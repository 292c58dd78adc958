/* deliver_ddp.h - the CD as a DDP 2.00 fileset (layout in
 * deliver_ddp.c).  IMAGE.DAT is written as the disc's audio arrives
 * (deliver_ddp_audio is a deliver_sink_fn's body), the rest at the end. */
#ifndef REEL_DELIVER_DDP_H
#define REEL_DELIVER_DDP_H

#include "deliver.h"

struct deliver_ddp;

/* Makes the directory dir (which must not exist) and IMAGE.DAT in it.
 * NULL with err. */
struct deliver_ddp *deliver_ddp_open(const char *dir, char *err,
    size_t errlen);
int deliver_ddp_audio(struct deliver_ddp *g, const int16_t *frames, int n,
    char *err, size_t errlen);
/* Writes DDPID, DDPMS, PQDESCR, CDTEXT.BIN and CHECKSUM.MD5; frees g.
 * 0, or -1 with err. */
int deliver_ddp_finish(struct deliver_ddp *g, const struct album *a,
    const struct deliver_disc *d, char *err, size_t errlen);
/* Closes what is open (the caller removes the directory); frees g. */
void deliver_ddp_abort(struct deliver_ddp *g);

#endif
