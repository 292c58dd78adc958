/* test_config.c - the options table, config.ini loading and the example. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "sample.h"
#include "t.h"
#include "wavfile.h"

static char dir[64];

struct warnings {
	char msg[16][512];
	int n;
};

static void
collect(void *arg, const char *msg)
{
	struct warnings *w = arg;

	if (w->n < 16)
		snprintf(w->msg[w->n], sizeof w->msg[0], "%s", msg);
	w->n++;
}

static char *
write_file(const char *name, const char *text)
{
	static char path[256];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	f = fopen(path, "w");
	fputs(text, f);
	fclose(f);
	return path;
}

static const struct config_option *
option(const char *name)
{
	size_t i;

	for (i = 0; i < config_noptions; i++) {
		if (strcmp(config_options[i].name, name) == 0)
			return &config_options[i];
	}
	return NULL;
}

static int
formats_as(const struct config *c, const char *name, const char *want)
{
	char buf[512];

	config_format(c, option(name), buf, sizeof buf);
	if (strcmp(buf, want) != 0)
		fprintf(stderr, "%s formats as '%s', expected '%s'\n", name,
		    buf, want);
	return strcmp(buf, want) == 0;
}

static void
test_defaults(void)
{
	struct config c;
	size_t i;
	int ok = 1;

	config_defaults(&c);
	T_CHECK(strcmp(c.device, "default") == 0);
	T_CHECK(c.capture[0] == '\0' && c.playback[0] == '\0');
	T_CHECK(c.rate == 48000);
	T_CHECK(c.period == 256);
	T_CHECK(c.periods == 3);
	T_CHECK(c.sample_format == -1);
	T_CHECK(c.capture_channels == 0);
	T_CHECK(c.take_format == WAVFILE_PCM24);
	T_CHECK(c.latency == -1);
	T_CHECK(c.freewheel == CONFIG_AUTO);
	T_CHECK(c.dither == CONFIG_YES);
	T_CHECK(c.auto_return == CONFIG_YES);
	T_CHECK(c.realtime_priority == 70);
	T_CHECK(strcmp(c.keymap, "default") == 0);
	T_CHECK(c.colors == CONFIG_AUTO);
	T_CHECK(c.ascii == CONFIG_AUTO);
	T_CHECK(c.meter_rate == 25);
	T_CHECK(c.disk_reserve_mb == 200);
	T_CHECK(config_noptions == 19);

	/* each default formats back as written in the table; help is one
	 * line */
	for (i = 0; i < config_noptions; i++) {
		const struct config_option *o = &config_options[i];
		char buf[512];

		config_format(&c, o, buf, sizeof buf);
		if (strcmp(buf, o->def) != 0 || o->help == NULL ||
		    o->help[0] == '\0' || strchr(o->help, '\n') != NULL) {
			ok = 0;
			fprintf(stderr, "%s: default '%s' formats as '%s'\n",
			    o->name, o->def, buf);
		}
	}
	T_CHECK(ok);
}

