# kho=off: the module refuses to load with one clear message.
# boot: 7.3
# append: kho=off
# checks: refused one-message says-why not-loaded
# warns: ^kexec handover is off in this kernel: boot with kho=on; 
check refused not load_module
check one-message test "$(module_msgs | wc -l)" = 1
check says-why sh -c "dmesg | grep -q 'pstore_kho: kexec handover is off in this kernel: boot with kho=on'"
check not-loaded not grep -q pstore_kho /proc/modules
finish
