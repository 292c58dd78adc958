/* config.c - the options table and the user's config.ini. */
#include "config.h"

#include <errno.h>
#include <ini.h>
#include <limits.h>
#include <pwd.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/types.h>
#include <unistd.h>

#include "sample.h"
#include "util.h"
#include "wavfile.h"

#define OFF(f)		offsetof(struct config, f)
#define SZ(f)		sizeof(((struct config *)0)->f)

static const int config_auto_yes_no[] = { CONFIG_AUTO, CONFIG_YES, CONFIG_NO };
static const int config_yes_no[] = { CONFIG_YES, CONFIG_NO };
static const int config_colors[] = { CONFIG_AUTO, CONFIG_YES, CONFIG_NO };
static const int config_rates[] = { 44100, 48000, 88200, 96000, 192000 };
static const int config_auto[] = { -1 };
static const int config_sample_formats[] = {
	-1, SAMPLE_S16, SAMPLE_S24_3, SAMPLE_S24, SAMPLE_S32, SAMPLE_FLOAT
};
static const int config_take_formats[] = { WAVFILE_PCM24, WAVFILE_FLOAT32 };

const struct config_option config_options[] = {
	{ "device", CONFIG_T_STRING, OFF(device), SZ(device), 0, 0, NULL, NULL,
	  "default",
	  "ALSA PCM for capture and playback, e.g. hw:1 or plughw:CARD=USB" },
	{ "capture", CONFIG_T_STRING, OFF(capture), SZ(capture), 0, 0, NULL,
	  NULL, "", "ALSA PCM for capture only (empty: use device)" },
	{ "playback", CONFIG_T_STRING, OFF(playback), SZ(playback), 0, 0, NULL,
	  NULL, "", "ALSA PCM for playback only (empty: use device)" },
	{ "rate", CONFIG_T_CHOICE, OFF(rate), 0, 0, 0,
	  "44100|48000|88200|96000|192000", config_rates, "48000",
	  "sample rate of new projects, in Hz" },
	{ "period", CONFIG_T_INT, OFF(period), 0, 16, 8192, NULL, NULL, "256",
	  "frames per period: fewer means less latency, more risk of xruns" },
	{ "periods", CONFIG_T_INT, OFF(periods), 0, 2, 16, NULL, NULL, "3",
	  "periods in the device buffer" },
	{ "sample-format", CONFIG_T_CHOICE, OFF(sample_format), 0, 0, 0,
	  "auto|S16_LE|S24_3LE|S24_LE|S32_LE|FLOAT_LE", config_sample_formats,
	  "auto", "device sample format (auto: the best the device offers)" },
	{ "capture-channels", CONFIG_T_INT, OFF(capture_channels), 0, 0, 64,
	  NULL, NULL, "0",
	  "channels opened for capture (0: as many as the tracks use, >= 2)" },
	{ "take-format", CONFIG_T_CHOICE, OFF(take_format), 0, 0, 0,
	  "wav24|wav32f", config_take_formats, "wav24",
	  "format of recorded takes: 24-bit or 32-bit float WAV" },
	{ "latency", CONFIG_T_INT, OFF(latency), 0, 0, 1000000, "auto",
	  config_auto, "auto",
	  "round trip in frames, to align takes (auto: the device's report)" },
	{ "freewheel", CONFIG_T_CHOICE, OFF(freewheel), 0, 0, 0, "auto|yes|no",
	  config_auto_yes_no, "auto",
	  "scripts run faster than real time (auto: on a file or null device)" },
	{ "dither", CONFIG_T_CHOICE, OFF(dither), 0, 0, 0, "yes|no",
	  config_yes_no, "yes", "TPDF dither on outputs of 16 bits" },
	{ "auto-return", CONFIG_T_CHOICE, OFF(auto_return), 0, 0, 0, "yes|no",
	  config_yes_no, "yes",
	  "stop returns the playhead to where playback started" },
	{ "realtime-priority", CONFIG_T_INT, OFF(realtime_priority), 0, 0, 99,
	  NULL, NULL, "70",
	  "SCHED_FIFO priority of the audio thread (0: none)" },
	{ "keymap", CONFIG_T_STRING, OFF(keymap), SZ(keymap), 0, 0, NULL, NULL,
	  "default", "key bindings: keymaps/NAME.ini" },
	{ "colors", CONFIG_T_CHOICE, OFF(colors), 0, 0, 0, "auto|16|mono",
	  config_colors, "auto",
	  "screen colours: 16, mono, or auto (from the terminal and NO_COLOR)" },
	{ "ascii", CONFIG_T_CHOICE, OFF(ascii), 0, 0, 0, "auto|yes|no",
	  config_auto_yes_no, "auto",
	  "draw with plain ASCII (auto: when the locale is not UTF-8)" },
	{ "meter-rate", CONFIG_T_INT, OFF(meter_rate), 0, 1, 60, NULL, NULL,
	  "25", "screen refreshes per second while audio runs" },
	{ "disk-reserve", CONFIG_T_INT, OFF(disk_reserve_mb), 0, 0, 100000, NULL,
	  NULL, "200", "MB kept free on disk: recording stops below it" },
};
const size_t config_noptions = sizeof config_options / sizeof config_options[0];

