/* tui_sheet.c - the song sheet on the screens: the prompter line that
 * follows the playhead (Arrangement and Takes), the arrangement grid
 * (tracks x sections) and editing a section's lyrics in $EDITOR. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "argrid.h"
#include "cmd.h"
#include "session.h"
#include "sheet.h"
#include "tui_priv.h"
#include "util.h"

bool
tui_sheet_shown(const struct project *p)
{
	int i;

	for (i = 0; i < p->nsections; i++)
		if (p->sections[i].chords != NULL ||
		    p->sections[i].lyrics != NULL)
			return true;
	return false;
}

bool
tui_sheet_moved(struct tui *t)
{
	struct sheet_pos sp;
	long at;

	if (!tui_sheet_shown(t->s->p))
		return false;
	sheet_at(t->s->p, transport_position(t->s), &sp);
	at = ((long)sp.section * 100000L + sp.bar) * 1000L + sp.line;
	if (at == t->sheet_at)
		return false;
	t->sheet_at = at;
	return true;
}

void
tui_prompter(struct tui *t, int y)
{
	const struct project *p = t->s->p;
	struct sheet_pos sp;
	char head[128];

	sheet_at(p, transport_position(t->s), &sp);
	tui_put(t, y, 0, TUI_NAMEW, TUI_E_DIM, " sheet");
	if (sp.section < 0) {
		tui_put(t, y, TUI_NAMEW, COLS - TUI_NAMEW, TUI_E_DIM,
		    "%s%s", sp.next[0] != '\0' ? "next: " : "", sp.next);
		return;
	}
	snprintf(head, sizeof head, "%s %d/%d %-6s ",
	    p->sections[sp.section].name, sp.bar + 1,
	    p->sections[sp.section].bars, sp.chord[0] != '\0' ? sp.chord :
	    "-");
	tui_put(t, y, TUI_NAMEW, COLS - TUI_NAMEW, TUI_E_TITLE, "%s%s%s%s",
	    head, sp.cur, sp.next[0] != '\0' ? (t->ascii ? "  > " :
	    "  \xc2\xbb ") : "", sp.next);
}

/* Tracks as rows, sections as columns: a mark for how much of each
 * section a track covers, then the elements and lead rows. */
void
tui_grid_draw(struct tui *t, int y, int y1)
{
	const struct project *p = t->s->p;
	int cw, i, j, x, k, n;
	char cell[64];
	bool lead;

	/* Cells pad themselves; what the lanes left right of them goes. */
	for (i = y; i < y1; i++) {
		move(i, 0);
		clrtoeol();
	}

	if (p->nsections == 0) {
		tui_put(t, y, 0, COLS, TUI_E_NORMAL, "  no sections yet: S "
		    "adds one (section-add NAME START LENGTH)");
		y++;
		goto clear;
	}
	cw = (COLS - TUI_NAMEW - 8) / p->nsections;
	if (cw > 10)
		cw = 10;
	if (cw < 2)
		cw = 2;
	tui_put(t, y, 0, TUI_NAMEW + 8, TUI_E_DIM, " grid    role");
	for (j = 0, x = TUI_NAMEW + 8; j < p->nsections && x + cw <= COLS;
	    j++, x += cw)
		tui_put(t, y, x, cw, TUI_E_TITLE, "%.*s", cw - 1,
		    p->sections[j].name);
	y++;
	for (i = t->top; i < p->ntracks && y < y1 - 2; i++, y++) {
		const struct track *tr = &p->tracks[i];

		tui_put(t, y, 0, TUI_NAMEW, i == t->sel ? TUI_E_SELECTED :
		    TUI_E_NORMAL, " %-*s", TUI_NAMEW - 2, tr->name);
		tui_put(t, y, TUI_NAMEW, 8, TUI_E_DIM, "%.7s", tr->role);
		if (i == t->sel) {
			t->cy = y;
			t->cx = 1;
		}
		for (j = 0, x = TUI_NAMEW + 8; j < p->nsections &&
		    x + cw <= COLS; j++, x += cw) {
			const char *m = argrid_mark(argrid_section(p, tr,
			    &p->sections[j]), t->ascii);

			cell[0] = '\0';
			for (k = n = 0; k < cw - 1 && n + 5 < (int)sizeof cell;
			    k++)
				n += snprintf(cell + n, sizeof cell - n, "%s", m);
			tui_put(t, y, x, cw, TUI_E_CLIP, "%s", cell);
		}
	}
	tui_put(t, y, 0, TUI_NAMEW + 8, TUI_E_DIM, " elements");
	for (j = 0, x = TUI_NAMEW + 8; j < p->nsections && x + cw <= COLS;
	    j++, x += cw)
		tui_put(t, y, x, cw, TUI_E_NORMAL, "%d",
		    argrid_elements(p, &p->sections[j], &lead));
	y++;
	tui_put(t, y, 0, TUI_NAMEW + 8, TUI_E_DIM, " lead");
	for (j = 0, x = TUI_NAMEW + 8; j < p->nsections && x + cw <= COLS;
	    j++, x += cw) {
		argrid_elements(p, &p->sections[j], &lead);
		tui_put(t, y, x, cw, TUI_E_NORMAL, "%s", lead ? "yes" : "no");
	}
	y++;
clear:
	for (; y < y1; y++) {
		move(y, 0);
		clrtoeol();
	}
}

