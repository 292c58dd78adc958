/* tui.c - the full-screen interface: the loop, keys, prompt, status and
 * message lines.  The screens are drawn by tui_arrange.c, tui_mix.c and
 * tui_help.c.
 *
 * The loop blocks in ppoll() on the terminal, the engine's wake fd and
 * the signal pipe; it wakes on a timer only while the transport rolls
 * (meter-rate times a second) or a burst of fader moves waits to be
 * saved, so an idle reel costs nothing.  Every
 * action is a command line: keys are looked up in the keymap, the prompt
 * runs what is typed.  Drawing goes through ncurses, which sends only the
 * cells that changed; the loop itself redraws only the regions whose
 * content changed.
 */
#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "album.h"
#include "cmd.h"
#include "session.h"
#include "tui.h"
#include "tui_priv.h"
#include "util.h"

#define TUI_MIN_COLS 80
#define TUI_MIN_LINES 24

static volatile sig_atomic_t tui_winch;
static bool tui_active;

static const char *const tui_screen_names[TUI_NSCREENS] = {
	"arrange", "takes", "mix", "help", "log", "strip", "revisions",
	"master", "album"
};
static const char *const tui_screen_titles[TUI_NSCREENS] = {
	"Arrange", "Takes", "Mix", "Help", "Log", "Strip", "Revisions",
	"Master", "Album"
};
/* The header's tabs in order, and the digit each is bound to by
 * default ('?' for help). */
static const enum tui_screen tui_tab_order[TUI_NSCREENS] = {
	TUI_ARRANGE, TUI_TAKES, TUI_MIX, TUI_STRIP, TUI_MASTER, TUI_REVISIONS,
	TUI_ALBUM, TUI_HELP, TUI_LOG
};
static const char tui_tab_key[TUI_NSCREENS] = { '1', '2', '3', '?', '4',
	' ', '6', '5', '7' };

/* The screens that show a song project (not in an album session). */
static bool
tui_screen_song(enum tui_screen sc)
{
	return sc != TUI_HELP && sc != TUI_LOG && sc != TUI_ALBUM;
}

int64_t
tui_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int
tui_body_rows(void)
{
	return LINES - 3;
}

static void
tui_end(void)
{
	if (tui_active && !isendwin())
		endwin();
	tui_active = false;
}

static void
tui_on_winch(int sig)
{
	tui_winch = 1;
}

/* Writes at (y, x) clipped to w columns, padding with blanks to w. */
void
tui_put(struct tui *t, int y, int x, int w, enum tui_elem e,
    const char *fmt, ...)
{
	char raw[1024], buf[2048];
	va_list ap;
	int n, i, cols = 0;

	if (w <= 0 || y < 0 || y >= LINES)
		return;
	va_start(ap, fmt);
	vsnprintf(raw, sizeof raw, fmt, ap);
	va_end(ap);
	/* Names, notes, paths: nothing drawn may be a control sequence. */
	util_escape(buf, sizeof buf, raw);
	/* Cut at w characters (UTF-8 aware: count lead bytes). */
	for (n = 0; buf[n] != '\0'; n++) {
		if (((unsigned char)buf[n] & 0xc0) != 0x80) {
			if (cols == w)
				break;
			cols++;
		}
	}
	buf[n] = '\0';
	attrset(t->attr[e]);
	mvaddstr(y, x, buf);
	for (i = cols; i < w; i++)
		addch(' ');
	attrset(A_NORMAL);
}

bool
tui_text_char(const char **p, char *c)
{
	const unsigned char *u = (const unsigned char *)*p;
	int n = 1, i;

	if (*u == '\0')
		return false;
	if (*u < 0x20 || *u == 0x7f) {
		/* Text from files and notes never reaches the terminal raw. */
		c[0] = '?';
		c[1] = '\0';
		(*p)++;
		return true;
	}
	if (*u >= 0xc0)
		n = *u >= 0xf0 ? 4 : *u >= 0xe0 ? 3 : 2;
	for (i = 0; i < n && u[i] != '\0'; i++)
		c[i] = (char)u[i];
	c[i] = '\0';
	*p += i;
	return true;
}

int
tui_wrap(const char *p, int width)
{
	int i, cols = 0, brk = -1;

	for (i = 0; p[i] != '\0'; i++) {
		if (((unsigned char)p[i] & 0xc0) != 0x80) {
			if (cols == width)
				break;
			cols++;
		}
		if (p[i] == ' ' && i > 0)
			brk = i;
	}
	if (p[i] == '\0')
		return i;
	/* Cut at the last blank of the row; a word longer than the row
	 * is cut where the row ends. */
	return brk > 0 ? brk : i;
}

const char *
tui_log_line(const struct tui *t, int i)
{
	return t->log[(t->log0 + i) % TUI_LOG_MAX];
}

static void
tui_log_add(struct tui *t, const char *text)
{
	int slot;

	if (t->nlog == TUI_LOG_MAX) {
		free(t->log[t->log0]);
		t->log[t->log0] = NULL;
		t->log0 = (t->log0 + 1) % TUI_LOG_MAX;
		t->nlog--;
	}
	slot = (t->log0 + t->nlog) % TUI_LOG_MAX;
	t->log[slot] = xstrdup(text);
	t->nlog++;
}

/* Messages never reach stdout or stderr while the screen is up. */
static void
tui_msg(void *arg, enum msg_kind kind, const char *text)
{
	struct tui *t = arg;
	const char *p = text, *nl;
	char *line;
	size_t n;

	/* The moves of a burst (a held fader key) are one step: the Log
	 * keeps the last word on it, not one line a key repeat. */
	if (kind == MSG_DONE && t->s->step_merged && t->log_done &&
	    t->nlog > 0) {
		free(t->log[(t->log0 + t->nlog - 1) % TUI_LOG_MAX]);
		t->log[(t->log0 + t->nlog - 1) % TUI_LOG_MAX] = NULL;
		t->nlog--;
	}
	t->log_done = kind == MSG_DONE;
	/* Multi-line texts become several log lines, each whole. */
	do {
		nl = strchr(p, '\n');
		n = nl ? (size_t)(nl - p) : strlen(p);
		line = xmalloc(n + 8);
		snprintf(line, n + 8, "%s%.*s", kind == MSG_ERROR ? "error: " :
		    "", (int)n, p);
		tui_log_add(t, line);
		free(line);
		if (kind == MSG_OUT)
			t->out_lines++;
		p = nl ? nl + 1 : NULL;
	} while (p != NULL && *p != '\0');
	snprintf(t->msg, sizeof t->msg, "%s", text);
	t->msg_logged = true;
	/* The message line shows the first line; the rest is in the Log. */
	t->msg_more = strcspn(t->msg, "\n") < strlen(text) &&
	    text[strcspn(text, "\n") + 1] != '\0';
	t->msg_more |= strlen(text) >= sizeof t->msg;
	t->msg[strcspn(t->msg, "\n")] = '\0';
	t->msg_elem = kind == MSG_ERROR ? TUI_E_ERROR : TUI_E_NORMAL;
	t->dirty |= TUI_D_MSG;
	if (t->screen == TUI_LOG)
		t->dirty |= TUI_D_BODY;
}

static void
tui_keymap_warn(void *arg, const char *text)
{
	char safe[1024];

	util_escape(safe, sizeof safe, text);
	tui_msg(arg, MSG_ERROR, safe);
}

