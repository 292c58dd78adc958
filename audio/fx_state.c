/* fx_state.c - plugin state as properties and their project.ini lines
 * (fx_state.h). */
#include "fx_state.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

struct fx_state *
fx_state_new(const char *dir)
{
	struct fx_state *s = xcalloc(1, sizeof *s);

	if (dir != NULL)
		s->dir = xstrdup(dir);
	return s;
}

void
fx_state_free(struct fx_state *s)
{
	int i;

	if (s == NULL)
		return;
	for (i = 0; i < s->n; i++) {
		free(s->v[i].key);
		free(s->v[i].type);
		free(s->v[i].val);
	}
	free(s->v);
	free(s->dir);
	free(s);
}

struct fx_state *
fx_state_dup(const struct fx_state *s)
{
	struct fx_state *d;
	int i;

	if (s == NULL)
		return NULL;
	d = fx_state_new(s->dir);
	for (i = 0; i < s->n; i++)
		fx_state_set(d, s->v[i].key, s->v[i].type, s->v[i].val,
		    s->v[i].size);
	return d;
}

const struct fx_state_prop *
fx_state_get(const struct fx_state *s, const char *key)
{
	int i;

	for (i = 0; s != NULL && i < s->n; i++)
		if (strcmp(s->v[i].key, key) == 0)
			return &s->v[i];
	return NULL;
}

void
fx_state_set(struct fx_state *s, const char *key, const char *type,
    const void *val, size_t size)
{
	struct fx_state_prop *p = (struct fx_state_prop *)fx_state_get(s, key);

	if (p == NULL) {
		s->v = xreallocarray(s->v, (size_t)s->n + 1, sizeof *s->v);
		p = &s->v[s->n++];
		p->key = xstrdup(key);
	} else {
		free(p->type);
		free(p->val);
	}
	p->type = xstrdup(type);
	p->val = xmalloc(size > 0 ? size : 1);
	memcpy(p->val, val, size);
	p->size = size;
}

bool
fx_state_equal(const struct fx_state *a, const struct fx_state *b)
{
	int i, na = a != NULL ? a->n : 0, nb = b != NULL ? b->n : 0;

	if (na != nb)
		return false;
	for (i = 0; i < na; i++) {
		const struct fx_state_prop *p = &a->v[i];
		const struct fx_state_prop *q = fx_state_get(b, p->key);

		if (q == NULL || strcmp(p->type, q->type) != 0 ||
		    p->size != q->size || memcmp(p->val, q->val, p->size) != 0)
			return false;
	}
	return true;
}

static uint64_t
fx_state_fnv(uint64_t h, const void *b, size_t n)
{
	const unsigned char *c = b;
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ c[i]) * 0x100000001b3ull;
	return h;
}

/* Order-independent: a sum of each property's digest. */
uint64_t
fx_state_hash(const struct fx_state *s)
{
	uint64_t sum = 0;
	int i;

	for (i = 0; s != NULL && i < s->n; i++) {
		const struct fx_state_prop *p = &s->v[i];
		uint64_t h = 0xcbf29ce484222325ull;

		h = fx_state_fnv(h, p->key, strlen(p->key) + 1);
		h = fx_state_fnv(h, p->type, strlen(p->type) + 1);
		h = fx_state_fnv(h, &p->size, sizeof p->size);
		sum += fx_state_fnv(h, p->val, p->size);
	}
	return sum;
}

/* --- text ------------------------------------------------------------ */

static const char fx_state_b64[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static char *
fx_state_b64_enc(const unsigned char *b, size_t n)
{
	char *o = xmalloc(8 + (n + 2) / 3 * 4), *q;
	size_t i;

	q = o + sprintf(o, "base64:");
	for (i = 0; i < n; i += 3) {
		unsigned v = (unsigned)b[i] << 16 |
		    (i + 1 < n ? (unsigned)b[i + 1] << 8 : 0) |
		    (i + 2 < n ? b[i + 2] : 0);

		*q++ = fx_state_b64[v >> 18 & 63];
		*q++ = fx_state_b64[v >> 12 & 63];
		*q++ = i + 1 < n ? fx_state_b64[v >> 6 & 63] : '=';
		*q++ = i + 2 < n ? fx_state_b64[v & 63] : '=';
	}
	*q = '\0';
	return o;
}

/* Bytes of base64 text (NULL when it is not). */
static unsigned char *
fx_state_b64_dec(const char *t, size_t *n)
{
	size_t len = strlen(t), i;
	unsigned char *o;
	unsigned v = 0;
	int bits = 0;

	if (len % 4 != 0)
		return NULL;
	o = xmalloc(len / 4 * 3 + 1);
	*n = 0;
	for (i = 0; i < len; i++) {
		const char *c = strchr(fx_state_b64, t[i]);

		if (t[i] == '=' && i >= len - 2)
			break;
		if (t[i] == '\0' || c == NULL) {
			free(o);
			return NULL;
		}
		v = v << 6 | (unsigned)(c - fx_state_b64);
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			o[(*n)++] = (unsigned char)(v >> bits & 255);
		}
	}
	return o;
}

