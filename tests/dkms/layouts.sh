#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# dkms and the header layouts of distributions (header-layouts.sh), in a root
# where pstore-kho-dkms is installed: apt installs each layout's headers, and
# their postinst (header_postinst.d) makes dkms build, unasked:
#   Debian's split headers and Ubuntu's linked ones: built and installed, the
#   module's vermagic is that kernel's;
#   a KHO kernel without kho_preserve_pages() (6.16, 6.17): apt succeeds,
#   dkms skips it, `dkms build` exits 77.
# Prints one PASS/FAIL line each, named after SUITE (the root's dkms); the
# headers are purged again at the end.
#
#   layouts.sh ROOT LAYOUTS-DIR SUITE
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
root=$1 layouts=$2 suite=$3
cache=${PSTORE_KHO_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pstore-kho}
out=$top/tests/out/dkms
version=$(cat "$top/VERSION")
in_root() { "$here/chroot.sh" "$root" "$cache/dkms/apt-archives" "$@"; }
dver=$(in_root dpkg-query -W -f='${Version}' dkms)
rm -rf "$root/debs/layouts"
mkdir -p "$root/debs/layouts"
cp -r "$layouts"/debian "$layouts"/ubuntu "$layouts"/no-pages "$root/debs/layouts/"
while read -r layout rel; do
	name=dkms-layout-$layout-$suite
	log=$out/layout-$layout-$suite.log
	in_root sh -c "apt-get install -y -q -o Dpkg::Use-Pty=0 /debs/layouts/$layout/*.deb" >"$log" 2>&1
	st=$?
	state=$(in_root dkms status -m pstore-kho -v "$version" -k "$rel" 2>/dev/null | sed -n 's/.*: //p')
	ko=$(ls "$root/lib/modules/$rel/updates/dkms/"pstore_kho.ko* 2>/dev/null | head -1)
	if [ "$st" != 0 ]; then
		echo "FAIL  $name: apt failed (exit $st): $(tail -3 "$log" | paste -sd' ')"
		continue
	fi
	if ! grep -q 'header_postinst.d/dkms' "$log"; then
		echo "FAIL  $name: the headers' postinst did not run dkms's hook"
		continue
	fi
	case $layout in
	no-pages)
		in_root dkms build -m pstore-kho -v "$version" -k "$rel" >"$out/layout-build-$layout-$suite.log" 2>&1
		bst=$?
		if [ -n "$ko" ] || [ "$state" = installed ] || [ "$state" = built ]; then
			echo "FAIL  $name: dkms $dver built it for $rel ($state, ${ko:-no module}); kexec_handover.h has no kho_preserve_pages()"
		elif [ "$bst" != 77 ]; then
			echo "FAIL  $name: dkms build for $rel exited $bst, not 77: $(tail -2 "$out/layout-build-$layout-$suite.log" | paste -sd' ')"
		elif ! grep -q BUILD_EXCLUSIVE "$log"; then
			echo "FAIL  $name: apt's dkms hook did not say it skipped $rel (BUILD_EXCLUSIVE)"
		else
			echo "PASS  $name  (dkms $dver: $rel, a KHO kernel without kho_preserve_pages(), Debian's split layout: apt ok, skipped, dkms build exit 77)"
		fi ;;
	*)
		magic=$([ -n "$ko" ] && modinfo -F vermagic "$ko" | cut -d' ' -f1)
		if [ "$state" != installed ] || [ -z "$ko" ]; then
			echo "FAIL  $name: dkms $dver for $rel: '$state', module ${ko:-none}: $(grep -m2 -e BUILD_EXCLUSIVE -e Error "$log" | paste -sd' ')"
		elif [ "$magic" != "$rel" ]; then
			echo "FAIL  $name: ${ko#"$root"} has vermagic '$magic', not $rel"
		else
			echo "PASS  $name  (dkms $dver, unasked on apt install of $(cd "$layouts/$layout" && ls | sed 's/_.*//' | paste -sd' '): installed ${ko#"$root"}, vermagic $magic)"
		fi ;;
	esac
done <"$layouts/releases"
# Leave the root as found: the later tests count the KHO kernels' headers.
in_root sh -c "apt-get purge -y -q $(cd "$layouts" && ls */*.deb | sed 's|.*/||; s|_.*||' | paste -sd' ')" \
	>"$out/layouts-purge-$suite.log" 2>&1 ||
	echo "FAIL  layouts-cleanup-$suite: apt purge of the layouts' headers failed: $(tail -2 "$out/layouts-purge-$suite.log" | paste -sd' ')"
