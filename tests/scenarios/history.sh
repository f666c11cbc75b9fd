# History is kept for 16 previous kernels. Boot 1 hands over its own log and
# 16 forged good handles older than it (tests/helpers/forge.c, kind "old"):
# 17 in all, so boot 2 drops the oldest with one line, keeps 16 (its own
# predecessor's among them) and hands them on, with its own, to boot 3,
# which again drops one and keeps the newest 16.
# The 16 handles handed on take one entry of KHO's root tree: the module's
# own handle chains them (ABI v3).
# checks: load-{1,2,3} forge mount-{2,3} dropped-one-{2,3} sixteen-{2,3} own-kept-{2,3} one-kho-entry-2
# warns: ^pstore-kho-dkms-[0-9]+: log of boot 0 dropped: history is full$
old=old,old,old,old,old,old,old,old,old,old,old,old,old,old,old,old
check "load-$STAGE" load_module
case $STAGE in
1)
	check forge /sbin/insmod /lib/pkho/$KTAG/pkho_forge.ko damage=$old
	id=$(cat /proc/sys/kernel/random/uuid)
	echo "pkho-mark boot1 $id" >/dev/kmsg
	kexec_next "$KTAG" pkho_id1=$id
	;;
2|3)
	check "mount-$STAGE" mount_pstore
	check "dropped-one-$STAGE" test "$(dmesg | grep -c 'dropped: history is full')" = 1
	check "sixteen-$STAGE" test "$(ls $PSTORE/dmesg-kho-* | wc -l)" = 16
	check "own-kept-$STAGE" grep -q "pkho-mark boot1 $(arg pkho_id1)" $PSTORE/dmesg-kho-*
	[ "$STAGE" = 3 ] && finish
	# 6.16 to 6.18 add sub-trees when KHO is finalized.
	[ "$(cat /sys/module/pstore_kho/parameters/kho_api)" = finalize-before-load ] &&
		/usr/sbin/pstore-kho-finalize >/dev/null
	check one-kho-entry-2 test "$(ls /sys/kernel/debug/kho/out/sub_fdts | grep -c '^pstore-kho-dkms')" = 1
	kexec_next "$KTAG" pkho_id1=$(arg pkho_id1)
	;;
esac