static const struct config_option *
config_find(const char *key)
{
	size_t i;

	for (i = 0; i < config_noptions; i++) {
		if (strcmp(config_options[i].name, key) == 0)
			return &config_options[i];
	}
	return NULL;
}

/* Index of `word` in "a|b|c" (case ignored), or -1. */
static int
config_choice_index(const char *choices, const char *word)
{
	const char *p = choices, *bar;
	size_t len;
	int i;

	for (i = 0; p != NULL; i++) {
		bar = strchr(p, '|');
		len = bar != NULL ? (size_t)(bar - p) : strlen(p);
		if (strlen(word) == len && strncasecmp(p, word, len) == 0)
			return i;
		p = bar != NULL ? bar + 1 : NULL;
	}
	return -1;
}

/* The i-th word of "a|b|c" into buf. */
static void
config_choice_name(const char *choices, int i, char *buf, size_t size)
{
	const char *p = choices, *bar;

	while (i-- > 0 && p != NULL) {
		p = strchr(p, '|');
		if (p != NULL)
			p++;
	}
	if (p == NULL) {
		strlcpy_(buf, "?", size);
		return;
	}
	bar = strchr(p, '|');
	snprintf(buf, size, "%.*s", bar != NULL ? (int)(bar - p) : (int)strlen(p),
	    p);
}

/* "auto, yes or no" */
static void
config_choice_list(const char *choices, char *buf, size_t size)
{
	char word[64];
	size_t len;
	int i, n = 1;
	const char *p;

	for (p = choices; (p = strchr(p, '|')) != NULL; p++)
		n++;
	buf[0] = '\0';
	for (i = 0; i < n; i++) {
		config_choice_name(choices, i, word, sizeof word);
		len = strlen(buf);
		snprintf(buf + len, size - len, "%s%s",
		    i == 0 ? "" : (i == n - 1 ? " or " : ", "), word);
	}
}

/* What an option accepts, to complete "expected ...". */
static void
config_expected(const struct config_option *o, char *buf, size_t size)
{
	char list[256];

	switch (o->type) {
	case CONFIG_T_STRING:
		snprintf(buf, size, "text of at most %zu bytes", o->size - 1);
		break;
	case CONFIG_T_INT:
		if (o->choices != NULL) {
			config_choice_list(o->choices, list, sizeof list);
			snprintf(buf, size, "%s or an integer from %ld to %ld",
			    list, o->min, o->max);
		} else {
			snprintf(buf, size, "an integer from %ld to %ld",
			    o->min, o->max);
		}
		break;
	case CONFIG_T_CHOICE:
		config_choice_list(o->choices, list, sizeof list);
		snprintf(buf, size, "%s", list);
		break;
	}
}

static int
config_parse_long(const char *s, long *v)
{
	char *end;

	if (!((s[0] >= '0' && s[0] <= '9') ||
	    (s[0] == '-' && s[1] >= '0' && s[1] <= '9')))
		return -1;
	errno = 0;
	*v = strtol(s, &end, 10);
	if (errno != 0 || *end != '\0')
		return -1;
	return 0;
}

static int
config_value(const struct config_option *o, const char *value, int *v)
{
	long l;
	int i;

	if (o->choices != NULL &&
	    (i = config_choice_index(o->choices, value)) >= 0) {
		*v = o->choice_values[i];
		return 0;
	}
	if (o->type != CONFIG_T_INT || config_parse_long(value, &l) != 0 ||
	    l < o->min || l > o->max)
		return -1;
	*v = (int)l;
	return 0;
}

int
config_set(struct config *c, const char *key, const char *value, char *err,
    size_t errlen)
{
	const struct config_option *o = config_find(key);
	char expected[512];
	int v;

	if (o == NULL) {
		snprintf(err, errlen, "unknown key '%s'", key);
		return -2;
	}
	if (o->type == CONFIG_T_STRING) {
		if (strlen(value) < o->size) {
			strlcpy_((char *)c + o->offset, value, o->size);
			return 0;
		}
	} else if (config_value(o, value, &v) == 0) {
		*(int *)((char *)c + o->offset) = v;
		return 0;
	}
	config_expected(o, expected, sizeof expected);
	snprintf(err, errlen, "%s: expected %s, got '%s'", o->name, expected,
	    value);
	return -1;
}

void
config_defaults(struct config *c)
{
	char err[512];
	size_t i;

	memset(c, 0, sizeof *c);
	for (i = 0; i < config_noptions; i++) {
		if (config_set(c, config_options[i].name, config_options[i].def,
		    err, sizeof err) != 0)
			fatal("config default: %s", err);
	}
}

