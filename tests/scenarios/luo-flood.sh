# 7.0 with LUO (liveupdate=on) under a log storm through the jump: LUO
# finalizes KHO inside kernel_kexec(), before any reboot notifier runs, while
# kthreads print from every CPU. On 6.19 to 7.0 the module preserves nothing
# after load, so nothing it hands over can be missing from KHO's map: the
# next kernel restores every page without a warning (KHO WARNs at a page it
# was not given, and the judge fails the run) and shows the record, with the
# line printed before the storm and the last lines up to "Starting new
# kernel".
# kernels: 7.0
# boot: 7.0
# append: liveupdate=on
# timeout: 240
# checks: load-{1,2} kexec-loaded mount record-shown before-storm starting-new-kernel
case $STAGE in
1)
	check load-1 load_module
	before=$(cat /proc/sys/kernel/random/uuid)
	check kexec-loaded kexec_prepare 7.0 pkho_before="$before" liveupdate=on
	storm_jump "$before"
	;;
2)
	storm_arrived
	finish
	;;
esac
