#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Build a guest initramfs with the kernel's own usr/gen_init_cpio.
#
#   initramfs.sh OUT.cpio GEN_INIT_CPIO SCENARIO TAG=BZIMAGE:MODULE [TAG=...]...
#
# The guest gets busybox (shell and tools), kmod (insmod, rmmod; busybox's insmod
# runs a failing module init twice), kexec-tools with the
# libraries they link, every listed kernel as /boot/TAG with its module as
# /lib/pkho/TAG/pstore_kho.ko (plus any test helper module next to it) and
# /lib/pkho/TAG/cmdline (what its command line needs, see kernels.sh), /init,
# the guest library and the scenario. A guest kexecs the next kernel with an
# initrd it packs from its own root, so one image serves a whole chain.
set -eu
here=$(dirname "$(readlink -f "$0")")
out=$1 gen=$2 scenario=$3
shift 3

tmpdir=$(mktemp -d)
list=$tmpdir/list
trap 'rm -rf "$tmpdir"' EXIT
declare -A seen
add_dir() {
	local d=$1
	[ -n "${seen[$d]:-}" ] && return
	[ "$d" = / ] || add_dir "$(dirname "$d")"
	[ "$d" = / ] || echo "dir $d 755 0 0" >>"$list"
	seen[$d]=1
}
add_file() { # guest-path host-path mode
	add_dir "$(dirname "$1")"
	echo "file $1 $2 ${3:-644} 0 0" >>"$list"
}
# A dynamically linked program and the libraries it loads.
add_prog() { # guest-path host-path
	local lib
	add_file "$1" "$2" 755
	for lib in $(ldd "$2" | awk '/=>/ { print $3 } /^\t\/lib/ { print $1 }'); do
		[ -n "${seen[$lib]:-}" ] && continue
		seen[$lib]=1
		add_file "$lib" "$(readlink -f "$lib")" 755
	done
}

add_dir /proc; add_dir /sys; add_dir /dev; add_dir /tmp; add_dir /root
echo "nod /dev/console 600 0 0 c 5 1" >>"$list"
add_file /bin/busybox /bin/busybox 755
add_prog /sbin/kexec /sbin/kexec
add_prog /sbin/kmod "$(readlink -f /sbin/insmod)"
for tool in insmod rmmod lsmod modinfo; do echo "slink /sbin/$tool kmod 777 0 0" >>"$list"; done
add_file /init "$here/guest-init.sh" 755
add_file /lib/pkho/guest-lib.sh "$here/guest-lib.sh"
add_file /lib/pkho/scenario.sh "$scenario"
# What the package installs for kernels whose KHO must be finalized.
add_file /usr/sbin/pstore-kho-finalize "$here/../../packaging/usr/sbin/pstore-kho-finalize" 755
. "$here/../kernel/kernels.sh"
for spec; do
	tag=${spec%%=*} rest=${spec#*=}
	add_file "/boot/$tag" "${rest%%:*}"
	# What a boot of this kernel needs on its command line (kho=on or not).
	kernel_kho_on "$tag" >"$tmpdir/$tag.cmdline"
	add_file "/lib/pkho/$tag/cmdline" "$tmpdir/$tag.cmdline"
	for ko in $(echo "${rest#*:}" | tr ',' ' '); do
		add_file "/lib/pkho/$tag/$(basename "$ko")" "$ko"
	done
done
# Nothing is left behind on failure: a partial image must not boot.
rm -f "$out"
"$gen" "$list" >"$out.tmp" || { rm -f "$out.tmp"; exit 1; }
mv "$out.tmp" "$out"
