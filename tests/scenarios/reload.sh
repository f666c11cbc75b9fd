# Boot B unloads and loads the module again: the record is still there. While
# the record is shown in a mounted pstore, rmmod is refused (the pstore core
# would otherwise free memory it then writes, see docs); once it is erased,
# rmmod works.
# boot: 7.3
# checks: load-{1,2} unload load-again mount marker-after-reload
# checks: rmmod-refused-while-shown still-loaded erase unload-after-erase load-third-time
case $STAGE in
1)
	load_mark_kexec
	;;
2)
	check load-2 load_module
	check unload unload_module
	check load-again load_module
	check mount mount_pstore
	check marker-after-reload grep -q "$(arg pkho_marker)" $(kho_files)
	check rmmod-refused-while-shown not unload_module
	check still-loaded grep -q pstore_kho /proc/modules
	check erase rm $(kho_files)
	check unload-after-erase unload_module
	check load-third-time load_module
	finish
	;;
esac
