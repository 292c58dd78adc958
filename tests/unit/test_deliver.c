/* test_deliver.c - the CD plan, its Red Book checks, MD5, CD-Text CRC.
 *
 * Also a test-only front for the e2e tests until `reel --album` can feed
 * the delivery: `test_deliver cd ALBUM.INI OUTDIR [force] [dither=M]`
 * reads the album.ini subset of album.h with one extra key per song,
 * `master = PATH` (the rendered master), and runs deliver_cd; it prints
 * the findings as `error: ...` / `warning: ...` lines and exits 0
 * written, 1 refused, 2 failed.
 */
#include <math.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ini.h>
#include <sndfile.h>

#include "cdtext.h"
#include "deliver.h"
#include "deliver_vinyl.h"
#include "deliver_digital.h"
#include "cmd.h"
#include "cmd_deliver.h"
#include "session.h"
#include "md5.h"
#include "t.h"

static void
md5_str(const char *s, char out[33])
{
	struct md5 m;

	md5_init(&m);
	md5_update(&m, s, strlen(s));
	md5_hex(&m, out);
}

static void
test_md5(void)
{
	char h[33], big[1000];
	struct md5 m;
	int i;

	md5_str("", h);
	T_CHECK(strcmp(h, "d41d8cd98f00b204e9800998ecf8427e") == 0);
	md5_str("abc", h);
	T_CHECK(strcmp(h, "900150983cd24fb0d6963f7d28e17f72") == 0);
	md5_str("12345678901234567890123456789012345678901234567890123456789"
	    "012345678901234567890", h);
	T_CHECK(strcmp(h, "57edf4a22be3c955ac49da2e2107b67a") == 0);
	/* In pieces of every size: the same digest. */
	memset(big, 'a', sizeof big);
	md5_init(&m);
	for (i = 0; i < 1000; i += 7)
		md5_update(&m, big + i, i + 7 <= 1000 ? 7 : (size_t)(1000 - i));
	md5_hex(&m, h);
	{
		char h2[33];
		struct md5 m2;

		md5_init(&m2);
		md5_update(&m2, big, 1000);
		md5_hex(&m2, h2);
		T_CHECK(strcmp(h, h2) == 0);
		/* md5sum of 1000 'a': cabe45dcc9ae5b66ba86600cca6b8ba8 */
		T_CHECK(strcmp(h2, "cabe45dcc9ae5b66ba86600cca6b8ba8") == 0);
	}
}

static struct album *
album_new_n(int n, double len_s)
{
	struct album *a = calloc(1, sizeof *a);
	int i;

	a->rate = 44100;
	a->nsongs = n;
	a->songs = calloc((size_t)n, sizeof *a->songs);
	for (i = 0; i < n; i++)
		a->songs[i].gap_s = 2;
	(void)len_s;
	return a;
}

static void
album_del(struct album *a)
{
	free(a->songs);
	free(a);
}

static bool
report_has(const struct deliver_report *r, bool error, const char *what)
{
	int i;

	for (i = 0; i < r->n; i++)
		if (r->error[i] == error && strstr(r->msg[i], what) != NULL)
			return true;
	return false;
}

