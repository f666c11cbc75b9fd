# SPDX-License-Identifier: GPL-2.0-only
# pstore-kho-check on the 7.3 KHO kernel booted with kho=on and a kho_scratch=
# larger than the guest's memory: KHO disabled itself at boot. The fix the
# checker gives, a kho_scratch= that fits, is then applied by kexec'ing into
# the same kernel with it (the last kho_scratch= counts).
# checks: kho-disabled-itself scratch scratch-fixed
# kernel-says: Failed to reserve scratch area, disabling kexec handover
# The scratch asked for does not fit, by design: KHO says so at KERN_ERR
# before it disables itself (7.3).
# kernel-says: ^KHO: Failed to reserve lowmem scratch buffer$
# warns: ^kexec handover is off in this kernel
. /run/pkho-test/lib.sh
. /run/pkho-test/checker-lib.sh
if [ "$boot" = 1 ]; then
	say "PKHO: boot 1, $(uname -r), $(cat /proc/cmdline)"
	check kho-disabled-itself sh -c 'dmesg | grep -q "Failed to reserve scratch area, disabling kexec handover"'
	checker scratch
	check scratch says 1 '^no  KHO: disabled itself at boot: its scratch area \(kho_scratch=1G,1G,1G\) could not be reserved' \
		'^    do: boot with a smaller kho_scratch=' '^no: '
	if kexec -s -l "/boot/vmlinuz-$(uname -r)" --reuse-cmdline --append=kho_scratch=16M,64M,64M; then
		systemctl --no-block kexec
		exit 0
	fi
	check kexec-load false
	done_
fi
say "PKHO: boot 2, $(cat /proc/cmdline)"
checker scratch-fixed
check scratch-fixed says 0 '^ok  KHO: on in' '^ok  loaded: pstore_kho' '^yes: '
done_
