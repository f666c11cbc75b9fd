# SPDX-License-Identifier: GPL-2.0-only
# Sourced by the test scripts of the systemd guests, which pkho-guest runs at
# every boot (tests/dkms/guest/). Results go to the serial console, where the
# host judges them (judge_log in tests/lib.sh): "PKHO-CHECK ok|FAIL name",
# "PKHO-DONE" at the end. Each line starts with a newline: systemd's status
# lines may have left the cursor mid-line. State across the boots of one run
# (kexecs) is kept on the root disk, which the host discards afterwards.
state=/var/lib/pkho-test
mkdir -p $state
say() { printf '\n%s\n' "$*"; }
check() { # name command...
	name=$1
	shift
	if "$@"; then say "PKHO-CHECK ok $name"; else say "PKHO-CHECK FAIL $name"; fi
}
# The guest's end: the reboot ends QEMU (-no-reboot).
done_() { say "PKHO-DONE"; sync; systemctl --no-block reboot; exit 0; }
# Boot number in this run, counted by the test itself: 1, 2, ...
boot=$(( $(cat $state/boots 2>/dev/null || echo 0) + 1 ))
echo $boot >$state/boots
sync
loaded() { grep -q '^pstore_kho ' /proc/modules; }
# kexec_self [WORDS]: load this kernel again with kexec -s, its command line
# with WORDS added, and jump with systemctl kexec. No initrd: virtio-blk and
# ext4 are built into the KHO test kernels.
kexec_self() {
	if ! kexec -s -l "/boot/vmlinuz-$(uname -r)" --reuse-cmdline ${1:+--append="$1"}; then
		check kexec-load false
		done_
	fi
	say "PKHO: kexec${1:+ with $1}"
	# --no-block: this unit is itself stopped by the kexec transaction.
	systemctl --no-block kexec
	exit 0
}