static void
tui_set_screen(struct tui *t, enum tui_screen sc)
{
	if (sc == t->screen)
		return;
	tui_pitch_close(t);
	if (sc == TUI_HELP || sc == TUI_LOG) {
		if (t->screen != TUI_HELP && t->screen != TUI_LOG)
			t->back = t->screen;
		t->scroll = 0;
		t->found = -1;
	}
	if (sc == TUI_HELP)
		tui_help_build(t);
	if (sc == TUI_LOG)
		t->scroll = 1 << 30;	/* clamped to the end when drawn */
	if (sc == TUI_REVISIONS)
		t->scroll = 0;
	t->screen = sc;
	t->dirty = TUI_D_ALL;
	erase();
}

static void
tui_clamp_sel(struct tui *t)
{
	struct project *p = t->s->p;

	if (p == NULL) {
		t->sel = -1;
		t->sel_take = 0;
		return;
	}
	if (t->sel >= p->ntracks)
		t->sel = p->ntracks - 1;
	if (t->sel < 0 && p->ntracks > 0)
		t->sel = 0;
	if (t->sel >= 0) {
		struct track *tr = &p->tracks[t->sel];

		if (project_take(tr, t->sel_take) == NULL)
			t->sel_take = tr->active ? tr->active :
			    tr->ntakes ? tr->takes[tr->ntakes - 1].id : 0;
	} else
		t->sel_take = 0;
}

/* The front end's commands (cmd_ui.c sends them here). */
static int
tui_ui(void *arg, const struct cmd_args *a)
{
	struct tui *t = arg;
	struct session *s = t->s;
	const char *cmd = a->argv[0], *v = a->argc > 1 ? a->argv[1] : "";
	int i, j;

	if (strcmp(cmd, "screen") == 0) {
		for (i = 0; i < TUI_NSCREENS; i++)
			if (strcmp(v, tui_screen_names[i]) == 0) {
				if (s->p == NULL && tui_screen_song(i))
					return session_fail(s, "the %s screen "
					    "needs a song project, and this "
					    "session has only the album open",
					    tui_screen_titles[i]);
				if (i == TUI_STRIP && tui_strip_inserts(t,
				    t->strip) == NULL)
					return session_fail(s, "no strip is "
					    "open (strip-edit STRIP opens "
					    "one)");
				tui_set_screen(t, i);
				return 0;
			}
		if (strcmp(v, "back") == 0) {
			tui_set_screen(t, t->screen == TUI_HELP ||
			    t->screen == TUI_LOG ? t->back : t->screen);
			return 0;
		}
		if (strcmp(v, "next") == 0 || strcmp(v, "prev") == 0) {
			/* Cycles through the working screens. */
			static const enum tui_screen work[] = { TUI_ARRANGE,
			    TUI_TAKES, TUI_MIX, TUI_MASTER, TUI_REVISIONS,
			    TUI_ALBUM };
			enum tui_screen cur = t->screen == TUI_HELP ||
			    t->screen == TUI_LOG ? t->back : t->screen;

			if (s->p == NULL) {
				tui_set_screen(t, TUI_ALBUM);
				return 0;
			}
			/* The strip editor belongs to the Mix screen. */
			if (cur == TUI_STRIP)
				cur = TUI_MIX;
			for (i = 0; i < 6 && work[i] != cur; i++)
				;
			i = (i % 6 + (v[0] == 'n' ? 1 : 5)) % 6;
			tui_set_screen(t, work[i]);
			return 0;
		}
		return session_fail(s, "NAME: expected arrange, takes, mix, "
		    "strip, master, revisions, album, help, log, next, prev "
		    "or back, got '%s'", v);
	}
	if (strcmp(cmd, "select") == 0 && t->screen == TUI_ALBUM)
		return tui_album_select(t, v);
	if (s->p == NULL && strcmp(cmd, "select") == 0)
		return session_fail(s, "there are no tracks: this session has "
		    "only the album open");
	if (strcmp(cmd, "strip-edit") == 0 || (strcmp(cmd, "select") == 0 &&
	    (strstr(v, "-param") != NULL || strstr(v, "-insert") != NULL))) {
		i = tui_strip_command(t, a);
		if (i == 0 && t->screen != TUI_STRIP)
			tui_set_screen(t, TUI_STRIP);
		t->dirty |= TUI_D_BODY;
		return i;
	}
	if (strcmp(cmd, "pitch-view") == 0)
		return tui_pitch_command(t, a);
	if (strcmp(cmd, "select") == 0) {
		struct project *p = s->p;

		if (strcmp(v, "next-take") == 0 || strcmp(v, "prev-take") == 0) {
			struct track *tr;

			if (t->sel < 0)
				return session_fail(s, "no track");
			tr = &p->tracks[t->sel];
			for (j = 0; j < tr->ntakes; j++)
				if (tr->takes[j].id == t->sel_take)
					break;
			j += v[0] == 'n' ? 1 : -1;
			if (j >= 0 && j < tr->ntakes)
				t->sel_take = tr->takes[j].id;
		} else if (strcmp(v, "next") == 0) {
			if (t->sel + 1 < p->ntracks)
				t->sel++;
		} else if (strcmp(v, "prev") == 0) {
			if (t->sel > 0)
				t->sel--;
		} else if (strcmp(v, "first") == 0) {
			t->sel = p->ntracks ? 0 : -1;
		} else if (strcmp(v, "last") == 0) {
			if (t->screen == TUI_TAKES && t->sel >= 0 &&
			    p->tracks[t->sel].ntakes > 0) {
				struct track *tr = &p->tracks[t->sel];

				t->sel_take = tr->takes[tr->ntakes - 1].id;
			} else
				t->sel = p->ntracks - 1;
		} else {
			i = project_track_index(p, v);
			if (i < 0)
				return session_fail(s, "no track named '%s'",
				    v);
			t->sel = i;
		}
		/* A new track: its active take (last on the takes screen
		 * picked a take, not a track). */
		if (strstr(v, "take") == NULL && !(strcmp(v, "last") == 0 &&
		    t->screen == TUI_TAKES))
			t->sel_take = 0;
		tui_clamp_sel(t);
		t->dirty |= TUI_D_BODY;
		return 0;
	}
	if (strcmp(cmd, "scroll") == 0) {
		int page = tui_body_rows() - 2;

		if (t->screen == TUI_MIX) {
			if (strcmp(v, "left") == 0 && t->strip0 > 0)
				t->strip0--;
			else if (strcmp(v, "right") == 0)
				t->strip0++;
			t->dirty |= TUI_D_BODY;
			return 0;
		}
		if (t->screen == TUI_LOG && t->scroll > tui_text_lines(t))
			t->scroll = tui_text_lines(t);
		t->found = -1;	/* find goes on from what is shown */
		if (strcmp(v, "up") == 0)
			t->scroll--;
		else if (strcmp(v, "down") == 0)
			t->scroll++;
		else if (strcmp(v, "pgup") == 0)
			t->scroll -= page;
		else if (strcmp(v, "pgdn") == 0)
			t->scroll += page;
		else if (strcmp(v, "top") == 0)
			t->scroll = 0;
		else if (strcmp(v, "bottom") == 0)
			t->scroll = 1 << 30;
		else if (strcmp(v, "left") != 0 && strcmp(v, "right") != 0)
			return session_fail(s, "expected up, down, left, "
			    "right, pgup, pgdn, top or bottom, got '%s'", v);
		t->dirty |= TUI_D_BODY;
		return 0;
	}
	if (strcmp(cmd, "find") == 0)
		return tui_text_find(t, a->argc > 1 ? v : NULL);
	if (strcmp(cmd, "zoom") == 0) {
		if (strcmp(v, "in") != 0 && strcmp(v, "out") != 0 &&
		    strcmp(v, "fit") != 0)
			return session_fail(s, "expected in, out or fit, got "
			    "'%s'", v);
		if (t->screen == TUI_TAKES && strcmp(v, "fit") == 0)
			tui_takes_fit(t);
		else
			tui_arrange_zoom(t, v);
		t->dirty |= TUI_D_BODY;
		return 0;
	}
	if (strcmp(cmd, "cursor") == 0 || strcmp(cmd, "mark") == 0 ||
	    strcmp(cmd, "pick") == 0 || strcmp(cmd, "cycle") == 0)
		return tui_takes_command(t, a);
	if (strcmp(cmd, "lanes") == 0) {
		if (a->argc < 2 || strcmp(v, "toggle") == 0)
			t->lanes = !t->lanes;
		else if (strcmp(v, "on") == 0 || strcmp(v, "off") == 0)
			t->lanes = strcmp(v, "on") == 0;
		else
			return session_fail(s, "expected on, off or toggle, "
			    "got '%s'", v);
		t->dirty |= TUI_D_BODY;
		return 0;
	}
	if (strcmp(cmd, "view") == 0) {
		if (strcmp(v, "grid") != 0 && strcmp(v, "lanes") != 0)
			return session_fail(s, "expected grid or lanes, got "
			    "'%s'", v);
		t->grid_view = strcmp(v, "grid") == 0 && !t->grid_view;
		t->screen = TUI_ARRANGE;
		t->dirty = TUI_D_ALL;
		return 0;
	}
	if (strcmp(cmd, "lyrics-edit") == 0)
		return tui_lyrics_edit(t, v);
	if (strcmp(cmd, "range") == 0)
		return tui_range_command(t, a);
	if (strcmp(cmd, "form") == 0)
		return tui_form_command(t, a);
	if (strcmp(cmd, "redraw") == 0) {
		clearok(curscr, TRUE);
		t->dirty = TUI_D_ALL;
		return 0;
	}
	if (strcmp(cmd, "quit") == 0) {
		if (s->state == TRANSPORT_RECORDING && strcmp(v, "force") != 0)
			t->ask_quit = true;
		else
			t->quit = true;
		t->dirty |= TUI_D_MSG;
		return 0;
	}
	return session_fail(s, "not available on this screen");
}

