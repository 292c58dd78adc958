/* fuzz_time.c - TIME values: timefmt_parse and timefmt_parse_duration on
 * any text, under a tempo map built from the input.
 *
 * Input: byte 0 picks the rate, byte 1 the number of tempo changes (0-7),
 * then 5 bytes per change (bar 2 bytes, bpm, meter numerator and
 * denominator), then lines of text, each parsed.
 *
 * Properties: a parsed time is 0..100 h; what timefmt_format prints for
 * it parses back within a millisecond; a position given as BAR|BEAT comes
 * back from timefmt_format_bars within a hundredth of a beat.
 */
#include "fuzz.h"

#include <math.h>

#include "timefmt.h"

static const int fuzz_rates[] = { 44100, 48000, 88200, 96000, 192000, 8000,
    1, 768000 };
static const int fuzz_dens[] = { 1, 2, 4, 8, 16, 32 };

static void
fuzz_time_one(const char *s, int rate, const struct tempo_map *tm)
{
	char err[256], buf[64];
	int64_t f, g, d;
	double beat_frames;
	int bar;

	err[0] = '\0';
	if (timefmt_parse(s, rate, tm, &f, err, sizeof err) != 0) {
		if (err[0] == '\0')
			fuzz_fail("timefmt_parse('%s') failed silently", s);
	} else {
		if (f < 0 || f > (int64_t)100 * 3600 * rate + 1)
			fuzz_fail("timefmt_parse('%s') = %lld, out of range",
			    s, (long long)f);
		timefmt_format(f, rate, buf, sizeof buf);
		if (timefmt_parse(buf, rate, tm, &g, err, sizeof err) != 0)
			fuzz_fail("'%s' -> %lld -> '%s' does not parse: %s",
			    s, (long long)f, buf, err);
		if (llabs(g - f) > rate / 1000 + 1)
			fuzz_fail("'%s' -> %lld -> '%s' -> %lld", s,
			    (long long)f, buf, (long long)g);
		if (strchr(s, '|') != NULL) {
			timefmt_format_bars(f, rate, tm, buf, sizeof buf);
			bar = atoi(buf);
			if (bar >= 1 && bar <= 1000000) {
				const struct tempo_seg *seg = &tm->seg[0];
				int i;

				for (i = 0; i < tm->n; i++)
					if (tm->seg[i].bar <= bar)
						seg = &tm->seg[i];
				beat_frames = 60.0 * rate / seg->bpm;
				if (timefmt_parse(buf, rate, tm, &g, err,
				    sizeof err) != 0)
					fuzz_fail("'%s' -> %lld -> '%s' does "
					    "not parse: %s", s, (long long)f,
					    buf, err);
				if (g > f + 1 || (double)(f - g) >
				    beat_frames / 100 + 2)
					fuzz_fail("'%s' -> %lld -> '%s' -> "
					    "%lld", s, (long long)f, buf,
					    (long long)g);
			}
		}
	}
	err[0] = '\0';
	if (timefmt_parse_duration(s, rate, &d, err, sizeof err) != 0) {
		if (err[0] == '\0')
			fuzz_fail("timefmt_parse_duration('%s') failed "
			    "silently", s);
	} else if (d <= 0 || d > (int64_t)100 * 3600 * rate + 1)
		fuzz_fail("timefmt_parse_duration('%s') = %lld", s,
		    (long long)d);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tempo_map tm;
	char *text, *line, *save;
	int rate, n, i;

	if (size < 2)
		return 0;
	rate = fuzz_rates[data[0] & 7];
	n = data[1] & 7;
	data += 2;
	size -= 2;
	tempo_map_init(&tm);
	for (i = 0; i < n && size >= 5; i++) {
		int bar = 1 + (data[0] | data[1] << 8) % 9999;
		double bpm = 1 + data[2] * 998.0 / 255;
		int num = 1 + data[3] % 64;
		int den = fuzz_dens[data[4] % 6];

		tempo_map_set(&tm, bar, bpm, num, den);
		data += 5;
		size -= 5;
	}
	text = fuzz_string(data, size);
	for (line = strtok_r(text, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save))
		fuzz_time_one(line, rate, &tm);
	if (size == 0)
		fuzz_time_one("", rate, &tm);
	free(text);
	return 0;
}
