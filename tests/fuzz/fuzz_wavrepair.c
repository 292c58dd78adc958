/* fuzz_wavrepair.c - wavfile_repair on any bytes: it must refuse what it
 * did not write, and otherwise leave a file whose header covers exactly
 * the whole frames in it, that libsndfile reads with that many frames, and
 * that a second repair leaves alone.  Never a crash, a write out of bounds
 * or a loop. */
#include "fuzz.h"

#include <sndfile.h>

#include "wavfile.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *dir = fuzz_fresh("repair"), *path, err[512];
	char *a, *b;
	size_t alen, blen;
	int64_t frames = -1, again = -1;
	SF_INFO info;
	SNDFILE *sf;

	if (asprintf(&path, "%s/take.wav", dir) < 0)
		abort();
	fuzz_write_file(path, data, size);
	err[0] = '\0';
	if (wavfile_repair(path, &frames, err, sizeof err) != 0) {
		if (err[0] == '\0')
			fuzz_fail("wavfile_repair failed silently");
		a = fuzz_read_file(path, &alen);
		if (alen != size || (size > 0 && memcmp(a, data, size) != 0))
			fuzz_fail("a refused file was changed");
		free(a);
		goto out;
	}
	if (frames < 0)
		fuzz_fail("repair gave %lld frames", (long long)frames);
	if (frames > (int64_t)size)
		fuzz_fail("repair gave %lld frames from %zu bytes",
		    (long long)frames, size);
	a = fuzz_read_file(path, &alen);
	if (wavfile_repair(path, &again, err, sizeof err) != 0)
		fuzz_fail("a repaired file does not repair again: %s", err);
	b = fuzz_read_file(path, &blen);
	if (again != frames || alen != blen || memcmp(a, b, alen) != 0)
		fuzz_fail("a second repair changed the file (%lld -> %lld "
		    "frames, %zu -> %zu bytes)", (long long)frames,
		    (long long)again, alen, blen);
	memset(&info, 0, sizeof info);
	sf = sf_open(path, SFM_READ, &info);
	if (sf == NULL)
		fuzz_fail("libsndfile does not read a repaired file: %s",
		    sf_strerror(NULL));
	if (info.frames != frames)
		fuzz_fail("repair says %lld frames, libsndfile %lld",
		    (long long)frames, (long long)info.frames);
	sf_close(sf);
	free(a);
	free(b);
out:
	free(path);
	free(dir);
	return 0;
}
