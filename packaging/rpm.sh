#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# `make rpm`: build pstore-kho-dkms.noarch.rpm and the source rpm with rpmbuild
# (Debian's rpm package) under OUTDIR, then run rpmlint on the spec and both.
#
#   rpm.sh [OUTDIR]      (default tests/out/rpm) -> OUTDIR/RPMS/noarch/pstore-kho-dkms-<version>-1.noarch.rpm
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$top/tests/out/rpm}
spec=$top/rpm/pstore-kho-dkms.spec
version=$(cat "$top/VERSION")
specver=$(sed -n 's/^Version: *//p' "$spec")
[ "$specver" = "$version" ] || { echo "rpm: spec Version $specver, VERSION $version" >&2; exit 1; }
rm -rf "$out"
mkdir -p "$out/SOURCES" "$out/tmp"
"$top/packaging/export.sh" "$out/tmp/pstore-kho-dkms-$version"
tar -C "$out/tmp" -czf "$out/SOURCES/pstore-kho-dkms-$version.tar.gz" "pstore-kho-dkms-$version"
rm -rf "$out/tmp"
# Debian's rpm has no rpm database to satisfy BuildRequires from (--nodeps),
# and no systemd-rpm-macros: rpm/macros.systemd-fallback gives what they do.
# Its brp-compress (man pages) uses bash's `read -d` but names /bin/sh.
macros=()
[ -n "$(rpm --eval '%{?systemd_post:yes}')" ] || macros=(--load "$top/rpm/macros.systemd-fallback")
rpmbuild --nodeps "${macros[@]}" --define "_topdir $out" \
	--define "__brp_compress /bin/bash /usr/lib/rpm/brp-compress %{_prefix}" \
	-ba "$spec" >"$out/build.log" 2>&1 ||
	{ tail -30 "$out/build.log" >&2; exit 1; }
# rpmlint checks the result where it is installed (make check installs it:
# tests/setup/host-deps.sh); a build without it says so and still succeeds.
if ! command -v rpmlint >/dev/null; then
	echo "rpm: rpmlint is not installed, not run (apt install rpmlint, or dnf install rpmlint)" >&2
	echo "rpm: $(ls "$out"/RPMS/noarch/*.rpm)"
	exit 0
fi
st=0
rpmlint -c "$top/rpm/rpmlint.toml" -r "$top/rpm/pstore-kho-dkms.rpmlintrc" "$spec" "$out"/SRPMS/*.src.rpm "$out"/RPMS/noarch/*.rpm >"$out/rpmlint.log" 2>&1 || st=$?
cat "$out/rpmlint.log"
[ "$st" = 0 ] || { echo "rpm: rpmlint failed (exit $st)" >&2; exit 1; }
echo "rpm: $(ls "$out"/RPMS/noarch/*.rpm)"
