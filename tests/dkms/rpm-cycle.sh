#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The rpm's scriptlets for real: the host's rpm installs into a copy of the
# trixie root (`rpm --root`, scriptlets chrooted there, run by trixie's dkms
# and gcc) holding the 7.3 KHO kernel and its headers. --nodeps: the root's
# packages are in dpkg's database, not rpm's, so rpm cannot know dkms is
# there. Install, reinstall, release bump, upgrade to a newer version and
# erase must each leave dkms with exactly the package's version installed,
# or with nothing. Prints one PASS/FAIL line per step.
#
#   rpm-cycle.sh BASE-ROOT RPM KERNEL-DEB-DIR
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
base=$1 rpm1=$2 kdebs=$3
cache=${PSTORE_KHO_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pstore-kho}
out=$top/tests/out/dkms/rpm-cycle
version=$(cat "$top/VERSION")
newer=$version.1
. "$top/tests/lib.sh" >/dev/null
steps="rpm-install rpm-reinstall rpm-release-bump rpm-upgrade rpm-erase"
fail_all() { for s in $steps; do t_fail "$s" "$1"; done; exit 0; }
rm -rf "$out"
mkdir -p "$out"

# --- the same package as release 2, and as a newer version: built from copies
# of the tree with the spec (and VERSION) changed, by the same packaging/rpm.sh.
variant() { # VERSION RELEASE -> prints the .rpm
	local v=$1 r=$2 src=$out/src-$1-$2 spec day
	"$top/packaging/export.sh" "$src" || return 1
	echo "$v" >"$src/VERSION"
	spec=$src/rpm/pstore-kho-dkms.spec
	# Dated as the newest entry: rpmlint wants the changelog in order.
	day=$(sed -n '/^%changelog$/{n;p;q}' "$spec" | cut -d' ' -f2-5)
	sed -i -e "s/^Version: .*/Version:        $v/" -e "s/^Release: .*/Release:        $r%{?dist}/" \
		-e "s/^%changelog\$/%changelog\n* $day pstore-kho-dkms maintainers <maintainers@users.noreply.r-seed-f8f39777.example> - $v-$r\n- Test build of tests\/dkms\/rpm-cycle.sh\n/" "$spec"
	"$src/packaging/rpm.sh" "$out/rpm-$v-$r" >"$out/rpm-$v-$r.log" 2>&1 || return 1
	ls "$out/rpm-$v-$r"/RPMS/noarch/*.rpm
}
rpm2=$(variant "$version" 2) || fail_all "building release 2 failed: $(tail -3 "$out/rpm-$version-2.log" | paste -sd' ')"
rpm3=$(variant "$newer" 1) || fail_all "building version $newer failed: $(tail -3 "$out/rpm-$newer-1.log" | paste -sd' ')"

# --- the root: a fresh copy with the 7.3 KHO kernel and its headers.
root=$cache/dkms/rpm-work/root
rm -rf "$cache/dkms/rpm-work"
mkdir -p "$root"
cp -a "$base/." "$root/"
mkdir -p "$root/debs"
cp "$kdebs"/linux-image-*.deb "$kdebs"/linux-headers-*.deb "$root/debs/"
in_root() { "$here/chroot.sh" "$root" "$cache/dkms/apt-archives" "$@"; }
{
	in_root apt-get update -q &&
	in_root apt-get install -y -q -o Dpkg::Use-Pty=0 $(cd "$root" && ls debs/*.deb | sed 's|^|/|')
} >"$out/kernel.log" 2>&1 || fail_all "installing the 7.3 kernel into the root failed: $(tail -3 "$out/kernel.log" | paste -sd' ')"
rel=$(cd "$root/lib/modules" && ls -d */build | head -1 | cut -d/ -f1)
rpm_root() { "$here/mounts.sh" "$root" rpm --root "$root" --dbpath /var/lib/rpm "$@"; }
rpm_root --initdb >"$out/initdb.log" 2>&1 || fail_all "rpm --initdb failed: $(tail -2 "$out/initdb.log" | paste -sd' ')"

