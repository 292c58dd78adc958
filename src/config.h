/* config.h - user settings.
 *
 * One table (name, type, range, default, help) drives parsing, validation,
 * `reel --config-example` and the man page section; config.ini.example is
 * generated from it and a test checks it is current.
 */
#ifndef REEL_CONFIG_H
#define REEL_CONFIG_H

#include <stddef.h>
#include <stdio.h>

enum config_tristate { CONFIG_AUTO = -1, CONFIG_NO = 0, CONFIG_YES = 1 };

struct config {
	char device[256];	/* ALSA PCM for capture and playback */
	char capture[256];	/* "" = use device */
	char playback[256];	/* "" = use device */
	int rate;		/* rate of new projects */
	int period;		/* frames */
	int periods;
	int sample_format;	/* enum sample_fmt, -1 = best offered */
	int capture_channels;	/* 0 = as many as the tracks use (>= 2) */
	int take_format;	/* enum wavfile_fmt: wav24 or wav32f */
	int latency;		/* round trip frames, -1 = device report */
	int freewheel;		/* CONFIG_AUTO: when the device is a file/null */
	int dither;		/* TPDF on 16-bit outputs */
	int auto_return;	/* stop returns the playhead to where it started */
	int realtime_priority;	/* SCHED_FIFO priority asked for, 0 = none */
	char keymap[64];	/* keymaps/NAME.ini */
	int colors;		/* CONFIG_AUTO, 16 (=CONFIG_YES), mono (=NO) */
	int ascii;		/* CONFIG_AUTO: from the locale */
	int meter_rate;		/* screen refreshes per second while rolling */
	int disk_reserve_mb;	/* recording stops when free space falls below */
};

enum config_type { CONFIG_T_STRING, CONFIG_T_INT, CONFIG_T_CHOICE };

struct config_option {
	const char *name;
	enum config_type type;
	size_t offset;		/* into struct config */
	size_t size;		/* strings: buffer size */
	long min, max;		/* ints */
	/* "auto|yes|no": the words a CHOICE accepts (case ignored), stored
	 * as choice_values[i].  An INT may have words too, accepted besides
	 * its range (latency: "auto" = -1). */
	const char *choices;
	const int *choice_values;
	const char *def;	/* default, as text in the file's syntax */
	const char *help;
};

extern const struct config_option config_options[];
extern const size_t config_noptions;

void config_defaults(struct config *c);
/* Sets one key from its text.  0, or -1 with err = "period: expected an
 * integer from 16 to 8192, got 'x'" (unknown key: -2). */
int config_set(struct config *c, const char *key, const char *value,
    char *err, size_t errlen);
/* Reads an INI file over the current values.  Bad values and unknown keys
 * are reported through `warn` as "file:line: message" and skipped.
 * Returns 0, 1 if the file does not exist, -1 if it cannot be read (also
 * reported through `warn`, as "file: reason").  A line too long for inih
 * and the first syntax error are reported too. */
int config_load(struct config *c, const char *path,
    void (*warn)(void *arg, const char *msg), void *arg);
/* Default path: $XDG_CONFIG_HOME/reel/config.ini or ~/.config/... */
void config_default_path(char *buf, size_t size);
/* Writes config.ini.example: every key, commented, with its default. */
void config_write_example(FILE *f);
/* Current value as text (for `info`, `config` commands). */
void config_format(const struct config *c, const struct config_option *o,
    char *buf, size_t size);

#endif
