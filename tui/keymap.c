/* keymap.c - key names, binding files, lookup. */
#include "keymap.h"

#include <curses.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "cmd.h"
#include "util.h"

#ifndef REEL_DATADIR
#define REEL_DATADIR "/usr/local/share/reel"
#endif

static const char *const keymap_sections[KEYMAP_NSECTIONS] = {
	"global", "arrange", "takes", "mix", "help", "log", "strip",
	"revisions", "master", "form", "album"
};

static const struct {
	const char *name;
	int key;
} keymap_names[] = {
	{ "space", ' ' }, { "enter", KEYMAP_ENTER }, { "return", KEYMAP_ENTER },
	{ "esc", KEYMAP_ESC }, { "escape", KEYMAP_ESC }, { "tab", '\t' },
	{ "backspace", KEYMAP_FKEY(KEY_BACKSPACE) },
	{ "delete", KEYMAP_FKEY(KEY_DC) }, { "insert", KEYMAP_FKEY(KEY_IC) },
	{ "up", KEYMAP_FKEY(KEY_UP) }, { "down", KEYMAP_FKEY(KEY_DOWN) },
	{ "left", KEYMAP_FKEY(KEY_LEFT) }, { "right", KEYMAP_FKEY(KEY_RIGHT) },
	{ "home", KEYMAP_FKEY(KEY_HOME) }, { "end", KEYMAP_FKEY(KEY_END) },
	{ "pgup", KEYMAP_FKEY(KEY_PPAGE) }, { "pgdn", KEYMAP_FKEY(KEY_NPAGE) },
	{ "pageup", KEYMAP_FKEY(KEY_PPAGE) },
	{ "pagedown", KEYMAP_FKEY(KEY_NPAGE) },
	{ "S-left", KEYMAP_FKEY(KEY_SLEFT) },
	{ "S-right", KEYMAP_FKEY(KEY_SRIGHT) },
	{ "S-tab", KEYMAP_FKEY(KEY_BTAB) },
	{ "equal", '=' }, { "hash", '#' }, { "semicolon", ';' },
	{ "lbracket", '[' },
	{ NULL, 0 }
};

void
keymap_init(struct keymap *km)
{
	memset(km, 0, sizeof *km);
}

void
keymap_free(struct keymap *km)
{
	int s, i;

	for (s = 0; s < KEYMAP_NSECTIONS; s++) {
		for (i = 0; i < km->n[s]; i++) {
			free(km->b[s][i].text);
			free(km->b[s][i].file);
		}
		free(km->b[s]);
	}
	memset(km, 0, sizeof *km);
}

/* One UTF-8 character making up the whole string: its code point, or -1. */
static int
keymap_utf8(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	int c, n, i;

	if (u[0] == 0)
		return -1;
	if (u[0] < 0x80)
		c = u[0], n = 0;
	else if ((u[0] & 0xe0) == 0xc0)
		c = u[0] & 0x1f, n = 1;
	else if ((u[0] & 0xf0) == 0xe0)
		c = u[0] & 0x0f, n = 2;
	else if ((u[0] & 0xf8) == 0xf0)
		c = u[0] & 0x07, n = 3;
	else
		return -1;
	for (i = 1; i <= n; i++) {
		if ((u[i] & 0xc0) != 0x80)
			return -1;
		c = (c << 6) | (u[i] & 0x3f);
	}
	/* Unicode ends at U+10FFFF; a longer form names no key. */
	return u[n + 1] == '\0' && c <= 0x10ffff ? c : -1;
}

