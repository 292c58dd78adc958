/* test_fx_param.c - the parameter tables: every default in range and
 * formatted so that it parses back to the same float; errors name the
 * range or the labels; units and kHz are read. */
#include <string.h>

#include "t.h"
#include "fx.h"

static void
check_tables(void)
{
	int k, i;

	for (k = 0; k < fx_nkinds; k++) {
		const struct fx_kind *K = fx_kinds[k];

		T_CHECK(K->nparams <= FX_MAX_PARAMS);
		T_CHECK(fx_kind_find(K->name) == K);
		for (i = 0; i < K->nparams; i++) {
			const struct fx_param *p = &K->params[i];
			char buf[64], err[256];
			float v = -12345;

			T_CHECKF(p->min <= p->def && p->def <= p->max,
			    "%s %s default", K->name, p->symbol);
			T_CHECK(fx_param_find(K, p->symbol) == i);
			fx_param_format(K, i, p->def, buf, sizeof buf);
			T_CHECKF(fx_param_parse(K, i, buf, &v, err,
			    sizeof err) == 0 && v == p->def, "%s %s: '%s' "
			    "reads back as %g (%s)", K->name, p->symbol, buf,
			    v, err);
			fx_param_format(K, i, p->max, buf, sizeof buf);
			T_CHECKF(fx_param_parse(K, i, buf, &v, err,
			    sizeof err) == 0 && v == p->max, "%s %s max '%s'",
			    K->name, p->symbol, buf);
		}
	}
}

static void
check_parse(void)
{
	const struct fx_kind *eq = fx_kind_find("eq"), *c = fx_kind_find("comp");
	char err[256], buf[64];
	float v;

	T_CHECK(fx_param_parse(eq, fx_param_find(eq, "b1.freq"), "2.5k", &v,
	    err, sizeof err) == 0 && v == 2500);
	T_CHECK(fx_param_parse(eq, fx_param_find(eq, "b1.freq"), "250Hz", &v,
	    err, sizeof err) == 0 && v == 250);
	T_CHECK(fx_param_parse(eq, fx_param_find(eq, "b1.freq"), "5", &v,
	    err, sizeof err) < 0);
	T_CHECKF(strcmp(err, "b1.freq=5: out of range 20..20000 Hz") == 0,
	    "%s", err);
	T_CHECK(fx_param_parse(eq, fx_param_find(eq, "b2.type"), "notch", &v,
	    err, sizeof err) < 0);
	T_CHECKF(strcmp(err, "b2.type=notch: expected "
	    "off|hp|lp|lowshelf|highshelf|peak") == 0, "%s", err);
	T_CHECK(fx_param_parse(eq, fx_param_find(eq, "b2.type"), "Peak", &v,
	    err, sizeof err) == 0 && v == 5);
	T_CHECK(fx_param_parse(c, fx_param_find(c, "attack"), "3ms", &v,
	    err, sizeof err) == 0 && v == 3);
	T_CHECK(fx_param_parse(c, fx_param_find(c, "attack"), "3s", &v,
	    err, sizeof err) < 0);
	T_CHECK(fx_param_parse(c, fx_param_find(c, "attack"), "0.1", &v,
	    err, sizeof err) == 0 && v == 0.1f);
	T_CHECK(fx_param_parse(c, fx_param_find(c, "ratio"), "nan", &v,
	    err, sizeof err) < 0);
	T_CHECK(fx_param_parse(c, fx_param_find(c, "threshold"), "-18.25",
	    &v, err, sizeof err) == 0);
	fx_param_format(c, fx_param_find(c, "threshold"), v, buf, sizeof buf);
	T_CHECKF(strcmp(buf, "-18.25") == 0, "%s", buf);
	fx_param_format(c, fx_param_find(c, "release"), 1000, buf, sizeof buf);
	T_CHECKF(strcmp(buf, "1000") == 0, "%s", buf);
	T_CHECK(fx_kind_find("chorus") == NULL);
	T_CHECKF(strcmp(fx_kind_names(), "eq, comp, gate, deess, limit, "
	    "delay, reverb, utility") == 0, "%s", fx_kind_names());
}

int
main(void)
{
	check_tables();
	check_parse();
	T_DONE();
}
