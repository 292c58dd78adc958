#!/usr/bin/env python3
"""tests/lib/ddp.py - an independent reader of what `deliver cd` writes.

Written from the formats' descriptions (DDP 2.00 field layouts, the
CD-Text pack format of MMC-3, the CUE sheet and cdrdao's TOC grammar),
not from reel's C code, so that a test compares two readings of one
specification.

  ddp.py masters ALBUM.INI         writes the test masters named there
  ddp.py check ALBUM.INI OUTDIR    reads OUTDIR back and checks it
                                   against the album and an independently
                                   made 16-bit rendering of it
"""
import configparser
import hashlib
import math
import os
import re
import struct
import subprocess
import sys

SECTOR = 588
PREGAP = 150 * SECTOR


def fail(msg):
    print("FAIL  " + msg)
    sys.exit(1)


def ok(msg):
    print("ok    " + msg)


# --- the album ------------------------------------------------------------

def album(path):
    cp = configparser.ConfigParser(interpolation=None, strict=False)
    cp.optionxform = str
    cp.read(path)
    a = dict(cp["album"])
    songs = []
    n = 1
    while cp.has_section("song %d" % n):
        s = dict(cp["song %d" % n])
        s["index"] = [float(v) for k, v in sorted(
            s.items(), key=lambda kv: kv[0]) if k.startswith("index-")]
        songs.append(s)
        n += 1
    return a, songs


# --- WAV ------------------------------------------------------------------

def wav_write_float(path, rate, frames):
    data = struct.pack("<%df" % (2 * len(frames)),
                       *[x for f in frames for x in f])
    fmt = struct.pack("<HHIIHH", 3, 2, rate, rate * 8, 8, 32)
    with open(path, "wb") as f:
        f.write(b"RIFF" + struct.pack("<I", 4 + 8 + len(fmt) + 8 + len(data))
                + b"WAVE" + b"fmt " + struct.pack("<I", len(fmt)) + fmt
                + b"data" + struct.pack("<I", len(data)) + data)