/* The name of the section under the playhead, or NULL. */
static const char *
tui_section_here(struct tui *t)
{
	const struct project *p = t->s->p;
	int64_t pos = transport_position(t->s);
	int i;

	for (i = 0; i < p->nsections; i++) {
		const struct section *sc = &p->sections[i];

		if (pos >= tempo_bar_to_frame(&p->tempo, p->rate, sc->bar,
		    1.0) && pos < tempo_bar_to_frame(&p->tempo, p->rate,
		    sc->bar + sc->bars, 1.0))
			return sc->name;
	}
	return NULL;
}

/* Expands %t, %k, %p, %S, %m, %n, %P, %c, %s, %e, %i, %o, %C, %F and %%
 * of a binding.  NULL (reported) when it needs a track (or a selection)
 * and there is none. */
static char *
tui_expand(struct tui *t, const char *text)
{
	struct project *p = t->s->p;
	size_t cap = strlen(text) + 64, len = 0;
	char *out = xmalloc(cap), num[64];
	const char *rep;
	int r;

	for (; *text != '\0'; text++) {
		rep = NULL;
		/* In an album session only %a and %% stand for something. */
		if (p == NULL && text[0] == '%' && text[1] != '\0' &&
		    text[1] != 'a' && text[1] != '%') {
			session_msg(t->s, MSG_ERROR, "this key needs a song "
			    "project, and this session has only the album "
			    "open");
			free(out);
			return NULL;
		}
		if (text[0] == '%' && text[1] == 'a') {
			if (!tui_album_placeholder(t, 'a', num, sizeof num)) {
				session_msg(t->s, MSG_ERROR, "the album has no "
				    "songs (: album-add PROJECT adds one)");
				free(out);
				return NULL;
			}
			rep = num;
		} else if (text[0] == '%' && text[1] != '\0' &&
		    (r = tui_range_placeholder(t, text[1], num,
		    sizeof num)) != 0) {
			if (r < 0) {
				free(out);
				return NULL;
			}
			rep = num;
		} else if (text[0] == '%' && text[1] == 't') {
			if (t->sel < 0) {
				session_msg(t->s, MSG_ERROR, "there is no "
				    "track yet (add one with 'n')");
				free(out);
				return NULL;
			}
			rep = p->tracks[t->sel].name;
		} else if (text[0] == '%' && text[1] == 'k') {
			if (t->sel_take <= 0) {
				session_msg(t->s, MSG_ERROR, "this track has "
				    "no takes");
				free(out);
				return NULL;
			}
			snprintf(num, sizeof num, "%d", t->sel_take);
			rep = num;
		} else if (text[0] == '%' && text[1] == 'p') {
			/* The playhead: it picks the clip and where. */
			tui_takes_arg(t, transport_position(t->s), num,
			    sizeof num);
			rep = num;
		} else if (text[0] == '%' && text[1] == 'S') {
			if ((rep = tui_section_here(t)) == NULL) {
				session_msg(t->s, MSG_ERROR, "the playhead is in "
				    "no section");
				free(out);
				return NULL;
			}
		} else if (text[0] == '%' && text[1] == '%')
			rep = "%";
		else if (text[0] == '%' && text[1] == 'm') {
			if (tui_strip_inserts(t, t->strip) == NULL) {
				session_msg(t->s, MSG_ERROR, "no strip is "
				    "open (Enter on the Mix screen opens one)");
				free(out);
				return NULL;
			}
			rep = t->strip;
		} else if (text[0] == '%' && text[1] != '\0' &&
		    (tui_takes_placeholder(t, text[1], num, sizeof num) ||
		    tui_strip_placeholder(t, text[1], num, sizeof num) ||
		    tui_form_placeholder(t, text[1], num, sizeof num)))
			rep = num;
		if (rep != NULL) {
			text++;
		} else {
			num[0] = *text;
			num[1] = '\0';
			rep = num;
		}
		if (len + strlen(rep) + 1 > cap) {
			cap = (len + strlen(rep) + 1) * 2;
			out = xrealloc(out, cap);
		}
		memcpy(out + len, rep, strlen(rep));
		len += strlen(rep);
	}
	out[len] = '\0';
	return out;
}

