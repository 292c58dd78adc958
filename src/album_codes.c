/* album_codes.c - ISRC and UPC/EAN validation (album.h).
 *
 * Written on the delivery branch so that it builds before the album
 * branch merges; album.c's own definitions replace this file then
 * (delete it at the merge if album.c defines these two functions).
 */
#include <ctype.h>
#include <string.h>

#include "album.h"

const char *
album_isrc_check(const char *in, char out[13])
{
	char c[13];
	int n = 0, i;

	for (; *in != '\0'; in++) {
		if (*in == '-')
			continue;
		if (n == 12)
			return "ISRC must be CC-XXX-YY-NNNNN: 12 characters "
			    "without the dashes";
		c[n++] = (char)toupper((unsigned char)*in);
	}
	c[n] = '\0';
	if (n != 12)
		return "ISRC must be CC-XXX-YY-NNNNN: 12 characters without "
		    "the dashes";
	for (i = 0; i < 2; i++)
		if (!isupper((unsigned char)c[i]))
			return "ISRC must be CC-XXX-YY-NNNNN: CC is a country "
			    "code of two letters";
	for (i = 2; i < 5; i++)
		if (!isupper((unsigned char)c[i]) &&
		    !isdigit((unsigned char)c[i]))
			return "ISRC must be CC-XXX-YY-NNNNN: XXX is the "
			    "registrant, three letters or digits";
	for (i = 5; i < 12; i++)
		if (!isdigit((unsigned char)c[i]))
			return "ISRC must be CC-XXX-YY-NNNNN: YY (year) and "
			    "NNNNN are digits";
	memcpy(out, c, 13);
	return NULL;
}

const char *
album_upc_check(const char *in, char out[14])
{
	int n = strlen(in), i, sum = 0;

	if (n != 12 && n != 13)
		return "UPC/EAN must be 12 digits (UPC-A) or 13 (EAN-13)";
	for (i = 0; i < n; i++)
		if (!isdigit((unsigned char)in[i]))
			return "UPC/EAN must be 12 digits (UPC-A) or 13 "
			    "(EAN-13)";
	/* From the right: the check digit, then weights 3, 1, 3, ... */
	for (i = 0; i < n - 1; i++)
		sum += (in[n - 2 - i] - '0') * (i % 2 == 0 ? 3 : 1);
	if ((10 - sum % 10) % 10 != in[n - 1] - '0')
		return "UPC/EAN check digit is wrong";
	memcpy(out, in, (size_t)n + 1);
	return NULL;
}
