/* cdtext.c - CD-Text packs (the Sony format of the Red Book's lead-in,
 * as MMC-3 and the libcdio description document it).
 *
 * A pack is 18 bytes:
 *   0      pack type: 0x80 title, 0x81 performer, 0x82 songwriter,
 *          0x83 composer (0x84-0x8e other text we do not write),
 *          0x8f size information
 *   1      track number of the string the pack's first byte belongs to
 *          (0 the album); for 0x8f the pack's number within the size
 *          information (0, 1, 2)
 *   2      sequence number: packs of a block counted from 0
 *   3      bit 7 double-byte characters (0), bits 6-4 the block (0),
 *          bits 3-0 how many characters of that string earlier packs
 *          hold (15 when 15 or more)
 *   4-15   12 bytes of text: per type, the album's string then each
 *          track's, each ending in a 0 byte, run on across packs, the
 *          last pack padded with 0
 *   16-17  CRC-16/CCITT of bytes 0-15, inverted, high byte first
 *
 * The size information, 3 packs of type 0x8f (36 bytes of payload):
 *   0      character code (0x00 ISO 8859-1)
 *   1, 2   first and last track
 *   3      copyright flags (0)
 *   4-19   number of packs of each type 0x80 ... 0x8f (0x8f: 3)
 *   20-27  last sequence number of blocks 0-7 (0 for unused ones)
 *   28-35  language code of blocks 0-7 (0x09 English, 0 unused)
 */
#include "cdtext.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

#define CDTEXT_TYPES 4

uint16_t
cdtext_crc(const uint8_t *p, int len)
{
	uint16_t crc = 0;
	int i, b;

	for (i = 0; i < len; i++) {
		crc ^= (uint16_t)(p[i] << 8);
		for (b = 0; b < 8; b++)
			crc = crc & 0x8000 ? (uint16_t)(crc << 1 ^ 0x1021) :
			    (uint16_t)(crc << 1);
	}
	return crc;
}

/* The string of type t (0 title ... 3 composer) of the album (i 0) or
 * of track i. */
static const char *
cdtext_field(const struct album *a, int t, int i)
{
	const struct album_song *s = i > 0 ? &a->songs[i - 1] : NULL;

	switch (t) {
	case 0:
		return s != NULL ? s->title : a->title;
	case 1:
		return s != NULL ? s->performer : a->performer;
	case 2:
		return s != NULL ? s->songwriter : "";
	default:
		return s != NULL ? s->composer : "";
	}
}

static void
cdtext_seal(uint8_t *p)
{
	uint16_t crc = (uint16_t)~cdtext_crc(p, 16);

	p[16] = (uint8_t)(crc >> 8);
	p[17] = (uint8_t)crc;
}

/* Packs of one type into out (room permitting, counting all); how many. */
static int
cdtext_type(const struct album *a, int t, uint8_t *out, int at, int room,
    int *bad)
{
	int ntr = a->nsongs > 99 ? 99 : a->nsongs;
	int i, total = 0, n = 0;
	char (*text)[ALBUM_TEXT];
	uint8_t *stream;
	int *owner, *pos, len = 0;

	text = xcalloc((size_t)ntr + 1, sizeof *text);
	for (i = 0; i <= ntr; i++) {
		*bad += deliver_latin1(cdtext_field(a, t, i), text[i],
		    sizeof text[i]);
		total += (int)strlen(text[i]) + 1;
	}
	stream = xcalloc((size_t)total + 12, 1);
	owner = xcalloc((size_t)total + 12, sizeof *owner);
	pos = xcalloc((size_t)total + 12, sizeof *pos);
	for (i = 0; i <= ntr; i++) {
		int k, l = (int)strlen(text[i]);

		for (k = 0; k <= l; k++) {
			stream[len] = (uint8_t)text[i][k];
			owner[len] = i;
			pos[len] = k;
			len++;
		}
	}
	for (i = 0; i < len; i += 12, n++) {
		uint8_t *p;

		if (at + n >= room)
			continue;
		p = out + (size_t)(at + n) * CDTEXT_PACK;
		memset(p, 0, CDTEXT_PACK);
		p[0] = (uint8_t)(0x80 + t);
		p[1] = (uint8_t)owner[i];
		p[2] = (uint8_t)(at + n);
		p[3] = (uint8_t)(pos[i] > 15 ? 15 : pos[i]);
		memcpy(p + 4, stream + i, len - i < 12 ? (size_t)(len - i) :
		    12);
		cdtext_seal(p);
	}
	free(text);
	free(stream);
	free(owner);
	free(pos);
	return n;
}

static bool
cdtext_used(const struct album *a, int t)
{
	int i, ntr = a->nsongs > 99 ? 99 : a->nsongs;

	for (i = 0; i <= ntr; i++)
		if (cdtext_field(a, t, i)[0] != '\0')
			return true;
	return false;
}

/* Builds into out (room packs); the number of packs needed. */
static int
cdtext_make(const struct album *a, uint8_t *out, int room, int *bad)
{
	int counts[16] = { 0 };
	uint8_t info[36];
	int t, n = 0, k;

	*bad = 0;
	for (t = 0; t < CDTEXT_TYPES; t++)
		if (cdtext_used(a, t)) {
			counts[t] = cdtext_type(a, t, out, n, room, bad);
			n += counts[t];
		}
	if (n == 0)
		return 0;
	counts[15] = 3;
	memset(info, 0, sizeof info);
	info[0] = 0x00;
	info[1] = 1;
	info[2] = (uint8_t)(a->nsongs > 99 ? 99 : a->nsongs);
	for (t = 0; t < 16; t++)
		info[4 + t] = (uint8_t)counts[t];
	info[20] = (uint8_t)(n + 3 - 1);
	info[28] = 0x09;
	for (k = 0; k < 3; k++, n++) {
		uint8_t *p;

		if (n >= room)
			continue;
		p = out + (size_t)n * CDTEXT_PACK;
		memset(p, 0, CDTEXT_PACK);
		p[0] = 0x8f;
		p[1] = (uint8_t)k;
		p[2] = (uint8_t)n;
		memcpy(p + 4, info + 12 * k, 12);
		cdtext_seal(p);
	}
	return n;
}

uint8_t *
cdtext_build(const struct album *a, int *n)
{
	uint8_t *out;
	int bad, need = cdtext_make(a, NULL, 0, &bad);

	*n = 0;
	if (need == 0 || need > CDTEXT_MAX_PACKS)
		return NULL;
	out = xcalloc((size_t)need, CDTEXT_PACK);
	*n = cdtext_make(a, out, need, &bad);
	return out;
}

void
cdtext_check(const struct album *a, struct deliver_report *r)
{
	int bad, need = cdtext_make(a, NULL, 0, &bad);

	if (need > CDTEXT_MAX_PACKS)
		deliver_report_add(r, true, "the CD-Text needs %d packs of 12 "
		    "characters; a disc holds at most %d (shorten titles or "
		    "names)", need, CDTEXT_MAX_PACKS);
	if (bad > 0)
		deliver_report_add(r, false, "the CD-Text has %d character%s "
		    "outside ISO 8859-1, written as '?'", bad, bad == 1 ? "" :
		    "s");
}
