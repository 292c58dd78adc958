/* test_wavfile.c - wavfile.c against libsndfile and sox as readers. */
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include <sndfile.h>

#include "wavfile.h"
#include "t.h"

static char	tmpdir[] = "/tmp/reel-wavfile-XXXXXX";
static char	pathbuf[4096];

static const char *
path(const char *name)
{
	snprintf(pathbuf, sizeof pathbuf, "%s/%s", tmpdir, name);
	return pathbuf;
}

static void
cleanup(void)
{
	struct dirent	*de;
	DIR		*d;
	char		 p[4096];

	d = opendir(tmpdir);
	if (d == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(p, sizeof p, "%s/%s", tmpdir, de->d_name);
		unlink(p);
	}
	closedir(d);
	rmdir(tmpdir);
}

static int
fmt_bits(enum wavfile_fmt f)
{
	return f == WAVFILE_PCM16 ? 16 : f == WAVFILE_PCM24 ? 24 : 32;
}

/*
 * The test signal: integers on the format's grid (24-bit for float) so
 * that every reader must give them back exactly.  Every 97th sample is a
 * full-scale extreme.
 */
static int32_t
sig_int(enum wavfile_fmt f, uint64_t i)
{
	uint32_t	h = (uint32_t)(i * 2654435761u) ^ (uint32_t)(i >> 7);
	int		bits = f == WAVFILE_PCM16 ? 16 : 24;

	h ^= h >> 15;
	h *= 2246822519u;
	h ^= h >> 13;
	if (i % 97 == 0)
		return i % 2 ? -(1 << (bits - 1)) : (1 << (bits - 1)) - 1;
	return (int32_t)(h >> (32 - bits)) - (1 << (bits - 1));
}

static float
sig_float(enum wavfile_fmt f, uint64_t i)
{
	return ldexpf((float)sig_int(f, i), f == WAVFILE_PCM16 ? -15 : -23);
}

/* The same value as a left-justified 32-bit integer, as sox and
 * sf_readf_int give it. */
static int32_t
sig_s32(enum wavfile_fmt f, uint64_t i)
{
	return (int32_t)((uint32_t)sig_int(f, i) <<
	    (f == WAVFILE_PCM16 ? 16 : 8));
}

/* Writes samples [from, to) of the interleaved signal in uneven pieces. */
static int
write_sig(struct wavfile *w, enum wavfile_fmt f, int ch, uint64_t from,
    uint64_t to)
{
	static float	buf[20000 * 8];
	uint64_t	i, n, k = 0;
	int		error;

	while (from < to) {
		n = 1 + (k * 7919) % 20000;
		k++;
		if (n > to - from)
			n = to - from;
		for (i = 0; i < n * (uint64_t)ch; i++)
			buf[i] = sig_float(f, from * (uint64_t)ch + i);
		if ((error = wavfile_write(w, buf, n)) != 0)
			return error;
		from += n;
	}
	return 0;
}

static int
read_file(const char *p, unsigned char **data, size_t *len)
{
	struct stat	st;
	int		fd;

	fd = open(p, O_RDONLY);
	if (fd == -1 || fstat(fd, &st) == -1)
		return -1;
	*len = (size_t)st.st_size;
	*data = malloc(*len + 1);
	if (read(fd, *data, *len) != (ssize_t)*len) {
		close(fd);
		free(*data);
		return -1;
	}
	close(fd);
	return 0;
}

static uint32_t
le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

static uint64_t
le64(const unsigned char *p)
{
	return le32(p) | (uint64_t)le32(p + 4) << 32;
}

/* What our own walk over the chunks finds. */
struct chunks {
	int		rf64;
	int		tag;		/* fmt format tag */
	uint32_t	fmtlen;
	int		cbsize;		/* -1 when absent */
	int		has_fact, has_ds64, has_list;
	uint64_t	fact;
	uint64_t	data_off, data_len;
	uint64_t	ds64_riff, ds64_data, ds64_samples;
	char		comment[256];
	int		ok;
};