static void
tui_run_line(struct tui *t, const char *line)
{
	struct session *s = t->s;
	int ntracks = s->p != NULL ? s->p->ntracks : 0, state = s->state;
	int sel = t->sel, rc, nins;
	const char *p = line;
	char *comp, *after, at[32];

	while (*p == ' ')
		p++;
	/* vi hands type :q */
	if (strcmp(p, "q") == 0 || strcmp(p, "q!") == 0)
		p = p[1] == '!' ? "quit force" : "quit";
	t->out_lines = 0;
	t->msg[0] = '\0';
	t->dirty |= TUI_D_MSG;
	comp = t->screen == TUI_TAKES ? tui_takes_comp_text(t) : NULL;
	nins = t->screen == TUI_STRIP ? tui_strip_count(t) : -1;
	tui_progress_begin(t);
	rc = cmd_run(s, p);
	s->progress_ui = NULL;
	if (rc == 0 && nins >= 0)
		tui_strip_follow(t, p, nins);
	if (rc == 0 && t->screen == TUI_ALBUM)
		tui_album_follow(t, p);
	if (s->p != NULL && s->p->ntracks > ntracks)
		t->sel = s->p->ntracks - 1;
	tui_clamp_sel(t);
	/* A comp changed by a command that does not say so itself (undo,
	 * redo, a typed comp): the message line says what it is now. */
	after = comp != NULL && t->sel == sel ? tui_takes_comp_text(t) :
	    NULL;
	if (after != NULL && strcmp(comp, after) != 0 && t->msg[0] == '\0') {
		char *what = xmalloc(strlen(after) + 64);

		snprintf(what, strlen(after) + 64, "%.*s: %s",
		    (int)strcspn(p, " ;"), p, after);
		tui_msg(t, MSG_NOTE, what);
		free(what);
	}
	free(comp);
	free(after);
	if (state == TRANSPORT_STOPPED && s->state == TRANSPORT_PLAYING &&
	    s->p != NULL &&
	    s->audition_track > 0 && s->audition_track <= s->p->ntracks) {
		if (s->p->tempo.n > 0)
			timefmt_format_bars(s->pos, s->p->rate, &s->p->tempo,
			    at, sizeof at);
		else
			timefmt_format(s->pos, s->p->rate, at, sizeof at);
		session_msg(s, MSG_NOTE, "auditioning %s take %d alone from "
		    "%s (space stops)",
		    s->p->tracks[s->audition_track - 1].name,
		    s->audition_take, at);
	}
	/* The Album screen shows what album-measure and album-match say
	 * in its table: their lines stay in the log. */
	if (t->out_lines > 1 && t->screen != TUI_LOG &&
	    t->screen != TUI_ALBUM) {
		/* A long answer (help, info, takes) opens the log, like a
		 * pager, scrolled to show it from its start. */
		tui_set_screen(t, TUI_LOG);
		t->scroll = tui_log_row_of(t, t->nlog - t->out_lines);
	}
	t->dirty |= TUI_D_BODY | TUI_D_STATUS | TUI_D_HEADER;
}

static void
tui_prompt_open(struct tui *t, const char *text)
{
	size_t n;

	lineedit_set(&t->le, text);
	n = strlen(text);
	/* "fx-set S 1 gain=" waits for the value right after the '='. */
	if (n > 0 && text[n - 1] != ' ' && text[n - 1] != '=')
		lineedit_insert(&t->le, " ", 1);
	t->le.hpos = t->le.nhist;
	t->prompting = true;
	t->dirty |= TUI_D_MSG;
}

static void
tui_prompt_close(struct tui *t)
{
	t->prompting = false;
	if (t->nmatches > 0) {
		lineedit_free_matches(t->matches, t->nmatches);
		t->matches = NULL;
		t->nmatches = 0;
	}
	t->dirty |= TUI_D_MSG | TUI_D_BODY;
}

static void
tui_utf8(int c, char *buf, size_t *n)
{
	if (c < 0x80) {
		buf[0] = (char)c;
		*n = 1;
	} else if (c < 0x800) {
		buf[0] = (char)(0xc0 | (c >> 6));
		buf[1] = (char)(0x80 | (c & 0x3f));
		*n = 2;
	} else if (c < 0x10000) {
		buf[0] = (char)(0xe0 | (c >> 12));
		buf[1] = (char)(0x80 | ((c >> 6) & 0x3f));
		buf[2] = (char)(0x80 | (c & 0x3f));
		*n = 3;
	} else {
		buf[0] = (char)(0xf0 | (c >> 18));
		buf[1] = (char)(0x80 | ((c >> 12) & 0x3f));
		buf[2] = (char)(0x80 | ((c >> 6) & 0x3f));
		buf[3] = (char)(0x80 | (c & 0x3f));
		*n = 4;
	}
}

static void
tui_prompt_key(struct tui *t, int key)
{
	struct lineedit *le = &t->le;
	char buf[8], *line;
	size_t n;
	int op = -1;

	if (t->nmatches > 0 && key != '\t') {
		lineedit_free_matches(t->matches, t->nmatches);
		t->matches = NULL;
		t->nmatches = 0;
		t->dirty |= TUI_D_BODY;
	}
	switch (key) {
	case KEYMAP_ENTER:
		line = xstrdup(le->buf);
		lineedit_history_add(le, line);
		lineedit_history_append(t->hist_path, line);
		tui_prompt_close(t);
		tui_run_line(t, line);
		free(line);
		return;
	case KEYMAP_ESC:
	case 'G' - '@':
	case 'C' - '@':
		tui_prompt_close(t);
		return;
	case '\t':
		if (t->nmatches > 0)
			lineedit_free_matches(t->matches, t->nmatches);
		t->nmatches = lineedit_complete(le, t->s, &t->matches);
		if (t->nmatches <= 1)
			t->nmatches = 0;
		t->dirty |= TUI_D_MSG | TUI_D_BODY;
		return;
	case KEYMAP_FKEY(KEY_BACKSPACE):
		if (le->len == 0) {
			tui_prompt_close(t);
			return;
		}
		op = LINEEDIT_BACKSPACE;
		break;
	case KEYMAP_FKEY(KEY_LEFT): case 'B' - '@':
		op = LINEEDIT_LEFT; break;
	case KEYMAP_FKEY(KEY_RIGHT): case 'F' - '@':
		op = LINEEDIT_RIGHT; break;
	case KEYMAP_FKEY(KEY_HOME): case 'A' - '@':
		op = LINEEDIT_HOME; break;
	case KEYMAP_FKEY(KEY_END): case 'E' - '@':
		op = LINEEDIT_END; break;
	case KEYMAP_FKEY(KEY_SLEFT):
		op = LINEEDIT_WORD_LEFT; break;
	case KEYMAP_FKEY(KEY_SRIGHT):
		op = LINEEDIT_WORD_RIGHT; break;
	case KEYMAP_FKEY(KEY_DC): case 'D' - '@':
		op = LINEEDIT_DELETE; break;
	case 'K' - '@':
		op = LINEEDIT_KILL_END; break;
	case 'U' - '@':
		op = LINEEDIT_KILL_START; break;
	case 'W' - '@':
		op = LINEEDIT_KILL_WORD; break;
	case KEYMAP_FKEY(KEY_UP): case 'P' - '@':
		op = LINEEDIT_HIST_PREV; break;
	case KEYMAP_FKEY(KEY_DOWN): case 'N' - '@':
		op = LINEEDIT_HIST_NEXT; break;
	default:
		if (key >= ' ' && key < 0x110000 && key != 0x7f) {
			tui_utf8(key, buf, &n);
			lineedit_insert(le, buf, n);
		}
		break;
	}
	if (op >= 0)
		lineedit_op(le, op);
	t->dirty |= TUI_D_MSG;
}

static int
tui_section(const struct tui *t)
{
	static const int sec[TUI_NSCREENS] = { KEYMAP_ARRANGE, KEYMAP_TAKES,
	    KEYMAP_MIX, KEYMAP_HELP, KEYMAP_LOG, KEYMAP_STRIP,
	    KEYMAP_REVISIONS, KEYMAP_MASTER, KEYMAP_ALBUM };

	if (!t->too_small && t->form != NULL && t->screen == TUI_ARRANGE)
		return KEYMAP_FORM;
	return t->too_small ? KEYMAP_GLOBAL : sec[t->screen];
}

