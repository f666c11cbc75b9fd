# SPDX-License-Identifier: GPL-2.0-only
# A UEFI guest (OVMF) on the 7.0 kernel configured as Ubuntu 26.04 ships it:
# KHO on by default, LUO built in, efi_pstore built in. Boot 1: efi_pstore
# took pstore first and the checker says to boot with pstore.backend=kho.
# That fix is applied (kexec with it appended) and boot 2 must have
# pstore_kho holding pstore; there pstore-kho-finalize refuses arguments it
# does not know without finalizing, the finalize that this kernel's KHO needs
# is checked both ways (its unit masked, then unmasked), a marker is left
# and systemctl kexec jumps. Boot 3: the marker was archived.
# checks: uefi-booted efi_pstore-holds-pstore efi-pstore kho-holds-pstore loaded-2 finalize-args finalize-masked all-in-place marker-archived previous-log
# warns: ^pstore is held by another backend: boot with pstore.backend=kho$
# By design, from the real serial log: efi_pstore holds pstore in boot 1, so
# pstore refuses kho there, and kho refuses efi_pstore in boot 2 after the
# fix; boot 1 finalized nothing (the module was refused), so the kexec into
# boot 2 carries no KHO data and 7.0 says so.
# kernel-says: ^pstore: backend 'efi_pstore' already in use: ignoring 'kho'$
# kernel-says: ^pstore: backend 'kho' already in use: ignoring 'efi_pstore'$
# kernel-says: ^KHO: disabling KHO revival$
. /run/pkho-test/lib.sh
. /run/pkho-test/checker-lib.sh
rel=$(uname -r)
backend() { cat /sys/module/pstore/parameters/backend; }
finalize_args_refused() {
	fin=/sys/kernel/debug/kho/out/finalize frozen=/sys/module/pstore_kho/parameters/frozen
	out=$(pstore-kho-finalize --help) || return 1
	say "PKHO: --help: $(echo "$out" | head -1)"
	echo "$out" | grep -q '^usage: pstore-kho-finalize \[--status\]' || return 1
	for a in -s --stauts "--status extra"; do
		# Unquoted: "--status extra" is two arguments.
		err=$(pstore-kho-finalize $a 2>&1 >/dev/null)
		st=$?
		say "PKHO: '$a': exit $st: $err"
		[ "$st" = 2 ] && [ "$(echo "$err" | wc -l)" = 1 ] && echo "$err" | grep -q 'unknown argument' || return 1
	done
	[ "$(cat $fin)" = 0 ] && [ "$(cat $frozen)" = N ]
}
if [ "$boot" = 1 ]; then
	say "PKHO: boot 1, $rel, $(cat /proc/cmdline)"
	check uefi-booted test -d /sys/firmware/efi
	check efi_pstore-holds-pstore test "$(backend)" = efi_pstore
	checker efi-pstore
	check efi-pstore says 1 '^no  pstore: held by efi_pstore, so pstore_kho cannot register' \
		'^    do: boot with pstore.backend=kho' '^no: '
	if kexec -s -l "/boot/vmlinuz-$rel" --reuse-cmdline --append=pstore.backend=kho; then
		systemctl --no-block kexec
		exit 0
	fi
	check kexec-load-1 false
	done_
fi
if [ "$boot" = 2 ]; then
	say "PKHO: boot 2, $(cat /proc/cmdline)"
	check kho-holds-pstore test "$(backend)" = kho
	check loaded-2 loaded
	say "PKHO: kho_api $(cat /sys/module/pstore_kho/parameters/kho_api)"
	# pstore-kho-finalize takes --status or nothing: --help shows its use,
	# anything else is refused in one line, and neither finalizes KHO nor
	# freezes the log.
	check finalize-args finalize_args_refused
	# The package enables the finalize unit statically; an admin can mask it.
	systemctl mask pstore-kho-finalize.service
	checker finalize-masked
	check finalize-masked says 1 '^no  finalize: this kernel hands over nothing unless KHO is finalized before the jump, and pstore-kho-finalize.service is masked' \
		'^    do: systemctl unmask pstore-kho-finalize.service'
	systemctl unmask pstore-kho-finalize.service
	checker all-in-place
	check all-in-place says 0 '^ok  KHO: on in .* \(on by default in this kernel\)' \
		'^ok  finalize: this kernel needs KHO finalized before the jump; pstore-kho-finalize.service does it on systemctl kexec' \
		'^ok  loaded: pstore_kho .* holds pstore' '^yes: '
	marker="PKHO-MARKER-$(cat /proc/sys/kernel/random/uuid)"
	echo "$marker" >$state/marker
	echo "pkho-checker-test: $marker" >/dev/kmsg
	sync
	kexec_self
fi
say "PKHO: boot 3, $(cat /proc/cmdline)"
check marker-archived grep -rqF "$(cat $state/marker)" /var/lib/systemd/pstore/
checker previous-log
check previous-log says 0 '^--  previous logs: 1 archived in /var/lib/systemd/pstore' '^yes: '
done_