static void
walk(const char *p, struct chunks *c)
{
	unsigned char	*d;
	size_t		 len;
	uint64_t	 off, sz;

	memset(c, 0, sizeof *c);
	c->cbsize = -1;
	if (read_file(p, &d, &len) != 0 || len < 12)
		return;
	c->rf64 = memcmp(d, "RF64", 4) == 0;
	if ((!c->rf64 && memcmp(d, "RIFF", 4) != 0) ||
	    memcmp(d + 8, "WAVE", 4) != 0) {
		free(d);
		return;
	}
	/* The RIFF size must cover the file exactly. */
	c->ok = c->rf64 ? le32(d + 4) == 0xffffffffu :
	    le32(d + 4) == len - 8;
	for (off = 12; off + 8 <= len; off += 8 + sz + (sz & 1)) {
		sz = le32(d + off + 4);
		if (memcmp(d + off, "ds64", 4) == 0) {
			c->has_ds64 = 1;
			c->ds64_riff = le64(d + off + 8);
			c->ds64_data = le64(d + off + 16);
			c->ds64_samples = le64(d + off + 24);
			c->ok &= c->ds64_riff == len - 8;
		} else if (memcmp(d + off, "fmt ", 4) == 0) {
			c->fmtlen = (uint32_t)sz;
			c->tag = d[off + 8] | d[off + 9] << 8;
			if (sz >= 18)
				c->cbsize = d[off + 24] | d[off + 25] << 8;
		} else if (memcmp(d + off, "fact", 4) == 0) {
			c->has_fact = 1;
			c->fact = le32(d + off + 8);
		} else if (memcmp(d + off, "data", 4) == 0) {
			c->data_off = off + 8;
			if (sz == 0xffffffffu && c->has_ds64)
				sz = c->ds64_data;
			c->data_len = sz;
		} else if (memcmp(d + off, "LIST", 4) == 0 &&
		    off + 20 <= len && memcmp(d + off + 8, "INFO", 4) == 0 &&
		    memcmp(d + off + 12, "ICMT", 4) == 0) {
			c->has_list = 1;
			snprintf(c->comment, sizeof c->comment, "%.*s",
			    (int)le32(d + off + 16), d + off + 20);
		}
	}
	/* The chunks must tile the file with nothing left over. */
	c->ok &= off == len;
	free(d);
}

/* Reads the whole file through libsndfile and compares every sample. */
static void
check_sndfile(const char *p, enum wavfile_fmt f, int ch, int rate,
    int64_t frames, int rf64, const char *comment)
{
	SF_INFO		 info;
	SNDFILE		*sf;
	int32_t		*ibuf;
	float		*fbuf;
	const char	*s;
	int64_t		 i, bad = 0;
	int		 sub;

	memset(&info, 0, sizeof info);
	sf = sf_open(p, SFM_READ, &info);
	T_CHECKF(sf != NULL, "%s: %s", p, sf_strerror(NULL));
	if (sf == NULL)
		return;
	T_CHECKF(info.frames == frames, "%s: %lld frames, want %lld", p,
	    (long long)info.frames, (long long)frames);
	T_CHECK(info.channels == ch);
	T_CHECK(info.samplerate == rate);
	sub = f == WAVFILE_PCM16 ? SF_FORMAT_PCM_16 : f == WAVFILE_PCM24 ?
	    SF_FORMAT_PCM_24 : SF_FORMAT_FLOAT;
	T_CHECKF(info.format == ((rf64 ? SF_FORMAT_RF64 : SF_FORMAT_WAV) | sub),
	    "%s: format %#x", p, info.format);

	ibuf = malloc((size_t)((frames + 1) * ch) * sizeof *ibuf);
	fbuf = malloc((size_t)((frames + 1) * ch) * sizeof *fbuf);
	T_CHECK(sf_readf_int(sf, ibuf, frames + 1) == frames);
	/* libsndfile scales float to int by the file's peak: ints only for
	 * PCM, where they are exact. */
	for (i = 0; f != WAVFILE_FLOAT32 && i < frames * ch; i++) {
		if (ibuf[i] != sig_s32(f, (uint64_t)i) && bad++ < 3)
			fprintf(stderr, "%s: int sample %lld: %d, want %d\n", p,
			    (long long)i, ibuf[i], sig_s32(f, (uint64_t)i));
	}
	sf_seek(sf, 0, SEEK_SET);
	T_CHECK(sf_readf_float(sf, fbuf, frames + 1) == frames);
	for (i = 0; i < frames * ch; i++) {
		if (fbuf[i] != sig_float(f, (uint64_t)i) && bad++ < 6)
			fprintf(stderr, "%s: float sample %lld: %.9g\n", p,
			    (long long)i, fbuf[i]);
	}
	T_CHECKF(bad == 0, "%s: %lld bad samples", p, (long long)bad);
	if (comment != NULL) {
		s = sf_get_string(sf, SF_STR_COMMENT);
		T_CHECKF(s != NULL && strcmp(s, comment) == 0, "%s: comment %s",
		    p, s ? s : "(none)");
	}
	free(ibuf);
	free(fbuf);
	sf_close(sf);
}

