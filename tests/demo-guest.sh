# Guest side of `make demo` (see demo.sh).
# boot: 7.3
# checks: load-2 mount record
case $STAGE in
1)
	load_module
	echo "demo: hello from kernel A, written just before kexec" >/dev/kmsg
	kexec_next "$KTAG"
	;;
2)
	check load-2 load_module
	check mount mount_pstore
	f=$(kho_files)
	check record test -n "$f"
	echo "PKHO-SHOW-BEGIN"
	ls -l $PSTORE
	echo "---- tail of $f ----"
	tail -n 12 $f
	echo "PKHO-SHOW-END"
	finish
	;;
esac
