/* test_fx_plugin.c - plugin kinds from Debian's packages (x42-plugins,
 * ladspa-sdk): the engine-side calls (update, process) allocate nothing
 * once an instance is prepared, checked with the allocator's own hooks
 * (ASan's malloc/free hooks in the sanitizer build; mallinfo2's counts in
 * a release build); the parameter tables carry the ports' facts; a mono
 * plugin runs as a pair on stereo; NaN input comes out finite; a
 * placeholder passes audio through and keeps the texts it was given. */
#include <malloc.h>
#include <math.h>
#include <string.h>

#include <unistd.h>

#include "fx.h"
#include "fx_plugin.h"
#include "fx_state.h"
#include "t.h"

/* The sanitizer runtime's hooks (absent without it: weak). */
int __sanitizer_install_malloc_and_free_hooks(
    void (*m)(const volatile void *, size_t),
    void (*f)(const volatile void *)) __attribute__((weak));

static volatile int t_allocs;

static void
t_malloc_hook(const volatile void *p, size_t n)
{
	t_allocs++;
}

static void
t_free_hook(const volatile void *p)
{
	t_allocs++;
}

static void
t_hooks(bool on)
{
	if (__sanitizer_install_malloc_and_free_hooks != NULL)
		__sanitizer_install_malloc_and_free_hooks(on ? t_malloc_hook :
		    NULL, on ? t_free_hook : NULL);
}

static size_t
t_heap(void)
{
	struct mallinfo2 m = mallinfo2();

	return m.uordblks + m.hblkhd;
}

/* Runs 200 blocks of 128 frames through k (after prepare); the number
 * of allocations and frees made during them. */
static int
t_run(const struct fx_kind *k, void *st, const float *val, float *buf,
    int nch)
{
	struct fx_ctx c = { 48000, 0 };
	size_t before;
	int b, i;

	t_allocs = 0;
	before = t_heap();
	t_hooks(true);
	for (b = 0; b < 200; b++) {
		for (i = 0; i < 128 * nch; i++)
			buf[i] = 0.25f * sinf((float)(b * 128 + i) * 0.05f);
		k->update(st, val, &c);
		k->process(st, buf, buf, nch, 128);
	}
	t_hooks(false);
	if (__sanitizer_install_malloc_and_free_hooks == NULL &&
	    t_heap() != before)
		t_allocs++;
	return t_allocs;
}

static void
t_no_alloc(const char *name, int nch)
{
	const struct fx_kind *k = fx_kind_find(name);
	float val[FX_MAX_PARAMS], buf[128 * 2];
	void *st;
	int n;

	T_CHECKF(k != NULL, "%s: %s", name, fx_plugin_error());
	if (k == NULL)
		return;
	fx_defaults(k, val);
	st = fx_new(k, 48000);
	T_CHECK(st != NULL);
	k->prepare(st, val);
	n = t_run(k, st, val, buf, nch);
	T_CHECKF(n == 0, "%s: %d allocations in update/process", name, n);
	k->free(st);
}

/* x42's convolver with a state naming its bundle's delta impulse: the
 * restore has its worker load the file; the first run takes the
 * response (and schedules the old convolver's release, which the
 * worker thread does); then update and process allocate nothing and
 * the output is the input delayed by the latency the plugin reports. */
static void
t_state_worker(void)
{
	const char *zc = "lv2:http://gareus.org/oss/lv2/zeroconvolv#Mono";
	const char *ir = "/usr/lib/lv2/zeroconvo.lv2/ir/delta-48k.wav";
	const struct fx_kind *k = fx_kind_find(zc);
	struct fx_state *state = fx_state_new(NULL);
	float val[FX_MAX_PARAMS], in[2048], buf[2048], sil[128];
	void *st;
	int i, n, lat, bad = 0;

	T_CHECKF(k != NULL, "%s: %s", zc, fx_plugin_error());
	if (k == NULL)
		return;
	fx_state_set(state, "http://gareus.org/oss/lv2/zeroconvolv#ir",
	    FX_STATE_ATOM "Path", ir, strlen(ir) + 1);
	fx_defaults(k, val);
	st = fx_new(k, 48000);
	T_CHECK(st != NULL);
	fx_plugin_restore(k, st, state);
	T_CHECK(!fx_plugin_state_failed(k));
	k->prepare(st, val);
	lat = fx_plugin_latency(k, st, val, 48000);
	T_CHECKF(lat > 0 && lat < 1024, "latency %d", lat);
	/* Mono: the strip's one channel. */
	for (i = 0; i < 2048; i++)
		in[i] = buf[i] = 0.25f * sinf((float)i * 0.07f);
	for (i = 0; i < 2048; i += 128)
		k->process(st, buf + i, buf + i, 1, 128);
	for (i = lat; i < 2048; i++)
		bad += fabsf(buf[i] - in[i - lat]) > 1e-5f;
	T_CHECKF(bad == 0, "%d samples are not the input %d frames late",
	    bad, lat);
	/* The worker's release of the convolver it replaced is done. */
	memset(sil, 0, sizeof sil);
	k->process(st, sil, sil, 1, 128);
	usleep(200000);
	n = t_run(k, st, val, buf, 1);
	T_CHECKF(n == 0, "%s with a state: %d allocations", zc, n);
	k->free(st);
	fx_state_free(state);
}