int
keymap_key_parse(const char *name, int *key)
{
	char *end;
	long n;
	int i, c;

	for (i = 0; keymap_names[i].name != NULL; i++)
		if (strcasecmp(name, keymap_names[i].name) == 0) {
			*key = keymap_names[i].key;
			return 0;
		}
	if ((name[0] == 'F' || name[0] == 'f') && name[1] >= '1' &&
	    name[1] <= '9') {
		n = strtol(name + 1, &end, 10);
		if (*end == '\0' && n >= 1 && n <= 12) {
			*key = KEYMAP_FKEY(KEY_F(n));
			return 0;
		}
	}
	if (((name[0] == 'C' && name[1] == '-') || name[0] == '^') &&
	    name[name[0] == '^' ? 1 : 2] != '\0' &&
	    name[name[0] == '^' ? 2 : 3] == '\0') {
		c = name[name[0] == '^' ? 1 : 2];
		if (c >= 'a' && c <= 'z')
			c -= 'a' - 'A';
		if (c >= '@' && c <= '_' && c != 'M' && c != 'I' &&
		    c != '[') {
			*key = c - '@';
			return 0;
		}
		return -1;
	}
	c = keymap_utf8(name);
	if (c > ' ' && c != 0x7f) {
		*key = c;
		return 0;
	}
	return -1;
}

void
keymap_key_name(int key, char *buf, size_t size)
{
	int i;

	for (i = 0; keymap_names[i].name != NULL; i++)
		if (keymap_names[i].key == key) {
			snprintf(buf, size, "%s", keymap_names[i].name);
			return;
		}
	for (i = 1; i <= 12; i++)
		if (key == KEYMAP_FKEY(KEY_F(i))) {
			snprintf(buf, size, "F%d", i);
			return;
		}
	/* Control keys by the names keymap_key_parse takes: C-a..C-z, and
	 * C-@ C-\ C-] C-^ C-_ for the five that are not letters. */
	if (key >= 1 && key <= 26)
		snprintf(buf, size, "C-%c", key + 'a' - 1);
	else if (key >= 0 && key < ' ')
		snprintf(buf, size, "C-%c", key + '@');
	else if (key < 0x80)
		snprintf(buf, size, "%c", key);
	else if (key < 0x800)
		snprintf(buf, size, "%c%c", 0xc0 | (key >> 6),
		    0x80 | (key & 0x3f));
	else if (key < 0x10000)
		snprintf(buf, size, "%c%c%c", 0xe0 | (key >> 12),
		    0x80 | ((key >> 6) & 0x3f), 0x80 | (key & 0x3f));
	else if (key < 0x110000)
		snprintf(buf, size, "%c%c%c%c", 0xf0 | (key >> 18),
		    0x80 | ((key >> 12) & 0x3f), 0x80 | ((key >> 6) & 0x3f),
		    0x80 | (key & 0x3f));
	else
		snprintf(buf, size, "key%d", key & 0xfff);
}

void
keymap_key_label(int key, char *buf, size_t size)
{
	/* The INI names stand for characters a key line cannot start
	 * with; people read the character. */
	if (key == '=' || key == '#' || key == ';' || key == '[')
		snprintf(buf, size, "%c", key);
	else
		keymap_key_name(key, buf, size);
}

int
keymap_section_parse(const char *name)
{
	int i;

	for (i = 0; i < KEYMAP_NSECTIONS; i++)
		if (strcmp(name, keymap_sections[i]) == 0)
			return i;
	return -1;
}

const char *
keymap_section_name(int section)
{
	return section >= 0 && section < KEYMAP_NSECTIONS ?
	    keymap_sections[section] : "?";
}

void
keymap_bind(struct keymap *km, int section, int key, const char *text,
    const char *file, int line)
{
	struct keymap_binding *b = NULL;
	int i;

	for (i = 0; i < km->n[section]; i++)
		if (km->b[section][i].key == key)
			b = &km->b[section][i];
	if (text == NULL || *text == '\0') {
		if (b == NULL)
			return;
		free(b->text);
		free(b->file);
		*b = km->b[section][--km->n[section]];
		return;
	}
	if (b == NULL) {
		km->b[section] = xreallocarray(km->b[section],
		    km->n[section] + 1, sizeof *km->b[section]);
		b = &km->b[section][km->n[section]++];
	} else {
		free(b->text);
		free(b->file);
	}
	b->key = key;
	b->text = xstrdup(text);
	b->file = xstrdup(file ? file : "");
	b->line = line;
}