static int
shell_line(const char *cmd, char *out, size_t len)
{
	FILE	*fp;
	char	*nl;

	out[0] = '\0';
	fp = popen(cmd, "r");
	if (fp == NULL)
		return -1;
	if (fgets(out, (int)len, fp) == NULL)
		out[0] = '\0';
	if ((nl = strchr(out, '\n')) != NULL)
		*nl = '\0';
	return pclose(fp) == 0 ? 0 : -1;
}

/* sox is the independent reader: what soxi reports, then every sample. */
static void
check_sox(const char *p, enum wavfile_fmt f, int ch, int rate, int64_t frames)
{
	char		 cmd[8192], out[256];
	FILE		*fp;
	int32_t		*buf;
	int64_t		 i, bad = 0;
	size_t		 got;

	snprintf(cmd, sizeof cmd, "soxi -c '%s' 2>&1", p);
	T_CHECK(shell_line(cmd, out, sizeof out) == 0 && atoi(out) == ch);
	snprintf(cmd, sizeof cmd, "soxi -r '%s' 2>&1", p);
	T_CHECK(shell_line(cmd, out, sizeof out) == 0 && atoi(out) == rate);
	snprintf(cmd, sizeof cmd, "soxi -s '%s' 2>&1", p);
	T_CHECKF(shell_line(cmd, out, sizeof out) == 0 &&
	    atoll(out) == frames, "%s: soxi -s says %s, want %lld", p, out,
	    (long long)frames);
	snprintf(cmd, sizeof cmd, "soxi -e '%s' 2>&1", p);
	T_CHECKF(shell_line(cmd, out, sizeof out) == 0 &&
	    strcmp(out, f == WAVFILE_FLOAT32 ? "Floating Point PCM" :
	    "Signed Integer PCM") == 0, "%s: encoding %s", p, out);
	snprintf(cmd, sizeof cmd, "soxi -b '%s' 2>&1", p);
	T_CHECK(shell_line(cmd, out, sizeof out) == 0 &&
	    atoi(out) == fmt_bits(f));

	snprintf(cmd, sizeof cmd, "sox -V1 '%s' -t raw -e signed-integer "
	    "-b 32 -L - 2>/dev/null", p);
	buf = malloc((size_t)(frames * ch + 1) * sizeof *buf);
	fp = popen(cmd, "r");
	got = fread(buf, sizeof *buf, (size_t)(frames * ch + 1), fp);
	T_CHECK(pclose(fp) == 0);
	T_CHECKF(got == (size_t)(frames * ch), "%s: sox gave %zu samples", p,
	    got);
	for (i = 0; i < (int64_t)got && i < frames * ch; i++) {
		if (buf[i] != sig_s32(f, (uint64_t)i) && bad++ < 3)
			fprintf(stderr, "%s: sox sample %lld: %d, want %d\n", p,
			    (long long)i, buf[i], sig_s32(f, (uint64_t)i));
	}
	T_CHECKF(bad == 0, "%s: sox: %lld bad samples", p, (long long)bad);
	free(buf);
}

/* The plain header: tag 1 or 3, never 0xFFFE; float with cbSize 0 and a
 * fact chunk; sizes that add up. */
static void
check_layout(const char *p, enum wavfile_fmt f, int64_t frames, int ch,
    int rf64, const char *comment)
{
	struct chunks	c;
	uint64_t	data = (uint64_t)frames * (uint64_t)ch *
			    (uint64_t)(fmt_bits(f) / 8);

	walk(p, &c);
	T_CHECKF(c.ok, "%s: sizes do not tile the file", p);
	T_CHECKF(c.rf64 == rf64 && c.has_ds64 == rf64, "%s: rf64 %d ds64 %d",
	    p, c.rf64, c.has_ds64);
	T_CHECKF(c.tag == (f == WAVFILE_FLOAT32 ? 3 : 1), "%s: tag %#x", p,
	    c.tag);
	if (f == WAVFILE_FLOAT32) {
		T_CHECK(c.fmtlen == 18 && c.cbsize == 0);
		T_CHECK(c.has_fact);
		T_CHECKF(c.fact == (rf64 ? 0xffffffffu : (uint64_t)frames),
		    "%s: fact %llu", p, (unsigned long long)c.fact);
	} else {
		T_CHECK(c.fmtlen == 16 && !c.has_fact);
	}
	T_CHECKF(c.data_len == data, "%s: data %llu, want %llu", p,
	    (unsigned long long)c.data_len, (unsigned long long)data);
	if (rf64)
		T_CHECK(c.ds64_samples == (uint64_t)frames);
	if (comment != NULL)
		T_CHECKF(c.has_list && strcmp(c.comment, comment) == 0,
		    "%s: comment '%s'", p, c.comment);
	else
		T_CHECK(!c.has_list);
}