def wav_read(path):
    """(rate, channels, bits, format tag, list of frames as tuples)."""
    with open(path, "rb") as f:
        b = f.read()
    if b[:4] != b"RIFF" or b[8:12] != b"WAVE":
        fail(path + ": not a WAV")
    pos, fmt, data = 12, None, None
    while pos + 8 <= len(b):
        cid, size = b[pos:pos + 4], struct.unpack("<I", b[pos + 4:pos + 8])[0]
        body = b[pos + 8:pos + 8 + size]
        if cid == b"fmt ":
            fmt = struct.unpack("<HHIIHH", body[:16])
        elif cid == b"data":
            data = body
        pos += 8 + size + (size & 1)
    tag, ch, rate, _, _, bits = fmt
    if tag == 3 and bits == 32:
        v = struct.unpack("<%df" % (len(data) // 4), data)
    elif bits == 16:
        v = struct.unpack("<%dh" % (len(data) // 2), data)
    elif bits == 24:
        v = [int.from_bytes(data[i:i + 3], "little", signed=True) / 8388608
             for i in range(0, len(data) - 2, 3)]
    else:
        fail(path + ": unexpected format")
    return rate, ch, bits, tag, [tuple(v[i:i + ch]) for i in
                                 range(0, len(v), ch)]


def make_masters(ini):
    """Stereo float masters whose samples land on every rounding case:
    multiples of 1/65536 (half a 16-bit step), a tone plus a ramp."""
    a, songs = album(ini)
    rate = int(a.get("rate", "44100"))
    for i, s in enumerate(songs):
        secs = float(s["length"])
        n = int(round(secs * rate))
        frames = []
        for k in range(n):
            t = k / rate
            l = 0.5 * math.sin(2 * math.pi * (220 + 110 * i) * t)
            r = 0.25 * math.sin(2 * math.pi * 330 * t) + (k % 7 - 3) / 65536
            frames.append((round(l * 65536) / 65536, round(r * 65536) / 65536))
        # The first and last frames are full-scale clicks: the layout
        # check sees exactly where each song starts and ends.
        frames[0] = (0.75, -0.75)
        frames[-1] = (-0.75, 0.75)
        wav_write_float(os.path.join(os.path.dirname(ini), s["master"]),
                        rate, frames)


# --- the layout, from the rules of the issue, independently --------------

def up(f):
    return (f + SECTOR - 1) // SECTOR * SECTOR


def down(f):
    return f // SECTOR * SECTOR


def plan(ini):
    a, songs = album(ini)
    rate = int(a.get("rate", "44100"))
    tracks, prev_end = [], 0
    for i, s in enumerate(songs):
        path = os.path.join(os.path.dirname(ini), s["master"])
        m = wav_read(path)
        n = len(m[4])
        if rate != 44100:
            n = int(math.floor(n * 44100 / rate + 0.5))
            # The audio of a resampled master comes from another
            # resampler (sox), made beside it by the test.
            m = wav_read(path[:-4] + ".ref44.wav")
        xf = int(round(int(s.get("crossfade", "0")) * 44.1))
        gap = float(s.get("gap", "0"))
        if i == 0:
            start, audio, idx1 = 0, PREGAP, PREGAP
        elif xf > 0:
            audio = prev_end - xf
            idx1 = down(audio)
            start = idx1
        elif gap > 0:
            start = up(prev_end)
            audio = up(prev_end + int(round(gap * 44100)))
            idx1 = audio
        else:
            audio = prev_end
            idx1 = down(audio)
            start = idx1
        idx = [idx1] + [down(audio + int(round(x * 44100)))
                        for x in s["index"]]
        tracks.append(dict(start=start, audio=audio, idx=idx, len=n,
                           xf=xf, frames=m[4], isrc=s.get("isrc", ""),
                           title=s.get("title", ""),
                           performer=s.get("performer", ""),
                           songwriter=s.get("songwriter", ""),
                           composer=s.get("composer", "")))
        prev_end = audio + n
    leadout = up(prev_end)
    return a, tracks, leadout


def render16(tracks, leadout):
    """The disc as 16-bit little-endian stereo, without dither: gaps,
    rounding to the nearest step, clipping."""
    acc = [0.0] * (2 * leadout)
    for i, t in enumerate(tracks):
        out_xf = tracks[i + 1]["xf"] if i + 1 < len(tracks) else 0
        frames = t["frames"][:t["len"]]
        frames += [(0.0, 0.0)] * (t["len"] - len(frames))
        for k, (l, r) in enumerate(frames):
            g = 1.0
            if k < t["xf"]:
                g *= math.sin(math.pi / 2 * (k + 0.5) / t["xf"])
            if k >= t["len"] - out_xf:
                g *= math.cos(math.pi / 2 * (k - (t["len"] - out_xf) + 0.5)
                              / out_xf)
            p = 2 * (t["audio"] + k)
            acc[p] += l * g
            acc[p + 1] += r * g
    q = [max(-32768, min(32767, math.floor(x * 32768 + 0.5))) for x in acc]
    return struct.pack("<%dh" % len(q), *q)


# --- DDP ------------------------------------------------------------------

def crc16(data):
    c = 0
    for b in data:
        c ^= b << 8
        for _ in range(8):
            c = ((c << 1) ^ 0x1021) if c & 0x8000 else c << 1
            c &= 0xffff
    return c


def read_ddp(d):
    """DDPID, the map, the PQ entries, the CD-Text and IMAGE.DAT."""
    ddpid = open(os.path.join(d, "DDPID"), "rb").read()
    if len(ddpid) != 128 or ddpid[0:8] != b"DDP 2.00":
        fail("DDPID: 128 bytes beginning 'DDP 2.00'")
    if ddpid[87:89] != b"CD":
        fail("DDPID: type CD at 87-88")
    upc = ddpid[8:21].decode().strip()
    ms = open(os.path.join(d, "DDPMS"), "rb").read()
    if len(ms) % 128 != 0:
        fail("DDPMS: whole 128-byte packets")
    maps = []
    for i in range(0, len(ms), 128):
        p = ms[i:i + 128].decode("ascii")
        if p[0:4] != "VVVM":
            fail("DDPMS packet %d: VVVM" % (i // 128))
        if int(p[71:74]) != 17:
            fail("DDPMS: SIZ 017")
        maps.append(dict(dst=p[4:6], dsl=int(p[14:22]), sub=p[30:38].strip(),
                         cdm=p[38:40], pre2=p[46:50], dsi=p[74:91].strip()))
    pq = []
    b = open(os.path.join(d, "PQDESCR"), "rb").read()
    if len(b) % 64 != 0:
        fail("PQDESCR: whole 64-byte packets")
    for i in range(0, len(b), 64):
        p = b[i:i + 64].decode("ascii")
        if p[0:4] != "VVVS":
            fail("PQDESCR packet %d: VVVS" % (i // 64))
        mm, ss, ff = int(p[10:12]), int(p[12:14]), int(p[14:16])
        pq.append(dict(trk=p[4:6], idx=int(p[6:8]),
                       sector=(mm * 60 + ss) * 75 + ff, cb1=p[16:18],
                       isrc=p[20:32].strip(), upc=p[32:45].strip()))
    text = None
    if os.path.exists(os.path.join(d, "CDTEXT.BIN")):
        text = open(os.path.join(d, "CDTEXT.BIN"), "rb").read()
    image = open(os.path.join(d, "IMAGE.DAT"), "rb").read()
    return dict(upc=upc, mid=ddpid[38:86].decode().strip(), maps=maps, pq=pq,
                text=text, image=image)


def cdtext_read(b):
    """{type: [album string, track 1, ...]} from the packs, checking each
    pack's CRC, the sequence numbers and the size information."""
    if len(b) % 18 != 0:
        fail("CDTEXT.BIN: whole 18-byte packs")
    streams, counts, info = {}, {}, b""
    for i in range(0, len(b), 18):
        p = b[i:i + 18]
        crc = (~crc16(p[:16])) & 0xffff
        if p[16] != crc >> 8 or p[17] != crc & 0xff:
            fail("CD-Text pack %d: CRC" % (i // 18))
        if p[2] != i // 18:
            fail("CD-Text pack %d: sequence number %d" % (i // 18, p[2]))
        counts[p[0]] = counts.get(p[0], 0) + 1
        if p[0] == 0x8f:
            info += p[4:16]
        else:
            streams.setdefault(p[0], b"")
            streams[p[0]] += p[4:16]
    if len(info) != 36:
        fail("CD-Text: 3 size information packs")
    for t in range(16):
        if info[4 + t] != counts.get(0x80 + t, 0):
            fail("CD-Text size information: count of 0x%x" % (0x80 + t))
    if info[20] != len(b) // 18 - 1 or info[28] != 0x09:
        fail("CD-Text size information: last sequence number, language")
    out = {}
    n = info[2] - info[1] + 2     # the album's string and each track's
    for t, s in streams.items():
        out[t] = [x.decode("latin-1") for x in s.split(b"\0")][:n]
    return out, info


def cue_read(path):
    tracks, cur, catalog = [], None, ""
    for line in open(path, encoding="utf-8"):
        w = line.split()
        if not w:
            continue
        if w[0] == "TRACK":
            cur = dict(n=int(w[1]), idx={}, isrc="")
            tracks.append(cur)
        elif w[0] == "INDEX":
            mm, ss, ff = (int(x) for x in w[2].split(":"))
            cur["idx"][int(w[1])] = (mm * 60 + ss) * 75 + ff + 150
        elif w[0] == "ISRC":
            cur["isrc"] = w[1]
        elif w[0] == "CATALOG":
            catalog = w[1]
    return tracks, catalog


def msf(s):
    mm, ss, ff = (int(x) for x in s.split(":"))
    return (mm * 60 + ss) * 75 + ff


def toc_read(path):
    """Track starts from the TOC's grammar: FILE offset length, START,
    INDEX (relative to START), track 1 after cdrdao's own 2 s."""
    tracks, pos = [], 150
    for line in open(path, encoding="latin-1"):
        w = line.split()
        if not w or w[0].startswith("//"):
            continue
        if w[0] == "TRACK":
            cur = dict(idx={}, isrc="")
            tracks.append(cur)
        elif w[0] == "FILE":
            off, ln = msf(w[2]), msf(w[3])
            if off + 150 != pos:
                fail("TOC: track %d's data does not follow the previous"
                     % len(tracks))
            cur["from"] = pos
            cur["idx"][1] = pos
            pos += ln
        elif w[0] == "START":
            cur["idx"][0] = cur["from"]
            cur["idx"][1] = cur["from"] + msf(w[1])
        elif w[0] == "INDEX":
            cur["idx"][len(cur["idx"]) + (0 if 0 in cur["idx"] else 1)] = \
                cur["idx"][1] + msf(w[1])
        elif w[0] == "ISRC":
            cur["isrc"] = w[1].strip('"')
    return tracks, pos


def check(ini, out):
    a, tracks, leadout = plan(ini)
    g = read_ddp(os.path.join(out, "DDP"))
    # The map: the image in sectors, the subcode files in bytes.
    for m in g["maps"]:
        size = os.path.getsize(os.path.join(out, "DDP", m["dsi"]))
        if m["dst"] == "D0":
            if m["cdm"] != "DA" or m["pre2"] != "0150":
                fail("DDPMS: D0 packet is DA with a 150-sector pregap")
            if size != m["dsl"] * 2352:
                fail("DDPMS: IMAGE.DAT is %d sectors" % m["dsl"])
        elif size != m["dsl"]:
            fail("DDPMS: %s length" % m["dsi"])
    ok("DDPMS: %s" % ", ".join(m["dsi"] for m in g["maps"]))
    if len(g["image"]) != leadout * 4 or len(g["image"]) % 2352:
        fail("IMAGE.DAT: %d bytes, expected %d" % (len(g["image"]),
                                                   leadout * 4))
    ok("IMAGE.DAT: %d whole sectors (lead-out at %d)" %
       (len(g["image"]) // 2352, leadout // SECTOR))
    # PQ: lead-in, each track's indexes, lead-out.
    want = [("00", 0, 0)]
    for i, t in enumerate(tracks):
        if t["start"] < t["idx"][0]:
            want.append(("%02d" % (i + 1), 0, t["start"] // SECTOR))
        for k, x in enumerate(t["idx"]):
            want.append(("%02d" % (i + 1), k + 1, x // SECTOR))
    want.append(("AA", 1, leadout // SECTOR))
    got = [(p["trk"], p["idx"], p["sector"]) for p in g["pq"]]
    if got != want:
        fail("PQDESCR: %s, expected %s" % (got, want))
    ok("PQDESCR: %d entries, every track and index where the rules put "
       "them" % len(got))
    upc = a.get("upc", "")
    if upc and (g["pq"][0]["upc"].lstrip("0") != upc.lstrip("0") or
                g["upc"].lstrip("0") != upc.lstrip("0")):
        fail("UPC: PQ %s, DDPID %s, album %s" % (g["pq"][0]["upc"],
                                                 g["upc"], upc))
    for p in g["pq"][1:-1]:
        t = tracks[int(p["trk"]) - 1]
        if p["isrc"] != t["isrc"]:
            fail("ISRC of track %s: %s, expected %s" % (p["trk"], p["isrc"],
                                                        t["isrc"]))
    ok("ISRC and UPC/EAN in the PQ descriptor and DDPID")
    # CD-Text.
    if g["text"] is not None:
        text, _ = cdtext_read(g["text"])
        want_t = [a.get("title", "")] + [t["title"] for t in tracks]
        want_p = [a.get("performer", "")] + [t["performer"] for t in tracks]
        # A type nobody set has no packs at all.
        want_t = want_t if any(want_t) else None
        want_p = want_p if any(want_p) else None
        if text.get(0x80) != want_t or text.get(0x81) != want_p:
            fail("CD-Text: %s %s" % (text.get(0x80), text.get(0x81)))
        ok("CD-Text: CRCs, sequence, size information, titles and "
           "performers")
    # The audio against our own rendering.
    ref = render16(tracks, leadout)
    h1 = hashlib.md5(g["image"]).hexdigest()
    h2 = hashlib.md5(ref).hexdigest()
    if os.environ.get("DDP_TOLERANCE"):
        # Another resampler and the dither: the difference's RMS, and
        # the signal's, in 16-bit steps.
        n = len(ref) // 2
        x = struct.unpack("<%dh" % n, g["image"])
        y = struct.unpack("<%dh" % n, ref)
        err = math.sqrt(sum((p - q) ** 2 for p, q in zip(x, y)) / n)
        sig = math.sqrt(sum(q * q for q in y) / n)
        if err > float(os.environ["DDP_TOLERANCE"]):
            fail("IMAGE.DAT differs from the reference by %.2f LSB RMS" %
                 err)
        ok("IMAGE.DAT within %.2f LSB RMS of the reference (signal %.0f "
           "LSB RMS, %.0f dB below it)" % (err, sig,
                                          20 * math.log10(sig / err)))
    elif h1 != h2:
        fail("IMAGE.DAT md5 %s, the reference %s" % (h1, h2))
    else:
        ok("IMAGE.DAT md5 %s equals the independent rendering" % h1)
    # CHECKSUM.MD5.
    for line in open(os.path.join(out, "DDP", "CHECKSUM.MD5")):
        h, name = line.rstrip("\n").split("  ", 1)
        data = open(os.path.join(out, "DDP", name), "rb").read()
        if hashlib.md5(data).hexdigest() != h:
            fail("CHECKSUM.MD5: " + name)
    ok("CHECKSUM.MD5 matches every file")
    # The WAV under CUE and TOC: the image after the 2 s pregap.
    rate, ch, bits, _, _ = wav_read(os.path.join(out, "disc.wav"))
    raw = open(os.path.join(out, "disc.wav"), "rb").read()
    if rate != 44100 or ch != 2 or bits != 16 or \
            not raw.endswith(g["image"][PREGAP * 4:]):
        fail("disc.wav: the image after its pregap, 16-bit 44.1 kHz")
    ok("disc.wav is IMAGE.DAT after the pregap")
    # CUE and TOC agree with the PQ on every index.
    pqidx = {}
    for p in g["pq"][1:-1]:
        pqidx.setdefault(int(p["trk"]), {})[p["idx"]] = p["sector"]
    pqidx[1].pop(0, None)   # track 1's pregap is implied by both
    cue, catalog = cue_read(os.path.join(out, "disc.cue"))
    if [c["idx"] for c in cue] != [pqidx[i + 1] for i in range(len(cue))]:
        fail("CUE indexes %s, PQ %s" % ([c["idx"] for c in cue], pqidx))
    if upc and catalog.lstrip("0") != upc.lstrip("0"):
        fail("CUE CATALOG")
    toc, end = toc_read(os.path.join(out, "disc.toc"))
    if [t["idx"] for t in toc] != [pqidx[i + 1] for i in range(len(toc))]:
        fail("TOC indexes %s, PQ %s" % ([t["idx"] for t in toc], pqidx))
    if end != leadout // SECTOR:
        fail("TOC ends at %d, the lead-out is %d" % (end, leadout // SECTOR))
    if [c["isrc"] for c in cue] != [t["isrc"] for t in tracks] or \
            [t["isrc"] for t in toc] != [t["isrc"] for t in tracks]:
        fail("CUE/TOC ISRC")
    ok("CUE, TOC and DDP agree on %d indexes of %d tracks" %
       (sum(len(v) for v in pqidx.values()), len(tracks)))


if __name__ == "__main__":
    if sys.argv[1] == "masters":
        make_masters(sys.argv[2])
    elif sys.argv[1] == "check":
        check(sys.argv[2], sys.argv[3])
