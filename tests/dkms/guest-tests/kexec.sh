# SPDX-License-Identifier: GPL-2.0-only
# The whole system as installed by apt (tests/dkms/guest.sh): boot 1 checks
# that pstore_kho was loaded at boot through the package's generator and
# modules-load.d, runs the package's autopkgtest `load` test for real, leaves
# a unique marker in the kernel log and kexecs with `systemctl kexec`. Boot 2:
# the marker must be in what systemd-pstore archived, and pstore must be
# empty again.
# checks: loaded-at-boot-{1,2} module-from-dkms generator-entry modules-load-d no-modules-load-error
# checks: autopkgtest-load pstore-service-ran marker-archived pstore-erased
. /run/pkho-test/lib.sh
if [ "$boot" = 1 ]; then
	say "PKHO: boot 1, $(uname -r)"
	check loaded-at-boot-1 loaded
	check module-from-dkms sh -c 'modinfo -n pstore_kho | grep -q /updates/dkms/'
	# The generator wrote the modules-load.d entry for this kernel, and that
	# entry on its own loads the module (at boot, modprobe@pstore_kho from the
	# systemd-pstore drop-in may have been first).
	check generator-entry grep -qx pstore_kho /run/modules-load.d/pstore-kho.conf
	check modules-load-d sh -c 'modprobe -r pstore_kho && ! grep -q "^pstore_kho " /proc/modules &&
		/usr/lib/systemd/systemd-modules-load && grep -q "^pstore_kho " /proc/modules'
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
done_
