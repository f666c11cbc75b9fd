# SPDX-License-Identifier: GPL-2.0-only
# Sourced by the guest /init before the scenario. The host reads the serial
# log: "PKHO-CHECK ok|FAIL name" per check, "PKHO-DONE" at the end. Every
# check a run prints must be declared in the scenario's "# checks:" header
# (tests/lib.sh), and each name printed once: a check run in several stages
# carries the stage in its name (load-$STAGE).

# Value of NAME=VALUE on the kernel command line.
arg() { sed -n "s/.*\\b$1=\\([^ ]*\\).*/\\1/p" /proc/cmdline; }
STAGE=$(arg pkho_stage)
KTAG=$(arg pkho_kernel)
KO=/lib/pkho/$KTAG/pstore_kho.ko
PSTORE=/sys/fs/pstore

# MemTotal (kB) as this kernel came up, before the scenario loads anything.
# KHO keeps the pages the previous kernel preserved reserved until someone
# restores them, and restoring adds them back to MemTotal: so in a chain of
# kexecs into the same kernel with the same command line, this figure drops
# by whatever the previous kernel preserved. See check_mem_flat.
BOOT_MEMTOTAL=$(awk '/^MemTotal:/ { print $2 }' /proc/meminfo)

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
# For chains of kexecs into the same kernel that end every stage with the
# same things preserved (records erased, same parameters): stage 2's
# BOOT_MEMTOTAL reflects what stage 1 preserved, every later stage's must
# equal it, or some kernel preserved more than the one before (a leak).
# Stage 1 boots cold, without handover, so it has no figure to compare.
# Checks "mem-flat-$STAGE" from stage 3 on; pass $(mem_carry) to kexec_next.
check_mem_flat() {
	[ "$STAGE" -ge 3 ] || return 0
	check "mem-flat-$STAGE" mem_same "$BOOT_MEMTOTAL" "$(arg pkho_mem)"
	[ "$BOOT_MEMTOTAL" = "$(arg pkho_mem)" ] ||
		say "MemTotal at boot: $BOOT_MEMTOTAL kB in stage $STAGE, $(arg pkho_mem) kB in stage 2"
}
# The argument that carries stage 2's BOOT_MEMTOTAL down the chain.
mem_carry() {
	if [ "$STAGE" = 2 ]; then echo "pkho_mem=$BOOT_MEMTOTAL"; elif [ "$STAGE" -gt 2 ]; then echo "pkho_mem=$(arg pkho_mem)"; fi
}
# mem_same KB KB: equal but for MEM_SLACK_KB. A KHO boot's own early
# memblock allocations vary by a page with where the previous kernel's
# preserved pages happen to lie: 4 kB now and then in 7.3, with the very
# same pages preserved (seen with memblock=debug). So a leak of fewer than
# four pages at once goes unseen; one of a page per kexec shows within
# four kexecs, and a leaked blob at once.
MEM_SLACK_KB=12
mem_same() {
	local d=$(($1 - $2))
	[ "${d#-}" -le "$MEM_SLACK_KB" ]
}
mem_free_kb() { awk '/^MemFree:/ { print $2 }' /proc/meminfo; }
# On the sanitizer kernel (the one with kmemleak): scan now and print any
# report; the host fails the run on "unreferenced object". Returns false if
# there was one, for scenarios that check it themselves.
kmemleak_report() {
	[ -w /sys/kernel/debug/kmemleak ] || return 0
	echo scan >/sys/kernel/debug/kmemleak
	local r
	r=$(cat /sys/kernel/debug/kmemleak)
	[ -z "$r" ] && return 0
	echo "$r"
	return 1
}
finish() {
	kmemleak_report
	echo "PKHO-DONE"
	sync
	reboot -f
}
# Load the module (check load-$STAGE), write a unique marker to the kernel
# log and kexec into the same kernel; the next stage finds the marker as
# $(arg pkho_marker).
load_mark_kexec() {
	check "load-$STAGE" load_module
	local marker=pkho-marker-$(cat /proc/sys/kernel/random/uuid)
	echo "$marker" >/dev/kmsg
	kexec_next "$KTAG" pkho_marker="$marker"
}
# kexec_next TAG [ARG...]: boot kernel TAG (stage+1) with this root as initrd.
# Leaks of this kernel are looked for first: the next kernel cannot see them.
kexec_next() {
	kmemleak_report
	kexec_prepare "$@" && kexec_jump
	check kexec-load false
	finish
}
# kexec_prepare TAG [ARG...]: load kernel TAG (stage+1) with this root as
# initrd, and finalize KHO where the module's API form needs it, as a user
# does with the packaged pstore-kho-finalize. TAG's serial console and KHO
# switch come from /lib/pkho/TAG/cmdline (kernels.sh). console_msg_format=syslog, as
# the host boots the first kernel: the serial log shows each kernel
# message's level ("<4>[ ...] ..."), which the host needs to find the
# module's warnings.
kexec_prepare() {
	local tag=$1
	shift
	(cd / && find . -xdev ! -path ./tmp/\* ! -path ./proc/\* ! -path ./sys/\* \
		! -path ./dev/\* | cpio -o -H newc >/tmp/self.cpio 2>/dev/null)
	# A chain through the sanitizer kernel carries its KHO scratch size, one
	# booted through UEFI efi_pstore's switch (tests/lib.sh).
	local carry=$(grep -o 'kho_scratch=[^ ]*\|efi_pstore.pstore_disable=[^ ]*' /proc/cmdline | tr '\n' ' ')
	# Kernels whose KHO must be finalized get it as users do, from the
	# packaged pstore-kho-finalize: 6.16-6.18 before the load, 6.19-7.0 after.
	local api=$(cat /sys/module/pstore_kho/parameters/kho_api 2>/dev/null)
	[ "$api" = finalize-before-load ] && /usr/sbin/pstore-kho-finalize
	/sbin/kexec -s -l /boot/"$tag" --initrd=/tmp/self.cpio \
		--append="$(cat /lib/pkho/$tag/cmdline) console_msg_format=syslog panic=-1 $carry pkho_kernel=$tag pkho_stage=$((STAGE + 1)) $*" || return 1
	[ "$api" = finalize ] && /usr/sbin/pstore-kho-finalize
	say "kexec into $tag, stage $((STAGE + 1))"
}
# kexec_jump: into the kernel kexec_prepare loaded.
kexec_jump() { /sbin/kexec -e; }