/* Every key, set from text: the field and the formatted text. */
static void
test_set_each(void)
{
	static const struct {
		const char *key, *text, *formatted;
		size_t offset;
		int value;	/* ints; strings compare the text */
	} cases[] = {
#define F(f) offsetof(struct config, f)
		{ "device", "hw:CARD=USB,DEV=0", NULL, F(device), 0 },
		{ "capture", "plughw:1", NULL, F(capture), 0 },
		{ "playback", "dmix", NULL, F(playback), 0 },
		{ "rate", "44100", NULL, F(rate), 44100 },
		{ "rate", "192000", NULL, F(rate), 192000 },
		{ "period", "16", NULL, F(period), 16 },
		{ "period", "8192", NULL, F(period), 8192 },
		{ "periods", "2", NULL, F(periods), 2 },
		{ "sample-format", "S16_LE", NULL, F(sample_format),
		  SAMPLE_S16 },
		{ "sample-format", "S24_3LE", NULL, F(sample_format),
		  SAMPLE_S24_3 },
		{ "sample-format", "S24_LE", NULL, F(sample_format),
		  SAMPLE_S24 },
		{ "sample-format", "S32_LE", NULL, F(sample_format),
		  SAMPLE_S32 },
		{ "sample-format", "FLOAT_LE", NULL, F(sample_format),
		  SAMPLE_FLOAT },
		{ "sample-format", "s32_le", "S32_LE", F(sample_format),
		  SAMPLE_S32 },
		{ "sample-format", "auto", NULL, F(sample_format), -1 },
		{ "capture-channels", "64", NULL, F(capture_channels), 64 },
		{ "take-format", "wav32f", NULL, F(take_format),
		  WAVFILE_FLOAT32 },
		{ "take-format", "wav24", NULL, F(take_format),
		  WAVFILE_PCM24 },
		{ "latency", "0", NULL, F(latency), 0 },
		{ "latency", "1000000", NULL, F(latency), 1000000 },
		{ "latency", "auto", NULL, F(latency), -1 },
		{ "freewheel", "yes", NULL, F(freewheel), CONFIG_YES },
		{ "freewheel", "no", NULL, F(freewheel), CONFIG_NO },
		{ "freewheel", "auto", NULL, F(freewheel), CONFIG_AUTO },
		{ "dither", "no", NULL, F(dither), CONFIG_NO },
		{ "auto-return", "no", NULL, F(auto_return), CONFIG_NO },
		{ "realtime-priority", "0", NULL, F(realtime_priority), 0 },
		{ "realtime-priority", "99", NULL, F(realtime_priority), 99 },
		{ "keymap", "vi", NULL, F(keymap), 0 },
		{ "colors", "16", NULL, F(colors), CONFIG_YES },
		{ "colors", "mono", NULL, F(colors), CONFIG_NO },
		{ "colors", "auto", NULL, F(colors), CONFIG_AUTO },
		{ "ascii", "yes", NULL, F(ascii), CONFIG_YES },
		{ "meter-rate", "60", NULL, F(meter_rate), 60 },
		{ "meter-rate", "1", NULL, F(meter_rate), 1 },
		{ "disk-reserve", "100000", NULL, F(disk_reserve_mb), 100000 },
		{ "disk-reserve", "0", NULL, F(disk_reserve_mb), 0 },
#undef F
	};
	struct config c;
	char err[512];
	size_t i, j;
	int ok, covered = 1;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const struct config_option *o = option(cases[i].key);
		const char *field;

		config_defaults(&c);
		field = (const char *)&c + cases[i].offset;
		err[0] = '\0';
		ok = config_set(&c, cases[i].key, cases[i].text, err,
		    sizeof err) == 0;
		T_CHECKF(ok, "%s = %s: %s", cases[i].key, cases[i].text, err);
		if (o != NULL && o->type == CONFIG_T_STRING)
			T_CHECK(strcmp(field, cases[i].text) == 0);
		else
			T_CHECKF(*(const int *)field == cases[i].value,
			    "%s = %s: %d", cases[i].key, cases[i].text,
			    *(const int *)field);
		T_CHECK(formats_as(&c, cases[i].key, cases[i].formatted ?
		    cases[i].formatted : cases[i].text));
	}
	for (j = 0; j < config_noptions; j++) {
		for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
			if (strcmp(cases[i].key, config_options[j].name) == 0)
				break;
		}
		if (i == sizeof cases / sizeof cases[0]) {
			covered = 0;
			fprintf(stderr, "no case for %s\n",
			    config_options[j].name);
		}
	}
	T_CHECK(covered);
}