static void
tui_key(struct tui *t, int key)
{
	const char *text;
	char name[32], *line;

	if (t->prompting) {
		tui_prompt_key(t, key);
		return;
	}
	if (t->s->ask[0] != '\0') {
		/* A command's question (session_ask): y runs its answer. */
		char cmd[sizeof t->s->ask_cmd];

		strlcpy_(cmd, t->s->ask_cmd, sizeof cmd);
		t->s->ask[0] = t->s->ask_cmd[0] = '\0';
		if (key == 'y' || key == 'Y')
			cmd_run(t->s, cmd);
		else
			session_msg(t->s, MSG_NOTE, "nothing done");
		t->dirty = TUI_D_ALL;
		return;
	}
	if (t->ask_quit) {
		t->ask_quit = false;
		if (key == 'y' || key == 'Y')
			t->quit = true;
		else
			session_msg(t->s, MSG_NOTE, "still recording");
		t->dirty |= TUI_D_MSG;
		return;
	}
	text = keymap_lookup(&t->km, tui_section(t), key);
	if (text == NULL) {
		keymap_key_label(key, name, sizeof name);
		snprintf(t->msg, sizeof t->msg, "%s is not bound here (? "
		    "lists the keys)", name);
		t->msg_logged = false;
		t->msg_elem = TUI_E_NORMAL;
		t->dirty |= TUI_D_MSG;
		return;
	}
	line = tui_expand(t, text[0] == ':' ? text + 1 : text);
	if (line == NULL)
		return;
	if (text[0] == ':')
		tui_prompt_open(t, line);
	else
		tui_run_line(t, line);
	free(line);
}

/* ---- drawing ---- */

/* Whether screen i has a tab in the header now. */
static bool
tui_tab_shown(const struct tui *t, int i, bool drop)
{
	/* The strip editor has a tab (with no key) while it is open. */
	if (i == TUI_STRIP && t->screen != TUI_STRIP)
		return false;
	if (t->s->p == NULL && tui_screen_song(i))
		return false;
	/* The Album tab while an album is open (or shown). */
	if (i == TUI_ALBUM && t->s->album == NULL && t->screen != TUI_ALBUM)
		return false;
	if (drop && (i == TUI_HELP || i == TUI_LOG) && (int)t->screen != i)
		return false;
	return true;
}

static int
tui_tabs_width(const struct tui *t, bool drop)
{
	int i, w = 0;

	for (i = 0; i < TUI_NSCREENS; i++)
		if (tui_tab_shown(t, i, drop))
			w += (int)strlen(tui_screen_titles[i]) +
			    (i == TUI_STRIP ? 2 : 4);
	return w;
}

static void
tui_draw_header(struct tui *t)
{
	char name[1024], tab[32];
	size_t n;
	const char *base;
	int i, j, x;
	bool drop;

	/* The project's own name: the last part of its path (the album's
	 * in an album session). */
	snprintf(name, sizeof name, "%s", t->s->p != NULL ? t->s->p->dir :
	    t->s->album != NULL ? t->s->album->dir : "album");
	n = strlen(name);
	while (n > 1 && name[n - 1] == '/')
		name[--n] = '\0';
	base = strrchr(name, '/') ? strrchr(name, '/') + 1 : name;
	tui_put(t, 0, 0, COLS, TUI_E_TITLE, " reel  %s%s%s",
	    t->s->p == NULL ? "album " : "", base, t->s->p != NULL &&
	    t->s->p->readonly ? " (read-only)" : "");
	/* Help and Log give their tabs up (not their keys) when the
	 * name would have no room left: the name comes first. */
	drop = tui_tabs_width(t, false) > COLS - 8 - (int)(strlen(base) < 12 ?
	    strlen(base) : 12);
	x = COLS;
	for (j = TUI_NSCREENS - 1; j >= 0; j--) {
		i = tui_tab_order[j];
		if (!tui_tab_shown(t, i, drop))
			continue;
		if (i == TUI_STRIP)
			snprintf(tab, sizeof tab, " %s ", tui_screen_titles[i]);
		else
			snprintf(tab, sizeof tab, " %c %s ", tui_tab_key[i],
			    tui_screen_titles[i]);
		x -= (int)strlen(tab);
		tui_put(t, 0, x, (int)strlen(tab), i == (int)t->screen ?
		    TUI_E_TAB : TUI_E_TITLE, "%s", tab);
	}
}

/* The count-in, "count-in 1/2 beat 3" (bar of bars, beat), while a
 * recording counts in; "" otherwise. */
static void
tui_count_in(struct tui *t, int64_t at, char *buf, size_t size)
{
	struct session *s = t->s;
	struct project *p = s->p;
	int64_t bar, beat, from, e;
	int b0, num, nb = p->count_in;
	double fb;

	buf[0] = '\0';
	if (s->state != TRANSPORT_RECORDING || s->plan.count_in <= 0 ||
	    nb <= 0 || p->tempo.n == 0 || at >= s->plan.rec_start)
		return;
	tempo_frame_to_bar(&p->tempo, p->rate, s->plan.rec_start, &b0, &fb);
	num = tempo_num(&p->tempo, b0);
	bar = tempo_bar_to_frame(&p->tempo, p->rate, b0 + 1, 1) -
	    tempo_bar_to_frame(&p->tempo, p->rate, b0, 1);
	beat = bar / num;
	from = s->plan.rec_start - nb * bar;
	e = at - from;
	if (e < 0 || beat <= 0)
		snprintf(buf, size, "pre-roll");
	else
		snprintf(buf, size, "count-in bar %d/%d beat %d",
		    (int)(e / bar) + 1, nb, (int)(e % bar / beat) + 1);
}

/* The status line: the fields that matter most (transport, position,
 * count-in, record state, xruns) always; the rest (bar|beat, disk time,
 * rate, device) as far as they fit, the least needed dropped first. */
