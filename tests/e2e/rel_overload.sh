#!/bin/sh
# Promise 4, the short run in make test: 30 s of 8 tracks through the
# real-time device with the CPUs and the disk loaded.  `make soak` runs
# 10 minutes.  See tests/reliability/overload.sh.
REL_SECONDS=${REL_SECONDS:-30} \
    exec sh "$(dirname "$0")/../reliability/overload.sh"
