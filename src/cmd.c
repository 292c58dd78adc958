/* cmd.c - parsing and dispatch of the command language. */
#include "cmd.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "album.h"
#include "session.h"
#include "util.h"

extern const struct cmd_entry cmd_stems_entry, cmd_freeze_entry,
    cmd_unfreeze_entry;
extern const struct cmd_entry cmd_auto_entry, cmd_auto_clear_entry,
    cmd_auto_mode_entry, cmd_autos_entry, cmd_lanes_entry;
extern const struct cmd_entry cmd_track_add_entry, cmd_track_remove_entry,
    cmd_track_rename_entry, cmd_track_input_entry, cmd_arm_entry,
    cmd_disarm_entry, cmd_gain_entry, cmd_pan_entry, cmd_mute_entry,
    cmd_unmute_entry, cmd_solo_entry, cmd_unsolo_entry, cmd_role_entry,
    cmd_locate_entry, cmd_play_entry, cmd_record_entry, cmd_stop_entry,
    cmd_render_entry, cmd_info_entry, cmd_import_entry, cmd_tempo_entry,
    cmd_meter_entry, cmd_take_entry, cmd_takes_entry, cmd_help_entry,
    cmd_where_entry, cmd_status_entry, cmd_save_entry, cmd_loop_entry,
    cmd_punch_entry, cmd_preroll_entry, cmd_count_in_entry, cmd_click_entry,
    cmd_click_level_entry, cmd_monitor_entry, cmd_comp_entry, cmd_rate_entry,
    cmd_take_note_entry, cmd_group_add_entry, cmd_ungroup_entry,
    cmd_xfade_entry, cmd_undo_entry, cmd_redo_entry,
    cmd_latency_measure_entry, cmd_audition_entry, cmd_click_out_entry;
extern const struct cmd_entry cmd_fx_add_entry, cmd_fx_set_entry,
    cmd_fx_bypass_entry, cmd_fx_remove_entry, cmd_fx_move_entry,
    cmd_fx_list_entry, cmd_bus_add_entry, cmd_bus_remove_entry,
    cmd_send_entry, cmd_send_remove_entry, cmd_route_entry,
    cmd_fx_nudge_entry, cmd_strip_edit_entry;
extern const struct cmd_entry cmd_version_save_entry, cmd_versions_entry,
    cmd_version_load_entry, cmd_version_diff_entry, cmd_request_entry,
    cmd_requests_entry, cmd_request_done_entry, cmd_request_reopen_entry,
    cmd_request_next_entry, cmd_request_prev_entry,
    cmd_requests_export_entry, cmd_renders_entry, cmd_ab_entry,
    cmd_ab_toggle_entry;
extern const struct cmd_entry cmd_plugins_entry, cmd_fx_presets_entry,
    cmd_fx_preset_entry;
extern const struct cmd_entry cmd_loudness_entry, cmd_loudness_report_entry,
    cmd_targets_entry, cmd_master_target_entry, cmd_listen_entry,
    cmd_loudness_reset_entry, cmd_reference_entry, cmd_ab_reference_entry;
extern const struct cmd_entry cmd_screen_entry, cmd_select_entry,
    cmd_scroll_entry, cmd_find_entry, cmd_zoom_entry, cmd_quit_entry,
    cmd_redraw_entry, cmd_toggle_entry, cmd_play_toggle_entry,
    cmd_nudge_entry, cmd_seek_entry, cmd_meters_entry, cmd_cursor_entry,
    cmd_mark_entry, cmd_pick_entry, cmd_cycle_entry;
/* cmd_ui.c: the Arrangement's time selection and editing form. */
extern const struct cmd_entry cmd_range_entry, cmd_form_entry;
/* cmd_clip.c, cmd_section.c: clips, sections, markers (issue 10). */
extern const struct cmd_entry cmd_split_entry, cmd_trim_entry,
    cmd_move_entry, cmd_duplicate_entry, cmd_delete_entry, cmd_fade_entry,
    cmd_clip_gain_entry, cmd_snap_entry, cmd_grid_entry,
    cmd_section_add_entry, cmd_section_rename_entry, cmd_section_move_entry,
    cmd_section_copy_entry, cmd_section_delete_entry,
    cmd_section_resize_entry, cmd_sections_entry, cmd_marker_add_entry,
    cmd_marker_remove_entry, cmd_markers_entry;