/* The one place reel runs another program: the user's editor, on a
 * temporary file, with the screen handed over to it (fork and execvp,
 * no shell: $EDITOR is one program name or path, as vi's own $EDITOR
 * convention has it, and no text of the project reaches a command line
 * but the file's name).  tests/e2e/rel_paths.sh allows exactly this
 * function. */
static int
tui_run_editor(const char *path, char *err, size_t errlen)
{
	const char *ed = getenv("EDITOR");
	char *argv[3];
	pid_t pid;
	int st;

	if (ed == NULL || ed[0] == '\0')
		ed = "vi";
	argv[0] = (char *)ed;
	argv[1] = (char *)path;
	argv[2] = NULL;
	if ((pid = fork()) < 0) {
		snprintf(err, errlen, "cannot start %s: %s", ed,
		    strerror(errno));
		return -1;
	}
	if (pid == 0) {
		execvp(ed, argv);
		_exit(127);
	}
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR) {
			snprintf(err, errlen, "%s: %s", ed, strerror(errno));
			return -1;
		}
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
		snprintf(err, errlen, "%s %s; the lyrics stay as they were",
		    ed, WIFEXITED(st) && WEXITSTATUS(st) == 127 ?
		    "could not be run" : "failed");
		return -1;
	}
	return 0;
}

/* lyrics-edit SECTION: the lyrics in $EDITOR, one line a line; what the
 * editor leaves becomes `lyrics SECTION TEXT` (one undo step). */
int
tui_lyrics_edit(struct tui *t, const char *name)
{
	struct session *s = t->s;
	const struct section *sc = NULL;
	char path[] = "/tmp/reel-lyrics-XXXXXX", err[256];
	char buf[SHEET_LINE_MAX];
	char *text = NULL, *cmd;
	size_t len = 0, cap = 0;
	FILE *f;
	int fd, i, n, c, rc;

	for (i = 0; i < s->p->nsections; i++)
		if (strcmp(s->p->sections[i].name, name) == 0)
			sc = &s->p->sections[i];
	if (sc == NULL)
		return session_fail(s, "SECTION: no section named '%s' (see "
		    "sections)", name);
	if (s->state != TRANSPORT_STOPPED)
		return session_fail(s, "stop the transport first");
	if ((fd = mkstemp(path)) < 0 || (f = fdopen(fd, "w")) == NULL)
		return session_fail(s, "temporary file: %s", strerror(errno));
	n = sheet_lines(sc);
	for (i = 0; i < n; i++)
		fprintf(f, "%s\n", sheet_line(sc, i, buf, sizeof buf));
	if (fclose(f) != 0) {
		unlink(path);
		return session_fail(s, "temporary file: %s", strerror(errno));
	}
	def_prog_mode();
	endwin();
	rc = tui_run_editor(path, err, sizeof err);
	reset_prog_mode();
	clearok(curscr, TRUE);
	t->dirty = TUI_D_ALL;
	if (rc == 0 && (f = fopen(path, "r")) != NULL) {
		while ((c = fgetc(f)) != EOF) {
			if (len + 2 > cap) {
				cap = cap ? cap * 2 : 256;
				text = xrealloc(text, cap);
			}
			text[len++] = (char)c;
		}
		fclose(f);
	}
	unlink(path);
	if (rc != 0)
		return session_fail(s, "%s", err);
	if (text == NULL)
		text = xstrdup("");
	text[len] = '\0';
	/* As the command would have it typed: lines joined by '/', in
	 * single quotes ('\'' for a quote). */
	cmd = xmalloc(strlen(name) + 4 * len + 16);
	n = sprintf(cmd, "lyrics %s '", name);
	for (i = 0; text[i] != '\0'; i++)
		if (text[i] == '\n')
			n += sprintf(cmd + n, " / ");
		else if (text[i] == '\'')
			n += sprintf(cmd + n, "'\\''");
		else
			cmd[n++] = text[i];
	sprintf(cmd + n, "'");
	free(text);
	rc = cmd_run(s, cmd);
	free(cmd);
	return rc == 0 ? 0 : -1;
}