static void
test_plan(void)
{
	struct album *a = album_new_n(3, 0);
	struct deliver_report r = { 0 };
	struct deliver_disc d;
	int64_t len[3] = { 44100 * 10 + 17, 44100 * 5 + 3, 44100 * 6 };

	a->songs[1].gap_s = 1.5;
	a->songs[2].gap_s = 0;
	a->songs[2].crossfade_ms = 500;
	a->songs[0].nindex = 1;
	a->songs[0].index_s[0] = 3.3;
	T_CHECK(deliver_disc_plan(a, len, &d, &r) == 0);
	T_CHECKF(r.n == 0, "%d findings: %s", r.n, r.n ? r.msg[0] : "");
	T_CHECK(d.n == 3);
	T_CHECK(d.t[0].start == 0 && d.t[0].idx[1] == 88200);
	T_CHECK(d.t[0].nidx == 2 && d.t[0].idx[2] == 88200 +
	    (int64_t)floor(3.3 * 75) * 588);
	/* Song 2: the pause starts at the sector after song 1's end and
	 * lasts at least 1.5 s, to a sector boundary. */
	T_CHECK(d.t[1].start == (88200 + len[0] + 587) / 588 * 588);
	T_CHECK(d.t[1].audio == (88200 + len[0] + 66150 + 587) / 588 * 588);
	T_CHECK(d.t[1].idx[1] == d.t[1].audio);
	/* Song 3 crossfades 500 ms into song 2: index 01 at or before. */
	T_CHECK(d.t[2].xfade == 22050);
	T_CHECK(d.t[2].audio == d.t[1].audio + len[1] - 22050);
	T_CHECK(d.t[2].idx[1] % 588 == 0 && d.t[2].idx[1] <= d.t[2].audio &&
	    d.t[2].audio - d.t[2].idx[1] < 588);
	T_CHECK(d.t[2].start == d.t[2].idx[1]);
	T_CHECK(d.leadout == (d.t[2].audio + len[2] + 587) / 588 * 588);
	T_CHECK(d.t[1].end == d.t[2].start && d.t[2].end == d.leadout);
	deliver_disc_free(&d);
	deliver_report_free(&r);

	/* 48 kHz masters: lengths scale to 44.1 kHz. */
	a->rate = 48000;
	len[0] = 480000;
	T_CHECK(deliver_disc_plan(a, len, &d, &r) == 0);
	T_CHECK(d.t[0].len == 441000);
	deliver_disc_free(&d);
	deliver_report_free(&r);
	a->rate = 44100;

	/* Errors, each naming the song. */
	len[1] = 44100 * 3;
	strcpy(a->songs[1].title, "Short");
	strcpy(a->songs[0].isrc, "US-RC1-76-0783");
	strcpy(a->songs[2].isrc, "USRC1760783X");
	strcpy(a->upc, "0012345678906");
	a->songs[2].crossfade_ms = 0;
	T_CHECK(deliver_disc_plan(a, len, &d, &r) == 0);
	T_CHECK(report_has(&r, true, "song 2 'Short': track 2 is 0:03"));
	T_CHECK(report_has(&r, true, "at least 4 s"));
	T_CHECK(report_has(&r, true, "song 1: ISRC must be"));
	T_CHECK(report_has(&r, true, "song 3: ISRC must be"));
	T_CHECK(report_has(&r, true, "UPC/EAN check digit"));
	T_CHECKF(r.nerrors == 4, "%d: %s / %s", r.nerrors, r.msg[0],
	    r.msg[r.n - 1]);
	deliver_disc_free(&d);
	deliver_report_free(&r);
	album_del(a);

	/* Over 79:57 and over 99 tracks. */
	a = album_new_n(100, 0);
	{
		int64_t *l = calloc(100, sizeof *l);
		int i;

		for (i = 0; i < 100; i++)
			l[i] = 44100 * 50;
		T_CHECK(deliver_disc_plan(a, l, &d, &r) == 0);
		T_CHECK(report_has(&r, true, "the album has 100 songs; a CD "
		    "holds at most 99 tracks"));
		T_CHECK(report_has(&r, true, "a CD holds at most 79:57:00"));
		deliver_disc_free(&d);
		deliver_report_free(&r);
		/* 75 minutes: a warning only. */
		a->nsongs = 9;
		for (i = 0; i < 9; i++)
			l[i] = 44100 * 500;
		T_CHECK(deliver_disc_plan(a, l, &d, &r) == 0);
		T_CHECK(r.nerrors == 0 && r.nwarnings == 1);
		T_CHECK(report_has(&r, false, "over 74 minutes"));
		deliver_disc_free(&d);
		deliver_report_free(&r);
		free(l);
	}
	album_del(a);
}

