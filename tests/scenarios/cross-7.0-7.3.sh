# Kernels whose KHO versions differ cannot hand over: 7.0 speaks KHO
# "kho-v1", 7.3 "kho-v4", and the next kernel drops the whole handover. From
# 7.0 (finalized as usual) into 7.3: 7.3 boots healthy, the module loads,
# and shows nothing, in particular nothing false.
# kernels: 7.0 7.3
# boot: 7.0
# checks: load-7.0 load-7.3 mount-7.3 nothing-shown kho-says-incompatible
# 7.3 says, at KERN_WARNING, that it cannot take 7.0's handover and boots
# without it: the very case this scenario makes.
# kernel-says: ^KHO: setup: handover FDT \(0x[0-9a-f]+\) is incompatible with 'kho-v4': -?[0-9]+$
# kernel-says: ^KHO: disabling KHO revival$
case $STAGE in
1)
	check load-7.0 load_module
	echo "pkho-mark from 7.0" >/dev/kmsg
	kexec_next 7.3
	;;
2)
	check load-7.3 load_module
	check mount-7.3 mount_pstore
	check nothing-shown test -z "$(kho_files)"
	check kho-says-incompatible sh -c "dmesg | grep -q 'KHO: .*incompatible'"
	finish
	;;
esac
