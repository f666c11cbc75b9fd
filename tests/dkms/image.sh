#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The disk of the systemd guests (tests/dkms/guest.sh, tests/checker/): a copy
# of the trixie root where apt installed, as a user would,
#   - the 7.3 KHO kernel with its headers (dkms builds pstore_kho for it),
#   - the 7.0 KHO kernel with its headers (the UEFI guest's kernel),
#   - the 6.18 KHO kernel with its headers,
#   - the 7.2 KHO kernel without headers (dkms cannot build for it; its
#     headers .deb is left in /root/debs, for a test to install); pstore_kho
#     was built for it here, before its headers were removed (below),
#   - Debian's stock kernel with an initramfs (no KHO: dkms skips it),
#   - our .deb, kexec-tools, autopkgtest and our source package in /root/src,
# plus the guest runner (tests/dkms/guest/): at every boot it runs the test
# script of the small test disk the host attaches as a second drive. The
# image holds no test script, so it is rebuilt only when what is installed
# changes. Cached, keyed by every input; an ext4 image file.
#
#   image.sh BASE-ROOT DEB-OUT-DIR KDEB-7.3 KDEB-7.2 KDEB-7.0 KDEB-6.18
#     -> prints IMAGE; IMAGE.d/ holds the stock kernel (vmlinuz, initrd.img)
#        and IMAGE.d/releases (TAG RELEASE per line)
set -u
here=$(cd "$(dirname "$0")" && pwd)
base=$1 debdir=$2 k73=$3 k72=$4 k70=$5 k618=$6
cache=${PSTORE_KHO_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pstore-kho}
version=$(cat "$here/../../VERSION")
deb=$debdir/pstore-kho-dkms_${version}_all.deb
mkdir -p "$cache/dkms"
exec 9>"$cache/dkms/.lock-image"
flock 9

# Of the source package only debian/control and debian/tests matter here
# (autopkgtest reads them): a change elsewhere in the tree (README, tests)
# changes the source tarball but not what the image is for.
key=$(cat "$deb" "$here/../../debian/control" "$here/../../debian/tests/"* \
	"$k73"/linux-*.deb "$k72"/linux-*.deb "$k70"/linux-*.deb "$k618"/linux-*.deb \
	"$here/image.sh" "$here/guest/"* | sha256sum | cut -c1-12)
img=$cache/dkms/image-$(basename "$base")-$key.img
if [ -e "$img" ]; then
	echo "$img"
	exit 0
fi
# Images of older inputs are of no more use, and 2 GB each.
rm -rf "$cache"/dkms/image-*.img "$cache"/dkms/image-*.img.d
work=$cache/dkms/image-work
log=$cache/dkms/image.log
rm -rf "$work"
mkdir -p "$work/root/debs/7.2" "$work/root/debs/kho" "$work/root/root/src" "$work/root/root/debs"
cp -a "$base/." "$work/root/"
for k in "$k73" "$k70" "$k618"; do
	cp "$k"/linux-image-*.deb "$k"/linux-headers-*.deb "$work/root/debs/kho/"
