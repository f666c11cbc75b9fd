# SPDX-License-Identifier: GPL-2.0-only
# The 6.18 KHO kernel (the 2025 LTS) with kho=on: its KHO gives the next
# kernel only what was finalized before that kernel was loaded. Boot 1: a
# kernel loaded first, the checker says to finalize and load again; that is
# done, the checker is content, a marker is left and systemctl kexec jumps.
# Boot 2: the marker was archived.
# checks: loaded-too-early finalized marker-archived previous-log
. /run/pkho-test/lib.sh
. /run/pkho-test/checker-lib.sh
rel=$(uname -r)
if [ "$boot" = 1 ]; then
	say "PKHO: boot 1, $rel, kho_api $(cat /sys/module/pstore_kho/parameters/kho_api)"
	marker="PKHO-MARKER-$(cat /proc/sys/kernel/random/uuid)"
	echo "$marker" >$state/marker
	echo "pkho-checker-test: $marker" >/dev/kmsg
	kexec -s -l "/boot/vmlinuz-$rel" --reuse-cmdline
	checker loaded-too-early
	check loaded-too-early says 1 '^no  finalize: a kernel is loaded for kexec but KHO was not finalized before' \
		'^    do: pstore-kho-finalize, then load the kernel again'
	# What the do: line says. pstore-kho-finalize itself fails here, saying
	# the kernel loaded before must be loaded again.
	pstore-kho-finalize
	kexec -s -l "/boot/vmlinuz-$rel" --reuse-cmdline
	checker finalized
	check finalized says 0 '^ok  finalize: KHO is finalized' '^yes: '
	sync
	say "PKHO: kexec"
	systemctl --no-block kexec
	exit 0
fi
say "PKHO: boot 2, $rel"
check marker-archived grep -rqF "$(cat $state/marker)" /var/lib/systemd/pstore/
checker previous-log
check previous-log says 0 '^--  previous logs: 1 archived in /var/lib/systemd/pstore' '^yes: '
done_
