#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Debian 12 (bookworm), in a root made with mmdebstrap: dkms 3.0.10,
# kexec-tools 2.0.25. Prints one PASS/FAIL line each:
#   bookworm-dkms-floor    apt refuses our .deb, which needs dkms 3.0.11:
#                          3.0.10's autoinstall fails when a module skips a
#                          kernel (dkms-3.0.10-autoinstall-skip, below)
#   dkms-3.0.10-layout-debian, dkms-3.0.10-layout-ubuntu
#                          bookworm's dkms builds the module from our
#                          dkms.conf for a KHO kernel's headers in Debian's
#                          split layout and in Ubuntu's (header-layouts.sh)
#   dkms-3.0.10-skip-no-pages, dkms-3.0.10-skip-stock
#                          and `dkms build` exits 77 for a KHO kernel without
#                          kho_preserve_pages() and for bookworm's own kernel
#   dkms-3.0.10-autoinstall-skip
#                          for the record: the kernel's own hook (dkms
#                          autoinstall, run by its headers' postinst) fails
#                          on that skip, and apt with it, on every Debian 12
#                          kernel update (KHO off): why the package needs
#                          3.0.11, where a skip is a skip
#   kexec-tools-bookworm   what Debian 12's kexec-tools does at reboot, read
#                          from the package as installed
#   checker-kexec-tools-bookworm
#                          pstore-kho-check there says what to set
# The module source is put in place from our .deb by hand (apt would not
# install it), as dkms add expects it in /usr/src.
#
#   bookworm.sh DEB LAYOUTS-DIR
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
deb=$1 layouts=$2
cache=${PSTORE_KHO_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pstore-kho}
out=$top/tests/out/dkms
version=$(cat "$top/VERSION")
tests="bookworm-dkms-floor dkms-3.0.10-layout-debian dkms-3.0.10-layout-ubuntu dkms-3.0.10-skip-no-pages
	dkms-3.0.10-skip-stock dkms-3.0.10-autoinstall-skip kexec-tools-bookworm checker-kexec-tools-bookworm"
fail_all() { for t in $tests; do echo "FAIL  $t: $1"; done; exit 0; }
base=$("$here/root.sh" --suite bookworm 2>"$out/root-bookworm.log") ||
	fail_all "mmdebstrap bookworm failed: $(tail -3 "$out/root-bookworm.log" | paste -sd' ')"
root=$cache/dkms/bookworm-work/root
rm -rf "$cache/dkms/bookworm-work"
mkdir -p "$root"
cp -a "$base/." "$root/"
mkdir -p "$root/debs/layouts"
cp "$deb" "$root/debs/"
cp -r "$layouts"/debian "$layouts"/ubuntu "$layouts"/no-pages "$root/debs/layouts/"
in_root() { "$here/chroot.sh" "$root" "$cache/dkms/apt-archives" "$@"; }
apt_root() { in_root apt-get -y -q -o Dpkg::Use-Pty=0 "$@"; }
dver=$(in_root dpkg-query -W -f='${Version}' dkms)
apt_root update >"$out/bookworm-update.log" 2>&1 || fail_all "apt-get update failed: $(tail -2 "$out/bookworm-update.log" | paste -sd' ')"

name=bookworm-dkms-floor
log=$out/bookworm-install-deb.log
if apt_root install "/debs/$(basename "$deb")" >"$log" 2>&1; then
	echo "FAIL  $name: apt installed the package with dkms $dver, whose autoinstall fails on every kernel the module skips"
elif grep -q 'Depends: dkms (>= 3.0.11)' "$log"; then
	echo "PASS  $name  (apt: $(grep -m1 -o 'Depends: dkms (>= 3.0.11) but [^ ]* is to be installed' "$log"))"
else
	echo "FAIL  $name: apt failed, but not for dkms: $(tail -3 "$log" | paste -sd' ')"
fi

