/* runstat.c - runs a command and prints what it cost, for bench.sh.
 *
 *	runstat [-o FILE] [-p] COMMAND [ARG...]
 *
 * prints (to FILE, or stderr) one line:
 *
 *	WALL_S MAXRSS_KB USER_S SYS_S STATUS [ANON_KB SHMEM_KB]
 *
 * GNU time does the same, but its wall clock has only 10 ms steps and it
 * is not installed everywhere; wait4() gives the child's own peak RSS (the
 * largest of it and the children it waited for) and its CPU time exactly.
 *
 * Peak RSS counts shared pages the process has touched: a JACK client, for
 * one, maps the server's ~100 MB of port buffers.  With -p the child's
 * /proc/PID/status is also read every 5 ms, and the largest RssAnon (its
 * private memory) and RssShmem seen are added to the line.
 *
 * The command's stdin, stdout and stderr are left alone.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double
runstat_secs(const struct timeval *tv)
{
	return tv->tv_sec + tv->tv_usec / 1e6;
}

/* Raises *anon and *shmem to what /proc/PID/status says now. */
static void
runstat_poll(pid_t pid, long *anon, long *shmem)
{
	char path[64], line[256];
	FILE *f;
	long v;

	snprintf(path, sizeof path, "/proc/%ld/status", (long)pid);
	if ((f = fopen(path, "r")) == NULL)
		return;
	while (fgets(line, sizeof line, f) != NULL) {
		if (sscanf(line, "RssAnon: %ld", &v) == 1 && v > *anon)
			*anon = v;
		if (sscanf(line, "RssShmem: %ld", &v) == 1 && v > *shmem)
			*shmem = v;
	}
	fclose(f);
}

int
main(int argc, char **argv)
{
	struct timespec t0, t1, tick = { 0, 5000000 };
	struct rusage ru;
	const char *outpath = NULL;
	FILE *out = stderr;
	long anon = 0, shmem = 0;
	pid_t pid, got;
	int status, rc, poll = 0;

	for (; argc > 1 && argv[1][0] == '-'; argc--, argv++) {
		if (strcmp(argv[1], "-p") == 0)
			poll = 1;
		else if (strcmp(argv[1], "-o") == 0 && argc > 2) {
			outpath = argv[2];
			argc--, argv++;
		} else
			break;
	}
	if (argc < 2) {
		fputs("usage: runstat [-o FILE] [-p] COMMAND [ARG...]\n",
		    stderr);
		return 2;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	pid = fork();
	if (pid < 0) {
		perror("runstat: fork");
		return 2;
	}
	if (pid == 0) {
		execvp(argv[1], argv + 1);
		fprintf(stderr, "runstat: %s: %s\n", argv[1], strerror(errno));
		_exit(127);
	}
	for (;;) {
		got = wait4(pid, &status, poll ? WNOHANG : 0, &ru);
		if (got == pid)
			break;
		if (got < 0 && errno != EINTR) {
			perror("runstat: wait4");
			return 2;
		}
		if (got == 0) {
			runstat_poll(pid, &anon, &shmem);
			nanosleep(&tick, NULL);
		}
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	rc = WIFEXITED(status) ? WEXITSTATUS(status) :
	    128 + WTERMSIG(status);
	if (outpath != NULL && (out = fopen(outpath, "w")) == NULL) {
		perror(outpath);
		return 2;
	}
	fprintf(out, "%.4f %ld %.4f %.4f %d", (t1.tv_sec - t0.tv_sec) +
	    (t1.tv_nsec - t0.tv_nsec) / 1e9, ru.ru_maxrss,
	    runstat_secs(&ru.ru_utime), runstat_secs(&ru.ru_stime), rc);
	if (poll)
		fprintf(out, " %ld %ld", anon, shmem);
	fputc('\n', out);
	if (out != stderr)
		fclose(out);
	return rc;
}
