/* plain.c - the line-oriented session: a prompt, the command language,
 * short announcements.  Nothing moves on its own. */
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "session.h"
#include "tui.h"

int
plain_run(struct session *s)
{
	char line[4096];
	struct pollfd pfd[3];
	bool prompt = true;
	int n;

	s->interactive = true;
	for (;;) {
		if (prompt && isatty(0)) {
			fputs("reel> ", stdout);
			fflush(stdout);
		}
		prompt = false;
		pfd[0].fd = 0;
		pfd[0].events = POLLIN;
		pfd[1].fd = s->eng ? engine_wake_fd(s->eng) : -1;
		pfd[1].events = POLLIN;
		pfd[2].fd = session_signal_fd();
		pfd[2].events = POLLIN;
		n = poll(pfd, 3, -1);
		if (n < 0)
			continue;
		if (pfd[1].revents & POLLIN)
			transport_poll(s);
		if (session_signal != 0)
			break;
		if (pfd[0].revents & (POLLIN | POLLHUP)) {
			if (fgets(line, sizeof line, stdin) == NULL)
				break;
			line[strcspn(line, "\n")] = '\0';
			if (strcmp(line, "quit") == 0 || strcmp(line, "q") == 0)
				break;
			cmd_run(s, line);
			prompt = true;
		}
	}
	return 0;
}
