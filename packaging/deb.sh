#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# `make deb`: build the source and binary package pstore-kho-dkms with
# dpkg-buildpackage in a copy of the tree under OUTDIR, then run lintian on it.
#
#   deb.sh [OUTDIR]      (default tests/out/deb) -> OUTDIR/pstore-kho-dkms_<version>_all.deb
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$top/tests/out/deb}
version=$(cat "$top/VERSION")
rm -rf "$out"
"$top/packaging/export.sh" "$out/pstore-kho-dkms-$version"
cd "$out/pstore-kho-dkms-$version"
# -us -uc: unsigned, this is no upload.
dpkg-buildpackage -us -uc >"$out/build.log" 2>&1 || { tail -30 "$out/build.log" >&2; exit 1; }
cd "$out"
# lintian checks the result where it is installed (make check installs it:
# tests/setup/host-deps.sh); a build without it says so and still succeeds.
if ! command -v lintian >/dev/null; then
	echo "deb: lintian is not installed, not run (apt install lintian)" >&2
	echo "deb: $out/pstore-kho-dkms_${version}_all.deb"
	exit 0
fi
# Every tag down to info and pedantic is shown; errors and warnings fail.
st=0
lintian --display-info --pedantic --fail-on error,warning \
	pstore-kho-dkms_"$version"_*.changes >lintian.log 2>&1 || st=$?
grep -v "running with root privileges" lintian.log || true
[ "$st" = 0 ] || { echo "deb: lintian failed (exit $st)" >&2; exit 1; }
echo "deb: $out/pstore-kho-dkms_${version}_all.deb"
