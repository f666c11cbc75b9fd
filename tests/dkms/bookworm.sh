#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The package on Debian 12 (bookworm: dkms 3.0.10, the oldest the package
# supports), in a bookworm root made with mmdebstrap: apt installs our .deb,
# then dkms builds unasked for a KHO kernel's headers in Debian's split layout
# and in Ubuntu's, and skips a KHO kernel without kho_preserve_pages()
# (layouts.sh) and bookworm's own kernel (KHO off: `dkms build` exits 77,
# apt succeeds); and what Debian 12's kexec-tools does at reboot, read from
# the package as installed. Prints one PASS/FAIL line each.
#
#   bookworm.sh DEB LAYOUTS-DIR
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
deb=$1 layouts=$2
cache=${PSTORE_KHO_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pstore-kho}
out=$top/tests/out/dkms
version=$(cat "$top/VERSION")
tests="dkms-install-bookworm kexec-tools-bookworm dkms-layout-debian-bookworm dkms-layout-no-pages-bookworm dkms-layout-ubuntu-bookworm dkms-skip-stock-bookworm"
fail_all() { for t in $tests; do echo "FAIL  $t: $1"; done; exit 0; }
base=$("$here/root.sh" --suite bookworm 2>"$out/root-bookworm.log") ||
	fail_all "mmdebstrap bookworm failed: $(tail -3 "$out/root-bookworm.log" | paste -sd' ')"
root=$cache/dkms/bookworm-work/root
rm -rf "$cache/dkms/bookworm-work"
mkdir -p "$root"
cp -a "$base/." "$root/"
mkdir -p "$root/debs"
cp "$deb" "$root/debs/"
in_root() { "$here/chroot.sh" "$root" "$cache/dkms/apt-archives" "$@"; }
apt_root() { in_root apt-get -y -q -o Dpkg::Use-Pty=0 "$@"; }
log=$out/install-deb-bookworm.log
{ apt_root update && apt_root install "/debs/$(basename "$deb")"; } >"$log" 2>&1 ||
	fail_all "apt install of the .deb in the bookworm root failed: $(tail -3 "$log" | paste -sd' ')"
echo "PASS  dkms-install-bookworm  (apt installed $(basename "$deb") with dkms $(in_root dpkg-query -W -f='${Version}' dkms))"

"$here/layouts.sh" "$root" "$layouts" bookworm

# Debian 12's kexec-tools as installed (noninteractively, so with its debconf
# defaults): what its reboot path does, read from the package itself.
name=kexec-tools-bookworm
kver=$(in_root dpkg-query -W -f='${Version}' kexec-tools)
load=$(sed -n 's/^LOAD_KEXEC=//p' "$root/etc/default/kexec" | tail -1)
how=$(grep -o '/sbin/kexec -[a-z] "$KERNEL_IMAGE"' "$root/etc/init.d/kexec-load" | sort -u | paste -sd' ')
dflt=$(in_root kexec --help 2>&1 | awk '/^ -[sca], --kexec/ { opt = $1 } /\(default\)/ && opt { print opt; exit }')
unit=$(readlink "$root/lib/systemd/system/kexec.service")
if [ "$load" != true ]; then
	echo "FAIL  $name: kexec-tools $kver: LOAD_KEXEC is '$load', not the debconf default true"
elif [ "$how" != '/sbin/kexec -l "$KERNEL_IMAGE"' ]; then
	echo "FAIL  $name: kexec-tools $kver: its kexec-load script loads with '$how', not a plain kexec -l"
elif [ "$dflt" != "-c," ]; then
	echo "FAIL  $name: kexec-tools $kver: kexec's default syscall option is '$dflt', not -c (kexec_load)"
elif [ "$unit" != /dev/null ]; then
	echo "FAIL  $name: kexec-tools $kver: kexec.service is '$unit', not masked"
else
	echo "PASS  $name  (kexec-tools $kver: LOAD_KEXEC=true by default; /etc/init.d/kexec-load loads with a plain kexec -l, kexec_load by default (-c); kexec.service masked, so under systemd nothing jumps)"
fi

# Bookworm's own kernel: KHO off, skipped.
name=dkms-skip-stock-bookworm
log=$out/install-stock-bookworm.log
if ! apt_root install linux-headers-amd64 >"$log" 2>&1; then
	echo "FAIL  $name: apt install linux-headers-amd64 failed: $(tail -3 "$log" | paste -sd' ')"
else
	rel=$(cd "$root/usr/src" && ls -d linux-headers-*-amd64 | sed 's/^linux-headers-//' | sort -V | tail -1)
	in_root dkms build -m pstore-kho -v "$version" -k "$rel" >"$out/build-stock-bookworm.log" 2>&1
	st=$?
	if ls "$root/lib/modules/$rel/updates/dkms/"pstore_kho.ko* >/dev/null 2>&1; then
		echo "FAIL  $name: dkms built the module for $rel"
	elif [ "$st" != 77 ]; then
		echo "FAIL  $name: dkms build for $rel exited $st, not 77: $(tail -2 "$out/build-stock-bookworm.log" | paste -sd' ')"
	elif ! grep -q BUILD_EXCLUSIVE "$log"; then
		echo "FAIL  $name: the headers' postinst did not report a BUILD_EXCLUSIVE skip"
	else
		echo "PASS  $name  (linux-headers-$rel: apt ok, dkms skipped it (BUILD_EXCLUSIVE), dkms build exit 77)"
	fi
fi
rm -rf "$cache/dkms/bookworm-work"
