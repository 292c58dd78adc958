/* demo.h - a small generated song for `make run` and first looks. */
#ifndef REEL_DEMO_H
#define REEL_DEMO_H

#include <stddef.h>

/* Creates a project at dir with a tempo and two tracks of synthesized
 * audio (a chord pad and a bass line).  0 or -1 with err. */
int demo_create(const char *dir, int rate, char *err, size_t errlen);

#endif
