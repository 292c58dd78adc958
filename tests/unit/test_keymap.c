/* test_keymap.c - key names, binding files, fallback to the default. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <curses.h>

#include "keymap.h"
#include "t.h"

static char warnings[8192];
static int nwarn;

static void
warn(void *arg, const char *msg)
{
	size_t len = strlen(warnings);

	snprintf(warnings + len, sizeof warnings - len, "%s\n", msg);
	nwarn++;
}

static void
test_key_names(void)
{
	static const char *const names[] = { "a", "Z", "?", ":", "space",
	    "enter", "esc", "tab", "S-tab", "backspace", "delete", "up",
	    "down", "left", "right", "home", "end", "pgup", "pgdn", "F1",
	    "F12", "C-a", "C-x", "equal", "hash", "semicolon", "lbracket",
	    "]", "+", "\xc3\xa9", NULL };
	char buf[32];
	int i, key, key2;

	for (i = 0; names[i] != NULL; i++) {
		T_CHECKF(keymap_key_parse(names[i], &key) == 0, "%s",
		    names[i]);
		keymap_key_name(key, buf, sizeof buf);
		T_CHECKF(keymap_key_parse(buf, &key2) == 0 && key2 == key,
		    "%s -> %s", names[i], buf);
	}
	T_CHECK(keymap_key_parse("^X", &key) == 0 && key == 24);
	T_CHECK(keymap_key_parse("C-x", &key) == 0 && key == 24);
	T_CHECK(keymap_key_parse("F5", &key) == 0 &&
	    key == KEYMAP_FKEY(KEY_F(5)));
	T_CHECK(keymap_key_parse("Return", &key) == 0 &&
	    key == KEYMAP_ENTER);
	T_CHECK(keymap_key_parse("\xc3\xa9", &key) == 0 && key == 0xe9);
	T_CHECK(keymap_key_parse("foo", &key) != 0);
	T_CHECK(keymap_key_parse("", &key) != 0);
	T_CHECK(keymap_key_parse("C-", &key) != 0);
	T_CHECK(keymap_key_parse("F13", &key) != 0);
	T_CHECK(keymap_key_parse("C-1", &key) != 0);
	T_CHECK(keymap_key_parse("\xc3", &key) != 0);
}

static void
test_check(void)
{
	char err[256];

	keymap_check("play-toggle", err, sizeof err);
	T_CHECKF(err[0] == '\0', "%s", err);
	keymap_check("toggle arm %t", err, sizeof err);
	T_CHECKF(err[0] == '\0', "%s", err);
	keymap_check(":track-add ", err, sizeof err);
	T_CHECKF(err[0] == '\0', "%s", err);
	keymap_check(":", err, sizeof err);
	T_CHECKF(err[0] == '\0', "%s", err);
	keymap_check("stop; seek start", err, sizeof err);
	T_CHECKF(err[0] == '\0', "%s", err);
	keymap_check("frobnicate", err, sizeof err);
	T_CHECKF(strstr(err, "unknown command 'frobnicate'") != NULL, "%s",
	    err);
	keymap_check("stop; frob", err, sizeof err);
	T_CHECKF(strstr(err, "unknown command 'frob'") != NULL, "%s", err);
	keymap_check("toggle arm", err, sizeof err);
	T_CHECKF(strstr(err, "usage: toggle") != NULL, "%s", err);
	keymap_check("stop now please", err, sizeof err);
	T_CHECKF(strstr(err, "usage: stop") != NULL, "%s", err);
	keymap_check("locate \"1", err, sizeof err);
	T_CHECKF(strstr(err, "quote") != NULL, "%s", err);
	keymap_check(":nope x", err, sizeof err);
	T_CHECKF(strstr(err, "unknown command 'nope'") != NULL, "%s", err);
}

static void
test_shipped(const char *top)
{
	struct keymap km;
	char path[PATH_MAX];
	int bad;

	keymap_init(&km);
	snprintf(path, sizeof path, "%s/keymaps/default.ini", top);
	warnings[0] = '\0';
	T_CHECKF(keymap_load(&km, path, warn, NULL, &bad) == 0, "%s", path);
	T_CHECKF(bad == 0, "default.ini: %s", warnings);
	T_CHECK(keymap_lookup(&km, KEYMAP_MIX, ' ') != NULL &&
	    strcmp(keymap_lookup(&km, KEYMAP_MIX, ' '), "play-toggle") == 0);
	T_CHECK(keymap_lookup(&km, KEYMAP_ARRANGE, '?') != NULL);
	T_CHECK(keymap_lookup(&km, KEYMAP_ARRANGE, 'q') != NULL);
	T_CHECK(keymap_lookup(&km, KEYMAP_ARRANGE, ':') != NULL &&
	    strcmp(keymap_lookup(&km, KEYMAP_ARRANGE, ':'), ":") == 0);
	/* The screen's section wins over [global]. */
	T_CHECK(strcmp(keymap_lookup(&km, KEYMAP_ARRANGE, 'j'),
	    "select next") == 0);
	T_CHECK(strcmp(keymap_lookup(&km, KEYMAP_TAKES, 'j'),
	    "select next-take") == 0);
	snprintf(path, sizeof path, "%s/keymaps/vi.ini", top);
	warnings[0] = '\0';
	T_CHECKF(keymap_load(&km, path, warn, NULL, &bad) == 0, "%s", path);
	T_CHECKF(bad == 0, "vi.ini: %s", warnings);
	T_CHECK(keymap_lookup(&km, KEYMAP_ARRANGE, 'q') == NULL);
	T_CHECK(strcmp(keymap_lookup(&km, KEYMAP_ARRANGE, 'x'), "stop") == 0);
	keymap_free(&km);
}

