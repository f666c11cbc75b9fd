# With max_reason below 4 (shutdown) the kexec's dmesg dump does not run:
# the lines printed after the reboot notifier's last take, "Starting new
# kernel" among them, are not in the record, and the record says so in a
# marker line instead of losing them silently.
# checks: load-{1,2} mount marker no-jump-line missing-lines-marked
case $STAGE in
1)
	check load-1 load_module max_reason=2
	marker=pkho-marker-$(cat /proc/sys/kernel/random/uuid)
	echo "$marker" >/dev/kmsg
	kexec_next "$KTAG" pkho_marker="$marker"
	;;
2)
	check load-2 load_module
	check mount mount_pstore
	f=$(ls $PSTORE/dmesg-kho-* | head -1)
	check marker grep -q "$(arg pkho_marker)" $f
	check no-jump-line not grep -q "Starting new kernel" $f
	check missing-lines-marked grep -q '^\[pstore_kho: the last [0-9]* lines are not here: .*max_reason below 4' $f
	finish
	;;
esac
