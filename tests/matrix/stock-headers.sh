#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Install the newest Debian stock linux-headers-<series>.x-amd64 the host can
# take and print its build tree. Only series built for this host's release
# (bookworm: 6.1) install here; newer ones are tested in the trixie root.
# Exit status 2: Debian offers no such package (a skip, not a failure).
# apt-cache finds nothing, with status 0, also when its lists are missing:
# that is a failure (status 1), told apart by apt knowing no kernel headers
# at all.
set -eu
series=$1
pkg=$(apt-cache search --names-only "^linux-headers-$series\\.[0-9]+-[0-9]+-amd64\$" |
	awk '{ print $1 }' | sort -V | tail -1)
if [ -z "$pkg" ] && [ -z "$(apt-cache pkgnames linux-headers- | head -1)" ]; then
	echo "apt knows no linux-headers package at all: its lists are missing or broken" >&2
	exit 1
fi
[ -n "$pkg" ] || { echo "Debian offers no linux-headers-$series.*-amd64 package" >&2; exit 2; }
if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed"; then
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$pkg" >&2
fi
ver=${pkg#linux-headers-}
echo "/usr/src/linux-headers-$ver"
