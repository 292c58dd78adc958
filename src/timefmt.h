/* timefmt.h - parsing and printing of TIME values and the tempo map.
 *
 * TIME is seconds ("12.5"), "m:ss.fff" or "h:mm:ss.fff", or "BAR|BEAT"
 * (bars and beats count from 1, beat may have a fraction: "5|2.5") once the
 * project has a tempo.  Positions are 64-bit frame counts.
 */
#ifndef REEL_TIMEFMT_H
#define REEL_TIMEFMT_H

#include <stddef.h>
#include <stdint.h>

/* A tempo change takes effect at the start of `bar` (from 1). */
struct tempo_seg {
	int bar;
	double bpm;
	int num, den;		/* meter */
};

/* Segments sorted by bar, the first at bar 1.  n == 0: no tempo set. */
struct tempo_map {
	int n;
	struct tempo_seg seg[64];
};

void tempo_map_init(struct tempo_map *tm);
/* Sets tempo and/or meter from `bar` on (bpm <= 0 or num <= 0 keep the
 * value in force there).  Returns 0, or -1 when the map is full. */
int tempo_map_set(struct tempo_map *tm, int bar, double bpm, int num, int den);
/* Frame of bar|beat (beat from 1, fractional allowed). */
int64_t tempo_bar_to_frame(const struct tempo_map *tm, int rate, int bar,
    double beat);
/* Bar (from 1) and beat (from 1.0, fractional) of a frame. */
void tempo_frame_to_bar(const struct tempo_map *tm, int rate, int64_t frame,
    int *bar, double *beat);

/* The meter's numerator (beats to the bar) in force at bar. */
int tempo_num(const struct tempo_map *tm, int bar);
/* The beat at or before frame f (bar and beat from 1; frames before bar
 * 1 count as 1|1). */
void tempo_beat_floor(const struct tempo_map *tm, int rate, int64_t f,
    int *bar, int *beat);
/* The next (dir > 0) or previous beat from f, or bar start when bars is
 * nonzero: the grid a cursor moves on.  Never below 0. */
int64_t tempo_step(const struct tempo_map *tm, int rate, int64_t f, int dir,
    int bars);

/* The clip grid: lines every 1/grid note (grid 1, 2, 4, 8, 16, 32; 0:
 * every beat of the meter), 2/3 of that for triplets, from each bar's
 * start.  dir 0: the line at or before f; dir > 0 the line after that
 * one, dir < 0 the line before it (never below 0).  tempo_snap: the
 * nearest line. */
int64_t tempo_grid(const struct tempo_map *tm, int rate, int64_t f, int grid,
    int triplet, int dir);
int64_t tempo_snap(const struct tempo_map *tm, int rate, int64_t f, int grid,
    int triplet);

/* Bars inserted (delta > 0 bars at `bar`) or removed (-delta bars
 * before `bar`): the tempo and meter changes after move with the music;
 * of those inside a removed stretch the last one goes to its start. */
void tempo_map_ripple(struct tempo_map *tm, int bar, int delta);

/* Parses a position.  0, or -1 with err = "expected seconds, m:ss.fff or
 * BAR|BEAT, got 'x'" (or why the value is out of range). */
int timefmt_parse(const char *s, int rate, const struct tempo_map *tm,
    int64_t *frames, char *err, size_t errlen);
/* Parses a duration: seconds or m:ss.fff, strictly positive. */
int timefmt_parse_duration(const char *s, int rate, int64_t *frames,
    char *err, size_t errlen);
/* "1:23.450" (negative with a leading '-'; hours when >= 1 h). */
void timefmt_format(int64_t frames, int rate, char *buf, size_t size);
/* "12|3" or "12|3.50" when not on a beat; "-" when no tempo. */
void timefmt_format_bars(int64_t frames, int rate, const struct tempo_map *tm,
    char *buf, size_t size);

#endif
