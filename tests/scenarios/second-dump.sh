# A second dump in one boot: an oops dump (the test helper calls the
# kernel's kmsg_dump with reason oops), then the kexec's shutdown dump. The
# next kernel gets one record holding the lines from before the oops, from
# between, and up to the jump, each once, under pstore's header of the
# last dump: "Shutdown#2".
# checks: load-{1,2} oops-dump mount before-once between-once up-to-the-jump header-second-dump
case $STAGE in
1)
	check load-1 load_module
	echo "pkho-before-oops" >/dev/kmsg
	addr=$(grep ' kmsg_dump_desc$' /proc/kallsyms | cut -d' ' -f1)
	check oops-dump /sbin/insmod /lib/pkho/$KTAG/pkho_bench.ko dump_fn=0x$addr runs=1 reason=2
	echo "pkho-between-dumps" >/dev/kmsg
	kexec_next "$KTAG"
	;;
2)
	check load-2 load_module
	check mount mount_pstore
	f=$(kho_files | grep dmesg)
	check before-once test "$(grep -c pkho-before-oops $f)" = 1
	check between-once test "$(grep -c pkho-between-dumps $f)" = 1
	check up-to-the-jump grep -q "Starting new kernel" $f
	check header-second-dump sh -c "head -1 $f | grep -q '^Shutdown#2 Part1'"
	finish
	;;
esac