done
cp "$k72"/linux-image-*.deb "$work/root/debs/7.2/"
cp "$k72"/linux-headers-*.deb "$work/root/root/debs/"
cp "$deb" "$work/root/debs/"
cp "$deb" "$debdir"/*.dsc "$debdir"/*.tar.* "$work/root/root/src/"
in_root() { "$here/chroot.sh" "$work/root" "$cache/dkms/apt-archives" "$@"; }
apt_root() { in_root apt-get install -y -q -o Dpkg::Use-Pty=0 "$@"; }
debs() { (cd "$work/root" && ls debs/$1/*.deb | sed 's|^|/|'); }
rel_of() { dpkg-deb -f "$(ls "$1"/linux-image-*.deb | head -1)" Package | sed 's/^linux-image-//'; }
rel72=$(rel_of "$k72")
echo "image.sh: installing into the guest image (a few minutes)" >&2
{
	in_root apt-get update -q &&
	apt_root $(debs kho) &&
	apt_root $(debs 7.2) &&
	# The stock kernel: Debian's own, KHO off; initramfs-tools makes its
	# initramfs (virtio and ext4 are modules there).
	apt_root linux-image-amd64 initramfs-tools &&
	apt_root autopkgtest &&
	apt_root "/debs/$(basename "$deb")" &&
	# 7.2, the next kernel whose headers the checker finds missing
	# (tests/checker/guest/kernel-7.3.sh): the user who installs them and
	# runs dkms autoinstall, as its "do:" line says, gets the module dkms
	# built here, at the host's speed (built, not installed; it stays when
	# the headers go). In the one-vCPU TCG guest that build took about four
	# minutes of the longest systemd guest; dkms building for 7.2 from the
	# kernel's hook is checked natively (dkms-autoinstall-7.2,
	# tests/dkms/run.sh).
	in_root dpkg -i "/root/debs/$(cd "$work/root/root/debs" && ls linux-headers-"$rel72"_*.deb)" &&
	in_root dkms build "pstore-kho/$version" -k "$rel72" &&
	in_root dpkg --purge "linux-headers-$rel72" &&
	in_root dkms status -k "$rel72" | grep -q ': built$'
} >"$log" 2>&1 || { echo "image.sh: installing into the image failed: $(tail -3 "$log" | paste -sd' ')" >&2; exit 1; }
rm -rf "$work/root/debs"
install -m755 "$here/guest/pkho-guest" "$work/root/usr/local/sbin/"
install -m644 "$here/guest/pkho-guest.service" "$work/root/etc/systemd/system/"
in_root systemctl enable pkho-guest.service >>"$log" 2>&1
# A machine id, so that systemd does not run its first-boot set-up.
in_root systemd-machine-id-setup >>"$log" 2>&1
echo pkho-guest >"$work/root/etc/hostname"
# Every run boots a snapshot of this image, so what the guest writes is
# gone at the next run. Done here once, not at every boot: the units that
# run when /usr is newer than /etc/.updated (ldconfig, the journal
# catalog), and journald's flush of the boot's journal to /var (the tests
# read only the current boot's, journalctl -b).
in_root /usr/lib/systemd/systemd-update-done >>"$log" 2>&1
mkdir -p "$work/root/etc/systemd/journald.conf.d"
printf '[Journal]\nStorage=volatile\n' >"$work/root/etc/systemd/journald.conf.d/pkho-test.conf"
echo 'LABEL=root / ext4 rw 0 1' >"$work/root/etc/fstab"

# The kernels' releases, and the stock kernel's files to boot it from the host.
mkdir -p "$work/image.d"
stock=$(cd "$work/root/boot" && ls vmlinuz-*-amd64 | sed 's/^vmlinuz-//' | sort -V | tail -1)
cp "$work/root/boot/vmlinuz-$stock" "$work/image.d/vmlinuz"
cp "$work/root/boot/initrd.img-$stock" "$work/image.d/initrd.img"
printf '7.3 %s\n7.2 %s\n7.0 %s\n6.18 %s\nstock %s\n' "$(rel_of "$k73")" "$rel72" "$(rel_of "$k70")" "$(rel_of "$k618")" "$stock" \
	>"$work/image.d/releases"
# Sized to the content with room for dkms builds and journals.
size=$(( $(du -sm "$work/root" | cut -f1) + 768 ))
mke2fs -q -t ext4 -L root -d "$work/root" "$img.tmp" "${size}M" >>"$log" 2>&1 ||
	{ echo "image.sh: mke2fs -d failed" >&2; rm -f "$img.tmp"; exit 1; }
mv "$work/image.d" "$img.d"
mv "$img.tmp" "$img"
rm -rf "$work"
echo "$img"
