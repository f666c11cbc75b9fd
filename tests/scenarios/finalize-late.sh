# 6.18: KHO must be finalized before kexec_file_load. A kernel loaded first
# does not carry the log: pstore-kho-finalize finalizes, says to load the
# kernel again and fails; loaded again, the log arrives.
# kernels: 6.18
# boot: 6.18
# checks: load-{1,2} early-load finalize-says-load-again mount marker
case $STAGE in
1)
	check load-1 load_module
	id=$(cat /proc/sys/kernel/random/uuid)
	mark_log "$id"
	check early-load /sbin/kexec -s -l /boot/6.18 --append="console=ttyS0"
	check finalize-says-load-again sh -c "! /usr/sbin/pstore-kho-finalize >/tmp/f.out; grep -q 'load it again' /tmp/f.out"
	# kexec_next loads again (and pstore-kho-finalize says the same).
	kexec_next 6.18 pkho_mark="$id"
	;;
2)
	check load-2 load_module
	check mount mount_pstore
	check marker prev_mark_in $(kho_files)
	finish
	;;
esac
