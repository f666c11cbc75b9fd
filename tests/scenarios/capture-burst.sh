# The log as it is written. With the default 128 KiB log buffer, boot 1
# prints a burst of 6000 numbered lines (about 560 KiB) faster than the
# once-a-second capture worker can take them, so the buffer overwrites
# lines before they are kept: boot 2 must say where and how many in marker
# lines, and the lines it has plus the ones the markers count must be all
# of them. Then boot 1 prints 1000 more lines right before the kexec, which
# the last catch-up (the reboot notifier) and the dump must all bring over.
# timeout: 300
# checks: load-{1,2} mount burst-lost-marker burst-accounted last-lines-all
SUFFIX=abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ
# print TAG FROM TO: numbered lines to the kernel log as fast as the shell goes.
print() {
	local i=$2
	echo on >/proc/sys/kernel/printk_devkmsg
	exec 3>/dev/kmsg
	while [ $i -lt $3 ]; do echo "pkho-$1 $i $SUFFIX" >&3; i=$((i + 1)); done
	exec 3>&-
}
case $STAGE in
1)
	check load-1 load_module
	print burst 0 6000
	print last 0 1000
	kexec_next "$KTAG"
	;;
2)
	check load-2 load_module
	check mount mount_pstore
	f=$(ls $PSTORE/dmesg-kho-* | head -1)
	have=$(grep -c "pkho-burst [0-9]* $SUFFIX" $f)
	lost=$(sed -n 's/^\[pstore_kho: \([0-9]*\) lines lost here: the kernel log buffer overwrote.*/\1/p' $f | awk '{ n += $1 } END { print n + 0 }')
	say "burst: $have lines kept, $lost counted as lost by markers, of 6000"
	check burst-lost-marker test "$lost" -gt 0
	# Markers count log lines lost, whoever printed them (the kernel may
	# have said something meanwhile): no burst line is unaccounted for.
	check burst-accounted test $((have + lost)) -ge 6000 -a $((have + lost)) -le 6010
	check last-lines-all test "$(grep -o "pkho-last [0-9]* $SUFFIX" $f | sort -u | wc -l)" = 1000
	finish
	;;
esac
