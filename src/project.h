/* project.h - the session model and its file, project.ini.
 *
 * A project is a directory: project.ini (the whole session, one fact per
 * line, stable order), audio/ (takes, imports), renders/.  Positions are
 * 64-bit frames at the project rate.  Only the control thread touches it.
 */
#ifndef REEL_PROJECT_H
#define REEL_PROJECT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdint.h>

#include "automation.h"
#include "fx.h"
#include "timefmt.h"

#define PROJECT_NAME_MAX 32
#define PROJECT_FILE "project.ini"
/* Tracks a project holds: every one is mixed (the mixer's
 * MIXER_MAX_TRACKS; session.c checks that they agree). */
#define PROJECT_TRACKS_MAX 256
/* Take and pass numbers.  A new take or pass is only begun at a number up
 * to PROJECT_ID_MAX.  The file may hold next-take and next-pass up to
 * PROJECT_NUM_MAX and take and pass numbers below it (so that one more is
 * still a valid next-*), far below INT_MAX: nothing read back overflows
 * when one is added, and the passes a loop recording adds at its stop (one
 * per loop length) stay below it -- reaching it would take some 70
 * million passes in one go. */
#define PROJECT_ID_MAX 999999999
#define PROJECT_NUM_MAX 1073741824

enum take_state { TAKE_OK, TAKE_RECORDING, TAKE_RECOVERED };

struct take {
	int id;			/* from 1, per track, never reused */
	char *file;		/* relative to the project directory */
	int channels;
	int64_t start;		/* timeline frame of the file's frame 0 */
	int64_t length;		/* frames in the file */
	int64_t rec_start;	/* the range it plays (was recorded) for */
	int64_t rec_end;
	int rating;		/* 0..5 */
	char *note;
	char *xruns;		/* "frame frame ..." timeline positions */
	enum take_state state;
	int64_t created;	/* unix time */
	int pass;		/* recording pass, project-wide: the takes of
				   one pass line up across a group */
	bool loop;		/* being recorded in a loop: the file holds
				   pass after pass of the range */
};

/* A range of the comp: take `take` plays over [start, end). */
struct comp_range {
	int64_t start, end;
	int take;
	int64_t xfade;		/* crossfade frames into this range */
};

/* A clip: a placed region of the track's comp (take 0: read in
 * recording time, so it plays whatever the comp holds there) or of one
 * take's file (take N: offset is a frame of the file).  Later clips in
 * the list lie on top of earlier ones; under a later clip's fade the
 * earlier one fades the other way (a crossfade). */
struct clip {
	int64_t pos, len;	/* timeline frames [pos, pos + len) */
	int take;		/* 0: the comp; N: take N's file */
	int64_t offset;		/* source frame at pos */
	double gain_db;
	int64_t fade_in, fade_out;	/* frames */
	int shape_in, shape_out;	/* enum segment_shape */
	/* An edit's result (edit.c): with file[0] the clip plays that file
	 * (relative to the project; offset is a frame of it), rendered by
	 * operation `op` ("denoise amount=12 ...") from the source range
	 * [from_offset, from_offset + from_len) of from_take (0: the
	 * comp), which stays for `reprocess`. */
	char file[96];
	char op[160];
	int from_take;
	int64_t from_offset, from_len;
};

/* A section of the song: bars [bar, bar + bars), so that it follows
 * tempo and meter changes. */
struct section {
	char name[PROJECT_NAME_MAX + 1];
	int bar;		/* from 1 */
	int bars;
	/* The song sheet (sheet.h): chord symbols bar by bar, one word
	 * a bar, "-" holds the one before; lyric lines separated by
	 * '\n'.  Heap, NULL for none. */
	char *chords;
	char *lyrics;
};

struct marker {
	char name[PROJECT_NAME_MAX + 1];
	int64_t pos;
};

enum monitor_mode { MONITOR_AUTO, MONITOR_ON, MONITOR_OFF };

/* An insert: a processor of the fx table with its parameters.  `id`
 * names its running instance (graph.h): unique in the project, saved
 * with it, so undo, redo and reopening keep the instance and its tail. */
struct insert {
	const struct fx_kind *kind;
	float val[FX_MAX_PARAMS];
	bool bypass;
	unsigned id;
	/* A plugin's saved state (fx_state.h; owned), or NULL: what its
	 * instances are restored with. */
	struct fx_state *state;
};

/* A strip's inserts, in signal order. */
struct inserts {
	struct insert *v;
	int n;
};

/* A strip's signal into an aux bus, at a level, after the fader and pan
 * (post) or before them (pre). */
struct send {
	char bus[PROJECT_NAME_MAX + 1];
	double db;
	bool pre;
};

/* Where a track's or a bus's signal goes: its output (a group bus, or
 * "" for the master) and its sends. */
struct routing {
	char out[PROJECT_NAME_MAX + 1];
	struct send *sends;
	int nsends;
};

/* An aux or group bus: a stereo strip with inserts, fader, balance,
 * mute and solo. */
struct bus {
	char name[PROJECT_NAME_MAX + 1];
	double gain_db;
	double pan;
	bool mute, solo;
	struct inserts fx;
	struct routing rt;
	struct auto_lanes au;
};

