# 50 unload/load cycles in one boot with a record handed in: the record stays
# readable, and neither preserved nor allocated memory grows.
# boot: 7.3
# timeout: 240
case $STAGE in
1)
	check load load_module
	id=$(cat /proc/sys/kernel/random/uuid)
	echo "pkho-mark $id" >/dev/kmsg
	kexec_next "$KTAG" pkho_id=$id
	;;
2)
	check load load_module
	kept0=$(preserved_bytes)
	unload_module
	free0=$(mem_free_kb)
	n=0
	while [ $n -lt 50 ] && load_module && unload_module; do
		n=$((n + 1))
	done
	check fifty-cycles test $n = 50
	free1=$(mem_free_kb)
	check load-after load_module
	kept1=$(preserved_bytes)
	say "cycles: MemFree $free0 kB before, $free1 kB after; preserved $kept0 bytes before, $kept1 after"
	check preserved-flat test "$kept0" = "$kept1"
	# A little slack for the page cache and per-CPU lists; a leak of one
	# record per cycle would be megabytes. Under KASAN freed memory waits
	# in a quarantine of tens of MiB, so there kmemleak, which finish()
	# runs, is the leak check instead.
	if [ -e /sys/kernel/debug/kmemleak ]; then
		say "cycles: sanitizer kernel, leaks are left to kmemleak"
	else
		check allocated-flat test $((free0 - free1)) -lt 512
	fi
	check mount mount_pstore
	check record-still-there grep -q "pkho-mark $(arg pkho_id)" $(kho_files)
	finish
	;;
esac
