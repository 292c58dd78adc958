/* deliver_aac.h - the AAC round trip of Apple Digital Masters: a song
 * encoded as Apple Music streams it (AAC-LC, 256 kbit/s, 44.1 kHz
 * stereo) and decoded back, in memory, with libavcodec's native AAC
 * encoder and decoder (Debian's AAC encoder), and the decoded signal
 * measured as Apple's afclip does: the samples at or over full scale,
 * with its sample and true peak.
 *
 * A state is fed the song as interleaved float stereo at 44.1 kHz, in
 * blocks of any size, then finished once.
 */
#ifndef REEL_DELIVER_AAC_H
#define REEL_DELIVER_AAC_H

#include <stddef.h>
#include <stdint.h>

#define DELIVER_AAC_RATE 44100
#define DELIVER_AAC_BITRATE 256000

/* The decoded signal (all of it: the encoder's priming and padding are
 * near silence and can neither add nor hide a clip). */
struct deliver_aac_result {
	double true_peak;	/* dBTP (audio/loudness.c), -inf silent */
	double sample_peak;	/* dBFS */
	int64_t clipped;	/* samples with |x| >= 1.0 */
	int64_t frames;		/* decoded frames */
};

struct deliver_aac;

/* NULL with err when this libavcodec has no AAC encoder or decoder. */
struct deliver_aac *deliver_aac_new(char *err, size_t errlen);
/* Encodes n frames and measures what decodes from them.  0, or -1 with
 * err (the state is then only good for deliver_aac_free). */
int deliver_aac_add(struct deliver_aac *s, const float *x, long n,
    char *err, size_t errlen);
/* Flushes the encoder and the decoder into r.  0, or -1 with err. */
int deliver_aac_finish(struct deliver_aac *s, struct deliver_aac_result *r,
    char *err, size_t errlen);
void deliver_aac_free(struct deliver_aac *s);

/* How many dB (one decimal, rounded up) to lower a master whose round
 * trip measured r so that it decodes to -0.5 dBTP: half a dB for the
 * encoder's own run-to-run and rate-to-rate variation. */
double deliver_aac_cut(const struct deliver_aac_result *r);

#endif
