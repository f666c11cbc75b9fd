# pstore already has a backend (ramoops on a reserve_mem region): loading is
# refused with one message saying what to do, and nothing stays behind: the
# module is not loaded and has preserved nothing for the next kernel. The
# latter is measured over two more kexecs with the same command line and no
# load: MemTotal at boot in stage 2 shows what stage 1 preserved, in stage 3
# what stage 2, which never tried to load, preserved; they must be equal.
# boot: 7.3
# append: reserve_mem=1M:4096:oops ramoops.mem_name=oops
# timeout: 180
# checks: ramoops-registered refused says-why one-line not-loaded nothing-preserved
# warns: ^pstore is held by another backend: boot with pstore.backend=kho$
# pstore refuses the second backend, the very situation provoked here.
# kernel-says: ^pstore: backend 'ramoops' already in use: ignoring 'kho'$
# 7.0 (KHO on by default, its finalize left to whoever preserves): with the
# module refused, nothing finalizes KHO before the kexecs, and the next
# kernel finds no memory map in the handover and says so.
# kernel-says: ^KHO: disabling KHO revival$
RAMOOPS="reserve_mem=1M:4096:oops ramoops.mem_name=oops"
case $STAGE in
1)
	check ramoops-registered sh -c "dmesg | grep -q 'Registered ramoops as persistent store backend'"
	check refused not load_module
	check says-why sh -c "dmesg | grep -q 'pstore_kho: pstore is held by another backend: boot with pstore.backend=kho'"
	check one-line test "$(module_msgs | wc -l)" = 1
	check not-loaded not grep -q pstore_kho /proc/modules
	kexec_next "$KTAG" $RAMOOPS
	;;
2)
	kexec_next "$KTAG" $RAMOOPS pkho_mem=$BOOT_MEMTOTAL
	;;
3)
	say "MemTotal at boot: $(arg pkho_mem) kB after the refused load, $BOOT_MEMTOTAL kB after none"
	check nothing-preserved mem_same "$BOOT_MEMTOTAL" "$(arg pkho_mem)"
	finish
	;;
esac
