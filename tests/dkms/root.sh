#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# A Debian root directory, made with mmdebstrap and cached: the system the
# DKMS tests install into, and the disk of the systemd guests.
#
#   root.sh [--suite bookworm] [PACKAGE,...]   -> prints the directory (copy it, never change it)
#
# The suite is trixie unless --suite says bookworm (dkms 3.0.10, kexec-tools
# 2.0.25, systemd 252: the packages' oldest supported release).
# PACKAGE,...: more packages in the root, for a root of its own (lintian).
# Besides what the DKMS path needs (dkms make gcc linux-base kmod), it holds
# libelf (objtool in headers from bindeb-pkg links it but the package does
# not depend on it) and, for the guest, systemd as init, udev and kexec-tools.
# Recommends are off, in the root too, so that apt installs exactly what a test
# asks for (dkms recommends Debian's stock linux-headers). The archive URI is
# the host's own; the root is keyed by it, the suite, the package list and
# this script.
set -eu
here=$(dirname "$(readlink -f "$0")")
cache=${PSTORE_KHO_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pstore-kho}
suite=trixie
if [ "${1:-}" = --suite ]; then
	suite=$2
	shift 2
fi
uri=$(awk '/^URIs:/ { print $2; exit }' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
[ -n "$uri" ] || uri=$(awk '$1 == "deb" && $0 !~ /security/ { print $2; exit }' /etc/apt/sources.list)
[ -n "$uri" ] || { echo "root.sh: no Debian source entry on this host" >&2; exit 1; }
case $suite in
trixie) libelf=libelf1t64 lists="deb $uri trixie main|deb $uri trixie-backports main" ;;
bookworm) libelf=libelf1 lists="deb $uri bookworm main|deb $uri bookworm-updates main" ;;
*) echo "root.sh: unknown suite $suite" >&2; exit 2 ;;
esac
include=dkms,make,gcc,linux-base,kmod,$libelf,systemd-sysv,udev,kexec-tools${1:+,$1}
key=$(echo "$uri $suite $include" | cat - "$here/root.sh" | sha256sum | cut -c1-12)
out=$cache/dkms/root-$suite${1:+-$(echo "$1" | tr , -)}-$key
mkdir -p "$cache/dkms"
exec 9>"$cache/dkms/.lock-root"
flock 9
if [ ! -e "$out" ]; then
	echo "root.sh: mmdebstrap $suite (about a minute)" >&2
	rm -rf "$out.tmp"
	IFS='|' read -r -a sources <<<"$lists"
	mmdebstrap --quiet --variant=minbase --include="$include" \
		--aptopt='APT::Install-Recommends "false"' \
		"$suite" "$out.tmp" "${sources[@]}" >&2
	mv "$out.tmp" "$out"
fi
echo "$out"
