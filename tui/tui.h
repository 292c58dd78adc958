/* tui.h - the two interactive front ends. */
#ifndef REEL_TUI_H
#define REEL_TUI_H

struct session;

/* Full-screen ncurses interface.  Returns the exit status. */
int tui_run(struct session *s);
/* Line-oriented session for screen readers and braille displays. */
int plain_run(struct session *s);

#endif
