/* fuzz_cmd.c - the command language.
 *
 * 1. cmd_split on any text: words or a message, and it always moves on.
 * 2. cmd_run, one command at a time, against a session with a fresh
 *    project in a scratch directory and a device that cannot open (so
 *    play and record must fail cleanly, before any take exists).
 *
 * Properties: a failed command reports an error and changes nothing; after
 * every command the project in memory is what project.ini on disk says
 * (every change is saved); the saved file loads back to the same project.
 * render and import are skipped (they write or read real audio files;
 * fuzz_import covers import).
 */
#include "fuzz.h"

#include "cmd.h"
#include "config.h"
#include "project.h"
#include "session.h"
#include "wavfile.h"

static const char *const fuzz_cmd_skip[] = { "render", "import", "bounce",
    "export", NULL };

static int fuzz_cmd_errors;

static void
fuzz_cmd_msg(void *arg, enum msg_kind kind, const char *text)
{
	(void)arg;
	if (kind == MSG_ERROR) {
		if (text[0] == '\0')
			fuzz_fail("empty error message");
		fuzz_cmd_errors++;
	}
	if (getenv("FUZZ_VERBOSE") != NULL)
		fprintf(stderr, "  [%d] %s\n", kind, text);
}

static char *
fuzz_cmd_text(const struct project *p, size_t *len)
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
fuzz_cmd_split(const char *text)
{
	const char *p = text, *next;
	char **words, err[256];
	int n, i;

	while (*p != '\0') {
		err[0] = '\0';
		n = cmd_split(p, &words, &next, err, sizeof err);
		if (n < 0) {
			if (err[0] == '\0')
				fuzz_fail("cmd_split failed silently");
			return;
		}
		if (next <= p && *p != '\0')
			fuzz_fail("cmd_split does not move on");
		if (next > p + strlen(p))
			fuzz_fail("cmd_split went past the end");
		for (i = 0; i < n; i++)
			if (words[i] == NULL || strlen(words[i]) >
			    (size_t)(next - p))
				fuzz_fail("cmd_split: word %d is wrong", i);
		cmd_free_words(words, n);
		p = next;
	}
}

static bool
fuzz_cmd_skipped(const char *cmd)
{
	char **words, err[256];
	const char *next;
	bool skip = false;
	int n, i;

	n = cmd_split(cmd, &words, &next, err, sizeof err);
	if (n <= 0)
		return false;
	for (i = 0; fuzz_cmd_skip[i] != NULL; i++)
		if (strcmp(words[0], fuzz_cmd_skip[i]) == 0)
			skip = true;
	cmd_free_words(words, n);
	return skip;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_string(data, size), *dir, *ini, *one;
	char *before, *after, *disk, err[1024];
	const char *p, *next;
	struct session s;
	struct project *q;
	size_t blen, alen, dlen;
	char **words;
	int n, rc;

	fuzz_cmd_split(text);

	dir = fuzz_fresh("cmd");
	if (asprintf(&ini, "%s/%s", dir, PROJECT_FILE) < 0)
		abort();
	memset(&s, 0, sizeof s);
	config_defaults(&s.cfg);
	s.cfg.disk_reserve_mb = 0;
	s.lock_fd = -1;
	/* No such PCM: anything that needs the device fails. */
	strcpy(s.capture, "reel_fuzz_no_such_device");
	strcpy(s.playback, "reel_fuzz_no_such_device");
	s.device_forced = true;
	s.msg = fuzz_cmd_msg;
	s.p = project_create(dir, 48000, WAVFILE_PCM24, err, sizeof err);
	if (s.p == NULL)
		fuzz_fail("project_create: %s", err);

	for (p = text; *p != '\0'; p = next) {
		n = cmd_split(p, &words, &next, err, sizeof err);
		if (n < 0)
			break;
		cmd_free_words(words, n);
		one = strndup(p, (size_t)(next - p));
		if (one == NULL)
			abort();
		if (fuzz_cmd_skipped(one)) {
			free(one);
			continue;
		}
		before = fuzz_cmd_text(s.p, &blen);
		fuzz_cmd_errors = 0;
		rc = cmd_run(&s, one);
		after = fuzz_cmd_text(s.p, &alen);
		if (rc != 0 && fuzz_cmd_errors == 0)
			fuzz_fail("'%s' failed without a message", one);
		if (rc != 0 && (alen != blen || memcmp(before, after, alen)))
			fuzz_fail("'%s' failed but changed the project:\n"
			    "--- before\n%s--- after\n%s", one, before, after);
		if (s.state != TRANSPORT_STOPPED || s.dev != NULL)
			fuzz_fail("'%s' got a device that cannot open", one);
		disk = fuzz_read_file(ini, &dlen);
		if (disk == NULL || dlen != alen || memcmp(disk, after, alen))
			fuzz_fail("after '%s' project.ini is not the project "
			    "in memory:\n--- memory\n%s--- disk\n%.*s", one,
			    after, (int)dlen, disk ? disk : "");
		free(disk);
		free(before);
		free(after);
		free(one);
	}

	/* What was saved loads back as the same project. */
	q = project_load(dir, err, sizeof err);
	if (q == NULL)
		fuzz_fail("the saved project does not load: %s", err);
	before = fuzz_cmd_text(s.p, &blen);
	after = fuzz_cmd_text(q, &alen);
	if (alen != blen || memcmp(before, after, alen) != 0)
		fuzz_fail("the saved project loads differently:\n--- saved\n"
		    "%s--- loaded\n%s", before, after);
	free(before);
	free(after);
	project_free(q);
	session_close(&s);
	free(ini);
	free(dir);
	free(text);
	return 0;
}
