# Five kexecs with every front-end on: each kernel finds the previous one's
# dmesg, console and pmsg records, erases them as systemd-pstore would, and
# then preserves the same memory as the kernel before it (check_mem_flat).
# boot: 7.3
# timeout: 400
# checks: load-{1..6} mount-{1..6} {dmesg,console,pmsg}-{2..6} {dmesg,console,pmsg}-from-previous-{2..6} mem-flat-{3..6}
LAST=6
check "load-$STAGE" load_module console_size=16384 pmsg_size=16384
check "mount-$STAGE" mount_pstore
if [ "$STAGE" -gt 1 ]; then
	prev=$(arg pkho_prev)
	for t in dmesg console pmsg; do
		f=$(ls $PSTORE/$t-kho-* 2>/dev/null)
		check "$t-$STAGE" test "$(echo $f | wc -w)" = 1
		check "$t-from-previous-$STAGE" grep -q "pkho-mark $prev" $f /dev/null
	done
	rm -f $(kho_files)
fi
check_mem_flat
[ "$STAGE" = "$LAST" ] && { say "front-ends chain: $((LAST - 1)) kexecs, MemTotal at boot $BOOT_MEMTOTAL kB"; finish; }
id=$(cat /proc/sys/kernel/random/uuid)
echo "pkho-mark $id" >/dev/kmsg
echo "pkho-mark $id" >/dev/pmsg0
kexec_next "$KTAG" pkho_prev=$id $(mem_carry)
