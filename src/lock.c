/* lock.c - flock()ed ".reel.lock" in the project directory. */
#include "lock.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

#define LOCK_NAME	".reel.lock"
#define LOCK_TRIES	10

/* Names who holds the lock, from what the holder wrote. */
static void
lock_owner(int fd, char *err, size_t errlen)
{
	char buf[512], host[256] = "";
	const char *p;
	ssize_t n;
	long pid = 0;

	n = pread(fd, buf, sizeof buf - 1, 0);
	buf[n > 0 ? n : 0] = '\0';
	if ((p = strstr(buf, "pid=")) != NULL)
		pid = strtol(p + 4, NULL, 10);
	if ((p = strstr(buf, "host=")) != NULL)
		sscanf(p + 5, "%255[^\n]", host);
	/* The holder may not have written its name yet. */
	if (pid > 0 && host[0] != '\0')
		snprintf(err, errlen, "project is open in another reel "
		    "(pid %ld on %s)", pid, host);
	else
		snprintf(err, errlen, "project is open in another reel");
}

static int
lock_write_owner(int fd)
{
	char host[256], buf[512];
	int len;

	if (gethostname(host, sizeof host) != 0)
		strlcpy_(host, "unknown", sizeof host);
	host[sizeof host - 1] = '\0';
	len = snprintf(buf, sizeof buf, "pid=%ld\nhost=%s\n", (long)getpid(),
	    host);
	if (ftruncate(fd, 0) != 0 || pwrite(fd, buf, len, 0) != len)
		return -1;
	return 0;
}

/* Whether fd is still the file at path: a holder unlinks the file before it
 * closes, so a lock won on an unlinked file guards nothing. */
static int
lock_is_current(int fd, const char *path)
{
	struct stat a, b;

	if (fstat(fd, &a) != 0 || stat(path, &b) != 0)
		return 0;
	return a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

int
lock_acquire(const char *dir, char *err, size_t errlen)
{
	char *path = xasprintf("%s/" LOCK_NAME, dir);
	int fd, tries;

	for (tries = 0; tries < LOCK_TRIES; tries++) {
		/* Never through a symlink: a hostile project could point its
		 * lock at any file, which would then be truncated. */
		fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW,
		    0644);
		if (fd < 0)
			break;
		if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
			if (errno == EWOULDBLOCK)
				lock_owner(fd, err, errlen);
			else
				snprintf(err, errlen, "lock %s: %s", path,
				    strerror(errno));
			close(fd);
			free(path);
			return -1;
		}
		if (!lock_is_current(fd, path)) {
			close(fd);
			continue;
		}
		if (lock_write_owner(fd) != 0) {
			snprintf(err, errlen, "lock %s: %s", path,
			    strerror(errno));
			unlink(path);
			close(fd);
			free(path);
			return -1;
		}
		free(path);
		return fd;
	}
	if (fd < 0 && (errno == EROFS || errno == EACCES || errno == EPERM)) {
		snprintf(err, errlen,
		    "project directory is read-only: opening read-only");
		free(path);
		return -2;
	}
	if (fd < 0)
		snprintf(err, errlen, "lock %s: %s", path, strerror(errno));
	else
		snprintf(err, errlen, "lock %s: the file keeps being replaced",
		    path);
	free(path);
	return -1;
}

void
lock_release(int fd, const char *dir)
{
	char *path;

	if (fd < 0)
		return;
	path = xasprintf("%s/" LOCK_NAME, dir);
	/* Unlink while still holding the lock, and only our own file. */
	if (lock_is_current(fd, path))
		unlink(path);
	close(fd);
	free(path);
}
