#!/bin/sh
# Promise 1, the short run in make test: 6 kill -9 at random moments of
# recordings through the real-time device.  `make soak` runs 20 (and
# REL_KILLS= changes it).  See tests/reliability/kill_random.sh.
REL_KILLS=${REL_KILLS:-6} REL_MAX_MS=${REL_MAX_MS:-2500} \
    exec sh "$(dirname "$0")/../reliability/kill_random.sh"
