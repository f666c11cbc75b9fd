#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Boot one guest under QEMU (TCG) with the serial console in a file.
#
#   boot.sh LOG TIMEOUT IMAGE INITRD APPEND [MEMORY [ARCH [FIRMWARE]]]
#
# ARCH (tests/kernel/arch.sh) is x86_64 (the default: a PC) or arm64 (the
# virt board: GICv3, PSCI, PL011). FIRMWARE is "uefi" to boot IMAGE
# through the arch's UEFI firmware (arch_uefi) instead of QEMU's own loader
# (on arm64: the kernel then gets its device tree from the EFI stub, which
# QEMU's firmware gives ACPI tables instead of a full device tree).
#
# The guest ends the run with `reboot -f` (-no-reboot turns it into an exit);
# a panic reboots too (panic=-1). A hang is killed after TIMEOUT seconds and
# the exit status is then 124. No 5-level paging (la57=off): with it, the
# KASAN kernel reports wild accesses from interrupts early in its boot,
# before any of our code runs (7.3.4 under TCG). arm64's "max" CPU with
# QEMU's own pointer authentication algorithm (pauth-impdef): the
# architected one costs much time under TCG and tests nothing of ours.
# Booted without firmware, arm64's GIC has no ITS (its=off): its LPI tables
# stay live across a kexec, and only UEFI (a persistent memory reservation)
# can tell the next kernel where they are ("GICv3: CPU0: Booted with LPIs
# enabled, memory probably corrupted"). The guests use no MSIs.
# console_msg_format=syslog: the serial log shows each kernel message's
# level ("<4>[ ...] ..."), so the host can tell the module's warnings from
# its other messages (guest kexecs pass it on, see guest-lib.sh).
#
# no_timer_check: on a busy host, TCG can deliver the timer interrupts too
# late for the kernel's early IO-APIC timer check, which then panics ("IO-APIC
# + timer doesn't work!", seen with the host's two cores fully loaded); the
# check proves nothing about the module. Every kexec'd boot gets it too.
#
# The old log is removed first: if QEMU does not start, there is no log to
# mistake for this run's.
set -u
here=$(dirname "$(readlink -f "$0")")
. "$here/../kernel/arch.sh"
log=$1 limit=$2 kernel=$3 initrd=$4 append=$5 mem=${6:-1G} arch=${7:-x86_64} firmware=${8:-}
rm -f "$log"
case $arch in
x86_64) machine=(qemu-system-x86_64 -cpu max,la57=off) ;;
arm64)
	its=on
	[ -n "$firmware" ] || its=off
	machine=(qemu-system-aarch64 -M "virt,gic-version=3,its=$its" -cpu max,pauth-impdef=on)
	;;
*) echo "boot.sh: unknown architecture '$arch'" >&2; exit 2 ;;
esac
case $firmware in
"") ;;
uefi)
	fw=$(arch_uefi "$arch") || { echo "boot.sh: no UEFI firmware for $arch" >&2; exit 2; }
	machine+=(-bios "$fw")
	;;
*) echo "boot.sh: unknown firmware '$firmware'" >&2; exit 2 ;;
esac
exec timeout --foreground -k 5 "$limit" "${machine[@]}" \
	-accel tcg -smp 2 -m "$mem" -no-reboot \
	-display none -monitor none -serial "file:$log" \
	-kernel "$kernel" -initrd "$initrd" \
	-append "console=$(arch_console "$arch") console_msg_format=syslog panic=-1 no_timer_check $append" </dev/null
