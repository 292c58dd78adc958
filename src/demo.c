/* demo.c - the demo song: what reel is, in 36 seconds.
 *
 * Sixteen bars at 110 BPM in 4/4 (intro, two verses, a chorus, an
 * ending) on six tracks with roles: drums, bass, a strummed rhythm guitar,
 * a pad, a lead line recorded in three takes and comped across them (each
 * take has a flaw the comp leaves out), and a harmony in the chorus.  The
 * chorus is the loop.  The parts are laid out as sections with their
 * chords and lyrics (the song sheet), so that the Arrangement shows them
 * at once.  All of it is synthesized here (demo_synth.c),
 * deterministically and in well under a second.
 */
#include "demo.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "comp.h"
#include "demo_synth.h"
#include "project.h"
#include "sheet.h"
#include "util.h"
#include "wavfile.h"

#define DEMO_BPM 110.0
#define DEMO_BARS 16
#define DEMO_TAIL_S 1.5		/* the last chord rings out */
#define DEMO_VERSE 3		/* first bar of the first verse */
#define DEMO_CHORUS 11		/* first bar of the chorus (the loop) */
#define DEMO_OUTRO 15

/* Chords: C, G, Am, F, as the notes of a pad voicing and of a guitar's
 * open-position strum (0 ends a list), and the bass's root. */
enum { DEMO_C, DEMO_G, DEMO_AM, DEMO_F };
static const int demo_pad_notes[4][3] = {
	{ 60, 64, 67 }, { 59, 62, 67 }, { 57, 60, 64 }, { 57, 60, 65 }
};
static const int demo_gtr_notes[4][7] = {
	{ 48, 52, 55, 60, 64, 0 }, { 43, 47, 50, 55, 59, 67, 0 },
	{ 45, 52, 57, 60, 64, 0 }, { 41, 48, 53, 57, 60, 65, 0 }
};
static const int demo_root[4] = { 36, 43, 45, 41 };
static const int demo_chords[DEMO_BARS] = {
	DEMO_C, DEMO_G,					/* intro */
	DEMO_C, DEMO_G, DEMO_AM, DEMO_F,		/* verse 1 */
	DEMO_C, DEMO_G, DEMO_AM, DEMO_F,		/* verse 2 */
	DEMO_F, DEMO_G, DEMO_C, DEMO_AM,		/* chorus */
	DEMO_G, DEMO_C					/* ending */
};

/* The lead line from the first verse on, in eighths: a MIDI note starts,
 * -1 holds, 0 rests. */
static const int demo_melody[DEMO_BARS - DEMO_VERSE + 1][8] = {
	{ 76, -1, 74, 72, 74, -1, 76, -1 },	/* C */
	{ 74, -1, -1, 71, 74, -1, 79, -1 },	/* G */
	{ 76, -1, 72, -1, 69, -1, 72, 76 },	/* Am */
	{ 77, -1, 76, 72, 69, -1, -1, 0 },	/* F */
	{ 79, -1, 76, -1, 74, 72, 74, -1 },	/* C */
	{ 71, -1, 74, -1, 79, -1, -1, -1 },	/* G */
	{ 81, -1, 79, 76, 72, -1, 76, -1 },	/* Am */
	{ 77, -1, 76, 74, 72, -1, -1, 0 },	/* F */
	{ 81, -1, -1, -1, 84, -1, 81, -1 },	/* chorus: F */
	{ 83, -1, -1, 81, 79, -1, -1, -1 },	/* G */
	{ 79, -1, 76, -1, 79, -1, 84, -1 },	/* C */
	{ 84, -1, 83, 81, 76, -1, -1, -1 },	/* Am */
	{ 74, -1, -1, -1, 71, -1, -1, -1 },	/* G */
	{ 72, -1, -1, -1, -1, -1, -1, -1 },	/* C, held */
};

/* The three takes of the lead: where each went wrong, which the comp
 * leaves out (take 2 plays bars 3-6, take 1 bars 7-10, take 3 the rest). */
