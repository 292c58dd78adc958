/* request.h - revision requests: notes from a producer or an artist
 * pinned to a time ("1:23 vocal too loud in the chorus"), open or done,
 * with who asked, the reply and the mix version that addressed them.
 *
 * They live in requests.ini in the project (one section per request,
 * one fact per line, written atomically), apart from project.ini: a
 * conversation is not undone with the mix.
 */
#ifndef REEL_REQUEST_H
#define REEL_REQUEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct project;

#define REQUEST_FILE "requests.ini"

struct request {
	int id;			/* from 1, never reused */
	int64_t frame;		/* where it is about */
	char *text, *by, *reply;	/* never NULL */
	bool done;
	int version;		/* the version that addressed it; 0: the
				   next one saved (done), none (open) */
	char asked[32], answered[32];	/* "YYYY-MM-DD HH:MM" */
};

struct requests {
	struct request *v;	/* by id */
	int n;
	int next;		/* the next request's id */
};

/* Reads requests.ini (missing: none).  0, or -1 with err. */
int requests_load(const struct project *p, struct requests *r, char *err,
    size_t errlen);
int requests_save(const struct project *p, const struct requests *r,
    char *err, size_t errlen);
void requests_free(struct requests *r);
struct request *requests_find(struct requests *r, int id);
struct request *requests_add(struct requests *r);
/* The file's requests, read again only when it changed (for screens
 * that draw often); never NULL, empty when unreadable. */
const struct requests *requests_cached(const struct project *p);

#endif