int
main(void)
{
	const struct fx_kind *k;
	float val[FX_MAX_PARAMS], buf[64 * 2];
	void *st;
	int i, j, bad;

	/* The check sees an allocation when there is one. */
	{
		size_t before = t_heap();
		void *volatile p;

		t_allocs = 0;
		t_hooks(true);
		p = malloc(100000);
		t_hooks(false);
		T_CHECK(t_allocs > 0 || (t_heap() != before &&
		    __sanitizer_install_malloc_and_free_hooks == NULL));
		free(p);
	}
	t_no_alloc("lv2:http://gareus.org/oss/lv2/fil4#stereo", 2);
	t_no_alloc("lv2:http://gareus.org/oss/lv2/fil4#mono", 2);
	t_no_alloc("lv2:http://gareus.org/oss/lv2/nodelay", 1);
	t_no_alloc("ladspa:amp_mono", 2);
	t_state_worker();

	/* Port facts: nodelay's delay is an integer in frames, its mode an
	 * enumeration of four labels; fil4's frequencies logarithmic Hz. */
	k = fx_kind_find("lv2:http://gareus.org/oss/lv2/nodelay");
	T_CHECK(k != NULL && k->nparams == 2);
	if (k != NULL && k->nparams == 2) {
		T_CHECK(k->params[0].type == FX_INT);
		T_CHECK(strcmp(k->params[0].unit, "frames") == 0);
		T_CHECK(k->params[0].max == 192000.0f);
		T_CHECK(k->params[1].type == FX_ENUM);
		T_CHECK(strcmp(k->params[1].labels[3],
		    "No delay, do not report latency") == 0);
		T_CHECK(k->params[1].def == 1.0f);
		fx_defaults(k, val);
		val[0] = 480;
		T_CHECK(fx_latency(k, val, 48000) == 480);
		val[1] = 0;	/* delay, do not report */
		T_CHECK(fx_latency(k, val, 48000) == 0);
	}
	k = fx_kind_find("lv2:http://gareus.org/oss/lv2/fil4#stereo");
	i = k != NULL ? fx_param_find(k, "freq3") : -1;
	T_CHECK(i >= 0 && k->params[i].log &&
	    strcmp(k->params[i].unit, "Hz") == 0);

	/* A mono amplifier on stereo: both channels scaled; NaN in, 0 out. */
	k = fx_kind_find("ladspa:amp_mono");
	if (k != NULL) {
		fx_defaults(k, val);
		val[0] = 0.5f;
		st = fx_new(k, 48000);
		k->prepare(st, val);
		for (i = 0; i < 128; i++)
			buf[i] = i % 2 ? -0.5f : 0.25f;
		buf[10] = NAN;
		buf[11] = INFINITY;
		k->process(st, buf, buf, 2, 64);
		bad = 0;
		for (i = 0; i < 128; i++)
			if (!isfinite(buf[i]))
				bad++;
		T_CHECK(bad == 0);
		T_CHECK(buf[0] == 0.125f && buf[1] == -0.25f);
		T_CHECK(buf[10] == 0.0f);
		k->free(st);
	}

	/* A placeholder: audio through, texts kept. */
	k = fx_plugin_placeholder("lv2:urn:reel:absent", "not here");
	T_CHECK(strcmp(fx_plugin_missing(k), "not here") == 0);
	i = fx_plugin_keep(k, "mode", "Fast and loose");
	j = fx_plugin_keep(k, "gain", "-3.5");
	T_CHECK(i == 0 && j == 1 && k->nparams == 2);
	T_CHECK(fx_param_parse(k, 0, "Fast and loose", &val[0], NULL, 0)
	    == 0);
	{
		char out[64];

		fx_param_format(k, 1, 0.0f, out, sizeof out);
		T_CHECK(strcmp(out, "-3.5") == 0);
	}
	st = fx_new(k, 48000);
	for (i = 0; i < 128; i++)
		buf[i] = (float)i;
	k->process(st, buf, buf, 2, 64);
	for (i = 0, bad = 0; i < 128; i++)
		bad += buf[i] != (float)i;
	T_CHECK(bad == 0);
	k->free(st);
	T_DONE();
}
