/* fx_plugin.h - plugins (LV2, LADSPA) as kinds of the processor table.
 *
 * A kind named "lv2:URI" or "ladspa:LABEL" is built on first use from the
 * plugin's ports (fx_lv2.c, fx_ladspa.c) and kept for the process's life:
 * its parameter table has one entry per control input port (symbol, name,
 * range, default, unit, integer/toggle/enumeration, logarithmic), so that
 * fx-set, fx-list, project.ini and undo treat it as a built-in.
 *
 * An instance (the kind's new) instantiates and activates the plugin on
 * the calling (control) thread, allocates every buffer it will use and
 * connects every port once; process runs it with no allocation.  A
 * plugin with one audio input and one output runs as a pair on a stereo
 * strip (one instance a channel, controls shared).  Other layouts adapt:
 * a mono input on a stereo strip gets (L+R)/2, a stereo output on a mono
 * strip gives (L+R)/2, a stereo input on a mono strip gets the channel
 * twice.  Output with a NaN or an Inf is replaced by silence for that
 * block and counted (fx_plugin_bad_blocks), and fx-list reports it.
 *
 * A plugin that is not installed (or cannot be hosted) in a project
 * becomes a placeholder kind of the same name: its insert passes audio
 * through unchanged and keeps the saved values as their text, so the
 * project saves them back as they were.
 *
 * Control thread only, except the kinds' update/process/latency.
 */
#ifndef REEL_FX_PLUGIN_H
#define REEL_FX_PLUGIN_H

#include <stdbool.h>
#include <stddef.h>

#include "fx.h"

/* "lv2:..." or "ladspa:..." */
bool fx_plugin_named(const char *name);
/* The kind, loaded on first use; NULL with fx_plugin_error() set when
 * the plugin is not installed or cannot be hosted. */
const struct fx_kind *fx_plugin_kind(const char *name);
const char *fx_plugin_error(void);

/* The placeholder for a plugin that could not be loaded (why is kept
 * for fx_plugin_missing). */
const struct fx_kind *fx_plugin_placeholder(const char *name,
    const char *why);
/* Why k is a placeholder, or NULL for a working kind. */
const char *fx_plugin_missing(const struct fx_kind *k);
/* For a placeholder: the parameter symbol, added when new, with text
 * among its values; its index.  -1 when k is not a placeholder. */
int fx_plugin_keep(const struct fx_kind *k, const char *symbol,
    const char *text);

/* A kind's name for a narrow screen: a plugin's URI or label from its
 * last '/' (or ':' when it has none): "fil4#stereo" for
 * "lv2:http://gareus.org/oss/lv2/fil4#stereo"; a built-in's name. */
const char *fx_plugin_short(const struct fx_kind *k);

/* Blocks of output muted because they were not finite, by every
 * instance of the plugin (playback and renders) since the start. */
int fx_plugin_bad_blocks(const struct fx_kind *k);

/* Lines "NAME  URI  CLASS  audio IN/OUT, N controls" for the installed
 * plugins whose name, URI or class contains filter (any case). */
typedef void (*fx_plugin_out)(void *user, const char *line);
int fx_plugin_list(const char *filter, fx_plugin_out out, void *user);
/* A plugin's presets, by name; -1 with fx_plugin_error() when the kind
 * has none to offer. */
int fx_plugin_presets(const struct fx_kind *k, fx_plugin_out out,
    void *user);
/* Sets val (the kind's parameters) from the preset called name; the
 * parameters the preset does not name keep their values.  When the
 * plugin has the state extension and the preset a state, *state gets
 * it (paths relative to dir where inside it), else NULL.  -1 with
 * fx_plugin_error(). */
struct fx_state;
int fx_plugin_preset(const struct fx_kind *k, const char *name, float *val,
    const char *dir, struct fx_state **state);

/* LV2's state extension (fx_state.h).  Control thread.  Restores st
 * into an instance of k that nothing runs yet (noted when the
 * plugin refuses it: fx_plugin_state_failed); the state of an
 * instance (it may run meanwhile), NULL when the plugin has none. */
void fx_plugin_restore(const struct fx_kind *k, void *inst,
    const struct fx_state *st);
/* The latency of instance inst of k with val (control thread): a
 * plugin's as measured with the state inst was restored with; any
 * other kind's fx_latency. */
int fx_plugin_latency(const struct fx_kind *k, void *inst, const float *val,
    int rate);
/* The last error or warning the plugin logged (LV2 log:log) on the
 * control thread (instantiation, state restore, renders), or NULL. */
const char *fx_plugin_said(const struct fx_kind *k);
/* Whether the plugin refused a state restored into it. */
bool fx_plugin_state_failed(const struct fx_kind *k);
struct fx_state *fx_plugin_save(const struct fx_kind *k, void *inst,
    const char *dir);

#endif
