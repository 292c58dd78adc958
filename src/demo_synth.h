/* demo_synth.h - the instruments of the demo song.
 *
 * Each call adds one note (or hit) into a float buffer, clipped to the
 * buffer's end.  Everything is deterministic: oscillators read one sine
 * table, noise comes from a seeded generator the caller keeps, so the demo
 * is the same file every time.  The voices are cheap (table lookups, a
 * band-limited saw, a state-variable filter, Karplus-Strong strings) so the
 * whole song is made in a fraction of a second.
 */
#ifndef REEL_DEMO_SYNTH_H
#define REEL_DEMO_SYNTH_H

#include <stdint.h>

struct demo_buf {
	float *x;		/* interleaved */
	int ch;			/* 1 or 2 */
	int64_t frames;
	int rate;
};

/* Fills the sine table; call once before the voices. */
void demo_synth_init(void);
/* Hz of a MIDI note number (69 = A4 = 440 Hz). */
double demo_synth_hz(double note);
/* Stereo placement of mono voices: pan -1 (left) .. 1 (right); a mono
 * buffer ignores it. */
void demo_synth_kick(struct demo_buf *b, int64_t at, float gain);
void demo_synth_snare(struct demo_buf *b, int64_t at, float gain, float pan,
    uint32_t *seed);
void demo_synth_hat(struct demo_buf *b, int64_t at, float gain, float pan,
    double decay_s, uint32_t *seed);
/* A plucked string: rings for len frames, then is damped. */
void demo_synth_pluck(struct demo_buf *b, int64_t at, int64_t len, double note,
    float gain, float pan, uint32_t *seed);
/* A round, filtered saw with a plucky filter envelope. */
void demo_synth_bass(struct demo_buf *b, int64_t at, int64_t len, double note,
    float gain);
/* Two detuned saws, one per side, slow attack and release. */
void demo_synth_pad(struct demo_buf *b, int64_t at, int64_t len, double note,
    float gain);
/* A singing saw lead with delayed vibrato. */
void demo_synth_lead(struct demo_buf *b, int64_t at, int64_t len, double note,
    float gain, float vibrato);
/* A soft, flute-like voice for harmonies. */
void demo_synth_soft(struct demo_buf *b, int64_t at, int64_t len, double note,
    float gain, float pan);
/* A feedback echo over the whole buffer (delay frames, feedback, wet). */
void demo_synth_echo(struct demo_buf *b, int64_t delay, float fb, float wet);

#endif