static void
test_cdtext(void)
{
	struct album *a = album_new_n(2, 0);
	uint8_t *p;
	int n, i, counted = 0;

	/* The CRC of the CD-Text pack examples: "123456789" gives 0x31c3
	 * with CRC-16/XMODEM (the same polynomial, initial value 0). */
	T_CHECK(cdtext_crc((const uint8_t *)"123456789", 9) == 0x31c3);
	p = cdtext_build(a, &n);
	T_CHECK(p == NULL && n == 0);
	strcpy(a->title, "Album");
	strcpy(a->songs[0].title, "A rather long first title");
	strcpy(a->songs[1].title, "Two");
	p = cdtext_build(a, &n);
	/* "Album\0" + 26 + "Two\0" = 36 bytes: 3 title packs + 3 size. */
	T_CHECK(p != NULL && n == 6);
	for (i = 0; p != NULL && i < n; i++) {
		uint16_t c = (uint16_t)~cdtext_crc(p + 18 * i, 16);

		T_CHECK(p[18 * i + 16] == c >> 8 && p[18 * i + 17] == (c & 0xff));
		T_CHECK(p[18 * i + 2] == i);
		counted++;
	}
	T_CHECK(counted == 6);
	if (p != NULL) {
		/* The second pack starts inside track 1's title, 6 of its
		 * characters behind it. */
		T_CHECK(p[18 + 1] == 1 && (p[18 + 3] & 0x0f) == 6);
		T_CHECK(p[54] == 0x8f && p[54 + 4] == 0x00 && p[54 + 6] == 2);
		/* Size information: 3 title packs, last sequence number
		 * 5, block 0 in English. */
		T_CHECK(p[54 + 8] == 3 && p[72 + 4 + 7] == 3);
		T_CHECK(p[72 + 4 + 8] == 5 && p[90 + 4 + 4] == 0x09);
	}
	free(p);
	album_del(a);
}

/* ---- the e2e front ---- */

struct drive {
	struct album *a;
	char **masters;
};

static int
drive_ini(void *user, const char *section, const char *key,
    const char *value)
{
	struct drive *dv = user;
	struct album *a = dv->a;
	int i;

	if (strcmp(section, "album") == 0) {
		if (strcmp(key, "rate") == 0)
			a->rate = atoi(value);
		else if (strcmp(key, "title") == 0)
			snprintf(a->title, sizeof a->title, "%s", value);
		else if (strcmp(key, "performer") == 0)
			snprintf(a->performer, sizeof a->performer, "%s", value);
		else if (strcmp(key, "upc") == 0)
			snprintf(a->upc, sizeof a->upc, "%s", value);
		else if (strcmp(key, "catalog") == 0)
			snprintf(a->catalog, sizeof a->catalog, "%s", value);
		else if (strcmp(key, "genre") == 0)
			snprintf(a->genre, sizeof a->genre, "%s", value);
		return 1;
	}
	if (sscanf(section, "song %d", &i) != 1 || i < 1 || i > 200)
		return 0;
	if (i > a->nsongs) {
		a->songs = realloc(a->songs, (size_t)i * sizeof *a->songs);
		dv->masters = realloc(dv->masters, (size_t)i * sizeof(char *));
		memset(a->songs + a->nsongs, 0, (size_t)(i - a->nsongs) *
		    sizeof *a->songs);
		memset(dv->masters + a->nsongs, 0, (size_t)(i - a->nsongs) *
		    sizeof(char *));
		a->nsongs = i;
	}
	{
		struct album_song *s = &a->songs[i - 1];

		if (strcmp(key, "master") == 0)
			dv->masters[i - 1] = strdup(value);
		else if (strcmp(key, "gap") == 0)
			s->gap_s = atof(value);
		else if (strcmp(key, "crossfade") == 0)
			s->crossfade_ms = atoi(value);
		else if (strncmp(key, "index-", 6) == 0 &&
		    s->nindex < ALBUM_MAX_INDEX)
			s->index_s[s->nindex++] = atof(value);
		else if (strcmp(key, "side") == 0)
			s->side = value[0];
		else if (strcmp(key, "title") == 0)
			snprintf(s->title, sizeof s->title, "%s", value);
		else if (strcmp(key, "performer") == 0)
			snprintf(s->performer, sizeof s->performer, "%s", value);
		else if (strcmp(key, "songwriter") == 0)
			snprintf(s->songwriter, sizeof s->songwriter, "%s",
			    value);
		else if (strcmp(key, "composer") == 0)
			snprintf(s->composer, sizeof s->composer, "%s", value);
		else if (strcmp(key, "isrc") == 0)
			snprintf(s->isrc, sizeof s->isrc, "%s", value);
	}
	return 1;
}

