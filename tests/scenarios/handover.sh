# A marker written to the kernel log in boot A is in boot B's pstore, in a
# Shutdown record that runs up to "Starting new kernel".
# boot: 7.3
# fdt: arm64 hands over in the /chosen of QEMU's device tree as well as of the EFI stub's
# checks: load-{1,2} mount one-record marker shutdown-header up-to-the-jump
case $STAGE in
1)
	load_mark_kexec
	;;
2)
	check load-2 load_module
	check mount mount_pstore
	f=$(kho_files)
	check one-record test "$(echo "$f" | wc -w)" = 1
	say "record: $f"
	check marker prev_mark_in $f
	check shutdown-header sh -c "head -1 $f | grep -q '^Shutdown#'"
	check up-to-the-jump grep -q "Starting new kernel" $f
	finish
	;;
esac
