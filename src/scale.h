/* scale.h - note names, keys and scales (equal temperament, A4 = 440 Hz,
 * MIDI numbers: 69 = A4, 60 = C4). */
#ifndef REEL_SCALE_H
#define REEL_SCALE_H

#include <stddef.h>

/* "A", "c#", "Bb", "F#3", "eb5": pitch class 0..11 (C = 0) into *pc,
 * and the MIDI note into *midi when an octave is given (else -1).
 * 0, or -1 when the text is no note. */
int scale_parse_note(const char *text, int *pc, int *midi);
/* The scale's pitch classes relative to its root (bit 0 = root), or 0
 * when the name is no scale. */
unsigned scale_intervals(const char *name);
/* The names of the scales, "major, minor, ..." */
const char *scale_names(void);
/* The absolute mask (C = bit 0) of the scale on root pc. */
unsigned scale_mask(unsigned intervals, int pc);
/* "A4", "C#5" (sharps) of a MIDI note. */
void scale_note_name(int midi, char *buf, size_t size);
/* "A4 +3" of a frequency: the nearest note and the cents off it. */
void scale_hz_name(double hz, char *buf, size_t size);

#endif
