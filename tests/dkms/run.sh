#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The packages and the DKMS path, for real: build the .deb and the .rpm
# (bookworm's lintian, trixie's lintian, rpmlint), check what they install,
# then in a fresh Debian trixie root install the KHO test kernels' headers
# (.debs made by bindeb-pkg) and our .deb, and check that dkms builds for KHO
# kernels, skips Debian's stock kernels (KHO off) without an error, that the
# package's autopkgtest builds, that dracut leaves the module out of the
# initramfs, and that purging removes the module everywhere; the rpm's
# scriptlets through install, reinstall, release bump, upgrade and erase;
# and the systemd guests' image (image.sh), which guest.sh, tests/checker/
# and tests/lockdown/ boot (make check boots them while the tests after the
# image run). Prints one
# PASS/FAIL/SKIP line per test.
#
# A SKIP only for what this machine cannot change: Debian no longer offering
# a package ("not-offered", SKIP_REASONS in tests/lib.sh). Anything else that stops a test, mmdebstrap, apt or a kernel
# .deb failing, is a FAIL, and so is every test it kept from running. The
# exit status is 1 when any FAIL line was printed.
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
cache=${PSTORE_KHO_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pstore-kho}
out=$top/tests/out/dkms
rm -rf "$out"
mkdir -p "$out"
# The guests' image for make check (see the guest-image step below); an
# empty file if the script ends before it.
GUEST_IMAGE_FILE=$out/guest-image
trap '[ -e "$GUEST_IMAGE_FILE" ] || : >"$GUEST_IMAGE_FILE"' EXIT
version=$(cat "$top/VERSION")
. "$top/tests/lib.sh" >/dev/null
finish() { [ "$FAILED" = 0 ]; exit; }
# The tests still to come, each a FAIL when a step they need failed.
later="kernel-debs kernel-tree-untouched root-trixie apt-update dkms-install-7.3 dkms-autoinstall-7.2
	dkms-autoinstall-7.0 dkms-autoinstall-6.18
	dkms-layout-debian-trixie dkms-layout-no-pages-trixie dkms-layout-ubuntu-trixie
	bookworm-dkms-floor dkms-3.0.10-layout-debian dkms-3.0.10-layout-ubuntu dkms-3.0.10-skip-no-pages
	dkms-3.0.10-skip-stock dkms-3.0.10-autoinstall-skip kexec-tools-bookworm checker-kexec-tools-bookworm
	autopkgtest-build dkms-skip-stock-7.3 dkms-skip-stock-7.2 dkms-skip-stock-6.12 kbuild-refusal
	initramfs-no-copy rpm-install rpm-reinstall rpm-release-bump rpm-upgrade rpm-erase guest-image
	dkms-purge autopkgtest-skip"
done_() { # NAME...: these ran (or were reported)
	local n
	for n; do later=$(echo $later | tr ' ' '\n' | grep -vx "$n" | paste -sd' '); done
}
fail_later() { # WHY: every test not run yet fails for WHY; then stop
	local n
	for n in $later; do t_fail "$n" "not run: $1"; done
	finish
}

# --- the one version: VERSION, debian/changelog, the spec; dkms.conf's placeholder
debver=$(dpkg-parsechangelog -l "$top/debian/changelog" -S Version)
specver=$(sed -n 's/^Version: *//p' "$top/rpm/pstore-kho-dkms.spec")
if [ "$debver" = "$version" ] && [ "$specver" = "$version" ] &&
	grep -qx 'PACKAGE_VERSION="#MODULE_VERSION#"' "$top/dkms.conf"; then
	t_pass pkg-version "VERSION, debian/changelog and the spec say $version"
else
	t_fail pkg-version "VERSION $version, debian/changelog $debver, spec $specver (dkms.conf must keep #MODULE_VERSION#)"
fi

