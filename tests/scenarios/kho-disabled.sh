# KHO disabled itself at boot: the scratch size asked for cannot be
# reserved in this guest. The module refuses to load with one line saying
# what to boot with, both when KHO is off and when it could not reserve its
# scratch memory: it cannot tell the two apart without reading the kernel
# log, which "dmesg -c" or a full log buffer may have emptied (KHO's own
# message above it says which).
# append: kho_scratch=4G,4G,4G
# The scratch size asked for cannot be had: KHO says so at KERN_ERR, naming
# the area (7.0 on; 6.18 does not), and that it disables itself.
# kernel-says: ^KHO: Failed to reserve lowmem scratch buffer$
# kernel-says: ^KHO: Failed to reserve scratch area, disabling kexec handover$
# checks: refused one-message says-why not-loaded
# warns: ^kexec handover is off in this kernel: boot with kho=on; if it was on, KHO could not reserve its scratch memory
check refused not load_module
check one-message test "$(module_msgs | wc -l)" = 1
check says-why sh -c "dmesg | grep -q 'pstore_kho: kexec handover is off in this kernel: boot with kho=on; if it was on, KHO could not reserve its scratch memory at boot (its own message says so): give an explicit size, e.g. kho_scratch=16M,64M,64M'"
check not-loaded not grep -q pstore_kho /proc/modules
finish