struct demo_take_spec {
	int rating;
	const char *note;
	double rush_ms;		/* ahead of the beat, the whole take */
	int sour_bar;		/* a note a semitone sharp in this bar */
	int lost_bar;		/* no notes in this bar */
	int late_bar;		/* the first note of this bar comes in late */
	float vibrato;
};
static const struct demo_take_spec demo_lead_takes[3] = {
	{ 2, "rushed; a sour note in bar 5", 12, 5, 0, 0, 0.8f },
	{ 3, "good verse, lost in the chorus", 0, 0, 12, 13, 1.0f },
	{ 4, "late start, best chorus", 0, 0, 0, 3, 1.3f },
};

struct demo {
	struct project *p;
	int rate;
	int64_t frames;		/* the song, with its tail */
	uint32_t seed;
	char *err;
	size_t errlen;
};

/* Frame of a bar (from 1) and a beat within it (from 0, fractional). */
static int64_t
demo_at(const struct demo *d, int bar, double beat)
{
	return tempo_bar_to_frame(&d->p->tempo, d->rate, bar, 1.0 + beat);
}

static int64_t
demo_beats(const struct demo *d, double beats)
{
	return llround(beats * 60.0 * d->rate / DEMO_BPM);
}

static int
demo_buf_new(struct demo *d, struct demo_buf *b, int ch, int64_t frames)
{
	b->ch = ch;
	b->frames = frames;
	b->rate = d->rate;
	b->x = calloc((size_t)frames * ch, sizeof(float));
	if (b->x == NULL) {
		snprintf(d->err, d->errlen, "demo: out of memory");
		return -1;
	}
	return 0;
}

/* Writes b as a new take of t over [start, start + frames) and makes it
 * the active take; the caller comps it. */
static struct take *
demo_take(struct demo *d, struct track *t, struct demo_buf *b, int64_t start,
    int rating, const char *note)
{
	struct take *k = project_take_add(t);
	char *rel = xasprintf("audio/%s-%d.wav", t->name, k->id);
	char *path = project_path(d->p, rel);
	struct wavfile *w = wavfile_create(path, b->ch, d->rate,
	    d->p->take_format, d->err, d->errlen);

	free(path);
	k->file = rel;
	if (w == NULL)
		return NULL;
	if (wavfile_write(w, b->x, (size_t)b->frames) != 0 ||
	    wavfile_close(w, NULL) != 0) {
		snprintf(d->err, d->errlen, "%s: write failed", rel);
		return NULL;
	}
	k->channels = b->ch;
	k->start = k->rec_start = start;
	k->length = b->frames;
	k->rec_end = start + b->frames;
	k->rating = rating;
	k->note = note != NULL ? xstrdup(note) : NULL;
	k->pass = d->p->next_pass++;
	t->active = k->id;
	return k;
}

/* A track of one take over the whole song. */
static int
demo_track(struct demo *d, struct demo_buf *b, const char *name,
    const char *role, double gain_db, double pan)
{
	int none[2] = { 0, 0 };
	struct track *t = project_track_add(d->p, name, b->ch, none, role);
	struct take *k;

	t->gain_db = gain_db;
	t->pan = pan;
	k = demo_take(d, t, b, 0, 0, NULL);
	free(b->x);
	b->x = NULL;
	if (k == NULL)
		return -1;
	comp_whole(t, k, comp_default_xfade(d->p));
	return 0;
}

