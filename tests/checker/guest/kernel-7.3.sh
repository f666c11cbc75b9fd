# SPDX-License-Identifier: GPL-2.0-only
# pstore-kho-check on the 7.3 KHO kernel booted with kho=on, the module built
# by dkms: all in place, then one fault at a time made real and undone by
# what the checker's "do:" line says: the module unloaded, systemd-pstore's
# drop-in masked, Storage=none, a next kernel (7.2) whose headers are not
# installed; a next kernel's image that is not there is a usage error. Then systemctl kexec, and in boot 2 the checker says where the
# previous log went.
# checks: all-in-place not-loaded{,-fixed} pstore-unordered{,-fixed} storage-none{,-fixed}
# checks: next-unnamed next-missing-image next-no-headers next-headers-installed next-no-headers-fixed previous-log marker-archived
. /run/pkho-test/lib.sh
. /run/pkho-test/checker-lib.sh
rel=$(uname -r)
if [ "$boot" = 1 ]; then
	say "PKHO: boot 1, $rel"
	checker all-in-place
	check all-in-place says 0 '^ok  KHO: on in .* \(kho=on\)' '^ok  module: pstore_kho .* is built for' \
		'^ok  finalize: not needed' '^ok  loaded: pstore_kho .* holds pstore' \
		'^ok  archive: systemd-pstore runs after pstore_kho' '^--  next kernel: none loaded yet' '^yes: '

	modprobe -r pstore_kho
	checker not-loaded
	check not-loaded says 1 '^no  loaded: pstore_kho is not loaded' '^    do: modprobe pstore_kho$' '^no: '
	modprobe pstore_kho
	checker not-loaded-fixed
	check not-loaded-fixed says 0

	mkdir -p /etc/systemd/system/systemd-pstore.service.d
	ln -s /dev/null /etc/systemd/system/systemd-pstore.service.d/pstore-kho.conf
	systemctl daemon-reload
	checker pstore-unordered
	check pstore-unordered says 1 '^no  archive: systemd-pstore is not ordered after pstore_kho' \
		'^    do: /etc/systemd/system/systemd-pstore.service.d/pstore-kho.conf overrides the package.s drop-in: remove it'
	rm /etc/systemd/system/systemd-pstore.service.d/pstore-kho.conf
	systemctl daemon-reload
	checker pstore-unordered-fixed
	check pstore-unordered-fixed says 0

	mkdir -p /etc/systemd/pstore.conf.d
	printf '[PStore]\nStorage=none\n' >/etc/systemd/pstore.conf.d/pkho-test.conf
	checker storage-none
	check storage-none says 1 '^no  archive: systemd-pstore is set to Storage=none' '^    do: set Storage=external'
	rm /etc/systemd/pstore.conf.d/pkho-test.conf
	checker storage-none-fixed
	check storage-none-fixed says 0

	# The 7.2 kernel is installed without its headers: dkms could not build.
	rel72=$(cd /lib/modules && ls -d 7.2.* | head -1)
	kexec -s -l "/boot/vmlinuz-$rel72" --reuse-cmdline
	checker next-unnamed
	check next-unnamed says 0 '^--  next kernel: one is loaded; the kernel cannot tell which'
	# A mistyped image is an error, not the release "/boot/vmlinuz-...".
	checker next-missing-image /boot/vmlinuz-not-there
	check next-missing-image says 2 '^pstore-kho-check: no kernel image /boot/vmlinuz-not-there'
	checker next-no-headers "/boot/vmlinuz-$rel72"
	check next-no-headers says 1 "^no  next kernel: no pstore_kho for $rel72: its headers are not installed" \
		"^    do: install them .*linux-headers-$rel72.*then: dkms autoinstall -k $rel72\$"
	# What the do: line says, with the headers .deb bindeb-pkg made. dkms
	# built pstore_kho for 7.2 when the image was made, before its headers
	# were removed (tests/dkms/image.sh): the autoinstall here installs
	# that build instead of compiling for minutes under TCG.
	dpkg -i /root/debs/linux-headers-"$rel72"_*.deb >$state/headers.log 2>&1 &&
		dkms autoinstall -k "$rel72" >>$state/headers.log 2>&1
	check next-headers-installed test $? = 0
	tail -3 $state/headers.log | sed 's/^/PKHO: /'
	checker next-no-headers-fixed "/boot/vmlinuz-$rel72"
	check next-no-headers-fixed says 0 "^ok  next kernel: $rel72 has pstore_kho"

	marker="PKHO-MARKER-$(cat /proc/sys/kernel/random/uuid)"
	echo "$marker" >$state/marker
	echo "pkho-checker-test: $marker" >/dev/kmsg
	sync
	kexec_self
fi
say "PKHO: boot 2, $rel"
checker previous-log
check previous-log says 0 '^--  previous logs: 1 archived in /var/lib/systemd/pstore, newest /var/lib/systemd/pstore/[^ ]*kho' '^yes: '
check marker-archived grep -rqF "$(cat $state/marker)" /var/lib/systemd/pstore/
done_
