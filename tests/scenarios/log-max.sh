# log_max caps the text kept, the oldest lines first. Boot 1 runs with
# log_max at its minimum (1 MiB) and prints about 2.5 MiB of numbered lines
# in batches the capture worker keeps up with (so that no line is lost to
# the kernel's log buffer, which would be counted otherwise): boot 2 gets
# the newest text, under 1 MiB, and a first line counting the lines dropped.
# timeout: 300
# not-on-sanitizer: 2.5 MiB of log printed from a shell under KASAN takes too long for CI; the same dropping runs there in capture-burst (segments dropped as the stream is cut)
# checks: load-{1,2} mount under-log_max newest-kept drop-marker oldest-gone none-lost
SUFFIX=abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ
case $STAGE in
1)
	check load-1 load_module log_max=1048576
	echo on >/proc/sys/kernel/printk_devkmsg
	b=0
	while [ $b -lt 24 ]; do
		exec 3>/dev/kmsg
		i=0
		while [ $i -lt 1500 ]; do echo "pkho-big $((b * 1500 + i)) $SUFFIX" >&3; i=$((i + 1)); done
		exec 3>&-
		# The worker takes new lines every second.
		sleep 2
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
	check newest-kept grep -q "pkho-big 35999 $SUFFIX" $f
	check drop-marker grep -q "^\[pstore_kho: the [0-9]* lines before this one are not here: [1-9][0-9]* dropped to stay within log_max" $f
	check oldest-gone not grep -q "pkho-big 0 $SUFFIX" $f
	check none-lost not grep -q "lines lost here" $f
	finish
	;;
esac
