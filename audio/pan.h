/* pan.h - pan and balance laws. */
#ifndef REEL_PAN_H
#define REEL_PAN_H

/* Gains for a source of `channels` (1 or 2) at position p in [-1, 1].
 * Mono: constant power, cos/sin of (p+1)*pi/4, so -3 dB each at centre.
 * Stereo: balance, both unity at centre; the far side falls as cos. */
void pan_gains(int channels, double p, float *left, float *right);

/* dB to linear amplitude; -inf dB (or below -144) gives 0. */
float pan_db_to_gain(double db);

#endif