static void
tui_draw_status(struct tui *t)
{
	struct session *s = t->s;
	struct project *p = s->p;
	char f[11][288], left[32], line[3200];
	int prio[11], nf = 0, i, drop, chans = 0, cols;
	int64_t at = transport_position(s), frames, r0, r1;
	bool show[11];
	size_t len;

	if (p == NULL) {
		/* An album session: no transport. */
		tui_put(t, LINES - 2, 0, COLS, TUI_E_STATUS, " ALBUM  %d "
		    "song%s  %d Hz", s->album ? s->album->nsongs : 0,
		    s->album && s->album->nsongs == 1 ? "" : "s",
		    s->album ? s->album->rate : 0);
		return;
	}
	for (i = 0; i < p->ntracks; i++)
		if (p->tracks[i].armed)
			chans += p->tracks[i].channels;
	frames = chans ? project_disk_frames(p, chans,
	    (int64_t)s->cfg.disk_reserve_mb << 20) : -1;
	if (frames < 0)
		snprintf(left, sizeof left, "-");
	else {
		/* Whole seconds are enough here. */
		timefmt_format(frames - frames % p->rate, p->rate, left,
		    sizeof left);
		left[strcspn(left, ".")] = '\0';
	}
	snprintf(f[nf], sizeof f[nf], "%-4s", s->state == TRANSPORT_RECORDING ?
	    "REC" : s->state == TRANSPORT_PLAYING ? "PLAY" : "STOP");
	prio[nf++] = 0;
	timefmt_format(at < 0 ? 0 : at, p->rate, f[nf], sizeof f[nf]);
	prio[nf++] = 0;
	tui_count_in(t, at, f[nf], sizeof f[nf]);
	if (f[nf][0] != '\0')
		prio[nf++] = 0;
	if (p->tempo.n > 0) {
		timefmt_format_bars(at < 0 ? 0 : at, p->rate, &p->tempo,
		    f[nf], sizeof f[nf]);
		prio[nf++] = 2;
	}
	if (t->screen == TUI_ARRANGE && tui_range_get(t, &r0, &r1)) {
		/* The selection: its length, and where it starts. */
		char a[48], b[48];

		timefmt_format(r1 - r0, p->rate, b, sizeof b);
		if (p->tempo.n > 0)
			timefmt_format_bars(r0, p->rate, &p->tempo, a,
			    sizeof a);
		else
			timefmt_format(r0, p->rate, a, sizeof a);
		snprintf(f[nf], sizeof f[nf], "sel %s +%s", a, b);
		prio[nf++] = 1;
	}
	if (chans) {
		snprintf(f[nf], sizeof f[nf], "%s", t->ascii ? "[armed]" :
		    "\xe2\x97\x8f armed");
		prio[nf++] = 0;
	}
	snprintf(f[nf], sizeof f[nf], "xruns %lld", s->eng ?
	    (long long)engine_xruns(s->eng) : 0LL);
	prio[nf++] = 0;
	/* The device and its pacing (file (paced), freewheel) outlast the
	 * details: they say whether the clock is real. */
	snprintf(f[nf], sizeof f[nf], "%.80s", s->dev ? s->device_short :
	    "no device");
	prio[nf++] = 3;
	snprintf(f[nf], sizeof f[nf], "disk %s", left);
	prio[nf++] = chans ? 1 : 4;
	snprintf(f[nf], sizeof f[nf], "%d Hz", p->rate);
	prio[nf++] = 5;
	for (drop = 6; drop > 0; drop--) {
		len = 0;
		cols = 0;
		for (i = 0; i < nf; i++) {
			show[i] = prio[i] < drop;
			if (!show[i])
				continue;
			len += snprintf(line + len, sizeof line - len, "%s%s",
			    len ? "  " : " ", f[i]);
		}
		for (i = 0; line[i] != '\0'; i++)
			if (((unsigned char)line[i] & 0xc0) != 0x80)
				cols++;
		if (cols <= COLS)
			break;
	}
	tui_put(t, LINES - 2, 0, COLS, TUI_E_STATUS, "%s", line);
	if (s->state == TRANSPORT_RECORDING)
		tui_put(t, LINES - 2, 0, 5, TUI_E_REC, " %s", f[0]);
}

/* The key that runs `text` on this screen, by its label; "" when none. */
static void
tui_key_for(struct tui *t, const char *text, char *buf, size_t size)
{
	int sec = tui_section(t), s, i;

	buf[0] = '\0';
	for (s = 0; s < 2; s++) {
		const struct keymap_binding *b = t->km.b[s ? KEYMAP_GLOBAL :
		    sec];

		for (i = 0; i < t->km.n[s ? KEYMAP_GLOBAL : sec]; i++)
			if (strcmp(b[i].text, text) == 0 &&
			    keymap_lookup(&t->km, sec, b[i].key) ==
			    b[i].text) {
				keymap_key_label(b[i].key, buf, size);
				return;
			}
	}
}

/* The message; one that does not fit (or has more lines) ends with where
 * to read it whole: "(more in Log: 4)". */
static void
tui_draw_msg_text(struct tui *t, int y)
{
	char key[32], more[64];
	const char *p;
	int cols = 0, w;

	for (p = t->msg; *p != '\0'; p++)
		if (((unsigned char)*p & 0xc0) != 0x80)
			cols++;
	if (!t->msg_logged || (!t->msg_more && cols <= COLS) ||
	    t->screen == TUI_LOG) {
		tui_put(t, y, 0, COLS, t->msg_elem, "%s", t->msg);
		return;
	}
	tui_key_for(t, "screen log", key, sizeof key);
	if (key[0] != '\0')
		snprintf(more, sizeof more, " (more in Log: %s)", key);
	else
		snprintf(more, sizeof more, " (more in the Log)");
	w = COLS - (int)strlen(more);
	tui_put(t, y, 0, w, t->msg_elem, "%s", t->msg);
	tui_put(t, y, w, COLS - w, TUI_E_DIM, "%s", more);
}

/* The completions, as many rows above the status line as they need (up
 * to half the body; the last row then says how many more there are). */
static void
tui_draw_matches(struct tui *t)
{
	int max = tui_body_rows() / 2, rows = 1, x = 0, i, n, y;
	char more[32];

	for (i = 0; i < t->nmatches; i++) {
		n = (int)strlen(t->matches[i]) + 2;
		if (x > 0 && x + n > COLS) {
			rows++;
			x = 0;
		}
		x += n;
	}
	if (rows > max)
		rows = max;
	y = LINES - 2 - rows;
	x = 0;
	move(y, 0);
	attrset(t->attr[TUI_E_SELECTED]);
	for (i = 0; i < t->nmatches; i++) {
		n = (int)strlen(t->matches[i]) + 2;
		snprintf(more, sizeof more, "(%d more)", t->nmatches - i);
		if (x > 0 && x + n > COLS) {
			while (x++ < COLS)
				addch(' ');
			if (++y == LINES - 2)
				break;
			x = 0;
			move(y, 0);
		}
		/* The last row keeps room to say what does not fit. */
		if (y == LINES - 3 && rows == max && i + 1 < t->nmatches &&
		    x + n + (int)strlen(more) + 1 > COLS) {
			addstr(more);
			x += (int)strlen(more);
			break;
		}
		addnstr(t->matches[i], COLS - x);
		addstr("  ");
		x += n;
	}
	while (x++ < COLS && y < LINES - 2)
		addch(' ');
	attrset(A_NORMAL);
}

static void
tui_draw_msg(struct tui *t)
{
	int y = LINES - 1, w, off;
	size_t col;

	if (t->prompting) {
		/* Scrolls sideways so that the cursor stays in view. */
		w = COLS - 2;
		col = lineedit_cursor_col(&t->le);
		off = col >= (size_t)w ? (int)col - w + 1 : 0;
		{
			const char *b = t->le.buf;
			int skip = off;

			while (skip > 0 && *b != '\0') {
				b++;
				while (((unsigned char)*b & 0xc0) == 0x80)
					b++;
				skip--;
			}
			tui_put(t, y, 0, COLS, TUI_E_NORMAL, ":%s", b);
		}
		t->cy = y;
		t->cx = 1 + (int)col - off;
		if (t->nmatches > 0)
			tui_draw_matches(t);
		return;
	}
	if (t->s->ask[0] != '\0') {
		tui_put(t, y, 0, COLS, TUI_E_ERROR, t->s->ask);
		t->cy = y;
		t->cx = (int)strlen(t->s->ask) < COLS ? (int)strlen(t->s->ask) :
		    COLS - 1;
		return;
	}
	if (t->ask_quit) {
		tui_put(t, y, 0, COLS, TUI_E_ERROR, "recording: stop, keep "
		    "the take and quit? (y/n) ");
		t->cy = y;
		t->cx = 42 < COLS ? 42 : COLS - 1;
		return;
	}
	tui_draw_msg_text(t, y);
}

static void
tui_draw_small(struct tui *t)
{
	int y;

	for (y = 0; y < LINES; y++) {
		move(y, 0);
		clrtoeol();
	}
	mvprintw(0, 0, "terminal too small: %dx%d", COLS, LINES);
	mvprintw(1, 0, "reel needs %dx%d", TUI_MIN_COLS, TUI_MIN_LINES);
	mvprintw(2, 0, "q quits");
	t->cy = 0;
	t->cx = 0;
}