void
config_format(const struct config *c, const struct config_option *o,
    char *buf, size_t size)
{
	int v, i, n = 0;
	const char *p;

	if (o->type == CONFIG_T_STRING) {
		strlcpy_(buf, (const char *)c + o->offset, size);
		return;
	}
	v = *(const int *)((const char *)c + o->offset);
	if (o->choices != NULL) {
		for (p = o->choices; p != NULL; p = strchr(p + 1, '|'))
			n++;
		for (i = 0; i < n; i++) {
			if (o->choice_values[i] == v) {
				config_choice_name(o->choices, i, buf, size);
				return;
			}
		}
	}
	snprintf(buf, size, "%d", v);
}

/* ini_parse_stream() state: inih is built without line numbers for the
 * handler, so the reader counts the lines it hands over. */
struct config_load {
	struct config *c;
	const char *path;
	FILE *f;
	int line;
	void (*warn)(void *, const char *);
	void *arg;
};

static void
config_warn(struct config_load *st, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
config_warn(struct config_load *st, int line, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	int len;

	if (line > 0)
		len = snprintf(msg, sizeof msg, "%s:%d: ", st->path, line);
	else
		len = snprintf(msg, sizeof msg, "%s: ", st->path);
	va_start(ap, fmt);
	vsnprintf(msg + len, sizeof msg - len, fmt, ap);
	va_end(ap);
	if (st->warn != NULL)
		st->warn(st->arg, msg);
}

/* Hands inih one physical line.  A line inih cannot hold would be split
 * into several (and numbered wrongly), a NUL would cut it: report it and
 * pass a blank one.  Never more than a line's worth is held in memory. */
static char *
config_reader(char *str, int num, void *stream)
{
	struct config_load *st = stream;
	int c, n = 0;
	bool nul = false, full = false;

	while ((c = getc(st->f)) != EOF && c != '\n') {
		if (c == '\0')
			nul = true;
		else if (n < num - 2)
			str[n++] = (char)c;
		else
			full = true;
	}
	if (n == 0 && !nul && !full && c == EOF)
		return NULL;
	st->line++;
	if (nul || full) {
		if (full)
			config_warn(st, st->line, "line too long (at most %d "
			    "bytes)", num - 2);
		else
			config_warn(st, st->line, "NUL byte in the line");
		strlcpy_(str, "\n", num);
		return str;
	}
	if (c == '\n')
		str[n++] = '\n';
	str[n] = '\0';
	return str;
}

static int
config_handler(void *user, const char *section, const char *name,
    const char *value)
{
	struct config_load *st = user;
	char err[512];

	if (section[0] != '\0' && strcmp(section, "reel") != 0) {
		config_warn(st, st->line, "key '%s' in section [%s] "
		    "(expected [reel] or no section)", name, section);
		return 1;
	}
	if (config_set(st->c, name, value, err, sizeof err) != 0)
		config_warn(st, st->line, "%s", err);
	return 1;	/* reported: inih need not count it as an error */
}

int
config_load(struct config *c, const char *path,
    void (*warn)(void *arg, const char *msg), void *arg)
{
	struct config_load st;
	const char *why;
	int r, e;

	memset(&st, 0, sizeof st);
	st.c = c;
	st.path = path;
	st.warn = warn;
	st.arg = arg;
	/* Only a regular file: /dev/zero would be one endless line, a FIFO
	 * would block. */
	if ((st.f = util_fopen_regular(path, &why)) == NULL) {
		if (errno == ENOENT)
			return 1;
		config_warn(&st, 0, "%s", why);
		return -1;
	}
	r = ini_parse_stream(config_reader, &st, config_handler, &st);
	e = ferror(st.f) ? errno : 0;
	fclose(st.f);
	if (e != 0) {
		config_warn(&st, st.line, "%s", strerror(e));
		return -1;
	}
	if (r > 0) {
		config_warn(&st, r, "syntax error (expected 'key = value', "
		    "'[reel]' or a comment)");
	}
	return 0;
}

void
config_default_path(char *buf, size_t size)
{
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	struct passwd *pw;

	/* The XDG spec says to ignore a relative path. */
	if (xdg != NULL && xdg[0] == '/') {
		snprintf(buf, size, "%s/reel/config.ini", xdg);
		return;
	}
	if ((home == NULL || home[0] == '\0') &&
	    (pw = getpwuid(getuid())) != NULL)
		home = pw->pw_dir;
	snprintf(buf, size, "%s/.config/reel/config.ini",
	    home != NULL ? home : "");
}

void
config_write_example(FILE *f)
{
	const struct config_option *o;
	char expected[512];
	size_t i;

	fputs("# reel configuration: copy to ~/.config/reel/config.ini (or\n"
	    "# $XDG_CONFIG_HOME/reel/config.ini) and uncomment what you change.\n"
	    "# Every setting is shown with its default.  Keys may also sit in a\n"
	    "# [reel] section.  Generated by 'reel --config-example'.\n\n", f);
	for (i = 0; i < config_noptions; i++) {
		o = &config_options[i];
		config_expected(o, expected, sizeof expected);
		fprintf(f, "# %s\n# %s\n#%s =%s%s\n\n", o->help, expected,
		    o->name, o->def[0] != '\0' ? " " : "", o->def);
	}
}
