# Soak: 20 kexecs in a row, the module loaded in every kernel. Each boot
# finds exactly the previous boot's log, once, erases it as systemd-pstore
# would, and keeps the same number of bytes preserved as the first boot. Any
# warning in any kernel fails the run (the host checks the whole log).
# boot: 7.3
# sanitize: not run on the sanitizer kernel: many boots under KASAN take too long for CI; the same code paths run there in the shorter scenarios
# timeout: 600
LAST=21
check "load-$STAGE" load_module
check "mount-$STAGE" mount_pstore
if [ "$STAGE" -gt 1 ]; then
	f=$(kho_files)
	check "one-record-$STAGE" test "$(echo "$f" | wc -w)" = 1
	check "previous-log-$STAGE" test "$(grep -c "pkho-mark $(arg pkho_prev) " $f)" = 1
	rm -f $f
fi
check_preserved_flat
[ "$STAGE" = "$LAST" ] && { say "soak: $((LAST - 1)) kexecs, $kept bytes preserved in every kernel"; finish; }
id=$(cat /proc/sys/kernel/random/uuid)
echo "pkho-mark $id " >/dev/kmsg
kexec_next "$KTAG" pkho_prev=$id pkho_kept=$first
