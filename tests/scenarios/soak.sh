# Soak: 6 kexecs in a row, the module loaded in every kernel. Each boot
# finds exactly the previous boot's log, once, and erases it as
# systemd-pstore would; every kernel then preserves the same memory as the
# one before it (check_mem_flat: MemTotal at boot stays flat). Any warning
# in any kernel fails the run (the host checks the whole log). Six, not
# the eleven of before (CI time: 27 s a boot): a leak of a page a kexec is
# 20 kB by the last boot, beyond mem_same's slack of 12 (frontends-chain
# checks the same over five kexecs more).
# boot: 7.3
# timeout: 600
# checks: load-{1..7} mount-{1..7} one-record-{2..7} previous-log-{2..7} mem-flat-{3..7}
LAST=7
check "load-$STAGE" load_module
check "mount-$STAGE" mount_pstore
if [ "$STAGE" -gt 1 ]; then
	f=$(kho_files)
	check "one-record-$STAGE" test "$(echo "$f" | wc -w)" = 1
	check "previous-log-$STAGE" test "$(grep -c "pkho-mark $(arg pkho_prev) " $f)" = 1
	rm -f $f
fi
check_mem_flat
say "soak: stage $STAGE, MemTotal at boot $BOOT_MEMTOTAL kB"
[ "$STAGE" = "$LAST" ] && { say "soak: $((LAST - 1)) kexecs, MemTotal at boot flat at $BOOT_MEMTOTAL kB from stage 2 on"; finish; }
id=$(cat /proc/sys/kernel/random/uuid)
echo "pkho-mark $id " >/dev/kmsg
kexec_next "$KTAG" pkho_prev=$id $(mem_carry)
