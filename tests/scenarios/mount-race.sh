# pstore mounted again and again while the module loads: the load and the
# mounts both ask for the previous kernels' entries, which are taken once,
# under one lock. The record arrives once, shown whole, with no warning;
# the module pins itself and this kernel's history order is right (the
# next boot shows the records of both earlier boots, newest first).
# The mounts begin once pstore_register() has returned ("Registered kho"):
# the module's own take comes right after it, and a mount's first read
# races it. Not before: an umount during pstore_register()'s own reading
# of the records is a race in pstore itself, whatever the backend
# (pstore_get_records() holds the root inode's lock while pstore_kill_sb()
# frees the superblock; seen on 7.3: lockdep's "held lock freed", then
# pstore_mkfile() WARNs and "pstore: failed to create 2 record(s)").
# checks: load-{1,2,3} mounts-ran-{2,3} one-record-2 two-records-3 marker-{2,3} pinned-2
mount_loop() {
	mkdir -p /tmp/p$1
	until dmesg | grep -q 'Registered kho as persistent store backend'; do
		[ -e /tmp/stop ] && return
	done
	while [ ! -e /tmp/stop ]; do
		mount -t pstore pstore /tmp/p$1 2>/dev/null && echo x >>/tmp/mounts
		umount /tmp/p$1 2>/dev/null
	done
}
case $STAGE in
1)
	check load-1 load_module pmsg_size=0
	marker=pkho-marker-$(cat /proc/sys/kernel/random/uuid)
	echo "$marker" >/dev/kmsg
	kexec_next "$KTAG" pkho_m1="$marker"
	;;
2|3)
	rm -f /tmp/stop /tmp/mounts
	mount_loop a &
	mount_loop b &
	sleep 1
	check "load-$STAGE" load_module pmsg_size=0
	sleep 1
	touch /tmp/stop
	wait
	check "mounts-ran-$STAGE" test -s /tmp/mounts
	check "marker-$STAGE" sh -c "mount -t pstore pstore $PSTORE && grep -q '$(arg pkho_m1)' $PSTORE/dmesg-kho-*"
	if [ "$STAGE" = 2 ]; then
		check one-record-2 test "$(ls $PSTORE/dmesg-kho-* | wc -l)" = 1
		check pinned-2 not unload_module
		marker=pkho-marker-$(cat /proc/sys/kernel/random/uuid)
		echo "$marker" >/dev/kmsg
		kexec_next "$KTAG" pkho_m1="$(arg pkho_m1)" pkho_m2="$marker"
	fi
	check two-records-3 test "$(ls $PSTORE/dmesg-kho-* | wc -l)" = 2
	finish
	;;
esac
