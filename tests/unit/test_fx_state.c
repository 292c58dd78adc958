/* test_fx_state.c - plugin state's text form (fx_state.h): every atom
 * type reads back to the same bytes, texts a line cannot hold and other
 * types go through base64, the digest ignores order, bad lines are
 * refused with what was expected. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fx_state.h"
#include "t.h"

#define A FX_STATE_ATOM

/* s written out line by line and read back equals s. */
static int
t_roundtrip(const struct fx_state *s)
{
	struct fx_state *r = fx_state_new(NULL);
	char err[256];
	int i, ok = 1;

	for (i = 0; i < s->n; i++) {
		char *line = fx_state_format(s, i);

		if (fx_state_parse(r, line, err, sizeof err) != 0) {
			T_CHECKF(0, "'%s': %s", line, err);
			ok = 0;
		}
		free(line);
	}
	ok = ok && fx_state_equal(s, r);
	fx_state_free(r);
	return ok;
}

int
main(void)
{
	struct fx_state *s = fx_state_new("/tmp"), *d;
	int32_t i32 = -42, b = 1;
	int64_t i64 = -1234567890123LL;
	float f = 0.1f;
	double x = 1.0 / 3.0;
	unsigned char blob[] = { 0, 1, 2, 255, 254, 10 };
	char *line, err[256];

	fx_state_set(s, "urn:k:int", A "Int", &i32, sizeof i32);
	fx_state_set(s, "urn:k:long", A "Long", &i64, sizeof i64);
	fx_state_set(s, "urn:k:float", A "Float", &f, sizeof f);
	fx_state_set(s, "urn:k:double", A "Double", &x, sizeof x);
	fx_state_set(s, "urn:k:bool", A "Bool", &b, sizeof b);
	fx_state_set(s, "urn:k:path", A "Path", "ir/room.wav", 12);
	fx_state_set(s, "urn:k:urid", A "URID", "http://x/y#z", 13);
	fx_state_set(s, "urn:k:str", A "String", "two words", 10);
	fx_state_set(s, "urn:k:nl", A "String", "line\nbreak", 11);
	fx_state_set(s, "urn:k:sp", A "String", " padded ", 9);
	fx_state_set(s, "urn:k:empty", A "String", "", 1);
	fx_state_set(s, "urn:k:blob", "urn:t:blob", blob, sizeof blob);
	{
		/* A vector: the element type's URI, then the elements. */
		char v[64];
		float e[2] = { 0.5f, -1.0f };
		size_t u = strlen(A "Float") + 1;

		memcpy(v, A "Float", u);
		memcpy(v + u, e, sizeof e);
		fx_state_set(s, "urn:k:vec", A "Vector", v, u + sizeof e);
	}
	T_CHECK(t_roundtrip(s));
	line = fx_state_format(s, 12);
	T_CHECK(strcmp(line, "urn:k:vec atom:Vector atom:Float 0.5 -1") == 0);
	free(line);

	/* Text where it can be, base64 where it cannot. */
	line = fx_state_format(s, 0);
	T_CHECK(strcmp(line, "urn:k:int atom:Int -42") == 0);
	free(line);
	line = fx_state_format(s, 2);
	T_CHECK(strcmp(line, "urn:k:float atom:Float 0.100000001") == 0);
	free(line);
	line = fx_state_format(s, 4);
	T_CHECK(strcmp(line, "urn:k:bool atom:Bool true") == 0);
	free(line);
	line = fx_state_format(s, 5);
	T_CHECK(strcmp(line, "urn:k:path atom:Path ir/room.wav") == 0);
	free(line);
	line = fx_state_format(s, 8);
	T_CHECK(strcmp(line, "urn:k:nl atom:String base64:bGluZQpicmVhawA=")
	    == 0);
	free(line);
	line = fx_state_format(s, 11);
	T_CHECK(strcmp(line, "urn:k:blob urn:t:blob base64:AAEC//4K") == 0);
	free(line);

	/* The digest: equal states alike in any order, a change shows. */
	d = fx_state_new(NULL);
	for (int i = s->n - 1; i >= 0; i--)
		fx_state_set(d, s->v[i].key, s->v[i].type, s->v[i].val,
		    s->v[i].size);
	T_CHECK(fx_state_hash(d) == fx_state_hash(s));
	T_CHECK(fx_state_equal(d, s));
	i32 = 43;
	fx_state_set(d, "urn:k:int", A "Int", &i32, sizeof i32);
	T_CHECK(fx_state_hash(d) != fx_state_hash(s));
	T_CHECK(!fx_state_equal(d, s));
	T_CHECK(fx_state_hash(NULL) == 0);

	/* Refusals. */
	T_CHECK(fx_state_parse(d, "urn:k:int atom:Int 1.5", err,
	    sizeof err) != 0 && strstr(err, "expected a value of type "
	    "atom:Int, got '1.5'") != NULL);
	T_CHECK(fx_state_parse(d, "urn:k:int atom:Int 4294967296", err,
	    sizeof err) != 0);
	T_CHECK(fx_state_parse(d, "urn:k:x urn:t:blob plain", err,
	    sizeof err) != 0 && strstr(err, "written base64") != NULL);
	T_CHECK(fx_state_parse(d, "urn:k:x atom:Chunk base64:A", err,
	    sizeof err) != 0 && strstr(err, "bad base64") != NULL);
	T_CHECK(fx_state_parse(d, "urn:k:v atom:Vector atom:Int 1 x", err,
	    sizeof err) != 0 && strstr(err, "expected atom:Int elements, "
	    "got 'x'") != NULL);
	T_CHECK(fx_state_parse(d, "urn:k:v atom:Vector atom:String a", err,
	    sizeof err) != 0);
	T_CHECK(fx_state_parse(d, "nokey", err, sizeof err) != 0 &&
	    strstr(err, "expected 'KEY-URI TYPE VALUE'") != NULL);
	fx_state_free(d);
	fx_state_free(s);
	T_DONE();
}
