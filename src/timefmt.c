/* timefmt.c - TIME values and the tempo map. */
#include "timefmt.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define TIMEFMT_MAX_SECONDS	(100 * 3600)
#define TIMEFMT_NANO		1000000000LL
#define TIMEFMT_MAX_BAR		1000000

/* Used when a caller asks bar questions of an empty map. */
static const struct tempo_seg tempo_default = { 1, 120.0, 4, 4 };

/* A clock value kept as integers so that "12.5" at 48000 is exactly 600000
 * frames: whole seconds and nanoseconds (digits past the ninth dropped). */
struct timefmt_clock {
	int64_t sec;
	int64_t nsec;
};

void
tempo_map_init(struct tempo_map *tm)
{
	memset(tm, 0, sizeof *tm);
}

static const struct tempo_seg *
tempo_seg_at(const struct tempo_map *tm, int bar)
{
	int i;

	if (tm == NULL || tm->n == 0)
		return &tempo_default;
	for (i = tm->n - 1; i > 0; i--) {
		if (tm->seg[i].bar <= bar)
			break;
	}
	return &tm->seg[i];
}

int
tempo_map_set(struct tempo_map *tm, int bar, double bpm, int num, int den)
{
	struct tempo_seg s;
	int i;

	if (bar < 1)
		bar = 1;
	/* The first tempo ever set numbers the bars before it too. */
	if (tm->n == 0)
		bar = 1;
	s = *tempo_seg_at(tm, bar);
	s.bar = bar;
	if (bpm > 0)
		s.bpm = bpm;
	if (num > 0) {
		s.num = num;
		if (den > 0)
			s.den = den;
	}

	for (i = 0; i < tm->n && tm->seg[i].bar < bar; i++)
		;
	if (i < tm->n && tm->seg[i].bar == bar) {
		tm->seg[i] = s;
		return 0;
	}
	if (tm->n == (int)(sizeof tm->seg / sizeof tm->seg[0]))
		return -1;
	memmove(&tm->seg[i + 1], &tm->seg[i], (tm->n - i) * sizeof tm->seg[0]);
	tm->seg[i] = s;
	tm->n++;
	return 0;
}

static double
tempo_beats_to_seconds(const struct tempo_seg *s, double beats)
{
	return beats * 60.0 / s->bpm;
}

/* Seconds from the start of the song to bar|beat.  Bars before the first
 * segment (bar < 1) extend the first tempo backwards. */
static double
tempo_bar_to_seconds(const struct tempo_map *tm, int bar, double beat)
{
	const struct tempo_seg *s, *next;
	double t = 0.0;
	int i, n = (tm != NULL && tm->n > 0) ? tm->n : 1;

	for (i = 0; i < n; i++) {
		s = (tm != NULL && tm->n > 0) ? &tm->seg[i] : &tempo_default;
		next = (i + 1 < n) ? &tm->seg[i + 1] : NULL;
		if (next == NULL || bar < next->bar) {
			return t + tempo_beats_to_seconds(s,
			    (double)(bar - s->bar) * s->num + (beat - 1.0));
		}
		t += tempo_beats_to_seconds(s,
		    (double)(next->bar - s->bar) * s->num);
	}
	return t;
}

int64_t
tempo_bar_to_frame(const struct tempo_map *tm, int rate, int bar, double beat)
{
	return llround(tempo_bar_to_seconds(tm, bar, beat) * rate);
}

void
tempo_frame_to_bar(const struct tempo_map *tm, int rate, int64_t frame,
    int *bar, double *beat)
{
	const struct tempo_seg *s, *next;
	double t = (double)frame / rate, start = 0.0, len, beats, bars;
	int i, n = (tm != NULL && tm->n > 0) ? tm->n : 1;

	for (i = 0; i < n; i++) {
		s = (tm != NULL && tm->n > 0) ? &tm->seg[i] : &tempo_default;
		next = (i + 1 < n) ? &tm->seg[i + 1] : NULL;
		if (next != NULL) {
			len = tempo_beats_to_seconds(s,
			    (double)(next->bar - s->bar) * s->num);
			if (t >= start + len) {
				start += len;
				continue;
			}
		}
		beats = (t - start) * s->bpm / 60.0;
		bars = floor(beats / s->num);
		*bar = s->bar + (int)bars;
		*beat = 1.0 + beats - bars * s->num;
		return;
	}
}

int
tempo_num(const struct tempo_map *tm, int bar)
{
	int num = tempo_seg_at(tm, bar)->num;

	return num > 0 ? num : 4;
}

/* The float walk through the map may land a hair either side of a beat,
 * so the nearest beat is tried first and checked against its own frame. */