static int
demo_drums(struct demo *d)
{
	struct demo_buf b;
	int bar, s;

	if (demo_buf_new(d, &b, 2, d->frames) != 0)
		return -1;
	for (bar = 1; bar <= DEMO_BARS; bar++) {
		bool chorus = bar >= DEMO_CHORUS && bar < DEMO_OUTRO;

		if (bar == DEMO_BARS) {
			/* The last downbeat, and a cymbal to ring out. */
			demo_synth_kick(&b, demo_at(d, bar, 0), 0.6f);
			demo_synth_hat(&b, demo_at(d, bar, 0), 0.5f, 0.3f, 0.5,
			    &d->seed);
			break;
		}
		/* Sixteenths: kick on 1 and 3 (and the "and" of 3 every
		 * other bar), snare on 2 and 4, hats on the eighths. */
		for (s = 0; s < 16; s++) {
			int64_t at = demo_at(d, bar, s / 4.0);
			float accent = s % 4 == 0 ? 1.0f : 0.7f;

			if (s == 0 || s == 8 || (s == 10 && bar % 2 == 0))
				demo_synth_kick(&b, at, s == 10 ? 0.45f : 0.6f);
			if (bar > 1 && (s == 4 || s == 12))
				demo_synth_snare(&b, at, 0.4f, -0.1f, &d->seed);
			/* A fill into the verse and into the chorus. */
			if ((bar == DEMO_VERSE - 1 || bar == DEMO_CHORUS - 1)
			    && s >= 13)
				demo_synth_snare(&b, at, 0.3f + 0.05f * s / 4,
				    -0.1f, &d->seed);
			if (s % 2 == 0 || (chorus && s % 2 == 1))
				demo_synth_hat(&b, at, (s % 2 ? 0.25f : 0.4f) *
				    accent, 0.35f, s == 14 && bar % 4 == 0 ?
				    0.12 : 0.018, &d->seed);
		}
		if (bar == DEMO_VERSE || bar == DEMO_CHORUS)
			demo_synth_hat(&b, demo_at(d, bar, 0), 0.6f, -0.3f,
			    0.45, &d->seed);
	}
	return demo_track(d, &b, "drums", "drums", -2.0, 0.0);
}

static int
demo_bass(struct demo *d)
{
	/* Eighths of a bar: root, root, root, fifth, octave. */
	static const int at8[] = { 0, 3, 4, 6, 7 }, len8[] = { 3, 1, 2, 1, 1 };
	static const int off[] = { 0, 0, 0, 7, 12 };
	struct demo_buf b;
	int bar, i;

	if (demo_buf_new(d, &b, 1, d->frames) != 0)
		return -1;
	for (bar = 2; bar <= DEMO_BARS; bar++) {
		int root = demo_root[demo_chords[bar - 1]];

		if (bar == 2 || bar == DEMO_BARS) {
			demo_synth_bass(&b, demo_at(d, bar, 0), demo_beats(d,
			    bar == 2 ? 3.8 : 5.5), root, 0.6f);
			continue;
		}
		for (i = 0; i < 5; i++)
			demo_synth_bass(&b, demo_at(d, bar, at8[i] / 2.0),
			    demo_beats(d, len8[i] / 2.0 * 0.9), root + off[i],
			    0.6f);
	}
	return demo_track(d, &b, "bass", "bass", -7.0, 0.0);
}

static int
demo_gtr(struct demo *d)
{
	/* Down on 1, 2 and 4, up on the "and"s of 2, 3 and 4. */
	static const int at8[] = { 0, 2, 3, 5, 6, 7 };
	static const bool up[] = { false, false, true, true, false, true };
	struct demo_buf b;
	int bar, i, j, n;

	if (demo_buf_new(d, &b, 1, d->frames) != 0)
		return -1;
	for (bar = DEMO_VERSE; bar <= DEMO_BARS; bar++) {
		const int *notes = demo_gtr_notes[demo_chords[bar - 1]];
		int strums = bar == DEMO_BARS ? 1 : 6;

		for (n = 0; notes[n] != 0; n++)
			;
		for (i = 0; i < strums; i++) {
			int64_t at = demo_at(d, bar, at8[i] / 2.0);
			int64_t len = bar == DEMO_BARS ? demo_beats(d, 6) :
			    demo_at(d, bar, (i + 1 < 6 ? at8[i + 1] : 8) /
			    2.0) - at;
			/* An upstroke catches the top strings, top first. */
			int lo = up[i] ? n - 3 : 0;

			for (j = lo; j < n; j++) {
				int k = up[i] ? n - 1 - (j - lo) : j;
				int64_t delay = (int64_t)(j - lo) * d->rate /
				    90;

				demo_synth_pluck(&b, at + delay, len - delay,
				    notes[k], up[i] ? 0.18f : 0.24f, 0.0f,
				    &d->seed);
			}
		}
	}
	return demo_track(d, &b, "gtr", "rhythm", 0.0, -0.4);
}

