# 7.0, KHO finalized by hand through its own debugfs file (as KHO's
# documentation shows), not by pstore-kho-finalize, then a log storm through
# kexec -e. The module cannot see that finalize happen; on 6.19 to 7.0 it
# preserves nothing after load, so the next kernel restores every page
# without a warning and shows the record, with the line printed before the
# storm and the last lines before the jump.
# kernels: 7.0
# boot: 7.0
# timeout: 240
# checks: load-{1,2} kexec-loaded finalized-by-hand mount record-shown before-storm starting-new-kernel
case $STAGE in
1)
	check load-1 load_module
	before=$(cat /proc/sys/kernel/random/uuid)
	FINALIZE=by-hand
	check kexec-loaded kexec_prepare 7.0 pkho_before="$before"
	check finalized-by-hand sh -c "echo 1 >/sys/kernel/debug/kho/out/finalize && test \"\$(cat /sys/kernel/debug/kho/out/finalize)\" = 1"
	storm_jump "$before"
	;;
2)
	storm_arrived
	finish
	;;
esac