void
tempo_beat_floor(const struct tempo_map *tm, int rate, int64_t f, int *bar,
    int *beat)
{
	double b;
	int r;

	tempo_frame_to_bar(tm, rate, f, bar, &b);
	r = (int)floor(b + 0.5);
	if (r > tempo_num(tm, *bar)) {
		(*bar)++;
		r = 1;
	}
	if (tempo_bar_to_frame(tm, rate, *bar, r) > f) {
		if (--r < 1) {
			(*bar)--;
			r = *bar >= 1 ? tempo_num(tm, *bar) : 1;
		}
	}
	if (*bar < 1) {
		*bar = 1;
		r = 1;
	}
	*beat = r;
}

static int64_t
tempo_beat_frame(const struct tempo_map *tm, int rate, int bar, int beat)
{
	return bar < 1 ? 0 : tempo_bar_to_frame(tm, rate, bar, beat);
}

int64_t
tempo_step(const struct tempo_map *tm, int rate, int64_t f, int dir,
    int bars)
{
	int bar, beat, num;
	int64_t on;

	tempo_beat_floor(tm, rate, f, &bar, &beat);
	if (bars) {
		on = tempo_beat_frame(tm, rate, bar, 1);
		if (dir > 0)
			return tempo_beat_frame(tm, rate, bar + 1, 1);
		return on < f ? on : tempo_beat_frame(tm, rate, bar - 1, 1);
	}
	on = tempo_beat_frame(tm, rate, bar, beat);
	num = tempo_num(tm, bar);
	if (dir > 0)
		return beat < num ? tempo_beat_frame(tm, rate, bar, beat + 1) :
		    tempo_beat_frame(tm, rate, bar + 1, 1);
	if (on < f)
		return on;
	if (beat > 1)
		return tempo_beat_frame(tm, rate, bar, beat - 1);
	return bar > 1 ? tempo_beat_frame(tm, rate, bar - 1,
	    tempo_num(tm, bar - 1)) : 0;
}

static void
timefmt_error(char *err, size_t errlen, const char *s)
{
	snprintf(err, errlen, "expected seconds, m:ss.fff or BAR|BEAT, got '%s'",
	    s);
}

/* Reads digits into *v, saturating far beyond any valid value; their count
 * goes to *ndigits. */
static const char *
timefmt_int(const char *p, int64_t *v, int *ndigits)
{
	int n = 0;

	*v = 0;
	for (; *p >= '0' && *p <= '9'; p++, n++) {
		if (*v < TIMEFMT_NANO * TIMEFMT_NANO / 100)
			*v = *v * 10 + (*p - '0');
	}
	*ndigits = n;
	return p;
}

/* "12", "12.5", ".5", "12." -> whole and nano parts (digits past the ninth
 * are dropped).  NULL if there is no digit. */
static const char *
timefmt_decimal(const char *p, int64_t *whole, int64_t *nano)
{
	int nw, nf = 0;

	p = timefmt_int(p, whole, &nw);
	*nano = 0;
	if (*p == '.') {
		for (p++; *p >= '0' && *p <= '9'; p++, nf++) {
			if (nf < 9)
				*nano = *nano * 10 + (*p - '0');
		}
	}
	if (nw == 0 && nf == 0)
		return NULL;
	for (; nf < 9; nf++)
		*nano *= 10;
	return p;
}

/* "ss.fff", "m:ss.fff" or "h:mm:ss.fff".  Subordinate fields have exactly
 * two digits: "1:5" could mean 1:05 or 1:50. */
static int
timefmt_parse_clock(const char *s, struct timefmt_clock *c, char *err,
    size_t errlen)
{
	int64_t field[3], whole, nano;
	const char *p = s;
	int n = 0, nd, i;

	for (;;) {
		const char *q = timefmt_int(p, &field[n], &nd);

		if (nd == 0 || *q != ':')
			break;
		if (n > 0 && nd != 2)
			goto bad;
		if (++n == 3)
			goto bad;
		p = q + 1;
	}
	if (n > 0 && (p[0] < '0' || p[0] > '9' || p[1] < '0' || p[1] > '9' ||
	    (p[2] >= '0' && p[2] <= '9')))
		goto bad;
	if ((p = timefmt_decimal(p, &whole, &nano)) == NULL || *p != '\0')
		goto bad;
	if (n > 0 && whole >= 60) {
		snprintf(err, errlen, "expected seconds below 60 in '%s'", s);
		return -1;
	}
	if (n == 2 && field[1] >= 60) {
		snprintf(err, errlen, "expected minutes below 60 in '%s'", s);
		return -1;
	}
	c->sec = whole;
	c->nsec = nano;
	for (i = 0; i < n; i++) {
		if (field[i] > TIMEFMT_MAX_SECONDS)
			goto range;
		c->sec += field[i] * (n - i == 2 ? 3600 : 60);
	}
	if (c->sec > TIMEFMT_MAX_SECONDS ||
	    (c->sec == TIMEFMT_MAX_SECONDS && c->nsec > 0))
		goto range;
	return 0;
range:
	snprintf(err, errlen, "expected a time up to 100:00:00, got '%s'", s);
	return -1;
bad:
	timefmt_error(err, errlen, s);
	return -1;
}

