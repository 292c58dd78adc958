/* dsp_pitch.h - pitch detection by YIN (offline, no UI).
 *
 * Every hop (5 ms) a frame centred on the hop's time is analysed: the
 * YIN difference function over lags up to rate/fmin, computed from an
 * FFT cross-correlation and running energies (so a frame costs three
 * real FFTs, not lags times window), normalised by its cumulative mean;
 * the first dip under the absolute threshold (0.15) down to its local
 * minimum is the period, refined by a parabola through the three
 * neighbouring lags.  A frame is voiced when that dip is under 0.25
 * (periodic enough) and its RMS is above -60 dBFS.  FFTW plans are made
 * on the calling thread.
 */
#ifndef REEL_DSP_PITCH_H
#define REEL_DSP_PITCH_H

#include <stdbool.h>
#include <stdint.h>

#define DSP_PITCH_FMIN 50.0
#define DSP_PITCH_FMAX 1500.0

struct dsp_pitch_frame {
	float hz;		/* the period's frequency, 0 when none */
	float aperiodic;	/* the normalised dip, 0 periodic .. 1 noise */
	float rms;		/* of the frame's window */
	bool voiced;
};

/* The hop in frames at rate (5 ms). */
int dsp_pitch_hop(int rate);
/* Frame k describes the audio around k * hop.  Analyses x (n mono
 * frames) into *out (malloc, ceil(n / hop) frames); their number, -1
 * when out of memory or cancelled (progress non-zero). */
int64_t dsp_pitch_track(const float *x, int64_t n, int rate,
    struct dsp_pitch_frame **out, int (*progress)(void *, double),
    void *arg);

/* Equal-tempered helpers, A4 = 440 Hz, MIDI numbering (69 = A4). */
double dsp_pitch_midi(double hz);
double dsp_pitch_hz(double midi);

#endif
