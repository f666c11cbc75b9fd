# KHO disabled itself at boot: the scratch size asked for cannot be
# reserved in this guest. The module refuses to load with one line saying
# so and what to boot with.
# append: kho_scratch=4G,4G,4G
# kernel-says: Failed to reserve scratch area, disabling kexec handover
# checks: refused one-message says-why not-loaded
# warns: ^kexec handover disabled itself at boot: 
check refused not load_module
check one-message test "$(module_msgs | wc -l)" = 1
check says-why sh -c "dmesg | grep -q 'pstore_kho: kexec handover disabled itself at boot: its scratch memory could not be reserved; boot with an explicit size, e.g. kho_scratch=16M,64M,64M'"
check not-loaded not grep -q pstore_kho /proc/modules
finish