static void
test_refused(void)
{
	static const struct {
		const char *key, *text, *err;
	} cases[] = {
		{ "period", "abc", "period: expected an integer from 16 to "
		  "8192, got 'abc'" },
		{ "period", "15", "period: expected an integer from 16 to "
		  "8192, got '15'" },
		{ "period", "8193", NULL },
		{ "period", "256x", NULL },
		{ "period", "", NULL },
		{ "period", " 256", NULL },
		{ "period", "+256", NULL },
		{ "period", "0x100", NULL },
		{ "period", "99999999999999999999", NULL },
		{ "periods", "1", NULL },
		{ "rate", "44000", "rate: expected 44100, 48000, 88200, 96000 "
		  "or 192000, got '44000'" },
		{ "rate", "48000.0", NULL },
		{ "sample-format", "S24", NULL },
		{ "capture-channels", "-1", NULL },
		{ "capture-channels", "65", NULL },
		{ "take-format", "flac", "take-format: expected wav24 or "
		  "wav32f, got 'flac'" },
		{ "latency", "-1", "latency: expected auto or an integer from "
		  "0 to 1000000, got '-1'" },
		{ "latency", "autox", NULL },
		{ "freewheel", "maybe", "freewheel: expected auto, yes or no, "
		  "got 'maybe'" },
		{ "dither", "auto", NULL },
		{ "realtime-priority", "100", NULL },
		{ "colors", "8", NULL },
		{ "meter-rate", "0", NULL },
		{ "disk-reserve", "100001", NULL },
	};
	struct config c, before;
	char err[512], buf[300], a[512], b[512];
	size_t i, j;
	int same;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		config_defaults(&c);
		config_set(&c, "period", "512", err, sizeof err);
		config_set(&c, "rate", "96000", err, sizeof err);
		before = c;
		err[0] = '\0';
		T_CHECKF(config_set(&c, cases[i].key, cases[i].text, err,
		    sizeof err) == -1, "%s = '%s' accepted", cases[i].key,
		    cases[i].text);
		T_CHECKF(strncmp(err, cases[i].key, strlen(cases[i].key)) == 0
		    && strstr(err, ": expected ") != NULL, "%s", err);
		if (cases[i].err != NULL)
			T_CHECKF(strcmp(err, cases[i].err) == 0, "'%s'", err);
		same = 1;
		for (j = 0; j < config_noptions; j++) {
			config_format(&before, &config_options[j], a, sizeof a);
			config_format(&c, &config_options[j], b, sizeof b);
			same &= strcmp(a, b) == 0;
		}
		T_CHECKF(same, "%s = '%s' changed something", cases[i].key,
		    cases[i].text);
	}

	/* strings longer than their buffer */
	config_defaults(&c);
	memset(buf, 'x', sizeof buf - 1);
	buf[sizeof buf - 1] = '\0';
	T_CHECK(config_set(&c, "device", buf, err, sizeof err) == -1);
	T_CHECKF(strstr(err, "at most 255 bytes") != NULL, "%s", err);
	T_CHECK(strcmp(c.device, "default") == 0);
	buf[255] = '\0';
	T_CHECK(config_set(&c, "device", buf, err, sizeof err) == 0);
	buf[64] = '\0';
	T_CHECK(config_set(&c, "keymap", buf, err, sizeof err) == -1);

	T_CHECK(config_set(&c, "no-such-key", "1", err, sizeof err) == -2);
	T_CHECKF(strcmp(err, "unknown key 'no-such-key'") == 0, "%s", err);
}

