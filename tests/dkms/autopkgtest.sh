#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The package's autopkgtest (debian/tests/), run by trixie's autopkgtest in
# the trixie root with the null runner, from the source package and the
# .deb copied to /debs/src. `load` needs a whole machine (isolation-machine):
# the chroot is not one, autopkgtest skips it here and the systemd guest
# runs it. Prints one PASS/FAIL line.
#
#   autopkgtest.sh ROOT build "RELEASE..."   KHO headers installed: `build` must
#                                           pass, having built for each RELEASE
#   autopkgtest.sh ROOT skip ""              no KHO headers: `build` must skip,
#                                           saying why
#   autopkgtest.sh ROOT dkms "RELEASE..."    the dkms test autodep8 generates
#                                           from Testsuite: autopkgtest-pkg-dkms
#                                           (Debian's CI runs it beside ours):
#                                           it must pass, skipping each RELEASE
#                                           (stock kernels, BUILD_EXCLUSIVE)
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
root=$1 mode=$2 rels=$3
cache=${PSTORE_KHO_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pstore-kho}
out=$top/tests/out/dkms
name=autopkgtest-$mode
log=$out/$name.log
in_root() { "$here/chroot.sh" "$root" "$cache/dkms/apt-archives" "$@"; }
if ! in_root apt-get install -y -q -o Dpkg::Use-Pty=0 autopkgtest >"$out/$name-install.log" 2>&1; then
	echo "FAIL  $name: apt install autopkgtest failed: $(tail -3 "$out/$name-install.log" | paste -sd' ')"
	exit 0
fi
if [ "$mode" = dkms ]; then
	# autodep8 reads the Testsuite field of the unpacked source; its test
	# breaks the testbed (it disables autoinstall), this root is thrown away.
	in_root sh -c 'apt-get install -y -q -o Dpkg::Use-Pty=0 autodep8 dctrl-tools >/dev/null &&
		rm -rf /tmp/ad8 && mkdir /tmp/ad8 && dpkg-source -x /debs/src/*.dsc /tmp/ad8/src >/dev/null &&
		autodep8 /tmp/ad8/src >/tmp/ad8/control && cat /tmp/ad8/control &&
		autopkgtest --override-control=/tmp/ad8/control --ignore-restrictions=breaks-testbed \
			/debs/src/*.dsc /debs/src/*.deb -- null' >"$log" 2>&1
else
	in_root sh -c 'autopkgtest /debs/src/*.dsc /debs/src/*.deb -- null' >"$log" 2>&1
fi
st=$?
# The summary: "build PASS", "load SKIP Test needs isolation-machine ...".
summary=$(sed -n '/@@@@ summary/,$p' "$log" | grep -E '^(build|load|dkms-autopkgtest) ' | tr -s ' ' | sort -u | paste -sd';')
case $mode in
build)
	missing=
	for r in $rels; do
		grep -q "^pstore-kho/.*: built and installed for $r: " "$log" || missing="$missing $r"
	done
	if ! echo "$summary" | tr ';' '\n' | grep -q '^build PASS'; then
		echo "FAIL  $name: autopkgtest exit $st, summary: $summary; $(grep -m3 -e '^FAIL' -e 'E: ' "$log" | paste -sd' ')"
	elif [ -n "$missing" ]; then
		echo "FAIL  $name: no build for:$missing"
	else
		echo "PASS  $name  (autopkgtest exit $st: $summary; built and installed for $rels)"
	fi ;;
dkms)
	missing=
	for r in $rels; do
		grep -q "^I: SKIP pstore-kho/[^ ]* $r\$" "$log" || missing="$missing $r"
	done
	if ! grep -q '^Test-Command: /usr/lib/dkms/dkms-autopkgtest' "$log"; then
		echo "FAIL  $name: autodep8 generated no dkms test (Testsuite: autopkgtest-pkg-dkms in debian/control?)"
	elif ! echo "$summary" | tr ';' '\n' | grep -q '^dkms-autopkgtest PASS'; then
		echo "FAIL  $name: autopkgtest exit $st, summary: $summary; $(grep -m3 -e '^E: ' -e 'FAIL' "$log" | paste -sd' ')"
	elif [ -n "$missing" ]; then
		echo "FAIL  $name: no skip reported for:$missing"
	else
		echo "PASS  $name  (autodep8's dkms-autopkgtest: $summary; skipped $(echo $rels | wc -w) stock kernels (BUILD_EXCLUSIVE))"
	fi ;;
skip)
	why=$(grep -m1 '^SKIP: no installed kernel headers have CONFIG_KEXEC_HANDOVER=y' "$log")
	if ! echo "$summary" | tr ';' '\n' | grep -q '^build SKIP'; then
		echo "FAIL  $name: autopkgtest exit $st, summary: $summary"
	elif [ -z "$why" ]; then
		echo "FAIL  $name: build skipped without saying why"
	else
		echo "PASS  $name  (summary: $summary; $why)"
	fi ;;
esac
