/* tui_onsets.c - onset marks in the Arrangement and Takes lane rows. */
#include "tui_onsets.h"

#include <ctype.h>

#include "onsetmarks.h"
#include "session.h"
#include "tui_priv.h"

void
tui_onsets_cells(const struct tui *t, const struct track *tr, int w,
    char *ch, char fill)
{
	const int64_t *f;
	int x, n, i = 0;

	f = onsetmarks_get(t->s->marks, tr, t->view0, &n);
	for (x = 0; f != NULL && x < w && i < n; x++) {
		int64_t f1 = t->view0 + (int64_t)((x + 1) * t->fpc);

		if (f[i] >= f1)
			continue;
		/* Every onset shows, over a label's letter if need be
		 * ("[quantize" would hide the first ones); a clip's edges
		 * stay. */
		if (ch[x] == fill || isalnum((unsigned char)ch[x]) ||
		    ch[x] == '-')
			ch[x] = TUI_ONSET_MARK;
		while (i < n && f[i] < f1)
			i++;
	}
}
