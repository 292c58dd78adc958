/* test_lock.c - one writer per project, stale locks taken over. */
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lock.h"
#include "t.h"

static char dir[64];
static char host[256];

static char *
lock_path(void)
{
	static char buf[128];

	snprintf(buf, sizeof buf, "%s/.reel.lock", dir);
	return buf;
}

static int
file_is(const char *path, const char *want)
{
	char buf[1024];
	FILE *f = fopen(path, "r");
	size_t n;

	if (f == NULL)
		return 0;
	n = fread(buf, 1, sizeof buf - 1, f);
	buf[n] = '\0';
	fclose(f);
	if (strcmp(buf, want) != 0)
		fprintf(stderr, "lock file: '%s', expected '%s'\n", buf, want);
	return strcmp(buf, want) == 0;
}

/* Runs lock_acquire() in a child; its result, and its message in err. */
static int
acquire_in_child(char *err, size_t errlen)
{
	int pfd[2], status, r;
	ssize_t n;
	pid_t pid;

	if (pipe(pfd) != 0)
		return -99;
	if ((pid = fork()) == 0) {
		close(pfd[0]);
		r = lock_acquire(dir, err, errlen);
		if (write(pfd[1], err, strlen(err)) < 0)
			_exit(99);
		_exit(r < 0 ? -r : 0);
	}
	close(pfd[1]);
	n = read(pfd[0], err, errlen - 1);
	err[n > 0 ? n : 0] = '\0';
	close(pfd[0]);
	waitpid(pid, &status, 0);
	return WIFEXITED(status) ? -WEXITSTATUS(status) : -98;
}

static void
test_basic(void)
{
	char err[256], want[512];
	int fd, r;

	fd = lock_acquire(dir, err, sizeof err);
	T_CHECKF(fd >= 0, "%s", err);
	snprintf(want, sizeof want, "pid=%ld\nhost=%s\n", (long)getpid(), host);
	T_CHECK(file_is(lock_path(), want));

	r = acquire_in_child(err, sizeof err);
	snprintf(want, sizeof want, "project is open in another reel "
	    "(pid %ld on %s)", (long)getpid(), host);
	T_CHECKF(r == -1, "child got %d", r);
	T_CHECKF(strcmp(err, want) == 0, "'%s'", err);

	lock_release(fd, dir);
	T_CHECK(access(lock_path(), F_OK) != 0);
	r = acquire_in_child(err, sizeof err);
	T_CHECKF(r == 0, "after release: %d %s", r, err);
}

/* A holder killed with -9 leaves its file; the next reel takes over. */
static void
test_stale(void)
{
	char err[256], want[512], c;
	int pfd[2], fd, r, status;
	pid_t pid;

	if (pipe(pfd) != 0)
		return;
	if ((pid = fork()) == 0) {
		close(pfd[0]);
		if (lock_acquire(dir, err, sizeof err) < 0)
			_exit(1);
		if (write(pfd[1], "x", 1) != 1)
			_exit(1);
		for (;;)
			pause();
	}
	close(pfd[1]);
	T_CHECK(read(pfd[0], &c, 1) == 1);
	close(pfd[0]);

	fd = lock_acquire(dir, err, sizeof err);
	snprintf(want, sizeof want, "project is open in another reel "
	    "(pid %ld on %s)", (long)pid, host);
	T_CHECKF(fd == -1 && strcmp(err, want) == 0, "%d '%s'", fd, err);

	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	T_CHECK(access(lock_path(), F_OK) == 0);	/* left behind */
	fd = lock_acquire(dir, err, sizeof err);
	T_CHECKF(fd >= 0, "%s", err);
	snprintf(want, sizeof want, "pid=%ld\nhost=%s\n", (long)getpid(), host);
	T_CHECK(file_is(lock_path(), want));
	r = acquire_in_child(err, sizeof err);
	T_CHECK(r == -1);
	lock_release(fd, dir);
}

/* Many processes take and drop the lock; never two at once, even when one
 * opens the file just before the holder unlinks it. */
static void
test_race(void)
{
	atomic_int *shared;
	int i, k, status, ok = 1;
	pid_t pids[8];

	shared = mmap(NULL, 2 * sizeof *shared, PROT_READ | PROT_WRITE,
	    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (shared == MAP_FAILED)
		return;
	atomic_store(&shared[0], 0);
	atomic_store(&shared[1], 0);
	for (i = 0; i < 8; i++) {
		if ((pids[i] = fork()) == 0) {
			char err[256];
			int fd;

			for (k = 0; k < 300; k++) {
				if ((fd = lock_acquire(dir, err,
				    sizeof err)) < 0)
					continue;
				if (atomic_fetch_add(&shared[0], 1) != 0)
					atomic_fetch_add(&shared[1], 1);
				usleep(50);
				atomic_fetch_sub(&shared[0], 1);
				lock_release(fd, dir);
			}
			_exit(0);
		}
	}
	for (i = 0; i < 8; i++) {
		waitpid(pids[i], &status, 0);
		ok &= WIFEXITED(status) && WEXITSTATUS(status) == 0;
	}
	T_CHECK(ok);
	T_CHECKF(atomic_load(&shared[1]) == 0, "%d times two holders",
	    atomic_load(&shared[1]));
	munmap(shared, 2 * sizeof *shared);
}

/* Root writes anywhere, so the child becomes nobody first. */
static void
test_read_only(void)
{
	char err[256] = "", ro[128];
	int r, status, pfd[2];
	ssize_t n;
	pid_t pid;

	snprintf(ro, sizeof ro, "%s/ro", dir);
	mkdir(ro, 0555);
	chmod(ro, 0555);
	if (pipe(pfd) != 0)
		return;
	if ((pid = fork()) == 0) {
		close(pfd[0]);
		if (geteuid() == 0 && (setgid(65534) != 0 ||
		    setuid(65534) != 0))
			_exit(50);
		r = lock_acquire(ro, err, sizeof err);
		if (write(pfd[1], err, strlen(err)) < 0)
			_exit(99);
		_exit(r < 0 ? -r : 0);
	}
	close(pfd[1]);
	n = read(pfd[0], err, sizeof err - 1);
	err[n > 0 ? n : 0] = '\0';
	close(pfd[0]);
	waitpid(pid, &status, 0);
	if (WIFEXITED(status) && WEXITSTATUS(status) == 50) {
		printf("note: cannot drop root: read-only directory not "
		    "tested\n");
	} else {
		T_CHECKF(WIFEXITED(status) && WEXITSTATUS(status) == 2,
		    "status %d", status);
		T_CHECKF(strcmp(err, "project directory is read-only: "
		    "opening read-only") == 0, "'%s'", err);
	}
	rmdir(ro);

	/* a missing directory is an error, not a read-only project */
	snprintf(ro, sizeof ro, "%s/missing", dir);
	r = lock_acquire(ro, err, sizeof err);
	T_CHECKF(r == -1 && strstr(err, "No such file or directory") != NULL,
	    "%d '%s'", r, err);
}

int
main(void)
{
	if (gethostname(host, sizeof host) != 0)
		strcpy(host, "unknown");
	snprintf(dir, sizeof dir, "/tmp/reel-lock-XXXXXX");
	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	chmod(dir, 0755);	/* the read-only test's child is nobody */
	test_basic();
	test_stale();
	test_race();
	test_read_only();
	unlink(lock_path());
	rmdir(dir);
	T_DONE();
}