# state NAME VERSION: dkms knows exactly VERSION, installed for the kernel,
# the module file is that version, and only VERSION's source is in /usr/src.
makelog() { echo "$root/var/lib/dkms/pstore-kho/$1/$rel/x86_64/log/make.log"; }
state() {
	local name=$1 v=$2 st want ko srcs vers
	st=$(in_root dkms status -m pstore-kho 2>&1)
	want="pstore-kho/$v, $rel, x86_64: installed"
	ko=$(find "$root/lib/modules/$rel" -name 'pstore_kho.ko*' | head -1)
	srcs=$(cd "$root/usr/src" && ls -d pstore-kho-* 2>/dev/null | paste -sd' ')
	vers=$(cd "$root/var/lib/dkms/pstore-kho" 2>/dev/null && ls -d [0-9]* | paste -sd' ')
	if [ "$st" != "$want" ]; then
		t_fail "$name" "dkms status says '$(echo "$st" | paste -sd'|')', want '$want'"
	elif [ -z "$ko" ] || [ "$(modinfo -F version "$ko")" != "$v" ]; then
		t_fail "$name" "module ${ko:-missing} is version '$(modinfo -F version "$ko" 2>/dev/null)', want $v"
	elif [ "$srcs" != "pstore-kho-$v" ] || [ "$vers" != "$v" ]; then
		t_fail "$name" "/usr/src has '$srcs', /var/lib/dkms/pstore-kho has '$vers'; want only $v"
	else
		return 0
	fi
	return 1
}
# step NAME LOG RPM-ARGS...: run rpm, fail the step on its exit status or a
# dkms complaint in the scriptlets' output.
step() {
	local name=$1 log=$out/$1.log
	shift
	if ! rpm_root --nodeps "$@" >"$log" 2>&1; then
		t_fail "$name" "rpm $* failed: $(tail -3 "$log" | paste -sd' ')"
		return 1
	fi
	if grep -q -i -e broken -e 'Manual intervention' -e 'Error!' "$log"; then
		t_fail "$name" "scriptlet output: $(grep -i -m2 -e broken -e 'Manual intervention' -e 'Error!' "$log" | paste -sd' ')"
		return 1
	fi
}
nvr() { rpm_root -q pstore-kho-dkms 2>&1 | paste -sd' '; }

# Fresh install: the module is built for the kernel whose headers are there.
step rpm-install -i "$rpm1" && state rpm-install "$version" &&
	t_pass rpm-install "$(nvr): dkms built and installed $version for $rel"

# Reinstall and release bump: the same version, rebuilt from the package's
# (possibly changed) source, never left behind as a second or broken entry.
before=$(stat -c %Y "$(makelog "$version")" 2>/dev/null)
sleep 1
step rpm-reinstall --reinstall "$rpm1" && state rpm-reinstall "$version" &&
	if [ "$(stat -c %Y "$(makelog "$version")" 2>/dev/null)" = "$before" ]; then
		t_fail rpm-reinstall "the module was not rebuilt"
	else
		t_pass rpm-reinstall "$(nvr): $version rebuilt and installed, nothing else"
	fi
before=$(stat -c %Y "$(makelog "$version")" 2>/dev/null)
sleep 1
step rpm-release-bump -U "$rpm2" && state rpm-release-bump "$version" &&
	if [ "$(stat -c %Y "$(makelog "$version")" 2>/dev/null)" = "$before" ]; then
		t_fail rpm-release-bump "the module was not rebuilt"
	else
		t_pass rpm-release-bump "$(nvr): $version rebuilt and installed, nothing else"
	fi

# Upgrade: the old version leaves dkms cleanly (not "broken" with its source
# gone), the new one is built.
step rpm-upgrade -U "$rpm3" && state rpm-upgrade "$newer" &&
	t_pass rpm-upgrade "$(nvr): $version removed from dkms and /lib/modules, $newer installed; dkms status: $(in_root dkms status 2>&1 | paste -sd'|')"

# Erase: nothing of the module anywhere.
if step rpm-erase -e pstore-kho-dkms; then
	st=$(in_root dkms status 2>&1)
	left=$(cd "$root" && { ls -d var/lib/dkms/pstore-kho usr/src/pstore-kho-* 2>/dev/null; find lib/modules -name 'pstore_kho.ko*'; } | paste -sd' ')
	if [ -n "$st" ] || [ -n "$left" ]; then
		t_fail rpm-erase "left behind: dkms status '$st', files: $left"
	else
		t_pass rpm-erase "dkms status empty; no /var/lib/dkms/pstore-kho, /usr/src/pstore-kho-*, pstore_kho.ko"
	fi
fi
rm -rf "$cache/dkms/rpm-work"
