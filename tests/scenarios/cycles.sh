# 50 unload/load cycles in one boot with a record handed in: the record stays
# readable, allocated memory does not grow, and the next kernel finds no more
# memory preserved than after a single load (MemTotal at boot, see
# check_mem_flat in tests/qemu/guest-lib.sh).
# boot: 7.3
# timeout: 240
# checks: load-{1,2} fifty-cycles load-after allocated-flat mount record-still-there erase mem-flat-3
case $STAGE in
1)
	check load-1 load_module
	id=$(cat /proc/sys/kernel/random/uuid)
	echo "pkho-mark $id" >/dev/kmsg
	kexec_next "$KTAG" pkho_id=$id
	;;
2)
	check load-2 load_module
	unload_module
	free0=$(mem_free_kb)
	n=0
	while [ $n -lt 50 ] && load_module && unload_module; do
		n=$((n + 1))
	done
	check fifty-cycles test $n = 50
	free1=$(mem_free_kb)
	check load-after load_module
	say "cycles: MemFree $free0 kB before, $free1 kB after"
	# A little slack for the page cache and per-CPU lists; a leak of one
	# record per cycle would be megabytes. Under KASAN freed memory waits
	# in a quarantine of tens of MiB, so there kmemleak is the leak check.
	if [ -e /sys/kernel/debug/kmemleak ]; then
		check allocated-flat kmemleak_report
	else
		check allocated-flat test $((free0 - free1)) -lt 512
	fi
	check mount mount_pstore
	check record-still-there grep -q "pkho-mark $(arg pkho_id)" $(kho_files)
	# Erased, so that this kernel hands over what stage 1 did: its own
	# blobs only.
	check erase rm $(kho_files)
	kexec_next "$KTAG" $(mem_carry)
	;;
3)
	check_mem_flat
	finish
	;;
esac
