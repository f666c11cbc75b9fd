# 50 unload/load cycles in one boot: allocated memory does not grow (by a
# load's worth per cycle, and kmemleak for the rest), and
# the next kernel finds no more memory preserved for it than one instance
# keeps (MemTotal at boot against the cold boot's: 50 instances that leaked
# their preservation would show megabytes). The last instance still hands
# the whole log over. Cycles run without a pmsg front-end and in a boot that
# took nothing from a previous kernel: otherwise the module pins itself
# (reload.sh, pmsg-rmmod.sh).
# timeout: 300
# checks: load-1 unload-1 fifty-cycles allocated-flat load-last load-2 preserved-bounded mount marker-arrived
case $STAGE in
1)
	check load-1 load_module pmsg_size=0
	check unload-1 unload_module
	free0=$(mem_free_kb)
	n=0
	while [ $n -lt 50 ] && load_module pmsg_size=0 && unload_module; do
		n=$((n + 1))
	done
	check fifty-cycles test $n = 50
	free1=$(mem_free_kb)
	say "cycles: MemFree $free0 kB before, $free1 kB after"
	# Slack for the page cache, per-CPU lists, and KHO's own tracking:
	# 7.0's KHO keeps the bitmap pages it allocated for preserved ranges
	# after they are unpreserved (seen: 848 kB over 50 cycles). A leak of
	# the module's memory, 68 KiB or more a load, would be 3.4 MB. Smaller
	# leaks are kmemleak's (every x86_64 test kernel has it). Under KASAN
	# freed memory waits in a quarantine of tens of MiB: there MemFree says
	# nothing, and kmemleak alone is the leak check.
	flat() {
		kmemleak_report || return 1
		dmesg | grep -q 'KernelAddressSanitizer initialized' || [ $((free0 - free1)) -lt 2048 ]
	}
	check allocated-flat flat
	check load-last load_module pmsg_size=0
	id=$(cat /proc/sys/kernel/random/uuid)
	mark_log "$id"
	kexec_next "$KTAG" pkho_mark="$id" pkho_cold="$BOOT_MEMTOTAL"
	;;
2)
	kept=$(($(arg pkho_cold) - BOOT_MEMTOTAL))
	check load-2 load_module pmsg_size=0
	# What one instance preserves: its rings and tables (under 1 MiB), and
	# where memory cannot grow after load (kho_api finalize, 6.19 to 7.0)
	# the pool set aside at load, an eighth of log_max (pstore_kho.c).
	one=1024
	p=/sys/module/pstore_kho/parameters
	[ "$(cat $p/kho_api)" = finalize ] && one=$((one + $(cat $p/log_max) / 8 / 1024))
	say "cycles: the previous kernel preserved $kept kB (MemTotal at boot, against the cold boot's); one instance keeps under $one kB"
	check preserved-bounded test "$kept" -lt "$one"
	check mount mount_pstore
	check marker-arrived prev_mark_in $(kho_files)
	finish
	;;
esac
