#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The whole system under QEMU: the guest image (tests/dkms/image.sh: a trixie
# root where apt installed the KHO kernels and our package, dkms built the
# module) as a virtio disk, systemd as init, booted on the cached 7.3 test
# bzImage with kho=on (and pmsg off, see below). The test
# (guest-tests/kexec.sh) checks the module was loaded at boot, runs the
# package's autopkgtest `load`, kexecs with `systemctl kexec` and, in the
# second boot, that systemd-pstore archived the first boot's log; Debian's
# kexec-tools reboot path (guest-tests/kexec-tools.sh); record ids across a
# power cycle. Prints one PASS/FAIL line each.
#
#   guest.sh [GUEST...]     (default: all three; make check runs each in its
#                           pool of systemd guests)
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
. "$top/tests/lib.sh" >/dev/null
out=$top/tests/out/dkms-guest
mkdir -p "$out"
guests=${*:-guest-kexec guest-kexec-tools guest-power-cycle}
img=$("$here/guest-image.sh" "$out" 2>"$out/guest-image.err") || {
	for n in $guests; do t_fail $n "$(cat "$out/guest-image.err")"; done
	exit 1
}
img=${img%%$'\n'*}
# test_dir NAME SCRIPT: the test disk's directory for a guest run; what an
# earlier run of NAME left is gone (never judge an earlier run's log).
test_dir() {
	tdir=$out/$1.d
	rm -rf "$tdir" "$out/$1".log*
	mkdir -p "$tdir"
	cp "$here/guest-tests/lib.sh" "$tdir/"
	cp "$here/guest-tests/$2" "$tdir/run"
}
tree=$("$top/tests/kernel/build.sh" 7.3) || {
	for n in $guests; do t_fail $n "the 7.3 test kernel did not build"; done
	exit 1
}
kernel=$tree/arch/x86/boot/bzImage

# The module loaded at boot, systemctl kexec, systemd-pstore's archive.
# pmsg off: the module holds a reference on itself while it has a pmsg
# front-end (docs/design.md, Unloading), and the test unloads it.
guest_kexec() {
	local name=guest-kexec log=$out/guest-kexec.log
	test_dir $name kexec.sh
	"$here/vm.sh" "$log" 900 "$img" "$tdir" "$kernel" - "kho=on pstore_kho.pmsg_size=0"
	judge_log $name "$log" $? "$here/guest-tests/kexec.sh"
}

# Debian's kexec-tools path (guest-tests/kexec-tools.sh): its
# kexec-load-kernel, then systemctl kexec.
guest_kexec_tools() {
	local name=guest-kexec-tools log=$out/guest-kexec-tools.log
	test_dir $name kexec-tools.sh
	"$here/vm.sh" "$log" 900 "$img" "$tdir" "$kernel" - "kho=on"
	judge_log $name "$log" $? "$here/guest-tests/kexec-tools.sh"
}

# Record ids across a power cycle (guest-tests/power-cycle.sh): two QEMU runs
# on one writable copy of the image, the second a cold boot.
guest_power_cycle() {
	local name=guest-power-cycle log=$out/guest-power-cycle.log disk=$out/guest-power-cycle.img st
	test_dir $name power-cycle.sh
	cp --sparse=always "$img" "$disk"
	PKHO_VM_PERSIST=1 "$here/vm.sh" "$log.1" 900 "$disk" "$tdir" "$kernel" - "kho=on pstore_kho.pmsg_size=0"
	st=$?
	if [ "$st" = 0 ] && grep -q '^PKHO-POWEROFF' <(tr -d '\r' <"$log.1"); then
		PKHO_VM_PERSIST=1 "$here/vm.sh" "$log.2" 900 "$disk" "$tdir" "$kernel" - "kho=on pstore_kho.pmsg_size=0"
		st=$?
	fi
	cat "$log.1" "$log.2" >"$log" 2>/dev/null
	rm -f "$disk"
	judge_log $name "$log" "$st" "$here/guest-tests/power-cycle.sh"
}

# Independent guests (the image is opened read-only, or copied): two at a
# time (lib.sh's job pool), results in this order.
for n in $guests; do
	case $n in
	guest-kexec) pool_run "$n" guest_kexec ;;
	guest-kexec-tools) pool_run "$n" guest_kexec_tools ;;
	guest-power-cycle) pool_run "$n" guest_power_cycle ;;
	*) t_fail "$n" "no such guest (guest.sh knows guest-kexec, guest-kexec-tools, guest-power-cycle)" ;;
	esac
done
pool_wait
[ "$FAILED" = 0 ]