# The headers first: nothing is there yet for their dkms hooks to build.
log=$out/bookworm-headers.log
apt_root install $(cd "$root" && ls debs/layouts/*/*.deb | sed 's|^|/|') linux-headers-amd64 >"$log" 2>&1 ||
	fail_all "installing the header layouts and linux-headers-amd64 failed: $(tail -3 "$log" | paste -sd' ')"
dpkg-deb -x "$deb" "$root/tmp/pkho-deb"
cp -a "$root/tmp/pkho-deb/usr/src/pstore-kho-$version" "$root/usr/src/"
in_root dkms add -m pstore-kho -v "$version" >"$out/bookworm-dkms-add.log" 2>&1 ||
	fail_all "dkms add failed: $(tail -3 "$out/bookworm-dkms-add.log" | paste -sd' ')"
stock=$(cd "$root/usr/src" && ls -d linux-headers-*-amd64 | sed 's/^linux-headers-//' | grep -v pkho | sort -V | tail -1)

# build NAME RELEASE: dkms build, its exit status in $st, its log.
build() {
	blog=$out/bookworm-build-$1.log
	in_root dkms build -m pstore-kho -v "$version" -k "$2" >"$blog" 2>&1
	st=$?
}
while read -r layout rel; do
	case $layout in
	no-pages)
		build no-pages "$rel"
		if [ "$st" = 77 ]; then
			echo "PASS  dkms-3.0.10-skip-no-pages  (dkms $dver: $rel, a KHO kernel without kho_preserve_pages() in Debian's split layout: dkms build exit 77)"
		else
			echo "FAIL  dkms-3.0.10-skip-no-pages: dkms $dver build for $rel exited $st, not 77: $(tail -2 "$blog" | paste -sd' ')"
		fi ;;
	*)
		name=dkms-3.0.10-layout-$layout
		build "$layout" "$rel"
		if [ "$st" != 0 ]; then
			echo "FAIL  $name: dkms $dver build for $rel exited $st: $(grep -m2 -e BUILD_EXCLUSIVE -e Error "$blog" | paste -sd' ')"
			continue
		fi
		in_root dkms install -m pstore-kho -v "$version" -k "$rel" >>"$blog" 2>&1
		ko=$(ls "$root/lib/modules/$rel/updates/dkms/"pstore_kho.ko* 2>/dev/null | head -1)
		magic=$([ -n "$ko" ] && modinfo -F vermagic "$ko" | cut -d' ' -f1)
		if [ "$magic" = "$rel" ]; then
			echo "PASS  $name  (dkms $dver: built and installed ${ko#"$root"}, vermagic $magic)"
		else
			echo "FAIL  $name: dkms $dver install for $rel: module '${ko:-none}', vermagic '$magic'"
		fi ;;
	esac
done <"$layouts/releases"

build stock "$stock"
if [ "$st" = 77 ]; then
	echo "PASS  dkms-3.0.10-skip-stock  (dkms $dver: $stock, KHO off: dkms build exit 77)"
else
	echo "FAIL  dkms-3.0.10-skip-stock: dkms $dver build for $stock exited $st, not 77: $(tail -2 "$blog" | paste -sd' ')"
fi
# What the kernel's and its headers' postinst hooks run.
in_root /etc/kernel/header_postinst.d/dkms "$stock" >"$out/bookworm-autoinstall.log" 2>&1
st=$?
if [ "$st" != 0 ] && grep -q 'One or more modules failed to install during autoinstall' "$out/bookworm-autoinstall.log"; then
	echo "PASS  dkms-3.0.10-autoinstall-skip  (for the record: dkms $dver's header_postinst.d hook for $stock exits $st on the skip, which fails the headers' postinst: the package needs dkms 3.0.11)"
else
	echo "FAIL  dkms-3.0.10-autoinstall-skip: dkms $dver's hook for $stock exited $st: bookworm's dkms no longer fails on a skip, the package's dkms floor (3.0.11) can come down: $(tail -2 "$out/bookworm-autoinstall.log" | paste -sd' ')"
fi

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
	echo "PASS  $name  (kexec-tools $kver: LOAD_KEXEC=true by default; /etc/init.d/kexec-load loads with a plain kexec -l, kexec_load by default (-c); kexec.service masked, so under systemd nothing jumps to it)"
fi
# pstore-kho-check there, as on a Debian 12 system without systemd (the
# chroot has none running), where that path is a kexec that carries
# nothing: it says so and what to set; set, it says only how to load.
name=checker-kexec-tools-bookworm
cp "$top/packaging/usr/sbin/pstore-kho-check" "$root/tmp/pstore-kho-check"
before=$(in_root sh /tmp/pstore-kho-check 2>&1)
sed -i 's/^LOAD_KEXEC=true/LOAD_KEXEC=false/' "$root/etc/default/kexec"
after=$(in_root sh /tmp/pstore-kho-check 2>&1)
printf '%s\n' "$before" >"$out/checker-kexec-tools-bookworm.log"
printf '%s\n' "$after" >>"$out/checker-kexec-tools-bookworm.log"
if ! printf '%s\n' "$before" | grep -q '^no  kexec-tools: LOAD_KEXEC=true in /etc/default/kexec makes every reboot a kexec loaded with plain kexec -l, which this kexec-tools makes a kexec_load' ||
	! printf '%s\n' "$before" | grep -q '^    do: set LOAD_KEXEC=false in /etc/default/kexec'; then
	echo "FAIL  $name: with LOAD_KEXEC=true: $(printf '%s\n' "$before" | grep -i kexec | paste -sd'|')"
elif printf '%s\n' "$after" | grep -q '^no  kexec-tools' ||
	! printf '%s\n' "$after" | grep -q '^--  kexec-tools: a plain kexec -l is kexec_load with this kexec-tools'; then
	echo "FAIL  $name: with LOAD_KEXEC=false: $(printf '%s\n' "$after" | grep -i kexec | paste -sd'|')"
else
	echo "PASS  $name  (LOAD_KEXEC=true without systemd: 'no' and the setting to change; set to false: only '$(printf '%s\n' "$after" | grep '^--  kexec-tools' | cut -c5-70)...')"
fi
rm -rf "$cache/dkms/bookworm-work"
