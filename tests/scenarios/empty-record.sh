# A record with nothing in it (the default 64 KiB pmsg ring is rarely
# written) still has its segment restored and freed in the next kernel:
# KHO keeps pages nobody restores reserved for the whole boot. Boot 1 keeps
# an empty pmsg ring, boot 2 none: after taking and erasing what it got,
# boot 2's MemTotal must equal boot 3's, whose predecessor had no ring; a
# ring left reserved shows as 64 KiB less in boot 2.
# checks: load-{1,2,3} mount-{2,3} erased-{2,3} mem-same-after-take
case $STAGE in
1)
	check load-1 load_module pmsg_size=65536
	kexec_next "$KTAG"
	;;
2|3)
	check "load-$STAGE" load_module pmsg_size=0
	check "mount-$STAGE" mount_pstore
	rm -f $(kho_files)
	check "erased-$STAGE" test -z "$(kho_files)"
	mem=$(awk '/^MemTotal:/ { print $2 }' /proc/meminfo)
	if [ "$STAGE" = 2 ]; then
		kexec_next "$KTAG" pkho_mem2=$mem
	fi
	say "MemTotal after the take: $(arg pkho_mem2) kB in boot 2, $mem kB in boot 3"
	check mem-same-after-take mem_same "$mem" "$(arg pkho_mem2)"
	finish
	;;
esac
