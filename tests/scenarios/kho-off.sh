# kho=off: the module refuses to load with one clear message.
# boot: 7.3
# append: kho=off
check refused sh -c "! load_module"
check one-message test "$(dmesg | grep -c 'pstore_kho:')" = 1
check says-why sh -c "dmesg | grep -q 'pstore_kho: kexec handover is off in this kernel: boot with kho=on'"
check not-loaded sh -c "! grep -q pstore_kho /proc/modules"
finish
