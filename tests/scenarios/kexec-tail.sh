# The newest lines win at the kexec: 600 lines printed after pstore_kho's
# last take (by a reboot notifier that runs after every other one,
# tests/helpers/storm.c at_reboot=600, about 60 KiB, less than the kernel's
# log buffer holds) go to the kexec-time dump alone. Where its room is the
# 4 KiB the module keeps free (tail_size=4096; the stream grows as needed on
# 7.1 and later and on 6.16 to 6.18), they do not fit: the dump keeps the
# newest, "Starting new kernel" and the very last line printed among them,
# drops the oldest, and the record says how many, right where they were. On
# 6.19 to 7.0 the log's memory was set aside at load and the dump may use
# what is free of it: there all 600 fit, and none may be marked dropped.
# Either way every late line is kept or counted.
# Then, after "Starting new kernel", 3000 lines more (at_dump=3000, a
# dumper of the helper's that runs before pstore_kho's, about 300 KiB):
# they overwrite the kernel's log buffer past that line before pstore_kho's
# dump runs, as a log storm does while the kexecing task waits behind it.
# The kexec-time chunk was written at the first of them (src/jump.c), so
# the record keeps the same lines as without them, and counts them at its
# end.
# checks: load-{1,2} late-loaded mount starting-new-kernel last-late-line oldest-late-as-room-allows marker-as-room-allows every-late-line-accounted after-jump-counted
case $STAGE in
1)
	# The helper first: its dumper must run before pstore_kho's.
	check late-loaded /sbin/insmod /lib/pkho/$KTAG/pkho_storm.ko at_reboot=600 at_dump=3000
	check load-1 load_module tail_size=4096
	kexec_next "$KTAG"
	;;
2)
	check load-2 load_module
	check mount mount_pstore
	f=$(ls $PSTORE/dmesg-kho-* | head -1)
	kept=$(grep -c 'pkho-late ' $f)
	dropped=$(sed -n 's/^\[pstore_kho: \([0-9]*\) lines dropped here at the kexec.*/\1/p' $f)
	say "late lines: $kept kept, ${dropped:-none} dropped; $(grep '^\[pstore_kho' $f | tail -2)"
	check starting-new-kernel grep -q "Starting new kernel" $f
	check last-late-line grep -q "pkho-late 599 " $f
	if [ "$(cat /sys/module/pstore_kho/parameters/kho_api)" = finalize ]; then
		check oldest-late-as-room-allows grep -q "pkho-late 0 " $f
		check marker-as-room-allows test -z "$dropped"
	else
		check oldest-late-as-room-allows not grep -q "pkho-late 0 " $f
		# The marker sits right before the oldest late line kept.
		check marker-as-room-allows sh -c "grep -A1 '^\[pstore_kho: [0-9]* lines dropped here at the kexec' $f | grep -q 'pkho-late '"
	fi
	check every-late-line-accounted test "$((kept + ${dropped:-0}))" -ge 600
	after=$(sed -n 's/^\[pstore_kho: the last \([0-9]*\) lines are not here: printed at the kexec after .*/\1/p' "$f")
	check after-jump-counted test "${after:-0}" -ge 3000
	finish
	;;
esac