static int
demo_pad(struct demo *d)
{
	struct demo_buf b;
	int bar, i;

	if (demo_buf_new(d, &b, 2, d->frames) != 0)
		return -1;
	for (bar = 1; bar <= DEMO_BARS; bar++) {
		const int *notes = demo_pad_notes[demo_chords[bar - 1]];
		int64_t at = demo_at(d, bar, 0), len = demo_beats(d, 4.4);

		if (bar == DEMO_BARS)
			len = d->frames - at;
		for (i = 0; i < 3; i++)
			demo_synth_pad(&b, at, len, notes[i], 0.09f);
	}
	return demo_track(d, &b, "pad", "pad", -4.0, 0.0);
}

/* Calls fn for each note of the melody from bar `from` to bar `to`. */
static void
demo_melody_notes(struct demo *d, int from, int to,
    void (*fn)(struct demo *, void *, int, int, int, int), void *arg)
{
	int bar, e, len;

	for (bar = from; bar <= to; bar++) {
		const int *m = demo_melody[bar - DEMO_VERSE];

		for (e = 0; e < 8; e++) {
			if (m[e] <= 0)
				continue;
			for (len = 1; e + len < 8 && m[e + len] == -1; len++)
				;
			fn(d, arg, bar, e, len, m[e]);
		}
	}
}

struct demo_lead_arg {
	struct demo_buf *b;
	int64_t start;			/* the take's frame 0 */
	const struct demo_take_spec *spec;
	uint32_t seed;
};

static void
demo_lead_note(struct demo *d, void *arg, int bar, int e, int len, int note)
{
	struct demo_lead_arg *a = arg;
	const struct demo_take_spec *sp = a->spec;
	/* No player is on the grid: a few milliseconds either way. */
	double ms = 6.0 * ((double)(a->seed = a->seed * 1664525u +
	    1013904223u) / 4294967296.0 - 0.5) - sp->rush_ms;
	int64_t at, dur;

	if (bar == sp->lost_bar)
		return;
	if (bar == sp->late_bar && e == 0)
		ms += 140;
	if (bar == sp->sour_bar && e == 2)
		note++;
	at = demo_at(d, bar, e / 2.0) + llround(ms * d->rate / 1000);
	dur = demo_beats(d, len / 2.0 * 0.92);
	if (bar == DEMO_BARS)
		dur = demo_beats(d, 6);
	demo_synth_lead(a->b, at - a->start, dur, note, 0.32f, sp->vibrato);
}

static int
demo_lead(struct demo *d)
{
	int in[2] = { 1, 0 }, i;
	struct track *t = project_track_add(d->p, "lead", 1, in, "lead");
	int64_t start = demo_at(d, DEMO_VERSE - 1, 3), xf;
	struct demo_buf b;

	t->gain_db = -1.0;
	t->pan = 0.05;
	for (i = 0; i < 3; i++) {
		struct demo_lead_arg a = { &b, start, &demo_lead_takes[i],
		    0x5eed0000u + (uint32_t)i };
		struct take *k;

		if (demo_buf_new(d, &b, 1, d->frames - start) != 0)
			return -1;
		demo_melody_notes(d, DEMO_VERSE, DEMO_BARS, demo_lead_note, &a);
		demo_synth_echo(&b, demo_beats(d, 0.75), 0.3f, 0.25f);
		k = demo_take(d, t, &b, start, demo_lead_takes[i].rating,
		    demo_lead_takes[i].note);
		free(b.x);
		if (k == NULL)
			return -1;
	}
	/* The comp: each take where it was good. */
	xf = comp_default_xfade(d->p);
	comp_whole(t, project_take(t, 3), xf);
	comp_put(t, 2, start, demo_at(d, 7, 0), xf);
	comp_put(t, 1, demo_at(d, 7, 0), demo_at(d, DEMO_CHORUS, 0), xf);
	return 0;
}

/* Two steps of the C major scale below a note: a third under the tune. */
static int
demo_third_below(int note)
{
	static const int scale[7] = { 0, 2, 4, 5, 7, 9, 11 };
	int oct = note / 12, pc = note % 12, i;

	for (i = 0; i < 7 && scale[i] < pc; i++)
		;
	i -= 2;
	if (i < 0) {
		i += 7;
		oct--;
	}
	return oct * 12 + scale[i];
}

