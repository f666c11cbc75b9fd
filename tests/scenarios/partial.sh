# Handles with several records: the first record damaged with good ones
# after it, one record of several erased, and a partly erased handle handed
# on. Boot 1 forges a good handle ("old": dmesg, console, pmsg) and one
# whose dmesg record, the first, is damaged (rec0_time). Boot 2 shows the
# damaged handle's console and pmsg records but not its dmesg, erases only
# the good handle's dmesg record and kexecs. Boot 3 still shows that
# handle's console and pmsg records and the damaged one's two, and not the
# erased record.
# checks: load-{1,2,3} forge mount-{2,3} first-dropped-reason first-dropped others-after-kept
# checks: erase-one kept-after-erase-{2,3} erased-gone still-handed-on own-record-3
# warns: ^pstore-kho-dkms-[0-9]+: record 0 dropped: bad record time$
shown() { grep -l "pkho-forge $1 $2" $PSTORE/$1-kho-* 2>/dev/null || echo /dev/null; }
check "load-$STAGE" load_module
case $STAGE in
1)
	check forge /sbin/insmod /lib/pkho/$KTAG/pkho_forge.ko damage=old,rec0_time
	kexec_next "$KTAG"
	;;
2)
	check mount-2 mount_pstore
	check first-dropped-reason sh -c "dmesg | grep -q 'pstore-kho-dkms-[0-9]*: record 0 dropped: bad record time'"
	check first-dropped test "$(shown dmesg rec0_time)" = /dev/null
	check others-after-kept test "$(shown console rec0_time)" != /dev/null -a "$(shown pmsg rec0_time)" != /dev/null
	check erase-one rm "$(shown dmesg old)"
	check kept-after-erase-2 test "$(shown console old)" != /dev/null -a "$(shown pmsg old)" != /dev/null
	echo "pkho-mark boot2" >/dev/kmsg
	kexec_next "$KTAG"
	;;
3)
	check mount-3 mount_pstore
	check kept-after-erase-3 test "$(shown console old)" != /dev/null -a "$(shown pmsg old)" != /dev/null
	check erased-gone test "$(shown dmesg old)" = /dev/null
	check still-handed-on test "$(shown console rec0_time)" != /dev/null -a "$(shown pmsg rec0_time)" != /dev/null
	check own-record-3 grep -q "pkho-mark boot2" $PSTORE/dmesg-kho-*
	finish
	;;
esac
