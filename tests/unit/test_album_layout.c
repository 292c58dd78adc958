/* test_album_layout.c - the Album screen's disc bar and lines from an
 * album in memory (no files): a pause shorter than a cell still shows
 * before its number, index points, the part past 79:57, the last number
 * kept at the end, the total's wording, and what the plan's key follows. */
#include <string.h>

#include "album_layout.h"
#include "t.h"
#include "util.h"

static struct album *
mk(int n, double seconds)
{
	struct album *a = xcalloc(1, sizeof *a);
	int i;

	a->rate = 44100;
	a->nsongs = n;
	a->songs = xcalloc((size_t)n, sizeof *a->songs);
	for (i = 0; i < n; i++) {
		snprintf(a->songs[i].project, sizeof a->songs[i].project,
		    "../s%d", i + 1);
		a->songs[i].measured = true;
		a->songs[i].length = (int64_t)(seconds * 44100);
	}
	return a;
}

static void
done(struct album *a)
{
	free(a->songs);
	free(a);
}

int
main(void)
{
	struct album_layout l;
	struct album *a;
	char cells[128], line[256];
	int track[128];
	uint64_t k;

	/* 600 s songs, a 2 s pause before song 2: 79:57 over 80 cells is
	 * 59.96 s a cell; song 1 plays 2..602 s (cells 0-10), the pause
	 * 602..604 s falls in no cell's middle (cell 10 is 599.6-659.6 s)
	 * and takes cell 10, song 2's number goes to cell 11 and its music
	 * to 1204 s (cell 19's middle is 1169 s, cell 20's 1229 s); an
	 * index 300 s into song 1 (302 s) is cell 5. */
	a = mk(2, 600);
	a->songs[1].gap_s = 2;
	a->songs[0].index_s[0] = 300;
	a->songs[0].nindex = 1;
	album_layout_make(a, NULL, &l);
	T_CHECK(l.disc_ok && l.unmeasured == 0);
	album_layout_bar(&l, 80, cells, track);
	T_CHECKF(strncmp(cells, "1====^====.2========     ", 25) == 0,
	    "'%s'", cells);
	T_CHECK(track[0] == 0 && track[11] == 1 && track[30] == -1);
	T_CHECK(!album_layout_cd_line(&l, line, sizeof line));
	T_CHECKF(strcmp(line, "CD 20:04 of 79:57 (74:00 fits every player)")
	    == 0, "'%s'", line);
	T_CHECK(!album_layout_side_line(a, &l, 0, line, sizeof line));
	T_CHECKF(strcmp(line, "side A  10:00 of 24:00 12in33  song 1") == 0,
	    "'%s'", line);

	/* The key follows the layout's inputs, not a performer. */
	k = album_layout_key(a, l.fmt);
	strcpy(a->songs[1].performer, "Someone");
	T_CHECK(album_layout_key(a, l.fmt) == k);
	a->songs[1].gap_s = 3;
	T_CHECK(album_layout_key(a, l.fmt) != k);
	T_CHECK(album_layout_key(a, album_layout_format("7in45")) != k);
	a->songs[1].measured = false;
	album_layout_free(&l);
	album_layout_make(a, NULL, &l);
	T_CHECK(l.unmeasured == 1 && !l.disc_ok);
	album_layout_bar(&l, 20, cells, NULL);
	T_CHECK(strcmp(cells, "                    ") == 0);
	album_layout_free(&l);
	done(a);

	/* Ten songs of 8:00 (80:02 with the pregap): past 79:57 by 5 s,
	 * 8:00 a side over 4 sides too long for 12in33. */
	a = mk(10, 480);
	album_layout_make(a, NULL, &l);
	T_CHECK(album_layout_cd_line(&l, line, sizeof line));
	T_CHECKF(strcmp(line, "CD 80:02 OVER the 79:57 limit by 0:05: too "
	    "long for a CD") == 0, "'%s'", line);
	album_layout_bar(&l, 40, cells, NULL);
	/* 120.05 s a cell: 79:57 falls in cell 39, where 10 is kept. */
	T_CHECKF(strcmp(cells, "1===2===3===4===5===6===7===8===9===10==")
	    == 0, "'%s'", cells);
	/* 5 s over is less than half a cell of 80: no cell is past it (the
	 * screen ends the bar in '!'). */
	album_layout_bar(&l, 80, cells, NULL);
	T_CHECKF(strchr(cells, '!') == NULL, "'%s'", cells);
	album_layout_free(&l);
	done(a);

	/* Ten songs of 9:00 (90:02): 67.5 s a cell of 80, cells from 71
	 * (middle 4827 s) past 79:57 (4797 s), song 10's number at 72
	 * (4862 s) over them. */
	a = mk(10, 540);
	album_layout_make(a, NULL, &l);
	album_layout_bar(&l, 80, cells, NULL);
	T_CHECKF(strcmp(cells + 70, "=!10!!!!!!") == 0, "'%s'", cells);
	album_layout_free(&l);
	done(a);

	/* 74:30: within the limit, but not every player's. */
	a = mk(1, 74 * 60 + 28);
	album_layout_make(a, album_layout_format("12in45"), &l);
	album_layout_cd_line(&l, line, sizeof line);
	T_CHECKF(strcmp(line, "CD 74:30 of 79:57 (over 74:00: some players "
	    "fail)") == 0, "'%s'", line);
	T_CHECK(album_layout_side_line(a, &l, 0, line, sizeof line));
	T_CHECKF(strstr(line, "of 15:00 12in45  song 1  TOO LONG") != NULL,
	    "'%s'", line);
	album_layout_free(&l);
	done(a);
	T_CHECK(album_layout_format("9in") == NULL);
	T_CHECK(strcmp(album_layout_format_next(album_layout_format(
	    "7in45"))->name, "12in33") == 0);
	T_DONE();
}
