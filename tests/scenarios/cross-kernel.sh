# Live update across kernel versions: 7.2 -> 7.3 -> 7.2, each kernel with the
# module built for it. Each boot finds the previous kernel's log.
# boot: 7.2
# kernels: 7.2 7.3
# timeout: 180
# checks: load-{1,2,3} mount-{1,2,3} 7.2-log-in-7.3 7.3-log-in-7.2
mark() {
	m=$(cat /proc/sys/kernel/random/uuid)
	echo "pkho-mark $KTAG $m" >/dev/kmsg
}
check "load-$STAGE" load_module
check "mount-$STAGE" mount_pstore
case $STAGE in
1)
	mark
	kexec_next 7.3 pkho_m=$m
	;;
2)
	check 7.2-log-in-7.3 grep -q "pkho-mark 7.2 $(arg pkho_m)" $(kho_files)
	rm -f $(kho_files)
	mark
	kexec_next 7.2 pkho_m=$m
	;;
3)
	check 7.3-log-in-7.2 grep -q "pkho-mark 7.3 $(arg pkho_m)" $(kho_files)
	finish
	;;
esac
