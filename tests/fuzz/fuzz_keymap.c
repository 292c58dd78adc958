/* fuzz_keymap.c - keymaps/NAME.ini: keymap_load on any bytes reports its bad
 * lines and keeps only good bindings.
 *
 * Properties: every binding kept passes keymap_check and is what
 * keymap_lookup finds; every key's name (keymap_key_name) parses back to
 * the same key; the first line, taken as a key name, either fails to
 * parse or names a key whose name parses back to it.
 */
#include "fuzz.h"

#include "keymap.h"

static int fuzz_keymap_warnings;

static void
fuzz_keymap_warn(void *arg, const char *msg)
{
	(void)arg;
	if (msg[0] == '\0')
		fuzz_fail("empty warning");
	fuzz_keymap_warnings++;
}

static void
fuzz_keymap_name(int key)
{
	char name[64];
	int back;

	keymap_key_name(key, name, sizeof name);
	if (keymap_key_parse(name, &back) != 0)
		fuzz_fail("the name '%s' of key %d does not parse", name, key);
	if (back != key)
		fuzz_fail("the name '%s' of key %d parses as key %d", name,
		    key, back);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *dir = fuzz_fresh("keymap"), *path, *text, *nl, err[512];
	struct keymap km;
	int s, i, nbad = -1, key;

	if (asprintf(&path, "%s/keys.ini", dir) < 0)
		abort();
	fuzz_write_file(path, data, size);
	keymap_init(&km);
	fuzz_keymap_warnings = 0;
	if (keymap_load(&km, path, fuzz_keymap_warn, NULL, &nbad) != 0)
		fuzz_fail("keymap_load of a readable file failed");
	if (nbad != fuzz_keymap_warnings)
		fuzz_fail("%d bad lines but %d warnings", nbad,
		    fuzz_keymap_warnings);
	for (s = 0; s < KEYMAP_NSECTIONS; s++)
		for (i = 0; i < km.n[s]; i++) {
			const struct keymap_binding *b = &km.b[s][i];

			keymap_check(b->text, err, sizeof err);
			if (err[0] != '\0')
				fuzz_fail("kept binding '%s' is bad: %s",
				    b->text, err);
			if (keymap_lookup(&km, s, b->key) != b->text)
				fuzz_fail("lookup of a bound key");
			fuzz_keymap_name(b->key);
		}
	keymap_free(&km);

	text = fuzz_string(data, size);
	if ((nl = strchr(text, '\n')) != NULL)
		*nl = '\0';
	if (keymap_key_parse(text, &key) == 0)
		fuzz_keymap_name(key);
	free(text);
	free(path);
	free(dir);
	return 0;
}
