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
#include "history.h"
#include "project.h"

enum msg_kind {
	MSG_OUT,	/* a command's answer (info, takes): stdout */
	MSG_NOTE,	/* something the user should know: stderr */
	MSG_ERROR,	/* a command failed */
	MSG_EVENT,	/* transport announcements: "recording vox, take 3" */
	MSG_DONE	/* a change confirmed in a short line ("vox gain
			   -3.0 dB"): the prompt and the screen say it,
			   scripts do not */
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

struct album;

struct session {
	struct project *p;	/* NULL in an album session (reel --album) */
	/* The album open beside the song or alone (session_album.c), NULL
	 * none; its undo steps (in memory), its lock, and whether an album
	 * change came after the last song change (undo's choice). */
	struct album *album;
	struct history album_hist;
	int album_lock_fd;
	bool album_readonly;
	bool album_last;
	int64_t album_unsaved_ms;	/* a burst's album save waits since */
	int64_t album_due_ms;		/* and is due then (0: none) */
	char album_vinyl[16];	/* vinyl-format's choice, "" 12in33 */
	struct config cfg;
	int lock_fd;

	/* Device choice: config, overridden by the command line. */
	char capture[256], playback[256];
	bool device_forced;	/* --device/--capture/--playback given */
	struct device *dev;
	struct engine *eng;
	struct livemeter *lm;	/* the master's loudness, live */
	int listen;		/* enum monitor_listen on the monitor path */
	struct monitor_ref *ref;	/* the A/B reference, NULL none */
	struct monitor_ref **refs;	/* every one loaded (engines may
					   read them until close) */
	int nrefs;
	char ref_name[256];
	bool ab_ref;		/* the reference is heard */
	double target_lufs;	/* the Master screen's target line */
	char device_note[320];	/* the device, its kind and pacing, format */
	char device_short[320];	/* "reeltest file (paced)" */

	struct graph_pool *pool;	/* the engine's processors */
	struct ab *ab;		/* A/B armed (ab.h), NULL off */
	int64_t pos;		/* playhead */
	enum transport_state state;
	struct run *run;
	struct transport_plan plan;
	int64_t run_start, run_len, latency;
	int audition_track;	/* index + 1 of a track whose take
				   audition_take plays alone; 0 none */
	int audition_take;	/* 0 with audition_track: the preview */
	char *preview_path;	/* an editing operation's result, played by */
	int64_t preview_pos;	/* preview at [pos, pos + len) in place of */
	int64_t preview_len;	/* the track (cmd_edit.c) */
	struct onsetmarks *marks;	/* onsets found, shown on the clips */
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
	struct history hist;	/* undo and redo steps */
	/* What the running command changed (session_said, session_step,
	 * session_burst), cleared before each command. */
	char said[256];		/* its confirmation */
	char step[256];		/* undo's description of it */
	char burst_param[64], burst_from[64], burst_to[64];
	bool step_merged;	/* it carried on the burst of the last step */
	/* A question the running command asks the interactive front end
	 * (session_ask); a yes runs ask_cmd.  "" none. */
	char ask[160];
	char ask_cmd[64];
	int64_t unsaved_ms;	/* a save waits since then (0: none) */
	int64_t save_due_ms;	/* and is due then */
	bool history_warned;
	int64_t xruns_reported;
	char *auto_text;	/* the project before an automation write
				   pass's first move (heap), NULL none */
	char auto_what[112];	/* the pass's first lane, "vox gain" */
	int auto_lanes;		/* lanes it moved */