static void
tui_draw(struct tui *t)
{
	unsigned d = t->dirty;

	t->dirty = 0;
	if (t->too_small) {
		tui_draw_small(t);
		move(t->cy, t->cx);
		wnoutrefresh(stdscr);
		doupdate();
		return;
	}
	if (d & TUI_D_HEADER)
		tui_draw_header(t);
	if ((d & TUI_D_BODY) && t->pitch != NULL &&
	    (t->screen == TUI_ARRANGE || t->screen == TUI_TAKES))
		tui_pitch_draw(t);
	else if (d & TUI_D_BODY) {
		switch (t->screen) {
		case TUI_ARRANGE: tui_arrange_draw(t); break;
		case TUI_TAKES: tui_takes_draw(t); break;
		case TUI_MIX: tui_mix_draw(t, false); break;
		case TUI_HELP: tui_help_draw(t); break;
		case TUI_LOG: tui_log_draw(t); break;
		case TUI_STRIP: tui_strip_draw(t, false); break;
		case TUI_REVISIONS: tui_revisions_draw(t); break;
		case TUI_MASTER: tui_master_draw(t); break;
		case TUI_ALBUM: tui_album_draw(t); break;
		default: break;
		}
	} else if ((d & TUI_D_METERS) && t->screen == TUI_MIX)
		tui_mix_draw(t, true);
	else if ((d & TUI_D_METERS) && t->screen == TUI_STRIP)
		tui_strip_draw(t, true);
	if (d & TUI_D_STATUS)
		tui_draw_status(t);
	/* The message line last: the prompt owns the cursor. */
	if (d & (TUI_D_MSG | TUI_D_BODY))
		tui_draw_msg(t);
	else if (t->prompting || t->ask_quit || t->s->ask[0] != '\0')
		tui_draw_msg(t);
	if (t->cy < 0 || t->cy >= LINES)
		t->cy = 0;
	if (t->cx < 0 || t->cx >= COLS)
		t->cx = 0;
	move(t->cy, t->cx);
	wnoutrefresh(stdscr);
	doupdate();
}

