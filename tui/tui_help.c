/* tui_help.c - the help screen, generated from the live keymap and the
 * command table, and the message log. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "session.h"
#include "tui_priv.h"
#include "util.h"

static void
tui_help_add(struct tui *t, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
tui_help_add(struct tui *t, const char *fmt, ...)
{
	va_list ap;
	char buf[1024];

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	t->help = xreallocarray(t->help, t->nhelp + 1, sizeof *t->help);
	t->help[t->nhelp++] = xstrdup(buf);
}

void
tui_help_free(struct tui *t)
{
	int i;

	for (i = 0; i < t->nhelp; i++)
		free(t->help[i]);
	free(t->help);
	t->help = NULL;
	t->nhelp = 0;
}

static int
tui_help_cmp(const void *a, const void *b)
{
	const struct keymap_binding *x = a, *y = b;

	return x->key - y->key;
}

static void
tui_help_section(struct tui *t, int sec, const char *title)
{
	struct keymap_binding *b;
	char name[32];
	int i, n = t->km.n[sec];

	if (n == 0)
		return;
	b = xcalloc(n, sizeof *b);
	memcpy(b, t->km.b[sec], n * sizeof *b);
	qsort(b, n, sizeof *b, tui_help_cmp);
	tui_help_add(t, "%s", title);
	for (i = 0; i < n; i++) {
		keymap_key_name(b[i].key, name, sizeof name);
		tui_help_add(t, "  %-10s %s%s", name, b[i].text[0] == ':' ?
		    "prompt: " : "", b[i].text[0] == ':' ? b[i].text + 1 :
		    b[i].text);
	}
	tui_help_add(t, "%s", "");
	free(b);
}

void
tui_help_build(struct tui *t)
{
	static const int sec[] = { KEYMAP_ARRANGE, KEYMAP_TAKES, KEYMAP_MIX,
	    KEYMAP_HELP, KEYMAP_LOG };
	static const char *const names[] = { "Arrange", "Takes", "Mix",
	    "Help", "Log" };
	int from = t->back, i;
	char title[128];

	tui_help_free(t);
	tui_help_add(t, "Keys (keymap '%s'; %%t is the selected track, %%k "
	    "the selected take, %%c the cursor, %%s..%%e the selection).  q "
	    "or esc goes back.", t->s->cfg.keymap[0] ? t->s->cfg.keymap :
	    "default");
	tui_help_add(t, "%s", "");
	snprintf(title, sizeof title, "On the %s screen:", names[from]);
	tui_help_section(t, sec[from], title);
	tui_help_section(t, KEYMAP_GLOBAL, "On every screen:");
	for (i = 0; i < 5; i++) {
		if (i == from)
			continue;
		snprintf(title, sizeof title, "On the %s screen:", names[i]);
		tui_help_section(t, sec[i], title);
	}
	tui_help_add(t, "Prompt: tab completes, up/down recall, C-a C-e C-k "
	    "C-u C-w edit, esc cancels.");
	tui_help_add(t, "%s", "");
	tui_help_add(t, "Commands (type : then one; 'help NAME' shows its "
	    "usage):");
	for (i = 0; cmd_table[i] != NULL; i++)
		tui_help_add(t, "  %-13s %s", cmd_table[i]->name,
		    cmd_table[i]->help);
}

int
tui_text_lines(struct tui *t)
{
	int n = t->screen == TUI_HELP ? t->nhelp : t->nlog;
	int max = n - tui_body_rows();

	return max > 0 ? max : 0;
}

static void
tui_text_draw(struct tui *t, int n, const char *(*line)(struct tui *, int))
{
	int rows = tui_body_rows(), y;

	if (t->scroll > tui_text_lines(t))
		t->scroll = tui_text_lines(t);
	if (t->scroll < 0)
		t->scroll = 0;
	for (y = 0; y < rows; y++) {
		const char *l = t->scroll + y < n ? line(t, t->scroll + y) :
		    "";

		tui_put(t, 1 + y, 0, COLS, strncmp(l, "error: ", 7) == 0 ?
		    TUI_E_ERROR : l[0] != ' ' && l[0] != '\0' &&
		    t->screen == TUI_HELP ? TUI_E_TAB : TUI_E_NORMAL, "%s", l);
	}
	t->cy = 1;
	t->cx = 0;
}

static const char *
tui_help_line(struct tui *t, int i)
{
	return t->help[i];
}

static const char *
tui_log_get(struct tui *t, int i)
{
	return tui_log_line(t, i);
}

void
tui_help_draw(struct tui *t)
{
	tui_text_draw(t, t->nhelp, tui_help_line);
}

void
tui_log_draw(struct tui *t)
{
	tui_text_draw(t, t->nlog, tui_log_get);
	if (t->nlog == 0)
		tui_put(t, 1, 0, COLS, TUI_E_DIM, " no messages yet");
}
