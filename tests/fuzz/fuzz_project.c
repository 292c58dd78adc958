/* fuzz_project.c - project.ini: project_load on any bytes must fail with a
 * message or give a project; a loaded project must survive a round trip:
 * written, read back and written again, the two texts are the same.  And
 * what reel adds to a loaded project -- a take on every track that has a
 * take number left, a pass -- is written so that it loads again (numbers
 * near INT_MAX once overflowed here and made a file reel refused). */
#include "fuzz.h"

#include "project.h"

static char *
fuzz_project_text(const struct project *p, size_t *len)
{
	char *buf = NULL;
	FILE *f = open_memstream(&buf, len);

	if (f == NULL)
		abort();
	project_write(p, f);
	fclose(f);
	return buf;
}

static void
fuzz_project_grow(struct project *q, const char *path)
{
	struct project *r;
	struct take *k;
	char err[1024];
	int i;

	if (project_number_room(q, NULL, err, sizeof err) != 0)
		return;
	for (i = 0; i < q->ntracks; i++) {
		if (project_number_room(q, &q->tracks[i], err,
		    sizeof err) != 0)
			continue;
		k = project_take_add(&q->tracks[i]);
		k->file = strdup("audio/fuzz-new.wav");
		k->pass = q->next_pass;
	}
	q->next_pass++;
	if (project_save(q, err, sizeof err) != 0)
		fuzz_fail("project_save after adding takes: %s", err);
	r = project_load(q->dir, err, sizeof err);
	if (r == NULL) {
		char *text;
		size_t len;

		text = fuzz_read_file(path, &len);
		fuzz_fail("with a take and a pass added, project.ini does not "
		    "load: %s\n%s", err, text ? text : "");
	}
	project_free(r);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *dir = fuzz_fresh("project"), *path, *a, *b;
	char err[1024];
	struct project *p, *q;
	size_t alen, blen;

	if (asprintf(&path, "%s/%s", dir, PROJECT_FILE) < 0)
		abort();
	fuzz_write_file(path, data, size);
	err[0] = '\0';
	p = project_load(dir, err, sizeof err);
	if (p == NULL) {
		if (err[0] == '\0')
			fuzz_fail("project_load failed without a message");
		goto out;
	}
	a = fuzz_project_text(p, &alen);
	fuzz_write_file(path, (const uint8_t *)a, alen);
	q = project_load(dir, err, sizeof err);
	if (q == NULL)
		fuzz_fail("what project_write wrote does not load: %s\n%s",
		    err, a);
	b = fuzz_project_text(q, &blen);
	if (alen != blen || memcmp(a, b, alen) != 0)
		fuzz_fail("round trip changed the project:\n--- first\n%s"
		    "--- second\n%s", a, b);
	/* And project_save writes the same text, atomically. */
	q->readonly = false;
	if (project_save(q, err, sizeof err) != 0)
		fuzz_fail("project_save: %s", err);
	free(b);
	b = fuzz_read_file(path, &blen);
	if (b == NULL || alen != blen || memcmp(a, b, alen) != 0)
		fuzz_fail("project_save wrote other text than project_write");
	fuzz_project_grow(q, path);
	free(a);
	free(b);
	project_free(q);
	project_free(p);
out:
	free(path);
	free(dir);
	return 0;
}
