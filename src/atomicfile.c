/* atomicfile.c - temp file, fsync, rename, fsync the directory. */
#include "atomicfile.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

struct atomicfile {
	FILE *f;
	char *path;
	char *tmp;
};

static void
atomicfile_error(char *err, size_t errlen, const char *path, int e)
{
	snprintf(err, errlen, "save %s: %s", path, strerror(e));
}

/* The pid in the name keeps two processes apart; the same name left by a
 * crashed process with our pid is stale, since pids are unique while alive. */
static int
atomicfile_create(const char *tmp, mode_t mode)
{
	int fd;

	fd = open(tmp, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, mode);
	if (fd < 0 && errno == EEXIST) {
		unlink(tmp);
		fd = open(tmp, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, mode);
	}
	return fd;
}

const char *
atomicfile_kind(mode_t m)
{
	return S_ISDIR(m) ? "a directory" : S_ISCHR(m) ? "a character device" :
	    S_ISBLK(m) ? "a block device" : S_ISFIFO(m) ? "a FIFO" :
	    S_ISSOCK(m) ? "a socket" : S_ISLNK(m) ? "a symbolic link" :
	    "not a regular file";
}

int
atomicfile_target(const char *path, char **out, char *err, size_t errlen)
{
	struct stat st, lst;

	*out = NULL;
	if (lstat(path, &lst) != 0) {
		if (errno == ENOENT) {
			*out = xstrdup(path);
			return 0;
		}
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (S_ISLNK(lst.st_mode) && stat(path, &st) != 0) {
		snprintf(err, errlen, "%s is a symbolic link to nothing (%s); "
		    "not replaced", path, strerror(errno));
		return -1;
	}
	if (!S_ISLNK(lst.st_mode))
		st = lst;
	if (!S_ISREG(st.st_mode)) {
		snprintf(err, errlen, "%s is %s%s, not a regular file; only "
		    "regular files are replaced", path,
		    S_ISLNK(lst.st_mode) ? "a symbolic link to " : "",
		    atomicfile_kind(st.st_mode));
		return -1;
	}
	if (!S_ISLNK(lst.st_mode)) {
		*out = xstrdup(path);
		return 0;
	}
	if ((*out = realpath(path, NULL)) == NULL) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}

struct atomicfile *
atomicfile_open(const char *path, char *err, size_t errlen)
{
	struct atomicfile *af;
	struct stat st;
	mode_t mode = 0666;
	int fd, e, keep_mode = 0;
	char *target;

	/* The rename would put a regular file where a device, a FIFO or a
	 * symlink was: refuse the first two, write through the third. */
	if (atomicfile_target(path, &target, err, errlen) != 0)
		return NULL;
	/* A replaced file keeps the permissions it had. */
	if (stat(target, &st) == 0 && S_ISREG(st.st_mode)) {
		mode = st.st_mode & 07777;
		keep_mode = 1;
	}

	af = xcalloc(1, sizeof *af);
	af->path = target;
	af->tmp = xasprintf("%s.tmp.%ld", target, (long)getpid());
	if ((fd = atomicfile_create(af->tmp, mode)) < 0)
		goto fail;
	if (keep_mode && fchmod(fd, mode) != 0) {
		e = errno;
		close(fd);
		unlink(af->tmp);
		errno = e;
		goto fail;
	}
	if ((af->f = fdopen(fd, "w")) == NULL) {
		e = errno;
		close(fd);
		unlink(af->tmp);
		errno = e;
		goto fail;
	}
	return af;
fail:
	atomicfile_error(err, errlen, path, errno);
	free(af->tmp);
	free(af->path);
	free(af);
	return NULL;
}

FILE *
atomicfile_stream(struct atomicfile *af)
{
	return af->f;
}

static void
atomicfile_free(struct atomicfile *af)
{
	free(af->tmp);
	free(af->path);
	free(af);
}

/* fsync the directory so that the rename itself survives a crash.  Some
 * file systems cannot sync a directory (EINVAL): nothing more to do there. */
static int
atomicfile_sync_dir(const char *path)
{
	char *copy = xstrdup(path);
	int fd, e = 0;

	fd = open(dirname(copy), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	free(copy);
	if (fd < 0)
		return errno;
	if (fsync(fd) != 0 && errno != EINVAL)
		e = errno;
	close(fd);
	return e;
}

int
atomicfile_commit(struct atomicfile *af, char *err, size_t errlen)
{
	int e = 0;

	/* A failed fwrite() leaves only the error flag, not errno. */
	errno = 0;
	if (fflush(af->f) != 0 || ferror(af->f))
		e = errno != 0 ? errno : EIO;
	else if (fsync(fileno(af->f)) != 0)
		e = errno;
	if (fclose(af->f) != 0 && e == 0)
		e = errno;
	af->f = NULL;
	if (e == 0 && rename(af->tmp, af->path) != 0)
		e = errno;
	if (e != 0) {
		unlink(af->tmp);
		atomicfile_error(err, errlen, af->path, e);
		atomicfile_free(af);
		return -1;
	}
	/* Past the rename the new file is in place; a failure here only
	 * means its name may not survive a crash, which is worth a word. */
	if ((e = atomicfile_sync_dir(af->path)) != 0) {
		snprintf(err, errlen, "save %s: sync directory: %s", af->path,
		    strerror(e));
		atomicfile_free(af);
		return -1;
	}
	atomicfile_free(af);
	return 0;
}

void
atomicfile_abort(struct atomicfile *af)
{
	if (af == NULL)
		return;
	if (af->f != NULL)
		fclose(af->f);
	unlink(af->tmp);
	atomicfile_free(af);
}
