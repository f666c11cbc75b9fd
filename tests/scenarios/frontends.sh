# Console and pmsg front-ends: 2000 numbered console lines before the kexec,
# the newest of them in console-kho-* after it, in order, none torn; a pmsg
# marker written just before the kexec in pmsg-kho-*; a pmsg write larger
# than the ring keeps its newest part.
# boot: 7.3
# timeout: 300
# checks: load-{1,2,3} mount-{1,2,3} pmsg-write
# checks: console-{record,newest-kept,many-kept,in-order,contiguous,none-torn} pmsg-record pmsg-marker pmsg-big-write
# checks: pmsg-big-{record,newest-kept,oldest-dropped,size}
SUFFIX="abcdefghijklmnopqrstuvwxyz0123456789"
check "load-$STAGE" load_module console_size=65536 pmsg_size=65536
check "mount-$STAGE" mount_pstore
case $STAGE in
1)
	echo on >/proc/sys/kernel/printk_devkmsg
	exec 3>/dev/kmsg
	i=0
	while [ $i -lt 2000 ]; do
		echo "pkho-con $i $SUFFIX" >&3
		i=$((i + 1))
	done
	exec 3>&-
	id=$(cat /proc/sys/kernel/random/uuid)
	check pmsg-write sh -c "echo 'pkho-pmsg-mark $id' >/dev/pmsg0"
	kexec_next "$KTAG" pkho_id=$id
	;;
2)
	c=$(ls $PSTORE/console-kho-* 2>/dev/null)
	check console-record test -n "$c"
	# The numbers of the console lines kept, in file order.
	grep -o 'pkho-con [0-9]* ' $c | cut -d' ' -f2 >/tmp/nums
	n=$(wc -l </tmp/nums)
	say "console: $n of 2000 lines kept in a 64 KiB ring, $(wc -c <$c) bytes"
	check console-newest-kept test "$(tail -1 /tmp/nums)" = 1999
	check console-many-kept test "$n" -gt 500
	check console-in-order sh -c "sort -n /tmp/nums | cmp -s - /tmp/nums && test \$(sort -un /tmp/nums | wc -l) = $n"
	check console-contiguous test $(( $(tail -1 /tmp/nums) - $(head -1 /tmp/nums) + 1 )) = "$n"
	# Every kept line but the first (the ring may start inside it) is whole.
	check console-none-torn test "$(grep 'pkho-con [0-9]' $c | sed 1d | grep -vc "pkho-con [0-9]* $SUFFIX\$")" = 0
	p=$(ls $PSTORE/pmsg-kho-* 2>/dev/null)
	check pmsg-record test -n "$p"
	check pmsg-marker grep -q "pkho-pmsg-mark $(arg pkho_id)" $p
	rm -f $(kho_files)
	# One write of about 100 KiB into the 64 KiB ring.
	i=0
	while [ $i -lt 2500 ]; do echo "pkho-big $i $SUFFIX"; i=$((i + 1)); done >/tmp/big
	check pmsg-big-write sh -c "dd if=/tmp/big of=/dev/pmsg0 bs=$(wc -c </tmp/big) count=1 2>/dev/null"
	kexec_next "$KTAG"
	;;
3)
	p=$(ls $PSTORE/pmsg-kho-* 2>/dev/null)
	check pmsg-big-record test -n "$p"
	check pmsg-big-newest-kept grep -q "pkho-big 2499 $SUFFIX" $p
	check pmsg-big-oldest-dropped not grep -q "pkho-big 0 " $p
	# At least pmsg_size: the ring also uses the rest of its last page.
	check pmsg-big-size test "$(wc -c <$p)" -ge 65536
	finish
	;;
esac
