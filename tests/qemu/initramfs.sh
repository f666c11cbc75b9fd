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
# /lib/pkho/TAG/cmdline (what its command line needs, see kernels.sh),
# /lib/pkho/TAG/detectors if it has lockdep and kmemleak, /init,
# the guest library and the scenario. A guest kexecs the next kernel with an
# initrd it packs from its own root, so one image serves a whole chain.
# The programs are of the kernels' architecture: the host's own for x86_64,
# Debian's arm64 packages for arm64 (tests/setup/guest-root.sh).
set -eu
here=$(dirname "$(readlink -f "$0")")
out=$1 gen=$2 scenario=$3
shift 3
. "$here/../kernel/kernels.sh"
arch=$(kernel_arch "${1%%=*}")
for spec; do
	[ "$(kernel_arch "${spec%%=*}")" = "$arch" ] ||
		{ echo "initramfs: kernels of different architectures in one guest: $*" >&2; exit 1; }
done
root=$("$here/../setup/guest-root.sh" "$arch")
root=${root%/}
triplet=$(arch_triplet "$arch")

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
# in_root PATH: the host file that is PATH in the guest root, links
# followed inside that root (an absolute link is the root's /, not the
# host's; links of directories are the host's, which the unpacked Debian
# packages do not have).
in_root() {
	local p=$1 t n=0
	while [ -L "$root$p" ] && [ $n -lt 40 ]; do
		t=$(readlink "$root$p")
		case $t in /*) p=$t ;; *) p=$(dirname "$p")/$t ;; esac
		n=$((n + 1))
	done
	echo "$root$p"
}
# A dynamically linked program and the libraries it loads: its program
# interpreter and the libraries it names (DT_NEEDED), recursively, found
# where the guest's loader looks for them. readelf reads any architecture's
# ELF; ldd would have to run the program.
add_prog() { # guest-path path-in-root
	add_file "$1" "$(in_root "$2")" 755
	add_libs "$(in_root "$2")"
}
add_libs() { # host file
	local lib d found
	for lib in $(readelf -l "$1" | sed -n 's/.*program interpreter: \(.*\)]$/\1/p'); do
		add_lib "$lib"
	done
	for lib in $(readelf -d "$1" | sed -n 's/.*(NEEDED).*\[\(.*\)\]$/\1/p'); do
		found=
		for d in /lib/$triplet /usr/lib/$triplet /lib /usr/lib; do
			[ -e "$root$d/$lib" ] && { found=$d/$lib; break; }
		done
		[ -n "$found" ] || { echo "initramfs: $lib, needed by $1, is not in ${root:-/}" >&2; exit 1; }
		add_lib "$found"
	done
}
add_lib() { # guest-path
	[ -n "${seen[$1]:-}" ] && return
	seen[$1]=1
	add_file "$1" "$(in_root "$1")" 755
	add_libs "$(in_root "$1")"
}

add_dir /proc; add_dir /sys; add_dir /dev; add_dir /tmp; add_dir /root
echo "nod /dev/console 600 0 0 c 5 1" >>"$list"
add_file /bin/busybox "$(in_root /bin/busybox)" 755
add_prog /sbin/kexec /sbin/kexec
add_prog /sbin/kmod /sbin/insmod
for tool in insmod rmmod lsmod modinfo; do echo "slink /sbin/$tool kmod 777 0 0" >>"$list"; done
add_file /init "$here/guest-init.sh" 755
add_file /lib/pkho/guest-lib.sh "$here/guest-lib.sh"
add_file /lib/pkho/scenario.sh "$scenario"
# What the package installs for kernels whose KHO must be finalized.
add_file /usr/sbin/pstore-kho-finalize "$here/../../packaging/usr/sbin/pstore-kho-finalize" 755
for spec; do
	tag=${spec%%=*} rest=${spec#*=}
	add_file "/boot/$tag" "${rest%%:*}"
	# What a boot of this kernel needs on its command line (its console,
	# kho=on or not).
	kernel_cmdline "$tag" >"$tmpdir/$tag.cmdline"
	add_file "/lib/pkho/$tag/cmdline" "$tmpdir/$tag.cmdline"
	# Whether it has lockdep and kmemleak for the guest to check.
	if kernel_detectors "$tag"; then
		: >"$tmpdir/$tag.detectors"
		add_file "/lib/pkho/$tag/detectors" "$tmpdir/$tag.detectors"
	fi
	for ko in $(echo "${rest#*:}" | tr ',' ' '); do
		add_file "/lib/pkho/$tag/$(basename "$ko")" "$ko"
	done
done
# Nothing is left behind on failure: a partial image must not boot.
rm -f "$out"
"$gen" "$list" >"$out.tmp" || { rm -f "$out.tmp"; exit 1; }
mv "$out.tmp" "$out"
