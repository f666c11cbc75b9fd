# SPDX-License-Identifier: GPL-2.0-only
# The whole system as installed by apt (tests/dkms/guest.sh): boot 1 checks
# that pstore_kho was loaded at boot by modprobe@pstore_kho.service, which
# the package's sysinit.target drop-in wants, ordered after efi_pstore;
# runs the package's autopkgtest `load` test for real, leaves a unique
# marker in the kernel log and kexecs with `systemctl kexec`. Boot 2: the
# marker must be in what systemd-pstore archived, and pstore must be empty
# again; then apt installing the package on this running system puts its
# units and drop-ins in effect at once (purged, systemd reloaded as on a
# system that never had it, installed: no daemon-reload or reboot by hand).
# checks: loaded-at-boot-{1,2} module-from-dkms boot-unit efi-pstore-first no-modules-load-error
# checks: purged-unknown units-active-after-install autopkgtest-load pstore-service-ran marker-archived pstore-erased
. /run/pkho-test/lib.sh
# units_known: systemd has the package's drop-ins and finalize unit loaded.
units_known() {
	systemctl show -P After systemd-pstore.service | grep -qw modprobe@pstore_kho.service &&
		systemctl show -P Wants sysinit.target | grep -qw modprobe@pstore_kho.service &&
		systemctl show -P Wants kexec.target | grep -qw pstore-kho-finalize.service &&
		[ "$(systemctl show -P NeedDaemonReload systemd-pstore.service)" = no ]
}
if [ "$boot" = 1 ]; then
	say "PKHO: boot 1, $(uname -r)"
	check loaded-at-boot-1 loaded
	check module-from-dkms sh -c 'modinfo -n pstore_kho | grep -q /updates/dkms/'
	# Loaded at boot by systemd's modprobe@.service, wanted by sysinit.target
	# through the package's drop-in (at boot the systemd-pstore drop-in wants
	# it too): it ran, and succeeded.
	check boot-unit sh -c 'systemctl show -P WantedBy modprobe@pstore_kho.service | grep -qw sysinit.target &&
		[ "$(systemctl show -P Result modprobe@pstore_kho.service)" = success ] &&
		[ "$(systemctl show -P ExecMainStartTimestampMonotonic modprobe@pstore_kho.service)" != 0 ]'
	check efi-pstore-first sh -c 'systemctl show -P After modprobe@pstore_kho.service | grep -qw modprobe@efi_pstore.service'
	# journalctl must answer: a failing one would otherwise read as no error.
	check no-modules-load-error sh -c "journalctl -b -p err -q >$state/errors.log && ! grep -i module $state/errors.log"
	# The package's own autopkgtest, `load` only (the host ran `build`), on a
	# module it must load itself. This is a whole machine, so the test's
	# isolation-machine restriction is met; the null runner cannot declare
	# that, hence --ignore-restrictions. -B: the package is installed already
	# and is taken as it is: reinstalling it would make dkms remove the test
	# kernel's only module, after which dkms deletes modules.dep as if the
	# kernel were gone.
	modprobe -r pstore_kho
	autopkgtest -B --ignore-restrictions=isolation-machine --test-name=load \
		/root/src/*.dsc -- null >$state/autopkgtest.log 2>&1
	st=$?
	grep -e '^PASS' -e '^FAIL' -e '^SKIP' -e '^load ' $state/autopkgtest.log | sed 's/^/PKHO-AUTOPKGTEST /'
	check autopkgtest-load sh -c "[ $st = 0 ] && grep -q '^load *PASS' $state/autopkgtest.log &&
		grep -q '^PASS: pstore_kho .* loaded in' $state/autopkgtest.log && ! grep -q '(at boot)' $state/autopkgtest.log"
	modprobe pstore_kho
	marker="PKHO-MARKER-$(cat /proc/sys/kernel/random/uuid)"
	echo "$marker" >$state/marker
	sync
	echo "pkho-kexec-test: $marker" >/dev/kmsg
	kexec_self
fi
marker=$(cat $state/marker)
say "PKHO: boot 2, $(uname -r)"
check loaded-at-boot-2 loaded
check pstore-service-ran sh -c 'systemctl show -P ExecMainStatus systemd-pstore.service | grep -qx 0 &&
	[ "$(systemctl show -P ConditionResult systemd-pstore.service)" = yes ]'
check marker-archived grep -rqF "$marker" /var/lib/systemd/pstore/
check pstore-erased sh -c '[ -z "$(ls /sys/fs/pstore/*-kho-* 2>/dev/null)" ]'
say "PKHO: archived: $(find /var/lib/systemd/pstore -type f | head -5 | tr '\n' ' ')"
# apt on a running system: the package's units are in effect at once. Last,
# as it removes the module. dkms's own switch /etc/dkms/no-autoinstall keeps
# the reinstall from compiling the module again under TCG (minutes); the
# package's postinst runs all the same.
touch /etc/dkms/no-autoinstall
apt-get purge -y -q pstore-kho-dkms >$state/purge.log 2>&1
systemctl daemon-reload
check purged-unknown sh -c '! systemctl show -P Wants sysinit.target | grep -qw modprobe@pstore_kho.service &&
	! systemctl show -P After systemd-pstore.service | grep -qw modprobe@pstore_kho.service'
apt-get install -y -q -o Dpkg::Use-Pty=0 /root/src/pstore-kho-dkms_*.deb >$state/install.log 2>&1
tail -2 $state/install.log | sed 's/^/PKHO: /'
check units-active-after-install units_known
say "PKHO: $(pstore-kho-check | grep -e '^.. *archive' -e '^.. *finalize')"
done_
