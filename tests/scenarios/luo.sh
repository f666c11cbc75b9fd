# 7.0 with the Live Update Orchestrator on (liveupdate=on): LUO finalizes
# KHO itself inside kernel_kexec(), so pstore-kho-finalize must do nothing,
# and the log still arrives.
# kernels: 7.0
# boot: 7.0
# append: liveupdate=on
# checks: load-{1,2} finalize-does-nothing not-finalized-by-us mount marker
case $STAGE in
1)
	check load-1 load_module
	check finalize-does-nothing sh -c "/usr/sbin/pstore-kho-finalize | grep -q 'nothing to do: LUO finalizes KHO at kexec'"
	check not-finalized-by-us test "$(cat /sys/kernel/debug/kho/out/finalize)" = 0
	id=$(cat /proc/sys/kernel/random/uuid)
	mark_log "$id"
	kexec_next 7.0 pkho_mark="$id" liveupdate=on
	;;
2)
	check load-2 load_module
	check mount mount_pstore
	check marker prev_mark_in $(kho_files)
	finish
	;;
esac
