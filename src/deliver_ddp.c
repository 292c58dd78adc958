/* deliver_ddp.c - the CD as a DDP 2.00 fileset.
 *
 * Files (all fields ASCII, left-justified, padded with spaces; numbers
 * right-justified with leading zeros; byte offsets from 0):
 *
 * DDPID, 128 bytes, the identifier:
 *   0-7     level          "DDP 2.00"
 *   8-20    UPC/EAN        13 digits (a 12-digit UPC-A gets a leading 0),
 *                          blank without one
 *   21-28   MSS            map stream start: blank (a fileset, not tape)
 *   29-36   MSL            blank
 *   37      MED            media number: blank (one disc)
 *   38-85   MID            master ID: the catalogue number, else the title
 *   86      BK             book: blank
 *   87-88   TYPE           "CD"
 *   89-92   NSIDE, SIDE, NLAYER, LAYER: blank (DVD only)
 *   93-94   TXT length     blank
 *   95-127  user text      blank
 *
 * DDPMS, the map stream: one 128-byte packet per stream, in this order
 * IMAGE.DAT, PQDESCR, CDTEXT.BIN (when there is CD-Text):
 *   0-3     MPV            "VVVM"
 *   4-5     DST            "D0" main channel data, "S0" subcode
 *   6-13    DSP            data stream pointer: blank (a fileset)
 *   14-21   DSL            length: sectors for D0, bytes for S0
 *   22-29   DSS            D0: start sector "00000000"; S0 blank
 *   30-37   SUB            S0: "PQ DESCR" or "CDTEXT"; D0 blank
 *   38-39   CDM            D0: "DA" (CD digital audio); S0 blank
 *   40      SSM            D0: "0" (user data only: 2352 bytes a sector
 *                          of 16-bit little-endian stereo); S0 blank
 *   41      SCR            blank (not scrambled)
 *   42-45   PRE1           D0: "0000" (no pregap outside the stream)
 *   46-49   PRE2           D0: "0150" (the 2 s pregap is in the stream)
 *   50-53   PST            D0: "0000" (no postgap)
 *   54      MED            blank
 *   55-56   TRK            D0: "01" (the stream begins with track 1)
 *   57-58   IDX            D0: "00"
 *   59-70   ISRC           blank (the PQ descriptor carries them)
 *   71-73   SIZ            "017", the length of DSI
 *   74-90   DSI            the file's name
 *   91      NEW            blank
 *   92-95   PRE1NXT        blank
 *   96-103  PAUSEADD       blank
 *   104-112 OFS            "000000000": the stream starts at the file's
 *                          first byte
 *   113-127 padding        blank
 *
 * PQDESCR, the PQ descriptor: one 64-byte packet per entry, in disc
 * order: the lead-in (track "00", index "00", 00:00:00), every track's
 * index 00 (a pause; track 1's at 00:00:00), 01 and later indexes, then
 * the lead-out (track "AA", index "01"):
 *   0-3     SPV            "VVVS"
 *   4-5     TRK            "00", "01".."99", "AA"
 *   6-7     IDX            "00".."99"
 *   8-9     HRS            blank
 *   10-15   MM SS FF       absolute time (75 frames a second)
 *   16-17   CB1            control byte, hex: "00" (2-channel audio, no
 *                          pre-emphasis, digital copy not permitted)
 *   18-19   CB2            blank
 *   20-31   ISRC           the track's ISRC on its entries, else blank
 *   32-44   UPC/EAN        on the lead-in entry, else blank
 *   45-63   TXT            blank
 *
 * IMAGE.DAT: the disc's audio from absolute 00:00:00 (the 2 s pregap)
 * to the lead-out, 16-bit little-endian interleaved stereo (left first),
 * whole 2352-byte sectors.
 *
 * CDTEXT.BIN: the lead-in's CD-Text packs (cdtext.c), 18 bytes each.
 *
 * CHECKSUM.MD5: "<md5>  <name>" for every other file, as md5sum -c reads.
 */
#include "deliver_ddp.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cdtext.h"
#include "md5.h"
#include "util.h"

struct deliver_ddp {
	char *dir;
	FILE *image;
	struct md5 md5;
	int64_t frames;
	uint8_t *buf;
};

/* Copies s into f, left-justified and padded with spaces. */
static void
ddp_put(char *rec, int at, int width, const char *s)
{
	size_t n = strlen(s);

	memset(rec + at, ' ', (size_t)width);
	memcpy(rec + at, s, n < (size_t)width ? n : (size_t)width);
}

static void
ddp_num(char *rec, int at, int width, long long v)
{
	char tmp[32];

	snprintf(tmp, sizeof tmp, "%0*lld", width, v);
	memcpy(rec + at, tmp, (size_t)width);
}