/* cmd_sheet.c, cmd_grid.c, cmd_cleanup.c: song sheet, arrangement grid,
 * cleanup (issue 10). */
extern const struct cmd_entry cmd_chords_entry, cmd_lyrics_entry,
    cmd_sheet_export_entry, cmd_arrangement_export_entry, cmd_cleanup_entry,
    cmd_view_entry, cmd_lyrics_edit_entry;
/* cmd_album.c: the album (issues 11 and 13). */
extern const struct cmd_entry cmd_album_entry, cmd_album_list_entry,
    cmd_album_add_entry, cmd_album_remove_entry, cmd_album_move_entry,
    cmd_album_gain_entry, cmd_album_nudge_entry, cmd_album_measure_entry,
    cmd_album_match_entry, cmd_album_render_entry, cmd_meta_entry,
    cmd_album_meta_entry, cmd_gap_entry, cmd_crossfade_entry,
    cmd_index_entry, cmd_side_entry;
/* cmd_deliver.c: delivery of the album (issue 13). */
extern const struct cmd_entry cmd_deliver_entry;
/* cmd_album_layout.c: the album's CD and vinyl layout (issue 13). */
extern const struct cmd_entry cmd_album_layout_entry,
    cmd_vinyl_format_entry;
/* cmd_edit.c: editing operations (issue 14). */
extern const struct cmd_entry cmd_noise_learn_entry, cmd_denoise_entry,
    cmd_strip_silence_entry, cmd_stretch_entry, cmd_shift_entry,
    cmd_reprocess_entry, cmd_preview_entry, cmd_onsets_entry,
    cmd_quantize_entry;
extern const struct cmd_entry cmd_tune_entry, cmd_pitch_entry,
    cmd_pitch_view_entry;

