#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# linux-image and linux-headers .debs of a KHO test kernel, made with the
# kernel's own `make bindeb-pkg`, cached.
#
#   kernel-debs.sh TAG   -> prints the directory holding the .debs
#
# bindeb-pkg bumps the build number and relinks vmlinux, which would make the
# cached test kernel (tests/kernel/build.sh) differ from the one the other tests
# boot; so it runs on a copy of the build tree, removed afterwards. The
# sha256 of the tree's bzImage before and after is kept in tree-bzimage, for
# tests/dkms/run.sh to check. The cache is keyed by the build tree (source
# version and config hash) and this script.
set -eu
here=$(dirname "$(readlink -f "$0")")
version=${1:?usage: kernel-debs.sh <kernel version>}
cache=${PSTORE_KHO_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pstore-kho}
tree=$("$here/../kernel/build.sh" "$version")
key=$(sha256sum "$here/kernel-debs.sh" | cut -c1-8)
out=$cache/kdeb/$(basename "$tree")-$key
if [ -e "$out/.done" ]; then
	echo "$out"
	exit 0
fi
# The build tree's Makefile names its source tree.
src=$(sed -n 's/^include \(.*\)\/Makefile$/\1/p' "$tree/Makefile")
[ -d "$src" ] || { echo "kernel-debs: no source tree for $tree" >&2; exit 1; }
rm -rf "$out"
mkdir -p "$out"
echo "kernel-debs: bindeb-pkg for $version in $out (about 2 minutes)" >&2
before=$(sha256sum <"$tree/arch/x86/boot/bzImage" | cut -d' ' -f1)
cp -a "$tree" "$out/tree"
# -d: the headers package's build dependencies (libdw-dev, ...) are not checked;
# the tree is already built, only packaging runs.
make -C "$src" O="$out/tree" -j"$(nproc)" DPKG_FLAGS=-d bindeb-pkg >"$out/build.log" 2>&1 ||
	{ tail -30 "$out/build.log" >&2; exit 1; }
rm -rf "$out/tree"
echo "$before $(sha256sum <"$tree/arch/x86/boot/bzImage" | cut -d' ' -f1)" >"$out/tree-bzimage"
ls "$out"/linux-image-*.deb "$out"/linux-headers-*.deb >/dev/null
touch "$out/.done"
echo "$out"
