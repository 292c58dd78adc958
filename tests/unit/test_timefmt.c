/* test_timefmt.c - TIME parsing and printing, tempo map arithmetic.
 *
 * Expected frame counts are computed here with integer arithmetic from the
 * written values, not through the module's own code paths. */
#include <stdint.h>
#include <string.h>

#include "t.h"
#include "timefmt.h"

static int64_t
parse(const char *s, int rate, const struct tempo_map *tm)
{
	char err[256] = "";
	int64_t f = -12345;

	if (timefmt_parse(s, rate, tm, &f, err, sizeof err) != 0) {
		fprintf(stderr, "parse '%s': %s\n", s, err);
		return -1;
	}
	return f;
}

static int
refused(const char *s, int rate, const struct tempo_map *tm, const char *want)
{
	char err[256] = "";
	int64_t f = -777;

	if (timefmt_parse(s, rate, tm, &f, err, sizeof err) == 0)
		return 0;
	if (f != -777 || err[0] == '\0')
		return 0;
	if (want != NULL && strstr(err, want) == NULL) {
		fprintf(stderr, "'%s': message '%s' lacks '%s'\n", s, err, want);
		return 0;
	}
	return 1;
}

/* round(num / den) for non-negative integers */
static int64_t
div_round(int64_t num, int64_t den)
{
	return (2 * num + den) / (2 * den);
}

static void
test_seconds(void)
{
	T_CHECK(parse("12.5", 48000, NULL) == 12 * 48000 + 24000);
	T_CHECK(parse("0", 48000, NULL) == 0);
	T_CHECK(parse("0.1", 44100, NULL) == 4410);
	T_CHECK(parse(".5", 48000, NULL) == 24000);
	T_CHECK(parse("3.", 48000, NULL) == 144000);
	/* 1:23.450 = 83450 ms */
	T_CHECK(parse("1:23.450", 44100, NULL) == 83450LL * 44100 / 1000);
	T_CHECK(parse("1:23.450", 44100, NULL) == 3680145);
	T_CHECK(parse("90:00", 48000, NULL) == 5400LL * 48000);
	T_CHECK(parse("1:02:03.5", 48000, NULL) == 37235LL * 48000 / 10);
	T_CHECK(parse("0:00:00.000", 96000, NULL) == 0);
	/* rounding to the nearest frame: 0.48 frames, 0.504 frames */
	T_CHECK(parse("0.00001", 48000, NULL) == 0);
	T_CHECK(parse("0.0000105", 48000, NULL) == 1);
	T_CHECK(parse("1.00001", 44100, NULL) == 44100);
	T_CHECK(parse("100:00:00", 48000, NULL) == 360000LL * 48000);
	T_CHECK(parse("360000", 192000, NULL) == 360000LL * 192000);
	/* digits past nanoseconds are dropped, not misread */
	T_CHECK(parse("2.0000000001234", 48000, NULL) == 96000);
	/* a long tail of decimals: 1/3 s */
	T_CHECK(parse("0.333333333333333333333", 48000, NULL) == 16000);
}

static void
test_refused(void)
{
	static const char *bad[] = {
		"", "abc", "1e3", "nan", "inf", "NaN", "-inf", "12.5x", " 12",
		"12 ", "1::2", "1.2.3", ".", ":", "1:", ":30", "1:5", "1:5.5",
		"1:123", "1:2:3", "1:02:3", "1:2:03", "1:02:03:04", "0x10",
		"+5", "1,5", "5|", "|1", "12.5s",
	};
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
		T_CHECKF(refused(bad[i], 48000, NULL, NULL), "'%s'", bad[i]);
	T_CHECK(refused("abc", 48000, NULL,
	    "expected seconds, m:ss.fff or BAR|BEAT, got 'abc'"));
	T_CHECK(refused("-1", 48000, NULL, "'-1'"));
	T_CHECK(refused("-0.5", 48000, NULL, NULL));
	T_CHECK(refused("1:60", 48000, NULL, "below 60"));
	T_CHECK(refused("1:60.000", 48000, NULL, "below 60"));
	T_CHECK(refused("1:05:60", 48000, NULL, "below 60"));
	T_CHECK(refused("1:60:00", 48000, NULL, "below 60"));
	T_CHECK(refused("100:00:00.001", 48000, NULL, "100:00:00"));
	T_CHECK(refused("360001", 48000, NULL, "100:00:00"));
	T_CHECK(refused("6001:00", 48000, NULL, "100:00:00"));
	T_CHECK(refused("99999999999999999999999999", 48000, NULL,
	    "100:00:00"));
	T_CHECK(refused("5|1", 48000, NULL, "bar|beat needs a tempo "
	    "(set one with 'tempo BPM')"));
}