static int64_t
timefmt_clock_frames(const struct timefmt_clock *c, int rate)
{
	return c->sec * rate +
	    (c->nsec * rate * 2 + TIMEFMT_NANO) / (2 * TIMEFMT_NANO);
}

static int
timefmt_parse_bars(const char *s, const char *bar_end, int rate,
    const struct tempo_map *tm, int64_t *frames, char *err, size_t errlen)
{
	const struct tempo_seg *seg;
	int64_t bar, whole, nano;
	const char *p;
	double beat;
	int nd;

	if (tm == NULL || tm->n <= 0) {
		snprintf(err, errlen,
		    "bar|beat needs a tempo (set one with 'tempo BPM')");
		return -1;
	}
	p = timefmt_int(s, &bar, &nd);
	if (p != bar_end || nd == 0)
		goto bad;
	p = timefmt_decimal(bar_end + 1, &whole, &nano);
	if (p == NULL || *p != '\0')
		goto bad;
	if (bar < 1 || bar > TIMEFMT_MAX_BAR) {
		snprintf(err, errlen, "expected a bar from 1 to %d, got '%s'",
		    TIMEFMT_MAX_BAR, s);
		return -1;
	}
	seg = tempo_seg_at(tm, (int)bar);
	if (whole < 1 || whole > seg->num) {
		snprintf(err, errlen, "expected a beat from 1 to under %d "
		    "(bar %d is in %d/%d), got '%s'", seg->num + 1, (int)bar,
		    seg->num, seg->den, s);
		return -1;
	}
	beat = (double)whole + (double)nano / TIMEFMT_NANO;
	*frames = tempo_bar_to_frame(tm, rate, (int)bar, beat);
	if (*frames > (int64_t)TIMEFMT_MAX_SECONDS * rate) {
		snprintf(err, errlen, "expected a time up to 100:00:00, "
		    "got '%s'", s);
		return -1;
	}
	return 0;
bad:
	timefmt_error(err, errlen, s);
	return -1;
}

int
timefmt_parse(const char *s, int rate, const struct tempo_map *tm,
    int64_t *frames, char *err, size_t errlen)
{
	struct timefmt_clock c;
	const char *bar;

	if (s[0] == '-') {
		snprintf(err, errlen, "expected a time of 0 or more, got '%s'",
		    s);
		return -1;
	}
	if ((bar = strchr(s, '|')) != NULL)
		return timefmt_parse_bars(s, bar, rate, tm, frames, err,
		    errlen);
	if (timefmt_parse_clock(s, &c, err, errlen) != 0)
		return -1;
	*frames = timefmt_clock_frames(&c, rate);
	return 0;
}

int
timefmt_parse_duration(const char *s, int rate, int64_t *frames, char *err,
    size_t errlen)
{
	struct timefmt_clock c;
	int64_t f;

	if (s[0] == '-' || strchr(s, '|') != NULL) {
		snprintf(err, errlen, "expected a duration in seconds or "
		    "m:ss.fff, got '%s'", s);
		return -1;
	}
	if (timefmt_parse_clock(s, &c, err, errlen) != 0)
		return -1;
	f = timefmt_clock_frames(&c, rate);
	if (f <= 0) {
		snprintf(err, errlen, "expected a duration above 0, got '%s'",
		    s);
		return -1;
	}
	*frames = f;
	return 0;
}

void
timefmt_format(int64_t frames, int rate, char *buf, size_t size)
{
	uint64_t mag, ms;
	const char *sign = "";

	if (rate <= 0) {
		snprintf(buf, size, "-");
		return;
	}
	mag = frames < 0 ? 0 - (uint64_t)frames : (uint64_t)frames;
	/* Split before multiplying so that no frame count overflows. */
	ms = mag / rate * 1000 +
	    ((mag % rate) * 2000 + (uint64_t)rate) / (2 * (uint64_t)rate);
	if (frames < 0 && ms != 0)
		sign = "-";
	if (ms >= 3600000) {
		snprintf(buf, size, "%s%llu:%02u:%02u.%03u", sign,
		    (unsigned long long)(ms / 3600000),
		    (unsigned)(ms / 60000 % 60), (unsigned)(ms / 1000 % 60),
		    (unsigned)(ms % 1000));
	} else {
		snprintf(buf, size, "%s%u:%02u.%03u", sign,
		    (unsigned)(ms / 60000), (unsigned)(ms / 1000 % 60),
		    (unsigned)(ms % 1000));
	}
}