const struct cmd_entry *const cmd_table[] = {
	&cmd_track_add_entry, &cmd_track_remove_entry, &cmd_track_rename_entry,
	&cmd_track_input_entry, &cmd_role_entry, &cmd_arm_entry,
	&cmd_disarm_entry, &cmd_gain_entry, &cmd_pan_entry, &cmd_mute_entry,
	&cmd_unmute_entry, &cmd_solo_entry, &cmd_unsolo_entry,
	&cmd_locate_entry, &cmd_play_entry, &cmd_record_entry,
	&cmd_stop_entry, &cmd_render_entry, &cmd_stems_entry,
	&cmd_import_entry,
	&cmd_loop_entry, &cmd_punch_entry, &cmd_preroll_entry,
	&cmd_count_in_entry, &cmd_click_entry, &cmd_click_level_entry,
	&cmd_click_out_entry,
	&cmd_monitor_entry, &cmd_latency_measure_entry, &cmd_tempo_entry, &cmd_meter_entry,
	&cmd_takes_entry, &cmd_take_entry, &cmd_audition_entry,
	&cmd_comp_entry, &cmd_rate_entry,
	&cmd_take_note_entry, &cmd_group_add_entry, &cmd_ungroup_entry,
	&cmd_fx_add_entry, &cmd_fx_set_entry, &cmd_fx_bypass_entry,
	&cmd_fx_remove_entry, &cmd_fx_move_entry, &cmd_fx_list_entry,
	&cmd_freeze_entry, &cmd_unfreeze_entry,
	&cmd_fx_nudge_entry, &cmd_strip_edit_entry,
	&cmd_plugins_entry, &cmd_fx_presets_entry, &cmd_fx_preset_entry,
	&cmd_bus_add_entry, &cmd_bus_remove_entry, &cmd_send_entry,
	&cmd_send_remove_entry, &cmd_route_entry,
	&cmd_version_save_entry, &cmd_versions_entry, &cmd_version_load_entry,
	&cmd_version_diff_entry, &cmd_request_entry, &cmd_requests_entry,
	&cmd_request_done_entry, &cmd_request_reopen_entry,
	&cmd_request_next_entry, &cmd_request_prev_entry,
	&cmd_requests_export_entry, &cmd_renders_entry, &cmd_ab_entry,
	&cmd_ab_toggle_entry,
	&cmd_xfade_entry,
	&cmd_split_entry, &cmd_trim_entry, &cmd_move_entry,
	&cmd_duplicate_entry, &cmd_delete_entry, &cmd_fade_entry,
	&cmd_clip_gain_entry, &cmd_snap_entry, &cmd_grid_entry,
	&cmd_section_add_entry, &cmd_section_rename_entry,
	&cmd_section_move_entry, &cmd_section_copy_entry,
	&cmd_section_delete_entry, &cmd_section_resize_entry,
	&cmd_sections_entry, &cmd_marker_add_entry, &cmd_marker_remove_entry,
	&cmd_markers_entry,
	&cmd_chords_entry, &cmd_lyrics_entry, &cmd_sheet_export_entry,
	&cmd_arrangement_export_entry, &cmd_cleanup_entry, &cmd_view_entry,
	&cmd_lyrics_edit_entry,
	&cmd_noise_learn_entry, &cmd_denoise_entry, &cmd_strip_silence_entry,
	&cmd_stretch_entry, &cmd_shift_entry, &cmd_reprocess_entry,
	&cmd_preview_entry, &cmd_onsets_entry, &cmd_quantize_entry,
	&cmd_tune_entry, &cmd_pitch_entry, &cmd_pitch_view_entry,
	&cmd_undo_entry, &cmd_redo_entry, &cmd_info_entry, &cmd_where_entry,
	&cmd_auto_entry, &cmd_auto_clear_entry, &cmd_auto_mode_entry,
	&cmd_autos_entry, &cmd_lanes_entry,
	&cmd_loudness_entry, &cmd_loudness_report_entry, &cmd_targets_entry,
	&cmd_master_target_entry, &cmd_listen_entry, &cmd_loudness_reset_entry,
	&cmd_reference_entry, &cmd_ab_reference_entry,
	&cmd_album_entry, &cmd_album_list_entry, &cmd_album_add_entry,
	&cmd_album_remove_entry, &cmd_album_move_entry, &cmd_album_gain_entry,
	&cmd_album_nudge_entry, &cmd_album_measure_entry,
	&cmd_album_match_entry, &cmd_album_render_entry, &cmd_meta_entry,
	&cmd_album_meta_entry, &cmd_gap_entry, &cmd_crossfade_entry,
	&cmd_index_entry, &cmd_side_entry, &cmd_deliver_entry,
	&cmd_album_layout_entry, &cmd_vinyl_format_entry,
	&cmd_status_entry, &cmd_save_entry, &cmd_help_entry,
	&cmd_play_toggle_entry, &cmd_seek_entry, &cmd_toggle_entry,
	&cmd_nudge_entry, &cmd_meters_entry, &cmd_screen_entry,
	&cmd_select_entry, &cmd_cursor_entry, &cmd_mark_entry,
	&cmd_pick_entry, &cmd_cycle_entry, &cmd_scroll_entry, &cmd_find_entry,
	&cmd_zoom_entry, &cmd_redraw_entry, &cmd_quit_entry, &cmd_range_entry,
	&cmd_form_entry, NULL
};

const struct cmd_entry *
cmd_find(const char *name)
{
	int i;

	for (i = 0; cmd_table[i] != NULL; i++)
		if (strcmp(cmd_table[i]->name, name) == 0)
			return cmd_table[i];
	return NULL;
}

void
cmd_free_words(char **words, int n)
{
	int i;

	for (i = 0; i < n; i++)
		free(words[i]);
	free(words);
}

int
cmd_split(const char *text, char ***words, const char **next, char *err,
    size_t errlen)
{
	return cmd_split_opts(text, words, NULL, next, err, errlen);
}

