/* fx_state.h - a plugin insert's saved state (LV2's state extension):
 * a list of properties, each a key URI, a type URI and a value, and
 * their text form in project.ini.
 *
 * A property's line is "KEY TYPE VALUE": the type is written "atom:Int"
 * for the atom types, else as its URI.  Values are text for atom:String,
 * atom:Path, atom:URID (the URI it stands for), atom:Int, atom:Long,
 * atom:Float, atom:Double and atom:Bool, and vectors of those as
 * "atom:Float 1 0.5 ..." (the element type, then the elements); other
 * types and texts that a line cannot hold (line breaks, spaces at
 * either end) are written "base64:..." of their bytes.  A path is kept as the plugin gave it
 * through state:mapPath: relative to the project directory when inside
 * it, absolute when not; dir is the directory relative paths are in.
 *
 * Control thread only; the engine never sees a state.
 */
#ifndef REEL_FX_STATE_H
#define REEL_FX_STATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define FX_STATE_ATOM "http://lv2plug.in/ns/ext/atom#"

struct fx_state_prop {
	char *key;		/* URI */
	char *type;		/* URI */
	void *val;		/* bytes: a String's and Path's with their NUL;
				   a URID's is its URI text with its NUL; a
				   numeric Vector's its element type's URI,
				   its NUL, then the elements */
	size_t size;
};

struct fx_state {
	struct fx_state_prop *v;
	int n;
	char *dir;		/* relative paths are in it, or NULL */
};

struct fx_state *fx_state_new(const char *dir);
void fx_state_free(struct fx_state *s);
struct fx_state *fx_state_dup(const struct fx_state *s);
/* Adds (or replaces) a property; the bytes are copied. */
void fx_state_set(struct fx_state *s, const char *key, const char *type,
    const void *val, size_t size);
const struct fx_state_prop *fx_state_get(const struct fx_state *s,
    const char *key);
/* Same properties, same values (dir aside); NULL is an empty state. */
bool fx_state_equal(const struct fx_state *a, const struct fx_state *b);

/* A digest of the properties (0 for none): instances restored with
 * one state are told from those restored with another. */
uint64_t fx_state_hash(const struct fx_state *s);

/* The line for property i (heap), and a line read back into s:
 * 0, or -1 with err naming what was expected. */
char *fx_state_format(const struct fx_state *s, int i);
int fx_state_parse(struct fx_state *s, const char *line, char *err,
    size_t errlen);

#endif