const char *
keymap_lookup(const struct keymap *km, int section, int key)
{
	int i, s;

	for (s = section; ; s = KEYMAP_GLOBAL) {
		for (i = 0; i < km->n[s]; i++)
			if (km->b[s][i].key == key)
				return km->b[s][i].text;
		if (s == KEYMAP_GLOBAL)
			return NULL;
	}
}

/* Every command of the text must exist and get a count of positional
 * arguments it takes (placeholders count as one word). */
void
keymap_check(const char *text, char *err, size_t errlen)
{
	const char *p = text, *next;
	const struct cmd_entry *ce;
	char **w, e[256];
	bool *opts;
	int n, i, pos;
	bool prompt = text[0] == ':';

	err[0] = '\0';
	if (prompt)
		p++;
	while (*p != '\0') {
		n = cmd_split_opts(p, &w, &opts, &next, e, sizeof e);
		if (n < 0) {
			snprintf(err, errlen, "%s", e);
			return;
		}
		if (n > 0) {
			ce = cmd_find(w[0]);
			if (ce == NULL) {
				snprintf(err, errlen, "unknown command '%s'",
				    w[0]);
				free(opts);
				cmd_free_words(w, n);
				return;
			}
			for (pos = 0, i = 1; i < n; i++)
				if (ce->keys == NULL || !opts[i])
					pos++;
			/* A prompt's text is finished by the user. */
			if (pos > ce->max || (!prompt && pos < ce->min)) {
				snprintf(err, errlen, "usage: %s %s",
				    ce->name, ce->usage);
				free(opts);
				cmd_free_words(w, n);
				return;
			}
		}
		free(opts);
		cmd_free_words(w, n);
		if (prompt)
			return;
		p = next;
	}
}

static char *
keymap_trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' ||
	    e[-1] == '\r'))
		*--e = '\0';
	return s;
}

int
keymap_load(struct keymap *km, const char *path,
    void (*warn)(void *arg, const char *msg), void *arg, int *nbad)
{
	/* Only a regular file: a device or FIFO could block or never end. */
	const char *why;
	FILE *f = util_fopen_regular(path, &why);
	char line[2048], msg[2600], err[512], *l, *eq, *k, *v;
	int lineno = 0, section = KEYMAP_GLOBAL, key, bad = 0;
	bool skip = false;

	if (nbad != NULL)
		*nbad = 0;
	if (f == NULL) {
		if (errno == ENOENT)
			return 1;
		snprintf(msg, sizeof msg, "%s: %s", path, why);
		warn(arg, msg);
		return -1;
	}
	while (fgets(line, sizeof line, f) != NULL) {
		lineno++;
		if (strchr(line, '\n') == NULL && !feof(f)) {
			snprintf(msg, sizeof msg, "%s:%d: line too long",
			    path, lineno);
			warn(arg, msg);
			bad++;
			while (fgets(line, sizeof line, f) != NULL &&
			    strchr(line, '\n') == NULL)
				;
			continue;
		}
		l = keymap_trim(line);
		if (*l == '\0' || *l == '#' || *l == ';')
			continue;
		if (*l == '[') {
			char *e = strchr(l, ']');

			if (e != NULL && e[1] == '\0') {
				*e = '\0';
				section = keymap_section_parse(
				    keymap_trim(l + 1));
				*e = ']';
				if (section >= 0) {
					skip = false;
					continue;
				}
			}
			snprintf(msg, sizeof msg, "%s:%d: unknown section "
			    "'%s' (expected global, arrange, takes, mix, "
			    "strip, revisions, master, form, help or log)",
			    path, lineno, l);
			warn(arg, msg);
			bad++;
			skip = true;
			continue;
		}
		if (skip)
			continue;
		/* The key is the first word: "= = x" cannot be, "equal"
		 * names '='. */
		eq = strchr(l + 1, '=');
		if (eq == NULL) {
			snprintf(msg, sizeof msg, "%s:%d: expected KEY = "
			    "COMMAND, got '%s'", path, lineno, l);
			warn(arg, msg);
			bad++;
			continue;
		}
		*eq = '\0';
		k = keymap_trim(l);
		v = keymap_trim(eq + 1);
		if (keymap_key_parse(k, &key) != 0) {
			snprintf(msg, sizeof msg, "%s:%d: unknown key '%s'",
			    path, lineno, k);
			warn(arg, msg);
			bad++;
			continue;
		}
		keymap_check(v, err, sizeof err);
		if (err[0] != '\0') {
			snprintf(msg, sizeof msg, "%s:%d: key '%s': %s; the "
			    "key keeps its default", path, lineno, k, err);
			warn(arg, msg);
			bad++;
			continue;
		}
		keymap_bind(km, section, key, v, path, lineno);
	}
	fclose(f);
	if (nbad != NULL)
		*nbad = bad;
	return 0;
}

