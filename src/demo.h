/* demo.h - a small generated song for `make run` and first looks. */
#ifndef REEL_DEMO_H
#define REEL_DEMO_H

#include <stddef.h>

/* Creates a project at dir: a short song with a tempo and meter, six
 * tracks with roles, a lead comped from three takes, the chorus as the
 * loop; all audio synthesized (demo.c).  0 or -1 with err. */
int demo_create(const char *dir, int rate, char *err, size_t errlen);

#endif
