# KHO disabled itself at boot: the scratch size asked for cannot be
# reserved in this guest. The module refuses to load with one line saying
# so and what to boot with.
# append: kho_scratch=4G,4G,4G
# The scratch size asked for cannot be had: KHO says so at KERN_ERR, naming
# the area (7.0 on; 6.18 does not), and that it disables itself.
# kernel-says: ^KHO: Failed to reserve lowmem scratch buffer$
# kernel-says: ^KHO: Failed to reserve scratch area, disabling kexec handover$
# checks: refused one-message says-why not-loaded
# warns: ^kexec handover disabled itself at boot: 
check refused not load_module
check one-message test "$(module_msgs | wc -l)" = 1
check says-why sh -c "dmesg | grep -q 'pstore_kho: kexec handover disabled itself at boot: its scratch memory could not be reserved; boot with an explicit size, e.g. kho_scratch=16M,64M,64M'"
check not-loaded not grep -q pstore_kho /proc/modules
finish
