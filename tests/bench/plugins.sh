#!/bin/sh
# plugins.sh - hosting overhead of LV2 plugins (issue 15), printed by
# `make bench`: tests/bench/fx_plugins.c against build/libreel.a.
set -u
TOP=$(cd "$(dirname "$0")/../.." && pwd)
OUT="$TOP/build/bench"
mkdir -p "$OUT"
[ -f "$TOP/build/libreel.a" ] || { echo "bench: no build/libreel.a" >&2
	exit 1; }
cc -O2 -std=c11 -D_GNU_SOURCE -I"$TOP/audio" -I"$TOP/src" \
    -o "$OUT/fx_plugins" "$TOP/tests/bench/fx_plugins.c" \
    "$TOP/build/libreel.a" $(pkg-config --libs lilv-0) -ldl -lm -pthread ||
    exit 1
echo ""
echo "plugin hosting (issue 15), 10 s of 128-frame periods, stereo:"
"$OUT/fx_plugins"
