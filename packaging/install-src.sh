#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Install the module source named in packaging/src-files into DEST (the
# package's /usr/src/pstore-kho-<version>/), keeping paths and modes. Used by
# debian/rules and the rpm spec alike, so both ship the same files.
#
#   install-src.sh DEST
#
# Stops when a line matches nothing (the list went stale) and when src/ holds
# a source file no line matches (it would be left out of the package, and the
# module would not build on the target).
set -eu
dest=${1:?usage: install-src.sh DEST}
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

declare -A listed
files=()
while read -r pattern; do
	case $pattern in '#'* | '') continue ;; esac
	n=0
	for f in $pattern; do
		[ -f "$f" ] || continue
		files+=("$f")
		listed[$f]=1
		n=$((n + 1))
	done
	[ "$n" -gt 0 ] || { echo "install-src.sh: '$pattern' in packaging/src-files matches no file" >&2; exit 1; }
done <packaging/src-files

# What a build in the tree leaves in src/ (kbuild's objects and command
# files, the probes' generated header) is not source.
unlisted=
while read -r f; do
	[ -n "${listed[$f]:-}" ] || unlisted="$unlisted $f"
done < <(find src -type f ! -name '*.o' ! -name '*.cmd' ! -name '*.mod' \
	! -name '*.mod.c' ! -name '*.ko' ! -name '*.a' ! -name '.*' \
	! -path src/compat/generated.h)
[ -z "$unlisted" ] || { echo "install-src.sh: not in packaging/src-files, so not packaged:$unlisted" >&2; exit 1; }

for f in "${files[@]}"; do
	mkdir -p "$dest/$(dirname "$f")"
	cp --preserve=mode "$f" "$dest/$f"
done
