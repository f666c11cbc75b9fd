#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# dracut in the trixie root where our package and the 7.3 KHO kernel are
# installed: the initramfs it makes must not carry pstore_kho (a copy there
# goes stale when dkms rebuilds the module, and systemd-modules-load would
# load that copy first). dracut copies every module dkms installed under
# updates/ into a generic (no-hostonly) initramfs, and every module named in
# /usr/lib/modules-load.d into any: the package has no modules-load.d entry
# (modprobe@pstore_kho.service loads it at boot) and omits the module in
# /usr/lib/dracut/dracut.conf.d/50-pstore-kho.conf. For the record, the same
# dracut without that file is measured too: it copies the module. Prints one
# PASS/FAIL line.
#
#   initramfs.sh ROOT RELEASE
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
root=$1 rel=$2
cache=${PSTORE_KHO_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pstore-kho}
out=$top/tests/out/dkms
name=initramfs-no-copy
in_root() { "$here/chroot.sh" "$root" "$cache/dkms/apt-archives" "$@"; }
if ! in_root apt-get install -y -q -o Dpkg::Use-Pty=0 dracut >"$out/dracut-install.log" 2>&1; then
	echo "FAIL  $name: apt install dracut failed: $(tail -3 "$out/dracut-install.log" | paste -sd' ')"
	exit 0
fi
dver=$(in_root dpkg-query -W -f='${Version}' dracut)
# --no-hostonly: everything a generic initramfs gets, as on a distribution.
mk() { in_root dracut --force --no-hostonly --kver "$rel" "$1" >>"$out/dracut.log" 2>&1 &&
	in_root lsinitrd "$1" 2>/dev/null | grep -o -e '[^ ]*pstore_kho[^ ]*' | paste -sd' '; }
if ! in_root test -e "/lib/modules/$rel/updates/dkms/pstore_kho.ko"; then
	echo "FAIL  $name: pstore_kho is not installed for $rel in the root, nothing to measure"
	exit 0
fi
now=$(mk /tmp/initrd-pkg.img) || { echo "FAIL  $name: dracut failed: $(tail -3 "$out/dracut.log" | paste -sd' ')"; exit 0; }
conf=usr/lib/dracut/dracut.conf.d/50-pstore-kho.conf
if [ ! -e "$root/$conf" ]; then
	echo "FAIL  $name: the package did not install /$conf"
	exit 0
fi
mv "$root/$conf" "$root/$conf.off"
before=$(mk /tmp/initrd-without.img)
mv "$root/$conf.off" "$root/$conf"
rm -f "$root"/tmp/initrd-*.img
if [ -n "$now" ]; then
	echo "FAIL  $name: dracut $dver put pstore_kho into the initramfs of $rel: $now"
elif [ -z "$before" ]; then
	echo "FAIL  $name: dracut $dver did not copy pstore_kho even without /$conf: the measurement is void"
else
	echo "PASS  $name  (dracut $dver --no-hostonly, $rel: no pstore_kho in the initramfs; without /$conf it holds: $before)"
fi
