# A log storm through the jump: kthreads print from every CPU (a driver stuck
# in a loop, a dyndbg storm) while the machine kexecs, with the console
# quiet as on a production server. A line printed two seconds before the
# storm must reach the next kernel, and so must the last lines before the
# jump, up to "Starting new kernel"; the lines the storm printed between
# them that did not fit are dropped with a marker saying how many and where.
# The module keeps only 4 KiB free for the kexec (tail_size=4096, the least
# it takes): with the default 64 KiB the storm's lines between the reboot
# notifier's last take and the dump may all fit, and the policy that drops
# the middle would not be tested every time.
# timeout: 240
# checks: load-{1,2} kexec-loaded mount before-storm starting-new-kernel dropped-marker storm-lines
case $STAGE in
1)
	check load-1 load_module tail_size=4096
	# Loaded (and, where the API form needs it, finalized) before the
	# storm: the storm takes the CPUs.
	before=$(cat /proc/sys/kernel/random/uuid)
	check kexec-loaded kexec_prepare "$KTAG" pkho_before="$before"
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
	f=$(ls $PSTORE/dmesg-kho-* | head -1)
	check before-storm grep -q "pkho-before-storm $(arg pkho_before)" $f
	check starting-new-kernel grep -q "Starting new kernel" $f
	say "$(grep '^\[pstore_kho' $f | head -5)"
	check dropped-marker grep -q '^\[pstore_kho: [0-9]* lines dropped here at the kexec' $f
	check storm-lines grep -q 'pkho-storm [0-9]* [0-9]*' $f
	finish
	;;
esac