static void
test_tempo(void)
{
	struct tempo_map tm;
	int64_t bar4;
	int i, ok;

	tempo_map_init(&tm);
	T_CHECK(tm.n == 0);
	T_CHECK(refused("2|1", 48000, &tm, "needs a tempo"));

	T_CHECK(tempo_map_set(&tm, 1, 120, 4, 4) == 0);
	T_CHECK(tm.n == 1);
	T_CHECK(parse("1|1", 48000, &tm) == 0);
	T_CHECK(parse("2|1", 48000, &tm) == 96000);
	T_CHECK(parse("1|2", 48000, &tm) == 24000);
	T_CHECK(parse("1|2.5", 48000, &tm) == 36000);
	T_CHECK(parse("5|1", 48000, &tm) == 4 * 96000);
	T_CHECK(parse("5|2.5", 48000, &tm) == 4 * 96000 + 36000);
	T_CHECK(refused("1|5", 48000, &tm, "4/4"));
	T_CHECK(refused("1|0", 48000, &tm, NULL));
	T_CHECK(refused("0|1", 48000, &tm, NULL));
	T_CHECK(refused("1|0.5", 48000, &tm, NULL));
	T_CHECK(refused("1.5|1", 48000, &tm, NULL));
	T_CHECK(refused("1|2x", 48000, &tm, NULL));
	T_CHECK(refused("1|2|3", 48000, &tm, NULL));

	/* 60 BPM 3/4 from bar 3: bar 4 = two bars of 4 half-seconds, then
	 * one bar of 3 seconds */
	T_CHECK(tempo_map_set(&tm, 3, 60, 3, 4) == 0);
	bar4 = 2 * 96000 + 3 * 48000;
	T_CHECK(parse("4|1", 48000, &tm) == bar4);
	T_CHECK(parse("3|2", 48000, &tm) == 192000 + 48000);
	T_CHECK(parse("4|3.5", 48000, &tm) == bar4 + 2 * 48000 + 24000);
	T_CHECK(refused("4|4", 48000, &tm, "3/4"));
	T_CHECK(parse("2|4", 48000, &tm) == 96000 + 3 * 24000);

	/* bpm only at bar 5: the 3/4 meter continues; a beat of 90 BPM is
	 * 48000 * 60 / 90 = 32000 frames */
	T_CHECK(tempo_map_set(&tm, 5, 90, 0, 0) == 0);
	T_CHECK(tm.n == 3 && tm.seg[2].num == 3 && tm.seg[2].den == 4);
	T_CHECK(parse("5|1", 48000, &tm) == bar4 + 3 * 48000);
	T_CHECK(parse("6|1", 48000, &tm) == bar4 + 3 * 48000 + 3 * 32000);
	/* meter only at bar 7: 90 BPM continues */
	T_CHECK(tempo_map_set(&tm, 7, 0, 6, 8) == 0);
	T_CHECK(tm.n == 4 && tm.seg[3].bpm == 90 && tm.seg[3].den == 8);
	T_CHECK(parse("8|1", 48000, &tm) ==
	    bar4 + 3 * 48000 + 2 * 3 * 32000 + 6 * 32000);
	T_CHECK(parse("7|6", 48000, &tm) ==
	    bar4 + 3 * 48000 + 2 * 3 * 32000 + 5 * 32000);

	/* replacing the segment at bar 3 keeps the count and the order */
	T_CHECK(tempo_map_set(&tm, 3, 120, 0, 0) == 0);
	T_CHECK(tm.n == 4 && tm.seg[1].bar == 3 && tm.seg[1].num == 3);
	T_CHECK(parse("4|1", 48000, &tm) == 2 * 96000 + 3 * 24000);
	/* inserted out of order */
	T_CHECK(tempo_map_set(&tm, 2, 240, 0, 0) == 0);
	ok = 1;
	for (i = 1; i < tm.n; i++)
		ok &= tm.seg[i - 1].bar < tm.seg[i].bar;
	T_CHECK(ok && tm.n == 5 && tm.seg[0].bar == 1);
	T_CHECK(parse("3|1", 48000, &tm) == 96000 + 48000);

	/* the first tempo set anywhere numbers the bars from bar 1 */
	tempo_map_init(&tm);
	T_CHECK(tempo_map_set(&tm, 9, 100, 0, 0) == 0);
	T_CHECK(tm.n == 1 && tm.seg[0].bar == 1 && tm.seg[0].bpm == 100 &&
	    tm.seg[0].num == 4 && tm.seg[0].den == 4);

	/* a full map refuses more */
	tempo_map_init(&tm);
	ok = 1;
	for (i = 1; i <= 64; i++)
		ok &= tempo_map_set(&tm, i, 100 + i, 4, 4) == 0;
	T_CHECK(ok && tm.n == 64);
	T_CHECK(tempo_map_set(&tm, 100, 90, 0, 0) == -1);
	T_CHECK(tempo_map_set(&tm, 10, 90, 0, 0) == 0);	/* replace */
}

