#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Run a host command on a root directory that looks like a running system to
# whatever chroots into it: /proc, /sys and /dev mounted in ROOT, in a private
# mount namespace that vanishes with the command. For `rpm --root ROOT`,
# whose scriptlets run chrooted in ROOT (dkms, gcc need /proc and /dev).
#
#   mounts.sh ROOT COMMAND [ARG...]
set -eu
root=$1
shift
exec unshare --mount --propagation private --fork /bin/sh -ec '
	root=$1
	shift
	mount -t proc proc "$root/proc"
	mount -t sysfs sysfs "$root/sys"
	mount --rbind /dev "$root/dev"
	exec "$@"
' mounts.sh "$root" "$@"
