#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Print the path of a sparse new enough for the 7.x kernels (they use
# __typeof_unqual__, which Debian 12's sparse 0.6.4 rejects), building it
# once from Debian's newest source package into the cache.
set -eu
cache=${PSTORE_KHO_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pstore-kho}/tools
# The kernel's own test of a usable checker (scripts/checker-valid.sh).
usable() {
	printf 'static inline int u(const int *q)\n{\n\t__typeof_unqual__(*q) v = *q;\n\treturn v;\n}\n' >"$cache/probe.c"
	! "$1" "$cache/probe.c" 2>&1 | grep -q error
}
mkdir -p "$cache"
if [ -x "$cache/sparse/sparse" ] && usable "$cache/sparse/sparse"; then
	echo "$cache/sparse/sparse"
	exit 0
fi
if command -v sparse >/dev/null && usable sparse; then
	command -v sparse
	exit 0
fi
here=$(dirname "$(readlink -f "$0")")
PSTORE_KHO_DEB_SRC=sid "$here/apt-suites.sh" >&2
work=$(mktemp -d)
chmod 755 "$work"  # apt downloads as _apt
trap 'rm -rf "$work"' EXIT
(cd "$work" && apt-get source -qq --download-only sparse/sid >&2 &&
	dpkg-source -x --no-check --skip-patches sparse_*.dsc src >&2 &&
	make -s -C src sparse >&2) || { echo "sparse.sh: could not build sparse" >&2; exit 1; }
rm -rf "$cache/sparse"
mkdir -p "$cache/sparse"
cp "$work/src/sparse" "$cache/sparse/"
usable "$cache/sparse/sparse" || { echo "sparse.sh: the built sparse is not usable either" >&2; exit 1; }
echo "$cache/sparse/sparse"
