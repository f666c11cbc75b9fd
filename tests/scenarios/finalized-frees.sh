# 6.18: once KHO is finalized (its notifier preserved what the module keeps),
# nothing kept may be freed, as 6.18's KHO would still hand the freed pages
# over, nor may the module go, as KHO names its handle. Boot 2 gets a 1 MiB
# pmsg record from boot 1, finalizes, erases that record: the file goes but
# its megabyte stays allocated (MemFree does not rise by it); rmmod answers
# "in use"; the log still crosses. After an abort (0 to KHO's finalize file)
# the megabyte is freed.
# kernels: 6.18
# boot: 6.18
# timeout: 200
# checks: load-{1,2,3} pmsg-written mount-{2,3} pmsg-shown finalized erased frees-wait pinned aborted frees-done marker
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
	before=$(mem_free)
	rm -f $PSTORE/pmsg-kho-*
	check erased test -z "$(ls $PSTORE/pmsg-kho-* 2>/dev/null)"
	after=$(mem_free)
	say "MemFree: $before kB before the erase, $after kB after"
	check frees-wait test $((after - before)) -lt 512
	check pinned not unload_module
	echo 0 >$FIN
	check aborted test "$(cat $FIN)" = 0
	check frees-done test $(($(mem_free) - after)) -ge 768
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