int
cmd_split_opts(const char *text, char ***words, bool **opts,
    const char **next, char *err, size_t errlen)
{
	const char *p = text;
	char **w = NULL, *buf;
	bool *o = NULL;
	size_t len, cap = strlen(text) + 1;
	int n = 0;
	char quote;
	/* As in sh's NAME=value: an option only when the key and its '='
	 * are typed bare; "a=b.wav" and a\=b.wav are plain words. */
	enum { KEY, OPTION, WORD } kind;

	buf = xmalloc(cap);
	for (;;) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '#')
			while (*p != '\0' && *p != '\n')
				p++;
		if (*p == '\0' || *p == ';' || *p == '\n') {
			*next = *p == '\0' ? p : p + 1;
			break;
		}
		len = 0;
		quote = 0;
		kind = KEY;
		while (*p != '\0') {
			if (quote == 0 && (*p == ' ' || *p == '\t' ||
			    *p == ';' || *p == '\n'))
				break;
			if (quote == 0 && (*p == '"' || *p == '\'')) {
				quote = *p++;
				if (kind == KEY)
					kind = WORD;
				continue;
			}
			if (quote != 0 && *p == quote) {
				quote = 0;
				p++;
				continue;
			}
			if (*p == '\\' && quote != '\'' && p[1] != '\0') {
				p++;
				buf[len++] = *p == 'n' && quote ? '\n' : *p;
				p++;
				if (kind == KEY)
					kind = WORD;
				continue;
			}
			if (kind == KEY && *p == '=')
				kind = len > 0 ? OPTION : WORD;
			buf[len++] = *p++;
		}
		if (quote != 0) {
			snprintf(err, errlen, "unbalanced %c quote", quote);
			free(buf);
			free(o);
			cmd_free_words(w, n);
			return -1;
		}
		w = xreallocarray(w, n + 1, sizeof *w);
		o = xreallocarray(o, n + 1, sizeof *o);
		o[n] = kind == OPTION;
		w[n++] = xstrndup(buf, len);
	}
	free(buf);
	*words = w;
	if (opts != NULL)
		*opts = o;
	else
		free(o);
	return n;
}

const char *
cmd_key(const struct cmd_args *a, const char *key)
{
	int i;

	for (i = 0; i < a->nkv; i++)
		if (strcmp(a->keys[i], key) == 0)
			return a->vals[i];
	return NULL;
}

int
cmd_parse_double(struct session *s, const char *what, const char *v,
    double min, double max, double *out)
{
	char *end;
	double x;

	errno = 0;
	x = strtod(v, &end);
	if (errno != 0 || end == v || *end != '\0' || !isfinite(x) ||
	    x < min || x > max)
		return session_fail(s, "%s: expected a number from %g to %g, "
		    "got '%s'", what, min, max, v);
	*out = x;
	return 0;
}

int
cmd_parse_time(struct session *s, const char *what, const char *v,
    int64_t *out)
{
	char err[256];

	if (timefmt_parse(v, s->p->rate, &s->p->tempo, out, err,
	    sizeof err) != 0)
		return session_fail(s, "%s: %s", what, err);
	return 0;
}

int
cmd_parse_span(struct session *s, const struct cmd_args *a, int64_t *start,
    int64_t *end)
{
	const char *v;

	*start = 0;
	*end = project_length(s->p);
	if ((v = cmd_key(a, "start")) != NULL &&
	    cmd_parse_time(s, "start", v, start) != 0)
		return -1;
	if ((v = cmd_key(a, "end")) != NULL &&
	    cmd_parse_time(s, "end", v, end) != 0)
		return -1;
	if (*end <= *start)
		return session_fail(s, "nothing to render: end (%lld) is not "
		    "after start (%lld)", (long long)*end, (long long)*start);
	return 0;
}

int
cmd_parse_duration(struct session *s, const char *what, const char *v,
    int64_t *out)
{
	char err[256];

	if (timefmt_parse_duration(v, s->p->rate, out, err, sizeof err) != 0)
		return session_fail(s, "%s: %s", what, err);
	return 0;
}

struct track *
cmd_track(struct session *s, const char *name)
{
	struct track *t = project_track(s->p, name);

	if (t == NULL)
		session_fail(s, "no track named '%s'", name);
	return t;
}

static bool
cmd_key_allowed(const struct cmd_entry *ce, const char *key)
{
	const char *k = ce->keys;
	size_t n = strlen(key);

	/* "*": the command checks its keys itself (fx-set's parameters
	 * come from the processor's table). */
	if (k != NULL && strcmp(k, "*") == 0)
		return true;
	while (k != NULL && *k != '\0') {
		if (strncmp(k, key, n) == 0 && (k[n] == ',' || k[n] == '\0'))
			return true;
		k = strchr(k, ',');
		if (k != NULL)
			k++;
	}
	return false;
}

