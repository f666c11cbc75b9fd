# pstore already has a backend (ramoops on a reserve_mem region): loading is
# refused with one message saying what to do, and nothing stays behind.
# boot: 7.3
# append: reserve_mem=1M:4096:oops ramoops.mem_name=oops
check ramoops-registered sh -c "dmesg | grep -q 'Registered ramoops as persistent store backend'"
kept0=$(preserved_bytes)
check refused not load_module
check says-why sh -c "dmesg | grep -q 'pstore_kho: pstore is held by another backend: boot with pstore.backend=kho'"
check one-line test "$(module_msgs | wc -l)" = 1
check not-loaded not grep -q pstore_kho /proc/modules
check nothing-preserved test "$(preserved_bytes)" = "$kept0"
finish
