#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# What the .deb and the .rpm install: the module source exactly as
# packaging/src-files names it plus dkms.conf, the documentation (README,
# the design and ABI notes, the licence), the checker and its man page, the
# boot-time loading (a sysinit.target drop-in), the modprobe.d and
# systemd-pstore files, and no /usr/lib/modules-load.d entry or generator.
# COPYING is the GPL-2.0 text. Prints one PASS/FAIL line each.
#
#   contents.sh DEB RPM      (either may be empty: not built)
#
# The finalize tool and its unit (pstore-kho-finalize*) are checked too: the
# static kexec.target.wants link is what enables the unit.
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
deb=$1 rpm=$2
version=$(cat "$top/VERSION")
src=$(cd "$top" && grep -v -e '^#' -e '^$' packaging/src-files | while read -r p; do ls -d $p; done |
	sed "s|^|usr/src/pstore-kho-$version/|"; echo "usr/src/pstore-kho-$version/dkms.conf")
common="usr/sbin/pstore-kho-check usr/sbin/pstore-kho-finalize usr/lib/systemd/system/pstore-kho-finalize.service
	usr/lib/systemd/system/kexec.target.wants/pstore-kho-finalize.service usr/lib/systemd/system/sysinit.target.d/pstore-kho.conf
	usr/lib/systemd/system/modprobe@pstore_kho.service.d/pstore-kho.conf
	usr/lib/modprobe.d/pstore-kho.conf usr/lib/systemd/system/systemd-pstore.service.d/pstore-kho.conf
	usr/lib/dracut/dracut.conf.d/50-pstore-kho.conf"
# check NAME FILE-LIST REQUIRED...: every required path is in the list, the
# /usr/src part is exactly the source list, no modules-load.d entry.
check() {
	local name=$1 list=$2 p missing= extra
	shift 2
	for p in $common "$@"; do
		echo "$list" | grep -qx "$p" || missing="$missing $p"
	done
	extra=$(diff <(echo "$list" | grep '^usr/src/' | sort) <(echo "$src" | sort) | grep '^[<>]' | paste -sd' ')
	if [ -n "$missing" ]; then
		echo "FAIL  $name: missing:$missing"
	elif [ -n "$extra" ]; then
		echo "FAIL  $name: /usr/src differs from packaging/src-files: $extra"
	elif echo "$list" | grep -q -e modules-load.d -e system-generators; then
		echo "FAIL  $name: ships $(echo "$list" | grep -e modules-load.d -e system-generators | paste -sd' ')"
	else
		echo "PASS  $name  ($(echo "$list" | wc -l) files: docs, licence, man pages, checker, units and drop-ins; /usr/src as packaging/src-files ($(echo "$src" | wc -l) files))"
	fi
}
if [ -n "$deb" ]; then
	list=$(dpkg-deb --fsys-tarfile "$deb" | tar -t | sed 's|^\./||' | grep -v '/$')
	check deb-contents "$list" usr/share/doc/pstore-kho-dkms/README.md.gz usr/share/doc/pstore-kho-dkms/design.md.gz \
		usr/share/doc/pstore-kho-dkms/abi.md.gz usr/share/doc/pstore-kho-dkms/copyright \
		usr/share/man/man8/pstore-kho-check.8.gz usr/share/man/man8/pstore-kho-finalize.8.gz
else
	echo "FAIL  deb-contents: no .deb"
fi
if [ -n "$rpm" ]; then
	list=$(rpm -qp --qf '[%{FILEMODES:perms} %{FILENAMES}\n]' "$rpm" 2>/dev/null | grep -v '^d' | sed 's|^[^ ]* /||')
	doc=usr/share/doc/pstore-kho-dkms-$version lic=usr/share/licenses/pstore-kho-dkms-$version
	# Fedora's rpm names them without the version; Debian's rpm with.
	echo "$list" | grep -q "^usr/share/doc/pstore-kho-dkms/" && doc=usr/share/doc/pstore-kho-dkms lic=usr/share/licenses/pstore-kho-dkms
	check rpm-contents "$list" $doc/README.md $doc/design.md $doc/abi.md $lic/COPYING \
		usr/share/man/man8/pstore-kho-check.8.gz usr/share/man/man8/pstore-kho-finalize.8.gz
else
	echo "FAIL  rpm-contents: no .rpm"
fi
if cmp -s "$top/COPYING" /usr/share/common-licenses/GPL-2; then
	echo "PASS  licence  (COPYING is the text of the GPL version 2, as /usr/share/common-licenses/GPL-2; debian/copyright and the spec say GPL-2.0-only)"
else
	echo "FAIL  licence: COPYING is not the GPL-2.0 text of /usr/share/common-licenses/GPL-2"
fi
