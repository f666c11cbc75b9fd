#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The .deb and source package made on this (bookworm) host, checked by
# trixie's lintian, run inside a cached trixie root that has it: a newer
# lintian knows other tags, and an override naming a tag it no longer has is
# an error there ("alien-tag"). Errors and warnings fail, as in make deb.
# Prints one PASS/FAIL line.
#
#   lintian-trixie.sh DEB-OUT-DIR     (what packaging/deb.sh made)
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
debdir=$(cd "$1" && pwd)
cache=${PSTORE_KHO_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pstore-kho}
out=$top/tests/out/dkms
name=deb-lintian-trixie
version=$(cat "$top/VERSION")
if ! root=$("$here/root.sh" lintian 2>"$out/root-lintian.log"); then
	echo "FAIL  $name: mmdebstrap of the trixie root with lintian failed: $(tail -3 "$out/root-lintian.log" | paste -sd' ')"
	exit 0
fi
log=$out/lintian-trixie.log
# The root is shared and cached: the packages are seen at /mnt, not copied in.
PKHO_BIND=$debdir "$here/chroot.sh" "$root" "$cache/dkms/apt-archives" sh -c \
	"cd /mnt && lintian --version && lintian --display-info --pedantic --fail-on error,warning pstore-kho-dkms_${version}_*.changes" \
	>"$log" 2>&1
st=$?
lver=$(head -1 "$log")
tags=$(grep -c '^[EWIPO]: ' "$log")
if [ "$st" != 0 ]; then
	echo "FAIL  $name: $lver exit $st: $(grep -m5 '^[EW]: ' "$log" | paste -sd' ')"
else
	echo "PASS  $name  ($lver: no errors or warnings; $tags info/pedantic tags: $(sed -n 's/^\([IPO]\): [^:]*: \([^ ]*\).*/\1 \2/p' "$log" | sort -u | paste -sd, -))"
fi
