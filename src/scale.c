/* scale.c - note names and scale tables. */
#include "scale.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
	const char *name;
	unsigned steps;		/* bit i: i semitones above the root */
} scale_table[] = {
	{ "major", 0xab5 },		/* 0 2 4 5 7 9 11 */
	{ "minor", 0x5ad },		/* 0 2 3 5 7 8 10 */
	{ "chromatic", 0xfff },
	{ "dorian", 0x6ad },		/* 0 2 3 5 7 9 10 */
	{ "phrygian", 0x5ab },		/* 0 1 3 5 7 8 10 */
	{ "lydian", 0xad5 },		/* 0 2 4 6 7 9 11 */
	{ "mixolydian", 0x6b5 },	/* 0 2 4 5 7 9 10 */
	{ "locrian", 0x56b },		/* 0 1 3 5 6 8 10 */
	{ "harmonic-minor", 0x9ad },	/* 0 2 3 5 7 8 11 */
	{ "melodic-minor", 0xaad },	/* 0 2 3 5 7 9 11 */
	{ "major-pentatonic", 0x295 },	/* 0 2 4 7 9 */
	{ "minor-pentatonic", 0x4a9 },	/* 0 3 5 7 10 */
	{ "blues", 0x4e9 },		/* 0 3 5 6 7 10 */
	{ "ionian", 0xab5 },
	{ "aeolian", 0x5ad },
};

static const char *const scale_sharp[12] = {
	"C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"
};

int
scale_parse_note(const char *text, int *pc, int *midi)
{
	static const int letter[7] = { 9, 11, 0, 2, 4, 5, 7 };	/* A..G */
	const char *p = text;
	char *end;
	int c = tolower((unsigned char)*p);
	long oct;

	if (c < 'a' || c > 'g')
		return -1;
	*pc = letter[c - 'a'];
	p++;
	if (*p == '#')
		*pc = (*pc + 1) % 12, p++;
	else if (*p == 'b')
		*pc = (*pc + 11) % 12, p++;
	*midi = -1;
	if (*p == '\0')
		return 0;
	oct = strtol(p, &end, 10);
	if (end == p || *end != '\0' || oct < -1 || oct > 9)
		return -1;
	/* Cb4 is B3, B#3 is C4: the octave is the letter's. */
	*midi = (int)(oct + 1) * 12 + letter[c - 'a'] + (p[-1] == '#') -
	    (p[-1] == 'b' && p - 1 > text);
	if (*midi < 0 || *midi > 127)
		return -1;
	return 0;
}

unsigned
scale_intervals(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof scale_table / sizeof scale_table[0]; i++)
		if (strcmp(scale_table[i].name, name) == 0)
			return scale_table[i].steps;
	return 0;
}

const char *
scale_names(void)
{
	return "major, minor, chromatic, dorian, phrygian, lydian, "
	    "mixolydian, locrian, harmonic-minor, melodic-minor, "
	    "major-pentatonic, minor-pentatonic, blues, ionian, aeolian";
}

unsigned
scale_mask(unsigned intervals, int pc)
{
	unsigned m = 0;
	int i;

	for (i = 0; i < 12; i++)
		if (intervals >> i & 1)
			m |= 1u << ((pc + i) % 12);
	return m;
}

void
scale_note_name(int midi, char *buf, size_t size)
{
	snprintf(buf, size, "%s%d", scale_sharp[((midi % 12) + 12) % 12],
	    (midi < 0 ? midi - 11 : midi) / 12 - 1);
}

void
scale_hz_name(double hz, char *buf, size_t size)
{
	double m = 69.0 + 12.0 * log2(hz / 440.0);
	int k = (int)lround(m);
	char name[16];

	scale_note_name(k, name, sizeof name);
	snprintf(buf, size, "%s %+d", name, (int)lround((m - k) * 100));
}