static void
test_formats(void)
{
	static const struct {
		enum wavfile_fmt	 f;
		int			 ch;
		int			 rate;
		int64_t			 frames;
		const char		*comment;
	} cases[] = {
		{ WAVFILE_PCM16, 2, 44100, 100000, "take 1, verse" },
		{ WAVFILE_PCM24, 2, 48000, 77777, "odd" },
		/* Odd data size: pad byte before the LIST. */
		{ WAVFILE_PCM24, 1, 96000, 33333, "pad me" },
		{ WAVFILE_PCM24, 3, 48000, 1001, NULL },
		{ WAVFILE_FLOAT32, 2, 48000, 54321, "float take" },
		{ WAVFILE_FLOAT32, 1, 22050, 0, NULL },
	};
	struct wavfile	*w;
	char		 err[512], name[64];
	size_t		 i;
	int		 error;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		snprintf(name, sizeof name, "fmt%zu.wav", i);
		w = wavfile_create(path(name), cases[i].ch, cases[i].rate,
		    cases[i].f, err, sizeof err);
		T_CHECKF(w != NULL, "%s", err);
		if (w == NULL)
			continue;
		error = write_sig(w, cases[i].f, cases[i].ch, 0,
		    (uint64_t)cases[i].frames);
		T_CHECK(error == 0);
		T_CHECK(wavfile_frames(w) == cases[i].frames);
		T_CHECK(wavfile_close(w, cases[i].comment) == 0);

		check_layout(path(name), cases[i].f, cases[i].frames,
		    cases[i].ch, 0, cases[i].comment);
		check_sndfile(path(name), cases[i].f, cases[i].ch,
		    cases[i].rate, cases[i].frames, 0, cases[i].comment);
		check_sox(path(name), cases[i].f, cases[i].ch, cases[i].rate,
		    cases[i].frames);
	}
}

static void
test_clipping(void)
{
	static const float	in[] = { 1.5f, -1.5f, 1.0f, -1.0f, 0.5f };
	static const int	want16[] = { 32767, -32768, 32767, -32768, 16384 };
	static const int	want24[] = { 8388607, -8388608, 8388607,
				    -8388608, 4194304 };
	struct wavfile		*w;
	SF_INFO			 info;
	SNDFILE			*sf;
	int			 out[5], i;
	char			 err[512];

	w = wavfile_create(path("clip16.wav"), 1, 48000, WAVFILE_PCM16, err,
	    sizeof err);
	T_CHECK(wavfile_write(w, in, 5) == 0);
	T_CHECK(wavfile_close(w, NULL) == 0);
	w = wavfile_create(path("clip24.wav"), 1, 48000, WAVFILE_PCM24, err,
	    sizeof err);
	T_CHECK(wavfile_write(w, in, 5) == 0);
	T_CHECK(wavfile_close(w, NULL) == 0);

	memset(&info, 0, sizeof info);
	sf = sf_open(path("clip16.wav"), SFM_READ, &info);
	T_CHECK(sf != NULL && sf_readf_int(sf, out, 5) == 5);
	for (i = 0; i < 5; i++)
		T_CHECKF(out[i] >> 16 == want16[i], "%d: %d", i, out[i] >> 16);
	sf_close(sf);
	memset(&info, 0, sizeof info);
	sf = sf_open(path("clip24.wav"), SFM_READ, &info);
	T_CHECK(sf != NULL && sf_readf_int(sf, out, 5) == 5);
	for (i = 0; i < 5; i++)
		T_CHECKF(out[i] >> 8 == want24[i], "%d: %d", i, out[i] >> 8);
	sf_close(sf);
}