static void
test_load(void)
{
	struct warnings w;
	struct config c;
	char *path, want[512];
	char longline[400];

	memset(&w, 0, sizeof w);
	config_defaults(&c);
	path = write_file("a.ini",
	    "; a comment\n"				/* 1 */
	    "# another\n"				/* 2 */
	    "device = hw:1 ; inline comment\n"		/* 3 */
	    "\n"					/* 4 */
	    "color = mono\n"				/* 5 */
	    "period = abc\n"				/* 6 */
	    "periods = 4\n"				/* 7 */
	    "[reel]\n"					/* 8 */
	    "rate=96000\n"				/* 9 */
	    "[other]\n"					/* 10 */
	    "meter-rate = 30\n"				/* 11 */
	    "[reel]\n"					/* 12 */
	    "meter-rate = 30\n"				/* 13 */
	    "  colors = mono\n"				/* 14: continuation */
	    "ascii : yes\n");				/* 15 */
	T_CHECK(config_load(&c, path, collect, &w) == 0);
	T_CHECK(strcmp(c.device, "hw:1") == 0);
	T_CHECK(c.period == 256);
	T_CHECK(c.periods == 4);
	T_CHECK(c.rate == 96000);
	T_CHECK(c.meter_rate == 30);
	T_CHECK(c.colors == CONFIG_AUTO);
	T_CHECK(c.ascii == CONFIG_YES);
	T_CHECKF(w.n == 4, "%d warnings", w.n);
	snprintf(want, sizeof want, "%s:5: unknown key 'color'", path);
	T_CHECKF(strcmp(w.msg[0], want) == 0, "'%s'", w.msg[0]);
	snprintf(want, sizeof want, "%s:6: period: expected an integer from "
	    "16 to 8192, got 'abc'", path);
	T_CHECKF(strcmp(w.msg[1], want) == 0, "'%s'", w.msg[1]);
	snprintf(want, sizeof want, "%s:11: key 'meter-rate' in section "
	    "[other]", path);
	T_CHECKF(strncmp(w.msg[2], want, strlen(want)) == 0, "'%s'",
	    w.msg[2]);
	/* an indented line continues the value before it (inih) */
	snprintf(want, sizeof want, "%s:14: meter-rate: expected", path);
	T_CHECKF(strncmp(w.msg[3], want, strlen(want)) == 0, "'%s'",
	    w.msg[3]);

	/* a syntax error, and a line too long for inih: the lines after it
	 * keep their numbers */
	memset(&w, 0, sizeof w);
	memset(longline, 'x', sizeof longline);
	memcpy(longline, "device = ", 9);
	longline[sizeof longline - 2] = '\n';
	longline[sizeof longline - 1] = '\0';
	{
		char text[1024];

		snprintf(text, sizeof text, "period = 512\n%s"
		    "periods = 5\n"
		    "this is not a key\n"
		    "bogus = 1\n"
		    "dither = no\n", longline);
		path = write_file("b.ini", text);
	}
	config_defaults(&c);
	T_CHECK(config_load(&c, path, collect, &w) == 0);
	T_CHECK(c.period == 512 && c.periods == 5 && c.dither == CONFIG_NO);
	T_CHECK(strcmp(c.device, "default") == 0);
	T_CHECKF(w.n == 3, "%d warnings", w.n);
	snprintf(want, sizeof want, "%s:2: line too long", path);
	T_CHECKF(strncmp(w.msg[0], want, strlen(want)) == 0, "'%s'",
	    w.msg[0]);
	snprintf(want, sizeof want, "%s:5: unknown key 'bogus'", path);
	T_CHECKF(strcmp(w.msg[1], want) == 0, "'%s'", w.msg[1]);
	snprintf(want, sizeof want, "%s:4: syntax error", path);
	T_CHECKF(strncmp(w.msg[2], want, strlen(want)) == 0, "'%s'",
	    w.msg[2]);

	/* an unclosed section is a syntax error too */
	memset(&w, 0, sizeof w);
	path = write_file("c.ini", "period = 1024\n\n[reel\n");
	T_CHECK(config_load(&c, path, collect, &w) == 0 && c.period == 1024);
	snprintf(want, sizeof want, "%s:3: syntax error", path);
	T_CHECKF(w.n == 1 && strncmp(w.msg[0], want, strlen(want)) == 0,
	    "'%s'", w.msg[0]);

	/* missing: 1, quietly; unreadable: -1, said */
	memset(&w, 0, sizeof w);
	snprintf(want, sizeof want, "%s/none.ini", dir);
	T_CHECK(config_load(&c, want, collect, &w) == 1 && w.n == 0);
	T_CHECK(config_load(&c, dir, collect, &w) == -1);
	T_CHECKF(w.n == 1 && strstr(w.msg[0], dir) == w.msg[0], "'%s'",
	    w.msg[0]);
	T_CHECK(config_load(&c, dir, NULL, NULL) == -1);
}

/* The example documents every default and, uncommented, sets exactly the
 * defaults; left commented it sets nothing. */
