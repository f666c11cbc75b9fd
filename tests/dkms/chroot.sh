#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Run a command in a root directory as if it were the running system: /proc,
# /sys, /dev and the host's resolv.conf mounted, apt's download cache kept
# outside (so a new root per run does not download the same packages again).
# The mounts live in a private mount namespace and vanish with the command.
#
#   chroot.sh ROOT APT-CACHE-DIR COMMAND [ARG...]
#
# PKHO_BIND=DIR: DIR is also seen at /mnt in the root, for a command that
# reads files from the host (lintian) without copying them into the root.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$1 aptcache=$2
shift 2
mkdir -p "$aptcache/partial"
# /proc, /sys and /dev from mounts.sh; the rest in its namespace too.
exec "$here/mounts.sh" "$root" /bin/sh -ec '
	root=$1 aptcache=$2
	shift 2
	touch "$root/etc/resolv.conf"
	mount --bind /etc/resolv.conf "$root/etc/resolv.conf"
	mount --bind "$aptcache" "$root/var/cache/apt/archives"
	[ -z "${PKHO_BIND:-}" ] || mount --bind "$PKHO_BIND" "$root/mnt"
	exec chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin \
		DEBIAN_FRONTEND=noninteractive LC_ALL=C.UTF-8 "$@"
' chroot.sh "$root" "$aptcache" "$@"