static void
test_errors(void)
{
	struct wavfile	*w;
	char		 err[512], junk[200];
	int64_t		 frames = -5;
	int		 fd;

	w = wavfile_create(path("exists.wav"), 2, 48000, WAVFILE_PCM16, err,
	    sizeof err);
	T_CHECK(w != NULL);
	T_CHECK(wavfile_close(w, NULL) == 0);
	/* O_EXCL: a take is never overwritten. */
	err[0] = '\0';
	w = wavfile_create(path("exists.wav"), 2, 48000, WAVFILE_PCM16, err,
	    sizeof err);
	T_CHECK(w == NULL);
	T_CHECKF(strstr(err, "exists.wav") != NULL &&
	    strstr(err, "File exists") != NULL && strchr(err, '\n') == NULL,
	    "'%s'", err);
	w = wavfile_create(path("zero.wav"), 0, 48000, WAVFILE_PCM16, err,
	    sizeof err);
	T_CHECK(w == NULL && strstr(err, "zero.wav") != NULL);
	T_CHECK(access(path("zero.wav"), F_OK) != 0);

	/* repair refuses what this module did not write. */
	fd = open(path("junk.wav"), O_WRONLY | O_CREAT, 0644);
	memset(junk, 'x', sizeof junk);
	memcpy(junk, "RIFF\0\0\0\0WAVEfmt ", 16);
	T_CHECK(write(fd, junk, sizeof junk) == (ssize_t)sizeof junk);
	close(fd);
	err[0] = '\0';
	T_CHECK(wavfile_repair(path("junk.wav"), &frames, err,
	    sizeof err) == -1);
	T_CHECKF(strstr(err, "junk.wav") != NULL, "'%s'", err);
	T_CHECK(frames == -5);
	T_CHECK(wavfile_repair(path("missing.wav"), &frames, err,
	    sizeof err) == -1);
	T_CHECKF(strstr(err, "missing.wav") != NULL &&
	    strstr(err, "No such file") != NULL, "'%s'", err);
}

static int64_t
header_frames(const char *p)
{
	SF_INFO		 info;
	SNDFILE		*sf;

	memset(&info, 0, sizeof info);
	sf = sf_open(p, SFM_READ, &info);
	if (sf == NULL)
		return -1;
	sf_close(sf);
	return info.frames;
}

static off_t
file_size(const char *p)
{
	struct stat	st;

	return stat(p, &st) == 0 ? st.st_size : -1;
}

/*
 * A crash: the child syncs after `synced` frames, writes up to `total`
 * more without a sync and dies without closing.  The header must already
 * describe the synced frames; repair must find every whole frame that
 * reached the file.
 */
static void
crash_case(const char *name, enum wavfile_fmt f, int ch, int64_t synced,
    int64_t total, int rf64)
{
	struct wavfile	*w;
	char		 err[512];
	int64_t		 frames = -1, before, again = -1;
	pid_t		 pid;
	int		 status, block = ch * fmt_bits(f) / 8;
	off_t		 size;

	pid = fork();
	if (pid == 0) {
		w = wavfile_create(path(name), ch, 48000, f, err, sizeof err);
		if (w == NULL || write_sig(w, f, ch, 0,
		    (uint64_t)synced) != 0 || wavfile_sync(w) != 0)
			_exit(1);
		if (write_sig(w, f, ch, (uint64_t)synced,
		    (uint64_t)total) != 0)
			_exit(1);
		_exit(0);	/* no close, no final flush */
	}
	T_CHECK(waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
	    WEXITSTATUS(status) == 0);

	before = header_frames(path(name));
	T_CHECKF(before == synced, "%s: header has %lld frames before repair, "
	    "synced %lld", name, (long long)before, (long long)synced);

	T_CHECKF(wavfile_repair(path(name), &frames, err, sizeof err) == 0,
	    "%s", err);
	size = file_size(path(name));
	/* Whole frames past the synced ones reached the file (at least one
	 * buffer's worth), but no more than were written. */
	T_CHECKF(frames > synced && frames <= total, "%s: repaired %lld of "
	    "%lld (synced %lld)", name, (long long)frames, (long long)total,
	    (long long)synced);
	T_CHECK(size == (f == WAVFILE_FLOAT32 ? 94 : 80) + frames * block +
	    ((frames * block) & 1));
	check_layout(path(name), f, frames, ch, rf64, NULL);
	check_sndfile(path(name), f, ch, 48000, frames, rf64, NULL);
	check_sox(path(name), f, ch, 48000, frames);

	/* Repair twice changes nothing. */
	T_CHECK(wavfile_repair(path(name), &again, err, sizeof err) == 0);
	T_CHECK(again == frames && file_size(path(name)) == size);
}

