/* automation.h - automation lanes: a strip's fader, pan, mute, sends and
 * insert parameters following points in time.
 *
 * A lane belongs to a strip (a track, a bus or the master) and names
 * what it drives: `gain` (dB), `pan` (-1..1), `mute` (0/1), `send.BUS`
 * (dB) or `SLOT.PARAM` (an insert's parameter, by its slot in the
 * strip; kept by the insert's id, so the lane follows fx-move).  Points
 * are timeline frames with a value and the curve that leads to them:
 * linear (a straight line from the point before, in the value's own
 * units: dB for gain and sends, geometric for log-scale parameters) or
 * step (the value before holds until the point's frame).  The engine
 * evaluates copies of the points (graph.h), so nothing here runs on the
 * engine thread.
 */
#ifndef REEL_AUTOMATION_H
#define REEL_AUTOMATION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct project;
struct inserts;
struct graph;
struct graph_strip;
struct routing;
struct session;

enum auto_target { AUTO_GAIN, AUTO_PAN, AUTO_MUTE, AUTO_SEND, AUTO_PARAM };
enum auto_mode { AUTO_OFF, AUTO_READ, AUTO_WRITE, AUTO_TOUCH };
enum auto_curve { AUTO_LINEAR, AUTO_STEP };

struct auto_point {
	int64_t t;
	double v;
	int curve;		/* how the value gets here from the point
				   before */
};

struct auto_lane {
	int target;
	char bus[33];		/* AUTO_SEND */
	unsigned ins;		/* AUTO_PARAM: the insert's id */
	char param[32];		/* AUTO_PARAM: the parameter's symbol */
	int mode;
	struct auto_point *pt;	/* sorted, one per frame */
	int n;
	/* A write or touch pass (not saved): the moves recorded. */
	struct auto_point *wr;
	int nwr;
	bool latched;		/* moved in this pass: the live value
				   plays, not the lane */
	int64_t wr_last_ms;	/* touch: when it last moved */
	double wr_before;	/* the fixed value before the pass */
};

struct auto_lanes {
	struct auto_lane *v;
	int n;
};

extern const char *const auto_modes[];

void auto_lanes_free(struct auto_lanes *al);
/* The lanes of a strip (track, bus, "master"); NULL for none. */
struct auto_lanes *auto_strip_lanes(struct project *p, const char *strip);

/* Parses PARAM for a strip into key (target, bus, ins, param).  0, or
 * -1 with err naming what was expected. */
int auto_param_parse(struct project *p, const char *strip, const char *spec,
    struct auto_lane *key, char *err, size_t errlen);
/* PARAM as auto_param_parse reads it; "" when its insert is gone. */
void auto_param_name(struct project *p, const char *strip,
    const struct auto_lane *l, char *buf, size_t size);
/* Parses a value for the lane (dB, position, on/off, the parameter's
 * own syntax).  0, or -1 with err naming the range. */
int auto_value_parse(struct project *p, const char *strip,
    const struct auto_lane *l, const char *text, double *v, char *err,
    size_t errlen);
void auto_value_format(struct project *p, const char *strip,
    const struct auto_lane *l, double v, char *buf, size_t size);

struct auto_lane *auto_lane_find(struct auto_lanes *al,
    const struct auto_lane *key);
/* Finds or adds the lane (mode read). */
struct auto_lane *auto_lane_get(struct auto_lanes *al,
    const struct auto_lane *key);
void auto_lane_remove(struct auto_lanes *al, int i);
/* Sets the point at t (replacing one at the same frame). */
void auto_point_set(struct auto_lane *l, int64_t t, double v, int curve);
/* Removes the points in [start, end]; returns how many. */
int auto_clear(struct auto_lane *l, int64_t start, int64_t end);
/* The lane's value at t (its first value before it, its last after). */
double auto_value(const struct auto_lane *l, bool logv, int64_t t);
/* Whether the lane's values move geometrically (log parameters). */
bool auto_lane_log(struct project *p, const char *strip,
    const struct auto_lane *l);

/* The fixed value the lane stands in for (the fader's dB, ...), and
 * setting it.  -1 when its target is gone. */
int auto_fixed_get(struct project *p, const char *strip,
    const struct auto_lane *l, double *v);
void auto_fixed_set(struct project *p, const char *strip,
    const struct auto_lane *l, double v);

/* project.ini: [auto STRIP PARAM] sections with mode and one
 * `point = FRAME VALUE CURVE` per point, after the strip's fx. */
void auto_write_ini(struct project *p, FILE *f, const char *strip,
    const struct auto_lanes *al);
/* One key of an [auto STRIP PARAM] section.  0, or -1 with err. */
int auto_parse_ini(struct project *p, const char *strip, const char *spec,
    const char *name, const char *value, char *err, size_t errlen);

/* The lanes of a strip into its graph strip (links and inserts set):
 * lanes in read mode, and in write or touch mode while not latched. */
void auto_graph_strip(struct project *p, const char *strip,
    struct graph *g, struct graph_strip *gs, const struct inserts *fx,
    const struct routing *rt);

/* Whether a lane drives target in the engine now (mode not off,
 * points, not latched by a pass). */
bool auto_drives(const struct auto_lanes *al, int target);

/* Write and touch passes (control thread). */
/* Before a command runs while the transport rolls: the values of the
 * lanes in write or touch mode (heap; NULL when none). */
double *auto_pass_before(struct session *s);
/* After it: lanes whose value moved record a point at the playhead and
 * latch.  Returns true when the command changed nothing but such values
 * (its undo step is the pass's, at stop). */
bool auto_pass_after(struct session *s, double *before, const char *text);
/* Touch lanes not moved for a while return to reading; true when one
 * did (the engine needs a new snapshot). */
bool auto_pass_release(struct session *s);
/* At stop (position `end`): the recorded moves, thinned, replace the
 * lanes' points over the ranges they cover; the fixed values go back;
 * one undo step for the whole pass. */
void auto_pass_finish(struct session *s, int64_t end);

#endif
