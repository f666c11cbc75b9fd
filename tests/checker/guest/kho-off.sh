# SPDX-License-Identifier: GPL-2.0-only
# pstore-kho-check on the 7.3 KHO kernel booted without kho=on: KHO is off,
# the module refused to load: one problem (the module not loaded is its
# consequence). The fix the checker gives, kho=on, is then
# applied by kexec'ing into the same kernel with it: everything in place.
# checks: kho-off kho-on
# warns: ^kexec handover is off in this kernel: boot with kho=on$
. /run/pkho-test/lib.sh
. /run/pkho-test/checker-lib.sh
if [ "$boot" = 1 ]; then
	say "PKHO: boot 1, $(uname -r), $(cat /proc/cmdline)"
	checker kho-off
	check kho-off says 1 '^no  KHO: built in but off: the kernel command line has no kho=on' \
		'^    do: add kho=on to the kernel command line' \
		'^--  loaded: pstore_kho is not loaded; kernel log: .*pstore_kho: kexec handover is off' \
		'^no: .*\(1 problem\(s\) above\)'
	# No KHO, no handover, but kexec itself works.
	if kexec -s -l "/boot/vmlinuz-$(uname -r)" --reuse-cmdline --append=kho=on; then
		systemctl --no-block kexec
		exit 0
	fi
	check kexec-load false
	done_
fi
say "PKHO: boot 2, $(cat /proc/cmdline)"
checker kho-on
check kho-on says 0 '^ok  KHO: on in .* \(kho=on\)' '^ok  loaded: pstore_kho' '^yes: '
done_
