#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# One KHO kernel's headers (the linux-headers .deb of `make bindeb-pkg`, one
# tree, with the kernel's config from its linux-image .deb as .config, which
# distributions' headers have and bindeb-pkg's have not) laid out again as
# distributions package theirs, as .debs, cached:
#
#   debian   linux-headers-<v>-pkho1-common (arch all): the source part,
#            include/linux among it; linux-headers-<v>-pkho1-amd64: .config,
#            Module.symvers, the generated headers, scripts and tools, and a
#            Makefile of two lines, "KBUILD_OUTPUT=<this directory>" and
#            "include /usr/src/linux-headers-<v>-pkho1-common/Makefile", as
#            Debian's 7.3 headers (trixie-backports) have it.
#   ubuntu   linux-headers-<v>-99 (all): the source part;
#            linux-headers-<v>-99-generic: the generated files, and a link
#            into the common directory for everything else, directory by
#            directory (include/linux among them, and the Makefile), as
#            Ubuntu's are.
#   no-pages Debian's layout again (<v>-pkho616-amd64) with a kexec_handover.h
#            that has no kho_preserve_pages(), as 6.16's and 6.17's: a KHO
#            kernel the module does not support.
#
# Each flavour package has Debian's and Ubuntu's headers postinst: it runs
# /etc/kernel/header_postinst.d (where dkms builds for the new kernel). The
# release is renamed in include/config/kernel.release and utsrelease.h, so
# that each layout is a kernel of its own to dkms.
#
#   header-layouts.sh KDEB-DIR       -> prints the directory: debian/, ubuntu/,
#                                       no-pages/ with the .debs, and releases
#                                       (LAYOUT RELEASE per line)
set -eu
here=$(dirname "$(readlink -f "$0")")
kdeb=$(readlink -f "${1:?usage: header-layouts.sh KDEB-DIR}")
hdeb=$(ls "$kdeb"/linux-headers-*.deb | head -1)
ideb=$(ls "$kdeb"/linux-image-*.deb | grep -v -- -dbg_ | head -1)
cache=${PSTORE_KHO_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pstore-kho}
key=$(cat "$hdeb" "$ideb" "$here/header-layouts.sh" | sha256sum | cut -c1-12)
out=$cache/kdeb/layouts-$key
if [ -e "$out/.done" ]; then
	echo "$out"
	exit 0
fi
rm -rf "$out"
mkdir -p "$out/x"
rel=$(dpkg-deb -f "$hdeb" Package | sed 's/^linux-headers-//')
ver=$(dpkg-deb -f "$hdeb" Version)
arch=$(dpkg-deb -f "$hdeb" Architecture)
dpkg-deb -x "$hdeb" "$out/x"
dpkg-deb -x "$ideb" "$out/image"
tree=$out/x/usr/src/linux-headers-$rel
cp "$out/image/boot/config-$rel" "$tree/.config"
rm -rf "$out/image"
[ -e "$tree/include/linux/kexec_handover.h" ] || { echo "header-layouts: no kexec_handover.h in $hdeb" >&2; exit 1; }
# What the kernel build generated, and kbuild's own programs: the flavour's.
generated=".config Module.symvers include/generated include/config arch/x86/include/generated"
built="scripts tools"

# pkg DIR NAME ARCH DEPENDS: control file (and, for a flavour, the postinst).
pkg() {
	local dir=$1 name=$2 parch=$3 deps=$4
	mkdir -p "$dir/DEBIAN"
	{
		echo "Package: $name"
		echo "Version: $ver"
		echo "Architecture: $parch"
		echo "Maintainer: pstore-kho-dkms tests <tests@invalid>"
		[ -z "$deps" ] || echo "Depends: $deps"
		echo "Section: kernel"
		echo "Priority: optional"
		echo "Description: KHO test kernel headers in a distribution's layout (tests/dkms)"
	} >"$dir/DEBIAN/control"
}
# postinst DIR RELEASE: what Debian's and Ubuntu's headers packages run.
postinst() {
	printf '#!/bin/sh\nset -e\nif [ "$1" = configure ] && [ -d /etc/kernel/header_postinst.d ]; then\n\trun-parts --report --exit-on-error --arg=%s /etc/kernel/header_postinst.d\nfi\n' "$2" \
		>"$1/DEBIAN/postinst"
	chmod 755 "$1/DEBIAN/postinst"
}
# common DIR: the source part of the tree under DIR.
common() {
	mkdir -p "$1"
	cp -a "$tree/." "$1/"
	(cd "$1" && rm -rf $generated)
}
# flavour DIR RELEASE: the generated part, renamed to RELEASE.
flavour() {
	local d=$1 r=$2 f
	mkdir -p "$d"
	for f in $generated $built; do
		mkdir -p "$d/$(dirname "$f")"
		cp -a "$tree/$f" "$d/$f"
	done
	echo "$r" >"$d/include/config/kernel.release"
	sed -i "s/\"$rel\"/\"$r\"/" "$d/include/generated/utsrelease.h"
	grep -q "\"$r\"" "$d/include/generated/utsrelease.h"
}
# Test packages, never published: fast compression.
build() { dpkg-deb --root-owner-group -Zgzip -z1 -b "$1" "$2" >/dev/null; }

