/* stream.h - what one transport pass streams to and from disk.
 *
 * A `run` is built by the control thread before the transport rolls: one
 * playback stream per track that has audio (a playlist of file segments read
 * ahead into a ring) and one capture stream per recording track (a ring
 * drained into a take file).  The engine only touches the rings; the disk
 * side (stream_service) only the files.  Offline render runs
 * stream_service from a thread of its own, or fills each stream from the
 * thread that mixes its track (pstream_fill).
 */
#ifndef REEL_STREAM_H
#define REEL_STREAM_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "ring.h"
#include "wavfile.h"

struct stream_src;

/* A piece of a source file placed on the timeline.  Segments may overlap:
 * the reader sums them, each with its own fades (equal-power when two
 * overlap for a crossfade). */
struct segment {
	int64_t start, end;	/* timeline frames [start, end) */
	int64_t offset;		/* file frame at `start` */
	int64_t fade_in;	/* frames from start */
	int64_t fade_out;	/* frames before end */
	int source;		/* index into the stream's sources */
	/* A clip's placement (clip.c); zero: none.  With win_end >
	 * win_start the segment plays only there (its fades stay where
	 * start and end put them); env > 0 multiplies it by envelope
	 * env - 1 of the stream. */
	int64_t win_start, win_end;
	int env;
};

/* Fade shapes; x from 0 (silent) to 1 (full): x, sin(pi/2 x),
 * (1 - cos(pi x)) / 2. */
enum segment_shape { SHAPE_LINEAR, SHAPE_EQUAL_POWER, SHAPE_SCURVE };

#define SEGMENT_ENV_FADES 8

/* A clip's gain and fades: a fade in over [at, at + len) is
 * shape((t - at) / len), a fade out over [at - len, at) is
 * shape((at - t) / len). */
struct segment_fade {
	int64_t at, len;
	int shape;
	int out;
};

struct segment_env {
	double gain;
	struct segment_fade fade[SEGMENT_ENV_FADES];
	int nfades;
};

struct pstream {
	int channels;		/* of the track: 1 or 2 */
	struct ring *ring;	/* interleaved float frames */
	int64_t pos;		/* next timeline frame the disk produces */
	int64_t end;		/* the disk stops producing here */
	int64_t loop_start;	/* with loop_end > loop_start, reaching */
	int64_t loop_end;	/* loop_end jumps back to loop_start */
	struct segment *segs;
	int nsegs;
	char **paths;		/* per source */
	struct stream_src *srcs;	/* per source: opened lazily by the disk
				 * side */
	int nsources;
	struct segment_env *envs;	/* clip envelopes, see segment */
	int nenvs;
	char error[256];	/* disk side: first read error */
	atomic_int failed;
};

struct cstream {
	int channels;
	int in[2];		/* capture channels, from 0 */
	struct ring *ring;
	struct wavfile *wav;
	int64_t written;	/* disk side: frames in the file */
	atomic_int_least64_t dropped;	/* engine side: ring overflow */
	atomic_int error;	/* disk side: -errno of the first failure */
};

/* What reading a playlist needs besides the stream: a thread that fills
 * streams has its own. */
struct stream_scratch {
	unsigned char *raw;	/* file bytes */
	float *tmp;		/* decoded frames before they are placed */
};

struct run {
	int ntracks;		/* indexed like the snapshot's tracks */
	struct pstream **play;	/* NULL where a track has nothing */
	struct cstream **cap;	/* NULL where a track is not recording */
	int64_t start;		/* timeline frame where the pass starts */
	int64_t length;		/* frames to roll, INT64_MAX: until stopped */
	int64_t rec_frames;	/* frames to capture from the start */
	int64_t loop_start;	/* loop_end > loop_start: the timeline wraps */
	int64_t loop_end;	/* there once the roll reaches it */
	int64_t count_in;	/* frames at the start with the click forced */
	int64_t preroll;	/* frames of the playlists the graph takes in
				   before the first period (its latency; the
				   streams run as much past the end) */
	int64_t mon_start;	/* the timeline range recorded: where auto */
	int64_t mon_end;	/* monitoring hears the input */
	/* engine -> control */
	atomic_int_least64_t rolled;	/* frames rolled so far */
	atomic_int_least64_t underruns;	/* playback frames the disk missed */
	atomic_int done;
	/* disk thread state */
	atomic_int disk_error;	/* -errno: disk full etc. */
	int64_t reserve_bytes;	/* free space to keep */
	char *take_dir;		/* for the free-space check */
	/* Disk-side scratch, shared by the streams it services in turn. */
	struct stream_scratch scratch;
};

/* Ring sizes in frames: deep for the real-time device, shallow offline. */
#define STREAM_RING_FRAMES 32768
#define STREAM_CHUNK 8192

void stream_scratch_init(struct stream_scratch *sb);
void stream_scratch_free(struct stream_scratch *sb);

struct run *run_new(int ntracks);
/* Adds a playback stream for track i.  Sources are file paths; segments
 * refer to them by index.  `ring_frames` >= the largest engine period. */
struct pstream *run_add_play(struct run *r, int i, int channels,
    int ring_frames);
int pstream_add_source(struct pstream *ps, const char *path);
void pstream_add_segment(struct pstream *ps, const struct segment *seg);
/* Adds an envelope; returns its number for segment.env (index + 1). */
int pstream_add_env(struct pstream *ps, const struct segment_env *env);
/* The gain of a fade shape at x in [0, 1]. */
double segment_shape_gain(int shape, double x);
struct cstream *run_add_capture(struct run *r, int i, int channels,
    const int in[2], struct wavfile *wav, int ring_frames);
/* Frees everything; closes open source files.  Capture files must have
 * been taken (cstream->wav = NULL) or they are closed here. */
void run_free(struct run *r);
/* Positions every playback stream at `pos` and empties the rings.  Only
 * while the engine does not use the run. */
void run_seek(struct run *r, int64_t pos);
/* Sets the loop of the run and its playback streams. */
void run_loop(struct run *r, int64_t start, int64_t end);
/* Timeline frame of rolled frame `rolled` (loops wrap). */
int64_t run_timeline(const struct run *r, int64_t rolled);

/* Opens a file to read that must be a regular file: an fd, -1 with errno,
 * or -2 when it is something else (a FIFO, a device, a directory), which
 * is refused without waiting on it. */
int stream_open_regular(const char *path);

/* Disk side: reads ahead and drains captures as far as the rings allow.
 * Returns true if any work was done. */
bool stream_service(struct run *r, bool final);
/* One playback stream's part of that, with the caller's scratch: render's
 * mixing threads each fill the stream of the track they take (no engine
 * reads the ring then).  Returns true if anything was read. */
bool pstream_fill(struct pstream *ps, struct stream_scratch *sb);
/* Syncs capture headers (once a second from the disk thread). */
void stream_sync(struct run *r);

#endif
