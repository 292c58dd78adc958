#!/bin/sh
# The file name's extension chooses what a render writes (issue 8, item 7),
# checked with tools other than reel:
#  - ffprobe (and soxi where sox reads the format) sees the container and
#    codec the name asks for: .wav PCM, .flac FLAC, .ogg Vorbis, .opus
#    Opus, .mp3 MP3 (in any letter case);
#  - FLAC holds the WAV render's samples bit for bit (24 and 16 bits);
#  - each lossy file, decoded by ffmpeg, has the render's length and
#    correlates with the 32-bit float render sample for sample (SNR above
#    a bound, no time shift); quality= and bitrate= change what is written
#    (a better quality is bigger and closer, bitrate=128 is 128 kbps);
#  - a format= that contradicts the name, an unknown or missing
#    extension, and quality/bitrate where they do not apply are one-line
#    errors that write nothing.
. "$(dirname "$0")/../lib/common.sh"
need sox soxi ffmpeg ffprobe python3

RATE=48000
P="$T/song"
# Something like music: two chords' worth of tones and some noise.
sox -n -r $RATE -c 2 -b 24 "$T/tones.wav" synth 3 sine 220 sine 277 \
    synth 3 sine mix 330 vol 0.25 2>/dev/null
sox -n -r $RATE -c 2 -b 24 "$T/noise.wav" synth 3 pinknoise vol 0.05 \
    2>/dev/null
sox -m "$T/tones.wav" "$T/noise.wav" "$T/src.wav"
run_to imp reel_cfg "$P" -c "import $T/src.wav track=a"
[ "$RC" -eq 0 ] || { cat "$T/imp.err"; fail "import: exit $RC"; }

R=$P/renders
run_to r reel_cfg "$P" -c "render ref.wav format=wav32f;
    render x.wav; render x16.wav format=wav16 dither=off;
    render x.flac; render x16.flac format=flac16 dither=off;
    render old.flac format=flac; render x.ogg; render x.opus; render x.mp3;
    render UP.MP3; render lo.mp3 quality=0.1; render hi.mp3 quality=0.9;
    render cbr.mp3 bitrate=128; render o64.opus bitrate=64;
    render lo.ogg quality=0.1; render x.oga"
sed 's/^/      /' "$T/r.err"
[ "$RC" -eq 0 ] || fail "renders: exit $RC"
N=$(frames "$R/ref.wav")
[ "$N" -eq $((3 * RATE)) ] || fail "ref.wav has $N frames"

# probe FILE: "format codec bits" as ffprobe sees them.
probe() {
	f=$(ffprobe -v error -show_entries format=format_name -of \
	    default=nw=1:nk=1 "$1")
	c=$(ffprobe -v error -select_streams a:0 -show_entries \
	    stream=codec_name,bits_per_raw_sample -of default=nw=1:nk=1 "$1" |
	    tr '\n' ' ')
	echo "$f $c" | tr -s ' ' | sed 's/ $//'
}
# expect_probe FILE PATTERN [SOXI_TYPE]
expect_probe() {
	got=$(probe "$R/$1")
	if printf '%s\n' "$got" | grep -Eqx "$2"; then
		ok "$1: ffprobe: $got"
	else
		soft_fail "$1: ffprobe says '$got', expected /$2/"
	fi
	[ -n "${3:-}" ] || return 0
	st=$(soxi -t "$R/$1" 2>&1)
	[ "$st" = "$3" ] && ok "$1: soxi -t: $st" ||
	    soft_fail "$1: soxi -t says '$st', expected $3"
}
expect_probe x.wav "wav pcm_s24le 24" wav
expect_probe x16.wav "wav pcm_s16le( 16| N/A)" wav
expect_probe ref.wav "wav pcm_f32le( N/A)?" wav
expect_probe x.flac "flac flac 24" flac
expect_probe old.flac "flac flac 24" flac
expect_probe x16.flac "flac flac 16" flac
expect_probe x.ogg "ogg vorbis( N/A)?" vorbis
expect_probe x.oga "ogg vorbis( N/A)?" vorbis
expect_probe lo.ogg "ogg vorbis( N/A)?" vorbis
expect_probe x.opus "ogg opus( N/A)?"
expect_probe o64.opus "ogg opus( N/A)?"
expect_probe x.mp3 "mp3 mp3( N/A)?"
expect_probe UP.MP3 "mp3 mp3( N/A)?"
expect_probe cbr.mp3 "mp3 mp3( N/A)?"