/* Runs one split command; opts[i]: words[i] is typed as key=value. */
static int
cmd_exec(struct session *s, char **words, const bool *opts, int n)
{
	const struct cmd_entry *ce = cmd_find(words[0]);
	struct cmd_args a;
	int i, rc;
	char *eq;

	if (ce == NULL) {
		s->cmd_name = NULL;
		return session_fail(s, "unknown command '%s' (try 'help')",
		    words[0]);
	}
	s->cmd_name = ce->name;
	memset(&a, 0, sizeof a);
	a.argv = xcalloc(n, sizeof *a.argv);
	a.keys = xcalloc(n, sizeof *a.keys);
	a.vals = xcalloc(n, sizeof *a.vals);
	rc = 0;
	for (i = 0; i < n; i++) {
		eq = i > 0 && ce->keys != NULL && opts[i] ?
		    strchr(words[i], '=') : NULL;
		if (eq != NULL) {
			*eq = '\0';
			if (!cmd_key_allowed(ce, words[i])) {
				rc = session_fail(s, "unknown option '%s' "
				    "(usage: %s %s)", words[i], ce->name,
				    ce->usage);
				break;
			}
			if (cmd_key(&a, words[i]) != NULL) {
				rc = session_fail(s, "option '%s' given twice",
				    words[i]);
				break;
			}
			a.keys[a.nkv] = words[i];
			a.vals[a.nkv++] = eq + 1;
		} else
			a.argv[a.argc++] = words[i];
	}
	if (rc == 0 && (a.argc - 1 < ce->min || a.argc - 1 > ce->max))
		rc = session_fail(s, "usage: %s %s", ce->name, ce->usage);
	if (rc == 0 && s->p == NULL && !(ce->flags & CMD_NOSONG))
		rc = session_fail(s, "needs a song project, and this session "
		    "has only the album open (reel PROJECT opens a song)");
	if (rc == 0 && (ce->flags & CMD_SAVE) && s->p != NULL &&
	    s->p->readonly &&
	    !((ce->flags & CMD_SHOW1) && a.argc <= 2))
		rc = session_fail(s, "the project is read-only");
	if (rc == 0) {
		/* Every change can be undone: the state before it is kept
		 * as project.ini text. */
		char *before = (ce->flags & CMD_SAVE) && s->p != NULL ?
		    project_text(s->p) : NULL, *line;
		char *abefore = (ce->flags & CMD_ALBUM) && s->album != NULL ?
		    album_text(s->album) : NULL;

		/* A move while an automation pass writes is recorded
		 * there, and undone with the pass. */
		double *moves = before != NULL ? auto_pass_before(s) : NULL;
		bool absorbed = false;

		s->said[0] = s->step[0] = s->burst_param[0] = '\0';
		s->step_merged = false;
		rc = ce->exec(s, &a);
		if (rc == 0)
			absorbed = auto_pass_after(s, moves, before);
		else
			free(moves);
		if (rc == 0 && (ce->flags & CMD_UPDATE))
			session_update(s);
		if (rc == 0 && before != NULL && !absorbed) {
			line = cmd_text_words(&a);
			rc = session_commit(s, before, line);
			free(line);
		} else
			free(before);
		if (rc == 0 && abefore != NULL && s->album != NULL) {
			line = cmd_text_words(&a);
			rc = session_album_commit(s, abefore, line);
			free(line);
		} else
			free(abefore);
		/* Said once it is saved: the front ends confirm changes. */
		if (rc == 0 && s->said[0] != '\0')
			session_msg(s, MSG_DONE, "%s", s->said);
		s->said[0] = '\0';
	}
	free(a.argv);
	free(a.keys);
	free(a.vals);
	s->cmd_name = NULL;
	return rc;
}

int
cmd_run(struct session *s, const char *text)
{
	const char *p = text, *next;
	char **words, err[256];
	bool *opts;
	int n, rc;

	while (*p != '\0') {
		n = cmd_split_opts(p, &words, &opts, &next, err, sizeof err);
		if (n < 0) {
			session_fail(s, "%s", err);
			return 1;
		}
		rc = n > 0 ? cmd_exec(s, words, opts, n) : 0;
		free(opts);
		cmd_free_words(words, n);
		if (rc != 0)
			return 1;
		p = next;
	}
	return 0;
}

static void
cmd_add_match(char ***list, int *n, const char *word, const char *prefix)
{
	int i;

	if (strncmp(word, prefix, strlen(prefix)) != 0)
		return;
	for (i = 0; i < *n; i++)
		if (strcmp((*list)[i], word) == 0)
			return;
	*list = xreallocarray(*list, *n + 1, sizeof **list);
	(*list)[(*n)++] = xstrdup(word);
}

/* Candidates for one alternative of a usage word: a literal (lower-case
 * word), or track names for NAME and TRACK. */
