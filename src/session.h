/* session.h - the control thread's context: project, config, device,
 * engine and transport, and where messages go.
 *
 * The CLI, the plain prompt and the TUI all drive a session through the
 * command language (cmd.h); nothing else changes the project.
 */
#ifndef REEL_SESSION_H
#define REEL_SESSION_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>

#include "config.h"
#include "engine.h"
#include "project.h"

enum msg_kind {
	MSG_OUT,	/* a command's answer (info, takes): stdout */
	MSG_NOTE,	/* something the user should know: stderr */
	MSG_ERROR,	/* a command failed */
	MSG_EVENT	/* transport announcements: "recording vox, take 3" */
};

enum transport_state { TRANSPORT_STOPPED, TRANSPORT_PLAYING,
    TRANSPORT_RECORDING };

struct cmd_args;

/* What a pass does, planned before it rolls (transport.c). */
struct transport_plan {
	bool record, loop, punch;
	int64_t roll_start;	/* timeline frame the pass rolls from */
	int64_t roll_len;	/* frames, INT64_MAX until stopped */
	int64_t lead;		/* frames before the recorded range */
	int64_t count_in;	/* frames of count-in (click forced) */
	int64_t rec_start, rec_len;	/* the recorded range */
	int64_t loop_start, loop_end;
};

struct session_rec {		/* a take being recorded */
	int track;		/* index in project */
	int take;		/* take id */
};

struct session {
	struct project *p;
	struct config cfg;
	int lock_fd;

	/* Device choice: config, overridden by the command line. */
	char capture[256], playback[256];
	bool device_forced;	/* --device/--capture/--playback given */
	struct device *dev;
	struct engine *eng;
	char device_note[256];

	struct graph_pool *pool;	/* the engine's processors */
	int64_t pos;		/* playhead */
	enum transport_state state;
	struct run *run;
	struct transport_plan plan;
	int64_t run_start, run_len, latency;
	int audition_track;	/* index + 1 of a track whose take
				   audition_take plays alone; 0 none */
	int audition_take;
	bool measuring;		/* latency-measure: the run plays impulses */
	char measure_dir[256];
	struct session_rec *rec;
	int nrec;
	bool stop_reported;
	bool pass_failed;	/* the disk stopped it, or latency-measure
				   found nothing: a script fails */

	void (*msg)(void *arg, enum msg_kind kind, const char *text);
	void *msg_arg;
	bool interactive;	/* TUI/plain: transport does not block */
	bool progress;		/* CLI on a terminal: progress bars */
	const char *cmd_name;	/* command running, for error prefixes */
	char **undo, **redo;	/* project.ini texts, newest last */
	int nundo, nredo;
	bool changed;		/* the running command changed the project */
	int64_t xruns_reported;

	/* The front end's own commands (screen, select, quit, ...; see
	 * cmd_ui.c): set by the TUI and the plain prompt, NULL in scripts. */
	int (*ui)(void *arg, const struct cmd_args *a);
	void *ui_arg;
};

/* Set by the signal handlers (SIGINT, SIGTERM, SIGHUP). */
extern volatile sig_atomic_t session_signal;
/* A pipe written by the handlers so that poll() wakes. */
int session_signal_fd(void);
void session_signals_install(void);

/* Opens (or creates, saying so) the project at dir.  0, or -1 with err. */
int session_open(struct session *s, const char *dir, char *err,
    size_t errlen);
void session_close(struct session *s);

void session_msg(struct session *s, enum msg_kind kind, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Records a failure of the running command; returns -1. */
int session_fail(struct session *s, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Opens the device and starts the engine if not yet.  0 or -1 (reported).
 * `capture` asks for capture too. */
int session_device(struct session *s, bool capture);
/* Rebuilds the engine's snapshot from the project. */
void session_update(struct session *s);
/* Records `before` (project_text before a change; taken over) as the
 * state undo returns to, and forgets what redo would have done. */
void session_undo_push(struct session *s, char *before);
/* Swaps the project for the newest state of `from`, pushing the current
 * one onto `to`.  0 or -1 (reported). */
int session_undo_swap(struct session *s, char ***from, int *nfrom,
    char ***to, int *nto);
/* Saves the project (reporting failures).  0 or -1. */
int session_save(struct session *s);

/* transport.c */
int transport_play(struct session *s, int64_t len);
int transport_record(struct session *s, int64_t len);
/* Rolls from the pre-roll (or count-in) before `in`, records [in, out) on
 * the armed tracks and comps it in at once. */
int transport_punch(struct session *s, int64_t in, int64_t out);
/* Plays impulses for `seconds` and records input `input` (from 1); when
 * the pass ends, the round trip is found and stored for the device. */
int transport_measure(struct session *s, int input, double seconds);
void transport_stop(struct session *s);
/* Handles a finished run: closes takes, saves, announces.  Call when the
 * engine's wake fd is readable (and after transport_stop). */
void transport_poll(struct session *s);
/* Blocks until the transport stops (CLI); signals stop it cleanly. */
int transport_wait(struct session *s);
/* For the commands that roll: in a script the pass runs to its end before
 * the next command (and a pass cut short by a signal or the disk fails
 * the command); at the prompt and in the TUI it returns at once. */
int transport_script_wait(struct session *s);
int64_t transport_position(struct session *s);

/* render.c: offline mixdown.  fmt: "wav16", "wav24", "wav32f", "flac". */
int render_file(struct session *s, const char *path, int64_t start,
    int64_t end, const char *fmt, bool dither, bool click);

/* Builds the playback playlist of track i (its comp) into a run, leaving
 * out [cut_start, cut_end) when that is not empty; also for render. */
void session_add_playlist(struct session *s, struct run *run, int i,
    int ring_frames, int64_t cut_start, int64_t cut_end);
struct snapshot *session_snapshot(struct session *s);
/* Frames the mix graph delays its output by (look-ahead inserts). */
int64_t session_latency(struct session *s);
/* The same with the processor instances of `pool` (render runs a pool
 * of its own: fresh state, nothing shared with the engine). */
struct snapshot *session_snapshot_pool(struct session *s,
    struct graph_pool *pool);

#endif
