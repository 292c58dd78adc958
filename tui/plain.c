/* plain.c - the line-oriented session for screen readers and braille
 * displays: a prompt running the command language, with history and
 * completion; every change confirmed in a short line ("vox gain -3.0 dB",
 * "armed vox", "at 1:23.450"), transport and recording announced the same
 * way ("recording vox, take 3", "stopped at 1:23.450"); `where`, `meters`
 * and `status` answer on demand; a yes/no question has a prompt of its
 * own.  Nothing moves on its own.
 *
 * On a terminal the prompt is a small line editor on a raw (non-canonical)
 * terminal; otherwise lines are read as they come (scripts, pipes).
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "cmd.h"
#include "lineedit.h"
#include "session.h"
#include "tui.h"
#include "util.h"

#define PLAIN_PROMPT "reel> "
#define PLAIN_ASK_QUIT "Quit while recording? [y/n] "

struct plain {
	struct session *s;
	struct lineedit le;
	bool tty;
	bool editing;		/* a prompt is on the screen */
	bool quit, ask_quit;
	char hist_path[1024];
	/* escape sequence being read */
	char seq[16];
	int nseq;
	void (*old_msg)(void *, enum msg_kind, const char *);
	void *old_arg;
};

static struct termios plain_saved;
static bool plain_raw;

static void
plain_restore(void)
{
	if (plain_raw)
		tcsetattr(0, TCSAFLUSH, &plain_saved);
	plain_raw = false;
}

static void
plain_fatal_hook(void)
{
	plain_restore();
}

