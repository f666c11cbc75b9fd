# 7.0, KHO finalized by hand through its own debugfs file (as KHO's
# documentation shows), not by pstore-kho-finalize, then a log storm through
# kexec -e. The module cannot see that finalize happen; on 6.19 to 7.0 it
# preserves nothing after load, so the next kernel restores every page
# without a warning and shows the record, with the line printed before the
# storm and the last lines before the jump.
# kernels: 7.0
# boot: 7.0
# timeout: 240
# checks: load-{1,2} kexec-loaded finalized-by-hand mount record-shown before-storm starting-new-kernel
case $STAGE in
1)
	check load-1 load_module
	before=$(cat /proc/sys/kernel/random/uuid)
	# Loaded as a user does it: kexec_prepare would run pstore-kho-finalize.
	(cd / && find . -xdev ! -path ./tmp/\* ! -path ./proc/\* ! -path ./sys/\* \
		! -path ./dev/\* | cpio -o -H newc >/tmp/self.cpio 2>/dev/null)
	check kexec-loaded /sbin/kexec -s -l /boot/7.0 --initrd=/tmp/self.cpio \
		--append="console=ttyS0 console_msg_format=syslog $(cat /lib/pkho/7.0/cmdline) panic=-1 no_timer_check pkho_kernel=7.0 pkho_stage=2 pkho_before=$before"
	check finalized-by-hand sh -c "echo 1 >/sys/kernel/debug/kho/out/finalize && test \"\$(cat /sys/kernel/debug/kho/out/finalize)\" = 1"
	dmesg -n 1
	echo "pkho-before-storm $before" >/dev/kmsg
	sleep 2
	/sbin/insmod /lib/pkho/$KTAG/pkho_storm.ko
	sleep 1
	kexec_jump
	check kexec-jump false
	finish
	;;
2)
	check load-2 load_module
	check mount mount_pstore
	f=$(ls $PSTORE/dmesg-kho-* 2>/dev/null | head -1)
	check record-shown test -n "$f"
	check before-storm grep -q "pkho-before-storm $(arg pkho_before)" ${f:-/dev/null}
	check starting-new-kernel grep -q "Starting new kernel" ${f:-/dev/null}
	finish
	;;
esac