# Lossless: the FLAC's samples are the WAV's (decoded by sox and ffmpeg).
lossless() {	# FLAC WAV
	s32raw "$R/$1" "$T/fl.raw"
	s32raw "$R/$2" "$T/wv.raw"
	ffmpeg -v error -y -i "$R/$1" -f s32le "$T/ff.raw"
	if rawcmp "$T/fl.raw" "$T/wv.raw" 8 && rawcmp "$T/ff.raw" "$T/wv.raw" 8
	then
		ok "$1 = $2 bit for bit ($(frames "$R/$1") frames; sox and" \
		    "ffmpeg decode it)"
	else
		soft_fail "$1 differs from $2"
	fi
}
lossless x.flac x.wav
lossless x16.flac x16.wav

# Lossy: ffmpeg decodes each to 32-bit float; compared with ref.wav.
for f in x.ogg lo.ogg x.opus o64.opus x.mp3 UP.MP3 lo.mp3 hi.mp3 cbr.mp3
do
	ffmpeg -v error -y -i "$R/$f" -f f32le -ac 2 -ar $RATE "$T/$f.raw" ||
	    soft_fail "ffmpeg cannot decode $f"
done
py "$R" "$T" "$N" <<'EOF' || T_SOFT=$((T_SOFT + 1))
import array, math, os, sys
from reellib import *
R, T, N = sys.argv[1], sys.argv[2], int(sys.argv[3])
ch, rate, ref = read_wav(R + '/ref.wav')
# dB of waveform SNR: perceptual codecs do not keep noise's waveform, so
# the smallest settings (lo.*, o64) are held to less.  A correlation of
# 0.95 is about 10 dB.
BOUND, LOW = 15.0, 10.0

def snr(x, lag=0, n=None):
    s = e = 0.0
    for c in range(2):
        r, y = ref[c], x[c]
        for i in range(max(0, -lag), min(n or len(r), len(y) - lag)):
            d = y[i + lag] - r[i]
            s += r[i] * r[i]
            e += d * d
    return 10 * math.log10(s / e) if e > 0 else 999.0

res = {}
for f in ['x.ogg', 'lo.ogg', 'x.opus', 'o64.opus', 'x.mp3', 'UP.MP3',
          'lo.mp3', 'hi.mp3', 'cbr.mp3']:
    a = array.array('f')
    a.frombytes(open(T + '/' + f + '.raw', 'rb').read())
    x = [a[0::2], a[1::2]]
    db = res[f] = snr(x)
    # Aligned: the first second fits worse shifted by a frame or two
    # (not asked of the smallest settings, whose error hides it).
    at0 = snr(x, 0, rate)
    near = max(snr(x, l, rate) for l in (-2, -1, 1, 2))
    low = f.startswith(('lo.', 'o64'))
    bound = LOW if low else BOUND
    check(len(x[0]) == N and db > bound and (low or at0 > near),
          '%s: ffmpeg decodes %d frames (render: %d); SNR against the '
          'float render %.1f dB (bound %g); first second %.1f dB as is, '
          '%.1f dB at the best shift of 1 or 2 frames' % (f, len(x[0]), N,
          db, bound, at0, near))
size = lambda f: os.path.getsize(R + '/' + f)
check(res['hi.mp3'] > res['lo.mp3'] + 3 and size('hi.mp3') > size('lo.mp3'),
      'mp3 quality=0.9: %.1f dB, %d bytes; quality=0.1: %.1f dB, %d bytes'
      % (res['hi.mp3'], size('hi.mp3'), res['lo.mp3'], size('lo.mp3')))