static void
plain_write(const char *s, size_t n)
{
	while (n > 0) {
		ssize_t w = write(1, s, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return;
		s += w;
		n -= (size_t)w;
	}
}

static void
plain_puts(const char *s)
{
	plain_write(s, strlen(s));
}

/* The prompt line again, the cursor where it was. */
static void
plain_redraw(struct plain *pl)
{
	char buf[32];
	size_t chars = 0, i;

	plain_puts("\r\033[K");
	plain_puts(pl->ask_quit ? PLAIN_ASK_QUIT : pl->s->ask[0] != '\0' ?
	    pl->s->ask : PLAIN_PROMPT);
	plain_write(pl->le.buf, pl->le.len);
	for (i = 0; i < pl->le.len; i++)
		if (((unsigned char)pl->le.buf[i] & 0xc0) != 0x80)
			chars++;
	if (chars > lineedit_cursor_col(&pl->le)) {
		snprintf(buf, sizeof buf, "\033[%zuD",
		    chars - lineedit_cursor_col(&pl->le));
		plain_puts(buf);
	}
	pl->editing = true;
}

/* Messages come as whole lines; the prompt being typed is put back
 * after them. */
static void
plain_msg(void *arg, enum msg_kind kind, const char *text)
{
	struct plain *pl = arg;

	if (!pl->tty) {
		/* Confirmations are answers here, on stdout. */
		pl->old_msg(pl->old_arg, kind == MSG_DONE ? MSG_OUT : kind,
		    text);
		return;
	}
	if (pl->editing)
		plain_puts("\r\033[K");
	if (kind == MSG_ERROR)
		plain_puts("error: ");
	plain_puts(text);
	plain_puts("\r\n");
	if (pl->editing)
		plain_redraw(pl);
}

static int
plain_ui(void *arg, const struct cmd_args *a)
{
	struct plain *pl = arg;
	struct session *s = pl->s;

	if (strcmp(a->argv[0], "quit") == 0) {
		if (s->state == TRANSPORT_RECORDING && (a->argc < 2 ||
		    strcmp(a->argv[1], "force") != 0)) {
			/* Asked with a prompt of its own; the next line
			 * answers. */
			pl->ask_quit = true;
			if (!pl->tty)
				plain_puts(PLAIN_ASK_QUIT "\n");
			return 0;
		}
		pl->quit = true;
		return 0;
	}
	/* The pitch view's words: the listing. */
	if (strcmp(a->argv[0], "pitch-view") == 0)
		return cmd_pitch_list(s, a);
	return session_fail(s, "not in the plain session (it has no "
	    "screens)");
}

/* The answer to "Quit while recording?". */
static void
plain_answer(struct plain *pl, const char *line)
{
	while (*line == ' ')
		line++;
	pl->ask_quit = false;
	if (line[0] == 'y' || line[0] == 'Y') {
		pl->quit = true;
		session_msg(pl->s, MSG_NOTE, "stopping; the take is kept");
	} else if (pl->s->state == TRANSPORT_RECORDING)
		session_msg(pl->s, MSG_NOTE, "still recording");
}

/* The answer to a command's question (session_ask): a yes runs what
 * it asked for. */
static void
plain_ask_answer(struct plain *pl, const char *line)
{
	char cmd[sizeof pl->s->ask_cmd];

	while (*line == ' ')
		line++;
	strlcpy_(cmd, pl->s->ask_cmd, sizeof cmd);
	pl->s->ask[0] = pl->s->ask_cmd[0] = '\0';
	if (line[0] == 'y' || line[0] == 'Y')
		cmd_run(pl->s, cmd);
	else
		session_msg(pl->s, MSG_NOTE, "nothing done");
}

static void
plain_run_line(struct plain *pl, const char *line)
{
	const char *p = line;

	if (pl->s->ask[0] != '\0') {
		plain_ask_answer(pl, line);
		return;
	}
	while (*p == ' ')
		p++;
	if (strcmp(p, "q") == 0 || strcmp(p, "exit") == 0)
		p = "quit";
	cmd_run(pl->s, p);
	/* Asked with a prompt of its own; the next line answers. */
	if (pl->s->ask[0] != '\0' && !pl->tty) {
		plain_puts(pl->s->ask);
		plain_puts("\n");
	}
}

static void
plain_enter(struct plain *pl)
{
	char *line = xstrdup(pl->le.buf);

	plain_puts("\r\n");
	pl->editing = false;
	if (pl->ask_quit)
		plain_answer(pl, line);
	else if (pl->s->ask[0] != '\0')
		plain_ask_answer(pl, line);
	else {
		lineedit_history_add(&pl->le, line);
		lineedit_history_append(pl->hist_path, line);
		plain_run_line(pl, line);
	}
	free(line);
	lineedit_set(&pl->le, "");
	if (!pl->quit)
		plain_redraw(pl);
}

static void
plain_complete(struct plain *pl)
{
	char **m;
	int n, i;

	n = lineedit_complete(&pl->le, pl->s, &m);
	if (n > 1) {
		plain_puts("\r\n");
		for (i = 0; i < n; i++) {
			plain_puts(m[i]);
			plain_puts(i + 1 < n ? "  " : "\r\n");
		}
		lineedit_free_matches(m, n);
	} else if (n == 0)
		plain_puts("\a");
	plain_redraw(pl);
}

/* One key of the line editor: a byte, or a finished escape sequence. */
static void
plain_key(struct plain *pl, int c, const char *seq)
{
	struct lineedit *le = &pl->le;
	int op = -1;
	char ch;

	if (seq != NULL) {
		if (strcmp(seq, "[A") == 0 || strcmp(seq, "OA") == 0)
			op = LINEEDIT_HIST_PREV;
		else if (strcmp(seq, "[B") == 0 || strcmp(seq, "OB") == 0)
			op = LINEEDIT_HIST_NEXT;
		else if (strcmp(seq, "[C") == 0 || strcmp(seq, "OC") == 0)
			op = LINEEDIT_RIGHT;
		else if (strcmp(seq, "[D") == 0 || strcmp(seq, "OD") == 0)
			op = LINEEDIT_LEFT;
		else if (strcmp(seq, "[H") == 0 || strcmp(seq, "OH") == 0 ||
		    strcmp(seq, "[1~") == 0)
			op = LINEEDIT_HOME;
		else if (strcmp(seq, "[F") == 0 || strcmp(seq, "OF") == 0 ||
		    strcmp(seq, "[4~") == 0)
			op = LINEEDIT_END;
		else if (strcmp(seq, "[3~") == 0)
			op = LINEEDIT_DELETE;
		else if (strcmp(seq, "[1;5D") == 0 || strcmp(seq, "b") == 0)
			op = LINEEDIT_WORD_LEFT;
		else if (strcmp(seq, "[1;5C") == 0 || strcmp(seq, "f") == 0)
			op = LINEEDIT_WORD_RIGHT;
		if (op >= 0 && lineedit_op(le, op))
			plain_redraw(pl);
		return;
	}
	switch (c) {
	case '\r':
	case '\n':
		plain_enter(pl);
		return;
	case '\t':
		plain_complete(pl);
		return;
	case 4:			/* C-d: leave on an empty line */
		if (le->len == 0) {
			plain_puts("\r\n");
			pl->editing = false;
			pl->quit = true;
			if (pl->s->state == TRANSPORT_RECORDING &&
			    !pl->ask_quit) {
				pl->quit = false;
				pl->ask_quit = true;
				plain_redraw(pl);
			}
			return;
		}
		op = LINEEDIT_DELETE;
		break;
	case 127: case 8: op = LINEEDIT_BACKSPACE; break;
	case 1: op = LINEEDIT_HOME; break;
	case 5: op = LINEEDIT_END; break;
	case 2: op = LINEEDIT_LEFT; break;
	case 6: op = LINEEDIT_RIGHT; break;
	case 11: op = LINEEDIT_KILL_END; break;
	case 21: op = LINEEDIT_KILL_START; break;
	case 23: op = LINEEDIT_KILL_WORD; break;
	case 16: op = LINEEDIT_HIST_PREV; break;
	case 14: op = LINEEDIT_HIST_NEXT; break;
	case 12:
		plain_puts("\r\n");
		plain_redraw(pl);
		return;
	default:
		if (c < ' ')
			return;
		ch = (char)c;
		/* Typing at the end echoes just the character: a screen
		 * reader hears what was typed, not the whole line. */
		if (le->pos == le->len) {
			lineedit_insert(le, &ch, 1);
			plain_write(&ch, 1);
		} else {
			lineedit_insert(le, &ch, 1);
			/* After the last byte of a character. */
			if (((unsigned char)ch & 0xc0) != 0xc0)
				plain_redraw(pl);
		}
		return;
	}
	if (lineedit_op(le, op))
		plain_redraw(pl);
}

static void
plain_bytes(struct plain *pl, const char *buf, ssize_t n)
{
	ssize_t i;

	for (i = 0; i < n && !pl->quit; i++) {
		char c = buf[i];

		if (pl->nseq > 0) {
			/* ESC, then [ or O and parameters, ending in a
			 * letter or ~; or ESC and one character (M-b). */
			pl->seq[pl->nseq++ - 1] = c;
			pl->seq[pl->nseq - 1] = '\0';
			if ((pl->nseq == 2 && c != '[' && c != 'O') ||
			    (pl->nseq > 2 && ((c >= 'A' && c <= 'Z') ||
			    (c >= 'a' && c <= 'z') || c == '~')) ||
			    pl->nseq >= (int)sizeof pl->seq) {
				pl->nseq = 0;
				plain_key(pl, 0, pl->seq);
			}
			continue;
		}
		if (c == 27) {
			pl->nseq = 1;
			continue;
		}
		plain_key(pl, (unsigned char)c, NULL);
	}
}

/* Not a terminal: lines as they come (scripts, pipes, tests). */
static void
plain_line(struct plain *pl)
{
	char line[4096];

	if (fgets(line, sizeof line, stdin) == NULL) {
		pl->quit = true;
		return;
	}
	line[strcspn(line, "\n")] = '\0';
	if (pl->ask_quit)
		plain_answer(pl, line);
	else
		plain_run_line(pl, line);
}

int
plain_run(struct session *s)
{
	struct plain *pl = xcalloc(1, sizeof *pl);
	struct termios raw;
	struct pollfd pfd[3];
	char buf[256];
	ssize_t got;
	int n, wait;

	pl->s = s;
	pl->tty = isatty(0) && isatty(1);
	pl->old_msg = s->msg;
	pl->old_arg = s->msg_arg;
	lineedit_init(&pl->le);
	lineedit_history_path(pl->hist_path, sizeof pl->hist_path);
	s->interactive = true;
	s->progress = false;
	s->msg = plain_msg;
	s->msg_arg = pl;
	s->ui = plain_ui;
	s->ui_arg = pl;
	if (pl->tty && tcgetattr(0, &plain_saved) == 0) {
		raw = plain_saved;
		/* Signals stay: ^C stops a recording cleanly and leaves. */
		raw.c_lflag &= ~(ICANON | ECHO | IEXTEN);
		raw.c_iflag &= ~(ICRNL | IXON);
		raw.c_cc[VMIN] = 1;
		raw.c_cc[VTIME] = 0;
		if (tcsetattr(0, TCSAFLUSH, &raw) == 0) {
			plain_raw = true;
			atexit(plain_restore);
			fatal_hook = plain_fatal_hook;
		}
		lineedit_history_load(&pl->le, pl->hist_path);
		plain_puts("reel: plain session; 'help' lists the commands, "
		    "tab completes, 'quit' leaves\r\n");
		plain_redraw(pl);
	} else {
		pl->tty = false;
		/* Lines are read as they come: a buffered stdin would keep
		 * the next command (a stop) waiting for more input while
		 * poll() sees nothing left in the pipe. */
		setvbuf(stdin, NULL, _IONBF, 0);
	}
	/* Tracks armed in the project meter their inputs from the start. */
	listen_start(s);
	while (!pl->quit) {
		pfd[0].fd = 0;
		pfd[0].events = POLLIN;
		pfd[1].fd = session_signal_fd();
		pfd[1].events = POLLIN;
		pfd[2].fd = s->eng ? engine_wake_fd(s->eng) : -1;
		pfd[2].events = POLLIN;
		/* A burst's save waits up to a second; then it is due. */
		wait = session_save_wait(s);
		n = poll(pfd, 3, wait);
		session_tick(s);
		if (n < 0)
			continue;
		if (pfd[2].revents & POLLIN)
			transport_poll(s);
		if (session_signal != 0)
			break;
		if (!(pfd[0].revents & (POLLIN | POLLHUP)))
			continue;
		if (!pl->tty) {
			plain_line(pl);
			continue;
		}
		got = read(0, buf, sizeof buf);
		if (got <= 0) {
			if (got < 0 && errno == EINTR)
				continue;
			break;
		}
		plain_bytes(pl, buf, got);
	}
	if (pl->editing)
		plain_puts("\r\n");
	/* A recording stops here and keeps its take (the announcements
	 * still reach the user). */
	if (s->state != TRANSPORT_STOPPED) {
		transport_stop(s);
		while (s->state != TRANSPORT_STOPPED)
			transport_wait(s);
	}
	plain_restore();
	if (fatal_hook == plain_fatal_hook)
		fatal_hook = NULL;
	s->msg = pl->old_msg;
	s->msg_arg = pl->old_arg;
	s->ui = NULL;
	s->ui_arg = NULL;
	lineedit_free(&pl->le);
	free(pl);
	return 0;
}
