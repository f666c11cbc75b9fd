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
# before any of our code runs (7.3.4 under TCG). console_msg_format=syslog:
# the serial log shows each kernel message's level ("<4>[ ...] ..."), so
# the host can tell the module's warnings from its other messages (guest
# kexecs pass it on, see guest-lib.sh).
#
# no_timer_check: on a busy host, TCG can deliver the timer interrupts too
# late for the kernel's early IO-APIC timer check, which then panics ("IO-APIC
# + timer doesn't work!", seen with the host's two cores fully loaded); the
# check proves nothing about the module. Every kexec'd boot gets it too.
#
# The old log is removed first: if QEMU does not start, there is no log to
# mistake for this run's.
set -u
log=$1 limit=$2 kernel=$3 initrd=$4 append=$5 mem=${6:-1G}
rm -f "$log"
exec timeout --foreground -k 5 "$limit" qemu-system-x86_64 \
	-accel tcg -cpu max,la57=off -smp 2 -m "$mem" -no-reboot \
	-display none -monitor none -serial "file:$log" \
	-kernel "$kernel" -initrd "$initrd" \
	-append "console=ttyS0 console_msg_format=syslog panic=-1 no_timer_check $append" </dev/null
