/* deliver.h - delivery of an album (struct album, album.h): the CD as a
 * DDP 2.00 image with a CUE sheet and a cdrdao TOC, vinyl premasters per
 * side, files for digital distribution.
 *
 * Every writer works from the songs' masters (32-bit float WAV at the
 * album rate, as album_render_song writes them) and the album's metadata;
 * nothing here knows about sessions or commands (cmd_deliver.c does), so
 * that tests feed a struct album directly.
 *
 * The disc (deliver_disc.c) is planned first, from the masters' lengths
 * alone: every Red Book rule is checked before a byte is written.  Its
 * audio is then made in one pass: each master resampled to 44.1 kHz
 * (libsamplerate, best sinc), laid out with its pause or crossfade,
 * dithered once to 16 bits, and handed in order to a sink that writes
 * IMAGE.DAT and the WAV of the CUE/TOC at once.
 */
#ifndef REEL_DELIVER_H
#define REEL_DELIVER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "album.h"
#include "render_dither.h"

#define DELIVER_CD_RATE 44100
#define DELIVER_SECTOR 588		/* frames per CD sector (1/75 s) */
#define DELIVER_SECTOR_BYTES 2352	/* 588 frames of 16-bit stereo */
#define DELIVER_PREGAP (150 * DELIVER_SECTOR)	/* 2 s before track 1 */
#define DELIVER_MAX_TRACKS 99
#define DELIVER_MAX_INDEX 99
/* 79:57:00, the longest programme plants accept on an 80-minute disc. */
#define DELIVER_MAX_SECTORS ((79 * 60 + 57) * 75)
#define DELIVER_MIN_TRACK (4 * DELIVER_CD_RATE)

/* What the checks found: errors block every write, warnings only
 * without force. */
struct deliver_report {
	char **msg;
	bool *error;
	int n, nerrors, nwarnings;
};

void deliver_report_add(struct deliver_report *r, bool error,
    const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void deliver_report_free(struct deliver_report *r);

/* One CD track.  Positions are frames at 44.1 kHz from the start of the
 * disc's programme area (absolute time 00:00:00, the start of track 1's
 * pregap); every index is on a sector boundary. */
struct deliver_track {
	int song;		/* index in the album */
	int64_t len;		/* the song's frames at 44.1 kHz */
	int64_t audio;		/* where its first frame lands */
	int64_t xfade;		/* frames it overlaps the previous song */
	int64_t start;		/* the track's first sector: index 00 when
				   there is a pause, else index 01 */
	int64_t idx[DELIVER_MAX_INDEX + 1];	/* idx[1] index 01 ... */
	int nidx;		/* the highest index number (>= 1) */
	int64_t end;		/* the next track's start, or the lead-out */
};

struct deliver_disc {
	struct deliver_track *t;
	int n;
	int64_t leadout;	/* frames, a whole number of sectors */
	int rate;		/* the masters' rate */
};

/* "song 3 'Title'" for messages: the number, and the title when set. */
void deliver_song_name(const struct album *a, int i, char *buf, size_t len);

/* Plans the disc from the masters' lengths (frames at the album rate,
 * one per song) and checks the Red Book rules and the metadata, adding
 * every violation to r.  0 when planned (even with errors in r, so that
 * a caller can show the plan), -1 when nothing could be planned. */
int deliver_disc_plan(const struct album *a, const int64_t *lengths,
    struct deliver_disc *d, struct deliver_report *r);
void deliver_disc_free(struct deliver_disc *d);

/* The progress of a long stage: fraction 0..1; nonzero stops the work
 * (a signal). */
typedef int (*deliver_progress_fn)(void *arg, const char *stage,
    double fraction);

/* Where the disc's 16-bit samples go: n interleaved stereo frames in
 * disc order, from frame 0 to the lead-out.  0, or -1 with err. */
typedef int (*deliver_sink_fn)(void *arg, const int16_t *frames, int n,
    char *err, size_t errlen);

/* Makes the disc's audio from the masters (paths, one per song) through
 * sink.  With tmpdir (may be NULL) a helper thread resamples songs ahead
 * into raw files there, removed after.  clipped (may be NULL) counts the
 * samples that reached full scale.  0, 1 when progress stopped it, or -1
 * with err. */
int deliver_disc_audio(const struct deliver_disc *d, char *const *masters,
    const char *tmpdir, enum render_dither_mode dither, deliver_sink_fn sink,
    void *sink_arg, deliver_progress_fn progress, void *progress_arg,
    int64_t *clipped, char *err, size_t errlen);

/* A master read as 44.1 kHz stereo (resampled with the best sinc
 * when its rate differs; mono doubled): NULL with err; then blocks of
 * up to max frames, 0 at the end, -1 with err. */
struct deliver_reader;
struct deliver_reader *deliver_reader_new(const char *path, int rate,
    char *err, size_t errlen);
long deliver_reader_get(struct deliver_reader *rd, float *out, long max,
    char *err, size_t errlen);
void deliver_reader_free(struct deliver_reader *rd);

/* The equal-power crossfade gain of frame k of n (in: rising). */
float deliver_fade(int64_t k, int64_t n, bool in);

/* "MM:SS:FF" of a frame position on a sector boundary (mm may exceed
 * 99 only on an impossible disc). */
void deliver_msf(int64_t frames, char *buf, size_t len);

/* Reads a master's length and rate (frames at its rate).  0, or -1 with
 * err naming the file. */
int deliver_master_info(const char *path, int64_t *frames, int *rate,
    int *channels, char *err, size_t errlen);

/* Text for the CD: ISO 8859-1 from UTF-8.  Characters outside it become
 * '?'; returns how many did (0 when all fitted). */
int deliver_latin1(const char *utf8, char *out, size_t outlen);

/* ---- deliver_cue.c, deliver_toc.c: the disc's CUE sheet and cdrdao TOC
 * over wav (a name relative to them).  0, or -1 with err. */
int deliver_cue_write(const char *path, const char *wav,
    const struct album *a, const struct deliver_disc *d, char *err,
    size_t errlen);
int deliver_toc_write(const char *path, const char *wav,
    const struct album *a, const struct deliver_disc *d, char *err,
    size_t errlen);

/* ---- deliver_cd.c: the whole CD delivery. */
struct deliver_cd_opts {
	enum render_dither_mode dither;
	bool force;			/* write despite warnings */
	deliver_progress_fn progress;
	void *progress_arg;
};

struct deliver_cd_result {
	struct deliver_disc disc;	/* the plan (freed by the caller
					   with deliver_disc_free) */
	int64_t clipped;		/* samples at full scale */
};

/* Checks the album against the Red Book, then writes into dir (made
 * when missing): DDP/ (the fileset), disc.wav, disc.cue, disc.toc.
 * Every finding goes to r.  0 written; 1 refused (errors in r, or
 * warnings without force: nothing written); 2 stopped by progress
 * (nothing left); -1 failed with err (nothing left). */
int deliver_cd(const struct album *a, char *const *masters, const char *dir,
    const struct deliver_cd_opts *o, struct deliver_report *r,
    struct deliver_cd_result *res, char *err, size_t errlen);

#endif
