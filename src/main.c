/* main.c - command line: options, then a script, the plain prompt or the
 * full-screen interface. */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "config.h"
#include "demo.h"
#include "sample.h"
#include "session.h"
#include "tui.h"
#include "util.h"

#define REEL_VERSION "0.1"

static bool main_quiet;

static void
main_usage(FILE *f)
{
	fprintf(f,
"usage: reel [options] PROJECT [-c 'cmd; cmd'] [-f SCRIPT]\n"
"       reel --plain [options] PROJECT\n"
"       reel [options] --album DIR [PROJECT] [-c 'cmd; cmd']\n"
"       reel --config-example | --version | --help\n"
"options:\n"
"  -c, --command TEXT    run commands and exit (may be repeated)\n"
"  -f, --file SCRIPT     run the commands in SCRIPT ('-' for stdin)\n"
"  -p, --plain           line-oriented session for screen readers\n"
"  -d, --device PCM      ALSA PCM for capture and playback\n"
"      --capture PCM     ALSA PCM for capture\n"
"      --playback PCM    ALSA PCM for playback\n"
"      --sample-format F S16_LE, S24_3LE, S24_LE, S32_LE or FLOAT_LE\n"
"      --period FRAMES   frames per period\n"
"      --periods N       periods per buffer\n"
"      --config FILE     settings (default $XDG_CONFIG_HOME/reel/config.ini)\n"
"  -q, --quiet           no notes on stderr, only errors\n"
"      --demo            make PROJECT a demo song if it does not exist\n"
"      --album DIR       open (or create) the album in DIR (album.ini)\n"
"exit status: 0 success, 1 a command failed, 2 bad usage,\n"
"             128+N stopped by signal N (the take is kept)\n");
}

static void
main_msg(void *arg, enum msg_kind kind, const char *text)
{
	switch (kind) {
	case MSG_OUT:
		printf("%s\n", text);
		fflush(stdout);
		break;
	case MSG_ERROR:
		fprintf(stderr, "reel: %s\n", text);
		break;
	case MSG_DONE:
		/* A script says what it changes itself. */
		break;
	default:
		if (!main_quiet)
			fprintf(stderr, "reel: %s\n", text);
		break;
	}
}

/* Errors printed before a session exists name files and values from
 * them: escaped as session_msg escapes. */
static void
main_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void
main_error(const char *fmt, ...)
{
	char msg[2048], safe[4096];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	util_escape(safe, sizeof safe, msg);
	fprintf(stderr, "reel: %s\n", safe);
}

static void
main_config_warn(void *arg, const char *msg)
{
	main_error("%s", msg);
}

static char *
main_read_script(const char *path)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
	char *buf = NULL;
	size_t len = 0, cap = 0, n;

	if (f == NULL)
		return NULL;
	for (;;) {
		if (cap - len < 4096) {
			cap = cap ? cap * 2 : 8192;
			buf = xrealloc(buf, cap);
		}
		n = fread(buf + len, 1, cap - len - 1, f);
		if (n == 0)
			break;
		len += n;
	}
	buf[len] = '\0';
	if (f != stdin)
		fclose(f);
	return buf;
}

enum { OPT_CAPTURE = 256, OPT_PLAYBACK, OPT_FORMAT, OPT_PERIOD, OPT_PERIODS,
    OPT_CONFIG, OPT_EXAMPLE, OPT_VERSION, OPT_DEMO, OPT_ALBUM };

static const struct option main_options[] = {
	{ "command", required_argument, NULL, 'c' },
	{ "file", required_argument, NULL, 'f' },
	{ "plain", no_argument, NULL, 'p' },
	{ "device", required_argument, NULL, 'd' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "help", no_argument, NULL, 'h' },
	{ "capture", required_argument, NULL, OPT_CAPTURE },
	{ "playback", required_argument, NULL, OPT_PLAYBACK },
	{ "sample-format", required_argument, NULL, OPT_FORMAT },
	{ "period", required_argument, NULL, OPT_PERIOD },
	{ "periods", required_argument, NULL, OPT_PERIODS },
	{ "config", required_argument, NULL, OPT_CONFIG },
	{ "config-example", no_argument, NULL, OPT_EXAMPLE },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ "demo", no_argument, NULL, OPT_DEMO },
	{ "album", required_argument, NULL, OPT_ALBUM },
	{ NULL, 0, NULL, 0 }
};

struct main_opts {
	char **scripts;		/* "c:TEXT" or "f:PATH", in order */
	int nscripts;
	bool plain, demo;
	const char *device, *capture, *playback, *format, *period, *periods;
	const char *config;
	const char *album;
};