static bool
keymap_try(char *buf, size_t size, const char *dir, const char *name)
{
	snprintf(buf, size, "%s/%s.ini", dir, name);
	return access(buf, R_OK) == 0;
}

int
keymap_find(const char *name, char *buf, size_t size)
{
	const char *env = getenv("REEL_KEYMAPS");
	char exe[PATH_MAX], dir[PATH_MAX + 32], *slash;
	ssize_t n;

	if (strchr(name, '/') != NULL) {
		snprintf(buf, size, "%s", name);
		return access(buf, R_OK) == 0 ? 0 : -1;
	}
	if (env != NULL && *env != '\0' && keymap_try(buf, size, env, name))
		return 0;
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		slash = strrchr(exe, '/');
		if (slash != NULL) {
			*slash = '\0';
			snprintf(dir, sizeof dir, "%s/../keymaps", exe);
			if (keymap_try(buf, size, dir, name))
				return 0;
			snprintf(dir, sizeof dir, "%s/../../keymaps", exe);
			if (keymap_try(buf, size, dir, name))
				return 0;
		}
	}
	if (keymap_try(buf, size, REEL_DATADIR "/keymaps", name))
		return 0;
	return -1;
}

void
keymap_user_path(char *buf, size_t size)
{
	const char *x = getenv("XDG_CONFIG_HOME"), *h = getenv("HOME");

	if (x != NULL && *x == '/')
		snprintf(buf, size, "%s/reel/keymap.ini", x);
	else
		snprintf(buf, size, "%s/.config/reel/keymap.ini",
		    h ? h : ".");
}

/* When no keymap file can be found the screen still works: the prompt,
 * help and quit. */
static void
keymap_emergency(struct keymap *km)
{
	keymap_bind(km, KEYMAP_GLOBAL, ':', ":", "built-in", 0);
	keymap_bind(km, KEYMAP_GLOBAL, '?', "screen help", "built-in", 0);
	keymap_bind(km, KEYMAP_GLOBAL, 'q', "quit", "built-in", 0);
}

void
keymap_load_all(struct keymap *km, const char *name,
    void (*warn)(void *arg, const char *msg), void *arg)
{
	char path[PATH_MAX + 64], msg[PATH_MAX + 128];

	if (keymap_find("default", path, sizeof path) == 0)
		keymap_load(km, path, warn, arg, NULL);
	else {
		warn(arg, "keymap default.ini not found (set REEL_KEYMAPS); "
		    "only ':', '?' and 'q' are bound");
		keymap_emergency(km);
	}
	if (name != NULL && *name != '\0' && strcmp(name, "default") != 0) {
		if (keymap_find(name, path, sizeof path) == 0)
			keymap_load(km, path, warn, arg, NULL);
		else {
			snprintf(msg, sizeof msg, "keymap '%s' not found; "
			    "using the default", name);
			warn(arg, msg);
		}
	}
	keymap_user_path(path, sizeof path);
	keymap_load(km, path, warn, arg, NULL);
}
