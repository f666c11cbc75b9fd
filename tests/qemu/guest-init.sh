#!/bin/busybox sh
# SPDX-License-Identifier: GPL-2.0-only
# /init of every test guest: mount the basics and run the scenario.
/bin/busybox --install -s /bin
export PATH=/sbin:/bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mount -t tmpfs tmpfs /tmp
mount -t debugfs debugfs /sys/kernel/debug
# Nothing reads the console: a grep given no file (an empty $(kho_files))
# must find nothing at once, not wait for input until the host's timeout.
exec </dev/null
# A line of its own before the guest's first: the serial log may hold
# output that ends without one before the kernel's first message (UEFI
# firmware's screen control codes), which would run into the guest's first
# line once the host cuts the kernel's messages out (tests/lib.sh).
echo
. /lib/pkho/guest-lib.sh
. /lib/pkho/scenario.sh
# A scenario ends with finish or kexec_next; reaching this line is a failure.
check scenario-ended-properly false
finish
