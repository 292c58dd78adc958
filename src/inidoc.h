/* inidoc.h - an INI text as an ordered list of (section, key, value)
 * lines, as inih delivers them: for code that selects, compares and
 * merges parts of project.ini without knowing each key (versions).
 * A continued value is several entries of the same key, kept in order,
 * so that writing the entries back gives the same value.
 */
#ifndef REEL_INIDOC_H
#define REEL_INIDOC_H

#include <stdbool.h>
#include <stdio.h>

struct inidoc_entry {
	char *section, *key, *value;
};

struct inidoc {
	struct inidoc_entry *v;
	int n;
};

/* Parses text (sections without keys are dropped).  0, or the line inih
 * could not read. */
int inidoc_parse(struct inidoc *d, const char *text);
int inidoc_read(struct inidoc *d, FILE *f);
void inidoc_add(struct inidoc *d, const char *section, const char *key,
    const char *value);
void inidoc_free(struct inidoc *d);
/* Writes the entries, a [section] line where the section changes. */
void inidoc_write(const struct inidoc *d, FILE *f);
/* The value of section/key (its first piece), or NULL. */
const char *inidoc_get(const struct inidoc *d, const char *section,
    const char *key);
bool inidoc_has_section(const struct inidoc *d, const char *section);
/* Whether two documents hold the same entries in the same order. */
bool inidoc_equal(const struct inidoc *a, const struct inidoc *b);

#endif
