#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Prepare Debian's linux-source-<series> of version <version> (a release
# candidate from experimental) for building external modules, without
# building the kernel: unpack the package, configure it like the test
# kernels, `make modules_prepare`. Cached; prints the tree.
#
#   prepare-rc.sh SERIES VERSION
set -eu
here=$(dirname "$(readlink -f "$0")")
series=$1 version=$2
cache=${PSTORE_KHO_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pstore-kho}
# Configured as the 7.3 test kernel is (kernel_fragments, tests/kernel/build.sh).
. "$here/../kernel/kernels.sh"
fragments=$(kernel_fragments 7.3 | sed "s|^|$here/../kernel/|")
key=$( (grep -h '^CONFIG_' $fragments; cat "$0") | sha256sum | cut -c1-12)
tree=$cache/prepared/$series-$version-$key
if [ -e "$tree/.pstore-kho-prepared" ]; then
	echo "$tree"
	exit 0
fi
work=$cache/prepared/work-$version
rm -rf "$work" "$tree"
mkdir -p "$work"
chmod 755 "$work"  # apt downloads as _apt
(cd "$work" && apt-get download -qq "linux-source-$series=$version" >&2)
dpkg-deb -x "$work"/linux-source-*.deb "$work/pkg"
mkdir -p "$tree"
tar -xJf "$work"/pkg/usr/src/linux-source-*.tar.xz -C "$tree" --strip-components=1
rm -rf "$work"
{
	make -C "$tree" tinyconfig
	"$tree/scripts/kconfig/merge_config.sh" -m -O "$tree" "$tree/.config" $fragments
	make -C "$tree" olddefconfig
	make -C "$tree" -j"$(nproc)" modules_prepare
} >"$tree/prepare.log" 2>&1 || { tail -20 "$tree/prepare.log" >&2; exit 1; }
grep -q '^CONFIG_KEXEC_HANDOVER=y' "$tree/.config" || { echo "no KHO in the configured rc" >&2; exit 1; }
touch "$tree/.pstore-kho-prepared"
echo "$tree"