check(res['x.ogg'] > res['lo.ogg'] and size('x.ogg') > size('lo.ogg'),
      'vorbis default (quality 0.6): %.1f dB, %d bytes; quality=0.1: %.1f '
      'dB, %d bytes' % (res['x.ogg'], size('x.ogg'), res['lo.ogg'],
      size('lo.ogg')))
kbps = size('o64.opus') * 8 / 3.0 / 1000
check(48 < kbps < 80 and size('x.opus') > size('o64.opus'),
      'opus bitrate=64: %.0f kbps over the 3 s; default (128): %.0f kbps'
      % (kbps, size('x.opus') * 8 / 3.0 / 1000))
done()
EOF
br=$(ffprobe -v error -select_streams a:0 -show_entries stream=bit_rate \
    -of default=nw=1:nk=1 "$R/cbr.mp3")
[ "$br" = 128000 ] && ok "cbr.mp3 (bitrate=128): ffprobe bit_rate $br" ||
    soft_fail "cbr.mp3: ffprobe bit_rate $br, expected 128000"

say "-- refused, nothing written"
ls "$R" > "$T/before"
# refuse NAME PATTERN COMMAND
refuse() {
	run_to bad reel_cfg "$P" -c "$3"
	n=$(wc -l < "$T/bad.err")
	ls "$R" > "$T/after"
	if [ "$RC" -eq 1 ] && [ "$n" -eq 1 ] && grep -Eq "$2" "$T/bad.err" &&
	    cmp -s "$T/before" "$T/after"; then
		ok "$1: $(cat "$T/bad.err")"
	else
		soft_fail "$1: exit $RC, $n lines: $(cat "$T/bad.err")"
		diff "$T/before" "$T/after" | sed 's/^/      /'
	fi
}
refuse "format=flac for x.wav" "render: format: 'flac' writes FLAC.*x.wav" \
    "render x.wav format=flac"
refuse "format=wav24 for y.flac" "render: format: 'wav24' writes WAV.*y.flac" \
    "render y.flac format=wav24"
refuse "format=mp3 for y.wav" "format.*'mp3'" "render y.wav format=mp3"
refuse "unknown extension" \
    "render: y.aiff: .*expected .wav, .flac, .ogg, .opus or .mp3" \
    "render y.aiff"
refuse "no extension" "render: mix: .*extension.*expected .wav" "render mix"
refuse "unknown format=" "render: format: expected wav16.*got 'mp4'" \
    "render y.wav format=mp4"
refuse "quality= on WAV" "render: quality: only for .ogg, .opus and .mp3" \
    "render y.wav quality=0.5"
refuse "bitrate= on FLAC" "render: bitrate: only for" \
    "render y.flac bitrate=128"
refuse "bitrate= on Vorbis" "render: bitrate: .*Vorbis.*quality" \
    "render y.ogg bitrate=128"
refuse "quality out of range" "render: quality: expected a number from 0 to 1, got '2'" \
    "render y.mp3 quality=2"
refuse "mp3 bitrate out of range" "render: bitrate: expected kbps from 32 to 320.*'999'" \
    "render y.mp3 bitrate=999"
refuse "quality and bitrate" "render: bitrate: give quality= or bitrate=, not both" \
    "render y.mp3 quality=0.5 bitrate=128"

# Opus is 48 kHz (and fewer); a 44.1 kHz project gets a clear word.
config_write "$T/c44.ini" "rate = 44100"
sox -n -r 44100 -c 2 -b 24 "$T/s44.wav" synth 1 sine 440 2>/dev/null
run_to p44 "$REEL" --config "$T/c44.ini" "$T/s44" -c "import $T/s44.wav"
run_to o44 "$REEL" --config "$T/c44.ini" "$T/s44" -c "render x.opus"
if [ "$RC" -eq 1 ] && grep -q "Opus at 44100 Hz.*48000" "$T/o44.err" &&
    [ -z "$(ls "$T/s44/renders")" ]; then
	ok "44.1 kHz project: $(cat "$T/o44.err")"
else
	soft_fail "opus at 44.1 kHz: exit $RC: $(cat "$T/o44.err")"
fi
done_test
