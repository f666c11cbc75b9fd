#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Install what `make check` needs on a fresh Debian 12 host. Idempotent: only missing
# packages are installed. Kernel sources come from newer suites (see apt-suites.sh).
set -eu
here=$(dirname "$(readlink -f "$0")")

# Host tools: kernel build, QEMU guests, initramfs, user-space unit tests;
# packaging (make deb, make rpm) and the DKMS tests (trixie root, kernel .debs).
pkgs="build-essential bc bison flex libelf-dev libssl-dev dwarves cpio xz-utils
	python3 perl kmod qemu-system-x86 busybox-static libc6-dev zlib1g-dev libfdt-dev
	clang libclang-rt-14-dev kexec-tools
	debhelper dh-dkms dpkg-dev fakeroot lintian rpm rpmlint shellcheck
	mmdebstrap e2fsprogs libdw-dev git rsync ovmf sbsigntool"

missing=""
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
		missing="$missing $p"
done
if [ -n "$missing" ]; then
	[ -e /var/lib/apt/lists/.pstore-kho-updated ] || apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing
fi
"$here/apt-suites.sh"
