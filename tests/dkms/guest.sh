#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The whole system under QEMU: a trixie root with the 7.3 KHO kernel and our
# package installed by apt (dkms builds the module), as an ext4 disk; systemd as
# init on the cached 7.3 test bzImage. systemd-modules-load loads pstore_kho,
# the guest's test unit kexecs into the installed kernel with `systemctl kexec`,
# and in the second boot checks that systemd-pstore archived the first boot's
# log (tests/dkms/guest/pkho-kexec-test). Prints one PASS/FAIL/SKIP line.
#
#   guest.sh ROOT-DIR PACKAGE.deb KERNEL-DEB-DIR
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
. "$top/tests/lib.sh" >/dev/null
base=$1 deb=$2 kdebs=$3
cache=${PSTORE_KHO_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pstore-kho}
out=$top/tests/out/dkms
name=guest-kexec
tree=$("$top/tests/kernel/build.sh" 7.3) || { t_skip $name "no 7.3 test kernel"; exit 0; }

# The disk image is cached, keyed by everything that goes into it.
key=$(cat "$deb" "$kdebs"/linux-image-*.deb "$here/guest.sh" "$here/guest/"* |
	sha256sum | cut -c1-12)
img=$cache/dkms/guest-$(basename "$base")-$key.img
if [ ! -e "$img" ]; then
	# Images of older inputs are of no more use, and 1 GB each.
	rm -f "$cache"/dkms/guest-*.img
	work=$cache/dkms/guest-work
	rm -rf "$work"
	mkdir -p "$work/root/debs"
	cp -a "$base/." "$work/root/"
	cp "$deb" "$kdebs"/linux-image-*.deb "$kdebs"/linux-headers-*.deb "$work/root/debs/"
	in_root() { "$here/chroot.sh" "$work/root" "$cache/dkms/apt-archives" "$@"; }
	{
		in_root apt-get update -q &&
		in_root apt-get install -y -q -o Dpkg::Use-Pty=0 $(cd "$work/root" && ls debs/linux-*.deb | sed 's|^|/|') &&
		in_root apt-get install -y -q -o Dpkg::Use-Pty=0 "/debs/$(basename "$deb")"
	} >"$out/guest-image.log" 2>&1 || { t_fail $name "installing into the image failed: $(tail -3 "$out/guest-image.log" | paste -sd' ')"; exit 0; }
	rm -rf "$work/root/debs"
	install -m755 "$here/guest/pkho-kexec-test" "$work/root/usr/local/sbin/"
	install -m644 "$here/guest/pkho-kexec-test.service" "$work/root/etc/systemd/system/"
	in_root systemctl enable pkho-kexec-test.service >>"$out/guest-image.log" 2>&1
	# A machine id, so that systemd does not run its first-boot set-up.
	in_root systemd-machine-id-setup >>"$out/guest-image.log" 2>&1
	echo pkho-guest >"$work/root/etc/hostname"
	# Sized to the content with room for the dkms build tree and journals.
	size=$(( $(du -sm "$work/root" | cut -f1) + 512 ))
	mke2fs -q -t ext4 -L root -d "$work/root" "$img.tmp" "${size}M" >>"$out/guest-image.log" 2>&1 ||
		{ t_fail $name "mke2fs -d failed"; exit 0; }
	mv "$img.tmp" "$img"
	rm -rf "$work"
fi

# Every run boots its own copy: the guest writes to its disk.
disk=$out/guest.img
cp --sparse=always "$img" "$disk"
log=$out/$name.log
timeout --foreground -k 5 600 qemu-system-x86_64 \
	-accel tcg -cpu max -smp 2 -m 1G -no-reboot \
	-display none -monitor none -serial "file:$log" \
	-kernel "$tree/arch/x86/boot/bzImage" \
	-drive "file=$disk,if=virtio,format=raw" \
	-append "console=ttyS0 root=/dev/vda rw rootwait kho=on panic=-1 systemd.firstboot=off" </dev/null
st=$?
rm -f "$disk"
judge_log $name "$log" "$st"
