# A previous kernel's handle whose size, as KHO reports it, is not a
# handle's (tests/helpers/forge.c, kind "size"): the handle is refused
# with one line naming both sizes and nothing of it is shown, while the
# previous kernel's own record is. Only KHO 7.1 and later store a size
# (kho_add_subtree() with a length): before, a handle is one page by the
# ABI and there is nothing to forge, so this runs on 7.3 only.
# kernels: 7.3
# boot: 7.3
# checks: load-{1,2} forge mount own-record-kept size-reason size-nothing-shown
# warns: ^pstore-kho-dkms-1: refused: KHO says it is 100 bytes, a handle is 4096$
check "load-$STAGE" load_module
case $STAGE in
1)
	check forge /sbin/insmod /lib/pkho/$KTAG/pkho_forge.ko damage=size
	id=$(cat /proc/sys/kernel/random/uuid)
	mark_log "$id"
	kexec_next "$KTAG" pkho_mark="$id"
	;;
2)
	check mount mount_pstore
	check own-record-kept prev_mark_in $PSTORE/dmesg-kho-*
	check size-reason sh -c "dmesg | grep -q 'pstore_kho: pstore-kho-dkms-1: refused: KHO says it is 100 bytes, a handle is 4096'"
	check size-nothing-shown test -z "$(grep -l "pkho-forge [a-z]* size" $(kho_files) 2>/dev/null)"
	finish
	;;
esac
