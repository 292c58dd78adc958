/* tui.c - full-screen interface (being built: issue 3); until then the
 * plain session serves. */
#include "session.h"
#include "tui.h"

int
tui_run(struct session *s)
{
	return plain_run(s);
}
