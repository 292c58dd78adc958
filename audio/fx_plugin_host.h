/* fx_plugin_host.h - what fx_plugin.c shares with its back-ends
 * (fx_lv2.c, fx_ladspa.c): a plugin's description and its instances. */
#ifndef REEL_FX_PLUGIN_HOST_H
#define REEL_FX_PLUGIN_HOST_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "fx.h"
#include "fx_plugin.h"

enum fxp_ptype {
	FXP_OTHER,		/* optional, connected to NULL */
	FXP_AIN, FXP_AOUT,	/* audio */
	FXP_CIN, FXP_COUT,	/* control */
	FXP_CVIN, FXP_CVOUT,	/* CV: audio-rate buffers */
	FXP_ATOMIN, FXP_ATOMOUT	/* LV2 atom sequences */
};

/* Frames a plugin is run with at most (its maxBlockLength option). */
#define FXP_MAX_RUN 1024

/* Bytes of an atom port's buffer, unless it asks for more. */
#define FXP_ATOM_BYTES 8192

struct fxp_desc;

struct fxp_ops {
	/* One handle at rate, or NULL. */
	void *(*instantiate)(struct fxp_desc *d, int rate);
	void (*connect)(void *h, unsigned port, void *buf);
	void (*activate)(void *h);
	void (*run)(void *h, unsigned frames);
	void (*deactivate)(void *h);
	void (*cleanup)(void *h);
	/* Engine: before each run, atom buffers to their empty state. */
	void (*prerun)(struct fxp_desc *d, void *const *atom);
};

struct fxp_desc {
	struct fx_kind kind;	/* first: a kind is its description */
	const struct fxp_ops *ops;
	const void *plugin;	/* the back-end's */
	char *missing;		/* placeholder: why */
	int nports;
	enum fxp_ptype *ptype;
	int *pio;		/* audio/CV port -> its buffer */
	int *asize;		/* atom port -> its buffer's bytes */
	int nparams;
	struct fx_param *params;
	int *pport;		/* parameter -> port */
	float **enumv;		/* FX_ENUM parameter -> port values */
	int nain, naout, ain[2], aout[2];
	int lat_port;		/* control output, -1 */
	/* Latency as measured for lat_val (control thread), and the last
	 * figure for the engine. */
	pthread_t owner;
	void *probe;
	struct fxp_inst *probe_in;
	int probe_rate;
	uint64_t probe_sh;	/* the state the probe was restored with */
	bool lat_known;
	float lat_val[FX_MAX_PARAMS];
	atomic_int lat_last;
	atomic_int bad;		/* blocks muted, every instance */
	bool state_failed;	/* a restore the plugin refused */
	char said[200];		/* its last error or warning (log:log) */
};

struct fxp_inst {
	struct fxp_desc *d;
	int nh;			/* 2: a mono plugin as a stereo pair */
	void *h[2];
	float *ctl;		/* control inputs, by port (shared) */
	float *cout[2];		/* control outputs, by port */
	float *io[2];		/* audio and CV, FX_MAX_BLOCK a port */
	void *atom[2][8];	/* atom buffers by atom port order */
	int natom;
	bool active;
	struct fx_state *st;	/* what it was restored with, or NULL */
};

/* Fills d->kind from the tables (name taken over). */
void fxp_desc_finish(struct fxp_desc *d, char *name, char *desc);
/* The shared parameter tables from a port's facts. */
void fxp_param_set(struct fxp_desc *d, int i, int port, const char *symbol,
    const char *name, float min, float max, float def, const char *unit,
    bool log, enum fx_ptype type);
/* FX_ENUM: labels and their port values (taken over). */
void fxp_param_enum(struct fxp_desc *d, int i, char **labels, float *vals,
    int n);
/* The index of a port value among an enumeration's (the nearest). */
int fxp_enum_index(const struct fxp_desc *d, int i, float v);

struct fxp_inst *fxp_inst_new(struct fxp_desc *d, int rate, int nh);
void fxp_inst_free(struct fxp_inst *in);

/* Back-ends: a description for the part of the name after the prefix,
 * or NULL with why. */
struct fxp_desc *fx_lv2_load(const char *uri, char *why, size_t len);
struct fxp_desc *fx_ladspa_load(const char *label, char *why, size_t len);
int fx_lv2_list(const char *filter, fx_plugin_out out, void *user);
int fx_ladspa_list(const char *filter, fx_plugin_out out, void *user);
int fx_lv2_presets(const struct fxp_desc *d, fx_plugin_out out, void *user);
int fx_lv2_preset(const struct fxp_desc *d, const char *name, float *val,
    char *why, size_t len);
/* State (fx_state.h): whether the plugin has the extension; a handle's
 * state saved (NULL when it has none), restored (0 or -1; never while
 * the handle runs); a preset's (NULL when it has none). */
struct fx_state;
bool fx_lv2_has_state(const struct fxp_desc *d);
struct fx_state *fx_lv2_state_save(void *h, const char *dir);
int fx_lv2_state_restore(void *h, const struct fx_state *st);
struct fx_state *fx_lv2_preset_state(struct fxp_desc *d, const char *name,
    const char *dir);

/* Case-insensitive substring (an empty filter matches). */
bool fxp_match(const char *s, const char *filter);

#endif