static void
test_crash(void)
{
	struct wavfile	*w;
	char		 err[512];
	int64_t		 frames = -1;
	int		 fd;
	off_t		 size;

	crash_case("crash16.wav", WAVFILE_PCM16, 2, 10000, 60000, 0);
	crash_case("crash24.wav", WAVFILE_PCM24, 1, 3001, 70001, 0);
	crash_case("crashf.wav", WAVFILE_FLOAT32, 2, 5000, 40000, 0);
	/* Dead before the first sync: the header says 0 frames. */
	crash_case("crash0.wav", WAVFILE_PCM24, 2, 0, 50000, 0);

	/* Reading while the writer is open: the synced frames are there,
	 * the unsynced ones not yet described. */
	w = wavfile_create(path("open.wav"), 2, 48000, WAVFILE_PCM24, err,
	    sizeof err);
	T_CHECK(write_sig(w, WAVFILE_PCM24, 2, 0, 12345) == 0);
	T_CHECK(wavfile_sync(w) == 0);
	T_CHECK(write_sig(w, WAVFILE_PCM24, 2, 12345, 40000) == 0);
	T_CHECK(header_frames(path("open.wav")) == 12345);
	check_sndfile(path("open.wav"), WAVFILE_PCM24, 2, 48000, 12345, 0,
	    NULL);
	T_CHECK(wavfile_sync(w) == 0);
	T_CHECK(header_frames(path("open.wav")) == 40000);
	T_CHECK(wavfile_close(w, "closed") == 0);

	/* Repairing a closed file keeps its frames and its comment. */
	size = file_size(path("open.wav"));
	T_CHECK(wavfile_repair(path("open.wav"), &frames, err,
	    sizeof err) == 0);
	T_CHECK(frames == 40000 && file_size(path("open.wav")) == size);
	check_sndfile(path("open.wav"), WAVFILE_PCM24, 2, 48000, 40000, 0,
	    "closed");

	/* A torn last frame is not counted, and is cut off. */
	fd = open(path("open.wav"), O_WRONLY);
	T_CHECK(ftruncate(fd, 80 + 40000 * 6) == 0);
	T_CHECK(pwrite(fd, "\1\2\3\4\5", 5, 80 + 40000 * 6) == 5);
	close(fd);
	T_CHECK(wavfile_repair(path("open.wav"), &frames, err,
	    sizeof err) == 0);
	T_CHECK(frames == 40000);
	T_CHECK(file_size(path("open.wav")) == 80 + 40000 * 6);
	check_sndfile(path("open.wav"), WAVFILE_PCM24, 2, 48000, 40000, 0,
	    NULL);
}

static void
test_rf64(void)
{
	struct wavfile	*w;
	struct chunks	 c;
	char		 err[512];

	wavfile_set_rf64_threshold(10000);

	/* Turns RF64 at the first sync past the threshold, not before. */
	w = wavfile_create(path("rf16.wav"), 2, 48000, WAVFILE_PCM16, err,
	    sizeof err);
	T_CHECK(write_sig(w, WAVFILE_PCM16, 2, 0, 1000) == 0);
	T_CHECK(wavfile_sync(w) == 0);
	walk(path("rf16.wav"), &c);
	T_CHECK(!c.rf64 && !c.has_ds64);
	T_CHECK(write_sig(w, WAVFILE_PCM16, 2, 1000, 5000) == 0);
	T_CHECK(wavfile_sync(w) == 0);
	walk(path("rf16.wav"), &c);
	T_CHECK(c.rf64 && c.has_ds64 && c.ds64_samples == 5000);
	T_CHECK(write_sig(w, WAVFILE_PCM16, 2, 5000, 20000) == 0);
	T_CHECK(wavfile_close(w, "big one") == 0);
	check_layout(path("rf16.wav"), WAVFILE_PCM16, 20000, 2, 1, "big one");
	check_sndfile(path("rf16.wav"), WAVFILE_PCM16, 2, 48000, 20000, 1,
	    NULL);
	check_sox(path("rf16.wav"), WAVFILE_PCM16, 2, 48000, 20000);

	w = wavfile_create(path("rff.wav"), 1, 48000, WAVFILE_FLOAT32, err,
	    sizeof err);
	T_CHECK(write_sig(w, WAVFILE_FLOAT32, 1, 0, 30001) == 0);
	T_CHECK(wavfile_close(w, NULL) == 0);
	check_layout(path("rff.wav"), WAVFILE_FLOAT32, 30001, 1, 1, NULL);
	check_sndfile(path("rff.wav"), WAVFILE_FLOAT32, 1, 48000, 30001, 1,
	    NULL);
	check_sox(path("rff.wav"), WAVFILE_FLOAT32, 1, 48000, 30001);

	/* Odd data and a comment: the pad byte must not upset readers.
	 * (libsndfile 1.2's RF64 parser skips no pad, so it misses the
	 * comment there; the samples are what matter.) */
	w = wavfile_create(path("rfodd.wav"), 1, 48000, WAVFILE_PCM24, err,
	    sizeof err);
	T_CHECK(write_sig(w, WAVFILE_PCM24, 1, 0, 30001) == 0);
	T_CHECK(wavfile_close(w, "odd rf64") == 0);
	check_layout(path("rfodd.wav"), WAVFILE_PCM24, 30001, 1, 1,
	    "odd rf64");
	check_sndfile(path("rfodd.wav"), WAVFILE_PCM24, 1, 48000, 30001, 1,
	    NULL);
	check_sox(path("rfodd.wav"), WAVFILE_PCM24, 1, 48000, 30001);

	/* Crashes: already RF64 at the sync, and still RIFF at the sync with
	 * the repair making it RF64. */
	crash_case("rfcrash.wav", WAVFILE_PCM24, 2, 3000, 60000, 1);
	wavfile_set_rf64_threshold(200000);
	crash_case("rfswitch.wav", WAVFILE_PCM24, 2, 1000, 60000, 1);
	wavfile_set_rf64_threshold(0);
}

