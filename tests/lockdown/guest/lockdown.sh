# SPDX-License-Identifier: GPL-2.0-only
# The lockdown lane: the 7.0 kernel (KHO on by default, LUO built in, KHO's
# finalize API) booted with lockdown=integrity, as Secure Boot does, in the
# systemd guest where apt installed the package. The test disk brings the
# kernel image signed with the kernel's build key (sbsign) and the module
# as dkms signs it with that key (tests/lockdown/signed.sh).
# Boot 1 (no liveupdate=): the module dkms built with its own key is refused
# (pstore-kho-check says to have dkms sign it with a trusted key), the one
# signed with the kernel's key loads; pstore-kho-finalize refuses in
# one line, naming lockdown and liveupdate=on, and fails; pstore-kho-check
# reports the lockdown and that fix; an unsigned image cannot be loaded, the
# signed one can: the fix is applied by a kexec with liveupdate=on.
# Boot 2: LUO finalizes; the module loaded at boot; the checker says yes; a
# marker, then systemctl kexec. Boot 3: the marker was archived; another,
# then a plain kexec -s -l and kexec -e. Boot 4: that one was archived too.
# checks: lockdown-on module-untrusted-refused checker-unsigned module-signed-loads finalize-refused checker-lockdown
# checks: unsigned-image-refused luo-on loaded-at-boot-2 finalize-luo checker-luo
# checks: systemctl-kexec-carried plain-kexec-carried
# By design: boot 1 cannot finalize (lockdown refuses the debugfs write and
# liveupdate= is not on yet), so the kexec that applies the fix carries no
# KHO data and boot 2's 7.0 says so (real serial log).
# kernel-says: ^KHO: disabling KHO revival$
. /run/pkho-test/lib.sh
. /run/pkho-test/checker-lib.sh
rel=$(uname -r)
img=/run/pkho-test/bzImage.signed
# The lockdown mode: securityfs says, where the kernel has it; the 7.0 test
# kernel has no CONFIG_SECURITYFS, there the kernel's own boot line does.
lockdown() {
	if [ -r /sys/kernel/security/lockdown ]; then
		sed -n 's/.*\[\(.*\)\].*/\1/p' /sys/kernel/security/lockdown
	elif dmesg | grep -q 'Kernel is locked down from command line'; then
		tr ' ' '\n' </proc/cmdline | sed -n 's/^lockdown=//p' | tail -1
	fi
}
# finalize_refused: one line, exit status not 0, naming lockdown and the fix;
# and KHO not finalized, the log not frozen.
finalize_refused() {
	out=$(pstore-kho-finalize 2>&1)
	st=$?
	say "PKHO: pstore-kho-finalize: exit $st: $out"
	[ "$st" != 0 ] && [ "$(printf '%s\n' "$out" | wc -l)" = 1 ] &&
		printf '%s\n' "$out" | grep -q 'locked down' && printf '%s\n' "$out" | grep -q 'liveupdate=on' &&
		[ "$(cat /sys/module/pstore_kho/parameters/frozen)" = N ]
}
# mark N: a line of this boot's log that the next kernel must show.
mark() {
	marker="PKHO-MARKER-$1-$(cat /proc/sys/kernel/random/uuid)"
	echo "$marker" >$state/marker-$1
	sync
	echo "pkho-lockdown-test: $marker" >/dev/kmsg
}
archived() { grep -rqF "$(cat $state/marker-$1)" /var/lib/systemd/pstore/; }
case $boot in
1)
	say "PKHO: boot 1, $rel, $(cat /proc/cmdline), lockdown: $(lockdown)"
	check lockdown-on test "$(lockdown)" = integrity
	# Built into the image by dkms with its own key (/var/lib/dkms/mok.key),
	# which this kernel does not trust.
	check module-untrusted-refused sh -c '! grep -q "^pstore_kho " /proc/modules && ! modprobe pstore_kho 2>/dev/null'
	checker unsigned
	check checker-unsigned says 1 '^no  loaded: pstore_kho is not loaded; under lockdown the kernel loads only modules signed' \
		'^    do: have dkms sign it with a trusted key'
	rm -f "/lib/modules/$rel/updates/dkms/"pstore_kho.ko*
	install -m644 /run/pkho-test/pstore_kho.ko "/lib/modules/$rel/updates/dkms/pstore_kho.ko"
	depmod "$rel"
	say "PKHO: signer $(modinfo -F signer pstore_kho)"
	check module-signed-loads sh -c 'modprobe pstore_kho && grep -q "^pstore_kho " /proc/modules'
	check finalize-refused finalize_refused
	checker lockdown
	check checker-lockdown says 1 '^--  lockdown: the kernel is locked down \(integrity' \
		'^no  finalize: .* lockdown \(integrity\) refuses the debugfs write' '^    do: boot with liveupdate=on'
	check unsigned-image-refused sh -c "! kexec -s -l /boot/vmlinuz-$rel --reuse-cmdline 2>/dev/null"
	# What the checker says to do, with the signed image.
	if ! kexec -s -l $img --reuse-cmdline --append=liveupdate=on; then
		check signed-image-loads false
		done_
	fi
	systemctl --no-block kexec
	exit 0 ;;
2)
	say "PKHO: boot 2, $(cat /proc/cmdline), lockdown: $(lockdown)"
	check luo-on grep -qw liveupdate=on /proc/cmdline
	check loaded-at-boot-2 loaded
	check finalize-luo sh -c 'pstore-kho-finalize | grep -q "nothing to do: LUO finalizes KHO"'
	checker luo
	check checker-luo says 0 '^ok  finalize: .*LUO does it' '^ok  loaded: pstore_kho' '^yes: '
	mark 2
	kexec -s -l $img --reuse-cmdline || { check signed-image-loads false; done_; }
	say "PKHO: systemctl kexec"
	systemctl --no-block kexec
	exit 0 ;;
3)
	say "PKHO: boot 3, lockdown: $(lockdown)"
	check systemctl-kexec-carried archived 2
	mark 3
	kexec -s -l $img --reuse-cmdline || { check signed-image-loads false; done_; }
	say "PKHO: kexec -e"
	sync
	kexec -e
	check kexec-e false
	done_ ;;
*)
	say "PKHO: boot $boot, lockdown: $(lockdown)"
	check plain-kexec-carried archived 3
	done_ ;;
esac
