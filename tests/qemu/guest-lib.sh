# SPDX-License-Identifier: GPL-2.0-only
# Sourced by the guest /init before the scenario. The host reads the serial
# log: "PKHO-CHECK ok|FAIL name" per check, "PKHO-DONE" at the end.

# Value of NAME=VALUE on the kernel command line.
arg() { sed -n "s/.*\\b$1=\\([^ ]*\\).*/\\1/p" /proc/cmdline; }
STAGE=$(arg pkho_stage)
KTAG=$(arg pkho_kernel)
KO=/lib/pkho/$KTAG/pstore_kho.ko
PSTORE=/sys/fs/pstore

say() { echo "PKHO: $*"; }
check() { # name command...
	local name=$1
	shift
	if "$@"; then echo "PKHO-CHECK ok $name"; else echo "PKHO-CHECK FAIL $name"; fi
}
not() { ! "$@"; }
# Kernel log lines of the module, without the kernel's own taint notice.
module_msgs() { dmesg | grep 'pstore_kho: ' | grep -v 'taints kernel'; }
# Full paths: this busybox runs its own applets before anything in PATH.
load_module() { /sbin/insmod "$KO" "$@"; }
unload_module() { /sbin/rmmod pstore_kho; }
mount_pstore() { mkdir -p $PSTORE && mount -t pstore pstore $PSTORE; }
# Files of our backend in pstore, or nothing.
kho_files() { ls $PSTORE/*-kho-* 2>/dev/null; }
# Bytes the module keeps preserved for the next kernel: the blobs KHO will
# hand over under our entry names.
preserved_bytes() {
	local f n=0
	for f in /sys/kernel/debug/kho/out/sub_fdts/pstore-kho*; do
		[ -e "$f" ] && n=$((n + $(wc -c <"$f")))
	done
	echo $n
}
# For chains of kexecs: the bytes preserved now must equal those of the
# first kernel, passed down as pkho_kept=; sets $kept and $first.
check_preserved_flat() {
	kept=$(preserved_bytes)
	first=$(arg pkho_kept)
	[ -n "$first" ] || first=$kept
	check "preserved-flat-$STAGE" test "$kept" = "$first"
}
mem_free_kb() { awk '/^MemFree:/ { print $2 }' /proc/meminfo; }
finish() {
	# On the sanitizer kernel: report leaks now, not in ten minutes. The
	# host fails the run on any "unreferenced object".
	if [ -w /sys/kernel/debug/kmemleak ]; then
		echo scan >/sys/kernel/debug/kmemleak
		cat /sys/kernel/debug/kmemleak
	fi
	echo "PKHO-DONE"
	sync
	reboot -f
}
# Load the module, write a unique marker to the kernel log and kexec into
# the same kernel; the next stage finds the marker as $(arg pkho_marker).
load_mark_kexec() {
	check load load_module
	local marker=pkho-marker-$(cat /proc/sys/kernel/random/uuid)
	echo "$marker" >/dev/kmsg
	kexec_next "$KTAG" pkho_marker="$marker"
}
# kexec_next TAG [ARG...]: boot kernel TAG (stage+1) with this root as initrd.
kexec_next() {
	local tag=$1
	shift
	(cd / && find . -xdev ! -path ./tmp/\* ! -path ./proc/\* ! -path ./sys/\* \
		! -path ./dev/\* | cpio -o -H newc >/tmp/self.cpio 2>/dev/null)
	# A chain through the sanitizer kernel carries its KHO scratch size.
	local carry=$(grep -o 'kho_scratch=[^ ]*' /proc/cmdline)
	# Kernels whose KHO must be finalized get it as users do, from the
	# packaged pstore-kho-finalize: 6.16-6.18 before the load, 6.19-7.0 after.
	local api=$(cat /sys/module/pstore_kho/parameters/kho_api 2>/dev/null)
	[ "$api" = finalize-before-load ] && /usr/sbin/pstore-kho-finalize
	if /sbin/kexec -s -l /boot/"$tag" --initrd=/tmp/self.cpio \
		--append="console=ttyS0 $(cat /lib/pkho/$tag/cmdline) panic=-1 $carry pkho_kernel=$tag pkho_stage=$((STAGE + 1)) $*"; then
		[ "$api" = finalize ] && /usr/sbin/pstore-kho-finalize
		say "kexec into $tag, stage $((STAGE + 1))"
		/sbin/kexec -e
	fi
	check kexec-load false
	finish
}
