/* fx.c - the processor table and what its parameter tables drive. */
#include "fx.h"
#include "fx_plugin.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const struct fx_kind *const fx_kinds[] = {
	&fx_eq, &fx_comp, &fx_gate, &fx_deess, &fx_limit, &fx_delay,
	&fx_reverb, &fx_util,
};
const int fx_nkinds = sizeof fx_kinds / sizeof fx_kinds[0];

static const char *const fx_toggle_labels[] = { "off", "on", NULL };

const struct fx_kind *
fx_kind_find(const char *name)
{
	int i;

	for (i = 0; i < fx_nkinds; i++)
		if (strcmp(fx_kinds[i]->name, name) == 0)
			return fx_kinds[i];
	return fx_plugin_named(name) ? fx_plugin_kind(name) : NULL;
}

void *
fx_new(const struct fx_kind *k, int rate)
{
	return k->knew != NULL ? k->knew(k, rate) : k->new(rate);
}

int
fx_latency(const struct fx_kind *k, const float *val, int rate)
{
	if (k->klatency != NULL)
		return k->klatency(k, val, rate);
	return k->latency != NULL ? k->latency(val, rate) : 0;
}

int
fx_param_find(const struct fx_kind *k, const char *symbol)
{
	int i;

	for (i = 0; i < k->nparams; i++)
		if (strcmp(k->params[i].symbol, symbol) == 0)
			return i;
	return -1;
}

const char *
fx_kind_names(void)
{
	static char buf[128];
	size_t off = 0;
	int i;

	if (buf[0] != '\0')
		return buf;
	for (i = 0; i < fx_nkinds && off < sizeof buf; i++)
		off += (size_t)snprintf(buf + off, sizeof buf - off, "%s%s",
		    i ? ", " : "", fx_kinds[i]->name);
	return buf;
}

void
fx_defaults(const struct fx_kind *k, float *val)
{
	int i;

	for (i = 0; i < k->nparams; i++)
		val[i] = k->params[i].def;
}

/* The shortest decimal that reads back as the same float. */
static void
fx_format_float(float v, char *buf, size_t len)
{
	int prec = 1;

	/* Whole digits first: 100, not 1e+02. */
	if (fabsf(v) >= 1.0f && fabsf(v) < 1e9f)
		prec = (int)floor(log10(fabs((double)v))) + 1;
	for (; prec <= 9; prec++) {
		snprintf(buf, len, "%.*g", prec, (double)v);
		if (strtof(buf, NULL) == v)
			return;
	}
}

static void
fx_range(const struct fx_param *p, char *buf, size_t len)
{
	char lo[32], hi[32];

	fx_format_float(p->min, lo, sizeof lo);
	fx_format_float(p->max, hi, sizeof hi);
	snprintf(buf, len, "%s..%s%s%s", lo, hi, p->unit[0] ? " " : "",
	    p->unit);
}

static int
fx_parse_label(const struct fx_param *p, const char *const *labels,
    const char *text, float *val, char *err, size_t errlen)
{
	char list[256];
	size_t off = 0;
	int i;

	for (i = 0; labels[i] != NULL; i++)
		if (strcasecmp(labels[i], text) == 0) {
			*val = (float)i;
			return 0;
		}
	if (p->type == FX_TOGGLE && (strcmp(text, "1") == 0 ||
	    strcmp(text, "0") == 0)) {
		*val = text[0] == '1' ? 1.0f : 0.0f;
		return 0;
	}
	list[0] = '\0';
	for (i = 0; labels[i] != NULL && off < sizeof list; i++)
		off += (size_t)snprintf(list + off, sizeof list - off, "%s%s",
		    i ? "|" : "", labels[i]);
	snprintf(err, errlen, "%s=%s: expected %s", p->symbol, text, list);
	return -1;
}

