/* lock.h - one writer per project.
 *
 * An flock()ed ".reel.lock" holding the owner's pid and host: the kernel
 * drops the lock when the owner dies, so a stale lock is taken over.
 */
#ifndef REEL_LOCK_H
#define REEL_LOCK_H

#include <stddef.h>

/* Returns a descriptor (>= 0) holding the lock; -1 with err naming the
 * other owner ("project is open in reel pid 123 on host"); -2 when the
 * directory is read-only (err says so; the caller may open read-only). */
int lock_acquire(const char *dir, char *err, size_t errlen);
void lock_release(int fd, const char *dir);

#endif