# --- the shipped modprobe.d file has a commented line for every module parameter
conf=$top/packaging/usr/lib/modprobe.d/pstore-kho.conf
params=$(sed -n 's/^module_param(\([a-z_]*\),.*/\1/p' "$top"/src/*.c)
missing=
for p in $params; do
	grep -q "^#options pstore_kho $p=[0-9]*\$" "$conf" || missing="$missing $p"
done
if [ -z "$params" ]; then
	t_fail modprobe-conf "no module_param() found in src/"
elif [ -n "$missing" ]; then
	t_fail modprobe-conf "no '#options pstore_kho NAME=default' line in packaging/usr/lib/modprobe.d/pstore-kho.conf for:$missing"
else
	t_pass modprobe-conf "$(echo $params | wc -w) parameters documented: $(echo $params)"
fi

# --- the source list: a tree where make ran has objects in src/, none is
# packaged; a source file the list does not name stops the package build.
run_lines "$here/src-files.sh"

# --- the KHO kernels' .debs (bindeb-pkg, cached; checked below), the four
# at once from here on: each is mostly one busy core (dpkg-deb compresses),
# and the systemd guests wait for the image they go into.
declare -A kdeb kdeb_pid
for k in 7.3 7.2 7.0 6.18; do
	"$here/kernel-debs.sh" "$k" >"$out/kernel-debs-$k.dir" 2>"$out/kernel-debs-$k.log" &
	kdeb_pid[$k]=$!
done

# --- make deb (its script fails on lintian errors/warnings)
deb=
if "$top/packaging/deb.sh" "$out/deb" >"$out/deb.log" 2>&1; then
	deb=$out/deb/pstore-kho-dkms_${version}_all.deb
	t_pass deb-build "$(lintian --version): no errors or warnings; $(grep -c '^[IPO]:' "$out/deb/lintian.log") info/pedantic tags: $(sed -n 's/^\([IPO]\): [^:]*: \([^ ]*\).*/\1 \2/p' "$out/deb/lintian.log" | sort -u | paste -sd, -)"
else
	t_fail deb-build "$(tail -5 "$out/deb.log" | paste -sd' ')"
fi

# package_checks: what needs the packages but not the guests' image: trixie's
# lintian, make rpm (rpmlint), what each package installs, the documentation
# against them; shellcheck. After the image step, beside the guests.
package_checks() {
	local n
	if [ -n "$deb" ]; then
		run_lines "$here/lintian-trixie.sh" "$out/deb"
	else
		t_fail deb-lintian-trixie "not run: no .deb"
	fi
	rpm=
	if "$top/packaging/rpm.sh" "$out/rpm" >"$out/rpm.log" 2>&1; then
		rpm=$(ls "$out"/rpm/RPMS/noarch/pstore-kho-dkms-"$version"-*.noarch.rpm)
		t_pass rpm-build "rpmlint: $(grep -o '[0-9]* packages and [0-9]* specfiles checked; [0-9]* errors, [0-9]* warnings' "$out/rpm.log")"
	else
		t_fail rpm-build "$(tail -5 "$out/rpm.log" | paste -sd' ')"
	fi
	# --- what each package installs besides the module source
	run_lines "$here/contents.sh" "$deb" "$rpm"
	# --- the documentation against the packages and the tools
	if [ -n "$deb" ] && [ -n "$rpm" ]; then
		run_lines "$here/docs.sh" "$deb" "$rpm"
	else
		for n in doc-paths unit-docs checker-man readme-boot-args; do t_fail $n "not run: no .deb or no .rpm"; done
	fi
	run_lines "$here/shellcheck.sh"
}
if [ -z "$deb" ]; then
	wait
	package_checks
	fail_later "no .deb"
fi

# --- the inputs of the trixie tests: the KHO kernels' .debs, the root
for k in 7.3 7.2 7.0 6.18; do
	if ! wait "${kdeb_pid[$k]}"; then
		wait
		t_fail kernel-debs "bindeb-pkg of the $k KHO kernel failed: $(tail -3 "$out/kernel-debs-$k.log" | paste -sd' ')"
		done_ kernel-debs
		package_checks
		fail_later "no .debs of the $k KHO kernel"
	fi
	kdeb[$k]=$(cat "$out/kernel-debs-$k.dir")
done
t_pass kernel-debs "linux-image and linux-headers .debs of the 7.3, 7.2, 7.0 and 6.18 KHO kernels"
done_ kernel-debs
# bindeb-pkg must leave the cached test kernels as they are (it runs in the
# tree, with the stamp the kernel was built with: kernel-debs.sh): the
# bzImage's hash before and after it ran, and now.
changed=
for k in 7.3 7.2 7.0 6.18; do
	now=$(sha256sum <"$("$top/tests/kernel/build.sh" "$k" 2>/dev/null)/arch/x86/boot/bzImage" | cut -d' ' -f1)
	read -r b a <"${kdeb[$k]}/tree-bzimage"
	[ "$b" = "$a" ] && [ "$a" = "$now" ] || changed="$changed $k"
done
if [ -n "$changed" ]; then
	t_fail kernel-tree-untouched "the cached test kernel changed while its .debs were made:$changed"
else
	t_pass kernel-tree-untouched "bzImages of the cached 7.3, 7.2, 7.0 and 6.18 trees unchanged by bindeb-pkg"
fi
done_ kernel-tree-untouched
if ! base=$("$here/root.sh" 2>"$out/root.log"); then
	t_fail root-trixie "mmdebstrap failed: $(tail -3 "$out/root.log" | paste -sd' ')"
	done_ root-trixie
	package_checks
	fail_later "no trixie root"
fi
t_pass root-trixie "$base"
done_ root-trixie

# --- the systemd guests' image (image.sh). make check boots them while the
# tests below run (run-tests.sh, packages_and_guests): GUEST_IMAGE_FILE
# appears when this step is over, with guest-image.sh's two lines (the
# image, the .deb's directory), or empty if the image failed.
if img=$("$here/image.sh" "$base" "$out/deb" "${kdeb[7.3]}" "${kdeb[7.2]}" "${kdeb[7.0]}" "${kdeb[6.18]}" 2>"$out/image.log"); then
	printf '%s\n%s\n' "$img" "$out/deb" >"$out/guest-image.tmp"
	mv "$out/guest-image.tmp" "$GUEST_IMAGE_FILE"
	t_pass guest-image "$img"
else
	: >"$GUEST_IMAGE_FILE"
	t_fail guest-image "$(tail -3 "$out/image.log" | paste -sd' ')"
fi
done_ guest-image
package_checks

# A fresh root for every run, so a test never sees the previous run's state.
root=$cache/dkms/work/root
aptcache=$cache/dkms/apt-archives
rm -rf "$cache/dkms/work"
mkdir -p "$root"
cp -a "$base/." "$root/"
mkdir -p "$root/debs/src"
cp "$deb" "${kdeb[7.3]}"/linux-image-*.deb "${kdeb[7.3]}"/linux-headers-*.deb "$root/debs/"
for k in 7.2 7.0 6.18; do
	mkdir -p "$root/debs/$k"
	cp "${kdeb[$k]}"/linux-image-*.deb "${kdeb[$k]}"/linux-headers-*.deb "$root/debs/$k/"
done
cp "$deb" "$out"/deb/*.dsc "$out"/deb/*.tar.* "$root/debs/src/"
in_root() { "$here/chroot.sh" "$root" "$aptcache" "$@"; }
apt_root() { in_root apt-get -y -q -o Dpkg::Use-Pty=0 "$@"; }
# Kernel release of a kernel .deb ("7.3.4" for linux-headers-7.3.4_..._amd64.deb).
krel() { dpkg-deb -f "$1" Package | sed 's/^linux-[a-z]*-//'; }
# dkms's own word on the module for one kernel: installed, built, added or nothing.
dkms_state() { in_root dkms status -m pstore-kho -v "$version" -k "$1" 2>/dev/null | sed -n 's/.*: //p'; }
ko_of() { ls "$root/lib/modules/$1/updates/dkms/"pstore_kho.ko* 2>/dev/null | head -1; }

if ! apt_root update >"$out/apt-update.log" 2>&1; then
	t_fail apt-update "apt-get update in the trixie root failed: $(tail -2 "$out/apt-update.log" | paste -sd' ')"
	done_ apt-update
	fail_later "apt-get update failed"
fi
t_pass apt-update "trixie and trixie-backports lists in the root"

# --- 7.3 KHO kernel and its headers first, then the package: its postinst builds.
rel73=$(krel "$(ls "$root"/debs/linux-headers-*.deb)")
apt_root install $(cd "$root" && ls debs/linux-*.deb | sed 's|^|/|') >"$out/install-7.3.log" 2>&1 &&
	apt_root install "/debs/$(basename "$deb")" >"$out/install-deb.log" 2>&1
st=$?
ko=$(ko_of "$rel73")
if [ "$st" != 0 ]; then
	t_fail dkms-install-7.3 "apt failed (exit $st): $(tail -3 "$out"/install-*.log | paste -sd' ')"
elif [ "$(dkms_state "$rel73")" != installed ] || [ -z "$ko" ]; then
	t_fail dkms-install-7.3 "dkms status: '$(dkms_state "$rel73")', module: ${ko:-none}; $(grep -i -m3 -E 'error|warn' "$out/install-deb.log" | paste -sd' ')"
elif [ "$(modinfo -F version "$ko")" != "$version" ]; then
	t_fail dkms-install-7.3 "$ko has version '$(modinfo -F version "$ko")', not $version"
else
	t_pass dkms-install-7.3 "dkms: installed for $rel73, ${ko#"$root"}, version $version"
fi

# --- the 7.2, 7.0 and 6.18 kernels later: dkms builds for each unasked, with
# the KHO API form its probes find. bindeb-pkg's headers package has no
# maintainer scripts (Debian's run /etc/kernel/header_postinst.d, see the
# stock kernels below); its image package runs /etc/kernel/postinst.d, where
# dkms's hook builds for the new kernel.
for k in 7.2 7.0 6.18; do
	rel=$(krel "$(ls "$root"/debs/$k/linux-headers-*.deb)")
	if apt_root install $(cd "$root" && ls debs/$k/linux-*.deb | sed 's|^|/|') >"$out/install-$k.log" 2>&1; then
		ko=$(ko_of "$rel")
		if [ "$(dkms_state "$rel")" = installed ] && [ -n "$ko" ] &&
			grep -q "Autoinstall on $rel succeeded for module(s) pstore-kho" "$out/install-$k.log"; then
			t_pass "dkms-autoinstall-$k" "dkms autoinstall from the kernel's postinst.d hook built and installed it for $rel, KHO API $(modinfo -F kho_api "$ko")"
		else
			t_fail "dkms-autoinstall-$k" "dkms status for $rel: '$(dkms_state "$rel")', module: ${ko:-none}, autoinstall: $(grep -m1 "Autoinstall on" "$out/install-$k.log")"
		fi
	else
		t_fail "dkms-autoinstall-$k" "apt failed: $(tail -3 "$out/install-$k.log" | paste -sd' ')"
	fi
done
rel72=$(krel "$(ls "$root"/debs/7.2/linux-headers-*.deb)")

# --- the header layouts of distributions (header-layouts.sh: Debian's split
# headers, Ubuntu's linked ones, and a KHO kernel the module does not
# support): on trixie's dkms, unasked on apt install; on bookworm's, which
# the package cannot depend on (bookworm.sh says why), from our dkms.conf.
layout_tests="dkms-layout-debian-trixie dkms-layout-no-pages-trixie dkms-layout-ubuntu-trixie
	bookworm-dkms-floor dkms-3.0.10-layout-debian dkms-3.0.10-layout-ubuntu dkms-3.0.10-skip-no-pages
	dkms-3.0.10-skip-stock dkms-3.0.10-autoinstall-skip kexec-tools-bookworm checker-kexec-tools-bookworm"
if layouts=$("$here/header-layouts.sh" "${kdeb[7.3]}" 2>"$out/header-layouts.log"); then
	run_lines "$here/layouts.sh" "$root" "$layouts" trixie
	run_lines "$here/bookworm.sh" "$deb" "$layouts"
else
	for n in $layout_tests; do t_fail "$n" "the header layouts were not made: $(tail -3 "$out/header-layouts.log" | paste -sd' ')"; done
fi
done_ $layout_tests

# --- the package's own autopkgtest, with the KHO kernels' headers installed:
# `build` builds and installs for both; `load` (isolation-machine) is not for
# a chroot, the systemd guest runs it (guest-tests/kexec.sh).
run_lines "$here/autopkgtest.sh" "$root" build "$rel73 $rel72"

# --- Debian's stock headers (KHO off): apt succeeds, dkms skips, `dkms build` exits 77,
# and `make` from the checkout refuses in one line.
stock_headers() { # NAME SERIES [APT-OPTION...]
	local name=$1 series=$2 pkg rel log=$out/install-$1.log st
	shift 2
	# The generic flavour: linux-headers-7.3.4+deb13-amd64, not -cloud-amd64 or -rt-amd64.
	pkg=$(in_root apt-cache pkgnames "linux-headers-$series" |
		grep -E -- "^linux-headers-$series\.[0-9]+\+[a-z0-9]+-amd64\$" | sort -V | tail -1)
	[ -n "$pkg" ] || { t_skip "$name" not-offered "no linux-headers-$series*-amd64 in trixie/trixie-backports any more"; return; }
	rel=${pkg#linux-headers-}
	apt_root install "$@" "$pkg" >"$log" 2>&1
	st=$?
	if [ "$st" != 0 ]; then
		t_fail "$name" "apt install $pkg failed (exit $st): $(tail -3 "$log" | paste -sd' ')"
		return
	fi
	in_root dkms build -m pstore-kho -v "$version" -k "$rel" >"$out/build-$name.log" 2>&1
	st=$?
	# "added" is dkms's state of the module source, kernel or not: not built.
	if [ -n "$(dkms_state "$rel" | grep -v '^added$')" ] || [ -n "$(ko_of "$rel")" ]; then
		t_fail "$name" "dkms status for $rel: $(dkms_state "$rel"), module: $(ko_of "$rel")"
	elif [ "$st" != 77 ]; then
		t_fail "$name" "dkms build for $rel exited $st, not 77: $(tail -3 "$out/build-$name.log" | paste -sd' ')"
	elif ! grep -q 'header_postinst.d/dkms' "$log" || ! grep -q BUILD_EXCLUSIVE "$log"; then
		t_fail "$name" "the headers' postinst (header_postinst.d/dkms) did not report a BUILD_EXCLUSIVE skip"
	else
		t_pass "$name" "$pkg: apt ok, dkms skipped it (BUILD_EXCLUSIVE), dkms build exit 77"
	fi
	STOCK_REL=$rel
}
STOCK_REL=
# Backports is not taken by default, even in the root.
stock_headers dkms-skip-stock-7.3 7.3 -t trixie-backports
stock_headers dkms-skip-stock-7.2 7.2 -t trixie-backports
stock_headers dkms-skip-stock-6.12 6.12
if [ -n "$STOCK_REL" ]; then
	mkdir -p "$root/tmp/pkho"
	cp -r "$top/Makefile" "$top/Kbuild" "$top/VERSION" "$top/src" "$root/tmp/pkho/"
	in_root make -C /tmp/pkho KERNELRELEASE="$STOCK_REL" >"$out/make-stock.log" 2>&1
	st=$?
	want="*** pstore_kho: kernel $STOCK_REL is built without CONFIG_KEXEC_HANDOVER=y"
	if [ "$st" = 0 ]; then
		t_fail kbuild-refusal "make against $STOCK_REL succeeded"
	elif ! grep -qF -- "$want" "$out/make-stock.log"; then
		t_fail kbuild-refusal "no refusal line: $(grep -m3 -E 'error|\*\*\*' "$out/make-stock.log" | paste -sd' ')"
	elif grep -q 'error:' "$out/make-stock.log"; then
		t_fail kbuild-refusal "compiler errors besides the refusal"
	else
		t_pass kbuild-refusal "$(grep -oF -- "pstore_kho: kernel $STOCK_REL is built without CONFIG_KEXEC_HANDOVER=y" "$out/make-stock.log")"
	fi
else
	t_skip kbuild-refusal not-offered "no stock linux-headers-*-amd64 in trixie/trixie-backports any more"
fi

# --- dracut leaves the module out of the initramfs.
run_lines "$here/initramfs.sh" "$root" "$rel73"

# --- the rpm's scriptlets, in a root of their own.
if [ -n "$rpm" ]; then
	run_lines "$here/rpm-cycle.sh" "$base" "$rpm" "${kdeb[7.3]}"
else
	for n in rpm-install rpm-reinstall rpm-release-bump rpm-upgrade rpm-erase; do t_fail $n "not run: no .rpm"; done
fi

# --- purge: the module is gone from every kernel, and dkms forgot it.
kos() { (cd "$root" && find lib/modules -name 'pstore_kho.ko*' | paste -sd' '); }
before=$(kos)
if [ -z "$before" ]; then
	t_fail dkms-purge "no module was installed, nothing to see removed"
elif apt_root purge pstore-kho-dkms >"$out/purge.log" 2>&1; then
	left=$(kos)
	if [ -n "$left" ] || [ -e "$root/var/lib/dkms/pstore-kho" ] || [ -e "$root/usr/src/pstore-kho-$version" ]; then
		t_fail dkms-purge "left behind: $left $(ls -d "$root/var/lib/dkms/pstore-kho" "$root/usr/src/pstore-kho-$version" 2>/dev/null)"
	else
		t_pass dkms-purge "removed $(echo "$before" | wc -w) modules ($before); dkms tree and /usr/src entry gone"
	fi
else
	t_fail dkms-purge "apt purge failed: $(tail -3 "$out/purge.log" | paste -sd' ')"
fi

# --- the autopkgtest on a testbed without KHO headers says why it skips.
if apt_root purge $(for k in 7.2 7.0 6.18; do echo "linux-headers-$(krel "$(ls "$root"/debs/$k/linux-headers-*.deb)")"; done) \
	"linux-headers-$rel73" >"$out/purge-headers.log" 2>&1; then
	run_lines "$here/autopkgtest.sh" "$root" skip ""
	# The dkms test Debian's CI generates from Testsuite: autopkgtest-pkg-dkms
	# (last: it disables dkms autoinstall in the root).
	run_lines "$here/autopkgtest.sh" "$root" dkms "$(cd "$root/lib/modules" && ls -d */build | cut -d/ -f1 | paste -sd' ')"
else
	t_fail autopkgtest-skip "apt purge of the KHO headers failed: $(tail -3 "$out/purge-headers.log" | paste -sd' ')"
	t_fail autopkgtest-dkms "not run: apt purge of the KHO headers failed"
fi
rm -rf "$cache/dkms/work"
finish