static void
tui_resize(struct tui *t)
{
	struct winsize ws;

	tui_winch = 0;
	if (ioctl(1, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 && ws.ws_col > 0)
		resizeterm(ws.ws_row, ws.ws_col);
	t->too_small = COLS < TUI_MIN_COLS || LINES < TUI_MIN_LINES;
	clear();
	if (t->screen == TUI_HELP)
		tui_help_build(t);
	t->dirty = TUI_D_ALL;
}

/* A new pass clears the clip lights and the pass maxima; a stop lets the
 * bars fall (nothing moves while idle). */
static void
tui_meters_reset(struct tui *t, bool starting)
{
	struct tui_meter *m;
	int i;

	for (i = 0; i < MIXER_SLOTS; i++) {
		t->rms[i] = -200;
		t->gr[i] = 0;
	}
	t->corr = 0;
	for (i = 0; i < 2 * MIXER_MAX_TRACKS + 2 + MIXER_MAX_BUSES; i++) {
		m = i < MIXER_MAX_TRACKS ? &t->meter[i] :
		    i < 2 * MIXER_MAX_TRACKS ? &t->input[i - MIXER_MAX_TRACKS] :
		    i < 2 * MIXER_MAX_TRACKS + 2 ?
		    &t->master[i - 2 * MIXER_MAX_TRACKS] :
		    &t->bus[i - 2 * MIXER_MAX_TRACKS - 2];
		m->level = m->hold = -200;
		if (starting) {
			m->clip = false;
			m->max = -200;
		}
	}
}

/* Armed tracks on a device with a clock: the mix screen shows their
 * input levels while stopped too (setting levels before a take). */
static bool
tui_monitoring(struct tui *t)
{
	struct session *s = t->s;
	int i;

	if ((t->screen != TUI_MIX && t->screen != TUI_STRIP) ||
	    s->dev == NULL || s->dev->freewheel || s->p == NULL)
		return false;
	for (i = 0; i < s->p->ntracks; i++)
		if (s->p->tracks[i].armed)
			return true;
	return false;
}

/* Per frame while rolling: the playhead, the position, the meters. */
static void
tui_frame(struct tui *t)
{
	t->dirty |= TUI_D_STATUS;
	if (t->screen == TUI_ARRANGE || t->screen == TUI_TAKES) {
		int x = tui_arrange_playhead_col(t);

		if (x != t->phx)
			t->dirty |= TUI_D_BODY;
		/* The prompter moves on by bar and line, not by column. */
		if (tui_sheet_moved(t))
			t->dirty |= TUI_D_BODY;
	}
	if (t->screen == TUI_MASTER)
		t->dirty |= TUI_D_BODY;
	if (t->screen == TUI_MIX || t->screen == TUI_STRIP) {
		tui_mix_take_peaks(t);
		t->dirty |= TUI_D_METERS;
	} else
		t->meter_ms = 0;	/* the meters pause */
}

static void
tui_colors(struct tui *t)
{
	static const short fg[TUI_NELEMS] = { -1, COLOR_BLACK, COLOR_WHITE,
	    COLOR_WHITE, COLOR_RED, COLOR_GREEN, COLOR_YELLOW, COLOR_RED,
	    COLOR_RED, COLOR_BLACK, COLOR_BLUE, COLOR_WHITE, COLOR_BLACK };
	static const short bg[TUI_NELEMS] = { -1, COLOR_CYAN, COLOR_BLUE,
	    COLOR_RED, -1, -1, -1, -1, -1, COLOR_WHITE, -1, COLOR_BLUE,
	    COLOR_CYAN };
	static const attr_t mono[TUI_NELEMS] = { A_NORMAL, A_REVERSE,
	    A_REVERSE, A_REVERSE | A_BOLD, A_BOLD, A_NORMAL, A_NORMAL,
	    A_BOLD, A_BOLD, A_REVERSE, A_DIM, A_REVERSE, A_BOLD };
	int i;

	for (i = 0; i < TUI_NELEMS; i++)
		t->attr[i] = mono[i];
	if (!t->color)
		return;
	start_color();
	use_default_colors();
	for (i = 1; i < TUI_NELEMS; i++) {
		init_pair(i, fg[i], bg[i]);
		t->attr[i] = COLOR_PAIR(i);
	}
	t->attr[TUI_E_REC] |= A_BOLD;
	t->attr[TUI_E_ARMED] |= A_BOLD;
	t->attr[TUI_E_ERROR] |= A_BOLD;
	t->attr[TUI_E_METER_HI] |= A_BOLD;
	t->attr[TUI_E_TAB] |= A_BOLD;
	t->attr[TUI_E_SELECTED] = A_REVERSE;
}

static void
tui_glyphs(struct tui *t)
{
	static const struct tui_glyphs utf8 = {
		{ " ", "\xe2\x96\x81", "\xe2\x96\x82", "\xe2\x96\x83",
		  "\xe2\x96\x84", "\xe2\x96\x85", "\xe2\x96\x86",
		  "\xe2\x96\x87", "\xe2\x96\x88" },
		"\xe2\x96\x88", "\xe2\x94\x80", "\xe2\x94\x82",
		"\xe2\x96\xac", "\xe2\x96\xbc", "\xe2\x94\x82",
		"\xe2\x94\x82", "\xe2\x97\x8f", "\xc2\xb7"
	};
	static const struct tui_glyphs ascii = {
		{ " ", ".", ".", "-", "-", "=", "=", "#", "#" },
		"#", "-", "|", "=", "v", "|", "|", "*", "."
	};

	t->g = t->ascii ? ascii : utf8;
}

static void
tui_fatal_hook(void)
{
	tui_end();
}

int
tui_run(struct session *s)
{
	struct tui *t = xcalloc(1, sizeof *t);
	void (*old_msg)(void *, enum msg_kind, const char *) = s->msg;
	void *old_arg = s->msg_arg;
	struct sigaction sa;
	sigset_t block, orig;
	struct pollfd pfd[3];
	struct timespec ts;
	const char *codeset, *nc;
	int64_t next_frame = 0, now;
	int rate, n, r, i, saving;
	wint_t wc;

	t->found = -1;
	t->s = s;
	t->sel = s->p != NULL && s->p->ntracks > 0 ? 0 : -1;
	t->phx = -1;
	t->mark = -1;
	t->rin = t->rout = -1;
	t->screen = s->p != NULL ? TUI_ARRANGE : TUI_ALBUM;
	t->back = t->screen;
	t->last_state = s->state;
	tui_meters_reset(t, true);
	overview_cache_init(&t->ov);
	lineedit_init(&t->le);
	lineedit_history_path(t->hist_path, sizeof t->hist_path);
	lineedit_history_load(&t->le, t->hist_path);
	keymap_init(&t->km);

	setlocale(LC_ALL, "");
	codeset = nl_langinfo(CODESET);
	t->ascii = s->cfg.ascii == CONFIG_AUTO ?
	    !(codeset && (strcasecmp(codeset, "UTF-8") == 0 ||
	    strcasecmp(codeset, "utf8") == 0)) : s->cfg.ascii == CONFIG_YES;
	tui_glyphs(t);

	s->msg = tui_msg;
	s->msg_arg = t;
	s->ui = tui_ui;
	s->ui_arg = t;
	s->interactive = true;
	s->progress = false;
	keymap_load_all(&t->km, s->cfg.keymap, tui_keymap_warn, t);
	tui_clamp_sel(t);

	/* SIGWINCH only sets a flag; it is blocked except inside ppoll(),
	 * so that it cannot slip in between the check and the wait. */
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = tui_on_winch;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGWINCH, &sa, NULL);
	sigemptyset(&block);
	sigaddset(&block, SIGWINCH);
	sigprocmask(SIG_BLOCK, &block, &orig);
	sigdelset(&orig, SIGWINCH);

	if (initscr() == NULL) {
		s->msg = old_msg;
		s->msg_arg = old_arg;
		s->ui = NULL;
		keymap_free(&t->km);
		lineedit_free(&t->le);
		free(t);
		return plain_run(s);
	}
	tui_active = true;
	atexit(tui_end);
	fatal_hook = tui_fatal_hook;
	nc = getenv("NO_COLOR");
	t->color = s->cfg.colors == CONFIG_AUTO ? has_colors() &&
	    (nc == NULL || *nc == '\0') : s->cfg.colors == CONFIG_YES &&
	    has_colors();
	tui_colors(t);
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	set_escdelay(25);
	curs_set(1);
	t->too_small = COLS < TUI_MIN_COLS || LINES < TUI_MIN_LINES;
	t->dirty = TUI_D_ALL;

	/* The device, for meters (the null device when there is none). */
	if (s->p != NULL) {
		session_device(s, false);
		listen_start(s);
		tui_arrange_zoom(t, "fit");
	}
	if (t->msg[0] == '\0') {
		snprintf(t->msg, sizeof t->msg, "? shows the keys, : opens "
		    "the prompt, q quits");
		t->msg_logged = false;
	}

	rate = s->cfg.meter_rate > 0 ? s->cfg.meter_rate : 25;
	while (!t->quit) {
		bool rolling;

		if (tui_winch)
			tui_resize(t);
		if ((int)s->state != t->last_state) {
			tui_meters_reset(t, t->last_state ==
			    TRANSPORT_STOPPED);
			t->last_state = s->state;
			t->dirty = TUI_D_ALL;
		}
		rolling = s->state != TRANSPORT_STOPPED ||
		    tui_monitoring(t);
		if (!rolling)
			t->meter_ms = 0;	/* the meters pause */
		now = tui_now_ms();
		if (rolling && now >= next_frame) {
			tui_frame(t);
			next_frame = now + 1000 / rate;
		}
		if (rolling && (t->screen == TUI_ARRANGE ||
		    t->screen == TUI_TAKES))
			tui_arrange_follow(t);
		if (t->dirty)
			tui_draw(t);
		n = 0;
		pfd[n].fd = 0;
		pfd[n++].events = POLLIN;
		pfd[n].fd = session_signal_fd();
		pfd[n++].events = POLLIN;
		if (s->eng != NULL) {
			pfd[n].fd = engine_wake_fd(s->eng);
			pfd[n++].events = POLLIN;
		}
		/* A burst of fader moves is saved within a second. */
		saving = session_save_wait(s);
		if (rolling || saving >= 0) {
			int64_t wait = rolling ? next_frame - tui_now_ms() :
			    saving;

			if (saving >= 0 && saving < wait)
				wait = saving;
			if (wait < 0)
				wait = 0;
			ts.tv_sec = wait / 1000;
			ts.tv_nsec = (wait % 1000) * 1000000;
		}
		r = ppoll(pfd, n, rolling || saving >= 0 ? &ts : NULL, &orig);
		session_tick(s);
		if (r < 0 && errno != EINTR)
			break;
		if (session_signal != 0)
			break;
		if (r <= 0)
			continue;
		if (n > 2 && (pfd[2].revents & POLLIN)) {
			transport_poll(s);
			if (s->state == TRANSPORT_STOPPED)
				t->dirty = TUI_D_ALL;
		}
		if (pfd[0].revents & (POLLHUP | POLLERR | POLLNVAL) &&
		    !(pfd[0].revents & POLLIN))
			break;		/* the terminal is gone */
		if (pfd[0].revents & POLLIN) {
			while ((r = wget_wch(stdscr, &wc)) != ERR) {
				int key;

				if (r == KEY_CODE_YES) {
					if (wc == KEY_RESIZE) {
						tui_winch = 1;
						continue;
					}
					key = wc == KEY_ENTER ? KEYMAP_ENTER :
					    KEYMAP_FKEY((int)wc);
				} else if (wc == '\r')
					key = KEYMAP_ENTER;
				else if (wc == 0x7f || wc == 8)
					key = KEYMAP_FKEY(KEY_BACKSPACE);
				else
					key = (int)wc;
				tui_key(t, key);
				if (t->quit)
					break;
			}
		}
	}

	/* Leaving: a recording stops and its take is kept and saved, also
	 * after SIGHUP/SIGTERM/SIGINT. */
	if (s->state != TRANSPORT_STOPPED) {
		transport_stop(s);
		while (s->state != TRANSPORT_STOPPED)
			transport_wait(s);
	}
	if (s->p != NULL && !s->p->readonly)
		session_save(s);
	tui_end();
	fatal_hook = NULL;
	sigprocmask(SIG_SETMASK, &orig, NULL);
	signal(SIGWINCH, SIG_DFL);
	s->msg = old_msg;
	s->msg_arg = old_arg;
	s->ui = NULL;
	s->ui_arg = NULL;
	for (i = 0; i < t->nlog; i++)
		free(t->log[(t->log0 + i) % TUI_LOG_MAX]);
	if (t->nmatches > 0)
		lineedit_free_matches(t->matches, t->nmatches);
	tui_help_free(t);
	free(t->form);
	tui_pitch_close(t);
	overview_cache_free(&t->ov);
	keymap_free(&t->km);
	lineedit_free(&t->le);
	free(t);
	return 0;
}
