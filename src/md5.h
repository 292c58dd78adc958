/* md5.h - MD5 (RFC 1321), for the checksums a DDP carries. */
#ifndef REEL_MD5_H
#define REEL_MD5_H

#include <stddef.h>
#include <stdint.h>

struct md5 {
	uint32_t h[4];
	uint64_t len;		/* bytes */
	uint8_t buf[64];
};

void md5_init(struct md5 *m);
void md5_update(struct md5 *m, const void *data, size_t n);
/* The digest as 32 lower-case hex digits and a NUL. */
void md5_hex(struct md5 *m, char out[33]);
/* Of a whole file: 0, or -1 (errno set). */
int md5_file(const char *path, char out[33]);

#endif
