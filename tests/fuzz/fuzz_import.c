/* fuzz_import.c - audio import: any bytes written to a file named .wav and
 * imported with the `import` command.  libsndfile parses it; reel must take
 * whatever libsndfile returns: import it whole or refuse it with a
 * message, never crash, and leave a project that loads.
 *
 * Properties: on success the new take's file is a WAV libsndfile reads
 * with the take's length and channels at the project rate; on failure the
 * project is unchanged and no take file is left behind.
 */
#include "fuzz.h"

#include <dirent.h>
#include <sndfile.h>

#include "cmd.h"
#include "config.h"
#include "project.h"
#include "session.h"
#include "wavfile.h"

static int fuzz_import_errors;

static void
fuzz_import_msg(void *arg, enum msg_kind kind, const char *text)
{
	(void)arg;
	if (kind == MSG_ERROR) {
		if (text[0] == '\0')
			fuzz_fail("empty error message");
		fuzz_import_errors++;
	}
	if (getenv("FUZZ_VERBOSE") != NULL)
		fprintf(stderr, "  [%d] %s\n", kind, text);
}

static int
fuzz_import_count(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int n = 0;

	if (d == NULL)
		return 0;
	while ((de = readdir(d)) != NULL)
		if (de->d_name[0] != '.')
			n++;
	closedir(d);
	return n;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *dir = fuzz_fresh("import"), *src, *proj, *audio, *cmd, *path;
	char err[1024];
	struct session s;
	struct project *q;
	struct track *t;
	struct take *k;
	SF_INFO info;
	SNDFILE *sf;
	int rc;

	if (asprintf(&src, "%s/in.wav", dir) < 0 ||
	    asprintf(&proj, "%s/song", dir) < 0 ||
	    asprintf(&audio, "%s/audio", proj) < 0 ||
	    asprintf(&cmd, "import %s track=x", src) < 0)
		abort();
	fuzz_write_file(src, data, size);
	memset(&s, 0, sizeof s);
	config_defaults(&s.cfg);
	s.lock_fd = -1;
	strcpy(s.capture, "reel_fuzz_no_such_device");
	strcpy(s.playback, "reel_fuzz_no_such_device");
	s.device_forced = true;
	s.msg = fuzz_import_msg;
	s.p = project_create(proj, 48000, WAVFILE_PCM24, err, sizeof err);
	if (s.p == NULL)
		fuzz_fail("project_create: %s", err);
	fuzz_import_errors = 0;
	rc = cmd_run(&s, cmd);
	t = project_track(s.p, "x");
	if (rc != 0) {
		if (fuzz_import_errors == 0)
			fuzz_fail("import failed without a message");
		if (t != NULL)
			fuzz_fail("a failed import added a track");
		if (fuzz_import_count(audio) != 0)
			fuzz_fail("a failed import left a file in audio/");
	} else {
		if (t == NULL || t->ntakes != 1)
			fuzz_fail("import succeeded without a take");
		k = &t->takes[0];
		if (k->length <= 0 || k->rec_end - k->rec_start != k->length)
			fuzz_fail("imported take of %lld frames",
			    (long long)k->length);
		path = project_path(s.p, k->file);
		memset(&info, 0, sizeof info);
		sf = sf_open(path, SFM_READ, &info);
		if (sf == NULL)
			fuzz_fail("the imported take does not open: %s",
			    sf_strerror(NULL));
		if (info.frames != k->length || info.channels != k->channels
		    || info.channels != t->channels ||
		    info.samplerate != s.p->rate)
			fuzz_fail("imported take: %lld frames %d ch %d Hz, "
			    "project says %lld frames %d ch",
			    (long long)info.frames, info.channels,
			    info.samplerate, (long long)k->length,
			    k->channels);
		sf_close(sf);
		free(path);
	}
	q = project_load(proj, err, sizeof err);
	if (q == NULL)
		fuzz_fail("the project does not load after import: %s", err);
	project_free(q);
	session_close(&s);
	free(cmd);
	free(audio);
	free(proj);
	free(src);
	free(dir);
	return 0;
}
