/* test_atomicfile.c - the file is always the old or the new version. */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "atomicfile.h"
#include "t.h"

static char dir[64];

static char *
path_in(const char *name)
{
	static char buf[4][256];
	static int n;

	n = (n + 1) % 4;
	snprintf(buf[n], sizeof buf[n], "%s/%s", dir, name);
	return buf[n];
}

/* The whole file, or NULL. */
static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (f == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = malloc(n + 1);
	*len = fread(buf, 1, n, f);
	buf[*len] = '\0';
	fclose(f);
	return buf;
}

static int
has_content(const char *path, const char *want)
{
	size_t len;
	char *got = slurp(path, &len);
	int same = got != NULL && len == strlen(want) &&
	    memcmp(got, want, len) == 0;

	free(got);
	return same;
}

/* Number of "*.tmp.*" files in dir; removes them when asked. */
static int
temps(int remove)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int n = 0;

	while ((de = readdir(d)) != NULL) {
		if (strstr(de->d_name, ".tmp.") != NULL) {
			n++;
			if (remove) {
				char tmp[512];

				snprintf(tmp, sizeof tmp, "%s/%s", dir,
				    de->d_name);
				unlink(tmp);
			}
		}
	}
	closedir(d);
	return n;
}

static int
save(const char *path, const char *content, char *err, size_t errlen)
{
	struct atomicfile *af = atomicfile_open(path, err, errlen);

	if (af == NULL)
		return -1;
	fputs(content, atomicfile_stream(af));
	return atomicfile_commit(af, err, errlen);
}

static void
test_commit_abort(void)
{
	struct atomicfile *af;
	struct stat st;
	char err[256];
	const char *p = path_in("project.ini");

	T_CHECK(save(p, "first\n", err, sizeof err) == 0);
	T_CHECK(has_content(p, "first\n"));
	T_CHECK(temps(0) == 0);
	T_CHECK(save(p, "second\n", err, sizeof err) == 0);
	T_CHECK(has_content(p, "second\n"));
	T_CHECK(temps(0) == 0);

	af = atomicfile_open(p, err, sizeof err);
	T_CHECK(af != NULL);
	fputs("never\n", atomicfile_stream(af));
	fflush(atomicfile_stream(af));
	T_CHECK(temps(0) == 1);
	atomicfile_abort(af);
	T_CHECK(has_content(p, "second\n"));
	T_CHECK(temps(0) == 0);

	/* a replaced file keeps its permissions */
	chmod(p, 0600);
	T_CHECK(save(p, "third\n", err, sizeof err) == 0);
	T_CHECK(stat(p, &st) == 0 && (st.st_mode & 07777) == 0600);
	T_CHECK(has_content(p, "third\n"));

	/* a stale temp of our pid (a crash before pid reuse) is no obstacle */
	{
		char stale[300];
		FILE *f;

		snprintf(stale, sizeof stale, "%s.tmp.%ld", p, (long)getpid());
		f = fopen(stale, "w");
		fputs("stale", f);
		fclose(f);
		T_CHECK(save(p, "fourth\n", err, sizeof err) == 0);
		T_CHECK(has_content(p, "fourth\n"));
		T_CHECK(temps(0) == 0);
	}
}

static void
test_failures(void)
{
	char err[256] = "";
	const char *p = path_in("project.ini");
	const char *sub = path_in("sub");
	char inside[300];

	T_CHECK(save(p, "old\n", err, sizeof err) == 0);

	/* the directory does not exist */
	T_CHECK(save(path_in("missing/project.ini"), "x", err, sizeof err) ==
	    -1);
	T_CHECKF(strstr(err, "save ") == err &&
	    strstr(err, "missing/project.ini: No such file or directory") !=
	    NULL, "%s", err);

	/* the target is a directory with something in it: refused before
	 * anything is written, naming it */
	mkdir(sub, 0755);
	snprintf(inside, sizeof inside, "%s/keep", sub);
	fclose(fopen(inside, "w"));
	err[0] = '\0';
	T_CHECK(save(sub, "x", err, sizeof err) == -1);
	T_CHECKF(strstr(err, "sub is a directory, not a regular file") !=
	    NULL, "%s", err);
	T_CHECK(access(inside, F_OK) == 0);
	T_CHECK(temps(0) == 0);
	T_CHECK(has_content(p, "old\n"));
}

/* Writing fails for lack of room (a file size limit stands in for a full
 * disk): the old file stays, the temp goes, the message says why. */
