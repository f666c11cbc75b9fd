#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Boot the systemd guest image (tests/dkms/image.sh) under QEMU (TCG) with a
# test disk made from TESTDIR (its script `run` is started at every boot by
# the image's pkho-guest.service). The image is opened with snapshot=on:
# the guest writes to it, across kexecs too, and nothing is kept after QEMU
# exits, so every run starts from the same image. The guest ends the run by
# rebooting (-no-reboot turns that into an exit). One vCPU: these guests
# test user space, the package and systemd, not SMP (the initramfs guests of
# tests/qemu do, with two); with two vCPUs each, QEMU's multi-threaded TCG
# spends oversubscribed cores waiting on its own vCPUs (measured: three
# checker guests at once on two cores took 486 s and 884 s of host CPU with
# two vCPUs each, 400 s and 652 s with one). console_msg_format=syslog:
# the serial log shows each kernel message's level, which judge_log reads
# (tests/lib.sh), as in every other guest. kmemleak=off: a systemd boot
# under TCG took 49 s to reach the test with kmemleak tracking every
# allocation, 30 s without (a 7.3 test kernel, one guest alone); these
# guests test the package and user space, and every initramfs scenario
# keeps kmemleak on and fails on any report (tests/qemu/guest-lib.sh).
# Lockdep stays on here too, and UBSAN where the kernel has it.
#
#   vm.sh LOG TIMEOUT IMAGE TESTDIR KERNEL INITRD|- APPEND [MEMORY]
#
# PKHO_VM_UEFI=1: UEFI firmware (Debian's OVMF, q35), a fresh variable store;
# the kernel is started by OVMF through its EFI stub.
# PKHO_VM_PERSIST=1: IMAGE is written to (give a copy): a second run on it
# is a cold boot of the same system.
# PKHO_VM_TESTDISK_MB: the test disk's size (default 8), for larger files.
set -u
log=$1 limit=$2 img=$3 testdir=$4 kernel=$5 initrd=$6 append=$7 mem=${8:-1G}
tdisk=$log.testdisk
snap=on
[ -z "${PKHO_VM_PERSIST:-}" ] || snap=off
rm -f "$tdisk"
mke2fs -q -t ext4 -L pkhotest -d "$testdir" "$tdisk" "${PKHO_VM_TESTDISK_MB:-8}M" >/dev/null || { echo "vm.sh: test disk failed" >&2; exit 1; }
args=(-accel tcg -cpu max,la57=off -smp 1 -m "$mem" -no-reboot
	-display none -monitor none -serial "file:$log"
	-kernel "$kernel"
	-drive "file=$img,if=virtio,format=raw,snapshot=$snap"
	-drive "file=$tdisk,if=virtio,format=raw,readonly=on")
[ "$initrd" = - ] || args+=(-initrd "$initrd")
if [ -n "${PKHO_VM_UEFI:-}" ]; then
	cp /usr/share/OVMF/OVMF_VARS_4M.fd "$log.vars"
	args+=(-machine q35
		-drive "if=pflash,format=raw,readonly=on,file=/usr/share/OVMF/OVMF_CODE_4M.fd"
		-drive "if=pflash,format=raw,file=$log.vars")
fi
timeout --foreground -k 5 "$limit" qemu-system-x86_64 "${args[@]}" \
	-append "console=ttyS0 console_msg_format=syslog root=/dev/vda rw rootwait panic=-1 no_timer_check systemd.firstboot=off kmemleak=off $append" </dev/null
st=$?
rm -f "$tdisk" "$log.vars"
exit $st
