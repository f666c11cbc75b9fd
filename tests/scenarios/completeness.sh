# The whole log: fill the kernel log buffer with unique numbered lines, kexec,
# and find in the next kernel every numbered line the log still held. First
# with the default buffer (CONFIG_LOG_BUF_SHIFT=17, 128 KiB), then booted
# with log_buf_len=1M. Prints "PKHO: completeness ..." with the figures.
# boot: 7.3
# timeout: 420
# checks: load-{1..4} mount-{1..4}
# checks: {128K,1M}-{one-record,all-lines,same-first-line,last-line}
# fill SIZE: numbered lines of 80 bytes until the log buffer of SIZE bytes
# is about 90% full, and not beyond: a line pushed out of the log before the
# kexec is lost whatever the backend. printk reserves a record's text, a
# newline and a NUL plus an 8-byte id, rounded up to 8 bytes; the estimate
# counts a numbered line as 96 bytes to stay on the safe side.
fill() {
	local used n
	i=0
	used=$(dmesg -s 4194304 | sed 's/^\[[^]]*\] //' |
		awk '{ n += int((length($0) + 2 + 8 + 7) / 8) * 8 } END { print n }')
	n=$(( ($1 * 90 / 100 - used) / 96 ))
	echo on >/proc/sys/kernel/printk_devkmsg
	exec 3>/dev/kmsg
	while [ $i -lt "$n" ]; do
		echo "pkho-line $i abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUV" >&3
		i=$((i + 1))
	done
	exec 3>&-
}
# nums [FILE...]: the distinct line numbers in FILEs (or stdin), sorted.
# Distinct: a line held twice must not make up for one missing.
nums() { grep -o 'pkho-line [0-9]*' "$@" | cut -d' ' -f2 | sort -n -u; }
# present: how many numbered lines the log holds now, and the first of them.
# (dmesg -s: a buffer big enough for the whole log with its prefixes)
present() { dmesg -s 4194304 | nums | wc -l; }
first() { dmesg -s 4194304 | nums | head -1; }
# verify LABEL: the record holds every line the previous kernel's log held:
# as many distinct numbers, from the same first to the same last one.
verify() {
	local f found
	f=$(kho_files)
	check "$1-one-record" test "$(echo "$f" | wc -w)" = 1
	cat $f /dev/null | nums >/tmp/nums
	found=$(wc -l </tmp/nums)
	say "completeness $1: $found of $(arg pkho_present) lines held by the log (lines $(arg pkho_first)..$(arg pkho_last)), record $(cat $f /dev/null | wc -c) bytes"
	check "$1-all-lines" test "$found" = "$(arg pkho_present)"
	check "$1-same-first-line" test "$(head -1 /tmp/nums)" = "$(arg pkho_first)"
	check "$1-last-line" test "$(tail -1 /tmp/nums)" = "$(arg pkho_last)"
}
check "load-$STAGE" load_module
check "mount-$STAGE" mount_pstore
case $STAGE in
1)
	fill 131072
	kexec_next "$KTAG" pkho_present=$(present) pkho_first=$(first) pkho_last=$((i - 1))
	;;
2)
	verify 128K
	rm -f $(kho_files)
	kexec_next "$KTAG" log_buf_len=1M
	;;
3)
	rm -f $(kho_files)
	fill 1048576
	kexec_next "$KTAG" pkho_present=$(present) pkho_first=$(first) pkho_last=$((i - 1))
	;;
4)
	verify 1M
	finish
	;;
esac