static void
test_example(void)
{
	struct warnings w;
	struct config c, def;
	char *text = NULL, *line, *save, *path, a[512], b[512];
	char *uncommented;
	size_t size = 0, i, len;
	FILE *f;
	int ok = 1, nkeys = 0;

	f = open_memstream(&text, &size);
	config_write_example(f);
	fclose(f);
	config_defaults(&def);

	for (i = 0; i < config_noptions; i++) {
		const struct config_option *o = &config_options[i];

		snprintf(a, sizeof a, "\n# %s\n", o->help);
		snprintf(b, sizeof b, "\n#%s =%s%s\n\n", o->name,
		    o->def[0] ? " " : "", o->def);
		if (strstr(text, a) == NULL || strstr(text, b) == NULL) {
			ok = 0;
			fprintf(stderr, "example lacks %s", b);
		}
	}
	T_CHECK(ok);

	/* all commented: a non-default config stays as it is */
	config_defaults(&c);
	config_set(&c, "period", "1024", a, sizeof a);
	memset(&w, 0, sizeof w);
	T_CHECK(config_load(&c, write_file("ex0.ini", text), collect, &w) ==
	    0 && w.n == 0 && c.period == 1024);

	/* uncomment "#key = value" lines */
	uncommented = calloc(1, size + 1);
	len = 0;
	for (line = strtok_r(text, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		if (line[0] == '#' && line[1] != ' ' && strchr(line, '=')) {
			line++;
			nkeys++;
		}
		len += sprintf(uncommented + len, "%s\n", line);
	}
	T_CHECK(nkeys == (int)config_noptions);
	path = write_file("ex1.ini", uncommented);

	/* start from a config where everything differs from the default */
	config_set(&c, "device", "hw:9", a, sizeof a);
	config_set(&c, "capture", "x", a, sizeof a);
	config_set(&c, "playback", "y", a, sizeof a);
	config_set(&c, "rate", "44100", a, sizeof a);
	config_set(&c, "periods", "7", a, sizeof a);
	config_set(&c, "sample-format", "S16_LE", a, sizeof a);
	config_set(&c, "capture-channels", "8", a, sizeof a);
	config_set(&c, "take-format", "wav32f", a, sizeof a);
	config_set(&c, "latency", "100", a, sizeof a);
	config_set(&c, "freewheel", "yes", a, sizeof a);
	config_set(&c, "dither", "no", a, sizeof a);
	config_set(&c, "auto-return", "no", a, sizeof a);
	config_set(&c, "realtime-priority", "1", a, sizeof a);
	config_set(&c, "keymap", "vi", a, sizeof a);
	config_set(&c, "colors", "mono", a, sizeof a);
	config_set(&c, "ascii", "yes", a, sizeof a);
	config_set(&c, "meter-rate", "2", a, sizeof a);
	config_set(&c, "disk-reserve", "3", a, sizeof a);
	for (i = 0; i < config_noptions; i++) {
		config_format(&def, &config_options[i], a, sizeof a);
		config_format(&c, &config_options[i], b, sizeof b);
		if (strcmp(a, b) == 0) {
			ok = 0;
			fprintf(stderr, "%s not changed before loading\n",
			    config_options[i].name);
		}
	}
	T_CHECK(ok);
	memset(&w, 0, sizeof w);
	T_CHECK(config_load(&c, path, collect, &w) == 0);
	T_CHECKF(w.n == 0, "'%s'", w.msg[0]);
	for (i = 0; i < config_noptions; i++) {
		config_format(&def, &config_options[i], a, sizeof a);
		config_format(&c, &config_options[i], b, sizeof b);
		if (strcmp(a, b) != 0) {
			ok = 0;
			fprintf(stderr, "%s: '%s' after loading, default "
			    "'%s'\n", config_options[i].name, b, a);
		}
	}
	T_CHECK(ok);
	free(uncommented);
	free(text);
}

/* config.ini.example in the tree is what the table generates today. */
static void
test_example_current(void)
{
	const char *top = getenv("REEL_TOP");
	char path[512], *text = NULL, *disk;
	size_t size = 0;
	FILE *f;
	long n;

	snprintf(path, sizeof path, "%s/config.ini.example",
	    top != NULL ? top : ".");
	if ((f = fopen(path, "r")) == NULL) {
		printf("note: no %s to compare with the table\n", path);
		return;
	}
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	disk = calloc(1, n + 1);
	if (fread(disk, 1, n, f) != (size_t)n)
		n = -1;
	fclose(f);
	f = open_memstream(&text, &size);
	config_write_example(f);
	fclose(f);
	T_CHECKF(n >= 0 && strcmp(disk, text) == 0, "%s is out of date: "
	    "run 'make example'", path);
	free(disk);
	free(text);
}

static void
test_default_path(void)
{
	char buf[512], want[512];

	setenv("XDG_CONFIG_HOME", "/xdg/conf", 1);
	config_default_path(buf, sizeof buf);
	T_CHECKF(strcmp(buf, "/xdg/conf/reel/config.ini") == 0, "%s", buf);
	setenv("HOME", "/home/someone", 1);
	setenv("XDG_CONFIG_HOME", "relative", 1);
	config_default_path(buf, sizeof buf);
	snprintf(want, sizeof want, "/home/someone/.config/reel/config.ini");
	T_CHECKF(strcmp(buf, want) == 0, "%s", buf);
	unsetenv("XDG_CONFIG_HOME");
	config_default_path(buf, sizeof buf);
	T_CHECKF(strcmp(buf, want) == 0, "%s", buf);
	setenv("XDG_CONFIG_HOME", "", 1);
	config_default_path(buf, sizeof buf);
	T_CHECKF(strcmp(buf, want) == 0, "%s", buf);
}

int
main(void)
{
	static const char *names[] = {
		"a.ini", "b.ini", "c.ini", "ex0.ini", "ex1.ini",
	};
	char path[256];
	size_t i;

	snprintf(dir, sizeof dir, "/tmp/reel-config-XXXXXX");
	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	test_defaults();
	test_set_each();
	test_refused();
	test_load();
	test_example();
	test_example_current();
	test_default_path();
	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		unlink(path);
	}
	rmdir(dir);
	T_DONE();
}