/* 130 BPM at 44100: a beat is 44100 * 60 / 130 frames, not a whole number */
static void
test_inexact_tempo(void)
{
	struct tempo_map tm;
	char buf[64], want[64];
	int64_t f, expect;
	int k, ok_frames = 1, ok_on = 1, ok_off = 1, ok_back = 1, bar;
	double beat;

	tempo_map_init(&tm);
	tempo_map_set(&tm, 1, 130, 4, 4);
	for (k = 0; k < 2000; k++) {
		expect = div_round((int64_t)k * 44100 * 60, 130);
		f = tempo_bar_to_frame(&tm, 44100, 1 + k / 4, 1 + k % 4);
		if (f != expect) {
			ok_frames = 0;
			fprintf(stderr, "beat %d: %lld != %lld\n", k,
			    (long long)f, (long long)expect);
		}
		snprintf(want, sizeof want, "%d|%d", 1 + k / 4, 1 + k % 4);
		timefmt_format_bars(f, 44100, &tm, buf, sizeof buf);
		if (strcmp(buf, want) != 0) {
			ok_on = 0;
			fprintf(stderr, "frame %lld: '%s' != '%s'\n",
			    (long long)f, buf, want);
		}
		/* one frame either side is not on the beat */
		timefmt_format_bars(f + 1, 44100, &tm, buf, sizeof buf);
		snprintf(want, sizeof want, "%d|%d.00", 1 + k / 4, 1 + k % 4);
		if (strcmp(buf, want) != 0) {
			ok_off = 0;
			fprintf(stderr, "frame %lld+1: '%s' != '%s'\n",
			    (long long)f, buf, want);
		}
		if (k > 0) {
			timefmt_format_bars(f - 1, 44100, &tm, buf,
			    sizeof buf);
			snprintf(want, sizeof want, "%d|%d.99",
			    1 + (k - 1) / 4, 1 + (k - 1) % 4);
			if (strcmp(buf, want) != 0) {
				ok_off = 0;
				fprintf(stderr, "frame %lld-1: '%s' != '%s'\n",
				    (long long)f, buf, want);
			}
		}
		tempo_frame_to_bar(&tm, 44100, f, &bar, &beat);
		if (!((bar == 1 + k / 4 && beat - (1 + k % 4) < 1e-3 &&
		    beat - (1 + k % 4) > -1e-3) ||
		    (k % 4 == 0 && bar == k / 4 && beat > 4.999)))
			ok_back = 0;
	}
	T_CHECK(ok_frames);
	T_CHECK(ok_on);
	T_CHECK(ok_off);
	T_CHECK(ok_back);
}

static void
test_format_bars(void)
{
	struct tempo_map tm;
	char buf[64];
	int bar;
	double beat;

	tempo_map_init(&tm);
	timefmt_format_bars(96000, 48000, &tm, buf, sizeof buf);
	T_CHECK(strcmp(buf, "-") == 0);
	timefmt_format_bars(96000, 48000, NULL, buf, sizeof buf);
	T_CHECK(strcmp(buf, "-") == 0);

	tempo_map_set(&tm, 1, 120, 4, 4);
	timefmt_format_bars(0, 48000, &tm, buf, sizeof buf);
	T_CHECKF(strcmp(buf, "1|1") == 0, "%s", buf);
	timefmt_format_bars(96000, 48000, &tm, buf, sizeof buf);
	T_CHECKF(strcmp(buf, "2|1") == 0, "%s", buf);
	timefmt_format_bars(36000, 48000, &tm, buf, sizeof buf);
	T_CHECKF(strcmp(buf, "1|2.50") == 0, "%s", buf);
	timefmt_format_bars(95990, 48000, &tm, buf, sizeof buf);
	T_CHECKF(strcmp(buf, "1|4.99") == 0, "%s", buf);

	tempo_map_set(&tm, 3, 60, 3, 4);
	timefmt_format_bars(2 * 96000 + 3 * 48000, 48000, &tm, buf,
	    sizeof buf);
	T_CHECKF(strcmp(buf, "4|1") == 0, "%s", buf);
	timefmt_format_bars(2 * 96000 + 2 * 48000 + 12000, 48000, &tm, buf,
	    sizeof buf);
	T_CHECKF(strcmp(buf, "3|3.25") == 0, "%s", buf);
	tempo_frame_to_bar(&tm, 48000, 2 * 96000 + 48000 + 24000, &bar, &beat);
	T_CHECK(bar == 3 && beat == 2.5);
	tempo_frame_to_bar(&tm, 48000, 96000 + 24000, &bar, &beat);
	T_CHECK(bar == 2 && beat == 2.0);
}