static void
demo_harmony_note(struct demo *d, void *arg, int bar, int e, int len,
    int note)
{
	struct demo_buf *b = arg;
	int64_t dur = bar == DEMO_BARS ? demo_beats(d, 6) :
	    demo_beats(d, len / 2.0 * 0.92);

	demo_synth_soft(b, demo_at(d, bar, e / 2.0), dur,
	    demo_third_below(note), 0.22f, 0.0f);
}

static int
demo_harmony(struct demo *d)
{
	struct demo_buf b;

	if (demo_buf_new(d, &b, 1, d->frames) != 0)
		return -1;
	demo_melody_notes(d, DEMO_CHORUS, DEMO_BARS, demo_harmony_note, &b);
	demo_synth_echo(&b, demo_beats(d, 0.75), 0.25f, 0.2f);
	return demo_track(d, &b, "harmony", "harmony", -3.0, 0.35);
}

/* The song's parts as sections with their chords (demo_chords, bar by
 * bar) and a lyric line for each pair of bars. */
static const struct {
	const char *name;
	int bar, bars;
	const char *lyrics;
} demo_parts[] = {
	{ "Intro", 1, DEMO_VERSE - 1, NULL },
	{ "Verse1", DEMO_VERSE, 4, "Tape is rolling, count me in/"
	    "every take a little truer" },
	{ "Verse2", DEMO_VERSE + 4, 4, "Cut the second line again/"
	    "keep the one that felt the best" },
	{ "Chorus", DEMO_CHORUS, DEMO_OUTRO - DEMO_CHORUS, "Play it back, "
	    "play it back/one more time around the reel" },
	{ "Outro", DEMO_OUTRO, DEMO_BARS - DEMO_OUTRO + 1, "and let it ring" },
};
static const char *const demo_chord_names[4] = { "C", "G", "Am", "F" };

static int
demo_sheet(struct demo *d)
{
	struct project *p = d->p;
	int n = (int)(sizeof demo_parts / sizeof demo_parts[0]), i, b;
	char chords[256];
	size_t len;

	p->sections = xcalloc(n, sizeof *p->sections);
	for (i = 0; i < n; i++) {
		struct section *sc = &p->sections[i];

		strlcpy_(sc->name, demo_parts[i].name, sizeof sc->name);
		sc->bar = demo_parts[i].bar;
		sc->bars = demo_parts[i].bars;
		len = 0;
		for (b = sc->bar; b < sc->bar + sc->bars; b++)
			len += snprintf(chords + len, sizeof chords - len,
			    "%s%s", len ? " " : "",
			    demo_chord_names[demo_chords[b - 1]]);
		if (sheet_chords_parse(chords, sc->bars, &sc->chords, d->err,
		    d->errlen) != 0)
			return -1;
		sc->lyrics = demo_parts[i].lyrics != NULL ?
		    sheet_lyrics_parse(demo_parts[i].lyrics) : NULL;
		p->nsections++;
	}
	return 0;
}

int
demo_create(const char *dir, int rate, char *err, size_t errlen)
{
	struct project *p = project_create(dir, rate, WAVFILE_PCM24, err,
	    errlen);
	struct demo d;
	int rc;

	if (p == NULL)
		return -1;
	demo_synth_init();
	tempo_map_set(&p->tempo, 1, DEMO_BPM, 4, 4);
	memset(&d, 0, sizeof d);
	d.p = p;
	d.rate = p->rate;
	d.frames = demo_at(&d, DEMO_BARS + 1, 0) + (int64_t)(DEMO_TAIL_S *
	    p->rate);
	d.seed = 0x7265656cu;
	d.err = err;
	d.errlen = errlen;
	p->loop_start = demo_at(&d, DEMO_CHORUS, 0);
	p->loop_end = demo_at(&d, DEMO_OUTRO, 0);
	p->master_gain_db = -3.0;
	rc = demo_drums(&d);
	if (rc == 0)
		rc = demo_bass(&d);
	if (rc == 0)
		rc = demo_gtr(&d);
	if (rc == 0)
		rc = demo_pad(&d);
	if (rc == 0)
		rc = demo_lead(&d);
	if (rc == 0)
		rc = demo_harmony(&d);
	if (rc == 0)
		rc = demo_sheet(&d);
	if (rc == 0)
		rc = project_save(p, err, errlen);
	project_free(p);
	return rc;
}