int
fx_param_parse(const struct fx_kind *k, int i, const char *text,
    float *val, char *err, size_t errlen)
{
	const struct fx_param *p = &k->params[i];
	char range[96], *end;
	double v;

	if (p->type == FX_ENUM)
		return fx_parse_label(p, p->labels, text, val, err, errlen);
	if (p->type == FX_TOGGLE)
		return fx_parse_label(p, fx_toggle_labels, text, val, err,
		    errlen);
	fx_range(p, range, sizeof range);
	v = strtod(text, &end);
	if (end == text || !isfinite(v)) {
		snprintf(err, errlen, "%s=%s: expected a number, %s",
		    p->symbol, text, range);
		return -1;
	}
	/* A unit may follow: the parameter's own, or k/kHz for Hz. */
	if (*end != '\0') {
		if (strcmp(p->unit, "Hz") == 0 && (strcasecmp(end, "k") == 0
		    || strcasecmp(end, "khz") == 0))
			v *= 1000.0;
		else if (p->unit[0] == '\0' || strcasecmp(end, p->unit) != 0) {
			snprintf(err, errlen, "%s=%s: expected a number, %s",
			    p->symbol, text, range);
			return -1;
		}
	}
	if (p->type == FX_INT && v != floor(v)) {
		snprintf(err, errlen, "%s=%s: expected a whole number, %s",
		    p->symbol, text, range);
		return -1;
	}
	/* Compared as floats: 0.1 is in 0.1f..10. */
	if ((float)v < p->min || (float)v > p->max) {
		snprintf(err, errlen, "%s=%s: out of range %s", p->symbol,
		    text, range);
		return -1;
	}
	*val = (float)v;
	return 0;
}

void
fx_param_format(const struct fx_kind *k, int i, float val, char *buf,
    size_t len)
{
	const struct fx_param *p = &k->params[i];
	int n = (int)lrintf(val);

	if (p->type == FX_ENUM) {
		int c;

		for (c = 0; p->labels[c] != NULL; c++)
			;
		snprintf(buf, len, "%s", p->labels[n >= 0 && n < c ? n : 0]);
	} else if (p->type == FX_TOGGLE)
		snprintf(buf, len, "%s", n ? "on" : "off");
	else if (p->type == FX_INT)
		snprintf(buf, len, "%d", n);
	else
		fx_format_float(val, buf, len);
}

/* A round step near range / 50: 1, 2 or 5 times a power of ten. */
static double
fx_nice_step(double range)
{
	double r = range / 50, e = pow(10, floor(log10(r))), m = r / e;

	return (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * e;
}

float
fx_param_nudge(const struct fx_kind *k, int i, float val, double steps)
{
	const struct fx_param *p = &k->params[i];
	double v = val, e, fine;

	if (p->type != FX_FLOAT) {
		long d = lround(steps);

		if (d == 0 && steps != 0)
			d = steps > 0 ? 1 : -1;
		v = lround(v) + d;
	} else if (p->log && p->min > 0) {
		v *= pow(2.0, steps / 3.0);
		e = pow(10, floor(log10(v)) - 2);
		v = round(v / e) * e;
	} else {
		fine = fx_nice_step(p->max - p->min) / 10;
		v = round((v + steps * fine * 10) / fine) * fine;
	}
	if (v < p->min)
		v = p->min;
	if (v > p->max)
		v = p->max;
	return (float)v;
}

float
fx_db_to_lin(float db)
{
	return expf(db * 0.11512925465f);	/* ln(10) / 20 */
}

unsigned
fx_denormals_off(void)
{
#ifdef __SSE2__
	unsigned old = _mm_getcsr();

	_mm_setcsr(old | 0x8040);	/* FTZ (bit 15), DAZ (bit 6) */
	return old;
#else
	return 0;
#endif
}

void
fx_denormals_restore(unsigned state)
{
#ifdef __SSE2__
	_mm_setcsr(state);
#else
	(void)state;
#endif
}

float
fx_lin_to_db(float lin)
{
	return lin > 1e-10f ? 8.6858896381f * logf(lin) : -200.0f;
}

float
fx_tau_coef(float ms, int rate)
{
	if (ms <= 0.0f)
		return 1.0f;
	return 1.0f - expf(-1000.0f / (ms * (float)rate));
}
