/* keymap.h - key bindings: keymaps/NAME.ini, a section per screen plus
 * [global], each line `KEY = command args`.
 *
 * A binding's text is a command line of the command language; `%t`
 * stands for the selected track, `%k` for the selected take, `%c` for
 * the takes screen's cursor, `%s` and `%e` for its selection, `%%` for a
 * percent sign.  A text starting with ':' opens the prompt with the rest
 * filled in.  An empty text unbinds the key.
 *
 * Files load over each other: default.ini, then the chosen keymap, then
 * the user's keymap.ini.  A bad line is reported as "FILE:LINE: ..." and
 * skipped, so the key keeps the binding it had (the default).
 */
#ifndef REEL_KEYMAP_H
#define REEL_KEYMAP_H

#include <stddef.h>

enum keymap_section {
	KEYMAP_GLOBAL, KEYMAP_ARRANGE, KEYMAP_TAKES, KEYMAP_MIX, KEYMAP_HELP,
	KEYMAP_LOG, KEYMAP_STRIP, KEYMAP_REVISIONS, KEYMAP_MASTER,
	KEYMAP_FORM, KEYMAP_ALBUM, KEYMAP_NSECTIONS
};

/* Keys: a character is its code point (control characters 1..31 are C-a
 * and so on), a curses function key is KEYMAP_FKEY(KEY_x). */
#define KEYMAP_FKEY(k)	(0x200000 | (k))
#define KEYMAP_ENTER	'\n'
#define KEYMAP_ESC	27

struct keymap_binding {
	int key;
	char *text;
	char *file;		/* where it was bound (help, diagnostics) */
	int line;
};

struct keymap {
	struct keymap_binding *b[KEYMAP_NSECTIONS];
	int n[KEYMAP_NSECTIONS];
};

void keymap_init(struct keymap *km);
void keymap_free(struct keymap *km);

/* "a", "A", "?", "space", "enter", "esc", "tab", "backspace", "delete",
 * "up", "pgdn", "F1", "C-x" or "^X", "S-tab", "equal", "hash",
 * "semicolon", "lbracket".  0 or -1. */
int keymap_key_parse(const char *name, int *key);
/* The canonical name of a key (as keymap files write it). */
void keymap_key_name(int key, char *buf, size_t size);
/* The key as it is typed, for people: "[" where the name is "lbracket"
 * (also "=", "#", ";"). */
void keymap_key_label(int key, char *buf, size_t size);

int keymap_section_parse(const char *name);
const char *keymap_section_name(int section);

/* Binds (text NULL or "" unbinds). */
void keymap_bind(struct keymap *km, int section, int key, const char *text,
    const char *file, int line);
/* Loads a file over the current bindings.  Returns 0, 1 when the file
 * does not exist, -1 when it cannot be read (reported); bad lines are
 * reported through warn and skipped.  Returns the count of bad lines in
 * *nbad when nbad is not NULL. */
int keymap_load(struct keymap *km, const char *path,
    void (*warn)(void *arg, const char *msg), void *arg, int *nbad);
/* The binding of key on a screen: its section first, then [global]. */
const char *keymap_lookup(const struct keymap *km, int section, int key);

/* Checks a binding's text: "" or the reason it is wrong. */
void keymap_check(const char *text, char *err, size_t errlen);

/* Finds keymaps/NAME.ini: $REEL_KEYMAPS, the source tree beside the
 * binary (build/ and build/test/), REEL_DATADIR/keymaps.  0 or -1. */
int keymap_find(const char *name, char *buf, size_t size);
/* $XDG_CONFIG_HOME/reel/keymap.ini or ~/.config/reel/keymap.ini */
void keymap_user_path(char *buf, size_t size);

/* Loads default.ini, NAME.ini and the user's file. */
void keymap_load_all(struct keymap *km, const char *name,
    void (*warn)(void *arg, const char *msg), void *arg);

#endif
