#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Boot one guest under QEMU (TCG) with the serial console in a file.
#
#   boot.sh LOG TIMEOUT BZIMAGE INITRD APPEND [MEMORY]
#
# The guest ends the run with `reboot -f` (-no-reboot turns it into an exit);
# a panic reboots too (panic=-1). A hang is killed after TIMEOUT seconds and
# the exit status is then 124. No 5-level paging (la57=off): with it, the
# KASAN kernel reports wild accesses from interrupts early in its boot,
# before any of our code runs (7.3.4 under TCG).
set -u
log=$1 limit=$2 kernel=$3 initrd=$4 append=$5 mem=${6:-1G}
exec timeout --foreground -k 5 "$limit" qemu-system-x86_64 \
	-accel tcg -cpu max,la57=off -smp 2 -m "$mem" -no-reboot \
	-display none -monitor none -serial "file:$log" \
	-kernel "$kernel" -initrd "$initrd" \
	-append "console=ttyS0 panic=-1 $append" </dev/null