static int
main_parse(int argc, char **argv, struct main_opts *o)
{
	int c;

	while ((c = getopt_long(argc, argv, "c:f:pd:qh", main_options, NULL))
	    != -1) {
		switch (c) {
		case 'c':
		case 'f':
			o->scripts = xreallocarray(o->scripts, o->nscripts + 1,
			    sizeof *o->scripts);
			o->scripts[o->nscripts++] = xasprintf("%c:%s", c,
			    optarg);
			break;
		case 'p': o->plain = true; break;
		case 'd': o->device = optarg; break;
		case 'q': main_quiet = true; break;
		case 'h': main_usage(stdout); exit(0);
		case OPT_CAPTURE: o->capture = optarg; break;
		case OPT_PLAYBACK: o->playback = optarg; break;
		case OPT_FORMAT: o->format = optarg; break;
		case OPT_PERIOD: o->period = optarg; break;
		case OPT_PERIODS: o->periods = optarg; break;
		case OPT_CONFIG: o->config = optarg; break;
		case OPT_DEMO: o->demo = true; break;
		case OPT_ALBUM: o->album = optarg; break;
		case OPT_EXAMPLE:
			config_write_example(stdout);
			exit(0);
		case OPT_VERSION:
			printf("reel %s\n", REEL_VERSION);
			exit(0);
		default:
			main_usage(stderr);
			return -1;
		}
	}
	return 0;
}

/* Command-line settings override config.ini; they are checked like it. */
static int
main_apply(struct session *s, const struct main_opts *o)
{
	char err[256];
	const char *dev = o->device;

	if (o->format != NULL && config_set(&s->cfg, "sample-format",
	    o->format, err, sizeof err) != 0)
		goto bad;
	if (o->period != NULL && config_set(&s->cfg, "period", o->period, err,
	    sizeof err) != 0)
		goto bad;
	if (o->periods != NULL && config_set(&s->cfg, "periods", o->periods,
	    err, sizeof err) != 0)
		goto bad;
	if (dev == NULL)
		dev = s->cfg.device;
	strlcpy_(s->capture, o->capture ? o->capture : s->cfg.capture[0] ?
	    s->cfg.capture : dev, sizeof s->capture);
	strlcpy_(s->playback, o->playback ? o->playback :
	    s->cfg.playback[0] ? s->cfg.playback : dev, sizeof s->playback);
	s->device_forced = o->device || o->capture || o->playback ||
	    strcmp(s->cfg.device, "default") != 0;
	return 0;
bad:
	main_error("--%s", err);
	return -1;
}

static int
main_scripts(struct session *s, const struct main_opts *o)
{
	int i, rc = 0;

	for (i = 0; i < o->nscripts && rc == 0; i++) {
		const char *arg = o->scripts[i] + 2;
		char *text;

		if (o->scripts[i][0] == 'c') {
			rc = cmd_run(s, arg);
			continue;
		}
		text = main_read_script(arg);
		if (text == NULL) {
			main_error("%s: %s", arg, strerror(errno));
			return 2;
		}
		rc = cmd_run(s, text);
		free(text);
	}
	return rc;
}

/* Frees what main_parse kept; returns rc. */
static int
main_done(struct main_opts *o, int rc)
{
	int i;

	for (i = 0; i < o->nscripts; i++)
		free(o->scripts[i]);
	free(o->scripts);
	o->scripts = NULL;
	o->nscripts = 0;
	return rc;
}

int
main(int argc, char **argv)
{
	struct main_opts o;
	struct session s;
	char cfgpath[1024], err[1024];
	const char *dir;
	int rc;

	memset(&o, 0, sizeof o);
	memset(&s, 0, sizeof s);
	if (main_parse(argc, argv, &o) != 0)
		return main_done(&o, 2);
	/* With --album the song project is optional. */
	if (optind != argc - 1 && !(o.album != NULL && optind == argc)) {
		main_usage(stderr);
		return main_done(&o, 2);
	}
	dir = optind < argc ? argv[optind] : NULL;
	config_defaults(&s.cfg);
	if (o.config != NULL)
		strlcpy_(cfgpath, o.config, sizeof cfgpath);
	else
		config_default_path(cfgpath, sizeof cfgpath);
	/* config_load reports an unreadable file itself; a missing default
	 * file is fine, a missing --config file is not. */
	rc = config_load(&s.cfg, cfgpath, main_config_warn, NULL);
	if (rc < 0)
		return main_done(&o, 2);
	if (rc == 1 && o.config != NULL) {
		main_error("%s: no such file", cfgpath);
		return main_done(&o, 2);
	}
	if (main_apply(&s, &o) != 0)
		return main_done(&o, 2);
	s.msg = main_msg;
	s.progress = isatty(2) && !main_quiet;
	s.interactive = o.nscripts == 0;
	session_signals_install();
	if (o.demo && dir != NULL && access(dir, F_OK) != 0 &&
	    demo_create(dir, s.cfg.rate, err, sizeof err) != 0) {
		main_error("%s", err);
		return main_done(&o, 1);
	}
	if (dir != NULL && session_open(&s, dir, err, sizeof err) != 0) {
		main_error("%s", err);
		return main_done(&o, 1);
	}
	if (o.album != NULL && session_album_open(&s, o.album, err,
	    sizeof err) != 0) {
		main_error("%s", err);
		session_close(&s);
		return main_done(&o, 1);
	}
	if (o.nscripts > 0)
		rc = main_scripts(&s, &o);
	else if (o.plain || !isatty(0) || !isatty(1))
		rc = plain_run(&s);
	else
		rc = tui_run(&s);
	session_close(&s);
	if (session_signal != 0)
		rc = 128 + session_signal;
	return main_done(&o, rc);
}