	/* The front end's own commands (screen, select, quit, ...; see
	 * cmd_ui.c): set by the TUI and the plain prompt, NULL in scripts. */
	int (*ui)(void *arg, const struct cmd_args *a);
	void *ui_arg;
	/* Its progress display for a long operation (edit.c, render.c),
	 * called with ui_arg and the fraction done; non-zero cancels.
	 * NULL: none. */
	int (*progress_ui)(void *arg, double fraction);
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
/* listen.c: while a track is armed in an interactive session and the
 * transport stands still, the device runs with capture so that the armed
 * tracks' inputs are metered (listen_start opens it; a failure is a
 * note, the arming stands). */
bool listen_wanted(const struct session *s);
void listen_start(struct session *s);
/* Rebuilds the engine's snapshot from the project. */
void session_update(struct session *s);
/* For a command that changed something: the short line that confirms
 * it ("vox gain -3.0 dB", "armed vox", "at 1:23.450"), said by the prompt
 * and the screen once the command has succeeded. */
void session_said(struct session *s, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* At an interactive front end: asks `fmt` ("Remove 3 unused files?
 * [y/n] "); the front end reads a y or n, and a yes runs `cmd`.  False
 * (nothing asked) in scripts. */
bool session_ask(struct session *s, const char *cmd, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* How undo names the running command's step, when not by its words
 * ("record vox take 3", "comp vox take 2 over 0:30.000..0:40.000"). */
void session_step(struct session *s, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* The running command moved a fader-like parameter (param "gain vox")
 * from one value to another ("-2.0 dB", "+1.0 dB"): its step reads
 * "gain vox -2.0 dB -> +1.0 dB", and at the prompt and the screen the
 * moves of one parameter within a second of each other are one step and
 * one save (the save waits up to a second; see session_save_wait). */
void session_burst(struct session *s, const char *param, const char *from,
    const char *to);
/* After a command that may have changed the project succeeded: `before`
 * (project_text before it; taken over) becomes an undo step described by
 * `words` unless the command named it, and the project is saved, or for
 * a burst at an interactive front end soon.  0, or -1 when the save
 * failed (reported). */
int session_commit(struct session *s, char *before, const char *words);
/* Records `before` (project_text before a change; taken over) as the
 * state undo returns to, described as `desc`, and forgets what redo would
 * have done. */
void session_undo_push(struct session *s, char *before, const char *desc);
/* Undoes (or redoes) the newest step and says which: "undo: DESC".  0 or
 * -1 (reported). */
int session_undo(struct session *s, bool redo);
/* Milliseconds until a waiting save is due (0: now), -1 when none waits;
 * the interactive front ends poll with it and then call session_tick. */
int session_save_wait(const struct session *s);
void session_tick(struct session *s);
/* Saves the project (reporting failures).  0 or -1. */
int session_save(struct session *s);

/* session_album.c: opens (or creates) the album at dir under its lock,
 * closing the one open before.  0, or -1 with err. */
int session_album_open(struct session *s, const char *dir, char *err,
    size_t errlen);
void session_album_close(struct session *s);
/* After an album command: `before` (album_text before it; taken over)
 * becomes an undo step and the album is saved.  0, or -1 (reported). */
int session_album_commit(struct session *s, char *before,
    const char *words);
/* Whether undo (redo) now undoes an album change: the session has no
 * song, or the album was changed after the song. */
bool session_album_undoes(const struct session *s, bool redo);
int session_album_undo(struct session *s, bool redo);
/* Saves the album now (a burst's save that waits, too).  0, or -1
 * (reported). */
int session_album_save(struct session *s);

/* transport.c */
int transport_play(struct session *s, int64_t len);
int transport_record(struct session *s, int64_t len);
/* Rolls from the pre-roll (or count-in) before `in`, records [in, out) on
 * the armed tracks and comps it in at once; out INT64_MAX records from in
 * until stopped. */
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

/* render.c: offline mixdown of [start, end) to `file` (a path, or "-"
 * for standard output) in the format of `spec` (render_out.h).  Only a
 * regular file is replaced, through a temp file renamed over it.
 * listen >= 0 renders the monitor path instead: the mix through that
 * listening mode (monitor.h), for tests of what the speakers get. */
struct render_spec;
enum render_dither_mode;
int render_file(struct session *s, const char *file, int64_t start,
    int64_t end, const struct render_spec *spec,
    enum render_dither_mode dither, bool click, int listen);
/* The same mix handed to sink block by block (at most 4096 stereo
 * frames; sink returns 0 or -errno to stop), nothing written: the
 * render path for measurements.  0, or -1 (reported). */
int render_analyse(struct session *s, int64_t start, int64_t end,
    int (*sink)(void *ctx, float *buf, int n), void *ctx);
/* Whether a render may write `path`: nothing there, or a regular file (a
 * symlink to one is written through).  0, or -1 (reported). */
int render_check_target(struct session *s, const char *path);

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