# Debian: -common through the Makefile include.
debian_layout() { # DIR ABI
	local dir=$1 abi=$2 p
	mkdir -p "$dir"
	p=$out/work/common
	rm -rf "$out/work"
	common "$p/usr/src/linux-headers-$abi-common"
	pkg "$p" "linux-headers-$abi-common" all ""
	build "$p" "$dir/linux-headers-${abi}-common_${ver}_all.deb"
	p=$out/work/flavour
	flavour "$p/usr/src/linux-headers-$abi-amd64" "$abi-amd64"
	printf 'KBUILD_OUTPUT=/usr/src/linux-headers-%s-amd64\ninclude /usr/src/linux-headers-%s-common/Makefile\n' \
		"$abi" "$abi" >"$p/usr/src/linux-headers-$abi-amd64/Makefile"
	mkdir -p "$p/lib/modules/$abi-amd64"
	ln -s "/usr/src/linux-headers-$abi-amd64" "$p/lib/modules/$abi-amd64/build"
	pkg "$p" "linux-headers-$abi-amd64" "$arch" "linux-headers-$abi-common (= $ver)"
	postinst "$p" "$abi-amd64"
	build "$p" "$dir/linux-headers-${abi}-amd64_${ver}_$arch.deb"
}
debian_layout "$out/debian" "$rel-pkho1"
echo "debian $rel-pkho1-amd64" >"$out/releases"

# The same with a 6.16-like header: kho_preserve_pages() gone.
abi=$rel-pkho616
debian_layout "$out/no-pages" "$abi"
rm -rf "$out/work"
mkdir -p "$out/work"
dpkg-deb -R "$out/no-pages/linux-headers-${abi}-common_${ver}_all.deb" "$out/work/c"
h=$out/work/c/usr/src/linux-headers-$abi-common/include/linux/kexec_handover.h
sed -i '/kho_preserve_pages\|kho_unpreserve_pages\|kho_restore_pages/d' "$h"
! grep -q kho_preserve_pages "$h"
build "$out/work/c" "$out/no-pages/linux-headers-${abi}-common_${ver}_all.deb"
echo "no-pages $abi-amd64" >>"$out/releases"

# Ubuntu: the flavour directory, with links into the common one.
u=$rel-99
rm -rf "$out/work"
mkdir -p "$out/ubuntu"
p=$out/work/common
common "$p/usr/src/linux-headers-$u"
pkg "$p" "linux-headers-$u" all ""
build "$p" "$out/ubuntu/linux-headers-${u}_${ver}_all.deb"
p=$out/work/flavour
fl=$p/usr/src/linux-headers-$u-generic
flavour "$fl" "$u-generic"
# link DIR UP: in DIR (a path under both trees, "" for the top), a link for
# each entry of the common tree that the flavour does not have; into
# directories both have, recursively. UP leads from DIR back to /usr/src.
link() {
	local d=$1 up=$2 e path
	for e in $(cd "$p/../common/usr/src/linux-headers-$u/$d" && ls -A); do
		path=${d:+$d/}$e
		if [ ! -e "$fl/$path" ] && [ ! -L "$fl/$path" ]; then
			ln -s "$up/linux-headers-$u/$path" "$fl/$path"
		elif [ -d "$fl/$path" ] && [ ! -L "$fl/$path" ]; then
			link "$path" "../$up"
		fi
	done
}
link "" ..
mkdir -p "$p/lib/modules/$u-generic"
ln -s "/usr/src/linux-headers-$u-generic" "$p/lib/modules/$u-generic/build"
pkg "$p" "linux-headers-$u-generic" "$arch" "linux-headers-$u (= $ver)"
postinst "$p" "$u-generic"
build "$p" "$out/ubuntu/linux-headers-${u}-generic_${ver}_$arch.deb"
echo "ubuntu $u-generic" >>"$out/releases"
rm -rf "$out/work" "$out/x"
touch "$out/.done"
echo "$out"