struct deliver_ddp *
deliver_ddp_open(const char *dir, char *err, size_t errlen)
{
	struct deliver_ddp *g;
	char *path;

	if (mkdir(dir, 0777) != 0) {
		snprintf(err, errlen, "%s: %s", dir, strerror(errno));
		return NULL;
	}
	g = xcalloc(1, sizeof *g);
	g->dir = xstrdup(dir);
	path = xasprintf("%s/IMAGE.DAT", dir);
	g->image = fopen(path, "wb");
	free(path);
	if (g->image == NULL) {
		snprintf(err, errlen, "%s/IMAGE.DAT: %s", dir,
		    strerror(errno));
		free(g->dir);
		free(g);
		return NULL;
	}
	md5_init(&g->md5);
	return g;
}

int
deliver_ddp_audio(struct deliver_ddp *g, const int16_t *x, int n, char *err,
    size_t errlen)
{
	int i;

	g->buf = xreallocarray(g->buf, (size_t)n, 4);
	for (i = 0; i < n * 2; i++) {
		uint16_t v = (uint16_t)x[i];

		g->buf[2 * i] = (uint8_t)v;
		g->buf[2 * i + 1] = (uint8_t)(v >> 8);
	}
	if (fwrite(g->buf, 4, (size_t)n, g->image) != (size_t)n) {
		snprintf(err, errlen, "%s/IMAGE.DAT: %s", g->dir,
		    strerror(errno));
		return -1;
	}
	md5_update(&g->md5, g->buf, (size_t)n * 4);
	g->frames += n;
	return 0;
}

/* Writes name in the fileset and its line of CHECKSUM.MD5 into sums. */
static int
ddp_file(struct deliver_ddp *g, const char *name, const void *data,
    size_t len, FILE *sums, char *err, size_t errlen)
{
	char *path = xasprintf("%s/%s", g->dir, name), hex[33];
	struct md5 m;
	FILE *f = fopen(path, "wb");
	int rc = 0;

	if (f == NULL || fwrite(data, 1, len, f) != len || fsync(fileno(f))
	    != 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		rc = -1;
	}
	if (f != NULL && fclose(f) != 0 && rc == 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		rc = -1;
	}
	free(path);
	if (sums != NULL) {
		md5_init(&m);
		md5_update(&m, data, len);
		md5_hex(&m, hex);
		fprintf(sums, "%s  %s\n", hex, name);
	}
	return rc;
}

static void
ddp_upc13(const struct album *a, char out[14])
{
	size_t n = strnlen(a->upc, 13);

	/* A UPC-A is the EAN-13 with a leading 0. */
	out[0] = '0';
	memcpy(out + (n == 12), a->upc, n);
	out[n + (n == 12)] = '\0';
}

static void
ddp_id(const struct album *a, char *rec)
{
	char upc[14];

	memset(rec, ' ', 128);
	ddp_put(rec, 0, 8, "DDP 2.00");
	ddp_upc13(a, upc);
	ddp_put(rec, 8, 13, upc);
	ddp_put(rec, 38, 48, a->catalog[0] != '\0' ? a->catalog : a->title);
	/* The master ID is ASCII: anything else becomes '?'. */
	for (int i = 38; i < 86; i++)
		if ((unsigned char)rec[i] < 0x20 || (unsigned char)rec[i] > 0x7e)
			rec[i] = '?';
	ddp_put(rec, 87, 2, "CD");
}

static void
ddp_map(char *rec, const char *dst, long long len, const char *sub,
    const char *name)
{
	memset(rec, ' ', 128);
	ddp_put(rec, 0, 4, "VVVM");
	ddp_put(rec, 4, 2, dst);
	ddp_num(rec, 14, 8, len);
	if (sub == NULL) {
		ddp_num(rec, 22, 8, 0);
		ddp_put(rec, 38, 2, "DA");
		ddp_put(rec, 40, 1, "0");
		ddp_num(rec, 42, 4, 0);
		ddp_num(rec, 46, 4, DELIVER_PREGAP / DELIVER_SECTOR);
		ddp_num(rec, 50, 4, 0);
		ddp_put(rec, 55, 2, "01");
		ddp_put(rec, 57, 2, "00");
	} else {
		ddp_put(rec, 30, 8, sub);
	}
	ddp_put(rec, 71, 3, "017");
	ddp_put(rec, 74, 17, name);
	ddp_num(rec, 104, 9, 0);
}

