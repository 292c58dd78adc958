#!/bin/sh
# Installs the Debian packages named on the command line that are missing,
# and only those.  Used by `make deps` and `make deps-test`.
missing=""
for p in "$@"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "reel: installing missing packages:$missing"
if [ "$(id -u)" -ne 0 ]; then
	if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else
		echo "reel: run as root: apt-get install$missing" >&2
		exit 1
	fi
fi
export DEBIAN_FRONTEND=noninteractive
${SUDO:-} apt-get update -qq || exit 1
${SUDO:-} apt-get install -y -qq --no-install-recommends $missing >/dev/null || exit 1
