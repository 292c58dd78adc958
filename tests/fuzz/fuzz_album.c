/* fuzz_album.c - album.ini: album_open on any bytes must fail with a
 * message or give an album; a loaded album must survive a round trip
 * (written, read back, written again: the same text, and album_save
 * writes that text), and album_from_text (undo) reads it back too. */
#include "fuzz.h"

#include "album.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *dir = fuzz_fresh("album"), *path, *a, *b;
	char err[1024];
	struct album *p, *q, *r;
	size_t blen;

	if (asprintf(&path, "%s/%s", dir, ALBUM_FILE) < 0)
		abort();
	fuzz_write_file(path, data, size);
	err[0] = '\0';
	if (album_open(dir, false, &p, err, sizeof err) != 0) {
		if (err[0] == '\0')
			fuzz_fail("album_open failed without a message");
		goto out;
	}
	a = album_text(p);
	fuzz_write_file(path, (const uint8_t *)a, strlen(a));
	if (album_open(dir, false, &q, err, sizeof err) != 0)
		fuzz_fail("what album_write wrote does not load: %s\n%s", err,
		    a);
	b = album_text(q);
	if (strcmp(a, b) != 0)
		fuzz_fail("round trip changed the album:\n--- first\n%s"
		    "--- second\n%s", a, b);
	free(b);
	if (album_save(q, err, sizeof err) != 0)
		fuzz_fail("album_save: %s", err);
	b = fuzz_read_file(path, &blen);
	if (b == NULL || blen != strlen(a) || memcmp(a, b, blen) != 0)
		fuzz_fail("album_save wrote other text than album_write");
	free(b);
	r = album_from_text(q, a, err, sizeof err);
	if (r == NULL)
		fuzz_fail("album_from_text refuses album_write's text: %s",
		    err);
	album_free(r);
	album_free(q);
	album_free(p);
	free(a);
out:
	free(path);
	free(dir);
	return 0;
}