struct track {
	char name[PROJECT_NAME_MAX + 1];
	int channels;		/* 1 mono, 2 stereo */
	int in[2];		/* capture inputs from 1; 0 none */
	char role[16];
	double gain_db;
	double pan;		/* -1 .. 1 */
	bool mute, solo, armed;
	int active;		/* take id, 0 none */
	int next_take;		/* id of the next take */
	struct take *takes;
	int ntakes;
	struct comp_range *comp;	/* what plays: sorted, no overlaps */
	int ncomp;
	enum monitor_mode monitor;
	char group[PROJECT_NAME_MAX + 1];	/* take group, "" none */
	struct inserts fx;
	struct routing rt;
	/* false: no clip list, the comp plays as recorded (an identity
	 * clip over everything); true: only the clips play. */
	bool clipped;
	struct clip *clips;
	int nclips;
	struct auto_lanes au;	/* automation */
};

#define PROJECT_MAX_BUSES 32

struct project {
	char *dir;
	int rate;
	int take_format;	/* enum wavfile_fmt */
	double master_gain_db;
	struct tempo_map tempo;
	struct track *tracks;
	int ntracks;
	bool readonly;
	int next_pass;
	int64_t loop_start, loop_end;	/* loop_end == 0: no loop */
	double preroll;		/* seconds before a punch-in */
	int count_in;		/* bars of click before recording */
	bool click;
	double click_db;
	int click_out;		/* 0: the mix; N: device outputs N, N+1 */
	int xfade_ms;		/* comp crossfades */
	struct inserts master_fx;
	struct auto_lanes master_au;
	struct bus *buses;
	int nbuses;
	unsigned next_insert;	/* the next insert's id */
	bool snap;		/* clip edits snap to the grid */
	int grid;		/* grid division: 1 bar (1), 2, 4 (beats
				   in 4/4), 8, 16, 32; 0 beat */
	bool grid_triplet;
	struct section *sections;	/* sorted by bar */
	int nsections;
	struct marker *markers;	/* sorted by position */
	int nmarkers;
	int version;		/* the mix version last saved or loaded
				   (versions/vN.ini), 0 none */
};

extern const int project_rates[];
extern const char *const project_roles[];
/* Fade shape names, by enum segment_shape. */
extern const char *const project_shapes[];

/* "1/4", "1/8t", "beat" (static buffer), and back (0 or -1). */
const char *project_grid_name(int grid, bool triplet);
int project_grid_parse(const char *v, int *grid, bool *triplet);

/* Creates the directory tree and an initial project.ini. */
struct project *project_create(const char *dir, int rate, int take_format,
    char *err, size_t errlen);
/* Reads dir/project.ini.  Errors: "DIR is not a reel project (no
 * project.ini)", "FILE:LINE: ..." for syntax and values, paths outside the
 * project.  NULL with err filled. */
struct project *project_load(const char *dir, char *err, size_t errlen);
/* Atomic save.  0 or -1 with err. */
int project_save(const struct project *p, char *err, size_t errlen);
/* Writes the project.ini text to a stream (also used for undo). */
void project_write(const struct project *p, FILE *f);
void project_free(struct project *p);
/* The project as project.ini text (heap), and back: undo keeps these. */
char *project_text(const struct project *p);
struct project *project_from_text(const struct project *like,
    const char *text, char *err, size_t errlen);

struct track *project_track(struct project *p, const char *name);
int project_track_index(const struct project *p, const char *name);
/* Validates a track name: 1..32 of [A-Za-z0-9_.-], not "master". */
int project_name_ok(const char *name, char *err, size_t errlen);
struct track *project_track_add(struct project *p, const char *name,
    int channels, const int in[2], const char *role);
void project_track_remove(struct project *p, int index);
struct take *project_take(struct track *t, int id);
struct take *project_take_add(struct track *t);
/* Whether track t (NULL: a new track) can begin a take, and the project a
 * pass, under PROJECT_ID_MAX.  0, or -1 with err. */
int project_number_room(const struct project *p, const struct track *t,
    char *err, size_t errlen);
struct take *project_active_take(struct track *t);
/* Pass p (> 0) of a loop recording whose first pass is take first_id: a
 * take of its own on the same file, its frame 0 p loop lengths earlier,
 * over the same range start (the caller sets where it ends). */
struct take *project_take_loop_pass(struct track *t, int first_id, int p,
    int64_t len, int pass);
/* The inserts of a strip: a track's, a bus's, or the master's for
 * "master"; NULL for none. */
struct inserts *project_inserts(struct project *p, const char *strip);
/* Appends an insert of kind k with its defaults and a new id; returns
 * it. */
struct insert *project_insert_add(struct project *p, struct inserts *fx,
    const struct fx_kind *k);
void project_insert_remove(struct inserts *fx, int i);
struct bus *project_bus(struct project *p, const char *name);
int project_bus_index(const struct project *p, const char *name);
struct bus *project_bus_add(struct project *p, const char *name);
void project_bus_remove(struct project *p, int index);
/* The routing of a track or a bus; NULL for neither. */
struct routing *project_routing(struct project *p, const char *strip);
struct send *project_send(struct routing *rt, const char *bus);
struct send *project_send_add(struct routing *rt, const char *bus);
void project_send_remove(struct routing *rt, int i);
/* End of the last take's range. */
int64_t project_length(const struct project *p);
/* A path inside the project: relative, no "..", and when the file exists,
 * not a symlink leading outside.  0 or -1 with err. */
int project_path_ok(const struct project *p, const char *rel, char *err,
    size_t errlen);
/* dir + "/" + rel, heap. */
char *project_path(const struct project *p, const char *rel);
/* Frames of free disk space for recording `channels` more channels. */
int64_t project_disk_frames(const struct project *p, int channels,
    int64_t reserve_bytes);

#endif