static void
test_bad_file(const char *top)
{
	struct keymap km;
	char path[PATH_MAX], user[] = "/tmp/reel-keymap-XXXXXX", want[512];
	FILE *f;
	int fd, bad, key;

	keymap_init(&km);
	snprintf(path, sizeof path, "%s/keymaps/default.ini", top);
	T_CHECK(keymap_load(&km, path, warn, NULL, NULL) == 0);
	fd = mkstemp(user);
	T_CHECK(fd >= 0);
	f = fdopen(fd, "w");
	fputs("# a user's overrides\n"		/* 1 */
	    "[global]\n"			/* 2 */
	    "r = recrod\n"			/* 3: typo */
	    "space = stop\n"			/* 4: fine */
	    "bogus-key = stop\n"		/* 5 */
	    "m = toggle arm\n"			/* 6: missing NAME */
	    "[mixer]\n"				/* 7: no such section */
	    "x = stop\n"			/* 8: skipped with it */
	    "[mix]\n"				/* 9 */
	    "just words\n"			/* 10 */
	    "0 = gain %t -6\n"			/* 11: fine */
	    "c =\n",				/* 12: unbinds */
	    f);
	fclose(f);
	warnings[0] = '\0';
	nwarn = 0;
	T_CHECK(keymap_load(&km, user, warn, NULL, &bad) == 0);
	T_CHECKF(bad == 5, "%d bad lines:\n%s", bad, warnings);
	snprintf(want, sizeof want, "%s:3: key 'r': unknown command "
	    "'recrod'", user);
	T_CHECKF(strstr(warnings, want) != NULL, "want %s in:\n%s", want,
	    warnings);
	snprintf(want, sizeof want, "%s:5: unknown key 'bogus-key'", user);
	T_CHECKF(strstr(warnings, want) != NULL, "want %s in:\n%s", want,
	    warnings);
	snprintf(want, sizeof want, "%s:6: key 'm': usage: toggle", user);
	T_CHECKF(strstr(warnings, want) != NULL, "want %s in:\n%s", want,
	    warnings);
	snprintf(want, sizeof want, "%s:7: unknown section '[mixer]'", user);
	T_CHECKF(strstr(warnings, want) != NULL, "want %s in:\n%s", want,
	    warnings);
	snprintf(want, sizeof want, "%s:10: expected KEY = COMMAND", user);
	T_CHECKF(strstr(warnings, want) != NULL, "want %s in:\n%s", want,
	    warnings);
	/* Bad lines keep the default binding of their key. */
	T_CHECK(strcmp(keymap_lookup(&km, KEYMAP_ARRANGE, 'r'),
	    "record") == 0);
	T_CHECK(strcmp(keymap_lookup(&km, KEYMAP_ARRANGE, 'm'),
	    "toggle mute %t") == 0);
	T_CHECK(keymap_key_parse("x", &key) == 0 &&
	    keymap_lookup(&km, KEYMAP_MIX, key) == NULL);
	/* Good lines take effect. */
	T_CHECK(strcmp(keymap_lookup(&km, KEYMAP_ARRANGE, ' '), "stop") == 0);
	T_CHECK(strcmp(keymap_lookup(&km, KEYMAP_MIX, '0'),
	    "gain %t -6") == 0);
	T_CHECK(keymap_lookup(&km, KEYMAP_MIX, 'c') == NULL);
	unlink(user);
	/* A missing file is not an error. */
	T_CHECK(keymap_load(&km, "/nonexistent/keymap.ini", warn, NULL,
	    NULL) == 1);
	keymap_free(&km);
}

static void
test_find(const char *top)
{
	char path[PATH_MAX], dir[PATH_MAX];

	snprintf(dir, sizeof dir, "%s/keymaps", top);
	setenv("REEL_KEYMAPS", dir, 1);
	T_CHECK(keymap_find("vi", path, sizeof path) == 0 &&
	    strstr(path, "vi.ini") != NULL);
	T_CHECK(keymap_find("no-such-keymap", path, sizeof path) != 0);
	setenv("XDG_CONFIG_HOME", "/x/y", 1);
	keymap_user_path(path, sizeof path);
	T_CHECK(strcmp(path, "/x/y/reel/keymap.ini") == 0);
}

int
main(void)
{
	const char *top = getenv("REEL_TOP");

	if (top == NULL)
		top = ".";
	test_key_names();
	test_check();
	test_shipped(top);
	test_bad_file(top);
	test_find(top);
	T_DONE();
}
