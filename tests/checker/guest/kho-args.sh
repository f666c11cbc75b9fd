# SPDX-License-Identifier: GPL-2.0-only
# pstore-kho-check on the 7.3 KHO kernel as KHO's command line goes wrong
# and is mended, one fix at a time, each applied by kexec'ing into the same
# kernel with what the checker's "do:" line says (--reuse-cmdline, so each
# boot keeps the words of the one before; the last kho_scratch= counts):
#   boot 1, no kho=on: KHO is off, the module refused to load: one problem
#     (the module not loaded is its consequence);
#   boot 2, kho=on and a kho_scratch= larger than the guest's memory: KHO
#     disabled itself at boot;
#   boot 3, a kho_scratch= that fits: everything in place.
# One guest of three boots rather than two of two: each systemd boot costs
# about a minute of CI's two cores under TCG.
# checks: kho-off kho-disabled-itself scratch scratch-fixed
# warns: ^kexec handover is off in this kernel
# kernel-says: Failed to reserve scratch area, disabling kexec handover
# The scratch asked for in boot 2 does not fit, by design: KHO says so at
# KERN_ERR before it disables itself (7.3).
# kernel-says: ^KHO: Failed to reserve lowmem scratch buffer$
. /run/pkho-test/lib.sh
. /run/pkho-test/checker-lib.sh
say "PKHO: boot $boot, $(uname -r), $(cat /proc/cmdline)"
case $boot in
1)
	checker kho-off
	check kho-off says 1 '^no  KHO: built in but off: the kernel command line has no kho=on' \
		'^    do: add kho=on to the kernel command line' \
		'^--  loaded: pstore_kho is not loaded; kernel log: .*pstore_kho: kexec handover is off' \
		'^no: .*\(1 problem\(s\) above\)'
	# No KHO, no handover, but kexec itself works.
	kexec_self "kho=on kho_scratch=1G,1G,1G"
	;;
2)
	check kho-disabled-itself sh -c 'dmesg | grep -q "Failed to reserve scratch area, disabling kexec handover"'
	checker scratch
	check scratch says 1 '^no  KHO: disabled itself at boot: its scratch area \(kho_scratch=1G,1G,1G\) could not be reserved' \
		'^    do: boot with a smaller kho_scratch=' '^no: '
	kexec_self "kho_scratch=16M,64M,64M"
	;;
esac
checker scratch-fixed
check scratch-fixed says 0 '^ok  KHO: on in .* \(kho=on\)' '^ok  loaded: pstore_kho' '^yes: '
done_
