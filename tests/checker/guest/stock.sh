# SPDX-License-Identifier: GPL-2.0-only
# Debian's own kernel (KHO off), which dkms skipped: pstore-kho-check says so
# in plain words, as one problem (the module dkms skipped is its
# consequence, not a second one). Boot-time loading: modprobe@pstore_kho
# ran (the package's sysinit.target drop-in) and found nothing, quietly: the
# boot logged no error about pstore_kho. For the record, measured on the
# same boot: an entry like the one the package first shipped in
# /usr/lib/modules-load.d makes systemd-modules-load log "Failed to find
# module" at error priority here.
# checks: stock boot-unit-quiet no-error-at-boot entry-logs-error
. /run/pkho-test/lib.sh
. /run/pkho-test/checker-lib.sh
rel=$(uname -r)
# The release as a regular expression: 6.12.117+deb13-amd64 has a '+'.
rel_re=$(printf '%s' "$rel" | sed 's/[.+]/\\&/g')
say "PKHO: boot 1, $rel"
checker stock
check stock says 1 "^no  KHO: kernel $rel_re is built without CONFIG_KEXEC_HANDOVER=y" \
	"^--  module: dkms skipped $rel_re, as every kernel built without CONFIG_KEXEC_HANDOVER=y \(a skip, not an error\)" \
	'^no: .*\(1 problem\(s\) above\)'
check boot-unit-quiet sh -c '[ "$(systemctl show -P Result modprobe@pstore_kho.service)" = success ] &&
	[ "$(systemctl show -P ExecMainStartTimestampMonotonic modprobe@pstore_kho.service)" != 0 ] &&
	! grep -q "^pstore_kho " /proc/modules'
check no-error-at-boot sh -c '! journalctl -b -q -p err | grep -i pstore'
printf '# the entry pstore-kho-dkms 0.1.0 shipped in /usr/lib/modules-load.d\npstore_kho\n' >/etc/modules-load.d/pkho-measure.conf
systemctl restart systemd-modules-load.service
line=$(journalctl -b -q -p err -o cat -u systemd-modules-load.service | grep -F "Failed to find module 'pstore_kho'")
say "PKHO: with a modules-load.d entry: <err> $line"
check entry-logs-error test -n "$line"
rm /etc/modules-load.d/pkho-measure.conf
done_