static const char *
fx_state_short(const char *type)
{
	size_t n = strlen(FX_STATE_ATOM);

	return strncmp(type, FX_STATE_ATOM, n) == 0 ? type + n : NULL;
}

/* A text a line holds as it is: printable, no space at either end. */
static bool
fx_state_plain(const char *t, size_t size)
{
	size_t i, n = strlen(t);

	if (n + 1 != size || n == 0 || isspace((unsigned char)t[0]) ||
	    isspace((unsigned char)t[n - 1]) || strncmp(t, "base64:", 7) == 0)
		return false;
	for (i = 0; i < n; i++)
		if ((unsigned char)t[i] < 0x20 || t[i] == 0x7f)
			return false;
	return true;
}

/* Bytes of a numeric atom type's value (short name), 0 for others. */
static size_t
fx_state_elsize(const char *t)
{
	if (strcmp(t, "Int") == 0 || strcmp(t, "Float") == 0 ||
	    strcmp(t, "Bool") == 0)
		return 4;
	if (strcmp(t, "Long") == 0 || strcmp(t, "Double") == 0)
		return 8;
	return 0;
}

static char *fx_state_scalar(const char *t, const void *val, size_t size);

/* A vector of numbers as "atom:Float 1 0.5 ...", or NULL. */
static char *
fx_state_vector(const struct fx_state_prop *p)
{
	const char *b = p->val, *t;
	size_t n = p->size, u, k, i, len;
	char *o, *e;

	if (n < strlen(FX_STATE_ATOM) + 2 || memchr(b, '\0', n) == NULL)
		return NULL;
	u = strlen(b) + 1;
	t = fx_state_short(b);
	if (t == NULL || (k = fx_state_elsize(t)) == 0 || (n - u) % k != 0)
		return NULL;
	len = 8 + strlen(t);
	o = xasprintf("atom:%s", t);
	for (i = u; i < n; i += k) {
		e = fx_state_scalar(t, b + i, k);
		if (e == NULL) {
			free(o);
			return NULL;
		}
		len += strlen(e) + 1;
		o = xrealloc(o, len);
		strcat(o, " ");
		strcat(o, e);
		free(e);
	}
	return o;
}

static char *
fx_state_value(const struct fx_state_prop *p)
{
	const char *t = fx_state_short(p->type);
	char *v;

	if (t == NULL)
		return fx_state_b64_enc(p->val, p->size);
	if (strcmp(t, "Vector") == 0 && (v = fx_state_vector(p)) != NULL)
		return v;
	v = fx_state_scalar(t, p->val, p->size);
	return v != NULL ? v : fx_state_b64_enc(p->val, p->size);
}

/* The text of a value of atom type t (short name), NULL when it has
 * none. */
static char *
fx_state_scalar(const char *t, const void *val, size_t size)
{
	const struct fx_state_prop pp = { NULL, NULL, (void *)val, size };
	const struct fx_state_prop *p = &pp;
	char buf[64];

	if ((strcmp(t, "String") == 0 || strcmp(t, "Path") == 0 ||
	    strcmp(t, "URID") == 0) && p->size > 0 &&
	    memchr(p->val, '\0', p->size) != NULL &&
	    fx_state_plain(p->val, p->size))
		return xstrdup(p->val);
	if ((strcmp(t, "Int") == 0 || strcmp(t, "Bool") == 0) &&
	    p->size == sizeof(int32_t)) {
		int32_t v;

		memcpy(&v, p->val, sizeof v);
		if (strcmp(t, "Bool") == 0)
			return xstrdup(v ? "true" : "false");
		snprintf(buf, sizeof buf, "%d", (int)v);
		return xstrdup(buf);
	}
	if (strcmp(t, "Long") == 0 && p->size == sizeof(int64_t)) {
		int64_t v;

		memcpy(&v, p->val, sizeof v);
		snprintf(buf, sizeof buf, "%lld", (long long)v);
		return xstrdup(buf);
	}
	if (strcmp(t, "Float") == 0 && p->size == sizeof(float)) {
		float v;

		memcpy(&v, p->val, sizeof v);
		if (isfinite(v)) {
			snprintf(buf, sizeof buf, "%.9g", (double)v);
			return xstrdup(buf);
		}
	}
	if (strcmp(t, "Double") == 0 && p->size == sizeof(double)) {
		double v;

		memcpy(&v, p->val, sizeof v);
		if (isfinite(v)) {
			snprintf(buf, sizeof buf, "%.17g", v);
			return xstrdup(buf);
		}
	}
	return NULL;
}

char *
fx_state_format(const struct fx_state *s, int i)
{
	const struct fx_state_prop *p = &s->v[i];
	const char *t = fx_state_short(p->type);
	char *v = fx_state_value(p), *line;

	line = t != NULL ? xasprintf("%s atom:%s %s", p->key, t, v) :
	    xasprintf("%s %s %s", p->key, p->type, v);
	free(v);
	return line;
}

