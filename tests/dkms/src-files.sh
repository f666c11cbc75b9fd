#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# packaging/install-src.sh, which both packages use to fill /usr/src: in a
# copy of the tree where `make` built the module (objects, command files and
# the probes' generated header in src/), it installs exactly the files
# packaging/src-files names and none of the build's; and a source file the
# list does not name (in a directory no line covers) stops it. Prints one PASS/FAIL line each.
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
out=$top/tests/out/dkms/src-files
rm -rf "$out"
mkdir -p "$out"
"$top/packaging/export.sh" "$out/tree"
kdir=$("$top/tests/kernel/build.sh" 7.3 2>/dev/null)
if [ -z "$kdir" ]; then
	echo "FAIL  src-files-built-tree: the 7.3 test kernel did not build"
elif ! make -C "$out/tree" KDIR="$kdir" >"$out/make.log" 2>&1; then
	echo "FAIL  src-files-built-tree: make in the tree failed: $(tail -3 "$out/make.log" | paste -sd' ')"
else
	left=$(cd "$out/tree" && find src -name '*.o' -o -name '*.cmd' -o -name generated.h | wc -l)
	if ! "$out/tree/packaging/install-src.sh" "$out/dest" 2>"$out/install.log"; then
		echo "FAIL  src-files-built-tree: install-src.sh failed: $(cat "$out/install.log")"
	else
		# What the list names, expanded in the clean checkout.
		want=$(cd "$top" && grep -v -e '^#' -e '^$' packaging/src-files | while read -r p; do ls -d $p; done | sort)
		got=$(cd "$out/dest" && find . -type f | sed 's|^\./||' | sort)
		if [ "$got" != "$want" ]; then
			echo "FAIL  src-files-built-tree: installed files differ from packaging/src-files: $(diff <(echo "$want") <(echo "$got") | grep '^[<>]' | paste -sd' ')"
		elif [ "$left" = 0 ]; then
			echo "FAIL  src-files-built-tree: make left no objects in src/, the test proves nothing"
		else
			echo "PASS  src-files-built-tree  (make left $left objects/command files in src/; $(echo "$got" | wc -l) listed files installed, none of them)"
		fi
	fi
fi
# The install-src.sh of the copy reads the copy's list and src/. A new
# directory: src/*.c would take a new file in src/ itself.
mkdir -p "$out/tree/src/pkho_new"
echo 'int pkho_new;' >"$out/tree/src/pkho_new/file.c"
if "$out/tree/packaging/install-src.sh" "$out/dest2" 2>"$out/unlisted.log"; then
	echo "FAIL  src-files-unlisted: src/pkho_new/file.c is not in the list, yet install-src.sh succeeded"
elif grep -q 'not in packaging/src-files.*src/pkho_new/file.c' "$out/unlisted.log"; then
	echo "PASS  src-files-unlisted  ($(cat "$out/unlisted.log"))"
else
	echo "FAIL  src-files-unlisted: failed, but not naming the file: $(cat "$out/unlisted.log")"
fi
