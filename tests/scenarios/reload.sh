# Unloading and loading again. In a boot that took nothing from a previous
# kernel, without a pmsg front-end, rmmod works and the reloaded module
# still hands the whole log over. Once the module has taken what a previous
# kernel handed over, it pins itself for the rest of the boot: rmmod answers
# "in use", also after the records are erased (KHO lets memory be restored
# once; a new instance would find the same entries and KHO would warn).
# checks: load-{1,2} unload-fresh load-again-1 marker-arrived mount-2 rmmod-refused-while-held
# checks: still-loaded erase rmmod-refused-after-erase still-loaded-after-erase
# both_marks FILE...: the lines of the first load and the reloaded one.
both_marks() { prev_mark_in "$@" && grep -q pkho-before-reload "$@" /dev/null; }
case $STAGE in
1)
	check load-1 load_module pmsg_size=0
	echo "pkho-before-reload" >/dev/kmsg
	check unload-fresh unload_module
	check load-again-1 load_module pmsg_size=0
	id=$(cat /proc/sys/kernel/random/uuid)
	mark_log "$id"
	kexec_next "$KTAG" pkho_mark="$id"
	;;
2)
	check load-2 load_module pmsg_size=0
	check mount-2 mount_pstore
	f=$(kho_files)
	check marker-arrived both_marks $f
	check rmmod-refused-while-held not unload_module
	check still-loaded grep -q "^pstore_kho " /proc/modules
	check erase rm $(kho_files)
	check rmmod-refused-after-erase not unload_module
	check still-loaded-after-erase grep -q "^pstore_kho " /proc/modules
	finish
	;;
esac