static void
ddp_pq(char *rec, const char *trk, int idx, int64_t at, const char *isrc,
    const char *upc)
{
	int64_t s = at / DELIVER_SECTOR;

	memset(rec, ' ', 64);
	ddp_put(rec, 0, 4, "VVVS");
	ddp_put(rec, 4, 2, trk);
	ddp_num(rec, 6, 2, idx);
	ddp_num(rec, 10, 2, s / 4500);
	ddp_num(rec, 12, 2, s / 75 % 60);
	ddp_num(rec, 14, 2, s % 75);
	ddp_put(rec, 16, 2, "00");
	ddp_put(rec, 20, 12, isrc);
	ddp_put(rec, 32, 13, upc);
}

/* The PQ descriptor's packets (heap); *n of them. */
static char *
ddp_pqdescr(const struct album *a, const struct deliver_disc *d, int *n)
{
	char *pq = xcalloc((size_t)(d->n * (DELIVER_MAX_INDEX + 1) + 2), 64);
	char upc[14], trk[16];
	int i, k, m = 0;

	ddp_upc13(a, upc);
	ddp_pq(pq + 64 * m++, "00", 0, 0, "", upc);
	for (i = 0; i < d->n; i++) {
		const struct deliver_track *t = &d->t[i];
		const char *isrc = a->songs[t->song].isrc;

		snprintf(trk, sizeof trk, "%02d", (i + 1) % 100);
		if (t->start < t->idx[1])
			ddp_pq(pq + 64 * m++, trk, 0, t->start, isrc, "");
		for (k = 1; k <= t->nidx; k++)
			ddp_pq(pq + 64 * m++, trk, k, t->idx[k], isrc, "");
	}
	ddp_pq(pq + 64 * m++, "AA", 1, d->leadout, "", "");
	*n = m;
	return pq;
}

int
deliver_ddp_finish(struct deliver_ddp *g, const struct album *a,
    const struct deliver_disc *d, char *err, size_t errlen)
{
	char id[128], ms[3 * 128], hex[33], *pq;
	uint8_t *text;
	int npq, ntext, nms = 0, rc = 0;
	FILE *sums;
	char *sumtext = NULL;
	size_t sumlen = 0;

	if (fflush(g->image) != 0 || fsync(fileno(g->image)) != 0) {
		snprintf(err, errlen, "%s/IMAGE.DAT: %s", g->dir,
		    strerror(errno));
		rc = -1;
	}
	if (fclose(g->image) != 0 && rc == 0) {
		snprintf(err, errlen, "%s/IMAGE.DAT: %s", g->dir,
		    strerror(errno));
		rc = -1;
	}
	g->image = NULL;
	if (rc == 0 && g->frames != d->leadout) {
		snprintf(err, errlen, "%s/IMAGE.DAT: %lld frames written, the "
		    "disc has %lld", g->dir, (long long)g->frames,
		    (long long)d->leadout);
		rc = -1;
	}
	if (rc != 0)
		goto done;
	sums = open_memstream(&sumtext, &sumlen);
	if (sums == NULL)
		fatal("out of memory");
	pq = ddp_pqdescr(a, d, &npq);
	text = cdtext_build(a, &ntext);
	ddp_map(ms + 128 * nms++, "D0", d->leadout / DELIVER_SECTOR, NULL,
	    "IMAGE.DAT");
	ddp_map(ms + 128 * nms++, "S0", (long long)npq * 64, "PQ DESCR",
	    "PQDESCR");
	if (text != NULL)
		ddp_map(ms + 128 * nms++, "S0", (long long)ntext *
		    CDTEXT_PACK, "CDTEXT", "CDTEXT.BIN");
	ddp_id(a, id);
	if (ddp_file(g, "DDPID", id, sizeof id, sums, err, errlen) != 0 ||
	    ddp_file(g, "DDPMS", ms, (size_t)nms * 128, sums, err, errlen) !=
	    0 || ddp_file(g, "PQDESCR", pq, (size_t)npq * 64, sums, err,
	    errlen) != 0 || (text != NULL && ddp_file(g, "CDTEXT.BIN", text,
	    (size_t)ntext * CDTEXT_PACK, sums, err, errlen) != 0))
		rc = -1;
	md5_hex(&g->md5, hex);
	fprintf(sums, "%s  IMAGE.DAT\n", hex);
	fclose(sums);
	free(pq);
	free(text);
	/* CHECKSUM.MD5 is not listed in itself. */
	if (rc == 0)
		rc = ddp_file(g, "CHECKSUM.MD5", sumtext, sumlen, NULL, err,
		    errlen);
	free(sumtext);
done:
	free(g->buf);
	free(g->dir);
	free(g);
	return rc;
}

void
deliver_ddp_abort(struct deliver_ddp *g)
{
	if (g->image != NULL)
		fclose(g->image);
	free(g->buf);
	free(g->dir);
	free(g);
}
