/* render_out.h - where a render goes: the file format its name asks for,
 * and the writer.
 *
 * The extension chooses the container and codec (.wav, .flac, .ogg/.oga
 * Vorbis, .opus, .mp3), as far as the installed libsndfile writes them
 * (asked at run time); format= chooses the sample format within it and
 * may not contradict it.  "-" is standard output: a WAV stream whose
 * header holds the final length, so that a pipe needs no seeking.
 */
#ifndef REEL_RENDER_OUT_H
#define REEL_RENDER_OUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum render_codec { RENDER_WAV, RENDER_FLAC, RENDER_VORBIS, RENDER_OPUS,
    RENDER_MP3 };

struct render_spec {
	enum render_codec codec;
	int bits;		/* WAV 16, 24 or 32 (float); FLAC 16 or 24 */
	double quality;		/* lossy: 0 (smallest) .. 1 (best) */
	int kbps;		/* Opus, MP3: a bitrate instead, 0 none */
	bool to_stdout;		/* "-" */
	char name[16];		/* the format= name: "wav24", "mp3", ... */
};

/* Works out the format of a render to `file` from its name and the
 * options format=, quality=, bitrate= (NULL when not given) at `rate`,
 * asking libsndfile whether it can write it.  0, or -1 with err: one line
 * that starts with the option or the file at fault. */
int render_out_spec(struct render_spec *spec, const char *file,
    const char *format, const char *quality, const char *bitrate, int rate,
    char *err, size_t errlen);
/* The file name extension of a format= name ("wav24": "wav", "flac16":
 * "flac"); NULL for a name that is none. */
const char *render_out_format_ext(const char *format);
/* "wav24", "MP3 VBR quality 0.8", "Ogg Opus 128 kbps", ... */
void render_out_describe(const struct render_spec *spec, char *buf,
    size_t len);
/* Bytes a frame takes at most (lossy: a generous estimate). */
double render_out_frame_bytes(const struct render_spec *spec);

struct render_out;

/* Creates `path` (which must not exist) or, for a spec to standard
 * output, starts the stream there (path ignored) for `frames` frames of
 * stereo at `rate`.  NULL with err filled. */
struct render_out *render_out_open(const struct render_spec *spec,
    const char *path, int rate, int64_t frames, char *err, size_t errlen);
/* Writes n stereo frames.  0 or -errno (-EIO when the codec failed
 * without saying why). */
int render_out_write(struct render_out *o, const float *buf, int n);
/* Finishes the file (a file is fsync()ed), closes it, frees o.  0 or
 * -errno. */
int render_out_close(struct render_out *o);

#endif
