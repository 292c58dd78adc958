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

struct atomicfile *
atomicfile_open(const char *path, char *err, size_t errlen)
{
	struct atomicfile *af;
	struct stat st;
	mode_t mode = 0666;
	int fd, e, keep_mode = 0;

	/* A replaced file keeps the permissions it had. */
	if (stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
		mode = st.st_mode & 07777;
		keep_mode = 1;
	}

	af = xcalloc(1, sizeof *af);
	af->path = xstrdup(path);
	af->tmp = xasprintf("%s.tmp.%ld", path, (long)getpid());
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
