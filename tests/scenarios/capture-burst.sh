# The log as it is written. With the default 128 KiB log buffer, boot 1
# prints a burst of 6000 numbered lines (about 600 KiB, from the kernel:
# the bench helper's printk loop, faster than any shell) faster than the
# once-a-second capture worker can take them, so the buffer overwrites
# lines before they are kept: boot 2 must say where and how many in marker
# lines, and the lines it has plus the ones the markers count must be all
# of them. (On a busy host the printing vCPU can lose the race to the
# capture: all 6000 kept, nothing to mark, which passes too.) Then boot 1
# prints 1000 more lines right before the kexec, which the last catch-up
# (the reboot notifier) and the dump must all bring over.
# timeout: 300
# checks: load-{1,2} mount burst-lost-marker burst-accounted last-lines-all
# print TAG N: N lines "pkho-TAG <number> ..." of about 100 bytes, from the
# kernel (tests/helpers/bench.c).
print() {
	/sbin/insmod /lib/pkho/$KTAG/pkho_bench.ko tag=$1 burst=$(($2 * 100)) &&
		/sbin/rmmod pkho_bench
}
case $STAGE in
1)
	check load-1 load_module
	print burst 6000
	print last 1000
	kexec_next "$KTAG"
	;;
2)
	check load-2 load_module
	check mount mount_pstore
	f=$(ls $PSTORE/dmesg-kho-* | head -1)
	have=$(grep -o "pkho-burst [0-9]*" $f | sort -u | wc -l)
	lost=$(sed -n 's/^\[pstore_kho: \([0-9]*\) lines lost here: the kernel log buffer overwrote.*/\1/p' $f | awk '{ n += $1 } END { print n + 0 }')
	say "burst: $have lines kept, $lost counted as lost by markers, of 6000"
	check burst-lost-marker test "$lost" -gt 0 -o "$have" = 6000
	# Markers count log lines lost, whoever printed them (the kernel may
	# have said something meanwhile): no burst line is unaccounted for.
	check burst-accounted test $((have + lost)) -ge 6000 -a $((have + lost)) -le 6010
	check last-lines-all test "$(grep -o "pkho-last [0-9]*" $f | sort -u | wc -l)" = 1000
	finish
	;;
esac
