#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# linux-image and linux-headers .debs of a KHO test kernel, made with the
# kernel's own `make bindeb-pkg`, cached.
#
#   kernel-debs.sh TAG   -> prints the directory holding the .debs
#
# bindeb-pkg runs in the cached build tree itself, with the build number and
# time the kernel was built with (PKHO_KBUILD_VERSION, PKHO_KBUILD_TIMESTAMP
# in tests/kernel/kernels.sh): it finds vmlinux up to date and packages the
# kernel the other tests boot, without relinking it. A copy of the tree
# would not do: objtool, built under the tree's absolute path, is rebuilt
# in a copy, and with it the objects it checks and vmlinux. The sha256 of
# the tree's bzImage before and after is kept in tree-bzimage, for
# tests/dkms/run.sh to check that the cached kernel is unchanged. The
# packaging's own files (debian/ in the tree, the .debs bindeb-pkg writes
# beside it) are moved out or removed. The cache is keyed by the build tree
# (source version and config hash) and this script.
set -eu
here=$(dirname "$(readlink -f "$0")")
. "$here/../kernel/kernels.sh"
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
release=$(cat "$tree/include/config/kernel.release")
pkgver=$release-$PKHO_KBUILD_VERSION
rm -rf "$out" "$tree/debian" "$(dirname "$tree")"/*_"$pkgver"_*
mkdir -p "$out"
echo "kernel-debs: bindeb-pkg for $version in $out (about a minute)" >&2
before=$(sha256sum <"$tree/arch/x86/boot/bzImage" | cut -d' ' -f1)
# KDEB_PKGVERSION's revision (after its last "-") is the build number
# bindeb-pkg gives kbuild. -d: the headers package's build dependencies
# (libdw-dev, ...) are not checked; the tree is already built.
KBUILD_BUILD_TIMESTAMP=$PKHO_KBUILD_TIMESTAMP \
	make -C "$src" O="$tree" -j"$(nproc)" DPKG_FLAGS=-d KDEB_PKGVERSION="$pkgver" bindeb-pkg \
	>"$out/build.log" 2>&1 || { tail -30 "$out/build.log" >&2; exit 1; }
mv "$(dirname "$tree")"/*_"$pkgver"_* "$out/"
rm -rf "$tree/debian"
echo "$before $(sha256sum <"$tree/arch/x86/boot/bzImage" | cut -d' ' -f1)" >"$out/tree-bzimage"
ls "$out"/linux-image-*.deb "$out"/linux-headers-*.deb >/dev/null
touch "$out/.done"
echo "$out"
