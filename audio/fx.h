/* fx.h - the processor table: every insert effect is one entry.
 *
 * Modelled on sox's effect handlers and LV2's control ports: an entry has
 * lifecycle functions and a parameter table, and nothing outside calls a
 * processor but through its entry.  The parameter table drives parsing and
 * its errors (fx_param_parse), listing (fx_param_format), and the project
 * file.
 *
 * Threads: new and free run on the control thread (they allocate);
 * update, reset, process, latency and gr run on the thread that processes
 * (the engine, or render) and never allocate, lock or block.
 *
 * Audio is interleaved, 1 or 2 channels, any block of 1..FX_MAX_BLOCK
 * frames; in and out may be the same buffer.  Output is always finite:
 * NaN, Inf and absurd levels in the input are treated as silence, and
 * feedback paths flush denormals.  Parameters are smoothed so that a
 * change never clicks, except on the first update after new or reset,
 * which takes the values as they are (a render starts where it should).
 */
#ifndef REEL_FX_H
#define REEL_FX_H

#include <stdbool.h>
#include <stddef.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#define FX_MAX_PARAMS 128
#define FX_MAX_BLOCK 8192

enum fx_ptype { FX_FLOAT, FX_INT, FX_TOGGLE, FX_ENUM };

struct fx_param {
	const char *symbol;	/* "threshold", "b1.freq" */
	const char *name;	/* for people */
	float min, max, def;
	const char *unit;	/* "dB", "Hz", "ms", "%", ":1", "" */
	bool log;		/* nudges and editors move in ratios */
	enum fx_ptype type;
	const char *const *labels;	/* FX_ENUM: NULL-terminated, value
					   i is labels[i]; FX_TOGGLE: off/on */
};

/* What the host tells a processor beside its parameters. */
struct fx_ctx {
	int rate;
	double bpm;		/* tempo at the start of the block; 0 none */
};

struct fx_kind {
	const char *name;	/* "eq", "comp", ... */
	const char *desc;
	const struct fx_param *params;
	int nparams;
	/* Control thread: a state for this rate with all buffers it will
	 * ever need; NULL when out of memory. */
	void *(*new)(int rate);
	void (*free)(void *st);
	/* New targets (val has nparams entries, all in range). */
	void (*update)(void *st, const float *val, const struct fx_ctx *c);
	/* Forget the signal: filter memories, envelopes, tails. */
	void (*reset)(void *st);
	void (*process)(void *st, const float *in, float *out, int nch,
	    int frames);
	/* Optional: process on two instances of this kind at once, each
	 * over its own signal in place, with the very samples two calls of
	 * process give (a kernel whose speed is set by one sample's
	 * chain of operations runs two chains side by side). */
	void (*process2)(void *a, void *b, float *xa, float *xb, int nch,
	    int frames);
	/* Frames by which the output lags the input with these parameters
	 * (NULL: none).  A function of the parameters alone, so the control
	 * thread can compensate it without touching the state. */
	int (*latency)(const float *val, int rate);
	/* Gain reduction now, in dB (<= 0); NULL for none. */
	float (*gr)(const void *st);
	/* Kinds built at run time (plugins, fx_plugin.h) take the place
	 * of new and latency with these, which are told the kind. */
	void *(*knew)(const struct fx_kind *k, int rate);
	int (*klatency)(const struct fx_kind *k, const float *val, int rate);
	/* Control thread, once, before the first update: the values an
	 * instance starts from (a plugin is activated with them). */
	void (*prepare)(void *st, const float *val);
};

extern const struct fx_kind *const fx_kinds[];
extern const int fx_nkinds;

/* A built-in, or a plugin ("lv2:URI", "ladspa:LABEL", fx_plugin.h). */
const struct fx_kind *fx_kind_find(const char *name);
/* An instance of k; its latency with val (either kind of entry). */
void *fx_new(const struct fx_kind *k, int rate);
int fx_latency(const struct fx_kind *k, const float *val, int rate);
int fx_param_find(const struct fx_kind *k, const char *symbol);

/* The kinds' names, "eq, comp, ..." (for error messages). */
const char *fx_kind_names(void);

/* Parses text for parameter i: numbers for FX_FLOAT/FX_INT (a unit
 * suffix matching the parameter's is allowed: "250ms", "-3dB", "1k"
 * for Hz), labels for FX_ENUM, on/off/1/0 for FX_TOGGLE.  0, or -1 with
 * err naming the range or the labels. */
