/* driver.c - replays fuzz inputs without libFuzzer: each argument is a
 * file or a directory of files, run through LLVMFuzzerTestOneInput() in
 * name order.  Built with gcc and the sanitizers by
 * tests/e2e/rel_fuzz_regress.sh; a failing property or a sanitizer report
 * ends it with a non-zero status. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

static int driver_count;

static void
driver_file(const char *path)
{
	size_t len;
	char *buf = fuzz_read_file(path, &len);

	if (buf == NULL) {
		perror(path);
		exit(2);
	}
	if (getenv("FUZZ_VERBOSE") != NULL)
		fprintf(stderr, "replay %s\n", path);
	LLVMFuzzerTestOneInput((const uint8_t *)buf, len);
	free(buf);
	driver_count++;
}

static int
driver_cmp(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static void
driver_path(const char *path)
{
	struct dirent **list;
	struct stat st;
	char sub[4096];
	int i, n;

	if (stat(path, &st) != 0) {
		perror(path);
		exit(2);
	}
	if (!S_ISDIR(st.st_mode)) {
		driver_file(path);
		return;
	}
	n = scandir(path, &list, NULL, driver_cmp);
	for (i = 0; i < n; i++) {
		if (list[i]->d_name[0] != '.') {
			snprintf(sub, sizeof sub, "%s/%s", path,
			    list[i]->d_name);
			driver_path(sub);
		}
		free(list[i]);
	}
	free(list);
}

int
main(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++)
		driver_path(argv[i]);
	printf("%d inputs replayed\n", driver_count);
	return 0;
}
