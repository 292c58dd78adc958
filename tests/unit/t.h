/* t.h - the smallest test harness: checks count, failures print where. */
#ifndef REEL_T_H
#define REEL_T_H

#include <stdio.h>
#include <stdlib.h>

static int t_failed, t_checked;

#define T_CHECK(cond) do { \
	t_checked++; \
	if (!(cond)) { \
		t_failed++; \
		fprintf(stderr, "%s:%d: check failed: %s\n", \
		    __FILE__, __LINE__, #cond); \
	} \
} while (0)

#define T_CHECKF(cond, ...) do { \
	t_checked++; \
	if (!(cond)) { \
		t_failed++; \
		fprintf(stderr, "%s:%d: check failed: %s: ", \
		    __FILE__, __LINE__, #cond); \
		fprintf(stderr, __VA_ARGS__); \
		fputc('\n', stderr); \
	} \
} while (0)

/* Ends main(): prints a summary, exit status 1 when anything failed. */
#define T_DONE() do { \
	printf("%d checks, %d failed\n", t_checked, t_failed); \
	return t_failed ? 1 : (t_checked ? 0 : 1); \
} while (0)

#endif