/*
 * The disk fills up: RLIMIT_FSIZE makes writes past the limit fail with
 * EFBIG (with SIGXFSZ ignored), the same path as ENOSPC.  The child either
 * dies after the error (repair then recovers the file) or closes the take
 * (which must then be readable as it stands).
 */
static void
full_case(const char *name, int do_close)
{
	enum { LIMIT = 300001, CH = 2, BLOCK = 6 };
	struct wavfile	*w;
	struct rlimit	 rl;
	char		 err[512];
	int64_t		 frames = -1, want = (LIMIT - 80) / BLOCK;
	int		 status, error = 0, p[2];
	uint64_t	 at = 0;
	pid_t		 pid;
	int32_t		 msg[2] = { 0, 0 };

	T_CHECK(pipe(p) == 0);
	pid = fork();
	if (pid == 0) {
		signal(SIGXFSZ, SIG_IGN);
		rl.rlim_cur = rl.rlim_max = LIMIT;
		if (setrlimit(RLIMIT_FSIZE, &rl) != 0)
			_exit(2);
		w = wavfile_create(path(name), CH, 48000, WAVFILE_PCM24, err,
		    sizeof err);
		if (w == NULL)
			_exit(3);
		while (error == 0 && at < 200000) {
			error = write_sig(w, WAVFILE_PCM24, CH, at, at + 1000);
			at += 1000;
			if (at % 10000 == 0 && error == 0)
				error = wavfile_sync(w);
		}
		msg[0] = error;
		/* The header still gets written after the failure. */
		msg[1] = do_close ? wavfile_close(w, "full") : wavfile_sync(w);
		if (write(p[1], msg, sizeof msg) != sizeof msg)
			_exit(4);
		_exit(0);
	}
	close(p[1]);
	T_CHECK(read(p[0], msg, sizeof msg) == sizeof msg);
	close(p[0]);
	T_CHECK(waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
	    WEXITSTATUS(status) == 0);
	T_CHECKF(msg[0] == -EFBIG, "%s: write returned %d", name, msg[0]);
	T_CHECKF(msg[1] == -EFBIG, "%s: sync/close returned %d", name,
	    msg[1]);

	if (do_close) {
		/* Readable without repair, every whole frame that fit. */
		T_CHECK(header_frames(path(name)) == want);
		T_CHECK(file_size(path(name)) == 80 + want * BLOCK);
	} else {
		/* The header covers the whole frames that made it. */
		T_CHECK(header_frames(path(name)) == want);
		T_CHECK(wavfile_repair(path(name), &frames, err,
		    sizeof err) == 0);
		T_CHECKF(frames == want, "%lld frames, want %lld",
		    (long long)frames, (long long)want);
	}
	check_layout(path(name), WAVFILE_PCM24, want, CH, 0, NULL);
	check_sndfile(path(name), WAVFILE_PCM24, CH, 48000, want, 0, NULL);
	check_sox(path(name), WAVFILE_PCM24, CH, 48000, want);
}