static int
fx_state_number(const char *t, const char *v, void *out, size_t *size)
{
	char *end;

	errno = 0;
	if (strcmp(t, "Int") == 0 || strcmp(t, "Long") == 0) {
		long long x = strtoll(v, &end, 10);

		if (end == v || *end != '\0' || errno != 0)
			return -1;
		if (t[0] == 'I') {
			int32_t y = (int32_t)x;

			if (x < INT32_MIN || x > INT32_MAX)
				return -1;
			memcpy(out, &y, sizeof y);
			*size = sizeof y;
		} else {
			int64_t y = x;

			memcpy(out, &y, sizeof y);
			*size = sizeof y;
		}
		return 0;
	}
	if (strcmp(t, "Bool") == 0) {
		int32_t y;

		if (strcmp(v, "true") == 0 || strcmp(v, "1") == 0)
			y = 1;
		else if (strcmp(v, "false") == 0 || strcmp(v, "0") == 0)
			y = 0;
		else
			return -1;
		memcpy(out, &y, sizeof y);
		*size = sizeof y;
		return 0;
	}
	if (strcmp(t, "Float") == 0 || strcmp(t, "Double") == 0) {
		double x = strtod(v, &end);

		if (end == v || *end != '\0' || !isfinite(x))
			return -1;
		if (t[0] == 'F') {
			float y = (float)x;

			memcpy(out, &y, sizeof y);
			*size = sizeof y;
		} else {
			memcpy(out, &x, sizeof x);
			*size = sizeof x;
		}
		return 0;
	}
	return 1;
}

/* "atom:Float 1 0.5 ..." into the element type's URI, its NUL, then
 * the elements' bytes. */
static int
fx_state_parse_vector(struct fx_state *s, const char *key, const char *type,
    const char *v, char *err, size_t errlen)
{
	char et[32], word[64], num[16];
	const char *q;
	size_t n = 0, size, k, at;
	unsigned char *b;
	int used = 0;

	if (sscanf(v, "atom:%31s%n", et, &used) != 1 ||
	    (k = fx_state_elsize(et)) == 0) {
		snprintf(err, errlen, "state: %s: expected a vector as "
		    "'atom:TYPE NUMBER...' (Int, Long, Float, Double, Bool), "
		    "got '%s'", key, v);
		return -1;
	}
	at = strlen(FX_STATE_ATOM) + strlen(et) + 1;
	b = xmalloc(at + k * (strlen(v) / 2 + 1));
	snprintf((char *)b, at, "%s%s", FX_STATE_ATOM, et);
	for (q = v + used; sscanf(q, "%63s%n", word, &used) == 1; q += used) {
		if (fx_state_number(et, word, num, &size) != 0) {
			snprintf(err, errlen, "state: %s: expected atom:%s "
			    "elements, got '%s'", key, et, word);
			free(b);
			return -1;
		}
		memcpy(b + at + n * k, num, k);
		n++;
	}
	fx_state_set(s, key, type, b, at + n * k);
	free(b);
	return 0;
}

int
fx_state_parse(struct fx_state *s, const char *line, char *err,
    size_t errlen)
{
	char key[1024], type[1024], num[16];
	const char *v, *t;
	int n = 0;
	size_t size;
	int rc;

	if (sscanf(line, "%1023s %1023s %n", key, type, &n) < 2 || n == 0 ||
	    strchr(key, ':') == NULL) {
		snprintf(err, errlen, "state: expected 'KEY-URI TYPE VALUE', "
		    "got '%s'", line);
		return -1;
	}
	v = line + n;
	if (strncmp(type, "atom:", 5) == 0) {
		memmove(type + strlen(FX_STATE_ATOM), type + 5,
		    strlen(type + 5) + 1);
		memcpy(type, FX_STATE_ATOM, strlen(FX_STATE_ATOM));
	}
	if (strncmp(v, "base64:", 7) == 0) {
		unsigned char *b = fx_state_b64_dec(v + 7, &size);

		if (b == NULL) {
			snprintf(err, errlen, "state: %s: bad base64 value",
			    key);
			return -1;
		}
		fx_state_set(s, key, type, b, size);
		free(b);
		return 0;
	}
	t = fx_state_short(type);
	if (t == NULL) {
		snprintf(err, errlen, "state: %s: a value of type %s is "
		    "written base64:...", key, type);
		return -1;
	}
	if (strcmp(t, "String") == 0 || strcmp(t, "Path") == 0 ||
	    strcmp(t, "URID") == 0) {
		fx_state_set(s, key, type, v, strlen(v) + 1);
		return 0;
	}
	if (strcmp(t, "Vector") == 0)
		return fx_state_parse_vector(s, key, type, v, err, errlen);
	rc = fx_state_number(t, v, num, &size);
	if (rc < 0) {
		snprintf(err, errlen, "state: %s: expected a value of type "
		    "atom:%s, got '%s'", key, t, v);
		return -1;
	}
	if (rc > 0) {
		snprintf(err, errlen, "state: %s: a value of type atom:%s is "
		    "written base64:...", key, t);
		return -1;
	}
	fx_state_set(s, key, type, num, size);
	return 0;
}
