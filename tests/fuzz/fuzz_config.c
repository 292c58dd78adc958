/* fuzz_config.c - config.ini: config_load on any bytes reports what it
 * skips and keeps every setting valid; every value it holds formats to
 * text that config_set takes back unchanged. */
#include "fuzz.h"

#include "config.h"

static int fuzz_config_warnings;

static void
fuzz_config_warn(void *arg, const char *msg)
{
	(void)arg;
	if (msg[0] == '\0')
		fuzz_fail("empty warning");
	fuzz_config_warnings++;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *dir = fuzz_fresh("config"), *path, buf[512], err[512];
	struct config c, d;
	size_t i;
	int rc;

	if (asprintf(&path, "%s/config.ini", dir) < 0)
		abort();
	fuzz_write_file(path, data, size);
	config_defaults(&c);
	rc = config_load(&c, path, fuzz_config_warn, NULL);
	if (rc != 0)
		fuzz_fail("config_load of a readable file returned %d", rc);
	config_defaults(&d);
	for (i = 0; i < config_noptions; i++) {
		const struct config_option *o = &config_options[i];

		config_format(&c, o, buf, sizeof buf);
		if (config_set(&d, o->name, buf, err, sizeof err) != 0)
			fuzz_fail("%s: the loaded value '%s' does not read "
			    "back: %s", o->name, buf, err);
	}
	if (memcmp(&c, &d, sizeof c) != 0) {
		/* Strings: compare only up to their terminators. */
		for (i = 0; i < config_noptions; i++) {
			const struct config_option *o = &config_options[i];
			char x[512], y[512];

			config_format(&c, o, x, sizeof x);
			config_format(&d, o, y, sizeof y);
			if (strcmp(x, y) != 0)
				fuzz_fail("%s: '%s' read back as '%s'",
				    o->name, x, y);
		}
	}
	free(path);
	free(dir);
	return 0;
}
