# SPDX-License-Identifier: GPL-2.0-only
# Debian's kexec-tools reboot path on trixie (kexec-tools 2.0.27 and later,
# no LOAD_KEXEC any more): /etc/default/kexec names the kernel, the
# package's kexec-load-kernel loads it with a plain `kexec -l` (which tries
# kexec_file_load first there), and `systemctl kexec` jumps to it, the
# sequence its changelog gives. Boot 2: the marker left in boot 1 is in
# what systemd-pstore archived, so the path carried the log.
# pstore-kho-check finds nothing to say about kexec-tools here. (Its other
# sequence, kexec-load-kernel then reboot, was a cold reboot in this guest,
# which runs systemd without logind.)
# checks: kexec-tools-quiet loaded-by-kexec-load-kernel kexec-boot marker-archived
. /run/pkho-test/lib.sh
if [ "$boot" = 1 ]; then
	say "PKHO: boot 1, $(uname -r), kexec-tools $(dpkg-query -W -f='${Version}' kexec-tools)"
	check kexec-tools-quiet sh -c '! pstore-kho-check | grep kexec-tools'
	sed -i -e "s|^KERNEL_IMAGE=.*|KERNEL_IMAGE=/boot/vmlinuz-$(uname -r)|" -e 's|^INITRD=.*|INITRD=""|' /etc/default/kexec
	grep -v '^#' /etc/default/kexec | grep . | sed 's/^/PKHO: \/etc\/default\/kexec: /'
	kexec-load-kernel >$state/load.log 2>&1
	sed 's/^/PKHO: kexec-load-kernel: /' $state/load.log
	check loaded-by-kexec-load-kernel test "$(cat /sys/kernel/kexec_loaded)" = 1
	marker="PKHO-MARKER-$(cat /proc/sys/kernel/random/uuid)"
	echo "$marker" >$state/marker
	sync
	echo "pkho-kexec-tools-test: $marker" >/dev/kmsg
	say "PKHO: systemctl kexec"
	# --no-block: this unit is itself stopped by the kexec transaction.
	systemctl --no-block kexec
	exit 0
fi
say "PKHO: boot 2, $(uname -r)"
check kexec-boot true
check marker-archived grep -rqF "$(cat $state/marker)" /var/lib/systemd/pstore/
done_