void
timefmt_format_bars(int64_t frames, int rate, const struct tempo_map *tm,
    char *buf, size_t size)
{
	double beat, whole;
	int bar, b, r;

	if (tm == NULL || tm->n <= 0 || rate <= 0) {
		snprintf(buf, size, "-");
		return;
	}
	tempo_frame_to_bar(tm, rate, frames, &bar, &beat);

	/* On a beat when that beat's own frame is this one: within half a
	 * frame, whatever rounding the float walk through the map did. */
	b = bar;
	r = (int)floor(beat + 0.5);
	if (r > tempo_seg_at(tm, bar)->num) {
		b = bar + 1;
		r = 1;
	}
	if (tempo_bar_to_frame(tm, rate, b, r) == frames) {
		snprintf(buf, size, "%d|%d", b, r);
		return;
	}
	/* Truncate: the display stays in beat 4 until beat 5 begins. */
	whole = floor(beat);
	snprintf(buf, size, "%d|%d.%02d", bar, (int)whole,
	    (int)floor((beat - whole) * 100.0));
}

/* The grid's step in beats of the meter in force at bar. */
static double
tempo_grid_step(const struct tempo_map *tm, int bar, int grid, int triplet)
{
	const struct tempo_seg *s = tempo_seg_at(tm, bar);
	double step = grid == 0 ? 1.0 : (double)s->den / grid;

	return triplet ? step * 2.0 / 3.0 : step;
}

/* Grid line k of bar (from 0), or -1 past the bar's last line. */
static int64_t
tempo_grid_line(const struct tempo_map *tm, int rate, int bar, int grid,
    int triplet, int k)
{
	double beat = 1.0 + k * tempo_grid_step(tm, bar, grid, triplet);

	if (k < 0 || beat >= tempo_num(tm, bar) + 1.0 - 1e-9)
		return -1;
	return tempo_bar_to_frame(tm, rate, bar, beat);
}

int64_t
tempo_grid(const struct tempo_map *tm, int rate, int64_t f, int grid,
    int triplet, int dir)
{
	double beat, step;
	int bar, k;
	int64_t line;

	tempo_frame_to_bar(tm, rate, f < 0 ? 0 : f, &bar, &beat);
	if (bar < 1) {
		bar = 1;
		beat = 1.0;
	}
	step = tempo_grid_step(tm, bar, grid, triplet);
	k = (int)floor((beat - 1.0) / step + 1e-9);
	while ((line = tempo_grid_line(tm, rate, bar, grid, triplet, k)) < 0 &&
	    k > 0)
		k--;
	if (line > f && k > 0)
		line = tempo_grid_line(tm, rate, bar, grid, triplet, --k);
	if (dir > 0) {
		line = tempo_grid_line(tm, rate, bar, grid, triplet, k + 1);
		return line >= 0 ? line : tempo_bar_to_frame(tm, rate,
		    bar + 1, 1.0);
	}
	if (dir < 0) {
		if (k > 0)
			return tempo_grid_line(tm, rate, bar, grid, triplet,
			    k - 1);
		if (bar <= 1)
			return 0;
		/* The last line of the bar before. */
		for (k = 0; tempo_grid_line(tm, rate, bar - 1, grid, triplet,
		    k + 1) >= 0; k++)
			;
		return tempo_grid_line(tm, rate, bar - 1, grid, triplet, k);
	}
	return line;
}

int64_t
tempo_snap(const struct tempo_map *tm, int rate, int64_t f, int grid,
    int triplet)
{
	int64_t a = tempo_grid(tm, rate, f, grid, triplet, 0);
	int64_t b = tempo_grid(tm, rate, a, grid, triplet, 1);

	return f - a <= b - f ? a : b;
}

void
tempo_map_ripple(struct tempo_map *tm, int bar, int delta)
{
	struct tempo_map out;
	int i, a = bar + delta;

	if (tm->n == 0 || delta == 0)
		return;
	tempo_map_init(&out);
	for (i = 0; i < tm->n; i++) {
		struct tempo_seg s = tm->seg[i];

		if (delta > 0) {
			if (s.bar >= bar && s.bar > 1)
				s.bar += delta;
		} else if (s.bar > a && s.bar <= bar) {
			/* Inside what goes: the last one is in force where
			 * the rest now starts. */
			s.bar = a;
		} else if (s.bar > bar)
			s.bar += delta;
		if (out.n > 0 && out.seg[out.n - 1].bar == s.bar)
			out.seg[out.n - 1] = s;
		else
			out.seg[out.n++] = s;
	}
	*tm = out;
}
