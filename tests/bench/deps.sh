#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Host packages `make bench` needs beyond the test bed's own
# (tests/setup/host-deps.sh): gnuplot for the chart. Installed only if missing.
set -eu
need=()
for p in gnuplot-nox; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || need+=("$p")
done
[ ${#need[@]} = 0 ] && exit 0
export DEBIAN_FRONTEND=noninteractive
apt-get install -y --no-install-recommends "${need[@]}" >/dev/null ||
	{ apt-get update >/dev/null && apt-get install -y --no-install-recommends "${need[@]}" >/dev/null; }
