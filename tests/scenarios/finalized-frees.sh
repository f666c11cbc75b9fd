# 6.18: once KHO is finalized (its notifier preserved what the module keeps),
# nothing kept may be freed, as 6.18's KHO would still hand the freed pages
# over, nor may the module go, as KHO names its handle. Boot 2 gets a 1 MiB
# pmsg record from boot 1, finalizes, erases that record: the file goes
# (pstore frees its own copy of the text at once) but the module's megabyte
# stays allocated; rmmod answers "in use"; after an abort (0 to KHO's
# finalize file) the megabyte is freed: MemFree rises by it then, which it
# could not if the erase had freed it. The log still crosses.
# kernels: 6.18
# boot: 6.18
# timeout: 200
# checks: load-{1,2,3} pmsg-written mount-{2,3} pmsg-shown finalized erased pinned aborted frees-wait-for-abort marker
# 6.18.2's own kho_abort() frees its serialized map with kfree() though it
# came from the page allocator: slub warns, whoever preserved anything
# (kernel/kexec_handover.c kho_mem_ser_free(); later 6.18.y fix it).
# kernel-says: ^WARNING: CPU: [0-9]+ PID: [0-9]+ at mm/slub\.c:[0-9]+ free_large_kmalloc\+0x[0-9a-f]+/0x[0-9a-f]+$
FIN=/sys/kernel/debug/kho/out/finalize
mem_free() { awk '/^MemFree:/ { print $2 }' /proc/meminfo; }
case $STAGE in
1)
	check load-1 load_module pmsg_size=1048576
	check pmsg-written sh -c "head -c 1048576 /dev/urandom | od -An -x | head -c 1048576 >/dev/pmsg0"
	kexec_next 6.18
	;;
2)
	check load-2 load_module
	check mount-2 mount_pstore
	check pmsg-shown test -n "$(ls $PSTORE/pmsg-kho-* 2>/dev/null)"
	check finalized sh -c "/usr/sbin/pstore-kho-finalize && test \"\$(cat $FIN)\" = 1"
	rm -f $PSTORE/pmsg-kho-*
	check erased test -z "$(ls $PSTORE/pmsg-kho-* 2>/dev/null)"
	check pinned not unload_module
	before=$(mem_free)
	echo 0 >$FIN
	check aborted test "$(cat $FIN)" = 0
	after=$(mem_free)
	say "MemFree: $before kB before the abort, $after kB after"
	check frees-wait-for-abort test $((after - before)) -ge 768
	marker=pkho-marker-$(cat /proc/sys/kernel/random/uuid)
	echo "$marker" >/dev/kmsg
	kexec_next 6.18 pkho_marker="$marker"
	;;
3)
	check load-3 load_module
	check mount-3 mount_pstore
	check marker grep -q "$(arg pkho_marker)" $PSTORE/dmesg-kho-*
	finish
	;;
esac
