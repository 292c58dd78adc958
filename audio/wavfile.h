/* wavfile.h - crash-safe WAV/RF64 take writer.
 *
 * Writes plain WAVE_FORMAT_PCM or WAVE_FORMAT_IEEE_FLOAT headers (never
 * EXTENSIBLE: other tools such as ecasound refuse it).  A JUNK chunk reserved
 * after the RIFF header becomes a ds64 chunk when the data outgrows 4 GiB
 * (EBU Tech 3306), turning the file into RF64 in place.
 *
 * Crash safety: the header sizes are rewritten by wavfile_sync(); between
 * syncs the data on disk is only longer than the header says, and
 * wavfile_repair() recomputes the sizes from the file length.
 */
#ifndef REEL_WAVFILE_H
#define REEL_WAVFILE_H

#include <stddef.h>
#include <stdint.h>

enum wavfile_fmt { WAVFILE_PCM16, WAVFILE_PCM24, WAVFILE_FLOAT32 };

struct wavfile;

/* Creates `path` (it must not exist: O_EXCL).  Returns NULL and fills err
 * with a one-line reason. */
struct wavfile *wavfile_create(const char *path, int channels, int rate,
    enum wavfile_fmt fmt, char *err, size_t errlen);
/* Writes a WAV stream to fd (a pipe: written in order, never seeked) whose
 * header announces `frames` frames; wavfile_close closes fd.  A stream that
 * ends short of that is cut off, as a reader of a pipe sees any failure.
 * A signal interrupts a blocked write (-EINTR).  NULL with err filled. */
struct wavfile *wavfile_stream(int fd, int channels, int rate,
    enum wavfile_fmt fmt, int64_t frames, char *err, size_t errlen);
/* Appends interleaved frames (floats, clipped to the format).  Returns 0 or
 * -errno (ENOSPC when the disk is full; what was written before stays).
 * After an error, frames already buffered are kept and retried by the next
 * write, sync or close; wavfile_frames() counts exactly those. */
int wavfile_write(struct wavfile *w, const float *frames, size_t nframes);
/* Rewrites the header sizes and fdatasync()s.  0 or -errno. */
int wavfile_sync(struct wavfile *w);
int64_t wavfile_frames(const struct wavfile *w);
/* Frames that reached the file (not those still buffered). */
int64_t wavfile_frames_on_disk(const struct wavfile *w);
/* Final header, an optional LIST/INFO ICMT comment after the data, fsync,
 * close.  Frees w in every case.  0 or -errno. */
int wavfile_close(struct wavfile *w, const char *comment);

/* Fixes the RIFF/data (or ds64) sizes of a take cut short by a crash so that
 * they cover every whole frame on disk.  *frames gets the frame count.
 * 0, or -1 with err filled when the file is not a WAV this module wrote. */
int wavfile_repair(const char *path, int64_t *frames, char *err,
    size_t errlen);

/* For tests: the data size in bytes above which the header turns RF64
 * (by default a little under 4 GiB; 0 restores that), so that path runs
 * without writing gigabytes.  Not while another thread writes a file. */
void wavfile_set_rf64_threshold(uint64_t bytes);

#endif
