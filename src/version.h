/* version.h - mix versions: the mix and master state of a project, kept
 * beside it as readable text (versions/vN.ini), while the audio is shared.
 *
 * A version is not per-parameter code: it is the part of project.ini that
 * version_table (version.c) selects -- whole sections of some kinds (bus,
 * fx, auto), some keys of others (a track's gain, pan, mute, solo, route
 * and sends; the master gain).  A new mix-related section or key is one
 * line in that table.  Loading a version puts its entries in place of the
 * project's own; strips the version does not know (tracks added since)
 * keep theirs.
 */
#ifndef REEL_VERSION_H
#define REEL_VERSION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "inidoc.h"

struct project;

#define VERSION_DIR "versions"
#define VERSION_NAME_MAX 32
#define VERSION_MAX 99999

struct version {
	int number;
	char name[VERSION_NAME_MAX + 1];	/* "" none */
	char *note;				/* never NULL */
	char date[32];				/* "2026-12-02 03:10" */
	struct inidoc mix;
};

/* Whether section/key belongs to the mix. */
bool version_selects(const char *section, const char *key);
/* The mix entries of a project.ini text. */
void version_mix(const char *project_text, struct inidoc *mix);
/* The project's text with `mix` in place of its own mix (heap). */
char *version_apply(const char *project_text, const struct inidoc *mix);

/* 1..32 of [A-Za-z0-9_.-], not starting with '.'; 0 or -1 with err. */
int version_name_ok(const char *name, char *err, size_t errlen);
/* Reads versions/vN.ini.  0, or -1 with err. */
int version_read(const struct project *p, int n, struct version *v,
    char *err, size_t errlen);
/* Writes versions/vN.ini atomically.  0, or -1 with err. */
int version_write(const struct project *p, const struct version *v,
    char *err, size_t errlen);
void version_free(struct version *v);
/* The numbers of the saved versions, ascending (heap; *n their count). */
int *version_list(const struct project *p, int *n);
/* The number the next version-save takes. */
int version_next(const struct project *p);
/* The version the project's mix was last saved or loaded as (0 none),
 * and whether the mix changed since (true too when the file is gone). */
int version_current(const struct project *p, bool *changed);
/* Today as "YYYY-MM-DD HH:MM" (local time). */
void version_now(char *buf, size_t size);

/* version_diff.c: each parameter that differs from mix a to mix b, one
 * line each ("vox: gain -1.5 dB -> -3.0 dB"), to f.  Returns the count. */
int version_diff(const struct inidoc *a, const struct inidoc *b, FILE *f);

#endif
