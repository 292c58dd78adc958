/* test_lineedit.c - prompt editing, history and completion. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "lineedit.h"
#include "project.h"
#include "session.h"
#include "t.h"

static void
test_edit(void)
{
	struct lineedit le;

	lineedit_init(&le);
	lineedit_insert(&le, "play", 4);
	T_CHECK(strcmp(le.buf, "play") == 0 && le.pos == 4);
	lineedit_op(&le, LINEEDIT_LEFT);
	lineedit_op(&le, LINEEDIT_LEFT);
	lineedit_insert(&le, "XY", 2);
	T_CHECK(strcmp(le.buf, "plXYay") == 0 && le.pos == 4);
	lineedit_op(&le, LINEEDIT_BACKSPACE);
	lineedit_op(&le, LINEEDIT_DELETE);
	T_CHECK(strcmp(le.buf, "plXy") == 0 && le.pos == 3);
	lineedit_op(&le, LINEEDIT_KILL_END);
	T_CHECK(strcmp(le.buf, "plX") == 0);
	lineedit_op(&le, LINEEDIT_HOME);
	T_CHECK(le.pos == 0);
	T_CHECK(!lineedit_op(&le, LINEEDIT_LEFT));
	T_CHECK(!lineedit_op(&le, LINEEDIT_BACKSPACE));
	/* UTF-8: one character, two bytes. */
	lineedit_set(&le, "gain caf\xc3\xa9");
	T_CHECK(lineedit_cursor_col(&le) == 9);
	lineedit_op(&le, LINEEDIT_BACKSPACE);
	T_CHECK(strcmp(le.buf, "gain caf") == 0);
	lineedit_set(&le, "gain vox 3");
	lineedit_op(&le, LINEEDIT_KILL_WORD);
	T_CHECK(strcmp(le.buf, "gain vox ") == 0);
	lineedit_op(&le, LINEEDIT_WORD_LEFT);
	T_CHECK(le.pos == 5);
	lineedit_op(&le, LINEEDIT_KILL_START);
	T_CHECK(strcmp(le.buf, "vox ") == 0 && le.pos == 0);
	lineedit_free(&le);
}

static void
test_history(void)
{
	struct lineedit le;
	char path[] = "/tmp/reel-hist-XXXXXX/sub/history", *d;

	lineedit_init(&le);
	lineedit_history_add(&le, "one");
	lineedit_history_add(&le, "two");
	lineedit_history_add(&le, "two");
	lineedit_history_add(&le, "   ");
	T_CHECK(le.nhist == 2);
	lineedit_set(&le, "draft");
	lineedit_op(&le, LINEEDIT_HIST_PREV);
	T_CHECK(strcmp(le.buf, "two") == 0);
	lineedit_op(&le, LINEEDIT_HIST_PREV);
	T_CHECK(strcmp(le.buf, "one") == 0);
	T_CHECK(!lineedit_op(&le, LINEEDIT_HIST_PREV));
	lineedit_op(&le, LINEEDIT_HIST_NEXT);
	lineedit_op(&le, LINEEDIT_HIST_NEXT);
	T_CHECK(strcmp(le.buf, "draft") == 0);
	lineedit_free(&le);

	d = mkdtemp((char[]){ "/tmp/reel-hist-XXXXXX" });
	T_CHECK(d != NULL);
	snprintf(path, sizeof path, "%s/sub/history", d);
	lineedit_history_append(path, "arm vox");
	lineedit_history_append(path, "record");
	lineedit_init(&le);
	lineedit_history_load(&le, path);
	T_CHECK(le.nhist == 2 && strcmp(le.hist[1], "record") == 0);
	lineedit_free(&le);
	unlink(path);
}

