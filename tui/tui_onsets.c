/* tui_onsets.c - onset marks in the Arrangement and Takes lane rows. */
#include "tui_onsets.h"

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
		if (ch[x] == fill)
			ch[x] = TUI_ONSET_MARK;
		while (i < n && f[i] < f1)
			i++;
	}
}