static void
test_full(void)
{
	full_case("full.wav", 0);
	full_case("fullclose.wav", 1);
}

/* Streams a WAV of `frames` frames through a pipe into a file that a
 * child process writes, as `render -` does through a shell pipe. */
static int
stream_case(const char *name, enum wavfile_fmt f, int ch, int64_t frames)
{
	struct wavfile	*w;
	char		 err[512], buf[65536];
	int		 p[2], out, status, rc;
	ssize_t		 n;
	pid_t		 pid;

	T_CHECK(pipe(p) == 0);
	pid = fork();
	if (pid == 0) {
		close(p[1]);
		out = open(path(name), O_WRONLY | O_CREAT | O_TRUNC, 0644);
		while ((n = read(p[0], buf, sizeof buf)) > 0)
			if (write(out, buf, (size_t)n) != n)
				_exit(1);
		_exit(close(out) == 0 ? 0 : 1);
	}
	close(p[0]);
	w = wavfile_stream(p[1], ch, 48000, f, frames, err, sizeof err);
	T_CHECKF(w != NULL, "%s", err);
	if (w == NULL)
		return -1;
	rc = write_sig(w, f, ch, 0, (uint64_t)frames);
	if (rc == 0)
		rc = wavfile_close(w, NULL);
	else
		wavfile_close(w, NULL);
	T_CHECK(waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
	    WEXITSTATUS(status) == 0);
	return rc;
}

static void
test_stream(void)
{
	struct wavfile	*w;
	char		 err[512];
	float		 buf[2 * 48000] = { 0 };
	int		 p[2];

	T_CHECK(stream_case("st24.wav", WAVFILE_PCM24, 2, 48001) == 0);
	check_layout(path("st24.wav"), WAVFILE_PCM24, 48001, 2, 0, NULL);
	check_sndfile(path("st24.wav"), WAVFILE_PCM24, 2, 48000, 48001, 0,
	    NULL);
	check_sox(path("st24.wav"), WAVFILE_PCM24, 2, 48000, 48001);
	/* Odd data: the pad byte follows. */
	T_CHECK(stream_case("st16.wav", WAVFILE_PCM16, 1, 30001) == 0);
	check_layout(path("st16.wav"), WAVFILE_PCM16, 30001, 1, 0, NULL);
	check_sox(path("st16.wav"), WAVFILE_PCM16, 1, 48000, 30001);
	T_CHECK(stream_case("stf.wav", WAVFILE_FLOAT32, 2, 20000) == 0);
	check_layout(path("stf.wav"), WAVFILE_FLOAT32, 20000, 2, 0, NULL);
	check_sndfile(path("stf.wav"), WAVFILE_FLOAT32, 2, 48000, 20000, 0,
	    NULL);
	/* Past the threshold the header is RF64 from the start. */
	wavfile_set_rf64_threshold(10000);
	T_CHECK(stream_case("st64.wav", WAVFILE_PCM24, 2, 30000) == 0);
	check_layout(path("st64.wav"), WAVFILE_PCM24, 30000, 2, 1, NULL);
	check_sndfile(path("st64.wav"), WAVFILE_PCM24, 2, 48000, 30000, 1,
	    NULL);
	wavfile_set_rf64_threshold(0);

	/* The reader is gone: EPIPE, not a signal. */
	signal(SIGPIPE, SIG_IGN);
	T_CHECK(pipe(p) == 0);
	close(p[0]);
	w = wavfile_stream(p[1], 2, 48000, WAVFILE_PCM24, 48000, err,
	    sizeof err);
	T_CHECKF(w == NULL && strstr(err, "Broken pipe") != NULL, "%s", err);
	T_CHECK(pipe(p) == 0);
	w = wavfile_stream(p[1], 2, 48000, WAVFILE_PCM24, 480000, err,
	    sizeof err);
	T_CHECK(w != NULL);
	close(p[0]);
	T_CHECK(wavfile_write(w, buf, 48000) == -EPIPE);
	T_CHECK(wavfile_close(w, NULL) == -EPIPE);
	signal(SIGPIPE, SIG_DFL);
}

int
main(void)
{
	if (mkdtemp(tmpdir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	test_formats();
	test_clipping();
	test_errors();
	test_crash();
	test_rf64();
	test_full();
	test_stream();
	cleanup();
	T_DONE();
}
