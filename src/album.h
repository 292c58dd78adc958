/* album.h - an album: song projects in order, with the gain, gap,
 * crossfade, index points, vinyl side and metadata of each, and the
 * album's own metadata; kept in DIR/album.ini (saved atomically, one fact
 * per line, stable order, text values through inival_write).
 *
 * THE CONTRACT between the album branch (which implements album.c) and the
 * delivery branch (which reads struct album).  Change a field only by
 * telling the lead.
 *
 * album.ini:
 *   # reel album: one fact per line, stable order.
 *   [album]
 *   format = 1
 *   rate = 48000            album master rate (the first song's when added)
 *   title = …               (text, inival escaped; absent when empty)
 *   performer = …
 *   upc = 0012345678905      digits only, 12 (UPC-A) or 13 (EAN-13), check
 *                            digit valid
 *   catalog = …
 *   genre = …
 *
 *   [song 1]                 songs numbered from 1 in album order
 *   project = ../Song One    the song's project directory, relative to DIR
 *   gain = -1.5              dB applied to the song's master in the album
 *   gap = 2                  seconds of silence before the song (pause)
 *   crossfade = 0            ms the song overlaps the previous one (0 none)
 *   index-2 = 83.5           index points (seconds from the song's start;
 *   index-3 = 120            index 1 is the start itself, never written)
 *   side = A                 vinyl side A-D, absent when unassigned
 *   title = …  performer = …  songwriter = …  composer = …
 *   isrc = USRC17607839      12 characters, no dashes
 */
#ifndef REEL_ALBUM_H
#define REEL_ALBUM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "loudness.h"

#define ALBUM_MAX_SONGS 99
#define ALBUM_MAX_INDEX 98	/* index 2..99 */
#define ALBUM_FILE "album.ini"
#define ALBUM_GAIN_MIN -40.0	/* dB, album-gain's range */
#define ALBUM_GAIN_MAX 24.0
#define ALBUM_GAP_MAX 600	/* seconds */
#define ALBUM_XFADE_MAX 60000	/* ms */
#define ALBUM_TEXT 160		/* title, performer… (CD-Text allows more
				   in total, not per field) */

struct album_song {
	char project[1024];	/* as written in album.ini (relative) */
	double gain_db;
	double gap_s;
	int crossfade_ms;
	double index_s[ALBUM_MAX_INDEX];	/* ascending, > 0 */
	int nindex;
	char side;		/* 'A'..'D', 0 unassigned */
	char title[ALBUM_TEXT], performer[ALBUM_TEXT];
	char songwriter[ALBUM_TEXT], composer[ALBUM_TEXT];
	char isrc[13];		/* "" or 12 characters */
	/* Measured (not saved): the song's master before the album gain,
	 * filled by album_measure; valid false until then. */
	bool measured;
	struct loudness_figures lf;
	int64_t length;		/* frames at the album rate */
	/* Added by the album branch (not in the first contract): the
	 * song project's own rate, filled with the figures. */
	int song_rate;
};

struct album {
	char dir[1024];		/* the album directory (absolute) */
	int rate;
	char title[ALBUM_TEXT], performer[ALBUM_TEXT];
	char upc[14], catalog[ALBUM_TEXT], genre[ALBUM_TEXT];
	struct album_song *songs;
	int nsongs;
};

/* Opens DIR/album.ini, or an empty album when DIR has none (create:
 * the directory is made).  0, or -1 with err ("album.ini:12: why"). */
int album_open(const char *dir, bool create, struct album **out,
    char *err, size_t errlen);
void album_free(struct album *a);
/* Saves atomically.  0, or -1 with err. */
int album_save(const struct album *a, char *err, size_t errlen);
/* The song's project directory, absolute. */
void album_song_dir(const struct album *a, int i, char *buf, size_t len);
/* Renders song i's master (its own master chain, then the album gain) to
 * path as 32-bit float WAV at the album rate, through the same engine path
 * as `render`.  0, or -1 with err. */
int album_render_song(const struct album *a, int i, const char *path,
    char *err, size_t errlen);

/* Validation shared by the commands and delivery: NULL when fine, else a
 * message without the song ("ISRC must be CC-XXX-YY-NNNNN: …"). */
const char *album_isrc_check(const char *in, char out[13]);
const char *album_upc_check(const char *in, char out[14]);

/* Added by the album branch (additive; nothing above changed). */

/* The album.ini text (heap; also undo's step) and back: an album of the
 * same directory, measured figures kept for songs still there.  NULL
 * with err. */
void album_write(const struct album *a, FILE *f);
char *album_text(const struct album *a);
struct album *album_from_text(const struct album *like, const char *text,
    char *err, size_t errlen);
/* `song` (an existing directory) relative to albumdir (absolute, real),
 * as album.ini keeps it ("../Song One").  0, or -1. */
int album_relpath(const char *albumdir, const char *song, char *buf,
    size_t len);
/* SONG as the commands take it: a number from 1 or a project's name (the
 * last part of its path, or the path as written).  The index, -1 none,
 * -2 more than one song by that name. */
int album_song_find(const struct album *a, const char *name);
/* The song's title, or its project's name. */
void album_song_name(const struct album *a, int i, char *buf, size_t len);

/* album_render.c.  Measures song i's master (before the album gain) at
 * the song's own rate through the render path, as `loudness mix` in the
 * song: fills measured, lf, length, song_rate.  0, or -1 with err. */
int album_measure(struct album *a, int i, char *err, size_t errlen);
/* Runs job(a, i, ...) for the songs i with want[i] on worker threads, one
 * per core (at most one per song); errs[i] gets each song's error (empty
 * when it went well).  Returns how many failed. */
int album_parallel(struct album *a, const bool *want,
    int (*job)(struct album *a, int i, void *arg, char *err, size_t errlen),
    void *arg, char (*errs)[512]);

#endif