static void
test_format(void)
{
	static const struct {
		int64_t frames;
		int rate;
		const char *want;
	} cases[] = {
		{ 0, 48000, "0:00.000" },
		{ 3680145, 44100, "1:23.450" },
		{ 37235LL * 4800, 48000, "1:02:03.500" },
		{ -48000, 48000, "-0:01.000" },
		{ 47999, 48000, "0:01.000" },		/* 999.98 ms */
		{ 23, 48000, "0:00.000" },		/* 0.479 ms */
		{ 24, 48000, "0:00.001" },		/* 0.5 ms: up */
		{ -1, 48000, "0:00.000" },		/* no "-0" */
		{ 59999 * 48 + 47, 48000, "1:00.000" },
		{ 3600LL * 44100 - 1, 44100, "1:00:00.000" },
		{ 3599LL * 44100, 44100, "59:59.000" },
		{ 360000LL * 192000, 192000, "100:00:00.000" },
	};
	char buf[64];
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		timefmt_format(cases[i].frames, cases[i].rate, buf,
		    sizeof buf);
		T_CHECKF(strcmp(buf, cases[i].want) == 0, "%lld@%d: '%s' != "
		    "'%s'", (long long)cases[i].frames, cases[i].rate, buf,
		    cases[i].want);
	}
	/* extremes neither overflow nor crash */
	timefmt_format(INT64_MAX, 48000, buf, sizeof buf);
	T_CHECK(buf[0] != '\0');
	timefmt_format(INT64_MIN, 48000, buf, sizeof buf);
	T_CHECK(buf[0] == '-');
}

/* Printing then parsing lands within half a millisecond. */
static void
test_round_trip(void)
{
	static const int rates[] = { 44100, 48000, 96000, 192000 };
	char buf[64];
	int64_t f, back;
	uint32_t x = 12345;
	int i, r, ok = 1;

	for (i = 0; i < 20000; i++) {
		x = x * 1664525 + 1013904223;
		r = rates[i % 4];
		f = (int64_t)(x % 1000000000u) * (i % 7 + 1) % (360000LL * r);
		timefmt_format(f, r, buf, sizeof buf);
		back = parse(buf, r, NULL);
		if (back < 0 || (back - f) * 2000 > r ||
		    (f - back) * 2000 > r) {
			ok = 0;
			fprintf(stderr, "%lld@%d -> %s -> %lld\n",
			    (long long)f, r, buf, (long long)back);
		}
	}
	T_CHECK(ok);
}

static void
test_duration(void)
{
	char err[256];
	int64_t f = 0;

	T_CHECK(timefmt_parse_duration("2.5", 48000, &f, err, sizeof err) ==
	    0 && f == 120000);
	T_CHECK(timefmt_parse_duration("1:30", 44100, &f, err, sizeof err) ==
	    0 && f == 90 * 44100);
	T_CHECK(timefmt_parse_duration("0:00.5", 48000, &f, err, sizeof err)
	    == 0 && f == 24000);
	f = 7;
	T_CHECK(timefmt_parse_duration("0", 48000, &f, err, sizeof err) == -1
	    && f == 7 && strstr(err, "'0'") != NULL);
	T_CHECK(timefmt_parse_duration("0.00001", 48000, &f, err, sizeof err)
	    == -1);
	T_CHECK(timefmt_parse_duration("-1", 48000, &f, err, sizeof err) ==
	    -1);
	T_CHECK(timefmt_parse_duration("1|1", 48000, &f, err, sizeof err) ==
	    -1);
	T_CHECK(timefmt_parse_duration("x", 48000, &f, err, sizeof err) ==
	    -1 && f == 7);
}

int
main(void)
{
	test_seconds();
	test_refused();
	test_tempo();
	test_inexact_tempo();
	test_format_bars();
	test_format();
	test_round_trip();
	test_duration();
	T_DONE();
}