static void
test_no_room(void)
{
	const char *p = path_in("big.ini");
	char err[256];
	int status;
	pid_t pid;

	T_CHECK(save(p, "small\n", err, sizeof err) == 0);
	if ((pid = fork()) == 0) {
		struct rlimit rl = { 4096, 4096 };
		struct atomicfile *af;
		int i;

		signal(SIGXFSZ, SIG_IGN);
		setrlimit(RLIMIT_FSIZE, &rl);
		af = atomicfile_open(p, err, sizeof err);
		if (af == NULL)
			_exit(2);
		for (i = 0; i < 10000; i++)
			fputs("0123456789\n", atomicfile_stream(af));
		if (atomicfile_commit(af, err, sizeof err) == 0)
			_exit(3);
		if (strstr(err, "File too large") == NULL) {
			fprintf(stderr, "message: %s\n", err);
			_exit(4);
		}
		_exit(0);
	}
	waitpid(pid, &status, 0);
	T_CHECKF(WIFEXITED(status) && WEXITSTATUS(status) == 0, "status %d",
	    status);
	T_CHECK(has_content(p, "small\n"));
	T_CHECK(temps(0) == 0);
}

/* A directory the user may not write.  Root writes anyway, so the child
 * becomes nobody first. */
static void
test_read_only_dir(void)
{
	char ro[300], target[400], err[256];
	int status;
	pid_t pid;

	snprintf(ro, sizeof ro, "%s/ro", dir);
	mkdir(ro, 0755);
	snprintf(target, sizeof target, "%s/project.ini", ro);
	T_CHECK(save(target, "old\n", err, sizeof err) == 0);
	chmod(target, 0644);
	chmod(ro, 0555);
	if ((pid = fork()) == 0) {
		if (geteuid() == 0 && (setgid(65534) != 0 ||
		    setuid(65534) != 0))
			_exit(5);
		if (save(target, "new\n", err, sizeof err) == 0)
			_exit(3);
		if (strstr(err, "Permission denied") == NULL) {
			fprintf(stderr, "message: %s\n", err);
			_exit(4);
		}
		_exit(0);
	}
	waitpid(pid, &status, 0);
	if (WIFEXITED(status) && WEXITSTATUS(status) == 5)
		printf("note: cannot drop root: read-only directory not "
		    "tested\n");
	else
		T_CHECKF(WIFEXITED(status) && WEXITSTATUS(status) == 0,
		    "status %d", status);
	T_CHECK(has_content(target, "old\n"));
	chmod(ro, 0755);
	unlink(target);
	rmdir(ro);
}

/* A child saves A and B in turn; killed at random moments, it must leave
 * exactly A or B, never a mix, a truncation or nothing. */
static void
test_kill(void)
{
	char p[256], *a, *b, err[256];
	int i, status, ok = 1, seen_a = 0, seen_b = 0, left = 0;
	size_t n;
	pid_t pid;

	/* path_in() recycles its buffers: keep a copy for the long loop */
	snprintf(p, sizeof p, "%s", path_in("song.ini"));
	a = malloc(200001);
	b = malloc(60001);
	for (n = 0; n < 200000; n++)
		a[n] = n % 64 == 63 ? '\n' : 'a' + n % 26;
	a[n] = '\0';
	for (n = 0; n < 60000; n++)
		b[n] = n % 40 == 39 ? '\n' : 'B';
	b[n] = '\0';
	T_CHECK(save(p, a, err, sizeof err) == 0);
	srand((unsigned)time(NULL));

	for (i = 0; i < 150; i++) {
		if ((pid = fork()) == 0) {
			for (n = 0;; n++) {
				if (save(p, n % 2 ? a : b, err, sizeof err))
					_exit(1);
			}
		}
		usleep(rand() % 20000);
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
		if (!WIFSIGNALED(status)) {
			ok = 0;
			fprintf(stderr, "child ended by itself: %d\n", status);
		}
		if (has_content(p, a))
			seen_a++;
		else if (has_content(p, b))
			seen_b++;
		else {
			ok = 0;
			fprintf(stderr, "after kill %d: neither A nor B\n", i);
		}
		left += temps(1);
	}
	T_CHECK(ok);
	printf("kill loop: %d times A, %d times B, %d temps left by kills\n",
	    seen_a, seen_b, left);
	T_CHECK(seen_a > 0 && seen_b > 0);
	free(a);
	free(b);
}

int
main(void)
{
	const char *tmp = getenv("TMPDIR");

	snprintf(dir, sizeof dir, "%s/reel-atomic-XXXXXX",
	    tmp != NULL && strlen(tmp) < 40 ? tmp : "/tmp");
	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	chmod(dir, 0755);	/* the read-only test's child is nobody */
	test_commit_abort();
	test_failures();
	test_no_room();
	test_read_only_dir();
	test_kill();

	temps(1);
	unlink(path_in("project.ini"));
	unlink(path_in("big.ini"));
	unlink(path_in("song.ini"));
	unlink(path_in("sub/keep"));
	rmdir(path_in("sub"));
	if (rmdir(dir) != 0)
		fprintf(stderr, "rmdir %s: %s\n", dir, strerror(errno));
	T_DONE();
}
