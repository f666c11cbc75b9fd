#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# shellcheck, at warning level and above, on the shell the packages ship or
# build with: the autopkgtests (debian/tests/), the tools in
# packaging/usr/sbin/ and the build scripts packaging/*.sh. Prints one
# PASS/FAIL line.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
files=$(grep -l '^#!/bin/sh' debian/tests/* packaging/usr/sbin/* 2>/dev/null; ls packaging/*.sh)
if ! command -v shellcheck >/dev/null; then
	echo "FAIL  shellcheck: shellcheck is not installed (tests/setup/host-deps.sh installs it)"
elif out=$(shellcheck -S warning $files 2>&1); then
	echo "PASS  shellcheck  ($(shellcheck --version | sed -n 's/^version: //p'), warning level: $(echo $files | wc -w) scripts clean)"
else
	echo "FAIL  shellcheck: $(echo "$out" | grep -o -e '^In [^ ]* line [0-9]*' -e 'SC[0-9]*[^.]*' | paste -sd' ' | cut -c1-400)"
fi