static void
test_complete(void)
{
	struct session s;
	struct lineedit le;
	char dir[] = "/tmp/reel-le-XXXXXX", err[256], **m;
	int n, i;

	T_CHECK(mkdtemp(dir) != NULL);
	memset(&s, 0, sizeof s);
	s.p = project_create(dir, 48000, 1, err, sizeof err);
	T_CHECKF(s.p != NULL, "%s", err);
	if (s.p == NULL)
		return;
	project_track_add(s.p, "vox", 1, (int[2]){ 1, 0 }, "none");
	project_track_add(s.p, "violin", 1, (int[2]){ 2, 0 }, "none");
	project_track_add(s.p, "bass", 1, (int[2]){ 3, 0 }, "none");
	lineedit_init(&le);

	lineedit_set(&le, "track-a");
	T_CHECK(lineedit_complete(&le, &s, &m) == 1);
	T_CHECKF(strcmp(le.buf, "track-add ") == 0, "'%s'", le.buf);

	lineedit_set(&le, "arm v");
	n = lineedit_complete(&le, &s, &m);
	T_CHECK(n == 2 && m != NULL);
	T_CHECKF(strcmp(le.buf, "arm vo") != 0 && strcmp(le.buf, "arm v") ==
	    0, "'%s'", le.buf);
	lineedit_free_matches(m, n);

	lineedit_set(&le, "arm b");
	T_CHECK(lineedit_complete(&le, &s, &m) == 1);
	T_CHECK(strcmp(le.buf, "arm bass ") == 0);

	/* Keys of the command, and role values. */
	lineedit_set(&le, "track-add drums r");
	T_CHECK(lineedit_complete(&le, &s, &m) == 1);
	T_CHECKF(strcmp(le.buf, "track-add drums role=") == 0, "'%s'",
	    le.buf);
	n = lineedit_complete(&le, &s, &m);
	T_CHECK(n == 11);	/* the roles, "other" among them */
	lineedit_free_matches(m, n);
	lineedit_set(&le, "track-add drums role=dr");
	T_CHECK(lineedit_complete(&le, &s, &m) == 1);
	T_CHECKF(strcmp(le.buf, "track-add drums role=drums ") == 0, "'%s'",
	    le.buf);

	/* Literal words from the usage; NAME|master. */
	lineedit_set(&le, "screen mi");
	T_CHECK(lineedit_complete(&le, &s, &m) == 1);
	T_CHECKF(strcmp(le.buf, "screen mix ") == 0, "'%s'", le.buf);
	/* mix and master: the common part, then both offered */
	lineedit_set(&le, "screen m");
	n = lineedit_complete(&le, &s, &m);
	T_CHECKF(n == 2, "%d", n);
	lineedit_free_matches(m, n);
	lineedit_set(&le, "gain ma");
	T_CHECK(lineedit_complete(&le, &s, &m) == 1);
	T_CHECKF(strcmp(le.buf, "gain master ") == 0, "'%s'", le.buf);
	lineedit_set(&le, "toggle a");
	T_CHECK(lineedit_complete(&le, &s, &m) == 1);
	lineedit_insert(&le, "vi", 2);
	T_CHECK(lineedit_complete(&le, &s, &m) == 1);
	T_CHECKF(strcmp(le.buf, "toggle arm violin ") == 0, "'%s'", le.buf);
	/* After a ';' a command again. */
	lineedit_set(&le, "stop; pla");
	n = lineedit_complete(&le, &s, &m);
	T_CHECKF(n == 2 && strcmp(le.buf, "stop; play") == 0, "%d '%s'", n,
	    le.buf);
	for (i = 0; i < n; i++)
		T_CHECK(strncmp(m[i], "play", 4) == 0);
	lineedit_free_matches(m, n);
	/* Nothing fits: nothing changes. */
	lineedit_set(&le, "arm zz");
	T_CHECK(lineedit_complete(&le, &s, &m) == 0);
	T_CHECK(strcmp(le.buf, "arm zz") == 0);

	lineedit_free(&le);
	project_free(s.p);
}

int
main(void)
{
	test_edit();
	test_history();
	test_complete();
	T_DONE();
}