static void
drive_free(struct drive *dv)
{
	int i;

	for (i = 0; i < dv->a->nsongs; i++)
		free(dv->masters[i]);
	free(dv->masters);
	free(dv->a->songs);
	free(dv->a);
}

static void
drive_msg(void *arg, enum msg_kind kind, const char *text)
{
	(void)arg;
	(void)kind;
	printf("%s\n", text);
}

/* test_deliver KIND ALBUM.INI DIR [key=value...]: the deliver command's
 * own code (cmd_deliver_run) on a session that only prints. */
static int
drive(int argc, char **argv)
{
	struct drive dv = { 0 };
	struct session *s = calloc(1, sizeof *s);
	struct cmd_args args = { 0 };
	char *words[3];
	int i, rc;

	dv.a = calloc(1, sizeof *dv.a);
	dv.a->rate = 44100;
	if (argc < 4 || ini_parse(argv[2], drive_ini, &dv) != 0) {
		fprintf(stderr, "usage: test_deliver cd|vinyl|digital "
		    "ALBUM.INI DIR [key=value...]\n");
		drive_free(&dv);
		free(s);
		return 2;
	}
	words[0] = "deliver";
	words[1] = argv[1];
	words[2] = argv[3];
	args.argc = 3;
	args.argv = words;
	args.keys = calloc((size_t)argc, sizeof(char *));
	args.vals = calloc((size_t)argc, sizeof(char *));
	for (i = 4; i < argc; i++) {
		char *eq = strchr(argv[i], '=');

		if (eq == NULL)
			continue;
		*eq = '\0';
		args.keys[args.nkv] = argv[i];
		args.vals[args.nkv++] = eq + 1;
	}
	s->msg = drive_msg;
	s->cmd_name = "deliver";
	rc = cmd_deliver_run(s, dv.a, dv.masters, &args);
	free(args.keys);
	free(args.vals);
	free(s);
	drive_free(&dv);
	return rc == 0 ? 0 : 1;
}

/* The disc's audio is the same whether a helper thread resamples songs
 * ahead or the mix does it all. */
static int
md5_sink(void *arg, const int16_t *x, int n, char *err, size_t errlen)
{
	md5_update(arg, x, (size_t)n * 4);
	return 0;
}

static void
test_prefetch(void)
{
	char dir[] = "/tmp/reel-deliver-XXXXXX", *masters[4], h1[33], h2[33];
	struct album *a = album_new_n(4, 0);
	struct deliver_report r = { 0 };
	struct deliver_disc d;
	int64_t len[4];
	uint32_t seed = 1;
	int i, k;

	T_CHECK(mkdtemp(dir) != NULL);
	a->rate = 48000;
	for (i = 0; i < 4; i++) {
		SF_INFO info = { .samplerate = 48000, .channels = 2,
		    .format = SF_FORMAT_WAV | SF_FORMAT_FLOAT };
		float *x;
		SNDFILE *sf;

		len[i] = 5 * 48000 + 4801 * i;
		x = calloc((size_t)len[i] * 2, sizeof *x);
		for (k = 0; k < len[i] * 2; k++) {
			seed = seed * 1664525u + 1013904223u;
			x[k] = (float)((int32_t)seed) / 4294967296.0f;
		}
		masters[i] = malloc(64);
		snprintf(masters[i], 64, "%s/m%d.wav", dir, i);
		sf = sf_open(masters[i], SFM_WRITE, &info);
		T_CHECK(sf != NULL);
		if (sf != NULL) {
			sf_writef_float(sf, x, len[i]);
			sf_close(sf);
		}
		free(x);
	}
	a->songs[3].gap_s = 0;
	a->songs[3].crossfade_ms = 300;
	T_CHECKF(deliver_disc_plan(a, len, &d, &r) == 0 && r.n == 0, "%s",
	    r.n > 0 ? r.msg[0] : "");
	for (k = 0; k < 2; k++) {
		struct md5 m;
		char err[256];

		md5_init(&m);
		T_CHECK(deliver_disc_audio(&d, masters, k ? dir : NULL,
		    RENDER_DITHER_TPDF, md5_sink, &m, NULL, NULL, NULL, err,
		    sizeof err) == 0);
		md5_hex(&m, k ? h2 : h1);
	}
	T_CHECKF(strcmp(h1, h2) == 0, "%s %s", h1, h2);
	for (i = 0; i < 4; i++) {
		unlink(masters[i]);
		free(masters[i]);
	}
	T_CHECK(rmdir(dir) == 0);	/* no temp file left behind */
	deliver_disc_free(&d);
	deliver_report_free(&r);
	album_del(a);
}