static void
cmd_complete_alt(struct session *s, char ***list, int *n, const char *alt,
    size_t len, const char *word)
{
	char buf[64];
	size_t i;
	int j;

	if (len == 0 || len >= sizeof buf)
		return;
	memcpy(buf, alt, len);
	buf[len] = '\0';
	if (strcmp(buf, "NAME") == 0 || strcmp(buf, "TRACK") == 0) {
		for (j = 0; s->p != NULL && j < s->p->ntracks; j++)
			cmd_add_match(list, n, s->p->tracks[j].name, word);
		return;
	}
	for (i = 0; i < len; i++)
		if (!islower((unsigned char)buf[i]) && buf[i] != '-')
			return;
	cmd_add_match(list, n, buf, word);
}

/* Words that fit the argument at `argi` (from 0) of a command, from its
 * usage text; key=value words from its keys. */
static void
cmd_complete_arg(struct session *s, const struct cmd_entry *ce, int argi,
    const char *word, char ***list, int *n)
{
	const char *u = ce->usage, *e, *a, *bar;
	char key[64];
	int pos = 0, j;

	if (strchr(word, '=') != NULL && ce->keys != NULL) {
		if (strncmp(word, "role=", 5) == 0)
			for (j = 0; project_roles[j] != NULL; j++) {
				snprintf(key, sizeof key, "role=%s",
				    project_roles[j]);
				cmd_add_match(list, n, key, word);
			}
		return;
	}
	while (*u != '\0') {
		while (*u == ' ')
			u++;
		e = u + strcspn(u, " ");
		if (e == u)
			break;
		a = u;
		if (*a == '[')
			a++;
		if (memchr(a, '=', e - a) == NULL && *a != '.') {
			if (pos++ == argi) {
				while (a < e) {
					bar = memchr(a, '|', e - a);
					if (bar == NULL)
						bar = e;
					cmd_complete_alt(s, list, n, a,
					    bar - a - (bar == e &&
					    e[-1] == ']'), word);
					a = bar + 1;
				}
			}
		}
		u = e;
	}
	/* The usage's last word may repeat ("TRACK..."): tracks again. */
	if (pos <= argi && strstr(ce->usage, "...") != NULL)
		for (j = 0; s->p != NULL && j < s->p->ntracks; j++)
			cmd_add_match(list, n, s->p->tracks[j].name, word);
	for (u = ce->keys; u != NULL && *u != '\0'; u = e + (*e == ',')) {
		e = u + strcspn(u, ",");
		if ((size_t)(e - u) + 2 > sizeof key)
			continue;
		memcpy(key, u, e - u);
		key[e - u] = '=';
		key[e - u + 1] = '\0';
		cmd_add_match(list, n, key, word);
	}
}

char **
cmd_complete(struct session *s, const char *line, int *n)
{
	const char *start = line + strlen(line), *sp, *cmd;
	const struct cmd_entry *ce;
	char **list = NULL, **w, err[64], *name;
	const char *next;
	int i, nw, argi;

	*n = 0;
	/* The word being completed starts after the last blank or ';'. */
	while (start > line && start[-1] != ' ' && start[-1] != ';')
		start--;
	sp = start;
	while (sp > line && sp[-1] == ' ')
		sp--;
	if (sp == line || sp[-1] == ';') {
		for (i = 0; cmd_table[i] != NULL; i++)
			cmd_add_match(&list, n, cmd_table[i]->name, start);
		return list;
	}
	/* The command this word belongs to, and which argument it is. */
	cmd = sp;
	while (cmd > line && cmd[-1] != ';')
		cmd--;
	name = xstrndup(cmd, start - cmd);
	nw = cmd_split(name, &w, &next, err, sizeof err);
	free(name);
	ce = nw > 0 ? cmd_find(w[0]) : NULL;
	if (ce == NULL) {
		for (i = 0; s->p != NULL && i < s->p->ntracks; i++)
			cmd_add_match(&list, n, s->p->tracks[i].name, start);
	} else {
		for (argi = 0, i = 1; i < nw; i++)
			if (ce->keys == NULL || strchr(w[i], '=') == NULL)
				argi++;
		cmd_complete_arg(s, ce, argi, start, &list, n);
	}
	if (nw > 0)
		cmd_free_words(w, nw);
	return list;
}
