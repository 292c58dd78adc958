/* fuzz.h - what the fuzz targets share: a private scratch directory and
 * file helpers.  Each target defines LLVMFuzzerTestOneInput(); it is linked
 * either with libFuzzer (tests/fuzz/run.sh, `make fuzz`) or with driver.c,
 * which replays the corpus and the regression inputs (tests/e2e/
 * rel_fuzz_regress.sh, `make test`).
 *
 * A property that does not hold calls fuzz_fail(), which aborts: libFuzzer
 * keeps the input as a crash, the replay driver exits non-zero.
 */
#ifndef REEL_FUZZ_H
#define REEL_FUZZ_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define fuzz_fail(...) do { \
	fprintf(stderr, "fuzz property failed at %s:%d: ", __FILE__, \
	    __LINE__); \
	fprintf(stderr, __VA_ARGS__); \
	fputc('\n', stderr); \
	abort(); \
} while (0)

/* A directory of this process's own, on tmpfs when there is one (every
 * save fsyncs; on tmpfs that costs nothing).  Removed at exit. */
static char fuzz_dir_buf[256];

static __attribute__((unused)) int
fuzz_rm_one(const char *path, const struct stat *st, int flag,
    struct FTW *ftw)
{
	(void)st; (void)flag; (void)ftw;
	remove(path);
	return 0;
}

static __attribute__((unused)) void
fuzz_rm_rf(const char *path)
{
	nftw(path, fuzz_rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

static __attribute__((unused)) void
fuzz_cleanup(void)
{
	if (fuzz_dir_buf[0] != '\0')
		fuzz_rm_rf(fuzz_dir_buf);
}

static __attribute__((unused)) const char *
fuzz_dir(void)
{
	const char *base;

	if (fuzz_dir_buf[0] != '\0')
		return fuzz_dir_buf;
	base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" :
	    getenv("TMPDIR") != NULL ? getenv("TMPDIR") : "/tmp";
	snprintf(fuzz_dir_buf, sizeof fuzz_dir_buf, "%s/reel-fuzz.XXXXXX",
	    base);
	if (mkdtemp(fuzz_dir_buf) == NULL) {
		perror("reel fuzz: mkdtemp");
		exit(2);
	}
	atexit(fuzz_cleanup);
	return fuzz_dir_buf;
}

/* Empties and recreates dir/sub; returns the heap path. */
static __attribute__((unused)) char *
fuzz_fresh(const char *sub)
{
	char *p;

	if (asprintf(&p, "%s/%s", fuzz_dir(), sub) < 0)
		abort();
	fuzz_rm_rf(p);
	if (mkdir(p, 0777) != 0) {
		perror(p);
		abort();
	}
	return p;
}

static __attribute__((unused)) void
fuzz_write_file(const char *path, const uint8_t *data, size_t size)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);

	if (fd < 0 || (size > 0 && write(fd, data, size) != (ssize_t)size)) {
		perror(path);
		abort();
	}
	close(fd);
}

/* The input as a NUL-terminated string (NULs inside end it early). */
static __attribute__((unused)) char *
fuzz_string(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	if (s == NULL)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

/* The whole of a file, heap; *len its size.  NULL if unreadable. */
static __attribute__((unused)) char *
fuzz_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n;

	*len = 0;
	if (f == NULL)
		return NULL;
	for (;;) {
		if (cap - *len < 4096) {
			cap = cap ? cap * 2 : 8192;
			buf = realloc(buf, cap);
			if (buf == NULL)
				abort();
		}
		n = fread(buf + *len, 1, cap - *len, f);
		if (n == 0)
			break;
		*len += n;
	}
	fclose(f);
	return buf;
}

#endif