int fx_param_parse(const struct fx_kind *k, int i, const char *text,
    float *val, char *err, size_t errlen);
/* The value as fx_param_parse reads it back exactly ("-3", "peak",
 * "0.707"), without a unit. */
void fx_param_format(const struct fx_kind *k, int i, float val, char *buf,
    size_t len);
/* Parameter i moved from val by `steps` steps (fractions allowed: 0.1
 * is a fine step): a third of an octave per step for a log parameter
 * (rounded to 3 significant figures), else a round step of about a
 * fiftieth of the range (rounded to a tenth of it); labels, toggles and
 * integers by whole steps.  Clamped to the range. */
float fx_param_nudge(const struct fx_kind *k, int i, float val,
    double steps);
/* Fills val with every parameter's default. */
void fx_defaults(const struct fx_kind *k, float *val);

/* Denormals flushed to zero by the FPU itself (SSE's FTZ and DAZ) on
 * the calling thread, for the threads that run the graph: a tail dying
 * away into denormals then costs nothing, without a branch per sample.
 * The per-block flushes stay for other CPUs.  Returns the state before,
 * for fx_denormals_restore (a control thread that renders gives it
 * back).  No-op without SSE. */
unsigned fx_denormals_off(void);
void fx_denormals_restore(unsigned state);

/* Shared real-time helpers. */
float fx_db_to_lin(float db);
float fx_lin_to_db(float lin);	/* -200 for 0 */
/* One-pole coefficient reaching 1-1/e of a step in ms milliseconds. */
float fx_tau_coef(float ms, int rate);
/* Input hygiene: NaN and Inf become 0, the rest is clamped to +-1e4
 * (+80 dBFS).  x - x is 0 for every finite x, NaN for NaN and Inf. */
static inline float
fx_clean(float x)
{
	if (x > -1e4f && x < 1e4f)
		return x;
	if (x - x != 0.0f)
		return 0.0f;
	return x > 0 ? 1e4f : -1e4f;
}
/* fx_clean over n samples, without a branch per sample; in and out may
 * be the same. */
static inline void
fx_clean_block(const float *in, float *out, int n)
{
	int i = 0;
#ifdef __SSE2__
	/* Four at a time.  maxps and minps give their second operand when
	 * the first is NaN, and NaN and Inf are masked to 0 after: the
	 * same values as fx_clean (GCC cannot vectorise fx_clean's clamp
	 * into them itself without -ffinite-math-only). */
	const __m128 lo = _mm_set1_ps(-1e4f), hi = _mm_set1_ps(1e4f);

	for (; i + 4 <= n; i += 4) {
		__m128 x = _mm_loadu_ps(in + i);
		__m128 y = _mm_min_ps(_mm_max_ps(x, lo), hi);
		__m128 ok = _mm_cmpeq_ps(_mm_sub_ps(x, x), _mm_setzero_ps());

		_mm_storeu_ps(out + i, _mm_and_ps(ok, y));
	}
#endif
	for (; i < n; i++)
		out[i] = fx_clean(in[i]);
}
/* Tiny values in feedback paths become 0 (denormals are slow). */
static inline float
fx_flush(float x)
{
	return (x > -1e-20f && x < 1e-20f) ? 0.0f : x;
}
static inline double
fx_flushd(double x)
{
	return (x > -1e-25 && x < 1e-25) ? 0.0 : x;
}

/* A parameter gliding to its target: cur moves by a (a one-pole
 * coefficient) of the distance each step, and lands on it exactly once
 * within eps (so that a settled processor computes what the target
 * says, and stops recomputing). */
struct fx_smooth {
	float cur, tgt;
};

static inline bool
fx_smooth_step(struct fx_smooth *s, float a, float eps)
{
	float d = s->tgt - s->cur;

	if (d == 0.0f)
		return false;
	if (d < eps && d > -eps)
		s->cur = s->tgt;
	else
		s->cur += a * d;
	return true;
}

/* Curves for the screen, from the processors' own formulas (control
 * thread).  The EQ's magnitude response at freq Hz with parameters val,
 * in dB (every band's biquads as fx_eq designs them at rate). */
double fx_eq_response_db(const float *val, int rate, double freq);
/* The compressor's static curve: the output level in dB (makeup
 * included) of a steady input at in_db, once settled. */
float fx_comp_static_db(const float *val, float in_db);

extern const struct fx_kind fx_eq, fx_comp, fx_gate, fx_deess, fx_limit,
    fx_delay, fx_reverb, fx_util;

#endif
