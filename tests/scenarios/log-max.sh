# log_max caps the text kept, the oldest lines first. Boot 1 runs with
# log_max at its minimum (1 MiB) and prints about 1.6 MiB of numbered lines
# (from the kernel, tests/helpers/bench.c) in batches the capture worker
# keeps up with, so that no line is lost to the kernel's log buffer: boot 2
# gets the newest text, under 1 MiB, and a first line counting the lines
# dropped.
# timeout: 300
# checks: load-{1,2} mount under-log_max newest-kept drop-marker oldest-gone none-lost
case $STAGE in
1)
	check load-1 load_module log_max=1048576
	b=0
	while [ $b -lt 16 ]; do
		/sbin/insmod /lib/pkho/$KTAG/pkho_bench.ko tag=big$b burst=100000 &&
			/sbin/rmmod pkho_bench
		# The worker takes new lines every second.
		sleep 1.5
		b=$((b + 1))
	done
	kexec_next "$KTAG"
	;;
2)
	check load-2 load_module
	check mount mount_pstore
	f=$(ls $PSTORE/dmesg-kho-* | head -1)
	say "log_max: record $(wc -c <$f) bytes, first line: $(sed -n 2p $f | cut -c1-150)"
	check under-log_max test "$(wc -c <$f)" -le $((1048576 + 4096))
	check newest-kept grep -q "pkho-big15 000999 " $f
	check drop-marker grep -q "^\[pstore_kho: the [0-9]* lines before this one are not here: [1-9][0-9]* dropped by the previous kernel (for room or to stay within log_max)" $f
	check oldest-gone not grep -q "pkho-big0 000000 " $f
	check none-lost not grep -q "lines lost here" $f
	finish
	;;
esac
