# SPDX-License-Identifier: GPL-2.0-only
# Record ids across a power cycle, on the installed system: systemd-pstore
# archives by file name, and an id that repeats after a cold boot replaces
# an earlier boot's archive (seen with 0.1.0, whose ids restarted at the same
# value after every power-on). Run 1: boot 1 kexecs, boot 2 finds boot 1's
# log archived, powers off. Run 2 (QEMU started again on the same disk: a
# cold boot): boot 3 kexecs, boot 4 finds boot 3's log archived under a name
# of its own, and boot 1's archive still there, unchanged.
# checks: archived-{2,4} first-archive-kept names-differ
. /run/pkho-test/lib.sh
archive=/var/lib/systemd/pstore
case $boot in
1 | 3)
	marker="PKHO-MARKER-$boot-$(cat /proc/sys/kernel/random/uuid)"
	echo "$marker" >$state/marker-$boot
	sync
	echo "pkho-power-cycle: $marker" >/dev/kmsg
	kexec_self
	;;
2)
	check archived-2 grep -rqF "$(cat $state/marker-1)" $archive
	grep -rlF "$(cat $state/marker-1)" $archive >$state/first
	sha256sum $(cat $state/first) >$state/first.sum
	sync
	say "PKHO: run 1 ends: $(cat $state/first)"
	# The reboot ends QEMU (-no-reboot); the host starts it again on this
	# disk: a cold boot.
	say "PKHO-POWEROFF"
	sync
	systemctl --no-block reboot
	exit 0
	;;
4)
	check archived-4 grep -rqF "$(cat $state/marker-3)" $archive
	check first-archive-kept sha256sum -c --quiet $state/first.sum
	second=$(grep -rlF "$(cat $state/marker-3)" $archive)
	say "PKHO: archives: $(cat $state/first) then $second"
	check names-differ test "$second" != "$(cat $state/first)"
	done_
	;;
esac
