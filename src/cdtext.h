/* cdtext.h - CD-Text of an album as the lead-in carries it: one block
 * (English, ISO 8859-1) of 18-byte packs, the form DDP's CDTEXT.BIN and
 * cdrdao take.  The layout is described in cdtext.c.
 */
#ifndef REEL_CDTEXT_H
#define REEL_CDTEXT_H

#include <stdint.h>

#include "album.h"
#include "deliver.h"

#define CDTEXT_PACK 18
#define CDTEXT_MAX_PACKS 256	/* the sequence number is one byte */

/* The packs (heap, *n of them), or NULL with *n 0 when the album has no
 * text at all.  Characters outside ISO 8859-1 are written as '?'. */
uint8_t *cdtext_build(const struct album *a, int *n);
/* Adds to r what the CD-Text cannot hold: too many packs (error),
 * characters outside ISO 8859-1 (warning). */
void cdtext_check(const struct album *a, struct deliver_report *r);
/* CRC-16/CCITT (x^16 + x^12 + x^5 + 1, initial 0) of len bytes; a pack
 * stores it inverted, most significant byte first. */
uint16_t cdtext_crc(const uint8_t *p, int len);

#endif
