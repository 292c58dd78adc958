/* lock.h - one writer per project.
 *
 * An flock()ed ".reel.lock" holding the owner's pid and host: the kernel
 * drops the lock when the owner dies, so a stale lock is taken over.
 */
#ifndef REEL_LOCK_H
#define REEL_LOCK_H

#include <stddef.h>

/* Returns a descriptor (>= 0) holding the lock; -1 with err naming the
 * other owner ("project is open in another reel (pid 123 on host)") or
 * another failure ("lock DIR/.reel.lock: reason"); -2 when the directory is
 * read-only, EROFS or EACCES ("project directory is read-only: opening
 * read-only"; the caller may open read-only). */
int lock_acquire(const char *dir, char *err, size_t errlen);
/* Unlinks the file (if it is still the one fd holds), then closes fd. */
void lock_release(int fd, const char *dir);

#endif
