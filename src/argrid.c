/* argrid.c - the arrangement grid: which track plays in which section. */
#include <stdlib.h>
#include <string.h>

#include "argrid.h"
#include "clip.h"
#include "util.h"

static int
argrid_cmp(const void *x, const void *y)
{
	const int64_t *a = x, *b = y;

	return a[0] < b[0] ? -1 : a[0] > b[0];
}

int64_t
argrid_cover(const struct project *p, const struct track *t, int64_t a,
    int64_t b)
{
	struct pstream ps;
	int64_t (*iv)[2], total = 0, end = a;
	int i, n = 0;

	if (b <= a || !clip_plays(t))
		return 0;
	/* What playback would stream for the track, nothing cut out. */
	memset(&ps, 0, sizeof ps);
	clip_segments(p, t, &ps, 0, 0);
	iv = xcalloc(ps.nsegs ? ps.nsegs : 1, sizeof *iv);
	for (i = 0; i < ps.nsegs; i++) {
		const struct segment *sg = &ps.segs[i];
		int64_t s0 = sg->start, s1 = sg->end;

		if (sg->win_end > sg->win_start) {
			s0 = s0 > sg->win_start ? s0 : sg->win_start;
			s1 = s1 < sg->win_end ? s1 : sg->win_end;
		}
		s0 = s0 > a ? s0 : a;
		s1 = s1 < b ? s1 : b;
		if (s1 > s0) {
			iv[n][0] = s0;
			iv[n++][1] = s1;
		}
	}
	/* The union of the pieces (overlaps, crossfades count once). */
	qsort(iv, n, sizeof *iv, argrid_cmp);
	for (i = 0; i < n; i++) {
		if (iv[i][1] <= end)
			continue;
		total += iv[i][1] - (iv[i][0] > end ? iv[i][0] : end);
		end = iv[i][1];
	}
	free(iv);
	for (i = 0; i < ps.nsources; i++)
		free(ps.paths[i]);
	free(ps.paths);
	free(ps.srcs);
	free(ps.segs);
	free(ps.envs);
	return total;
}

double
argrid_section(const struct project *p, const struct track *t,
    const struct section *sc)
{
	int64_t a = tempo_bar_to_frame(&p->tempo, p->rate, sc->bar, 1.0);
	int64_t b = tempo_bar_to_frame(&p->tempo, p->rate, sc->bar + sc->bars,
	    1.0);

	return b > a ? (double)argrid_cover(p, t, a, b) / (double)(b - a) : 0;
}

int
argrid_elements(const struct project *p, const struct section *sc,
    bool *lead)
{
	int i, n = 0;

	*lead = false;
	for (i = 0; i < p->ntracks; i++)
		if (argrid_section(p, &p->tracks[i], sc) > 0) {
			n++;
			if (strcmp(p->tracks[i].role, "lead") == 0)
				*lead = true;
		}
	return n;
}

const char *
argrid_mark(double cover, bool ascii)
{
	static const char *const utf[] = {
		" ", "\xe2\x96\x91", "\xe2\x96\x92", "\xe2\x96\x93",
		"\xe2\x96\x88"
	};
	static const char *const asc[] = { " ", ".", ":", "+", "#" };
	int k = cover <= 0 ? 0 : cover < 0.25 ? 1 : cover < 0.5 ? 2 :
	    cover < 0.75 ? 3 : 4;

	return ascii ? asc[k] : utf[k];
}

void
argrid_write(const struct project *p, FILE *f)
{
	int i, j, w = 8;
	bool lead;

	for (j = 0; j < p->nsections; j++)
		if ((int)strlen(p->sections[j].name) > w)
			w = (int)strlen(p->sections[j].name);
	fprintf(f, "%-16s %-8s", "track", "role");
	for (j = 0; j < p->nsections; j++)
		fprintf(f, " %*s", w, p->sections[j].name);
	fputc('\n', f);
	fprintf(f, "%-16s %-8s", "", "bars");
	for (j = 0; j < p->nsections; j++) {
		char bars[32];

		snprintf(bars, sizeof bars, "%d-%d", p->sections[j].bar,
		    p->sections[j].bar + p->sections[j].bars - 1);
		fprintf(f, " %*s", w, bars);
	}
	fputc('\n', f);
	for (i = 0; i < p->ntracks; i++) {
		const struct track *t = &p->tracks[i];

		fprintf(f, "%-16s %-8s", t->name, t->role[0] != '\0' ?
		    t->role : "none");
		for (j = 0; j < p->nsections; j++)
			fprintf(f, " %*.1f%%", w - 1, 100.0 *
			    argrid_section(p, t, &p->sections[j]));
		fputc('\n', f);
	}
	fprintf(f, "%-16s %-8s", "elements", "");
	for (j = 0; j < p->nsections; j++)
		fprintf(f, " %*d", w, argrid_elements(p, &p->sections[j],
		    &lead));
	fputc('\n', f);
	fprintf(f, "%-16s %-8s", "lead", "");
	for (j = 0; j < p->nsections; j++) {
		argrid_elements(p, &p->sections[j], &lead);
		fprintf(f, " %*s", w, lead ? "yes" : "no");
	}
	fputc('\n', f);
}