static void
test_vinyl_plan(void)
{
	struct album *a = album_new_n(5, 0);
	struct deliver_report r = { 0 };
	struct deliver_vinyl_plan p;
	const struct deliver_vinyl_format *f12 =
	    deliver_vinyl_format_find("12in33"),
	    *f7 = deliver_vinyl_format_find("7in45");
	/* 5, 4, 3, 6, 2 minutes, 2 s gaps. */
	int64_t len[5] = { 300 * 44100, 240 * 44100, 180 * 44100,
	    360 * 44100, 120 * 44100 };

	T_CHECK(f12 != NULL && f7 != NULL &&
	    deliver_vinyl_format_find("8in") == NULL);
	T_CHECK(deliver_vinyl_plan(a, len, f12, &p, &r) == 0);
	/* Balanced in order: 5+4 (9:02) | 3+6+2 (11:04) beats
	 * 5+4+3 (12:04) | 6+2. */
	T_CHECK(p.balanced && p.nsides == 2);
	T_CHECK(memcmp(p.side, "AABBB", 5) == 0);
	T_CHECK(p.side_len[0] == (300 + 2 + 240) * 44100);
	T_CHECK(p.side_len[1] == (180 + 2 + 360 + 2 + 120) * 44100);
	T_CHECK(p.start[1] == 302 * 44100 && p.start[2] == 0 &&
	    p.start[3] == 182 * 44100);
	T_CHECK(r.n == 0);
	deliver_vinyl_plan_free(&p);
	/* On 7-inch sides: 4 sides, 5 | 4+3 | 6 | 2; B cannot be cut, A
	 * and C are over the comfortable 4:30. */
	T_CHECK(deliver_vinyl_plan(a, len, f7, &p, &r) == 0);
	T_CHECK(p.nsides == 4 && memcmp(p.side, "ABBCD", 5) == 0);
	T_CHECK(r.nerrors == 0 && r.nwarnings == 3);
	T_CHECK(report_has(&r, false, "side B is 7:02.000: longer than a "
	    "7in45 side can be cut (6:00)"));
	T_CHECK(report_has(&r, false, "side A is 5:00.000: over the 4:30"));
	deliver_vinyl_plan_free(&p);
	deliver_report_free(&r);
	/* Assigned sides out of order, and a song without one. */
	a->songs[0].side = 'B';
	a->songs[1].side = 'A';
	a->songs[2].side = 'A';
	a->songs[3].side = 'B';
	a->songs[4].side = 'B';
	T_CHECK(deliver_vinyl_plan(a, len, f12, &p, &r) == 0);
	T_CHECK(report_has(&r, true, "song 2 is on side A after a song on "
	    "side B"));
	deliver_vinyl_plan_free(&p);
	deliver_report_free(&r);
	a->songs[4].side = 0;
	T_CHECK(deliver_vinyl_plan(a, len, f12, &p, &r) == 0);
	T_CHECK(report_has(&r, true, "song 5 has no side while others do"));
	deliver_vinyl_plan_free(&p);
	deliver_report_free(&r);
	album_del(a);
}

int
main(int argc, char **argv)
{
	if (argc > 1)
		return drive(argc, argv);
	test_md5();
	test_plan();
	test_cdtext();
	test_vinyl_plan();
	test_prefetch();
	T_DONE();
}
